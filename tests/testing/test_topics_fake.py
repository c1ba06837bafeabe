"""Topics on the offline server, over real HTTP: the routes a topic shares with services,
its own (followers, votes, sample data), and how a service's delete and restore carry
its topics. Each test names the server behaviour it pins."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from openmetadata_fluent.testing import FakeOpenMetadata
from tests.testing.conftest import AUTH, COLLECTION, payload

TOPICS = "/v1/topics"
USER = "0b0c3e5e-52c6-4a84-9c3e-2ea4f1a7c0de"
NESTED = {
    "schemaType": "Avro",
    "schemaText": '{"type": "record", "name": "Order", "fields": []}',
    "schemaFields": [
        {"name": "id", "dataType": "INT"},
        {
            "name": "ship.to",
            "dataType": "RECORD",
            "children": [{"name": "street", "dataType": "STRING"}],
        },
    ],
}


class Http:
    """A session on the served fake, with paths relative to its API base."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session = requests.Session()
        self.session.headers.update(AUTH)

    def __call__(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.session.request(method, self.base + path, timeout=10, **kwargs)


@pytest.fixture
def served() -> Iterator[tuple[FakeOpenMetadata, Http]]:
    fake = FakeOpenMetadata()
    fake.seed(payload("sample_kafka"), payload("my.kafka"))
    with fake.serve() as server:
        http = Http(server.base_url)
        yield fake, http
        http.session.close()


def topic(name: str = "orders", service: str = "sample_kafka", **more: Any) -> dict[str, Any]:
    return {"name": name, "service": service, "partitions": 1, **more}


def test_post_answers_201_with_location_and_the_topic_as_the_server_shapes_it(
    served: tuple[FakeOpenMetadata, Http],
) -> None:
    # Server: POST 201 + Location; FQN "<service FQN>.<topic name>", each part quoted if it
    # has a dot; service as an EntityReference; serviceType from the service; every schema
    # field's FQN is its parent's FQN plus its quoted name (TopicRepository.setFieldFQN).
    _, http = served
    made = http("POST", TOPICS, json=topic("a.b", '"my.kafka"', messageSchema=NESTED))
    assert made.status_code == 201
    body = made.json()
    assert made.headers["Location"] == body["href"] and body["href"].endswith(body["id"])
    assert body["fullyQualifiedName"] == '"my.kafka"."a.b"'
    svc = http("GET", f"{COLLECTION}/name/my.kafka").json()
    assert body["service"]["id"] == svc["id"]
    assert {k: body["service"][k] for k in ("type", "name", "fullyQualifiedName")} == {
        "type": "messagingService",
        "name": "my.kafka",
        "fullyQualifiedName": '"my.kafka"',
    }
    assert body["serviceType"] == "Kafka" and body["version"] == 0.1
    fields = body["messageSchema"]["schemaFields"]
    assert [f["fullyQualifiedName"] for f in fields] == [
        '"my.kafka"."a.b".id',
        '"my.kafka"."a.b"."ship.to"',
    ]
    assert fields[1]["children"][0]["fullyQualifiedName"] == '"my.kafka"."a.b"."ship.to".street'
    assert (body["owners"], body["tags"], body["domains"]) == ([], [], [])
    assert "followers" not in body and "votes" not in body
    by_name = http("GET", f"{TOPICS}/name/" + requests.utils.quote('"my.kafka"."a.b"', safe=""))
    assert by_name.status_code == 200 and by_name.json()["id"] == body["id"]


def test_create_checks_map_to_the_servers_400_and_an_unknown_service_to_its_404(
    served: tuple[FakeOpenMetadata, Http],
) -> None:
    # Server: bean validation lists "query param <field> must not be null"; an unknown key
    # is "Invalid request format"; the service is looked up by FQN: 404
    # "messagingService instance for <fqn> not found"; a second create 409.
    _, http = served
    missing = http("POST", TOPICS, json={"name": "x", "service": "sample_kafka"})
    assert missing.status_code == 400 and "partitions must not be null" in missing.json()["message"]
    unknown = http("POST", TOPICS, json=topic(color="red"))
    assert unknown.json() == {"code": 400, "message": "Invalid request format"}
    orphan = http("POST", TOPICS, json=topic(service="nope"))
    assert orphan.json() == {"code": 404, "message": "messagingService instance for nope not found"}
    assert http("POST", TOPICS, json=topic()).status_code == 201
    assert http("POST", TOPICS, json=topic()).json() == {
        "code": 409,
        "message": "Entity already exists",
    }


def test_put_creates_then_updates_and_bulk_reports_each_row(
    served: tuple[FakeOpenMetadata, Http],
) -> None:
    # Server: PUT 201 entityCreated, then 200 entityUpdated / entityNoChange; topics have a
    # PUT /bulk route answering a BulkOperationResult.
    _, http = served
    first = http("PUT", TOPICS, json=topic(description="one"))
    assert (first.status_code, first.headers["X-OpenMetadata-Change"]) == (201, "entityCreated")
    second = http("PUT", TOPICS, json=topic(description="two"))
    assert (second.status_code, second.headers["X-OpenMetadata-Change"]) == (200, "entityUpdated")
    assert second.json()["version"] == 0.2 and second.json()["description"] == "two"
    same = http("PUT", TOPICS, json=topic(description="two"))
    assert same.headers["X-OpenMetadata-Change"] == "entityNoChange"
    bulk = http("PUT", f"{TOPICS}/bulk", json=[topic("b1"), topic("b2", service="nope")])
    result = bulk.json()
    assert bulk.status_code == 200 and result["status"] == "partialSuccess"
    assert (result["numberOfRowsPassed"], result["numberOfRowsFailed"]) == (1, 1)
    assert result["failedRequest"][0]["status"] == 404


def test_list_pages_and_filters_by_service(served: tuple[FakeOpenMetadata, Http]) -> None:
    # Server: GET /v1/topics lists with limit/after cursors and a `service` filter (FQN).
    _, http = served
    for name in ("t1", "t2", "t3"):
        http("POST", TOPICS, json=topic(name))
    http("POST", TOPICS, json=topic("other", '"my.kafka"'))
    page = http("GET", TOPICS, params={"service": "sample_kafka", "limit": "2"}).json()
    assert [t["name"] for t in page["data"]] == ["t1", "t2"] and page["paging"]["total"] == 3
    rest = http("GET", TOPICS, params={"service": "sample_kafka", "after": page["paging"]["after"]})
    assert [t["name"] for t in rest.json()["data"]] == ["t3"]
    theirs = http("GET", TOPICS, params={"service": '"my.kafka"'}).json()
    assert [t["fullyQualifiedName"] for t in theirs["data"]] == ['"my.kafka".other']
    assert http("GET", TOPICS, params={"fields": "nope"}).status_code == 400


def test_patch_delete_restore_and_versions(served: tuple[FakeOpenMetadata, Http]) -> None:
    # Server: PATCH +0.1; soft delete hides it unless include=deleted/all; restore answers
    # entityRestored; versions are JSON strings newest first; hard delete forgets it.
    _, http = served
    tid = http("POST", TOPICS, json=topic()).json()["id"]
    ops = [{"op": "add", "path": "/description", "value": "patched"}]
    patched = http(
        "PATCH",
        f"{TOPICS}/{tid}",
        json=ops,
        headers={"Content-Type": "application/json-patch+json"},
    )
    assert patched.json()["description"] == "patched" and patched.json()["version"] == 0.2
    assert patched.json()["service"]["name"] == "sample_kafka"
    gone = http("DELETE", f"{TOPICS}/{tid}")
    assert gone.headers["X-OpenMetadata-Change"] == "entitySoftDeleted"
    assert http("GET", f"{TOPICS}/{tid}").status_code == 404
    assert http("GET", f"{TOPICS}/{tid}", params={"include": "deleted"}).json()["deleted"] is True
    back = http("PUT", f"{TOPICS}/restore", json={"id": tid})
    assert back.headers["X-OpenMetadata-Change"] == "entityRestored"
    history = http("GET", f"{TOPICS}/{tid}/versions").json()
    assert history["entityType"] == "topic" and len(history["versions"]) == 4
    first = http("GET", f"{TOPICS}/{tid}/versions/0.1").json()
    assert first["version"] == 0.1 and "description" not in first
    assert http("DELETE", f"{TOPICS}/{tid}", params={"hardDelete": "true"}).ok
    assert http("GET", f"{TOPICS}/{tid}", params={"include": "all"}).status_code == 404


def test_followers_answer_a_change_event_and_show_with_fields(
    served: tuple[FakeOpenMetadata, Http],
) -> None:
    # Server: PUT {id}/followers with the user's UUID as a JSON string -> ChangeEvent,
    # header entityFieldsChanged, version unchanged; followers shown with fields=followers.
    fake, http = served
    user = fake.user_id("alice")  # the server only lets known users follow
    tid = http("POST", TOPICS, json=topic()).json()["id"]
    added = http("PUT", f"{TOPICS}/{tid}/followers", json=user)
    assert added.headers["X-OpenMetadata-Change"] == "entityFieldsChanged"
    event = added.json()
    assert (event["eventType"], event["entityType"], event["entityId"]) == (
        "entityUpdated",
        "topic",
        tid,
    )
    assert event["entityFullyQualifiedName"] == "sample_kafka.orders"
    assert event["currentVersion"] == event["previousVersion"] == 0.1
    (change,) = event["changeDescription"]["fieldsAdded"]
    assert change["name"] == "followers" and change["newValue"][0]["id"] == user
    shown = http("GET", f"{TOPICS}/{tid}", params={"fields": "followers"}).json()
    assert [f["id"] for f in shown["followers"]] == [user] and shown["version"] == 0.1
    assert "followers" not in http("GET", f"{TOPICS}/{tid}").json()
    removed = http("DELETE", f"{TOPICS}/{tid}/followers/{user}").json()
    assert removed["changeDescription"]["fieldsDeleted"][0]["name"] == "followers"
    assert http("GET", f"{TOPICS}/{tid}", params={"fields": "followers"}).json()["followers"] == []
    assert http("PUT", f"{TOPICS}/{tid}/followers", json="not-a-uuid").status_code == 400
    assert http("PUT", f"{TOPICS}/{uuid.uuid4()}/followers", json=user).status_code == 404


def test_votes_count_the_callers_latest_vote(served: tuple[FakeOpenMetadata, Http]) -> None:
    # Server: PUT {id}/vote {"updatedVoteType"} -> ChangeEvent (entityFieldsChanged); a
    # caller has one vote; fields=votes shows counts and voters.
    _, http = served
    tid = http("POST", TOPICS, json=topic()).json()["id"]
    up = http("PUT", f"{TOPICS}/{tid}/vote", json={"updatedVoteType": "votedUp"})
    assert up.headers["X-OpenMetadata-Change"] == "entityFieldsChanged"
    assert up.json()["changeDescription"]["fieldsUpdated"][0]["newValue"] == "votedUp"
    votes = http("GET", f"{TOPICS}/{tid}", params={"fields": "votes"}).json()["votes"]
    assert (votes["upVotes"], votes["downVotes"]) == (1, 0)
    assert votes["upVoters"][0]["type"] == "user"
    http("PUT", f"{TOPICS}/{tid}/vote", json={"updatedVoteType": "votedDown"})
    votes = http("GET", f"{TOPICS}/{tid}", params={"fields": "votes"}).json()["votes"]
    assert (votes["upVotes"], votes["downVotes"]) == (0, 1)
    http("PUT", f"{TOPICS}/{tid}/vote", json={"updatedVoteType": "unVoted"})
    votes = http("GET", f"{TOPICS}/{tid}", params={"fields": "votes"}).json()["votes"]
    assert (votes["upVotes"], votes["downVotes"]) == (0, 0)
    bad = http("PUT", f"{TOPICS}/{tid}/vote", json={"updatedVoteType": "meh"})
    assert bad.json() == {"code": 400, "message": "Invalid request format"}


def test_sample_data_is_stored_and_read_back(served: tuple[FakeOpenMetadata, Http]) -> None:
    # Server: PUT {id}/sampleData {"messages": [...]} answers the topic with sampleData;
    # GET {id}/sampleData reads it; a plain GET leaves it out; the version does not move.
    _, http = served
    tid = http("POST", TOPICS, json=topic()).json()["id"]
    put = http("PUT", f"{TOPICS}/{tid}/sampleData", json={"messages": ['{"a": 1}']})
    assert put.json()["sampleData"] == {"messages": ['{"a": 1}']}
    got = http("GET", f"{TOPICS}/{tid}/sampleData").json()
    assert got["sampleData"] == {"messages": ['{"a": 1}']} and got["version"] == 0.1
    assert "sampleData" not in http("GET", f"{TOPICS}/{tid}").json()
    assert http("PUT", f"{TOPICS}/{tid}/sampleData", json={"messages": [1]}).status_code == 400


def test_a_service_with_topics_needs_recursive_and_carries_them(
    served: tuple[FakeOpenMetadata, Http],
) -> None:
    # Server: DELETE of a service with topics (soft-deleted ones count) without recursive:
    # 400 "messagingService is not empty"; recursive deletes cascade; restoring the
    # service restores its soft-deleted topics; a hard recursive delete forgets them.
    _, http = served
    sid = http("GET", f"{COLLECTION}/name/sample_kafka").json()["id"]
    tid = http("POST", TOPICS, json=topic()).json()["id"]
    http("DELETE", f"{TOPICS}/{tid}")
    refused = http("DELETE", f"{COLLECTION}/{sid}")
    assert refused.json() == {"code": 400, "message": "messagingService is not empty"}
    http("PUT", f"{TOPICS}/restore", json={"id": tid})
    assert http("DELETE", f"{COLLECTION}/{sid}", params={"recursive": "true"}).ok
    assert http("GET", f"{TOPICS}/{tid}", params={"include": "all"}).json()["deleted"] is True
    http("PUT", f"{COLLECTION}/restore", json={"id": sid})
    assert http("GET", f"{TOPICS}/{tid}").json()["deleted"] is False
    hard = {"recursive": "true", "hardDelete": "true"}
    assert http("DELETE", f"{COLLECTION}/{sid}", params=hard).ok
    assert http("GET", f"{TOPICS}/{tid}", params={"include": "all"}).status_code == 404
