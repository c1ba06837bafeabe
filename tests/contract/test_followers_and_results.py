"""Followers and test connection results (API_FACTS "Endpoints"; server:
EntityRepository.addFollower/deleteFollower, MessagingServiceResource
.addTestConnectionResult, ServiceEntityRepository.addTestConnectionResult)."""

from __future__ import annotations

import json

from openmetadata_fluent.models import CreateMessagingServiceRequest
from openmetadata_fluent.models.results import TestConnectionResult
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.contract.conftest import Api, body, sasl

UNKNOWN_USER = "0b8d2a52-5f8e-4c3f-9b7e-1f6f2c1d0a11"
RESULT = {
    "status": "Successful",
    "steps": [{"name": "GetTopics", "mandatory": True, "passed": True}],
}


def test_adding_a_follower_answers_a_change_event(api: Api, fake: FakeOpenMetadata) -> None:
    """addFollower: 200, X-OpenMetadata-Change: entityFieldsChanged, a ChangeEvent with
    followers in fieldsAdded; the version does not move."""
    made = api.create(body())
    ana = fake.user_id("ana")
    resp = api(
        "PUT",
        f"/{made['id']}/followers",
        raw=json.dumps(ana).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert resp.status_code == 200
    assert resp.headers["X-OpenMetadata-Change"] == "entityFieldsChanged"
    event = resp.json()
    assert event["eventType"] == "entityUpdated"
    assert (event["entityType"], event["entityId"]) == ("messagingService", made["id"])
    assert event["entityFullyQualifiedName"] == "sample_kafka"
    assert event["userName"] == "admin"
    assert (event["currentVersion"], event["previousVersion"]) == (0.1, 0.1)
    (added,) = event["changeDescription"]["fieldsAdded"]
    assert added["name"] == "followers" and added["newValue"][0]["id"] == ana
    assert event["changeDescription"]["previousVersion"] == 0.1
    assert isinstance(event["timestamp"], int) and event["id"]
    assert api("GET", f"/{made['id']}").json()["version"] == 0.1


def test_removing_a_follower_answers_fields_deleted(api: Api, fake: FakeOpenMetadata) -> None:
    """deleteFollower: the same event shape, followers in fieldsDeleted; reads no longer
    show the user."""
    made = api.create(body())
    ana = fake.user_id("ana")
    api("PUT", f"/{made['id']}/followers", json=ana)
    resp = api("DELETE", f"/{made['id']}/followers/{ana}")
    assert resp.headers["X-OpenMetadata-Change"] == "entityFieldsChanged"
    (gone,) = resp.json()["changeDescription"]["fieldsDeleted"]
    assert gone["name"] == "followers" and gone["oldValue"][0]["id"] == ana
    shown = api("GET", f"/{made['id']}", params={"fields": "followers"}).json()
    assert shown["followers"] == []


def test_follower_errors(api: Api) -> None:
    """An unknown user is 404 (user instance ...), a bad body is a mapping failure, a
    bad user id in the path a 400 from UUID.fromString."""
    made = api.create(body())
    unknown = api("PUT", f"/{made['id']}/followers", json=UNKNOWN_USER)
    assert unknown.json() == {"code": 404, "message": f"user instance for {UNKNOWN_USER} not found"}
    assert (
        api("PUT", f"/{made['id']}/followers", json={"id": UNKNOWN_USER}).json()["message"]
        == "Invalid request format"
    )
    bad = api("DELETE", f"/{made['id']}/followers/nope")
    assert bad.json() == {"code": 400, "message": "Invalid UUID string: nope"}


def test_the_follower_event_masks_the_entity_for_users(api: Api, fake: FakeOpenMetadata) -> None:
    """The event carries the entity; the fake masks its secrets as any read does (the
    server's copy holds them encrypted)."""
    made = api.create(sasl())
    resp = api("PUT", f"/{made['id']}/followers", json=fake.user_id("ana"))
    assert resp.json()["entity"]["connection"]["config"]["saslPassword"] == "*********"


def test_a_test_connection_result_is_stored_without_a_new_version(api: Api) -> None:
    """addTestConnectionResult: 200 with the service (masked), no change header, the
    version as it was; the result shows on reads."""
    made = api.create(body())
    resp = api("PUT", f"/{made['id']}/testConnectionResult", json=RESULT)
    assert resp.status_code == 200
    assert "X-OpenMetadata-Change" not in resp.headers and "ETag" not in resp.headers
    assert resp.json()["testConnectionResult"]["status"] == "Successful"
    assert resp.json()["version"] == 0.1
    assert api("GET", f"/{made['id']}").json()["testConnectionResult"] == RESULT


def test_a_test_connection_result_is_checked_like_a_body(api: Api) -> None:
    """``@Valid TestConnectionResult``: ``steps`` is required, unknown keys fail to map."""
    made = api.create(body())
    assert api("PUT", f"/{made['id']}/testConnectionResult", json={}).json() == {
        "code": 400,
        "message": "[query param steps must not be null]",
    }
    wrong = api("PUT", f"/{made['id']}/testConnectionResult", json={"steps": [], "colour": 1})
    assert wrong.json()["message"] == "Invalid request format"


def test_the_sdk_follows_and_reports_a_connection_test(fake: FakeOpenMetadata) -> None:
    """End to end: add_follower, remove_follower and add_test_connection_result."""
    ops = fake.client().messaging_services
    made = ops.create(CreateMessagingServiceRequest.from_dict(body()))
    ana = fake.user_id("ana")
    added = ops.add_follower(made.id, ana)
    assert added.event_type == "entityUpdated" and str(added.entity_id) == str(made.id)
    assert [str(f.id) for f in ops.retrieve(made.id, fields="followers").followers or ()] == [ana]
    removed = ops.remove_follower(made.id, ana)
    assert removed.change_description is not None
    deleted = removed.change_description.fields_deleted
    assert deleted is not None and deleted[0].name == "followers"
    stored = ops.add_test_connection_result(made.id, TestConnectionResult.from_dict(RESULT))
    assert stored.test_connection_result == RESULT
