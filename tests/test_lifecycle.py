"""The whole lifecycle of a service through the fluent API, pinned on the wire."""

from __future__ import annotations

import copy
import json
import re
import urllib.parse
from typing import Any

import pytest
import responses

from openmetadata_fluent import (
    FluentMessagingService,
    Include,
    MessagingService,
    MessagingServices,
    OpenMetadataClient,
    OpenMetadataError,
    ValidationError,
    kafka_connection,
    set_default_client,
)
from openmetadata_fluent.errors import (
    BadRequestError,
    EntityAlreadyExistsError,
    NotFoundError,
    PreconditionFailedError,
)
from openmetadata_fluent.models.common import MASK, ApiStatus
from openmetadata_fluent.models.messaging import CreateMessagingServiceRequest
from tests.conftest import SEEDS_PAYLOAD, SEEDS_RESPONSE, SERVICES_URL, sent_json

ID = SEEDS_RESPONSE["id"]
BY_ID = f"{SERVICES_URL}/{ID}"
PATH = "/api/v1/services/messagingServices"


def service(**changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(SEEDS_RESPONSE)
    body.update(changes)
    return body


def query(call: Any) -> dict[str, list[str]]:
    return query_of(call.request)


# -- reading -------------------------------------------------------------------------


def test_retrieve_sends_fields_and_include(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.get(BY_ID, json=service(description="d"))
    svc = client.messaging_services.retrieve(ID, fields=["owners", "tags"], include=Include.ALL)
    assert svc.description == "d"
    assert str(svc.id) == ID
    assert query(http.calls[0]) == {"fields": ["owners,tags"], "include": ["all"]}


def test_fields_may_be_a_comma_string_and_include_a_string(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.get(BY_ID, json=service())
    client.messaging_services.retrieve(ID, fields="domains, dataProducts", include="deleted")
    assert query(http.calls[0]) == {"fields": ["domains,dataProducts"], "include": ["deleted"]}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fields": ["owner"]}, "did you mean 'owners'"),
        ({"fields": "tags,dataproduct"}, "did you mean 'dataProducts'"),
        ({"include": "delted"}, "did you mean 'deleted'"),
    ],
)
def test_bad_fields_or_include_are_refused_before_any_request(
    client: OpenMetadataClient, http: responses.RequestsMock, kwargs: Any, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        client.messaging_services.retrieve(ID, **kwargs)
    assert len(http.calls) == 0


@pytest.mark.parametrize("bad", ["not-a-uuid", "", "123"])
def test_an_id_that_is_not_a_uuid_is_a_validation_error(
    client: OpenMetadataClient, http: responses.RequestsMock, bad: str
) -> None:
    ops = client.messaging_services
    for call in (ops.retrieve, ops.find, ops.delete, ops.restore, ops.versions):
        with pytest.raises(ValidationError, match="must be a UUID"):
            call(bad)
    assert len(http.calls) == 0


def test_a_missing_service_raises_not_found(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    message = f"messagingService instance for {ID} not found"
    http.get(BY_ID, status=404, json={"code": 404, "message": message})
    with pytest.raises(NotFoundError) as caught:
        client.messaging_services.retrieve(ID)
    assert caught.value.status == 404
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("name", "segment"),
    [
        ("plain", "plain"),
        ("my.kafka", "%22my.kafka%22"),
        ('"my.kafka"', "%22my.kafka%22"),
        ("with space", "with%20space"),
        ("a/b", "a%2Fb"),
        ("hash#tag", "hash%23tag"),
        ("what?", "what%3F"),
        ("100%", "100%25"),
        ("kafka-é日本", "kafka-%C3%A9%E6%97%A5%E6%9C%AC"),
        ("a.b/c d#?%", "%22a.b%2Fc%20d%23%3F%25%22"),
    ],
)
def test_retrieve_by_name_quotes_dots_and_escapes_the_fqn_as_one_segment(
    client: OpenMetadataClient, http: responses.RequestsMock, name: str, segment: str
) -> None:
    http.get(re.compile(re.escape(SERVICES_URL) + "/name/.*"), json=service())
    client.messaging_services.retrieve_by_name(name, include="all")
    assert http.calls[0].request.path_url == f"{PATH}/name/{segment}?include=all"


def test_the_facade_and_java_twins_reach_the_same_calls(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    set_default_client(client)
    http.get(f"{SERVICES_URL}/name/sample_kafka", json=service())
    assert MessagingServices.retrieveByName("sample_kafka").name == "sample_kafka"
    assert type(MessagingServices).retrieveByName is type(MessagingServices).retrieve_by_name
    assert type(MessagingServices).deleteByName is type(MessagingServices).delete_by_name


# -- listing -------------------------------------------------------------------------

PAGES = [[f"svc{p}{i}" for i in range(3)] for p in range(4)]


def _pager(request: Any) -> tuple[int, dict[str, str], str]:
    after = query_of(request).get("after", ["0"])[0]
    index = int(after)
    names = PAGES[index]
    paging: dict[str, Any] = {"total": sum(map(len, PAGES))}
    if index + 1 < len(PAGES):
        paging["after"] = str(index + 1)
    if index:
        paging["before"] = str(index - 1)
    data = [dict(service(), name=n) for n in names]
    return 200, {}, json.dumps({"data": data, "paging": paging})


def query_of(request: Any) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(request.url).query)


def test_list_walks_every_page_lazily_without_gaps_or_repeats(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add_callback(responses.GET, SERVICES_URL, callback=_pager)
    listing = client.messaging_services.list(limit=3, fields="owners")
    assert len(http.calls) == 0
    it = iter(listing)
    first = next(it)
    assert first.name == "svc00"
    assert len(http.calls) == 1
    rest = [s.name for s in it]
    assert [first.name, *rest] == [n for page in PAGES for n in page]
    assert len(http.calls) == 4
    assert [query(c).get("after") for c in http.calls] == [None, ["1"], ["2"], ["3"]]
    assert all(query(c)["limit"] == ["3"] and query(c)["fields"] == ["owners"] for c in http.calls)


def test_pages_expose_cursors_and_a_saved_cursor_resumes(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add_callback(responses.GET, SERVICES_URL, callback=_pager)
    pages = client.messaging_services.list(limit=3).pages()
    first = next(pages)
    assert (first.after, first.before, first.total) == ("1", None, 12)
    saved = first.after
    resumed = [s.name for s in client.messaging_services.list(limit=3, after=saved)]
    assert resumed == [n for page in PAGES[1:] for n in page]
    assert query(http.calls[1])["after"] == ["1"]


def test_a_repeated_cursor_stops_instead_of_looping(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    body = {"data": [service()], "paging": {"after": "same"}}
    http.get(SERVICES_URL, json=body)
    with pytest.raises(OpenMetadataError, match="twice"):
        list(client.messaging_services.list())
    assert len(http.calls) == 2


@pytest.mark.parametrize(
    "kwargs",
    [{"limit": -1}, {"limit": 1_000_001}, {"limit": True}, {"after": "a", "before": "b"}],
)
def test_bad_list_arguments_are_refused_before_any_request(
    client: OpenMetadataClient, http: responses.RequestsMock, kwargs: Any
) -> None:
    with pytest.raises(ValidationError):
        iter(client.messaging_services.list(**kwargs))
    assert len(http.calls) == 0


# -- find, change, save --------------------------------------------------------------

SECRET_RESPONSE = service(
    connection={
        "config": {
            "type": "Kafka",
            "bootstrapServers": "localhost:9092",
            "securityProtocol": "SASL_SSL",
            "saslUsername": "bob",
            "saslPassword": MASK,
        }
    },
    description="old",
)


def fetched(client: OpenMetadataClient, http: responses.RequestsMock) -> FluentMessagingService:
    http.get(BY_ID, json=SECRET_RESPONSE, headers={"ETag": '"v1"'})
    return client.messaging_services.find(ID).fields("owners", "tags").include("all").fetch()


def test_find_fetch_sends_fields_and_include(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    wrapper = fetched(client, http)
    assert query(http.calls[0]) == {"fields": ["owners,tags"], "include": ["all"]}
    assert wrapper.entity.description == "old"
    assert wrapper.etag == '"v1"'


def test_save_sends_only_the_changes_as_json_patch_with_if_match(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    wrapper = fetched(client, http)
    updated = service(description="new", displayName="Kafka", version=0.2)
    http.patch(BY_ID, json=updated, headers={"ETag": '"v2"'})
    result = (
        wrapper.withDescription("new")
        .with_display_name("Kafka")
        .with_tags(["PII.Sensitive"])
        .save()
    )
    call = http.calls[1]
    assert call.request.method == "PATCH"
    assert call.request.headers["Content-Type"] == "application/json-patch+json"
    # API_FACTS "ETags and If-Match": the GET's strong ETag never matches a write; the
    # contract for non-Java clients is the weak validator of the version that was read.
    assert call.request.headers["If-Match"] == 'W/"0.1"'
    assert sent_json(call) == [
        {"op": "replace", "path": "/description", "value": "new"},
        {
            "op": "add",
            "path": "/tags/0",
            "value": {
                "tagFQN": "PII.Sensitive",
                "source": "Classification",
                "labelType": "Manual",
                "state": "Confirmed",
            },
        },
        {"op": "add", "path": "/displayName", "value": "Kafka"},
    ]
    assert result.entity.version == 0.2
    assert result.etag == '"v2"'
    assert result.changes() == []


def test_nothing_changed_sends_nothing(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    wrapper = fetched(client, http)
    assert wrapper.with_description("old").save() is wrapper
    assert len(http.calls) == 1


def test_a_masked_secret_left_as_it_was_is_not_a_change(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    wrapper = fetched(client, http)
    http.patch(BY_ID, json=SECRET_RESPONSE)
    new_connection = (
        kafka_connection()
        .bootstrap_servers("broker:9093")
        .security_protocol("SASL_SSL")
        .sasl_username("bob")
    )
    wrapper.with_connection(new_connection).save()
    assert sent_json(http.calls[1]) == [
        {"op": "replace", "path": "/connection/config/bootstrapServers", "value": "broker:9093"}
    ]


def test_a_new_secret_is_a_change(client: OpenMetadataClient, http: responses.RequestsMock) -> None:
    wrapper = fetched(client, http)
    config = kafka_connection().bootstrap_servers("localhost:9092").security_protocol("SASL_SSL")
    wrapper.with_connection(config.sasl_username("bob").sasl_password("s3cret"))
    assert wrapper.changes() == [
        {"op": "replace", "path": "/connection/config/saslPassword", "value": "s3cret"}
    ]


def test_a_connection_of_another_type_is_refused(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    wrapper = fetched(client, http)
    with pytest.raises(ValidationError, match="does not match serviceType"):
        wrapper.with_connection({"type": "Redpanda", "bootstrapServers": "x:1"})


def test_a_stale_etag_raises_precondition_failed(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    wrapper = fetched(client, http)
    http.patch(BY_ID, status=412, json={"code": 412, "message": "stale"})
    with pytest.raises(PreconditionFailedError):
        wrapper.with_description("new").save()
    assert wrapper.changes() != []


def test_update_diffs_against_the_current_version_then_patches_guarded_by_the_held_one(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    current = service(description="server", version=0.2)
    http.get(BY_ID, json=current, headers={"ETag": '"v7"'})
    http.patch(BY_ID, json=service(description="mine"))
    held = service(description="mine", version=0.2, updatedAt=1)
    result = client.messaging_services.update(MessagingService.from_dict(held))
    assert query(http.calls[0]) == {"fields": ["owners,tags,domains"]}
    assert sent_json(http.calls[1]) == [{"op": "replace", "path": "/description", "value": "mine"}]
    assert http.calls[1].request.headers["If-Match"] == 'W/"0.2"'
    assert result.description == "mine"


def test_update_of_a_stale_entity_is_guarded_by_its_own_version_and_never_overwrites(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    # A colleague changed the description (0.1 -> 0.2) after we read 0.1: the guard is
    # our version, so the server refuses instead of silently reverting their change.
    http.get(BY_ID, json=service(description="theirs", version=0.2))
    http.patch(BY_ID, status=412, json={"code": 412, "message": "The entity has been modified."})
    stale = MessagingService.from_dict(service(description="old", version=0.1))
    stale.display_name = "Mine"
    with pytest.raises(PreconditionFailedError, match="fetch it again"):
        client.messaging_services.update(stale)
    assert http.calls[1].request.headers["If-Match"] == 'W/"0.1"'


def test_patch_sends_the_callers_operations_after_checking_them(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    with pytest.raises(ValidationError, match="did you mean 'replace'"):
        client.messaging_services.patch(ID, [{"op": "replac", "path": "/description"}])
    assert len(http.calls) == 0
    http.patch(BY_ID, json=service(description="x"))
    ops = [{"op": "replace", "path": "/description", "value": "x"}]
    assert client.messaging_services.patch(ID, ops).description == "x"
    assert sent_json(http.calls[0]) == ops


# -- delete and restore --------------------------------------------------------------


def test_soft_delete_then_read_it_with_include_deleted_then_restore(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    ops = client.messaging_services
    http.delete(BY_ID, json=service(deleted=True))
    http.get(BY_ID, json=service(deleted=True))
    http.put(f"{SERVICES_URL}/restore", json=service(deleted=False))
    assert ops.delete(ID).execute().deleted is True
    assert query(http.calls[0]) == {"hardDelete": ["false"], "recursive": ["false"]}
    assert ops.retrieve(ID, include=Include.DELETED).deleted is True
    assert query(http.calls[1]) == {"include": ["deleted"]}
    assert ops.restore(ID).deleted is False
    assert sent_json(http.calls[2]) == {"id": ID}


def test_hard_and_recursive_delete_by_name(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.delete(f"{SERVICES_URL}/name/%22my.kafka%22", json=service())
    client.messaging_services.delete_by_name("my.kafka").hardDelete().recursive().now()
    assert query(http.calls[0]) == {"hardDelete": ["true"], "recursive": ["true"]}


def test_deleting_a_non_empty_service_says_to_use_recursive(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    server = "messagingService is not empty"
    http.delete(BY_ID, status=400, json={"code": 400, "message": server})
    with pytest.raises(BadRequestError) as caught:
        client.messaging_services.delete(ID).hard_delete().execute()
    err = caught.value
    assert err.status == 400
    assert err.error_type == "BAD_REQUEST"
    assert server in err.message
    assert "recursive()" in err.message
    assert isinstance(err.__cause__, BadRequestError)


# -- versions ------------------------------------------------------------------------


def test_versions_parses_json_strings_newest_first_and_tolerates_objects(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    newer = service(version=0.2, description="second")
    older = service(version=0.1)
    body = {"entityType": "messagingService", "versions": [json.dumps(newer), older]}
    http.get(f"{BY_ID}/versions", json=body)
    history = client.messaging_services.versions(ID)
    assert [(v.version, v.description) for v in history] == [(0.2, "second"), (0.1, None)]


def test_one_version_by_number(client: OpenMetadataClient, http: responses.RequestsMock) -> None:
    http.get(f"{BY_ID}/versions/0.2", json=service(version=0.2))
    assert client.messaging_services.version(ID, "0.2").version == 0.2
    with pytest.raises(ValidationError):
        client.messaging_services.version(ID, "latest")
    assert len(http.calls) == 1


# -- create_batch --------------------------------------------------------------------


def test_create_batch_posts_each_and_carries_on_past_a_409(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    def answer(request: Any) -> tuple[int, dict[str, str], str]:
        name = json.loads(request.body)["name"]
        if name == "b":
            return 409, {}, json.dumps({"code": 409, "message": "Entity already exists"})
        return 201, {}, json.dumps(service(name=name))

    http.add_callback(responses.POST, SERVICES_URL, callback=answer)
    items = [CreateMessagingServiceRequest.from_dict(dict(SEEDS_PAYLOAD, name=n)) for n in "abc"]
    result = client.messaging_services.createBatch(*items)
    assert [c.request.method for c in http.calls] == ["POST"] * 3
    assert [json.loads(c.request.body)["name"] for c in http.calls] == ["a", "b", "c"]
    assert result.status is ApiStatus.PARTIAL_SUCCESS
    assert [s.item.name for s in result.succeeded] == ["a", "c"]
    assert [(f.item.name, f.status) for f in result.failed] == [("b", 409)]
    assert isinstance(result.failed[0].error, EntityAlreadyExistsError)


# -- edges the walk-through above does not reach ----------------------------------------


def test_a_resumed_listing_that_points_back_at_its_own_cursor_stops(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.get(SERVICES_URL, json={"data": [service()], "paging": {"after": "saved"}})
    with pytest.raises(OpenMetadataError, match="twice"):
        list(client.messaging_services.list(after="saved"))
    assert len(http.calls) == 1


def test_limit_bounds_are_sent(client: OpenMetadataClient, http: responses.RequestsMock) -> None:
    http.get(SERVICES_URL, json={"data": [], "paging": {}})
    list(client.messaging_services.list(limit=1))
    list(client.messaging_services.list(limit=1_000_000, domain="Marketing"))
    assert [query(c) for c in http.calls] == [
        {"limit": ["1"]},
        {"limit": ["1000000"], "domain": ["Marketing"]},
    ]


def test_owners_and_domains_become_exact_operations(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    wrapper = fetched(client, http)
    owner = "0f6b4d1e-2c49-4d1b-9b0a-1f2a3b4c5d6e"
    domain = "7a1e0c52-0f64-4f0e-8a57-3c2b1d0e9f8a"
    wrapper.with_owners([{"id": owner, "type": "user"}]).withDomains(
        [{"id": domain, "type": "domain"}]
    )
    assert wrapper.changes() == [
        {"op": "add", "path": "/owners/0", "value": {"id": owner, "type": "user"}},
        {"op": "add", "path": "/domains/0", "value": {"id": domain, "type": "domain"}},
    ]


def test_a_bad_owner_reference_is_refused_before_any_patch(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    wrapper = fetched(client, http)
    with pytest.raises(ValidationError, match=r"owners\[0\]"):
        wrapper.with_owners([{"id": "nope", "type": "user"}])
    with pytest.raises(ValidationError, match="must be a list"):
        wrapper.with_tags("PII.Sensitive")
    assert wrapper.changes() == []
    assert len(http.calls) == 1


def test_save_guards_with_the_fetched_version_whatever_etag_the_read_had(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.get(BY_ID, json=service(version=1.25), headers={"etag": '"v9"'})
    http.patch(BY_ID, json=service(description="x"))
    client.messaging_services.find(ID).fetch().with_description("x").save()
    assert http.calls[1].request.headers["If-Match"] == 'W/"1.25"'


@pytest.mark.parametrize(
    ("given", "sent"), [(0.3, 'W/"0.3"'), ("*", "*"), ('W/"0.3", W/"0.4"', 'W/"0.3", W/"0.4"')]
)
def test_patch_takes_an_explicit_if_match(
    client: OpenMetadataClient, http: responses.RequestsMock, given: Any, sent: str
) -> None:
    http.patch(BY_ID, json=service())
    client.messaging_services.patch(ID, [{"op": "remove", "path": "/description"}], if_match=given)
    assert http.calls[0].request.headers["If-Match"] == sent


@pytest.mark.parametrize("bad", ["", "a\nb", True, float("nan")])
def test_a_malformed_if_match_is_refused_before_any_request(
    client: OpenMetadataClient, http: responses.RequestsMock, bad: Any
) -> None:
    with pytest.raises(ValidationError, match="if_match"):
        client.messaging_services.patch(ID, [{"op": "remove", "path": "/x"}], if_match=bad)
    assert len(http.calls) == 0


def test_update_without_a_difference_only_reads(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.get(BY_ID, json=service(version=0.4))
    result = client.messaging_services.update(MessagingService.from_dict(service()))
    assert len(http.calls) == 1
    assert result.version == 0.4


def test_patch_without_an_etag_sends_no_if_match(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.patch(BY_ID, json=service())
    client.messaging_services.patch(ID, [{"op": "remove", "path": "/description"}])
    assert "If-Match" not in http.calls[0].request.headers


def test_other_bad_requests_on_delete_are_passed_on_unchanged(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.delete(BY_ID, status=400, json={"code": 400, "message": "something else"})
    with pytest.raises(BadRequestError) as caught:
        client.messaging_services.delete(ID).execute()
    assert caught.value.message == "something else"


def test_a_versions_entry_that_is_not_json_is_an_error(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.get(f"{BY_ID}/versions", json={"versions": ["{not json"]})
    with pytest.raises(OpenMetadataError, match=r"versions\[0\]"):
        client.messaging_services.versions(ID)


def test_create_batch_takes_a_list_and_checks_every_item_first(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    good = CreateMessagingServiceRequest.from_dict(SEEDS_PAYLOAD)
    bad = MessagingServices.builder().name("x").service_type("Kafka")
    with pytest.raises(ValidationError, match=r"items\[1\]"):
        client.messaging_services.create_batch([good, bad])
    assert len(http.calls) == 0
