"""Versions: +0.1 per change, PATCH sessions merged, history answers (API_FACTS "Write
semantics" and "Endpoints" [corrected]; server: SessionConsolidationPolicy.java,
EntityUpdateWorkflow.java, EntityRepository.getVersion, CatalogExceptionMessage)."""

from __future__ import annotations

import json

import pytest

from openmetadata_fluent.errors import NotFoundError
from openmetadata_fluent.models import CreateMessagingServiceRequest
from openmetadata_fluent.testing import FakeClock, FakeOpenMetadata
from tests.contract.conftest import Api, body

TEN_MINUTES = 600.0


def _describe(text: str) -> list[dict[str, str]]:
    return [{"op": "replace", "path": "/description", "value": text}]


def test_every_change_is_a_minor_bump_connection_changes_too(api: Api) -> None:
    """Services never take a +1.0 major bump: a connection change is +0.1, shown as
    "old-encrypted-value" -> "new-encrypted-value" (ServiceEntityRepository)."""
    api.create(body())
    moved = body()
    moved["connection"]["config"]["bootstrapServers"] = "broker:9093"
    resp = api("PUT", json=moved)
    assert resp.json()["version"] == 0.2
    (entry,) = resp.json()["changeDescription"]["fieldsUpdated"]
    assert entry == {
        "name": "connection",
        "oldValue": "old-encrypted-value",
        "newValue": "new-encrypted-value",
    }


def test_patches_by_one_user_within_ten_minutes_share_a_version(api: Api, clock: FakeClock) -> None:
    """SessionConsolidationPolicy: create 0.1, PATCH -> 0.2, PATCH again (same user,
    within the session, no If-Match) -> still 0.2, its change description spanning the
    session from 0.1; the answer shows this request's own change."""
    made = api.create(body())
    assert api.patch(f"/{made['id']}", _describe("one")).json()["version"] == 0.2
    clock.advance(TEN_MINUTES)
    second = api.patch(f"/{made['id']}", [{"op": "remove", "path": "/displayName"}])
    assert second.json()["version"] == 0.2
    assert second.json()["changeDescription"]["previousVersion"] == 0.2
    stored = api("GET", f"/{made['id']}").json()
    assert stored["changeDescription"]["previousVersion"] == 0.1
    names = {f["name"] for f in stored["changeDescription"]["fieldsUpdated"]}
    names |= {f["name"] for f in stored["changeDescription"]["fieldsDeleted"]}
    assert names == {"description", "displayName"}
    history = api("GET", f"/{made['id']}/versions").json()["versions"]
    assert [json.loads(v)["version"] for v in history] == [0.2, 0.1]


def test_a_patch_after_the_session_is_a_new_version(api: Api, clock: FakeClock) -> None:
    """SessionConsolidationPolicy: beyond ten minutes a PATCH is a new version."""
    made = api.create(body())
    api.patch(f"/{made['id']}", _describe("one"))
    clock.advance(TEN_MINUTES + 1)
    assert api.patch(f"/{made['id']}", _describe("two")).json()["version"] == 0.3


def test_another_users_patch_is_a_new_version(api: Api, fake: FakeOpenMetadata) -> None:
    """SessionConsolidationPolicy: the session is one user's."""
    fake.add_token("bob-token", "bob")
    made = api.create(body())
    api.patch(f"/{made['id']}", _describe("one"))
    assert (
        api.as_user("bob-token").patch(f"/{made['id']}", _describe("two")).json()["version"] == 0.3
    )


def test_a_put_never_merges(api: Api) -> None:
    """canConsolidate holds only for a PATCH."""
    api.create(body())
    assert api("PUT", json=body(description="one")).json()["version"] == 0.2
    assert api("PUT", json=body(description="two")).json()["version"] == 0.3


def test_no_change_keeps_the_version_and_who_wrote_it_when(
    api: Api, fake: FakeOpenMetadata, clock: FakeClock
) -> None:
    """A write that changes nothing answers entityNoChange; version, updatedAt and
    updatedBy stay as they were."""
    fake.add_token("bob-token", "bob")
    made = api.create(body())
    clock.advance(60)
    same = api.as_user("bob-token")("PUT", json=body())
    assert same.headers["X-OpenMetadata-Change"] == "entityNoChange"
    kept = (same.json()["version"], same.json()["updatedAt"], same.json()["updatedBy"])
    assert kept == (0.1, made["updatedAt"], made["updatedBy"])
    patched = api.as_user("bob-token").patch(f"/{made['id']}", _describe(made["description"]))
    assert patched.headers["X-OpenMetadata-Change"] == "entityNoChange"
    assert patched.json()["updatedAt"] == made["updatedAt"]


def test_a_second_soft_delete_does_not_bump(api: Api) -> None:
    """API_FACTS "Write semantics": deleting a soft-deleted entity again changes nothing."""
    made = api.create(body())
    assert api("DELETE", f"/{made['id']}").json()["version"] == 0.2
    again = api("DELETE", f"/{made['id']}")
    assert again.status_code == 200
    assert again.headers["X-OpenMetadata-Change"] == "entitySoftDeleted"
    assert again.json()["version"] == 0.2


def test_the_clock_stamps_every_write(api: Api, clock: FakeClock) -> None:
    """updatedAt is the server clock at the write (EntityPutService takes a Clock)."""
    made = api.create(body())
    assert made["updatedAt"] == int(clock() * 1000)
    clock.advance(5)
    resp = api("PUT", json=body(description="later"))
    assert resp.json()["updatedAt"] == made["updatedAt"] + 5000


def test_the_version_list_is_json_strings_newest_first(api: Api) -> None:
    """EntityHistory: {"entityType", "versions"}, each version a JSON-encoded string."""
    made = api.create(body())
    api("PUT", json=body(description="second"))
    resp = api("GET", f"/{made['id']}/versions")
    assert resp.status_code == 200 and "ETag" not in resp.headers
    assert set(resp.json()) == {"entityType", "versions"}
    assert resp.json()["entityType"] == "messagingService"
    assert all(isinstance(v, str) for v in resp.json()["versions"])
    assert [json.loads(v)["description"] for v in resp.json()["versions"]] == [
        "second",
        "Production Kafka messaging service",
    ]


def test_one_version_reads_like_an_entity(api: Api) -> None:
    """GET .../versions/{v} answers an entity, so ETagResponseFilter tags it like any
    single-entity read."""
    made = api.create(body())
    resp = api("GET", f"/{made['id']}/versions/0.1")
    assert resp.status_code == 200 and resp.json()["version"] == 0.1
    assert resp.headers["Cache-Control"] == "no-store" and resp.headers["ETag"]


@pytest.mark.parametrize(("asked", "named"), [("0.9", "0.9"), ("2", "2.0"), ("1e-5", "1.0E-5")])
def test_a_missing_version_is_404_named_as_java_writes_it(api: Api, asked: str, named: str) -> None:
    """CatalogExceptionMessage.entityVersionNotFound formats the parsed Double."""
    made = api.create(body())
    resp = api("GET", f"/{made['id']}/versions/{asked}")
    assert resp.status_code == 404
    assert resp.json()["message"] == (
        f"messagingService instance for {made['id']} and version {named} not found"
    )


def test_a_version_that_is_no_number_is_400(api: Api) -> None:
    """Double.parseDouble throws NumberFormatException, an IllegalArgumentException the
    server maps to 400 with its message (CatalogGenericExceptionMapper)."""
    made = api.create(body())
    resp = api("GET", f"/{made['id']}/versions/latest")
    assert resp.json() == {"code": 400, "message": 'For input string: "latest"'}


def test_the_sdk_reads_versions_and_a_missing_one_is_not_found(fake: FakeOpenMetadata) -> None:
    """End to end: merged PATCHes leave two versions; a missing one is NotFoundError."""
    ops = fake.client().messaging_services
    made = ops.create(CreateMessagingServiceRequest.from_dict(body()))
    ops.patch(made.id, _describe("one"))
    ops.patch(made.id, _describe("two"))  # merged into 0.2
    assert [v.version for v in ops.versions(made.id)] == [0.2, 0.1]
    assert ops.version(made.id, "0.2").description == "two"
    with pytest.raises(NotFoundError, match=r"and version 0\.3 not found"):
        ops.version(made.id, "0.3")
