"""PATCH with JSON Patch and ETags, soft and hard DELETE, restore, and version history."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from openmetadata_fluent.testing import FakeOpenMetadata
from tests.testing.conftest import COLLECTION, Wire, payload

PATCH_JSON = {"Content-Type": "application/json-patch+json"}


def _patch(wire: Wire, path: str, ops: list[dict[str, Any]], **headers: str) -> Any:
    return wire("PATCH", path, data=json.dumps(ops), headers={**PATCH_JSON, **headers})


def test_patch_by_id_replaces_and_bumps_version(fake: FakeOpenMetadata, wire: Wire) -> None:
    (svc,) = fake.seed(payload())
    resp = _patch(
        wire, f"/{svc['id']}", [{"op": "replace", "path": "/description", "value": "patched"}]
    )
    assert resp.status_code == 200
    assert resp.json()["description"] == "patched"
    assert resp.json()["version"] == 0.2
    assert "ETag" not in resp.headers  # changed deliberately: only reads carry an ETag
    change = resp.json()["changeDescription"]
    assert change["previousVersion"] == 0.1
    assert change["fieldsUpdated"][0]["name"] == "description"


def test_patch_by_name_add_remove_and_test(fake: FakeOpenMetadata, wire: Wire) -> None:
    fake.seed(payload("my.kafka"))
    path = "/name/" + urllib.parse.quote('"my.kafka"', safe="")
    ops = [
        {"op": "test", "path": "/displayName", "value": "Sample Kafka"},
        {"op": "remove", "path": "/displayName"},
        {"op": "add", "path": "/domains/-", "value": {"fullyQualifiedName": "Sales"}},
    ]
    resp = _patch(wire, path, ops)
    assert resp.status_code == 200, resp.text
    assert "displayName" not in resp.json()
    assert [d["fullyQualifiedName"] for d in resp.json()["domains"]] == ["Sales"]
    failed = _patch(wire, path, [{"op": "test", "path": "/description", "value": "other"}])
    assert failed.status_code == 400
    assert failed.json()["code"] == 400


def test_patch_that_changes_nothing_keeps_the_version(fake: FakeOpenMetadata, wire: Wire) -> None:
    (svc,) = fake.seed(payload())
    resp = _patch(
        wire,
        f"/{svc['id']}",
        [{"op": "replace", "path": "/description", "value": svc["description"]}],
    )
    assert resp.status_code == 200
    assert resp.json()["version"] == 0.1


def test_stale_if_match_is_412_and_fresh_one_works(fake: FakeOpenMetadata, wire: Wire) -> None:
    # API_FACTS "ETags and If-Match" (server: EntityETag, EntityETagTest): W/"<version>"
    # of the current version passes; once the version moved on it is stale.
    (svc,) = fake.seed(payload())
    etag = 'W/"0.1"'
    ops = [{"op": "replace", "path": "/description", "value": "one"}]
    first = _patch(wire, f"/{svc['id']}", ops, **{"If-Match": etag})
    assert first.status_code == 200
    assert first.json()["version"] == 0.2
    stale = _patch(
        wire,
        f"/{svc['id']}",
        [{"op": "replace", "path": "/description", "value": "two"}],
        **{"If-Match": etag},
    )
    assert stale.status_code == 412
    assert stale.json()["code"] == 412
    assert stale.json()["message"].startswith("The entity has been modified. Current ETag: ")
    assert wire("GET", f"/{svc['id']}").json()["description"] == "one"


def test_the_strong_etag_of_a_read_never_guards_a_write(fake: FakeOpenMetadata, wire: Wire) -> None:
    # API_FACTS "ETags and If-Match" [corrected]: echoing the GET's ETag always fails.
    (svc,) = fake.seed(payload())
    strong = wire("GET", f"/{svc['id']}").headers["ETag"]
    ops = [{"op": "replace", "path": "/description", "value": "one"}]
    assert _patch(wire, f"/{svc['id']}", ops, **{"If-Match": strong}).status_code == 412
    assert _patch(wire, f"/{svc['id']}", ops, **{"If-Match": "*"}).status_code == 200
    listed = 'W/"9.9", W/"0.2"'
    assert _patch(wire, f"/{svc['id']}", ops, **{"If-Match": listed}).status_code == 200


def test_patch_needs_the_json_patch_media_type(fake: FakeOpenMetadata, wire: Wire) -> None:
    (svc,) = fake.seed(payload())
    resp = wire("PATCH", f"/{svc['id']}", json=[{"op": "remove", "path": "/description"}])
    assert resp.status_code == 415
    assert resp.json()["code"] == 415


def test_patch_cannot_rename_a_service(fake: FakeOpenMetadata, wire: Wire) -> None:
    # Changed deliberately: a PATCH of the name is ignored for services (API_FACTS).
    (svc,) = fake.seed(payload())
    resp = _patch(wire, f"/{svc['id']}", [{"op": "replace", "path": "/name", "value": "a::b"}])
    assert resp.status_code == 200
    assert resp.headers["X-OpenMetadata-Change"] == "entityNoChange"
    assert resp.json()["name"] == svc["name"]


def test_soft_delete_then_restore(fake: FakeOpenMetadata, wire: Wire) -> None:
    (svc,) = fake.seed(payload())
    gone = wire("DELETE", f"/{svc['id']}")
    assert gone.status_code == 200
    assert gone.json()["deleted"] is True
    assert gone.json()["version"] == 0.2
    restored = wire("PUT", "/restore", json={"id": svc["id"]})
    assert restored.status_code == 200
    assert restored.headers["X-OpenMetadata-Change"] == "entityRestored"
    assert restored.json()["deleted"] is False
    assert restored.json()["version"] == 0.3
    assert wire("GET", f"/{svc['id']}").status_code == 200


def test_put_on_a_soft_deleted_service_restores_it(fake: FakeOpenMetadata, wire: Wire) -> None:
    (svc,) = fake.seed(payload())
    wire("DELETE", f"/name/{svc['name']}")
    resp = wire("PUT", json=payload())
    assert resp.status_code == 200
    # Changed deliberately: the server says entityUpdated; only PUT /restore "restores".
    assert resp.headers["X-OpenMetadata-Change"] == "entityUpdated"
    assert resp.json()["id"] == svc["id"]
    assert resp.json()["deleted"] is False


def test_hard_delete_removes_for_good(fake: FakeOpenMetadata, wire: Wire) -> None:
    (svc,) = fake.seed(payload())
    assert wire("DELETE", f"/{svc['id']}", params={"hardDelete": "true"}).status_code == 200
    resp = wire("GET", f"/{svc['id']}", params={"include": "all"})
    assert resp.status_code == 404
    # Changed deliberately: the server's restore of an unknown id fails with a 500.
    assert wire("PUT", "/restore", json={"id": svc["id"]}).status_code == 500


def test_service_with_topics_needs_recursive(fake: FakeOpenMetadata, wire: Wire) -> None:
    (svc,) = fake.seed(payload(), topics=3)
    resp = wire("DELETE", f"/{svc['id']}", params={"hardDelete": "true"})
    assert resp.status_code == 400
    assert resp.json() == {"code": 400, "message": "messagingService is not empty"}
    ok = wire("DELETE", f"/{svc['id']}", params={"hardDelete": "true", "recursive": "true"})
    assert ok.status_code == 200


def test_versions_are_json_strings_newest_first(fake: FakeOpenMetadata, wire: Wire) -> None:
    (svc,) = fake.seed(payload())
    wire("PUT", json=payload(description="second"))
    wire("PUT", json=payload(description="second"))  # no change: no new version
    resp = wire("GET", f"/{svc['id']}/versions")
    assert resp.status_code == 200
    body = resp.json()
    assert body["entityType"] == "messagingService"
    assert all(isinstance(v, str) for v in body["versions"])
    versions = [json.loads(v) for v in body["versions"]]
    assert [v["version"] for v in versions] == [0.2, 0.1]
    assert versions[1]["description"] == svc["description"]
    one = wire("GET", f"/{svc['id']}/versions/0.1")
    assert one.status_code == 200 and one.json()["version"] == 0.1
    assert wire("GET", f"/{svc['id']}/versions/0.9").status_code == 404


def test_a_patched_name_never_moves_the_name_lookup() -> None:
    # Changed deliberately: services cannot be renamed; the PATCH changes nothing.
    engine = FakeOpenMetadata()
    body = {
        "name": "old",
        "serviceType": "Kafka",
        "connection": {"config": {"type": "Kafka", "bootstrapServers": "k:1"}},
    }
    [entity] = engine.seed(body)
    auth = {"Authorization": "Bearer t", "Content-Type": "application/json-patch+json"}
    ops = json.dumps([{"op": "replace", "path": "/name", "value": "new.name"}]).encode()
    status, headers, _ = engine.handle("PATCH", f"{COLLECTION}/{entity['id']}", "", auth, ops)
    assert status == 200 and headers["X-OpenMetadata-Change"] == "entityNoChange"
    assert engine.handle("GET", f"{COLLECTION}/name/%22new.name%22", "", auth, b"")[0] == 404
    assert engine.handle("GET", f"{COLLECTION}/name/old", "", auth, b"")[0] == 200
    again = engine.handle(
        "POST", COLLECTION, "", {"Authorization": "Bearer t"}, json.dumps(body).encode()
    )
    assert again[0] == 409
