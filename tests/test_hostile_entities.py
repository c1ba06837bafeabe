"""Entity calls against hostile servers written here (raw sockets on 127.0.0.1): nothing
is lost, nothing is sent twice or when it should not be, nothing loops. Each test checks
what reached the server as well as what the caller sees."""

from __future__ import annotations

import json
import socket
import uuid
from typing import Any

import pytest

from openmetadata_fluent import (
    ChangeType,
    MessagingServices,
    OpenMetadataError,
    ValidationError,
    configure,
    kafka_connection,
    set_default_client,
)
from openmetadata_fluent.errors import EntityAlreadyExistsError

from .conftest import SEEDS_RESPONSE
from .test_hostile_http import SASL, Hostile, Seen, client_for, reply, reply_json

COLLECTION = "/api/v1/services/messagingServices"


def entity_from(body: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """What a server would hold for a create body (secrets masked, as for a non-bot)."""
    held = {**SEEDS_RESPONSE, **body, "fullyQualifiedName": body["name"], **changes}
    config = held.get("connection", {}).get("config", {})
    if "saslPassword" in config:
        held["connection"] = {"config": {**config, "saslPassword": "*********"}}
    return held


def builder(name: str = "orders") -> Any:
    return (
        MessagingServices.builder()
        .name(name)
        .service_type("Kafka")
        .description("orders")
        .connection(
            kafka_connection()
            .bootstrap_servers("k:9092")
            .security_protocol("SASL_SSL")
            .sasl_username("u")
            .sasl_password(SASL)
        )
    )


# -- a POST sent again after an ambiguous answer ------------------------------------------


def _stored_then_refused(held_changes: dict[str, Any]) -> Any:
    """First POST: stored, then answered 503 (the answer a proxy gives when the backend
    is slow); second POST: 409; a read by name: what was stored."""

    def answer(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        if seen.method == "POST" and server.count("POST") == 1:
            server.notes["held"] = entity_from(json.loads(seen.body), **held_changes)
            reply_json(conn, 503, {"code": 503, "message": "upstream timed out"})
        elif seen.method == "POST":
            reply_json(conn, 409, {"code": 409, "message": "Entity already exists"})
        else:
            reply_json(conn, 200, server.notes["held"])

    return answer


def test_a_retried_post_meeting_409_returns_what_its_first_try_created() -> None:
    with Hostile(_stored_then_refused({})) as server:
        client = client_for(server)
        created = client.messaging_services.create(builder())
    assert created.change_type is ChangeType.CREATED and created.name == "orders"
    assert [s.method for s in server.seen] == ["POST", "POST", "GET"]
    assert server.seen[2].target == f"{COLLECTION}/name/orders"


def test_a_retried_post_meeting_409_for_something_else_keeps_the_409() -> None:
    with Hostile(_stored_then_refused({"description": "someone else's"})) as server:
        client = client_for(server)
        with pytest.raises(EntityAlreadyExistsError) as info:
            client.messaging_services.create(builder())
    assert info.value.attempts == 2
    assert [s.method for s in server.seen] == ["POST", "POST", "GET"]


def test_a_first_try_meeting_409_is_a_plain_conflict_with_no_read_back() -> None:
    def answer(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply_json(conn, 409, {"code": 409, "message": "Entity already exists"})

    with Hostile(answer) as server, pytest.raises(EntityAlreadyExistsError):
        client_for(server).messaging_services.create(builder())
    assert [s.method for s in server.seen] == ["POST"]


# -- batches and bulk never raise once something was sent ------------------------------


def test_a_malformed_answer_in_a_batch_is_that_item_s_failure_only() -> None:
    def answer(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        body = json.loads(seen.body)
        if body["name"] == "b":
            reply_json(conn, 201, {"id": "not-a-uuid", "name": "b", "serviceType": "Kafka"})
        else:
            reply_json(conn, 201, entity_from(body, id=str(uuid.uuid4())))

    with Hostile(answer) as server:
        result = client_for(server).messaging_services.create_batch(
            builder("a"), builder("b"), builder("c")
        )
    assert [s.item.name for s in result.succeeded] == ["a", "c"]
    assert [(f.item.name, f.status) for f in result.failed] == [("b", None)]
    assert "could not be read" in result.failed[0].message
    assert server.count("POST") == 3


def test_bulk_fallback_reports_an_unreadable_answer_once_and_sends_each_item_once() -> None:
    def answer(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        if seen.target.endswith("/bulk"):
            reply_json(conn, 405, {"code": 405, "message": "HTTP 405 Method Not Allowed"})
            return
        body = json.loads(seen.body)
        if body["name"] == "b":
            reply(conn, 200, b"<html>gateway</html>", headers=(("Content-Type", "text/html"),))
        else:
            reply_json(conn, 200, entity_from(body))

    with Hostile(answer) as server:
        result = client_for(server).messaging_services.bulk_upsert(
            [builder("a"), builder("b"), builder("c")], max_workers=1
        )
    assert [s.item.name for s in result.succeeded] == ["a", "c"]
    assert [f.item.name for f in result.failed] == ["b"]
    puts = [json.loads(s.body)["name"] for s in server.seen if not s.target.endswith("/bulk")]
    assert sorted(puts) == ["a", "b", "c"]


def test_a_bulk_success_that_confirms_one_of_five_counts_only_that_one() -> None:
    def answer(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply_json(conn, 200, {"status": "success", "successRequest": [{"request": "n0"}]})

    with Hostile(answer) as server:
        result = client_for(server).messaging_services.bulk_upsert(
            [builder(f"n{i}") for i in range(5)]
        )
    assert [s.item.name for s in result.succeeded] == ["n0"]
    assert [f.item.name for f in result.failed] == ["n1", "n2", "n3", "n4"]
    assert [(s.method, s.target) for s in server.seen] == [("PUT", f"{COLLECTION}/bulk")]


def test_chunks_sent_at_once_report_every_item_once_whatever_each_answer_is() -> None:
    """Chunks after the first go concurrently; one gets garbage, one gets "no route" (its
    items then go one by one), one is echoed. Each chunk reaches the server once."""

    def answer(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        if not seen.target.endswith("/bulk"):
            reply_json(conn, 200, entity_from(json.loads(seen.body)))
            return
        names = [b["name"] for b in json.loads(seen.body)]
        if "n3" in names:
            reply(conn, 200, b'{"status": "success", "successRequest": [', headers=())
        elif "n6" in names:
            reply_json(conn, 404, {"code": 404, "message": "HTTP 404 Not Found"})
        else:
            reply_json(conn, 200, {
                "status": "success",
                "successRequest": [{"request": n, "status": 200} for n in names],
            })

    with Hostile(answer) as server:
        result = client_for(server).messaging_services.bulk_upsert(
            [builder(f"n{i}") for i in range(12)], chunk_size=3, max_workers=3
        )
    reported = [s.item.name for s in result.succeeded] + [f.item.name for f in result.failed]
    assert sorted(reported) == sorted(f"n{i}" for i in range(12))
    assert sorted(f.item.name for f in result.failed) == ["n3", "n4", "n5"]
    chunks = [s for s in server.seen if s.target.endswith("/bulk")]
    bulk = [[b["name"] for b in json.loads(s.body)] for s in chunks]
    assert sorted(bulk) == [[f"n{i}", f"n{i + 1}", f"n{i + 2}"] for i in (0, 3, 6, 9)]
    singles = [json.loads(s.body)["name"] for s in server.seen if not s.target.endswith("/bulk")]
    assert sorted(singles) == ["n6", "n7", "n8"]


def test_the_no_bulk_route_memory_belongs_to_the_client_not_the_facade() -> None:
    def no_route(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        if seen.target.endswith("/bulk"):
            reply_json(conn, 405, {"code": 405, "message": "HTTP 405"})
        else:
            reply_json(conn, 200, entity_from(json.loads(seen.body)))

    def route(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        names = [b["name"] for b in json.loads(seen.body)]
        reply_json(conn, 200, {"status": "success",
                               "successRequest": [{"request": n} for n in names]})

    try:
        with Hostile(no_route) as first, Hostile(route) as second:
            configure(first.base_url, "t0k3n")
            assert MessagingServices.bulk_upsert([builder("x")]).ok
            assert MessagingServices.bulk_upsert([builder("y")]).ok
            configure(second.base_url, "t0k3n")
            assert MessagingServices.bulk_upsert([builder("z")]).ok
    finally:
        set_default_client(None)
    assert [s.target.endswith("/bulk") for s in first.seen] == [True, False, False]
    assert [s.target for s in second.seen] == [f"{COLLECTION}/bulk"]


# -- listings that never end --------------------------------------------------------------


def test_empty_pages_with_fresh_cursors_stop_with_an_sdk_error() -> None:
    def answer(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        cursor = f"c{len(server.seen)}"
        reply_json(conn, 200, {"data": [], "paging": {"after": cursor}})

    with (
        Hostile(answer, limit=100) as server,
        pytest.raises(OpenMetadataError, match="empty pages in a row"),
    ):
        list(client_for(server).messaging_services.list())
    assert server.count("GET") == 10


def test_a_paging_cursor_that_is_not_text_is_an_sdk_error() -> None:
    def answer(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply_json(conn, 200, {"data": [SEEDS_RESPONSE], "paging": {"after": {"x": 1}}})

    with (
        Hostile(answer) as server,
        pytest.raises(OpenMetadataError, match=r"paging\.after is not a cursor"),
    ):
        list(client_for(server).messaging_services.list())
    assert server.count("GET") == 1


@pytest.mark.parametrize(
    "body",
    [
        {k: v for k, v in SEEDS_RESPONSE.items() if k != "id"},
        {**SEEDS_RESPONSE, "version": "abc"},
        {**SEEDS_RESPONSE, "tags": [None]},
        {**SEEDS_RESPONSE, "serviceType": 5},
    ],
    ids=["no id", "version abc", "null tag", "number type"],
)
def test_a_malformed_entity_is_an_sdk_error_not_a_python_one(body: dict[str, Any]) -> None:
    def answer(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply_json(conn, 200, body)

    with Hostile(answer) as server, pytest.raises(OpenMetadataError, match="could not be read"):
        client_for(server).messaging_services.retrieve(SEEDS_RESPONSE["id"])
    assert server.count() == 1


# -- input refused before anything is sent ------------------------------------------------


def _refuse_everything(server: Hostile, seen: Seen, conn: socket.socket) -> None:
    reply_json(conn, 500, {"code": 500, "message": "should not be reached"})


@pytest.mark.parametrize(
    "call",
    [
        lambda ops: ops.delete(SEEDS_RESPONSE["id"]).hard_delete("false"),
        lambda ops: ops.delete(SEEDS_RESPONSE["id"]).recursive("no"),
        lambda ops: ops.delete_async(SEEDS_RESPONSE["id"], recursive=1),
        lambda ops: ops.retrieve_by_name("n" * 10_000_000),
        lambda ops: ops.retrieve_by_name("bad\x00name"),
        lambda ops: ops.create(builder().description("x\ud800")),
        lambda ops: ops.create_batch(builder("ok"), builder("bad").display_name("\x00")),
        lambda ops: ops.bulk_upsert([builder("ok"), {"name": "x\ud800", "serviceType": "Kafka"}]),
    ],
    ids=["hard_delete str", "recursive str", "async flag int", "10 MB name", "NUL name",
         "surrogate", "NUL in batch", "surrogate in bulk dict"],
)
def test_bad_input_is_refused_before_any_request(call: Any) -> None:
    with Hostile(_refuse_everything) as server, pytest.raises(ValidationError):
        call(client_for(server).messaging_services)
    assert server.seen == []


def test_an_unknown_connection_type_from_a_newer_server_keeps_its_secrets_out_of_reprs() -> None:
    newer = {
        **SEEDS_RESPONSE,
        "serviceType": "Pulsar",
        "connection": {"config": {"type": "Pulsar", "saslPassword": SASL,
                                  "consumerConfig": {"sasl.jaas.config": SASL}}},
    }

    def answer(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply_json(conn, 200, newer)

    with Hostile(answer) as server:
        service = client_for(server).messaging_services.retrieve(SEEDS_RESPONSE["id"])
    assert SASL not in repr(service) and SASL not in repr(service.connection)
    assert service.to_dict()["connection"]["config"]["saslPassword"] == SASL
