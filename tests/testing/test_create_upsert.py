"""POST and PUT on the collection answer as the server does: status, headers, body."""

from __future__ import annotations

from openmetadata_fluent.testing import FakeOpenMetadata
from tests.conftest import BASE
from tests.testing.conftest import Wire, payload


def test_post_creates_with_201_location_and_server_fields(wire: Wire) -> None:
    resp = wire("POST", json=payload("my.kafka"))
    assert resp.status_code == 201
    body = resp.json()
    assert resp.headers["Location"] == body["href"]
    assert body["href"] == f"{BASE}/v1/services/messagingServices/{body['id']}"
    # Changed deliberately: the server's create answer has no change header and no ETag.
    assert "X-OpenMetadata-Change" not in resp.headers and "ETag" not in resp.headers
    assert body["fullyQualifiedName"] == '"my.kafka"'
    assert body["version"] == 0.1
    assert body["updatedBy"] == "admin"
    assert isinstance(body["updatedAt"], int) and body["updatedAt"] > 1_600_000_000_000
    assert body["deleted"] is False
    assert (body["owners"], body["tags"], body["domains"]) == ([], [], [])


def test_post_existing_name_is_409(wire: Wire) -> None:
    assert wire("POST", json=payload()).status_code == 201
    resp = wire("POST", json=payload())
    assert resp.status_code == 409
    assert resp.json() == {"code": 409, "message": "Entity already exists"}


def test_put_creates_then_reports_no_change_then_update(wire: Wire) -> None:
    first = wire("PUT", json=payload())
    assert first.status_code == 201
    assert first.headers["X-OpenMetadata-Change"] == "entityCreated"
    same = wire("PUT", json=payload())
    assert same.status_code == 200
    assert same.headers["X-OpenMetadata-Change"] == "entityNoChange"
    assert same.json()["version"] == 0.1
    changed = wire("PUT", json=payload(description="new words"))
    assert changed.status_code == 200
    assert changed.headers["X-OpenMetadata-Change"] == "entityUpdated"
    assert changed.json()["version"] == 0.2
    assert changed.json()["description"] == "new words"
    assert changed.json()["id"] == first.json()["id"]


def test_updated_by_comes_from_the_token_user(fake: FakeOpenMetadata, wire: Wire) -> None:
    fake.add_token("alice-token", "alice")
    resp = wire("PUT", json=payload(), headers={"Authorization": "Bearer alice-token"})
    assert resp.json()["updatedBy"] == "alice"


def test_domains_are_fqns_in_requests_and_references_in_entities(wire: Wire) -> None:
    body = wire("POST", json=payload(domains=["Marketing"])).json()
    (ref,) = body["domains"]
    assert ref["type"] == "domain"
    assert ref["fullyQualifiedName"] == "Marketing"
    assert ref["id"]
