"""Non-bearer tokens, masks in patches, and the request log: rules the other wire tests
leave out."""

from __future__ import annotations

import json

import pytest

from openmetadata_fluent.models.common import MASK
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.testing.conftest import Wire, payload

PATCH_JSON = {"Content-Type": "application/json-patch+json"}


def _with_secret(name: str = "secret_kafka", password: str = "hunter2") -> dict[str, object]:
    body = payload(name)
    body["connection"]["config"].update(  # type: ignore[index]
        securityProtocol="SASL_SSL", saslUsername="svc", saslPassword=password
    )
    return body


@pytest.mark.parametrize("value", ["", "Bearer ", "Basic abc"])
def test_empty_or_non_bearer_authorization_is_401(wire: Wire, value: str) -> None:
    resp = wire("GET", auth=False, headers={"Authorization": value})
    assert resp.status_code == 401
    assert resp.json() == {"code": 401, "message": "Not Authorized! Token not present"}


def test_a_patch_never_turns_the_mask_into_a_change(fake: FakeOpenMetadata, wire: Wire) -> None:
    fake.add_token("bot-token", "ingestion-bot", bot=True)
    sid = wire("POST", json=_with_secret()).json()["id"]
    ops = [{"op": "replace", "path": "/connection/config/saslPassword", "value": MASK}]
    resp = wire("PATCH", f"/{sid}", data=json.dumps(ops), headers=PATCH_JSON)
    assert resp.status_code == 200 and resp.json()["version"] == 0.1
    stored = wire("GET", f"/{sid}", headers={"Authorization": "Bearer bot-token"})
    assert stored.json()["connection"]["config"]["saslPassword"] == "hunter2"


def test_requests_are_recorded_with_parsed_json(fake: FakeOpenMetadata, wire: Wire) -> None:
    wire("POST", json=payload("recorded"), params={"x": "1"})
    (seen,) = fake.requests
    assert (seen.method, seen.path) == ("POST", "/v1/services/messagingServices")
    assert seen.query == {"x": ["1"]}
    assert seen.json["name"] == "recorded"
    assert seen.headers["authorization"].startswith("Bearer ")


def test_only_password_fields_are_masked_like_the_server() -> None:
    engine = FakeOpenMetadata()
    body = {
        "name": "kin",
        "serviceType": "Kinesis",
        "connection": {
            "config": {
                "type": "Kinesis",
                "awsConfig": {
                    "awsRegion": "us-east-1",
                    "awsSecretAccessKey": "secret-key",
                    "awsSessionToken": "session-token",
                },
            }
        },
    }
    [entity] = engine.seed(body)
    status, _, raw = engine.handle(
        "GET",
        f"/v1/services/messagingServices/{entity['id']}",
        "",
        {"Authorization": "Bearer t"},
        b"",
    )
    aws = json.loads(raw)["connection"]["config"]["awsConfig"]
    assert status == 200
    assert aws["awsSecretAccessKey"] == "*********"
    assert aws["awsSessionToken"] == "session-token"
