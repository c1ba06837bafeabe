"""A client reads its proxies from the environment without requests: pinned here against
``requests.utils.get_environ_proxies`` case by case."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import requests

import openmetadata_fluent._settings as settings
from openmetadata_fluent import OpenMetadataClient
from openmetadata_fluent._settings import environ_proxies

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
