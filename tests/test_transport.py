"""The wire: headers, error mapping for every status, retries and what is never retried."""

from __future__ import annotations

import email.utils
import logging
import time
from typing import Any

import pytest
import requests
import responses

from openmetadata_fluent import OpenMetadataClient, TransportError, __version__
from openmetadata_fluent.errors import (
    APIError,
    BadRequestError,
    EntityAlreadyExistsError,
    ForbiddenError,
    NotFoundError,
    PreconditionFailedError,
    RateLimitError,
    ServerError,
    UnauthorizedError,
)
from openmetadata_fluent.transport import RetryPolicy, parse_retry_after

from .conftest import BASE, SEEDS_RESPONSE, SERVICES_URL, TOKEN, Sleeps
from .test_builders import seeds_builder


def create(client: OpenMetadataClient) -> Any:
    return seeds_builder(client.messaging_services).create()


def upsert(client: OpenMetadataClient) -> Any:
    return seeds_builder(client.messaging_services).upsert()


def test_headers(client: OpenMetadataClient, http: responses.RequestsMock) -> None:
    http.add("POST", SERVICES_URL, json=SEEDS_RESPONSE, status=201)
    create(client)
    headers = http.calls[0].request.headers
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert headers["Content-Type"] == "application/json"
    assert headers["Accept"] == "application/json"
    assert headers["User-Agent"].startswith(f"openmetadata-fluent/{__version__} ")


def test_no_authorization_header_without_a_token(http: responses.RequestsMock) -> None:
    http.add("POST", SERVICES_URL, json=SEEDS_RESPONSE, status=201)
    create(OpenMetadataClient(BASE))
    assert "Authorization" not in http.calls[0].request.headers


@pytest.mark.parametrize(
    ("status", "cls", "error_type"),
    [
        (400, BadRequestError, "BAD_REQUEST"),
        (401, UnauthorizedError, "UNAUTHORIZED"),
        (403, ForbiddenError, "FORBIDDEN"),
        (404, NotFoundError, "NOT_FOUND"),
        (409, EntityAlreadyExistsError, "ENTITY_ALREADY_EXISTS"),
        (412, PreconditionFailedError, "PRECONDITION_FAILED"),
        (429, RateLimitError, "TOO_MANY_REQUESTS"),
        (405, APIError, "METHOD_NOT_ALLOWED"),
        (500, ServerError, "INTERNAL_SERVER_ERROR"),
        (502, ServerError, "BAD_GATEWAY"),
        (503, ServerError, "SERVICE_UNAVAILABLE"),
        (504, ServerError, "GATEWAY_TIMEOUT"),
    ],
)
def test_every_error_status_maps_to_its_exception(
    http: responses.RequestsMock, status: int, cls: type[APIError], error_type: str
) -> None:
    client = OpenMetadataClient(BASE, TOKEN, max_retries=0)
    http.add(
        "POST", SERVICES_URL, json={"code": status, "message": "server says no"}, status=status
    )
    with pytest.raises(cls) as info:
        create(client)
    err = info.value
    assert type(err) is cls
    assert (err.status, err.error_type, err.message) == (status, error_type, "server says no")
    assert err.method == "POST"
    assert err.url == SERVICES_URL
    assert str(err) == f"{status} {error_type} POST {SERVICES_URL}: server says no"


def test_conflict_reads_like_the_server(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add(
        "POST", SERVICES_URL, json={"code": 409, "message": "Entity already exists"}, status=409
    )
    with pytest.raises(EntityAlreadyExistsError) as info:
        create(client)
    assert str(info.value) == (
        f"409 ENTITY_ALREADY_EXISTS POST {SERVICES_URL}: Entity already exists"
    )
    assert len(http.calls) == 1


def test_html_error_pages_still_give_a_readable_error(http: responses.RequestsMock) -> None:
    client = OpenMetadataClient(BASE, TOKEN, max_retries=0)
    page = "<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>"
    http.add("PUT", SERVICES_URL, body=page, status=502, content_type="text/html")
    with pytest.raises(ServerError) as info:
        upsert(client)
    assert str(info.value) == f"502 BAD_GATEWAY PUT {SERVICES_URL}: 502 Bad Gateway"
    assert info.value.body == page


def test_a_success_that_is_not_json_is_an_error_not_none(
    http: responses.RequestsMock, client: OpenMetadataClient
) -> None:
    http.add("POST", SERVICES_URL, body="<html>login</html>", status=200, content_type="text/html")
    with pytest.raises(APIError, match="expected JSON, got text/html"):
        create(client)


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_put_is_retried_on_transient_statuses(
    client: OpenMetadataClient, http: responses.RequestsMock, sleeps: Sleeps, status: int
) -> None:
    http.add("PUT", SERVICES_URL, json={"code": status, "message": "busy"}, status=status)
    http.add("PUT", SERVICES_URL, json={"code": status, "message": "busy"}, status=status)
    http.add("PUT", SERVICES_URL, json=SEEDS_RESPONSE, status=200)
    assert upsert(client).name == "sample_kafka"
    assert len(http.calls) == 3
    assert len(sleeps) == 2


def test_retries_back_off_exponentially_with_jitter_and_a_cap() -> None:
    policy = RetryPolicy(backoff_base=1.0, backoff_max=4.0, random=lambda: 1.0)
    assert [policy.backoff(n) for n in (1, 2, 3, 4, 5)] == [1.0, 2.0, 4.0, 4.0, 4.0]
    low = RetryPolicy(backoff_base=1.0, backoff_max=4.0, random=lambda: 0.0)
    assert [low.backoff(n) for n in (1, 2, 3)] == [0.5, 1.0, 2.0]


def test_retry_budget_is_respected_then_the_error_is_raised(
    client: OpenMetadataClient, http: responses.RequestsMock, sleeps: Sleeps
) -> None:
    http.add("PUT", SERVICES_URL, json={"code": 503, "message": "down"}, status=503)
    with pytest.raises(ServerError):
        upsert(client)
    assert len(http.calls) == 4  # the first try and max_retries=3
    assert len(sleeps) == 3


def test_retry_after_seconds_is_honoured(
    client: OpenMetadataClient, http: responses.RequestsMock, sleeps: Sleeps
) -> None:
    http.add("PUT", SERVICES_URL, json={}, status=429, headers={"Retry-After": "7"})
    http.add("PUT", SERVICES_URL, json=SEEDS_RESPONSE, status=200)
    upsert(client)
    assert sleeps == [7.0]


def test_retry_after_http_date_is_honoured() -> None:
    now = time.time()
    header = email.utils.formatdate(now + 30, usegmt=True)
    assert parse_retry_after(header, now=now) == pytest.approx(30, abs=1)
    assert parse_retry_after("garbage") is None
    # Nothing to wait for: the caller backs off as usual instead of retrying at once.
    for useless in ("-5", "0", "nan", "inf", "-inf", "1e999"):
        assert parse_retry_after(useless) is None, useless
    assert parse_retry_after(email.utils.formatdate(now - 30, usegmt=True), now=now) is None


def test_a_retry_after_beyond_the_limit_is_raised_not_slept(
    client: OpenMetadataClient, http: responses.RequestsMock, sleeps: Sleeps
) -> None:
    http.add(
        "PUT",
        SERVICES_URL,
        json={"message": "slow down"},
        status=429,
        headers={"Retry-After": "3600"},
    )
    with pytest.raises(RateLimitError) as info:
        upsert(client)
    assert info.value.retry_after == 3600.0
    assert sleeps == []


@pytest.mark.parametrize("status", [429, 503])
def test_post_is_retried_when_the_server_surely_did_not_process_it(
    client: OpenMetadataClient, http: responses.RequestsMock, status: int
) -> None:
    http.add("POST", SERVICES_URL, json={}, status=status)
    http.add("POST", SERVICES_URL, json=SEEDS_RESPONSE, status=201)
    assert create(client).name == "sample_kafka"
    assert len(http.calls) == 2


@pytest.mark.parametrize("status", [500, 502, 504])
def test_post_is_never_retried_when_it_may_have_been_processed(
    client: OpenMetadataClient, http: responses.RequestsMock, status: int, sleeps: Sleeps
) -> None:
    http.add("POST", SERVICES_URL, json={"message": "maybe"}, status=status)
    http.add("POST", SERVICES_URL, json=SEEDS_RESPONSE, status=201)
    with pytest.raises(ServerError):
        create(client)
    assert len(http.calls) == 1
    assert sleeps == []


def test_post_is_not_retried_after_a_dropped_connection(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add("POST", SERVICES_URL, body=requests.ConnectionError("Connection aborted"))
    with pytest.raises(TransportError, match="dropped"):
        create(client)
    assert len(http.calls) == 1


def test_post_is_not_retried_after_a_read_timeout(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add("POST", SERVICES_URL, body=requests.ReadTimeout("read timed out"))
    with pytest.raises(TransportError, match="timed out waiting"):
        create(client)
    assert len(http.calls) == 1


def test_put_is_retried_after_connection_errors(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add("PUT", SERVICES_URL, body=requests.ConnectionError("reset"))
    http.add("PUT", SERVICES_URL, body=requests.ReadTimeout("slow"))
    http.add("PUT", SERVICES_URL, json=SEEDS_RESPONSE, status=200)
    assert upsert(client).name == "sample_kafka"
    assert len(http.calls) == 3


def test_post_is_retried_when_the_connection_was_refused(sleeps: Sleeps) -> None:
    """A real refused connection: nothing listens on the port, so nothing was processed."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    policy = RetryPolicy(max_retries=2, sleep=sleeps)
    client = OpenMetadataClient(f"http://127.0.0.1:{port}", TOKEN, retry=policy)
    with pytest.raises(TransportError, match="could not connect") as info:
        create(client)
    assert len(sleeps) == 2
    assert TOKEN not in str(info.value)


def test_per_call_timeouts_reach_requests(http: responses.RequestsMock) -> None:
    client = OpenMetadataClient(BASE, TOKEN, timeout=(1.5, 9.0))
    http.add("POST", SERVICES_URL, json=SEEDS_RESPONSE, status=201)
    create(client)
    assert http.calls[0].request.req_kwargs["timeout"] == (1.5, 9.0)


def test_each_call_is_logged_at_debug_without_secrets(
    client: OpenMetadataClient, http: responses.RequestsMock, caplog: pytest.LogCaptureFixture
) -> None:
    http.add("POST", SERVICES_URL, json=SEEDS_RESPONSE, status=201)
    caplog.set_level(logging.DEBUG, logger="openmetadata_fluent")
    seeds_builder(client.messaging_services).create()
    messages = [r.getMessage() for r in caplog.records if r.name == "openmetadata_fluent"]
    assert any(f"POST {SERVICES_URL} -> 201" in m for m in messages)
    assert TOKEN not in caplog.text


def test_header_names_are_read_in_any_letter_case(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add(
        "PUT",
        SERVICES_URL,
        json=SEEDS_RESPONSE,
        status=200,
        headers={"x-openmetadata-change": "entityNoChange"},
    )
    assert upsert(client).change_type.value == "entityNoChange"
    http.add(
        "POST", SERVICES_URL, json={"message": "busy"}, status=500, headers={"x-request-id": "abc"}
    )
    with pytest.raises(ServerError) as info:
        create(client)
    assert info.value.headers["X-Request-Id"] == "abc"


def test_an_error_with_a_message_added_keeps_everything_else() -> None:
    from openmetadata_fluent.errors import PreconditionFailedError, RedirectError

    original = PreconditionFailedError(
        412, "stale", method="PATCH", url="http://om.test/api/v1/x", body={"code": 412},
        headers={"ETag": 'W/"0.2"'}, retry_after=3.0,
    )
    original.attempts = 2
    told = original.with_message("stale (fetch it again)")
    assert type(told) is PreconditionFailedError
    assert str(told) == (
        "412 PRECONDITION_FAILED PATCH http://om.test/api/v1/x: stale (fetch it again)"
    )
    assert (told.message, told.status, told.body, told.retry_after, told.attempts) == (
        "stale (fetch it again)", 412, {"code": 412}, 3.0, 2,
    )
    assert told.headers["ETag"] == 'W/"0.2"'
    assert original.message == "stale" and str(original).endswith(": stale")
    moved = RedirectError(307, "moved", method="PUT", url="http://om.test/a", location="http://b")
    assert moved.with_message("moved; not followed").location == "http://b"
