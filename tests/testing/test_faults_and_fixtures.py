"""Injected faults in process, the pytest fixtures, recording, and concurrent use."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from openmetadata_fluent.errors import ServerError
from openmetadata_fluent.models.common import ChangeType
from openmetadata_fluent.models.messaging import CreateMessagingServiceRequest
from openmetadata_fluent.serialization import structure
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.testing.conftest import AUTH, COLLECTION, Wire, payload


def test_fail_next_answers_n_times_then_recovers(fake: FakeOpenMetadata, wire: Wire) -> None:
    fake.fail_next(COLLECTION, times=2, status=503, retry_after=7)
    first = wire("GET")
    assert first.status_code == 503
    assert first.headers["Retry-After"] == "7"
    assert first.json()["code"] == 503
    assert wire("GET").status_code == 503
    assert wire("GET").status_code == 200


def test_fail_next_matches_by_prefix_only(fake: FakeOpenMetadata, wire: Wire) -> None:
    fake.fail_next(COLLECTION + "/bulk", status=502, body="<html>bad gateway</html>")
    assert wire("GET").status_code == 200
    resp = wire("PUT", "/bulk", json=[payload()])
    assert resp.status_code == 502
    assert resp.headers["Content-Type"].startswith("text/html")
    assert resp.text == "<html>bad gateway</html>"


def test_dropped_connection_in_process_is_a_connection_error(
    fake: FakeOpenMetadata, wire: Wire
) -> None:
    fake.fail_next(COLLECTION, drop_connection=True)
    with pytest.raises(requests.ConnectionError):
        wire("GET")
    assert wire("GET").status_code == 200


def test_client_retries_through_injected_503s(openmetadata_fake: FakeOpenMetadata) -> None:
    openmetadata_fake.fail_next(COLLECTION, times=2, status=503)
    request = structure(payload(), CreateMessagingServiceRequest)
    svc = openmetadata_fake.client().messaging_services.upsert(request)
    assert svc.change_type is ChangeType.CREATED
    assert [r.method for r in openmetadata_fake.requests] == ["PUT", "PUT", "PUT"]


def test_client_gives_up_when_faults_outlast_retries(openmetadata_fake: FakeOpenMetadata) -> None:
    openmetadata_fake.fail_next(COLLECTION, times=10, status=503)
    client = openmetadata_fake.client(max_retries=1)
    with pytest.raises(ServerError):
        client.messaging_services.upsert(structure(payload(), CreateMessagingServiceRequest))
    assert len(openmetadata_fake.requests) == 2


def test_fixture_records_the_wire(openmetadata_fake: FakeOpenMetadata) -> None:
    ops = openmetadata_fake.client().messaging_services
    ops.create(structure(payload("rec"), CreateMessagingServiceRequest))
    (rec,) = openmetadata_fake.requests
    assert (rec.method, rec.path) == ("POST", COLLECTION)
    assert rec.headers["authorization"] == "Bearer test-token"
    assert rec.json["name"] == "rec"
    requests.get(
        openmetadata_fake.base_url + COLLECTION, params={"limit": "3"}, headers=AUTH, timeout=10
    )
    assert openmetadata_fake.requests[-1].query == {"limit": ["3"]}


def test_each_test_gets_a_fresh_fake(openmetadata_fake: FakeOpenMetadata) -> None:
    assert openmetadata_fake.requests == []
    listed = requests.get(openmetadata_fake.base_url + COLLECTION, headers=AUTH, timeout=10)
    assert listed.json()["paging"]["total"] == 0


def test_http_fixture_serves_on_loopback(openmetadata_http_fake: FakeOpenMetadata) -> None:
    assert openmetadata_http_fake.base_url.startswith("http://127.0.0.1:")
    assert openmetadata_http_fake.base_url.endswith("/api")
    svc = openmetadata_http_fake.client().messaging_services.upsert(
        structure(payload(), CreateMessagingServiceRequest)
    )
    assert svc.version == 0.1


def test_concurrent_upserts_over_http_create_each_service_once(
    openmetadata_http_fake: FakeOpenMetadata,
) -> None:
    session_url = openmetadata_http_fake.base_url + COLLECTION

    def put(i: int) -> int:
        body = payload(f"svc_{i % 5}", description=f"writer {i}")
        return requests.put(session_url, json=body, headers=AUTH, timeout=10).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(put, range(40)))
    assert statuses.count(201) == 5
    assert set(statuses) == {200, 201}
    listed = requests.get(session_url, params={"limit": 50}, headers=AUTH, timeout=10).json()
    assert sorted(s["name"] for s in listed["data"]) == [f"svc_{i}" for i in range(5)]


def test_fail_next_refuses_a_fault_that_would_never_fire(fake: FakeOpenMetadata) -> None:
    with pytest.raises(ValueError, match="times >= 1"):
        fake.fail_next(COLLECTION, times=0)


def test_fail_next_accepts_full_api_paths(fake: FakeOpenMetadata, wire: Wire) -> None:
    fake.fail_next("/api" + COLLECTION, status=504)
    assert wire("GET").status_code == 504
