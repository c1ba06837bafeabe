"""HTTP for the SDK: the only module that imports requests.

One ``requests.Session`` per client, default timeouts, retries with capped exponential
backoff and jitter that honour ``Retry-After``, and answers mapped to JSON or to the
exception classes in ``errors``. Logs each call at DEBUG without bodies or credentials.
"""

from __future__ import annotations

import copy
import email.utils
import logging
import random
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import requests
import urllib3

from openmetadata_fluent._version import __version__
from openmetadata_fluent.errors import APIError, RateLimitError, TransportError, error_class

__all__ = ["Response", "RetryPolicy", "Timeout", "Transport"]

log = logging.getLogger("openmetadata_fluent")

Timeout = float | tuple[float, float]
"""Seconds: one number for both, or (connect, read)."""

_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
_RETRY_STATUS_IDEMPOTENT = frozenset({429, 502, 503, 504})
# A POST or PATCH answered with these was refused before it was processed.
_RETRY_STATUS_UNSAFE = frozenset({429, 503})


@attrs.frozen
class RetryPolicy:
    """When and how long to wait before trying a request again.

    ``sleep`` and ``random`` are injectable so tests run instantly and deterministically.
    A ``Retry-After`` longer than ``max_retry_after`` is not waited for: the error is
    raised with its ``retry_after`` instead.
    """

    max_retries: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    max_retry_after: float = 60.0
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, repr=False)
    random: Callable[[], float] = attrs.field(default=random.random, repr=False)

    def backoff(self, attempt: int) -> float:
        """Wait before retry number ``attempt`` (1-based): half fixed, half jitter."""
        ceiling = min(self.backoff_max, self.backoff_base * (2 ** (attempt - 1)))
        return float(ceiling / 2 + self.random() * ceiling / 2)


@attrs.frozen
class Response:
    """A successful answer: status, headers and the parsed JSON body (None if empty).

    ``headers`` is the response's own case-insensitive mapping: ``headers["etag"]`` and
    ``headers["ETag"]`` are the same header, as HTTP/2 and proxies may lower-case names."""

    status: int
    headers: Mapping[str, str]
    body: Any


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _surely_not_sent(exc: requests.RequestException) -> bool:
    """True when the request never reached the server (refused, DNS, connect timeout)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    seen: set[int] = set()
    stack: list[BaseException] = [exc]
    while stack:
        err = stack.pop()
        if id(err) in seen:
            continue
        seen.add(id(err))
        if isinstance(err, urllib3.exceptions.NewConnectionError):
            return True
        linked = (getattr(err, "reason", None), err.__cause__, err.__context__, *err.args)
        stack.extend(x for x in linked if isinstance(x, BaseException))
    return False


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")


def _error_message(resp: requests.Response, body: Any) -> str:
    if isinstance(body, Mapping) and isinstance(body.get("message"), str):
        return str(body["message"])
    text = resp.text or ""
    title = _TITLE.search(text)
    if title:
        text = title.group(1)
    text = " ".join(_TAGS.sub(" ", text).split())
    if not text:
        return resp.reason or "no message"
    return text[:300] + ("..." if len(text) > 300 else "")


def _json_or_none(resp: requests.Response) -> Any:
    if not resp.content:
        return None
    try:
        return resp.json()
    except ValueError:
        return None


class Transport:
    """Sends requests to one OpenMetadata API base URL (``.../api``)."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        timeout: Timeout,
        verify: bool | str,
        retry: RetryPolicy,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.retry = retry
        self._session = session or requests.Session()
        # Passed with every call, not set on the session: requests lets REQUESTS_CA_BUNDLE
        # override a session's own setting, which would silently ignore the caller's choice.
        self._verify = verify
        self._session.headers.update(
            {
                "Accept": "application/json",
                "User-Agent": f"openmetadata-fluent/{__version__} requests/{requests.__version__}",
            }
        )
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self._session.close()

    def derive(
        self, *, timeout: Timeout | None = None, retry: RetryPolicy | None = None
    ) -> Transport:
        """The same session (pool, token, TLS) with other timeouts or retries."""
        clone = copy.copy(self)
        clone.timeout = self.timeout if timeout is None else timeout
        clone.retry = self.retry if retry is None else retry
        return clone

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: bytes | None = None,
        content_type: str = "application/json",
        headers: Mapping[str, str] | None = None,
        timeout: Timeout | None = None,
    ) -> Response:
        """Send one call, retrying as the policy allows; raise on an error answer."""
        url = self.base_url + path
        send_headers = dict(headers or {})
        if body is not None:
            send_headers["Content-Type"] = content_type
        idempotent = method in _IDEMPOTENT
        retry_status = _RETRY_STATUS_IDEMPOTENT if idempotent else _RETRY_STATUS_UNSAFE
        attempt = 0
        while True:
            attempt += 1
            started = time.perf_counter()
            try:
                resp = self._session.request(
                    method,
                    url,
                    params=params,
                    data=body,
                    headers=send_headers,
                    verify=self._verify,
                    timeout=timeout if timeout is not None else self.timeout,
                )
            except requests.RequestException as exc:
                # A TLS failure will fail the same way again: report it at once.
                may_retry = not isinstance(exc, requests.exceptions.SSLError) and (
                    idempotent or _surely_not_sent(exc)
                )
                log.debug(
                    "%s %s failed after %.1f ms (attempt %d): %s",
                    method,
                    path,
                    (time.perf_counter() - started) * 1000,
                    attempt,
                    type(exc).__name__,
                )
                if may_retry and attempt <= self.retry.max_retries:
                    self.retry.sleep(self.retry.backoff(attempt))
                    continue
                raise TransportError(_describe(exc), method=method, url=url) from None
            log.debug(
                "%s %s -> %d in %.1f ms (attempt %d)",
                method,
                path,
                resp.status_code,
                (time.perf_counter() - started) * 1000,
                attempt,
            )
            if resp.status_code < 400:
                return self._success(resp, method, url, path)
            retry_after = parse_retry_after(resp.headers.get("Retry-After"))
            if resp.status_code in retry_status and attempt <= self.retry.max_retries:
                wait = self.retry.backoff(attempt) if retry_after is None else retry_after
                if wait <= self.retry.max_retry_after:
                    resp.close()
                    self.retry.sleep(wait)
                    continue
            raise self._error(resp, method, url, path, retry_after)

    @staticmethod
    def _success(resp: requests.Response, method: str, url: str, path: str) -> Response:
        body = None
        if resp.content:
            try:
                body = resp.json()
            except ValueError:
                kind = resp.headers.get("Content-Type", "unknown content")
                raise APIError(
                    resp.status_code,
                    f"expected JSON, got {kind}: {_error_message(resp, None)}",
                    method=method,
                    url=url,
                    path=path,
                    error_type="INVALID_RESPONSE",
                ) from None
        return Response(resp.status_code, resp.headers, body)

    @staticmethod
    def _error(
        resp: requests.Response, method: str, url: str, path: str, retry_after: float | None
    ) -> APIError:
        body = _json_or_none(resp)
        cls = error_class(resp.status_code)
        kwargs: dict[str, Any] = dict(
            method=method,
            url=url,
            path=path,
            body=body if body is not None else resp.text,
            headers=resp.headers,
        )
        message = _error_message(resp, body)
        if cls is RateLimitError:
            return RateLimitError(resp.status_code, message, retry_after=retry_after, **kwargs)
        return cls(resp.status_code, message, **kwargs)


def _describe(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.exceptions.SSLError):
        return (
            "TLS handshake failed (is the server certificate trusted? pass "
            "verify='/path/to/ca.pem' or set OPENMETADATA_CA_BUNDLE)"
        )
    if isinstance(exc, requests.ConnectTimeout):
        return "timed out while connecting"
    if isinstance(exc, requests.ReadTimeout):
        return "timed out waiting for the answer"
    if _surely_not_sent(exc):
        return "could not connect (is the server running and the URL right?)"
    if isinstance(exc, requests.ConnectionError):
        return "the connection was dropped before an answer arrived"
    return f"request failed: {type(exc).__name__}"
