"""Hostile configuration: malformed URLs, tokens, timeouts and TLS settings are refused at
construction with a ConfigurationError that names the setting and never shows a secret,
and the environment (proxies, CA bundle, netrc) is read once and cannot add credentials."""

from __future__ import annotations

import logging
import math
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from openmetadata_fluent import OpenMetadataClient, TransportError, configure
from openmetadata_fluent.errors import ConfigurationError, ServerError
from openmetadata_fluent.transport import RetryPolicy

from .test_hostile_http import (
    CALLS,
    TOKEN,
    Hostile,
    Seen,
    _tls_context,
    closed_port,
    entity,
    reply_json,
)

PASSWORD = "s3cret-pw-8812"


@pytest.fixture(autouse=True)
def _clean_network_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NETRC"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def untouched() -> Iterator[Hostile]:
    """A server no test here may reach: every refusal happens before any request."""
    with Hostile(entity) as server:
        yield server
    assert server.seen == []


def refused(match: str, **kwargs: Any) -> ConfigurationError:
    base_url = kwargs.pop("base_url", "http://127.0.0.1:9/api")
    with pytest.raises(ConfigurationError, match=match) as info:
        OpenMetadataClient(base_url, kwargs.pop("token", None), **kwargs)
    return info.value


# -- 5. base URLs --------------------------------------------------------------------------

BAD_URLS = {
    "ftp://om.test": "must be an http",
    "om.test:8585": "must be an http",
    "http://": "must be an http",
    "http://:8585/api": "must be an http",
    "http://om.test/api?x=1": "query",
    "http://om.test/api?": "query",
    "http://om.test/api#top": "fragment",
    "http://om.test:99999/api": "invalid host or port",
    "http://om.test:port/api": "invalid host or port",
    "http://om .test/api": "spaces or control",
    "http://om.test/a\x00pi": "spaces or control",
    f"http://admin:{PASSWORD}@om.test/api": "token",
    f"http://{PASSWORD}@om.test/api": "token",
    f"admin:{PASSWORD}@om.test": "token",
}


@pytest.mark.parametrize("url", sorted(BAD_URLS))
def test_bad_base_urls_are_refused_without_showing_a_password(url: str, untouched: Hostile) -> None:
    err = refused(BAD_URLS[url], base_url=url)
    assert PASSWORD not in str(err) and PASSWORD not in repr(err)


@pytest.mark.parametrize("value", [None, "", "   ", 8585, b"http://om.test"])
def test_a_missing_or_non_text_base_url_says_what_to_set(value: Any) -> None:
    err = refused("OPENMETADATA_HOST", base_url=value)
    assert "base_url" in str(err)


def test_configure_without_a_url_says_what_to_set() -> None:
    for call in (lambda: configure(base_url=None), lambda: configure()):
        with pytest.raises(ConfigurationError, match="base_url=") as info:
            call()
        assert "OPENMETADATA_HOST" in str(info.value)


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("http://om.test:8585/api/v1", "http://om.test:8585/api"),
        ("http://om.test:8585/api/v1/", "http://om.test:8585/api"),
        ("HTTPS://om.test/prefix/api/v1", "https://om.test/prefix/api"),
        ("http://om.test/prefix", "http://om.test/prefix/api"),
    ],
)
def test_a_url_ending_in_api_v1_is_taken_as_api(given: str, expected: str) -> None:
    assert OpenMetadataClient(given).base_url == expected


def test_an_api_v1_base_url_reaches_the_right_path() -> None:
    with Hostile(entity) as server:
        client = OpenMetadataClient(server.origin + "/api/v1/", TOKEN)
        CALLS["GET"](client)
    assert server.seen[0].target.startswith("/api/v1/services/messagingServices/")


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("OPENMETADATA_HOST", f"http://admin:{PASSWORD}@om.test"),
        ("OPENMETADATA_SERVER_URL", "ftp://om.test"),
        ("OPENMETADATA_HOST", "http://om.test/api?token=x"),
    ],
)
def test_bad_urls_from_the_environment_name_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigurationError, match=variable) as info:
        OpenMetadataClient.from_env({variable: value})
    assert PASSWORD not in str(info.value)


def test_errors_and_reprs_never_show_the_token() -> None:
    client = OpenMetadataClient(f"http://127.0.0.1:{closed_port()}", TOKEN, max_retries=0)
    assert TOKEN not in repr(client)
    with pytest.raises(TransportError) as info:
        CALLS["POST"](client)
    assert TOKEN not in str(info.value) and TOKEN not in repr(info.value)


# -- 6. tokens -------------------------------------------------------------------------------

BAD_TOKENS = {
    "outside latin-1": ("tok€n-secret-1", "outside Latin-1"),
    "inner space": ("tok en-secret-2", "a space"),
    "trailing newline": ("token-secret-3\n", "newline from a file"),
    "leading tab": ("\ttoken-secret-4", "whitespace around it"),
    "nul": ("tok\x00en-secret-5", "control character"),
    "delete": ("token-secret-6\x7f", "control character"),
    "no-break space": ("tok\xa0en-secret-7", "a space"),
    "soft hyphen": ("tok\xaden-secret-8", "control character"),
    "with the scheme": ("Bearer token-secret-9", "without 'Bearer '"),
}


@pytest.mark.parametrize("name", sorted(BAD_TOKENS))
def test_bad_tokens_are_refused_without_showing_them(name: str, untouched: Hostile) -> None:
    token, hint = BAD_TOKENS[name]
    err = refused(hint, base_url=untouched.base_url, token=token)
    secret = token.strip().split()[-1][-8:]
    assert secret not in str(err) and secret not in repr(err)
    assert "token" in str(err)


@pytest.mark.parametrize("token", [b"bytes-token", 12345, ["t"]])
def test_a_token_that_is_not_text_is_refused(token: Any) -> None:
    refused("token must be a string", token=token)


def test_a_bad_token_from_the_environment_names_the_variable() -> None:
    with pytest.raises(ConfigurationError, match="OPENMETADATA_API_KEY") as info:
        OpenMetadataClient.from_env(
            {"OPENMETADATA_HOST": "http://om.test", "OPENMETADATA_API_KEY": "ünï€ode-secret"}
        )
    assert "secret" not in str(info.value)


def test_a_latin1_token_is_sent_as_is() -> None:
    token = "tökén-ÿ-abc.DEF_123"
    with Hostile(entity) as server:
        CALLS["GET"](OpenMetadataClient(server.base_url, token))
    assert server.seen[0].headers["authorization"] == f"Bearer {token}"


# -- 7. the bearer token is the only credential; the environment is read once -----------------


@pytest.fixture
def netrc_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A HOME whose .netrc has a login for 127.0.0.1, as a developer machine might."""
    netrc = tmp_path / ".netrc"
    netrc.write_text(f"machine 127.0.0.1\nlogin netrc-user\npassword {PASSWORD}\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("HOME", str(tmp_path))
    return netrc


@pytest.mark.parametrize("via", ["HOME", "NETRC"])
def test_netrc_never_replaces_or_adds_credentials(
    via: str, netrc_home: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    if via == "NETRC":
        monkeypatch.setenv("NETRC", str(netrc_home))
    with Hostile(entity) as server:
        CALLS["POST"](OpenMetadataClient(server.base_url, TOKEN))
        CALLS["GET"](OpenMetadataClient(server.base_url))
    assert server.seen[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert "authorization" not in server.seen[1].headers
    assert PASSWORD not in caplog.text


def test_proxies_are_read_once_at_construction(monkeypatch: pytest.MonkeyPatch) -> None:
    port = closed_port()
    with Hostile(entity) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.origin)
        client = OpenMetadataClient(f"http://127.0.0.1:{port}", TOKEN)
        CALLS["GET"](client)
        # Changed afterwards: this client keeps what it read; a new one sees the change.
        monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed_port()}")
        CALLS["GET"](client)
        with pytest.raises(TransportError):
            CALLS["GET"](OpenMetadataClient(f"http://127.0.0.1:{port}", TOKEN, max_retries=0))
    assert proxy.count("GET") == 2
    assert all(s.target.startswith(f"http://127.0.0.1:{port}/api/v1/") for s in proxy.seen)


def test_no_proxy_sends_calls_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    with Hostile(entity) as proxy, Hostile(entity) as server:
        monkeypatch.setenv("HTTP_PROXY", proxy.origin)
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        CALLS["GET"](OpenMetadataClient(server.base_url, TOKEN))
    assert proxy.seen == []
    assert server.count("GET") == 1


def test_proxy_credentials_stay_out_of_logs_and_errors(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    def failing(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply_json(conn, 502, {"message": "upstream down"})

    with Hostile(failing) as proxy:
        monkeypatch.setenv("HTTP_PROXY", f"http://proxy-user:{PASSWORD}@127.0.0.1:{proxy.port}")
        client = OpenMetadataClient(f"http://127.0.0.1:{closed_port()}", TOKEN, max_retries=0)
        with pytest.raises(ServerError) as info:
            CALLS["GET"](client)
    assert proxy.seen[0].headers["proxy-authorization"].startswith("Basic ")
    for text in (str(info.value), repr(info.value), caplog.text, repr(client)):
        assert PASSWORD not in text


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")
@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_the_ca_bundle_variables_are_read_once(
    variable: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = _tls_context(tmp_path)
    with Hostile(entity, tls=context) as server:
        monkeypatch.setenv(variable, str(tmp_path / "cert.pem"))
        client = OpenMetadataClient(server.base_url, TOKEN)
        monkeypatch.setenv(variable, str(tmp_path / "gone.pem"))
        CALLS["GET"](client)  # still the bundle read at construction
    assert server.count("GET") == 1


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_a_missing_ca_bundle_from_the_environment_is_named(
    variable: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, "/no/such/bundle.pem")
    with pytest.raises(ConfigurationError, match=variable):
        OpenMetadataClient("https://om.test/api")
    # Plain HTTP never uses a CA bundle, so the variable does not matter there.
    assert OpenMetadataClient("http://om.test/api").base_url == "http://om.test/api"


# -- 8. settings ---------------------------------------------------------------------------

NOT_SECONDS = [
    math.nan,
    math.inf,
    -math.inf,
    0,
    -1,
    True,
    "5",
    None,
    (5,),
    (1, 2, 3),
    (1, "2"),
    (1, math.nan),
    (math.inf, 1),
    (True, 1),
    [1],
]


@pytest.mark.parametrize("timeout", NOT_SECONDS, ids=repr)
def test_bad_timeouts_are_refused(timeout: Any, untouched: Hostile) -> None:
    refused("timeout must be seconds", base_url=untouched.base_url, timeout=timeout)
    if timeout is not None:  # with_options(timeout=None) keeps the client's own
        with pytest.raises(ConfigurationError, match="timeout must be seconds"):
            OpenMetadataClient(untouched.base_url).with_options(timeout=timeout)


@pytest.mark.parametrize("deadline", [d for d in NOT_SECONDS if d is not None], ids=repr)
def test_bad_deadlines_are_refused(deadline: Any, untouched: Hostile) -> None:
    refused("deadline must be seconds", base_url=untouched.base_url, deadline=deadline)
    with pytest.raises(ConfigurationError, match="deadline must be seconds"):
        OpenMetadataClient(untouched.base_url).with_options(deadline=deadline)


@pytest.mark.parametrize("retries", [True, False, "3", -1, 1.5, None, math.nan])
def test_bad_retry_counts_are_refused(retries: Any, untouched: Hostile) -> None:
    refused("max_retries must be a whole number", base_url=untouched.base_url, max_retries=retries)


@pytest.mark.parametrize("size", [0, -1, True, "1024", 1.5])
def test_bad_body_caps_are_refused(size: Any) -> None:
    refused("max_response_bytes must be a whole number", max_response_bytes=size)


@pytest.mark.parametrize(
    ("verify", "hint"),
    [
        ("false", "verify=False"),
        ("False", "verify=False"),
        ("true", "verify=True"),
        ("0", "a bool"),
        ("no", "a bool"),
        (0, "an int such as 0"),
        (1, "an int such as 0"),
        (2.5, "must be True, False or the path"),
        (None, "must be True, False or the path"),
        (b"/etc", "must be True, False or the path"),
        ("/no/such/ca.pem", "does not exist"),
    ],
)
def test_bad_verify_values_are_refused_with_a_hint(
    verify: Any, hint: str, untouched: Hostile
) -> None:
    refused(hint, base_url=untouched.base_url, verify=verify)


def test_verify_accepts_a_bundle_file_or_folder(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("pem")
    assert OpenMetadataClient("https://h", verify=str(bundle)).transport._verify == str(bundle)
    assert OpenMetadataClient("https://h", verify=tmp_path).transport._verify == str(tmp_path)


@pytest.mark.parametrize(
    "policy",
    [
        RetryPolicy(max_retries=-1),
        RetryPolicy(max_retries=True),  # type: ignore[arg-type]
        RetryPolicy(backoff_base=math.nan),
        RetryPolicy(backoff_max=-1),
        RetryPolicy(max_retry_after=math.inf),
        "3 retries",
    ],
    ids=repr,
)
def test_bad_retry_policies_are_refused(policy: Any) -> None:
    refused("retry", retry=policy)


@pytest.mark.parametrize("value", ["nan", "inf", "-3", "0", "1e999", "-inf"])
def test_bad_timeouts_from_the_environment_name_the_variable(value: str) -> None:
    with pytest.raises(ConfigurationError, match="OPENMETADATA_CLIENT_TIMEOUT must be"):
        OpenMetadataClient.from_env(
            {"OPENMETADATA_HOST": "http://om.test", "OPENMETADATA_CLIENT_TIMEOUT": value}
        )


def test_good_settings_are_kept_as_given() -> None:
    client = OpenMetadataClient(
        "http://om.test", timeout=[2, 7], max_retries=0, deadline=12, max_response_bytes=4096
    )
    assert client.transport.timeout == (2.0, 7.0)
    assert client.transport.deadline == 12.0
    assert client.transport.max_response_bytes == 4096
    faster = client.with_options(deadline=3, timeout=1)
    assert (faster.transport.deadline, faster.transport.timeout) == (3.0, 1.0)
    assert client.transport.deadline == 12.0


def test_the_default_deadline_grows_with_longer_timeouts() -> None:
    """A caller who asks for a 120 s read gets it: the 60 s default yields to it."""
    client = OpenMetadataClient("http://om.test")
    assert client.transport.budget() == 60.0
    assert client.with_options(timeout=(5, 120)).transport.budget() == 125.0
    assert client.with_options(timeout=(5, 120), deadline=10).transport.budget() == 10.0
