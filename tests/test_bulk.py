"""bulk_upsert: the bulk route when present, one PUT per item when not; nothing is lost."""

from __future__ import annotations

import contextlib
import json
import threading
import uuid
from typing import Any

import pytest
import requests
import responses

from openmetadata_fluent import (
    MessagingServices,
    OpenMetadataClient,
    ValidationError,
    kafka_connection,
)
from openmetadata_fluent.errors import BulkError
from openmetadata_fluent.models import ApiStatus

from .conftest import SEEDS_RESPONSE, SERVICES_URL

BULK_URL = f"{SERVICES_URL}/bulk"


def items(n: int, ops: Any = MessagingServices) -> list[Any]:
    return [
        ops.builder().name(f"svc_{i}").connection(kafka_connection().bootstrap_servers("k:9092"))
        for i in range(n)
    ]


def entity(name: str) -> dict[str, Any]:
    return {**SEEDS_RESPONSE, "id": str(uuid.uuid4()), "name": name, "fullyQualifiedName": name}


def echo_bulk(request: Any) -> tuple[int, dict[str, str], str]:
    sent = json.loads(request.body)
    result = {
        "status": "success",
        "numberOfRowsProcessed": len(sent),
        "numberOfRowsPassed": len(sent),
        "numberOfRowsFailed": 0,
        "successRequest": [{"request": b, "status": 201} for b in sent],
        "failedRequest": [],
    }
    return 200, {}, json.dumps(result)


def echo_put(request: Any) -> tuple[int, dict[str, str], str]:
    name = json.loads(request.body)["name"]
    return 201, {"X-OpenMetadata-Change": "entityCreated"}, json.dumps(entity(name))


def test_bulk_route_sends_chunks_and_reports_every_item(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add_callback("PUT", BULK_URL, callback=echo_bulk)
    result = client.messaging_services.bulk_upsert(items(7), chunk_size=3)
    sent = [json.loads(c.request.body) for c in http.calls]
    # The first chunk goes alone; the later ones may go at once, in any order.
    assert [b["name"] for b in sent[0]] == ["svc_0", "svc_1", "svc_2"]
    assert sorted(len(chunk) for chunk in sent) == [1, 3, 3]
    assert sorted(b["name"] for chunk in sent for b in chunk) == [f"svc_{i}" for i in range(7)]
    assert sent[0][0]["connection"] == {"config": {"type": "Kafka", "bootstrapServers": "k:9092"}}
    assert result.status is ApiStatus.SUCCESS
    assert [s.item.name for s in result.succeeded] == [f"svc_{i}" for i in range(7)]
    assert all(s.status == 201 for s in result.succeeded)
    assert result.failed == ()
    assert (result.number_of_rows_processed, result.number_of_rows_passed) == (7, 7)


def test_bulk_partial_failure_matches_items_by_name_or_fqn(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    body = {
        "status": "partialSuccess",
        "numberOfRowsProcessed": 3,
        "numberOfRowsPassed": 1,
        "numberOfRowsFailed": 2,
        "successRequest": [{"request": "svc_1", "status": 200}],
        "failedRequest": [
            {"request": {"name": "svc_2"}, "status": 400, "message": "bad config"},
            {"request": "svc_0", "message": "denied"},
        ],
    }
    http.add("PUT", BULK_URL, json=body)
    result = client.messaging_services.bulk_upsert(items(3))
    assert result.status is ApiStatus.PARTIAL_SUCCESS
    assert [s.item.name for s in result.succeeded] == ["svc_1"]
    assert [(f.item.name, f.status, f.message) for f in result.failed] == [
        ("svc_0", 400, "denied"),
        ("svc_2", 400, "bad config"),
    ]


def test_an_item_the_server_did_not_mention_is_reported_failed_not_lost(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add(
        "PUT", BULK_URL, json={"status": "partialSuccess", "successRequest": [{"request": "svc_0"}]}
    )
    result = client.messaging_services.bulk_upsert(items(2))
    assert [s.item.name for s in result.succeeded] == ["svc_0"]
    assert [(f.item.name, f.status) for f in result.failed] == [("svc_1", None)]
    assert "did not confirm" in result.failed[0].message


def test_an_overall_success_that_lists_only_some_items_counts_only_those(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add("PUT", BULK_URL, json={"status": "success", "successRequest": [{"request": "svc_0"}]})
    result = client.messaging_services.bulk_upsert(items(5))
    assert [s.item.name for s in result.succeeded] == ["svc_0"]
    assert [f.item.name for f in result.failed] == ["svc_1", "svc_2", "svc_3", "svc_4"]
    assert result.number_of_rows_processed == 5


@pytest.mark.parametrize("status", [404, 405])
def test_no_bulk_route_falls_back_to_one_put_per_item(
    client: OpenMetadataClient, http: responses.RequestsMock, status: int
) -> None:
    http.add("PUT", BULK_URL, json={"code": status, "message": "no route"}, status=status)
    http.add_callback("PUT", SERVICES_URL, callback=echo_put)
    result = client.messaging_services.bulk_upsert(items(5), max_workers=3)
    assert result.status is ApiStatus.SUCCESS
    assert sorted(s.item.name for s in result.succeeded) == [f"svc_{i}" for i in range(5)]
    assert all(s.service is not None and s.service.name == s.item.name for s in result.succeeded)
    puts = [c for c in http.calls if c.request.url == SERVICES_URL]
    assert len(puts) == 5
    # The missing route is remembered: a second bulk call goes straight to single PUTs.
    http.calls.reset()
    client.messaging_services.bulk_upsert(items(2))
    assert [c.request.url for c in http.calls] == [SERVICES_URL, SERVICES_URL]


def test_fallback_reports_per_item_failures(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add("PUT", BULK_URL, status=405, json={})

    def answer(request: Any) -> tuple[int, dict[str, str], str]:
        name = json.loads(request.body)["name"]
        if name == "svc_1":
            return 403, {}, json.dumps({"code": 403, "message": "operations [Create] not allowed"})
        return echo_put(request)

    http.add_callback("PUT", SERVICES_URL, callback=answer)
    result = client.messaging_services.bulk_upsert(items(3), max_workers=1)
    assert result.status is ApiStatus.PARTIAL_SUCCESS
    assert [(f.item.name, f.status, f.message) for f in result.failed] == [
        ("svc_1", 403, "operations [Create] not allowed")
    ]
    assert len(result.succeeded) == 2


def test_a_failed_chunk_fails_its_items_and_later_chunks_still_go(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add("PUT", BULK_URL, body=requests.ConnectionError("reset"))
    http.add("PUT", BULK_URL, body=requests.ConnectionError("reset"))
    http.add("PUT", BULK_URL, body=requests.ConnectionError("reset"))
    http.add("PUT", BULK_URL, body=requests.ConnectionError("reset"))
    http.add_callback("PUT", BULK_URL, callback=echo_bulk)
    result = client.messaging_services.bulk_upsert(items(4), chunk_size=2)
    assert [f.item.name for f in result.failed] == ["svc_0", "svc_1"]
    assert all(f.status is None and "dropped" in f.message for f in result.failed)
    assert [s.item.name for s in result.succeeded] == ["svc_2", "svc_3"]
    assert result.number_of_rows_processed == 4


def test_every_item_is_checked_before_anything_is_sent(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    batch = items(3)
    batch[1].name("bad::name")
    batch.append(MessagingServices.builder().name("no_connection"))
    with pytest.raises(ValidationError) as info:
        client.messaging_services.bulk_upsert(batch)
    assert {p.path for p in info.value.problems} == {
        "items[1].name",
        "items[3].connection",
        "items[3].serviceType",
    }
    assert len(http.calls) == 0


def test_bulk_accepts_built_requests_too(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add_callback("PUT", BULK_URL, callback=echo_bulk)
    result = client.messaging_services.bulkUpsert([b.build() for b in items(2)])
    assert result.ok


def test_bad_chunk_size_is_refused(client: OpenMetadataClient) -> None:
    with pytest.raises(ValueError, match="chunk_size"):
        client.messaging_services.bulk_upsert(items(1), chunk_size=0)


def test_bulk_upsert_takes_wire_shaped_dicts_checked_like_everything_else(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add("PUT", BULK_URL, status=405, json={"code": 405, "message": "HTTP 405"})
    http.add("PUT", SERVICES_URL, json=SEEDS_RESPONSE)
    bare = {
        "name": "d1",
        "serviceType": "Kafka",
        "connection": {"config": {"bootstrapServers": "h:1"}},
    }
    result = client.messaging_services.bulk_upsert([bare])
    assert result.ok
    sent = json.loads(http.calls[-1].request.body)
    assert sent["connection"]["config"] == {"type": "Kafka", "bootstrapServers": "h:1"}
    with pytest.raises(ValidationError, match=r"items\[1\]\.serviceType"):
        client.messaging_services.bulk_upsert([bare, {"name": "d2", "serviceType": "Kafak"}])
    assert len(http.calls) == 2


def test_raise_for_failures_names_every_failed_item_and_passes_a_clean_result_through(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add(
        "PUT",
        BULK_URL,
        json={
            "status": "partialSuccess",
            "successRequest": [{"request": "svc_0"}],
            "failedRequest": [{"request": "svc_1", "message": "denied"}],
        },
    )
    result = client.messaging_services.bulk_upsert(items(2))
    with pytest.raises(
        BulkError, match=r"1 of 2 items were not stored:\n  - svc_1: 400 denied"
    ) as info:
        result.raise_for_failures()
    assert info.value.result is result
    http.add("PUT", BULK_URL, json={"status": "success", "successRequest": [{"request": "svc_0"}]})
    clean = client.messaging_services.bulk_upsert(items(1))
    assert clean.raiseForFailures() is clean


class _InFlight:
    """A bulk route that records how many chunks it is answering at once; each later
    chunk waits (bounded) for a second one, so concurrent sending is seen, not timed."""

    def __init__(self, meet: int) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0
        self.order: list[list[str]] = []
        self.meet = threading.Barrier(meet) if meet > 1 else None

    def __call__(self, request: Any) -> tuple[int, dict[str, str], str]:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
            first = not self.order
            self.order.append([b["name"] for b in json.loads(request.body)])
        try:
            if self.meet is not None and not first:
                with contextlib.suppress(threading.BrokenBarrierError):
                    self.meet.wait(timeout=5)
            return echo_bulk(request)
        finally:
            with self.lock:
                self.now -= 1


def test_later_chunks_go_at_once_and_every_item_is_reported_once(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    server = _InFlight(meet=2)
    http.add_callback("PUT", BULK_URL, callback=server)
    result = client.messaging_services.bulk_upsert(items(9), chunk_size=3, max_workers=2)
    assert server.order[0] == ["svc_0", "svc_1", "svc_2"]
    assert server.most == 2
    names = [s.item.name for s in result.succeeded]
    assert names == [f"svc_{i}" for i in range(9)]  # in the order given, each once
    assert result.failed == ()


def test_items_naming_one_entity_twice_go_in_order_so_the_last_wins(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    server = _InFlight(meet=1)
    http.add_callback("PUT", BULK_URL, callback=server)
    batch = items(7)
    batch[6].name("svc_0")
    result = client.messaging_services.bulk_upsert(batch, chunk_size=3, max_workers=4)
    assert server.most == 1
    assert server.order == [
        ["svc_0", "svc_1", "svc_2"], ["svc_3", "svc_4", "svc_5"], ["svc_0"]
    ]
    assert len(result.succeeded) == 7


def test_one_worker_sends_chunks_one_after_another(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    server = _InFlight(meet=1)
    http.add_callback("PUT", BULK_URL, callback=server)
    client.messaging_services.bulk_upsert(items(9), chunk_size=3, max_workers=1)
    assert server.most == 1
    assert [len(c) for c in server.order] == [3, 3, 3]


def test_a_later_chunk_answered_no_route_is_sent_item_by_item_exactly_once(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    answers = iter([echo_bulk, lambda request: (404, {}, '{"code":404,"message":"none"}')])
    http.add_callback("PUT", BULK_URL, callback=lambda request: next(answers)(request))
    http.add_callback("PUT", SERVICES_URL, callback=echo_put)
    result = client.messaging_services.bulk_upsert(items(4), chunk_size=2)
    assert [s.item.name for s in result.succeeded] == ["svc_0", "svc_1", "svc_2", "svc_3"]
    singles = [
        json.loads(c.request.body)["name"] for c in http.calls if c.request.url == SERVICES_URL
    ]
    assert singles == ["svc_2", "svc_3"]
