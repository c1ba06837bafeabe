"""PATCH field rules and the missing bulk route (API_FACTS "Write semantics" and
"Endpoints" [corrected]; server: EntityRepository.patch, MessagingServiceResource.java
has no /bulk)."""

from __future__ import annotations

import pytest

from openmetadata_fluent import kafka_connection
from openmetadata_fluent.models.common import ApiStatus
from openmetadata_fluent.testing import FakeClock, FakeOpenMetadata
from tests.contract.conftest import Api, body

OWNER = {"id": "6f7b3c1e-1d2a-4c4b-9a57-3d0c1b2a4f11", "type": "user", "name": "ana"}


def test_a_patch_of_the_name_is_ignored(api: Api) -> None:
    """Services cannot be renamed: 200 entityNoChange, the name and FQN as they were."""
    made = api.create(body("my.kafka"))
    resp = api.patch(f"/{made['id']}", [{"op": "replace", "path": "/name", "value": "renamed"}])
    assert resp.status_code == 200
    assert resp.headers["X-OpenMetadata-Change"] == "entityNoChange"
    assert (resp.json()["name"], resp.json()["fullyQualifiedName"]) == ("my.kafka", '"my.kafka"')
    assert api("GET", "/name/renamed").status_code == 404


def test_a_rename_inside_a_patch_leaves_the_rest_of_it_applied(api: Api) -> None:
    """Only the name is put back; the other operations of the PATCH apply."""
    made = api.create(body())
    ops = [
        {"op": "replace", "path": "/name", "value": "renamed"},
        {"op": "replace", "path": "/description", "value": "kept"},
    ]
    resp = api.patch(f"/{made['id']}", ops)
    assert resp.headers["X-OpenMetadata-Change"] == "entityUpdated"
    assert (resp.json()["name"], resp.json()["description"]) == ("sample_kafka", "kept")


def test_only_a_patch_clears_owners_and_domains(api: Api) -> None:
    """API_FACTS "Write semantics": owners and domains sent as ``[]`` in a PATCH are cleared."""
    made = api.create(body(owners=[OWNER], domains=["Sales"]))
    ops = [
        {"op": "replace", "path": "/owners", "value": []},
        {"op": "replace", "path": "/domains", "value": []},
    ]
    resp = api.patch(f"/{made['id']}", ops)
    assert (resp.json()["owners"], resp.json()["domains"]) == ([], [])


def test_a_patch_can_remove_a_tag(api: Api) -> None:
    """A PATCH replaces tags (only a PUT merges); the removal is a fieldsDeleted entry."""
    made = api.create(body(tags=[{"tagFQN": "PII.Sensitive"}]))
    resp = api.patch(f"/{made['id']}", [{"op": "remove", "path": "/tags/0"}])
    assert resp.json()["tags"] == []
    (entry,) = resp.json()["changeDescription"]["fieldsDeleted"]
    assert entry["name"] == "tags" and "PII.Sensitive" in entry["oldValue"]


def test_services_have_no_bulk_route(api: Api) -> None:
    """No current server serves PUT .../messagingServices/bulk: the path matches
    /{id}, which has no PUT, so JAX-RS answers 405."""
    resp = api("PUT", "/bulk", json=[body()])
    assert resp.json() == {"code": 405, "message": "HTTP 405 Method Not Allowed"}


@pytest.mark.parametrize("mount", ["in-process", "http"])
def test_a_test_can_turn_the_bulk_route_on(mount: str) -> None:
    """For tests of a client's bulk path: ``FakeOpenMetadata(bulk_route=True)``."""
    fake = FakeOpenMetadata(bulk_route=True, clock=FakeClock())
    with fake.mock() if mount == "in-process" else fake.serve():
        resp = Api(fake)("PUT", "/bulk", json=[body("a"), body("b::c")])
    assert resp.status_code == 200
    assert resp.json()["status"] == "partialSuccess"
    assert resp.json()["failedRequest"][0]["message"] == (
        '[query param name must match "^((?!::).)*$"]'
    )


def test_the_sdk_bulk_upsert_falls_back_to_one_put_each(fake: FakeOpenMetadata) -> None:
    """End to end: the SDK tries the bulk route once, then sends one PUT per item."""
    ops = fake.client().messaging_services
    items = [
        ops.builder()
        .name(f"svc_{i}")
        .service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers("localhost:9092"))
        for i in range(3)
    ]
    result = ops.bulk_upsert(items)
    assert result.status is ApiStatus.SUCCESS and result.number_of_rows_passed == 3
    sent = [(r.method, r.path) for r in fake.requests]
    assert sent[0] == ("PUT", "/v1/services/messagingServices/bulk")
    assert sent.count(("PUT", "/v1/services/messagingServices")) == 3
