"""Calls the server has that the SDK gained with the entity core, pinned on the wire:
async delete, followers, test-connection results, and the change type of every write
(server: EntityResource/EntityRepository, RestUtil's X-OpenMetadata-Change values)."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import responses

from openmetadata_fluent import ChangeType, OpenMetadataClient, ValidationError
from openmetadata_fluent.models import DeleteJob, TestConnectionResult
from tests.conftest import SEEDS_RESPONSE, SERVICES_URL

ID = SEEDS_RESPONSE["id"]
USER = "0b0c8e7a-2f8e-4d5c-a1f1-5c8f3b8f6e01"
CHANGE = "X-OpenMetadata-Change"


def test_delete_async_answers_a_job(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    job = {"jobId": "j-1", "message": "Delete operation initiated for sample_kafka",
           "entityName": "sample_kafka", "hardDelete": True, "recursive": True}
    http.delete(f"{SERVICES_URL}/async/{ID}", json=job, status=202)
    result = client.messaging_services.deleteAsync(ID, hard_delete=True, recursive=True)
    assert isinstance(result, DeleteJob)
    assert (result.job_id, result.entity_name, result.hard_delete, result.recursive) == (
        "j-1", "sample_kafka", True, True)
    assert http.calls[0].request.url.endswith("?hardDelete=true&recursive=true")


def test_delete_async_takes_only_real_booleans(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    with pytest.raises(ValidationError, match="hard_delete: must be True or False"):
        client.messaging_services.delete_async(ID, hard_delete="false")  # type: ignore[arg-type]
    assert len(http.calls) == 0


def test_followers_are_added_with_the_user_id_as_a_json_string(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    event = {"eventType": "entityUpdated", "entityType": "messagingService", "entityId": ID,
             "currentVersion": 0.1, "previousVersion": 0.1}
    http.put(f"{SERVICES_URL}/{ID}/followers", json=event, headers={CHANGE: "entityFieldsChanged"})
    http.delete(f"{SERVICES_URL}/{ID}/followers/{USER}", json=event)
    added = client.messaging_services.addFollower(ID, USER)
    assert http.calls[0].request.body == json.dumps(USER).encode()
    assert http.calls[0].request.headers["Content-Type"] == "application/json"
    assert added.entity_id == uuid.UUID(ID) and added.event_type == "entityUpdated"
    client.messaging_services.remove_follower(ID, uuid.UUID(USER))
    assert http.calls[1].request.method == "DELETE"


def test_a_follower_must_be_a_user_uuid(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    with pytest.raises(ValidationError, match="user_id: must be a user's UUID, not 'alice'"):
        client.messaging_services.add_follower(ID, "alice")
    assert len(http.calls) == 0


def test_test_connection_result_is_checked_and_sent(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.put(f"{SERVICES_URL}/{ID}/testConnectionResult", json=SEEDS_RESPONSE)
    result = TestConnectionResult.from_dict(
        {
            "status": "Successful",
            "steps": [{"name": "GetTopics", "mandatory": True, "passed": True}],
        }
    )
    client.messaging_services.addTestConnectionResult(ID, result)
    assert json.loads(http.calls[0].request.body) == {
        "steps": [{"name": "GetTopics", "mandatory": True, "passed": True}],
        "status": "Successful",
    }
    with pytest.raises(ValidationError) as info:
        client.messaging_services.add_test_connection_result(ID, {"status": "Fine", "steps": [{}]})
    assert {p.path for p in info.value.problems} == {
        "result.status", "result.steps[0].name", "result.steps[0].passed"}
    assert len(http.calls) == 1


@pytest.mark.parametrize(
    ("header", "expected"),
    [("entitySoftDeleted", ChangeType.SOFT_DELETED), ("entityDeleted", ChangeType.DELETED)],
)
def test_delete_reports_what_it_did(
    client: OpenMetadataClient, http: responses.RequestsMock, header: str, expected: ChangeType
) -> None:
    http.delete(f"{SERVICES_URL}/{ID}", json=SEEDS_RESPONSE, headers={CHANGE: header})
    assert client.messaging_services.delete(ID).execute().change_type is expected


def test_restore_and_patch_report_what_they_did(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.put(f"{SERVICES_URL}/restore", json=SEEDS_RESPONSE, headers={CHANGE: "entityRestored"})
    http.patch(f"{SERVICES_URL}/{ID}", json=SEEDS_RESPONSE, headers={CHANGE: "entityNoChange"})
    assert client.messaging_services.restore(ID).change_type is ChangeType.RESTORED
    ops: list[dict[str, Any]] = [{"op": "add", "path": "/description", "value": "x"}]
    assert client.messaging_services.patch(ID, ops).change_type is ChangeType.NO_CHANGE


def test_a_delete_request_dropped_without_execute_warns_what_was_not_sent(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    import gc
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.messaging_services.delete(ID).hard_delete()  # built, never sent
        gc.collect()
    dropped = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert len(dropped) == 1 and f"/v1/services/messagingServices/{ID}" in str(dropped[0].message)
    assert ".execute()" in str(dropped[0].message)
    assert len(http.calls) == 0

    http.delete(f"{SERVICES_URL}/{ID}", json=SEEDS_RESPONSE)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.messaging_services.delete(ID).execute()
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]
