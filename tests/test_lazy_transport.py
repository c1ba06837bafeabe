"""A client creates its ``requests`` session at its first call, not when it is made.

What construction used to do with requests it now does itself: the proxies it reads from
the environment are pinned here against ``requests.utils.get_environ_proxies`` case by
case. The session is made once, under a lock, and shared with every ``with_options`` copy,
made before the first call or after. (What a fresh interpreter loads is in
``test_start_up.py``.)
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests

import openmetadata_fluent._settings as settings
from openmetadata_fluent import OpenMetadataClient, kafka_connection
from openmetadata_fluent._settings import environ_proxies
from openmetadata_fluent.testing import FakeOpenMetadata

# -- proxies: the same as requests, read without it ---------------------------------------

URLS = (
    "http://om.example.com:8585/api",
    "https://om.example.com/api",
    "https://om.corp.example.com:443/api",
    "http://example.com./api",
    "http://localhost:8585/api",
    "http://10.1.2.3:8585/api",
    "http://127.0.0.1/api",
    "http://127.1/api",
    "http://[::1]:8585/api",
    "http://[fe80::]/api",
    "http://notexample.com/api",
)

PROXY = "http://proxy.test:3128"
# Each with both proxies set, under NO_PROXY.
NO_PROXY_VALUES = (
    "*",
    "*,example.com",
    "example.com",
    ".example.com",
    "ample.com",
    "EXAMPLE.COM",
    "om.example.com:8585",
    "om.example.com:9999",
    "localhost:8585,::1",
    "[::1],fe80::",
    "fe80:",
    "10.0.0.0/8",
    "10.1.2.3/32, 127.0.0.0/24",
    "10.0.0.0/33,10.0.0.0/0,10.0.0.0/x,10.0.0.0/8/1,bogus/8",
    "10.1.2.3,127.0.0.1:80",
    "127.0.0.1",
    "\texample.com,\tlocalhost",
    ".",
    ".\t",
    ",,,",
    "",
)
ENVIRONMENTS: list[dict[str, str]] = [
    {},
    {"HTTP_PROXY": PROXY},
    {"HTTPS_PROXY": PROXY, "http_proxy": "http://lower:1"},
    {"http_proxy": "http://lower:1", "HTTP_PROXY": "http://upper:2"},
    {"HTTPS_PROXY": PROXY, "https_proxy": ""},
    {"HTTPS_PROXY": "", "https_proxy": PROXY},
    {"ALL_PROXY": "socks5://proxy.test:1080"},
    {"all_proxy": PROXY, "FTP_PROXY": "ftp://proxy.test", "HTTP_proxy": "http://mixed:3"},
    {"Https_Proxy": PROXY},
    {"REQUEST_METHOD": "GET", "HTTP_PROXY": "http://from-a-header:1", "HTTPS_PROXY": PROXY},
    {"REQUEST_METHOD": "GET", "http_proxy": PROXY},
    {"_proxy": "http://nameless:1", "HTTP_PROXY": PROXY},
    # The lowercase name wins, even empty; other spellings reach only the stdlib's reading.
    {"HTTP_PROXY": PROXY, "no_proxy": " localhost , 127.0.0.1 ,, other.test "},
    {"HTTP_PROXY": PROXY, "no_proxy": "other.test", "NO_PROXY": "example.com"},
    {"HTTP_PROXY": PROXY, "no_proxy": "", "NO_PROXY": "example.com"},
    {"HTTP_PROXY": PROXY, "No_Proxy": "example.com"},
    *({"HTTPS_PROXY": PROXY, "HTTP_PROXY": PROXY, "NO_PROXY": v} for v in NO_PROXY_VALUES),
]


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """No proxy variable (in any spelling) and no CGI marker from the machine running this."""
    for name in list(os.environ):
        if name.lower().endswith("_proxy") or name == "REQUEST_METHOD":
            monkeypatch.delenv(name)
    yield monkeypatch


@pytest.mark.parametrize("asks_system", [False, True], ids=["environment", "system-path"])
@pytest.mark.parametrize("environment", ENVIRONMENTS, ids=lambda e: repr(e)[1:-1] or "none")
def test_environment_proxies_are_the_ones_requests_reads(
    environment: dict[str, str], asks_system: bool, clean_environment: pytest.MonkeyPatch
) -> None:
    for name, value in environment.items():
        clean_environment.setenv(name, value)
    # On Linux urllib.request's system functions read the environment alone, so the path
    # taken on macOS and Windows must give the same answer here.
    clean_environment.setattr(settings, "_ASKS_SYSTEM", asks_system)
    for url in URLS:
        assert environ_proxies(url) == requests.utils.get_environ_proxies(url), url


@pytest.mark.parametrize(
    ("no_proxy", "url", "bypassed"),
    [
        ("ample.com", "https://example.com/api", False),
        ("example.com", "https://notexample.com/api", False),
        ("example.com", "https://om.example.com/api", True),
        (".example.com", "https://example.com/api", True),
        ("om.example.com:8585", "http://om.example.com:8585/api", True),
        ("om.example.com:8585", "http://om.example.com:8586/api", False),
        ("10.0.0.0/8", "http://10.200.0.1/api", True),
        ("10.0.0.0/8", "http://11.0.0.1/api", False),
        ("10.0.0.0/8", "http://10.example.com/api", False),
        ("*", "https://anything.test/api", True),
    ],
)
def test_no_proxy_matches_whole_names_addresses_and_ranges(
    no_proxy: str, url: str, bypassed: bool, clean_environment: pytest.MonkeyPatch
) -> None:
    """Pinned on their own: requests before 2.33 matched any string suffix."""
    clean_environment.setenv("HTTPS_PROXY", PROXY)
    clean_environment.setenv("HTTP_PROXY", PROXY)
    clean_environment.setenv("NO_PROXY", no_proxy)
    assert (environ_proxies(url) == {}) is bypassed


def test_the_client_keeps_the_proxies_read_at_construction(
    clean_environment: pytest.MonkeyPatch,
) -> None:
    clean_environment.setenv("HTTP_PROXY", PROXY)
    clean_environment.setenv("NO_PROXY", "elsewhere.test")
    client = OpenMetadataClient("http://om.example.com:8585", token="t")
    clean_environment.setenv("HTTP_PROXY", "http://changed.test:1")
    clean_environment.setenv("NO_PROXY", "*")
    proxies = client.transport._session.proxies
    assert proxies == {"http": PROXY, "no": "elsewhere.test"}
    client.close()


# -- one session, made at the first call --------------------------------------------------


class Sessions(list[requests.Session]):
    """Every ``requests.Session`` made while installed, each slow to make, so threads that
    arrive together would each make one if nothing kept them apart."""

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()
        self.closed: list[requests.Session] = []

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        made = self
        pause = threading.Event()

        class CountedSession(requests.Session):
            def __init__(self) -> None:
                with made.lock:
                    made.append(self)
                pause.wait(0.05)  # a wider window for a second thread to come in
                super().__init__()

            def close(self) -> None:
                made.closed.append(self)
                super().close()

        monkeypatch.setattr(requests, "Session", CountedSession)


@pytest.fixture
def sessions(monkeypatch: pytest.MonkeyPatch) -> Sessions:
    made = Sessions()
    made.install(monkeypatch)
    return made


@pytest.fixture
def kafka(openmetadata_http_fake: FakeOpenMetadata) -> FakeOpenMetadata:
    """An HTTP fake holding one service, created before any session is counted."""
    (
        openmetadata_http_fake.client()
        .messaging_services.builder()
        .name("kafka")
        .service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers("k:9092"))
        .create()
    )
    return openmetadata_http_fake


def test_creating_and_closing_a_client_makes_no_session(sessions: Sessions) -> None:
    client = OpenMetadataClient("http://127.0.0.1:1/api", token="t")
    client.with_options(timeout=3).close()
    client.close()
    assert sessions == []
    assert client._transport is None


def test_eight_threads_making_a_first_call_at_once_share_one_new_session(
    kafka: FakeOpenMetadata, sessions: Sessions
) -> None:
    client = kafka.client("test-token", max_retries=0)
    assert sessions == []
    start = threading.Barrier(8, timeout=30)

    def first_call(_: int) -> Any:
        start.wait()
        return client.messaging_services.retrieve_by_name("kafka").name

    with ThreadPoolExecutor(8) as pool:
        names = list(pool.map(first_call, range(8), timeout=60))
    assert names == ["kafka"] * 8
    assert len(sessions) == 1
    assert client.transport._session is sessions[0]


def test_a_copy_made_before_the_first_call_shares_its_parents_session(
    kafka: FakeOpenMetadata, sessions: Sessions
) -> None:
    client = kafka.client("test-token", max_retries=3)  # a new client, not the shared one
    quick = client.with_options(timeout=3, max_retries=0, deadline=9)
    quicker = quick.with_options(timeout=(1, 2))
    assert quick.messaging_services.retrieve_by_name("kafka").name == "kafka"
    assert client.messaging_services.retrieve_by_name("kafka").name == "kafka"
    assert quicker.messaging_services.retrieve_by_name("kafka").name == "kafka"
    assert len(sessions) == 1
    assert quick.transport._session is client.transport._session is quicker.transport._session
    # Each keeps its own options over the one session.
    assert (client.transport.timeout, client.transport.deadline) == ((5.0, 30.0), None)
    assert client.transport.retry.max_retries == 3
    assert (quick.transport.timeout, quick.transport.deadline) == (3.0, 9.0)
    assert quick.transport.retry.max_retries == 0
    assert (quicker.transport.timeout, quicker.transport.deadline) == ((1.0, 2.0), 9.0)
    assert quicker.transport.retry.max_retries == 0
    # Closing any of them closes the one pool they share, as before.
    quicker.close()
    assert sessions.closed == [sessions[0]]


def test_reading_the_transport_makes_the_session_once(sessions: Sessions) -> None:
    client = OpenMetadataClient("http://127.0.0.1:1/api", token="t", deadline=7)
    copy = client.with_options(max_retries=1)
    assert client.transport is client.transport
    assert copy.transport._session is client.transport._session
    assert copy.transport.deadline == 7.0
    assert len(sessions) == 1
    client.close()
    assert sessions.closed == [sessions[0]]


def test_the_shared_connection_shows_no_secret() -> None:
    client = OpenMetadataClient("http://127.0.0.1:1/api", token="s3cr3t-token-value")
    for shown in (repr(client), str(client), repr(client._connection), repr(vars(client))):
        assert "s3cr3t" not in shown
    assert repr(client) == "OpenMetadataClient('http://127.0.0.1:1/api', token='***')"
