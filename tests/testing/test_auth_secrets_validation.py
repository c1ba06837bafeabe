"""Who may call, what secrets look like to them, how bad bodies are answered, and bulk."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from openmetadata_fluent.models.common import MASK
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.testing.conftest import Wire, payload

SECRET = "s3cret-sasl-password"


def _sasl(name: str = "secure_kafka", password: str = SECRET) -> dict[str, Any]:
    body = payload(name)
    body["connection"]["config"].update(
        securityProtocol="SASL_SSL", saslUsername="svc", saslPassword=password
    )
    return body


def test_missing_token_is_401(wire: Wire) -> None:
    resp = wire("GET", auth=False)
    assert resp.status_code == 401
    assert resp.json() == {"code": 401, "message": "Not Authorized! Token not present"}
    assert wire("GET", headers={"Authorization": "Basic abc"}, auth=False).status_code == 401


def test_read_only_user_gets_403_on_writes_but_can_read(fake: FakeOpenMetadata, wire: Wire) -> None:
    fake.add_token("viewer-token", "x", read_only=True)
    viewer = {"Authorization": "Bearer viewer-token"}
    resp = wire("POST", json=payload(), headers=viewer)
    assert resp.status_code == 403
    assert resp.json() == {
        "code": 403,
        "message": "Principal: CatalogPrincipal{name='x'} operations [Create] not allowed",
    }
    assert wire("GET", headers=viewer).status_code == 200
    assert fake.requests[-1].headers["authorization"] == "Bearer viewer-token"


def test_secrets_are_masked_for_users_and_clear_for_bots(
    fake: FakeOpenMetadata, wire: Wire
) -> None:
    fake.add_token("bot-token", "ingestion-bot", bot=True)
    created = wire("POST", json=_sasl())
    assert created.json()["connection"]["config"]["saslPassword"] == MASK == "*********"
    assert SECRET not in created.text
    as_bot = wire("GET", f"/{created.json()['id']}", headers={"Authorization": "Bearer bot-token"})
    assert as_bot.json()["connection"]["config"]["saslPassword"] == SECRET


def test_sending_the_mask_back_keeps_the_secret_and_is_no_change(
    fake: FakeOpenMetadata, wire: Wire
) -> None:
    (stored,) = fake.seed(_sasl())
    shown = wire("GET", f"/{stored['id']}").json()
    echoed = _sasl(password=shown["connection"]["config"]["saslPassword"])
    resp = wire("PUT", json=echoed)
    assert resp.headers["X-OpenMetadata-Change"] == "entityNoChange"
    assert resp.json()["version"] == 0.1
    patched = wire(
        "PATCH",
        f"/{stored['id']}",
        data=json.dumps(
            [{"op": "replace", "path": "/connection/config/saslPassword", "value": MASK}]
        ),
        headers={"Content-Type": "application/json-patch+json"},
    )
    assert patched.status_code == 200 and patched.json()["version"] == 0.1
    fake.add_token("bot", "bot", bot=True)
    clear = wire("GET", f"/{stored['id']}", headers={"Authorization": "Bearer bot"}).json()
    assert clear["connection"]["config"]["saslPassword"] == SECRET


def test_a_new_secret_is_a_change(fake: FakeOpenMetadata, wire: Wire) -> None:
    fake.seed(_sasl())
    resp = wire("PUT", json=_sasl(password="rotated"))
    assert resp.headers["X-OpenMetadata-Change"] == "entityUpdated"
    assert resp.json()["connection"]["config"]["saslPassword"] == MASK


def _mutate(**changes: Any) -> dict[str, Any]:
    body = payload()
    for dotted, value in changes.items():
        target = body
        *parents, last = dotted.split("__")
        for key in parents:
            target = target[key]
        if value is ...:
            del target[last]
        else:
            target[last] = value
    return body


@pytest.mark.parametrize(
    "body",
    [
        _mutate(colour="blue"),  # unknown key
        _mutate(serviceType="Kafkaa"),  # bad enum
        _mutate(name=42),  # wrong type
        _mutate(owners=[{"id": "not-a-uuid", "type": "user"}]),  # bad uuid
        _mutate(connection={"config": {}, "extra": 1}),  # unknown key beside config
        ["not", "an", "object"],
    ],
    ids=["unknown", "enum", "type", "uuid", "connection-key", "array"],
)
def test_mapping_failures_are_invalid_request_format(wire: Wire, body: Any) -> None:
    resp = wire("POST", json=body)
    assert resp.status_code == 400
    assert resp.json() == {"code": 400, "message": "Invalid request format"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (_mutate(name="a::b"), '[query param name must match "^((?!::).)*$"]'),
        (_mutate(name="x" * 257), "[query param name size must be between 1 and 256]"),
        (_mutate(name=...), "[query param name must not be null]"),
    ],
    ids=["pattern", "length", "required"],
)
def test_constraint_problems_are_bracketed(wire: Wire, body: Any, message: str) -> None:
    # Changed deliberately: the server prefixes every item with "query param ".
    resp = wire("PUT", json=body)
    assert resp.status_code == 400
    assert resp.json() == {"code": 400, "message": message}


@pytest.mark.parametrize(
    ("body", "first_line"),
    [
        (_mutate(connection__config__saslMechanism="MAGIC"), "[sample_kafka] to type [Kafka]"),
        (_mutate(serviceType="Redpanda"), "[sample_kafka] to type [Redpanda]"),
        (
            _mutate(connection__config__schemaRegistryURL="not a url"),
            "[sample_kafka] to type [Kafka]",
        ),
    ],
    ids=["nested-enum", "mismatch", "uri"],
)
def test_a_config_its_class_cannot_read_is_a_conversion_400(
    wire: Wire, body: Any, first_line: str
) -> None:
    # Changed deliberately: a config is converted after the request is read, so its
    # problems are the server's conversion message, not a mapping or bean failure.
    resp = wire("PUT", json=body)
    assert resp.status_code == 400
    first = resp.json()["message"].split("\n")[0]
    assert first == f"Failed to convert {first_line}. Review the connection."


def test_a_misspelt_config_key_is_named_by_the_server(wire: Wire) -> None:
    resp = wire("POST", json=_mutate(connection__config__bootstrapServer="x:1"))
    assert resp.json() == {
        "code": 400,
        "message": "Failed to encrypt 'Kafka' connection stored in DB due to an "
        "unrecognized field: 'bootstrapServer'",
    }


def test_malformed_json_is_unable_to_process_json(wire: Wire) -> None:
    # Changed deliberately: malformed JSON is Dropwizard's "Unable to process JSON".
    resp = wire("POST", data=b'{"name": ', headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json()["message"] == "Unable to process JSON"
    assert isinstance(resp.json()["details"], str)


def test_bulk_reports_each_row_and_masks_echoed_secrets(fake: FakeOpenMetadata, wire: Wire) -> None:
    fake.bulk_route = True  # services have no bulk route unless a test turns it on
    wire("PUT", json=payload("existing"))
    rows = [payload("existing", description="changed"), _sasl("new_one"), payload("bad::name")]
    resp = wire("PUT", "/bulk", json=rows)
    assert resp.status_code == 200
    body = resp.json()
    assert body["status"] == "partialSuccess"
    assert (
        body["numberOfRowsProcessed"],
        body["numberOfRowsPassed"],
        body["numberOfRowsFailed"],
    ) == (3, 2, 1)
    assert [r["status"] for r in body["successRequest"]] == [200, 201]
    assert body["successRequest"][1]["request"]["connection"]["config"]["saslPassword"] == MASK
    (failed,) = body["failedRequest"]
    assert failed["status"] == 400
    assert failed["message"] == '[query param name must match "^((?!::).)*$"]'
    assert failed["request"]["name"] == "bad::name"
    assert SECRET not in resp.text


def test_bulk_route_off_answers_405(wire: Wire) -> None:
    fake = FakeOpenMetadata(bulk_route=False)
    with fake.mock("http://other.test/api"):
        resp = Wire("http://other.test/api")("PUT", "/bulk", json=[payload()])
    assert resp.status_code == 405
    assert resp.json()["code"] == 405
    assert fake.requests[-1].json == [payload()]


def test_seed_and_reset(fake: FakeOpenMetadata, wire: Wire) -> None:
    original = copy.deepcopy(_sasl())
    (stored,) = fake.seed(original, topics=1)
    assert stored["connection"]["config"]["saslPassword"] == SECRET
    assert wire("GET").json()["paging"]["total"] == 1
    fake.reset()
    assert fake.requests == []
    assert wire("GET").json()["paging"]["total"] == 0
    with pytest.raises(ValueError, match="already seeded"):
        fake.seed(payload(), payload())
