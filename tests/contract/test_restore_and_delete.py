"""Deletes, async deletes and restores (API_FACTS "Endpoints"; server:
EntityRepository.delete/deleteChildren/restoreEntity, EntityResource.restoreEntity and
deleteByIdAsync, MessagingServiceResource.java)."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from openmetadata_fluent.errors import BadRequestError, ServerError
from openmetadata_fluent.models import CreateMessagingServiceRequest
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.contract.conftest import Api, body
from tests.testing.test_engine_layout import Gadgets

RESTORE_500 = (
    'Cannot invoke "org.openmetadata.service.util.RestUtil$PutResponse.getEntity()" '
    'because "response" is null'
)


@pytest.fixture
def family(fake: FakeOpenMetadata, api: Api) -> tuple[dict[str, Any], dict[str, Any]]:
    """A service with one child entity (a toy kind that hangs off services as topics do)."""
    fake.register(Gadgets())
    service = api.create(body("parent"))
    child = requests.post(
        f"{fake.base_url}/v1/gadgets",
        json={"name": "g", "service": "parent"},
        headers={"Authorization": "Bearer t"},
        timeout=10,
    ).json()
    return service, child


def _child(fake: FakeOpenMetadata, child_id: str) -> dict[str, Any]:
    resp = requests.get(
        f"{fake.base_url}/v1/gadgets/{child_id}",
        params={"include": "all"},
        headers={"Authorization": "Bearer t"},
        timeout=10,
    )
    found: dict[str, Any] = resp.json()
    return found


def test_a_soft_deleted_child_still_makes_a_service_not_empty(
    api: Api, fake: FakeOpenMetadata, family: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    """deleteChildren counts every CONTAINS relation, soft-deleted children included."""
    service, child = family
    requests.delete(
        f"{fake.base_url}/v1/gadgets/{child['id']}",
        headers={"Authorization": "Bearer t"},
        timeout=10,
    )
    assert _child(fake, child["id"])["deleted"] is True
    resp = api("DELETE", f"/{service['id']}")
    assert resp.json() == {"code": 400, "message": "messagingService is not empty"}
    assert api("DELETE", f"/{service['id']}", params={"recursive": "true"}).status_code == 200


def test_restore_brings_back_the_service_and_its_children(
    api: Api, fake: FakeOpenMetadata, family: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    """PUT /restore: 200 entityRestored, +0.1, soft-deleted children restored too."""
    service, child = family
    api("DELETE", f"/{service['id']}", params={"recursive": "true"})
    assert _child(fake, child["id"])["deleted"] is True
    resp = api("PUT", "/restore", json={"id": service["id"]})
    assert resp.status_code == 200
    assert resp.headers["X-OpenMetadata-Change"] == "entityRestored"
    assert (resp.json()["deleted"], resp.json()["version"]) == (False, 0.3)
    restored = _child(fake, child["id"])
    assert (restored["deleted"], restored["version"]) == (False, 0.3)


def test_restoring_a_live_service_is_the_servers_500(api: Api) -> None:
    """restoreEntity answers null for an entity that is not soft-deleted and the
    resource dereferences it (read from the source: fairly sure, not run against a
    server). An unknown id takes the same path."""
    made = api.create(body())
    for target in (made["id"], "0b8d2a52-5f8e-4c3f-9b7e-1f6f2c1d0a11"):
        resp = api("PUT", "/restore", json={"id": target})
        assert resp.json() == {"code": 500, "message": RESTORE_500}
    assert api("GET", f"/{made['id']}").json()["version"] == 0.1


def test_restore_needs_an_id(api: Api) -> None:
    """RestoreEntity requires ``id`` (a bean violation); a value that is no UUID fails to map."""
    assert api("PUT", "/restore", json={}).json() == {
        "code": 400,
        "message": "[query param id must not be null]",
    }
    assert api("PUT", "/restore", json={"id": "nope"}).json()["message"] == (
        "Invalid request format"
    )


def test_async_delete_is_202_with_the_job_and_the_delete_happens(api: Api) -> None:
    """deleteByIdAsync: 202 {jobId, message, entityName, hardDelete, recursive}."""
    made = api.create(body())
    resp = api("DELETE", f"/async/{made['id']}", params={"hardDelete": "true"})
    assert resp.status_code == 202
    job = resp.json()
    assert set(job) == {"jobId", "message", "entityName", "hardDelete", "recursive"}
    assert job["message"] == "Delete operation initiated for sample_kafka"
    assert (job["entityName"], job["hardDelete"], job["recursive"]) == ("sample_kafka", True, False)
    assert api("GET", f"/{made['id']}", params={"include": "all"}).status_code == 404


def test_a_failing_async_delete_is_still_accepted(
    api: Api, family: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    """The job fails in the background (announced over the websocket), not in the 202."""
    service, _ = family
    assert api("DELETE", f"/async/{service['id']}").status_code == 202
    assert api("GET", f"/{service['id']}").json()["deleted"] is False


def test_async_delete_of_an_unknown_id_is_404(api: Api) -> None:
    """deleteByIdAsync reads the entity first, so an unknown id is answered at once."""
    unknown = "0b8d2a52-5f8e-4c3f-9b7e-1f6f2c1d0a11"
    assert api("DELETE", f"/async/{unknown}").status_code == 404


def test_the_sdk_deletes_async_and_restore_of_a_live_service_fails(
    fake: FakeOpenMetadata,
) -> None:
    """End to end: delete_async, restore, a restore of a live service, a non-recursive
    delete of a service with children."""
    ops = fake.client().messaging_services
    made = ops.create(CreateMessagingServiceRequest.from_dict(body()))
    with pytest.raises(ServerError):
        ops.restore(made.id)
    job = ops.delete_async(made.id)
    assert job.entity_name == "sample_kafka" and job.hard_delete is False
    assert ops.retrieve(made.id, include="deleted").deleted is True
    assert ops.restore(made.id).version == 0.3
    fake.seed(body("busy"), topics=1)
    with pytest.raises(BadRequestError, match="is not empty"):
        ops.delete_by_name("busy").execute()
