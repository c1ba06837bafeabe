"""Resilience over real HTTP against the offline server: faults, timeouts, concurrency."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from openmetadata_fluent import (
    MessagingServices,
    OpenMetadataClient,
    TransportError,
    kafka_connection,
)
from openmetadata_fluent.errors import APIError, NotFoundError, ServerError
from openmetadata_fluent.testing import FakeOpenMetadata
from openmetadata_fluent.transport import RetryPolicy

COLLECTION = "/v1/services/messagingServices"
TOKEN = "resilience-secret-token"


@pytest.fixture
def fake() -> FakeOpenMetadata:
    return FakeOpenMetadata()


@pytest.fixture
def server(fake: FakeOpenMetadata) -> Iterator[Any]:
    with fake.serve(port=0) as running:
        yield running


def make_client(server: Any, **kwargs: Any) -> OpenMetadataClient:
    kwargs.setdefault("retry", RetryPolicy(max_retries=3, sleep=lambda _: None))
    return OpenMetadataClient(server.base_url, TOKEN, **kwargs)


def builder(ops: Any, name: str) -> Any:
    return ops.builder().name(name).connection(kafka_connection().bootstrap_servers("k:9092"))


def sent(fake: FakeOpenMetadata, method: str) -> int:
    return sum(1 for r in fake.requests if r.method == method and r.path.endswith(COLLECTION))


def test_a_burst_of_503_with_retry_after_is_ridden_out(fake: FakeOpenMetadata, server: Any) -> None:
    waits: list[float] = []
    client = make_client(server, retry=RetryPolicy(max_retries=3, sleep=waits.append))
    fake.fail_next(COLLECTION, times=3, status=503, retry_after=2)
    svc = builder(client.messaging_services, "burst").upsert()
    assert svc.version == 0.1
    assert waits == [2.0, 2.0, 2.0]
    assert sent(fake, "PUT") == 4


def test_429_on_reads_is_retried(fake: FakeOpenMetadata, server: Any) -> None:
    client = make_client(server)
    created = builder(client.messaging_services, "limited").create()
    fake.fail_next(f"{COLLECTION}/{created.id}", times=2, status=429, retry_after=0)
    assert client.messaging_services.retrieve(created.id).name == "limited"


def test_dropped_connections_are_retried_for_idempotent_calls(
    fake: FakeOpenMetadata, server: Any
) -> None:
    client = make_client(server)
    fake.fail_next(COLLECTION, times=2, drop_connection=True)
    assert builder(client.messaging_services, "dropped").upsert().name == "dropped"
    assert sent(fake, "PUT") == 3


def test_a_post_the_server_may_have_processed_is_never_sent_twice(
    fake: FakeOpenMetadata, server: Any
) -> None:
    client = make_client(server)
    fake.fail_next(COLLECTION, times=1, drop_connection=True)
    with pytest.raises(TransportError, match="dropped"):
        builder(client.messaging_services, "once").create()
    fake.fail_next(COLLECTION, times=1, status=502)
    with pytest.raises(ServerError):
        builder(client.messaging_services, "once").create()
    assert sent(fake, "POST") == 2  # one per call: neither was repeated


def test_slow_answers_past_the_read_timeout_surface_within_the_bound(
    fake: FakeOpenMetadata, server: Any
) -> None:
    client = make_client(
        server, timeout=(2.0, 0.2), retry=RetryPolicy(max_retries=1, sleep=lambda _: None)
    )
    fake.fail_next(COLLECTION, times=5, status=200, delay=0.6)
    started = time.monotonic()
    with pytest.raises(TransportError, match="timed out waiting"):
        builder(client.messaging_services, "slow").create()
    elapsed = time.monotonic() - started
    assert sent(fake, "POST") == 1
    # A POST is not retried after a read timeout: one read timeout, not a hang.
    assert elapsed < 0.6


def test_slow_idempotent_calls_retry_and_then_succeed(fake: FakeOpenMetadata, server: Any) -> None:
    client = make_client(server, timeout=(2.0, 0.2))
    fake.fail_next(COLLECTION, times=1, status=200, delay=0.6)
    assert builder(client.messaging_services, "patient").upsert().name == "patient"


def test_html_error_pages_from_a_proxy_are_readable(fake: FakeOpenMetadata, server: Any) -> None:
    client = make_client(server, max_retries=0, retry=None)
    page = "<html><head><title>504 Gateway Time-out</title></head><body>nginx</body></html>"
    fake.fail_next(COLLECTION, times=1, status=504, body=page)
    with pytest.raises(ServerError) as info:
        client.messaging_services.list(limit=5).pages().__next__()
    assert str(info.value).endswith(": 504 Gateway Time-out")


def test_bulk_under_faults_reports_each_item_once_and_a_rerun_completes() -> None:
    fake = FakeOpenMetadata(bulk_route=False)
    with fake.serve(port=0) as running:
        client = make_client(running, retry=RetryPolicy(max_retries=0, sleep=lambda _: None))
        items = [builder(client.messaging_services, f"bulk_{i}") for i in range(30)]
        # The first call learns there is no bulk route; the faults then hit single PUTs.
        assert client.messaging_services.bulk_upsert(items[:1]).ok
        fake.fail_next(COLLECTION, times=7, status=500)
        first = client.messaging_services.bulk_upsert(items, max_workers=4)
        names = [s.item.name for s in first.succeeded] + [f.item.name for f in first.failed]
        assert sorted(names) == sorted(f"bulk_{i}" for i in range(30))  # each exactly once
        assert len(first.failed) == 7
        assert all(f.status == 500 for f in first.failed)
        retry = [b for b in items if b.build().name in {f.item.name for f in first.failed}]
        second = client.messaging_services.bulk_upsert(retry)
        assert second.ok and len(second.succeeded) == 7
        listed = sorted(s.name for s in client.messaging_services.list(limit=7))
        assert listed == sorted(f"bulk_{i}" for i in range(30))


def _open_sockets() -> int:
    fds = os.listdir("/proc/self/fd")
    count = 0
    for fd in fds:
        try:
            if os.readlink(f"/proc/self/fd/{fd}").startswith("socket:"):
                count += 1
        except OSError:
            continue
    return count


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to count sockets")
def test_one_client_shared_by_8_threads_creates_2000_distinct_services(
    fake: FakeOpenMetadata, server: Any
) -> None:
    client = make_client(server)
    before = _open_sockets()
    peak = [0]
    lock = threading.Lock()

    def create(i: int) -> str:
        svc = builder(client.messaging_services, f"concurrent_{i}").create()
        if i % 100 == 0:
            with lock:
                peak[0] = max(peak[0], _open_sockets())
        return str(svc.id)

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(create, range(2000)))
    assert len(set(ids)) == 2000
    assert sent(fake, "POST") == 2000
    total = next(iter(client.messaging_services.list(limit=1).pages())).total
    assert total == 2000
    # Client and server sockets both live in this process: 8 pooled client connections
    # and their server ends, plus the listener, whatever the number of calls.
    assert peak[0] - before <= 2 * 8 + 2
    client.close()


def test_no_secret_reaches_logs_reprs_or_errors_on_any_error_path(
    fake: FakeOpenMetadata, server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secrets = [TOKEN, "kafka-sasl-secret", "registry-user:registry-pass"]
    client = make_client(server, retry=RetryPolicy(max_retries=1, sleep=lambda _: None))
    b = (
        client.messaging_services.builder()
        .name("secretive")
        .connection(
            kafka_connection()
            .bootstrap_servers("k:1")
            .security_protocol("SASL_SSL")
            .sasl_username("u")
            .sasl_password("kafka-sasl-secret")
            .basic_auth_user_info("registry-user:registry-pass")
        )
    )
    shown: list[str] = [repr(b), repr(b.build()), repr(client)]
    svc = b.create()
    shown += [repr(svc), str(svc.to_dict())]
    attempts: list[Any] = [
        lambda: b.create(),  # 409
        lambda: client.messaging_services.retrieve_by_name("missing"),  # 404
        lambda: (fake.fail_next(COLLECTION, times=2, status=503), b.upsert()),
        lambda: (fake.fail_next(COLLECTION, times=1, drop_connection=True), b.create()),
        lambda: MessagingServices.builder().name("a::b").build(),
    ]
    for attempt in attempts:
        with pytest.raises((APIError, TransportError, NotFoundError, ValueError)) as info:
            attempt()
        shown += [str(info.value), repr(info.value)]
    shown.append(caplog.text)
    for secret in secrets:
        assert all(secret not in text for text in shown), secret
