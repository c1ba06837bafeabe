"""Every topic call pinned on the wire (method, path, query, headers, body) and in what the
caller gets back: reads, listings, changes, lifecycle, followers, votes, sample data, bulk."""

from __future__ import annotations

import json
import re
import urllib.parse
import uuid
from typing import Any

import pytest
import responses

from openmetadata_fluent import (
    ChangeType,
    Include,
    MessagingService,
    OpenMetadataClient,
    OpenMetadataError,
    Topic,
    TopicOperations,
    Topics,
    ValidationError,
    set_default_client,
)
from openmetadata_fluent.errors import NotFoundError
from openmetadata_fluent.models.common import ApiStatus
from openmetadata_fluent.models.results import ChangeEvent, EventType
from openmetadata_fluent.models.topics import (
    CreateTopicRequest,
    TopicSampleData,
    VoteType,
)
from openmetadata_fluent.topics import TopicList
from tests.conftest import BASE, SEEDS_RESPONSE, sent_json
from tests.topics.conftest import BY_ID, TOPIC_ID, TOPICS_URL, USER_ID, change_event, topic


def query(call: Any) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(call.request.url).query)


def path(call: Any) -> str:
    return urllib.parse.urlsplit(call.request.url).path.removeprefix("/api")


def sent(http: responses.RequestsMock) -> list[tuple[str, str]]:
    return [(c.request.method, c.request.url.replace(BASE, "")) for c in http.calls]


@pytest.fixture
def topics(client: OpenMetadataClient) -> TopicOperations:
    return client.topics


# -- the resource and its facade -------------------------------------------------------


def test_client_topics_is_one_bound_operations(client: OpenMetadataClient) -> None:
    assert isinstance(client.topics, TopicOperations)
    assert client.topics is client.topics
    assert client.topics.client is client
    assert client.topics.spec.collection == "/v1/topics"


def test_the_facade_uses_the_default_client_when_a_call_runs(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    assert repr(Topics) == "Topics"
    Topics.setDefaultClient(client)
    http.get(BY_ID, json=topic())
    assert Topics.retrieve(TOPIC_ID).name == "address_book"
    assert http.calls[0].request.headers["Authorization"] == "Bearer test-jwt-token-value"


# -- reading ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["retrieve", "get"])
def test_retrieve_by_id_sends_fields_and_include(
    topics: TopicOperations, http: responses.RequestsMock, name: str
) -> None:
    http.get(BY_ID, json=topic(owners=[{"id": USER_ID, "type": "user"}]))
    found = getattr(topics, name)(TOPIC_ID, fields=["owners", "tags"], include=Include.ALL)
    assert isinstance(found, Topic) and str(found.id) == TOPIC_ID
    assert found.owners is not None and str(found.owners[0].id) == USER_ID
    assert path(http.calls[0]) == f"/v1/topics/{TOPIC_ID}"
    assert query(http.calls[0]) == {"fields": ["owners,tags"], "include": ["all"]}
    assert http.calls[0].request.body is None


def test_retrieve_takes_the_fields_as_one_string(
    topics: TopicOperations, http: responses.RequestsMock
) -> None:
    http.get(BY_ID, json=topic())
    topics.retrieve(uuid.UUID(TOPIC_ID), "owners,tags, votes")
    assert query(http.calls[0]) == {"fields": ["owners,tags,votes"]}


@pytest.mark.parametrize("name", ["retrieve_by_name", "retrieveByName", "get_by_name", "getByName"])
def test_retrieve_by_name_sends_the_topic_fqn_as_given(
    topics: TopicOperations, http: responses.RequestsMock, name: str
) -> None:
    http.get(f"{TOPICS_URL}/name/sample_kafka.address_book", json=topic())
    found = getattr(topics, name)("sample_kafka.address_book", fields="tags")
    assert found.fully_qualified_name == "sample_kafka.address_book"
    assert http.calls[0].request.url == (
        f"{TOPICS_URL}/name/sample_kafka.address_book?fields=tags"
    )


def test_a_quoted_fqn_is_one_escaped_path_segment(
    topics: TopicOperations, http: responses.RequestsMock
) -> None:
    fqn = TopicOperations.fqn("my.kafka", "orders/v1.avro")
    assert fqn == '"my.kafka"."orders/v1.avro"'
    http.get(f"{TOPICS_URL}/name/%22my.kafka%22.%22orders%2Fv1.avro%22", json=topic())
    topics.retrieve_by_name(fqn)
    assert len(http.calls) == 1


def test_the_fqn_helper() -> None:
    service = MessagingService.from_dict(SEEDS_RESPONSE)
    assert TopicOperations.fqn("sample_kafka", "address_book") == "sample_kafka.address_book"
    assert TopicOperations.fqn(service, "a.b") == 'sample_kafka."a.b"'
    assert TopicOperations.fqn('"my.kafka"', "t") == '"my.kafka".t'
    with pytest.raises(ValidationError) as caught:
        TopicOperations.fqn(" ", "")
    assert [p.path for p in caught.value.problems] == ["service", "name"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda t: t.retrieve("not-a-uuid"), "id: must be a UUID"),
        (lambda t: t.retrieve(TOPIC_ID, fields=["owner"]), "did you mean 'owners'"),
        (lambda t: t.retrieve(TOPIC_ID, fields="follower"), "did you mean 'followers'"),
        (lambda t: t.retrieve(TOPIC_ID, include="delted"), "did you mean 'deleted'"),
        (lambda t: t.retrieve_by_name(" "), "must be a non-blank name or FQN"),
        (lambda t: t.list(limit=-1), "limit: must be an integer from 0"),
        (lambda t: t.list(service=" "), "service: must be a fully qualified name"),
        (lambda t: t.list().filter("domain", "d"), "is not a filter here; use one of service"),
    ],
)
def test_bad_reads_are_refused_before_any_request(
    topics: TopicOperations, http: responses.RequestsMock, call: Any, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        call(topics)
    assert len(http.calls) == 0


def test_a_missing_topic_is_not_found(
    topics: TopicOperations, http: responses.RequestsMock
) -> None:
    http.get(BY_ID, json={"code": 404, "message": f"topic instance for {TOPIC_ID} not found"},
             status=404)
    with pytest.raises(NotFoundError, match="not found"):
        topics.retrieve(TOPIC_ID)


def test_a_malformed_topic_is_an_sdk_error(
    topics: TopicOperations, http: responses.RequestsMock
) -> None:
    http.get(BY_ID, json={"id": TOPIC_ID, "name": "t"})  # no partitions
    with pytest.raises(OpenMetadataError, match="the server's topic could not be read"):
        topics.retrieve(TOPIC_ID)


# -- listing ----------------------------------------------------------------------------


def _page(names: list[str], after: str | None = None) -> dict[str, Any]:
    data = [topic(id=str(uuid.uuid4()), name=n, fullyQualifiedName=f"sample_kafka.{n}")
            for n in names]
    return {"data": data, "paging": {"after": after, "total": 3} if after else {"total": 3}}


def test_list_is_lazy_and_follows_every_page_with_the_service_filter(
    topics: TopicOperations, http: responses.RequestsMock
) -> None:
    http.get(TOPICS_URL, json=_page(["a", "b"], after="Y3Vy"))
    http.get(TOPICS_URL, json=_page(["c"]))
    listing = topics.list(
        service="sample_kafka", limit=2, fields=["owners"], include="all"
    )
    assert isinstance(listing, TopicList)
    assert len(http.calls) == 0
    assert [t.name for t in listing] == ["a", "b", "c"]
    assert [query(c) for c in http.calls] == [
        {"limit": ["2"], "fields": ["owners"], "include": ["all"], "service": ["sample_kafka"]},
        {"limit": ["2"], "fields": ["owners"], "include": ["all"], "service": ["sample_kafka"],
         "after": ["Y3Vy"]},
    ]


def test_list_resumes_from_a_cursor_and_takes_the_service_entity(
    topics: TopicOperations, http: responses.RequestsMock
) -> None:
    http.get(TOPICS_URL, json=_page(["c"]))
    service = MessagingService.from_dict(SEEDS_RESPONSE)
    assert [t.name for t in topics.list(service=service, after="Y3Vy")] == ["c"]
    assert query(http.calls[0]) == {"service": ["sample_kafka"], "after": ["Y3Vy"]}
    http.get(TOPICS_URL, json=_page(["b"]))
    assert [t.name for t in topics.list(before="QmVm")] == ["b"]
    assert query(http.calls[1]) == {"before": ["QmVm"]}


def test_the_java_lister_sends_one_request_and_returns_one_page(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    set_default_client(client)
    http.get(TOPICS_URL, json=_page(["a", "b"], after="bmV4dA"))
    page = Topics.list().service("sample_kafka").fields("owners", "tags").limit(50).execute()
    assert len(http.calls) == 1
    assert query(http.calls[0]) == {
        "service": ["sample_kafka"], "fields": ["owners,tags"], "limit": ["50"]
    }
    assert [t.name for t in page.getData()] == ["a", "b"] == [t.name for t in page.data]
    assert page.paging.after == "bmV4dA" and page.getPaging().getTotal() == 3


def test_the_java_lister_chains_in_any_order_and_visits_everything(
    topics: TopicOperations, http: responses.RequestsMock
) -> None:
    http.get(TOPICS_URL, json=_page(["a"], after="c2"))
    http.get(TOPICS_URL, json=_page(["b"]))
    seen: list[str] = []
    lister = topics.list().limit(1).include("deleted").fields("tags").service("k")
    assert lister.before("QmVm").after("YQ") is lister
    lister.forEach(lambda t: seen.append(t.name))
    assert seen == ["a", "b"]
    assert [query(c) for c in http.calls] == [
        {"limit": ["1"], "include": ["deleted"], "fields": ["tags"], "service": ["k"],
         "after": ["YQ"]},
        {"limit": ["1"], "include": ["deleted"], "fields": ["tags"], "service": ["k"],
         "after": ["c2"]},
    ]


# -- changing ---------------------------------------------------------------------------


@pytest.mark.parametrize("edit", ["java", "attribute"])
def test_update_patches_what_changed(
    client: OpenMetadataClient, http: responses.RequestsMock, edit: str
) -> None:
    set_default_client(client)
    current = topic(tags=[])
    http.get(BY_ID, json=current)
    http.patch(BY_ID, json=topic(description="new"),
               headers={"X-OpenMetadata-Change": "entityUpdated"})
    fetched = Topic.from_dict(current)
    if edit == "java":
        fetched.setDescription("new")
        fetched.setDisplayName(None)
    else:
        fetched.description = "new"
        fetched.display_name = None
    saved = Topics.update(fetched)
    assert saved.description == "new" and saved.change_type is ChangeType.UPDATED
    get, patch = http.calls
    assert query(get) == {"fields": ["owners,tags,domains,dataProducts"]}
    assert patch.request.method == "PATCH"
    assert patch.request.headers["Content-Type"] == "application/json-patch+json"
    assert sorted(sent_json(patch), key=lambda op: op["path"]) == [
        {"op": "replace", "path": "/description", "value": "new"},
        {"op": "remove", "path": "/displayName"},
    ]


def test_update_sends_nothing_when_nothing_changed(
    topics: TopicOperations, http: responses.RequestsMock
) -> None:
    http.get(BY_ID, json=topic())
    unchanged = topics.update(Topic.from_dict(topic()))
    assert unchanged.name == "address_book"
    assert [c.request.method for c in http.calls] == ["GET"]


def test_update_leaves_server_owned_fields_alone(
    topics: TopicOperations, http: responses.RequestsMock
) -> None:
    http.get(BY_ID, json=topic())
    http.patch(BY_ID, json=topic())
    local = Topic.from_dict(topic(service=None, serviceType=None, followers=None, votes=None))
    local.owners = [{"id": USER_ID, "type": "user"}]  # type: ignore[assignment]
    topics.update(local)
    assert sent_json(http.calls[1]) == [
        {"op": "add", "path": "/owners/0", "value": {"id": USER_ID, "type": "user"}}
    ]


def test_find_fetch_edit_save(topics: TopicOperations, http: responses.RequestsMock) -> None:
    http.get(BY_ID, json=topic(), headers={"ETag": '"v1"'})
    http.patch(BY_ID, json=topic(description="d2", displayName="AB"), headers={"ETag": '"v2"'})
    fluent = topics.find(TOPIC_ID).include_owners().includeTags().fetch()
    assert query(http.calls[0]) == {"fields": ["owners,tags"]}
    fluent.with_description("d2").withDisplayName("AB").save()
    assert fluent.entity.display_name == "AB" and fluent.etag == '"v2"'
    assert sent_json(http.calls[1]) == [
        {"op": "replace", "path": "/displayName", "value": "AB"},
        {"op": "replace", "path": "/description", "value": "d2"},
    ]


def test_find_by_name_include_all_asks_for_every_field(
    topics: TopicOperations, http: responses.RequestsMock
) -> None:
    http.get(f"{TOPICS_URL}/name/sample_kafka.address_book", json=topic())
    topics.find_by_name("sample_kafka.address_book").include_all().fetch()
    assert query(http.calls[0]) == {
        "fields": [
            "owners,followers,votes,tags,extension,domains,dataProducts,sourceHash,"
            "lifeCycle,certification"
        ]
    }


def test_patch_sends_the_operations_as_given(
    topics: TopicOperations, http: responses.RequestsMock
) -> None:
    http.patch(BY_ID, json=topic(partitions=3))
    ops = [{"op": "replace", "path": "/partitions", "value": 3}]
    assert topics.patch(TOPIC_ID, ops).partitions == 3
    assert sent_json(http.calls[0]) == ops


# -- lifecycle --------------------------------------------------------------------------


def test_delete_variants(topics: TopicOperations, http: responses.RequestsMock) -> None:
    http.delete(BY_ID, json=topic(deleted=True),
                headers={"X-OpenMetadata-Change": "entitySoftDeleted"})
    http.delete(f"{TOPICS_URL}/name/sample_kafka.address_book", json=topic(deleted=True))
    assert topics.delete(TOPIC_ID).execute().deleted is True
    topics.delete(TOPIC_ID).hard_delete().execute()
    topics.find(TOPIC_ID).delete().recursively().permanently().confirm()
    topics.deleteByName("sample_kafka.address_book").now()
    topics.delete_by_name("sample_kafka.address_book").hardDelete().execute()
    assert sent(http) == [
        ("DELETE", f"/v1/topics/{TOPIC_ID}?hardDelete=false&recursive=false"),
        ("DELETE", f"/v1/topics/{TOPIC_ID}?hardDelete=true&recursive=false"),
        ("DELETE", f"/v1/topics/{TOPIC_ID}?hardDelete=true&recursive=true"),
        ("DELETE", "/v1/topics/name/sample_kafka.address_book?hardDelete=false&recursive=false"),
        ("DELETE", "/v1/topics/name/sample_kafka.address_book?hardDelete=true&recursive=false"),
    ]


def test_restore(topics: TopicOperations, http: responses.RequestsMock) -> None:
    http.put(f"{TOPICS_URL}/restore", json=topic(version=0.3),
             headers={"X-OpenMetadata-Change": "entityRestored"})
    restored = topics.restore(TOPIC_ID)
    assert restored.change_type is ChangeType.RESTORED and restored.version == 0.3
    assert sent(http) == [("PUT", "/v1/topics/restore")]
    assert sent_json(http.calls[0]) == {"id": TOPIC_ID}


def test_versions(topics: TopicOperations, http: responses.RequestsMock) -> None:
    v2, v1 = topic(version=0.2, description="two"), topic(version=0.1)
    http.get(f"{BY_ID}/versions",
             json={"entityType": "topic", "versions": [json.dumps(v2), json.dumps(v1)]})
    http.get(f"{BY_ID}/versions/0.1", json=v1)
    history = topics.getVersions(TOPIC_ID)
    assert history.entity_type == "topic"
    assert [t.version for t in history.getVersions()] == [0.2, 0.1]
    assert [t.description for t in topics.versions(TOPIC_ID)] == ["two", v1["description"]]
    assert topics.getSpecificVersion(TOPIC_ID, 0.1).version == 0.1
    assert topics.get_specific_version(TOPIC_ID, "0.1").version == 0.1
    assert sent(http) == [
        ("GET", f"/v1/topics/{TOPIC_ID}/versions"),
        ("GET", f"/v1/topics/{TOPIC_ID}/versions"),
        ("GET", f"/v1/topics/{TOPIC_ID}/versions/0.1"),
        ("GET", f"/v1/topics/{TOPIC_ID}/versions/0.1"),
    ]


# -- followers and votes ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["add_follower", "addFollower"])
def test_add_follower_puts_the_user_id_as_a_json_string(
    topics: TopicOperations, http: responses.RequestsMock, name: str
) -> None:
    follower = [{"id": USER_ID, "type": "user", "name": "alice"}]
    http.put(f"{BY_ID}/followers", json=change_event("followers", "fieldsAdded", follower),
             headers={"X-OpenMetadata-Change": "entityFieldsChanged"})
    event = getattr(topics, name)(TOPIC_ID, uuid.UUID(USER_ID))
    assert isinstance(event, ChangeEvent)
    assert event.event_type is EventType.UPDATED and str(event.entity_id) == TOPIC_ID
    assert event.change_type == "entityFieldsChanged"
    assert event.change_description is not None
    added = event.change_description.fields_added
    assert added is not None and added[0].name == "followers" and added[0].new_value == follower
    assert event.entity is not None and Topic.from_dict(event.entity).name == "address_book"
    call = http.calls[0]
    assert call.request.body == f'"{USER_ID}"'.encode()
    assert call.request.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("name", ["remove_follower", "removeFollower"])
def test_remove_follower_deletes_the_user_from_the_followers(
    topics: TopicOperations, http: responses.RequestsMock, name: str
) -> None:
    http.delete(f"{BY_ID}/followers/{USER_ID}",
                json=change_event("followers", "fieldsDeleted", [{"id": USER_ID}]))
    event = getattr(topics, name)(TOPIC_ID, USER_ID)
    assert event.change_description.fields_deleted[0].name == "followers"
    assert sent(http) == [("DELETE", f"/v1/topics/{TOPIC_ID}/followers/{USER_ID}")]
    assert http.calls[0].request.body is None


@pytest.mark.parametrize(
    ("given", "wire"),
    [("votedUp", "votedUp"), ("VOTEDDOWN", "votedDown"), (VoteType.UN_VOTED, "unVoted")],
)
def test_vote_puts_the_vote_type(
    topics: TopicOperations, http: responses.RequestsMock, given: Any, wire: str
) -> None:
    http.put(f"{BY_ID}/vote", json=change_event("votes", "fieldsUpdated", wire))
    event = topics.vote(TOPIC_ID, given)
    assert event.change_description is not None
    assert event.change_description.fields_updated[0].new_value == wire  # type: ignore[index]
    assert sent(http) == [("PUT", f"/v1/topics/{TOPIC_ID}/vote")]
    assert sent_json(http.calls[0]) == {"updatedVoteType": wire}


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda t: t.vote(TOPIC_ID, "voteUp"), "'voteUp' is not one of votedUp, votedDown, "
                                                "unVoted (did you mean 'votedUp'?)"),
        (lambda t: t.vote(TOPIC_ID, "down"), "(did you mean 'votedDown'?)"),
        (lambda t: t.vote(TOPIC_ID, None), "updatedVoteType: is required"),
        (lambda t: t.vote("x", "votedUp"), "id: must be a UUID"),
        (lambda t: t.add_follower(TOPIC_ID, "alice"), "user_id: must be a user's UUID"),
        (lambda t: t.remove_follower(TOPIC_ID, 7), "user_id: must be a user's UUID, not 7"),
        (lambda t: t.add_sample_data(TOPIC_ID, "one message"), "messages: must be a list"),
        (lambda t: t.add_sample_data(TOPIC_ID, [b"x"]), "messages[0]: must be a string"),
        (lambda t: t.add_sample_data(TOPIC_ID, {"rows": []}), "rows: unknown field"),
    ],
)
def test_bad_follower_vote_and_sample_data_calls_send_nothing(
    topics: TopicOperations, http: responses.RequestsMock, call: Any, message: str
) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        call(topics)
    assert len(http.calls) == 0


def test_a_change_event_whose_entity_is_a_json_string_is_read(
    topics: TopicOperations, http: responses.RequestsMock
) -> None:
    event = change_event("votes", "fieldsUpdated", "votedUp")
    event["entity"] = json.dumps(event["entity"])
    http.put(f"{BY_ID}/vote", json=event)
    entity = topics.vote(TOPIC_ID, "votedUp").entity
    assert entity is not None and entity["name"] == "address_book"


@pytest.mark.parametrize(
    ("body", "message"),
    [(["x"], "expected a change event"), ({"entity": "{nope"}, "entity is not JSON"),
     ({"timestamp": "soon"}, "change event could not be read")],
)
def test_a_malformed_change_event_is_an_sdk_error(
    topics: TopicOperations, http: responses.RequestsMock, body: Any, message: str
) -> None:
    http.put(f"{BY_ID}/vote", json=body)
    with pytest.raises(OpenMetadataError, match=message):
        topics.vote(TOPIC_ID, "votedUp")


# -- sample data ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    [["m1", "m2"], ("m1", "m2"), iter(["m1", "m2"]), TopicSampleData(messages=("m1", "m2")),
     {"messages": ["m1", "m2"]}],
    ids=["list", "tuple", "iterator", "model", "dict"],
)
def test_add_sample_data_puts_the_messages(
    topics: TopicOperations, http: responses.RequestsMock, given: Any
) -> None:
    http.put(f"{BY_ID}/sampleData", json=topic(sampleData={"messages": ["m1", "m2"]}))
    result = topics.addSampleData(TOPIC_ID, given)
    assert result.sample_data == TopicSampleData(messages=("m1", "m2"))
    assert sent(http) == [("PUT", f"/v1/topics/{TOPIC_ID}/sampleData")]
    assert sent_json(http.calls[0]) == {"messages": ["m1", "m2"]}


def test_get_sample_data(topics: TopicOperations, http: responses.RequestsMock) -> None:
    http.get(f"{BY_ID}/sampleData", json=topic(sampleData={"messages": ['{"id": 1}']}))
    assert topics.getSampleData(TOPIC_ID).getSampleData() == TopicSampleData(
        messages=('{"id": 1}',)
    )
    assert sent(http) == [("GET", f"/v1/topics/{TOPIC_ID}/sampleData")]


# -- bulk and batch ---------------------------------------------------------------------


def _requests() -> list[Any]:
    return [
        Topics.builder().name("a").service("k").partitions(1),
        CreateTopicRequest(name="b", service="k", partitions=2),
        {"name": "c", "service": "k", "partitions": 3},
    ]


@pytest.mark.parametrize("name", ["bulk_upsert", "bulkUpsert"])
def test_bulk_upsert_uses_the_bulk_route(
    topics: TopicOperations, http: responses.RequestsMock, name: str
) -> None:
    http.put(
        f"{TOPICS_URL}/bulk",
        json={
            "status": "partialSuccess",
            "successRequest": [{"request": "a", "status": 200}, {"request": "c", "status": 201}],
            "failedRequest": [{"request": {"name": "b"}, "status": 400, "message": "bad"}],
        },
    )
    result = getattr(topics, name)(_requests())
    assert result.status is ApiStatus.PARTIAL_SUCCESS
    assert [s.item.name for s in result.succeeded] == ["a", "c"]
    assert [(f.item.name, f.message) for f in result.failed] == [("b", "bad")]
    assert sent(http) == [("PUT", "/v1/topics/bulk")]
    assert sent_json(http.calls[0]) == [
        {"name": n, "service": "k", "partitions": p, "retentionSize": -1}
        for n, p in (("a", 1), ("b", 2), ("c", 3))
    ]


@pytest.mark.parametrize("name", ["create_batch", "createBatch"])
def test_create_batch_posts_each_topic(
    topics: TopicOperations, http: responses.RequestsMock, name: str
) -> None:
    http.post(TOPICS_URL, json=topic(), status=201)
    http.post(TOPICS_URL, json={"code": 409, "message": "Entity already exists"}, status=409)
    http.post(TOPICS_URL, json=topic(), status=201)
    result = getattr(topics, name)(*_requests())
    assert [s.item.name for s in result.succeeded] == ["a", "c"]
    assert [(f.item.name, f.status) for f in result.failed] == [("b", 409)]
    assert [sent_json(c)["name"] for c in http.calls] == ["a", "b", "c"]
