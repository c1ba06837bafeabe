"""HTTP for the SDK: the only module that imports requests (loaded by a client's first call).

One ``requests.Session`` per client, default timeouts, one total deadline per call,
retries with capped exponential backoff and jitter that honour ``Retry-After``, bodies
read in bounded chunks, redirects followed only where nothing can leak, and answers
mapped to JSON or to the exception classes in ``errors``. Logs each call at DEBUG
without bodies, headers or credentials.
"""

from __future__ import annotations

import contextlib
import copy
import email.utils
import http.client
import json
import logging
import math
import os
import re
import socket
import threading
import time
import zlib
from collections.abc import Mapping
from typing import Any, NoReturn
from urllib.parse import urljoin, urlsplit

import attrs
import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict

from openmetadata_fluent._settings import (
    DEFAULT_DEADLINE,
    DEFAULT_MAX_RESPONSE_BYTES,
    RetryPolicy,
    Timeout,
)
from openmetadata_fluent._version import __version__
from openmetadata_fluent.errors import (
    APIError,
    DeadlineExceededError,
    InvalidResponseError,
    RedirectError,
    TransportError,
    error_class,
)

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "Response",
    "RetryPolicy",
    "Timeout",
    "Transport",
]

log = logging.getLogger("openmetadata_fluent")

ERROR_BODY_BYTES = 64 * 1024
"""How much of an error body is kept on the exception."""
MAX_JSON_DEPTH = 512
"""Deeper JSON is refused: parsing and walking it would exhaust the stack."""
MESSAGE_CHARS = 500
"""The longest server message put into an exception's text."""
MAX_REDIRECTS = 3

_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
_RETRY_STATUS_IDEMPOTENT = frozenset({429, 502, 503, 504})
# A POST or PATCH answered with these was refused before it was processed.
_RETRY_STATUS_UNSAFE = frozenset({429, 503})
# Only reads follow a redirect, and only to the same origin: a write is never re-sent.
_FOLLOWS_REDIRECTS = frozenset({"GET", "HEAD"})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_EXCERPT_CHARS = 120
# Failures while reading a streamed body, as urllib3 and the socket raise them.
_READ_ERRORS = (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError)


@attrs.frozen
class Response:
    """A successful answer: status, headers and the parsed JSON body (None if empty).

    ``headers`` is the response's own case-insensitive mapping: ``headers["etag"]`` and
    ``headers["ETag"]`` are the same header, as HTTP/2 and proxies may lower-case names."""

    status: int
    headers: Mapping[str, str]
    body: Any


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date).

    None when there is nothing usable to wait for (absent, garbage, zero, negative, NaN,
    infinite or a date already past): the caller then backs off as usual rather than
    retrying at once."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
            seconds = when.timestamp() - (time.time() if now is None else now)
        except (TypeError, ValueError, OverflowError, IndexError):
            return None
    if not math.isfinite(seconds) or seconds <= 0:
        return None
    return seconds


def _surely_not_sent(exc: BaseException) -> bool:
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


# -- reading server text safely ----------------------------------------------------------

_TITLE_OPEN = re.compile("<title", re.IGNORECASE)
_TITLE_CLOSE = re.compile("</title", re.IGNORECASE)


def _strip_tags(text: str) -> str:
    """The text of an HTML page (its <title> when it has one), in one linear pass:
    ``str.find`` only moves forward, so hostile markup cannot make it slow."""
    opening = _TITLE_OPEN.search(text)
    if opening:
        start = text.find(">", opening.end())
        closing = _TITLE_CLOSE.search(text, start + 1) if start >= 0 else None
        if closing:
            text = text[start + 1 : closing.start()]
    parts: list[str] = []
    pos = 0
    while True:
        lt = text.find("<", pos)
        gt = text.find(">", lt + 1) if lt >= 0 else -1
        if gt < 0:
            parts.append(text[pos:])
            break
        parts.append(text[pos:lt])
        parts.append(" ")
        pos = gt + 1
    return " ".join("".join(parts).split())


def _excerpt(text: str, limit: int) -> str:
    """At most ``limit`` characters of server text, control and format characters
    escaped so they cannot rewrite a terminal or a log line."""
    short = text[:limit]
    if short.isprintable():
        return short + ("..." if len(text) > limit else "")
    parts: list[str] = []
    size = 0
    for char in short:
        shown = char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        size += len(shown)
        if size > limit:
            return "".join(parts) + "..."
        parts.append(shown)
    return "".join(parts) + ("..." if len(text) > limit else "")


def _server_message(body: Any, text: str, reason: str | None) -> str:
    """The message a person should read: the JSON ``message``, else the page's text."""
    if isinstance(body, Mapping) and isinstance(body.get("message"), str):
        message = str(body["message"])
    else:
        message = _strip_tags(text)
    return message or reason or "no message"


# -- bodies -----------------------------------------------------------------------------


class _BodyError(Exception):
    """A body that could not be used; ``transport`` is True when the connection failed
    (a transport problem) rather than the server sending something unusable."""

    def __init__(self, reason: str, *, transport: bool = False, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transport = transport
        self.timed_out = timed_out


class _Gunzip:
    """gzip decoding that never produces more than asked for per call, so a small
    compressed body cannot expand into gigabytes before the size cap is checked."""

    def __init__(self) -> None:
        self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)

    def __call__(self, data: bytes, limit: int) -> bytes:
        out = self._obj.decompress(data, limit)
        # Concatenated gzip members are one body; each member needs a fresh decoder.
        while self._obj.eof and self._obj.unused_data and len(out) < limit:
            rest = self._obj.unused_data
            self._obj = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out += self._obj.decompress(rest, limit - len(out))
        return out


def _decoder(encoding: str | None) -> _Gunzip | None:
    if encoding is None:
        return None
    kind = encoding.strip().lower()
    if kind in ("", "identity"):
        return None
    if kind in ("gzip", "x-gzip"):
        return _Gunzip()
    raise _BodyError(f"the answer uses an unsupported Content-Encoding {_excerpt(kind, 40)!r}")


def _read_body(
    resp: requests.Response, cap: int, until: float, read_timeout: float | None
) -> tuple[bytes, bool]:
    """Up to ``cap`` decoded bytes of the body and whether that was all of it.

    Read in chunks with the clock checked between them and each socket wait shortened
    to what is left, so a server trickling bytes cannot hold the call past ``until``."""
    raw = resp.raw
    decode = _decoder(resp.headers.get("Content-Encoding"))
    read = getattr(raw, "read1", None) or raw.read
    conn = getattr(raw, "connection", None)
    sock = getattr(conn, "sock", None)
    parts: list[bytes] = []
    size = 0
    try:
        while True:
            left = until - time.monotonic()
            if left <= 0:
                raise _BodyError("timed out while the answer was arriving", timed_out=True)
            if sock is not None and (read_timeout is None or left < read_timeout):
                sock.settimeout(left)
            chunk = read(_CHUNK, decode_content=False)
            if not chunk:
                if time.monotonic() >= until:
                    # The watchdog cut the connection: an end here is not the body's end.
                    raise _BodyError("timed out while the answer was arriving", timed_out=True)
                return b"".join(parts), True
            if decode is not None:
                chunk = decode(chunk, cap - size + 1)
            size += len(chunk)
            if size > cap:
                parts.append(chunk[: len(chunk) - (size - cap)])
                return b"".join(parts), False
            parts.append(chunk)
    except zlib.error:
        raise _BodyError("the answer's gzip encoding is corrupt") from None
    except _READ_ERRORS as exc:
        if time.monotonic() >= until:
            raise _BodyError("timed out while the answer was arriving", timed_out=True) from None
        timed_out = isinstance(exc, urllib3.exceptions.TimeoutError | TimeoutError)
        reason = (
            "timed out while the answer was arriving"
            if timed_out
            else "the connection was dropped while the answer was arriving"
        )
        raise _BodyError(reason, transport=True, timed_out=timed_out) from None


def _too_deep(value: dict[str, Any] | list[Any], limit: int) -> bool:
    """True when containers nest more than ``limit`` deep. One level at a time, without
    recursion, so it cannot overflow the stack it protects (and is cheap on big pages)."""
    level = [value]
    depth = 1
    while True:
        below: list[Any] = []
        for node in level:
            for child in node.values() if node.__class__ is dict else node:
                if child.__class__ is dict or child.__class__ is list:
                    below.append(child)
        if not below:
            return False
        depth += 1
        if depth > limit:
            return True
        level = below


def _parse_json(data: bytes) -> Any:
    """JSON from a body, or ``_BodyError`` saying why not (never a bare Python error)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _BodyError(f"the answer is not valid UTF-8 (byte {exc.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        value = json.loads(text)
    except RecursionError:
        raise _BodyError(f"the answer's JSON nests deeper than {MAX_JSON_DEPTH}") from None
    except ValueError as exc:
        raise _BodyError(f"the answer is not valid JSON ({_excerpt(str(exc), 80)})") from None
    # Only a body with this many brackets can nest this deep: most answers skip the walk.
    if (
        isinstance(value, dict | list)
        and text.count("[") + text.count("{") > MAX_JSON_DEPTH
        and _too_deep(value, MAX_JSON_DEPTH)
    ):
        raise _BodyError(f"the answer's JSON nests deeper than {MAX_JSON_DEPTH}")
    return value


def _same_origin(url: str, other: str) -> bool:
    """Same scheme, host and port (default ports filled in)."""
    try:
        a, b = urlsplit(url), urlsplit(other)
        return (a.scheme.lower(), a.hostname, a.port or _PORTS.get(a.scheme.lower())) == (
            b.scheme.lower(),
            b.hostname,
            b.port or _PORTS.get(b.scheme.lower()),
        )
    except ValueError:
        return False


_PORTS = {"http": 80, "https": 443}


def _strip_userinfo(url: str) -> str:
    """The URL with any ``user:password@`` replaced, for showing it."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return parts._replace(netloc="***@" + parts.netloc.rsplit("@", 1)[1]).geturl()


# -- cutting calls that run past their time -----------------------------------------------


class _Watch:
    """One call's hold on the connection it is using, so the watchdog can cut it."""

    __slots__ = ("conn", "fired", "lock", "until")

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.conn: Any = None
        self.fired = False
        self.until = math.inf


class _Watchdog:
    """Shuts the socket of any call still waiting past its time. Socket timeouts bound
    each wait, not a server sending its headers a byte at a time; this bounds the whole.

    One daemon thread for the process, started on first use, ticking only while calls
    are in flight, so a call costs a set insertion and removal."""

    TICK = 0.05

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._active: set[_Watch] = set()
        self._thread: threading.Thread | None = None
        self._idle = False

    def arm(self, watch: _Watch) -> None:
        with self._cond:
            self._active.add(watch)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="openmetadata-fluent-deadlines", daemon=True
                )
                self._thread.start()
            elif self._idle:
                self._cond.notify()

    def disarm(self, watch: _Watch) -> None:
        with self._cond:
            self._active.discard(watch)
        with watch.lock:
            watch.conn = None

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._active:
                    self._idle = True
                    self._cond.wait()
                self._idle = False
                now = time.monotonic()
                late = [w for w in self._active if w.until <= now and not w.fired]
            for watch in late:
                with watch.lock:
                    sock = getattr(watch.conn, "sock", None)
                    # Checked again under the lock: the call may have moved on to a new try.
                    if sock is None or watch.until > time.monotonic():
                        continue
                    watch.fired = True
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RDWR)
            time.sleep(self.TICK)

    def _after_fork(self) -> None:
        self._cond = threading.Condition()
        self._active = set()
        self._thread = None


_watchdog = _Watchdog()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_watchdog._after_fork)
_current = threading.local()


def _taken(conn: Any) -> None:
    """A pooled connection now serves this thread's call: let its watch cut it."""
    watch: _Watch | None = getattr(_current, "watch", None)
    if watch is not None and conn is not None:
        with watch.lock:
            watch.conn = conn
        conn._openmetadata_watch = watch


def _returned(conn: Any) -> None:
    """Back to the pool: from here on no watch may touch it (another call may own it)."""
    watch: _Watch | None = getattr(conn, "_openmetadata_watch", None)
    if watch is not None:
        with watch.lock:
            if watch.conn is conn:
                watch.conn = None
        conn._openmetadata_watch = None


class _HTTPPool(urllib3.HTTPConnectionPool):
    """A pool that tells the calling thread's watch which connection it is using."""

    def _get_conn(self, timeout: float | None = None) -> Any:
        conn = super()._get_conn(timeout)
        _taken(conn)
        return conn

    def _put_conn(self, conn: Any) -> None:
        _returned(conn)
        super()._put_conn(conn)


class _HTTPSPool(_HTTPPool, urllib3.HTTPSConnectionPool):
    """The same for TLS: the overrides above run before the HTTPS pool's own."""


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class _Adapter(HTTPAdapter):
    """requests' adapter with pools whose connections the watchdog can cut."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if not proxy.lower().startswith("socks"):
            manager.pool_classes_by_scheme = _POOLS
        return manager


# -- the transport ------------------------------------------------------------------------


class _Clock:
    """One call's time: its overall end, the current try's end and its timeouts."""

    __slots__ = ("attempt_ends", "budget", "ends", "read_timeout", "timeout", "watch")

    def __init__(self, ends: float, budget: float) -> None:
        self.ends = ends
        self.budget = budget
        self.watch = _Watch()
        self.attempt_ends = ends
        self.timeout: Timeout = 0.0
        self.read_timeout: float | None = None


class Transport:
    """Sends requests to one OpenMetadata API base URL (``.../api``).

    The caller (``OpenMetadataClient``) checks every setting; proxies and the CA bundle
    are given explicitly because the session never reads the environment (no netrc
    credentials replacing the token, no per-call environment lookups)."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        timeout: Timeout,
        verify: bool | str,
        retry: RetryPolicy,
        session: requests.Session | None = None,
        deadline: float | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        proxies: Mapping[str, str] | None = None,
    ) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.retry = retry
        self.deadline = deadline
        """Seconds per call; None means ``DEFAULT_DEADLINE`` or connect + read if longer."""
        self.max_response_bytes = max_response_bytes
        self._secret = token or None
        self._session = session or requests.Session()
        self._session.trust_env = False
        adapter = _Adapter()
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._verify = verify
        self._session.verify = verify
        self._session.proxies = dict(proxies or {})
        self._session.headers.update(
            {
                "Accept": "application/json",
                "Accept-Encoding": "gzip",
                "User-Agent": f"openmetadata-fluent/{__version__} requests/{requests.__version__}",
            }
        )
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self._session.close()

    def derive(
        self,
        *,
        timeout: Timeout | None = None,
        retry: RetryPolicy | None = None,
        deadline: float | None = None,
    ) -> Transport:
        """The same session (pool, token, TLS) with other timeouts, retries or deadline."""
        clone = copy.copy(self)
        clone.timeout = self.timeout if timeout is None else timeout
        clone.retry = self.retry if retry is None else retry
        clone.deadline = self.deadline if deadline is None else deadline
        return clone

    def __repr__(self) -> str:
        return f"Transport({self.base_url!r})"

    def budget(self, timeout: Timeout | None = None) -> float:
        """The deadline a call with these timeouts gets."""
        if self.deadline is not None:
            return self.deadline
        connect, read = _pair(self.timeout if timeout is None else timeout)
        return max(DEFAULT_DEADLINE, connect + read)

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
        deadline: float | None = None,
    ) -> Response:
        """Send one call, retrying as the policy and the deadline allow; raise on an
        error answer. ``deadline`` (seconds) overrides the client's for this call."""
        url = self.base_url + path
        send_headers = dict(headers) if headers else {}
        if body is not None:
            send_headers["Content-Type"] = content_type
        per_try = self.timeout if timeout is None else timeout
        budget = deadline if deadline is not None else self.budget(per_try)
        clock = _Clock(time.monotonic() + budget, budget)
        _current.watch = clock.watch
        _watchdog.arm(clock.watch)
        try:
            return self._call(method, url, path, params, body, send_headers, per_try, clock)
        finally:
            _watchdog.disarm(clock.watch)
            _current.watch = None

    def _call(
        self,
        method: str,
        url: str,
        path: str,
        params: Mapping[str, Any] | None,
        body: bytes | None,
        send_headers: Mapping[str, str],
        per_try: Timeout,
        clock: _Clock,
    ) -> Response:
        """The tries of one call, until an answer, an error or the end of its time."""
        idempotent = method in _IDEMPOTENT
        retry_status = _RETRY_STATUS_IDEMPOTENT if idempotent else _RETRY_STATUS_UNSAFE
        policy = self.retry
        watch = clock.watch
        attempt = 0
        while True:
            attempt += 1
            started = time.monotonic()
            left = clock.ends - started
            if left <= 0:
                self._out_of_time(method, url, clock)
            connect, read = _pair(per_try)
            clock.attempt_ends = watch.until = min(clock.ends, started + connect + read)
            watch.fired = False
            clamped = left < max(connect, read)
            clock.timeout = (min(connect, left), min(read, left)) if clamped else per_try
            clock.read_timeout = min(read, left)
            try:
                resp, where = self._exchange(method, url, params, body, send_headers, clock, path)
            except requests.RequestException as exc:
                timed_out = isinstance(exc, requests.Timeout) or watch.fired
                if timed_out and (clamped or watch.fired) and time.monotonic() >= clock.ends:
                    self._out_of_time(method, url, clock)
                network = isinstance(exc, requests.ConnectionError | requests.Timeout)
                may_retry = (
                    network
                    and not isinstance(exc, requests.exceptions.SSLError)
                    and (idempotent or _surely_not_sent(exc))
                )
                self._log_failure(method, url, started, attempt, type(exc).__name__)
                if may_retry and self._wait(policy, attempt, None, clock):
                    continue
                reason = "timed out waiting for the answer" if watch.fired else _describe(exc)
                raise TransportError(reason, method=method, url=url) from None
            except (ValueError, OSError, http.client.HTTPException) as exc:
                # Raised by the HTTP stack below requests for input it cannot send.
                self._log_failure(method, url, started, attempt, type(exc).__name__)
                raise TransportError(
                    f"could not send the request ({type(exc).__name__})", method=method, url=url
                ) from None
            status = resp.status_code
            log.debug(
                "%s %s -> %d in %.1f ms (attempt %d)",
                method,
                url,
                status,
                (time.monotonic() - started) * 1000,
                attempt,
            )
            try:
                if status < 200:
                    reason = f"a final answer cannot have the informational status {status}"
                    raise self._invalid(resp, method, where, path, reason, b"")
                if status < 400:
                    return self._success(resp, method, where, path, clock)
                data, complete = self._error_body(resp, method, url, clock)
            except _BodyError as exc:
                if exc.timed_out and time.monotonic() >= clock.ends:
                    self._out_of_time(method, url, clock)
                if not exc.transport and not exc.timed_out:
                    raise self._invalid(resp, method, where, path, exc.reason, b"") from None
                self._log_failure(method, url, started, attempt, "body read failed")
                if idempotent and self._wait(policy, attempt, None, clock):
                    continue
                raise TransportError(exc.reason, method=method, url=url) from None
            finally:
                resp.close()
            retry_after = parse_retry_after(resp.headers.get("Retry-After"))
            if status in retry_status and self._wait(policy, attempt, retry_after, clock):
                continue
            error = self._error(resp, method, where, path, data, complete, retry_after)
            error.attempts = attempt
            raise error

    # -- one try, with the redirects a read may follow ----------------------------------

    def _exchange(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None,
        body: bytes | None,
        headers: Mapping[str, str],
        clock: _Clock,
        path: str,
    ) -> tuple[requests.Response, str]:
        """The answer to one try and the URL that gave it. Redirects are handled here,
        never by requests: a write is never re-sent, a read only within the origin."""
        target = url
        hops = 0
        while True:
            resp = self._session.request(
                method,
                target,
                params=params,
                data=body,
                headers=headers,
                timeout=clock.timeout,
                allow_redirects=False,
                stream=True,
            )
            status = resp.status_code
            if status < 300 or status >= 400 or status == 304:
                return resp, target
            resp.close()
            location = resp.headers.get("Location")
            shown = self._shown_location(location)
            to = repr(shown) if location is not None else "nowhere (no Location header)"
            shown_path = path if hops == 0 else self._scrub(urlsplit(target).path)
            reason: str
            if method not in _FOLLOWS_REDIRECTS:
                reason = (
                    f"the server redirected this {method} to {to}; a write is never "
                    "re-sent to another address (check base_url: scheme, host and path)"
                )
            elif status not in _REDIRECT_STATUS or not location:
                reason = f"the server answered {status} with no redirect to follow"
            else:
                nxt = urljoin(target, location.strip())
                if not _same_origin(nxt, self.base_url):
                    reason = (
                        f"not following a redirect to another origin ({to}): the "
                        "token is only sent to base_url's server (set base_url to the new one)"
                    )
                elif self._secret and self._secret in nxt:
                    reason = "not following a redirect whose address holds the token"
                elif hops >= MAX_REDIRECTS:
                    reason = f"more than {MAX_REDIRECTS} redirects (the last to {to})"
                else:
                    hops += 1
                    log.debug("%s %s -> %d: following a same-origin redirect", method, url, status)
                    target, params = nxt, None
                    continue
            log.debug("%s %s -> %d: redirect not followed", method, url, status)
            kept = self._scrub_headers(resp.headers)
            if location is not None:
                kept = CaseInsensitiveDict(kept)
                kept["Location"] = shown
            raise RedirectError(
                status,
                reason,
                method=method,
                url=self._scrub(target),
                path=shown_path,
                headers=kept,
                location=shown if location is not None else None,
            )

    # -- retries and the deadline --------------------------------------------------------

    def _wait(
        self, policy: RetryPolicy, attempt: int, retry_after: float | None, clock: _Clock
    ) -> bool:
        """Sleep before another try and return True, or False when no try is left: out
        of retries, or the wait would end past the deadline (then the caller raises)."""
        if attempt > policy.max_retries:
            return False
        wait = policy.backoff(attempt) if retry_after is None else retry_after
        if wait > policy.max_retry_after or time.monotonic() + wait >= clock.ends:
            return False
        policy.sleep(wait)
        return True

    @staticmethod
    def _out_of_time(method: str, url: str, clock: _Clock) -> NoReturn:
        raise DeadlineExceededError(
            f"no answer within the call's deadline of {clock.budget:g} s (set a longer one "
            "with deadline=... on the client or with_options)",
            method=method,
            url=url,
            deadline=clock.budget,
        ) from None

    @staticmethod
    def _log_failure(method: str, url: str, started: float, attempt: int, what: str) -> None:
        log.debug(
            "%s %s failed after %.1f ms (attempt %d): %s",
            method,
            url,
            (time.monotonic() - started) * 1000,
            attempt,
            what,
        )

    # -- answers -------------------------------------------------------------------------

    def _error_body(
        self, resp: requests.Response, method: str, url: str, clock: _Clock
    ) -> tuple[bytes, bool]:
        """What can be read of an error body: the status is the answer, so a body that
        is cut off or undecodable leaves an empty one rather than hiding the status."""
        try:
            return _read_body(resp, ERROR_BODY_BYTES, clock.attempt_ends, clock.read_timeout)
        except _BodyError:
            if time.monotonic() >= clock.ends:
                self._out_of_time(method, url, clock)
            return b"", False

    def _success(
        self, resp: requests.Response, method: str, url: str, path: str, clock: _Clock
    ) -> Response:
        declared = resp.headers.get("Content-Length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > self.max_response_bytes:
            raise self._too_large(resp, method, url, path)
        data, complete = _read_body(
            resp, self.max_response_bytes, clock.attempt_ends, clock.read_timeout
        )
        if not complete:
            raise self._too_large(resp, method, url, path)
        if not data:
            return Response(resp.status_code, resp.headers, None)
        try:
            return Response(resp.status_code, resp.headers, _parse_json(data))
        except _BodyError as exc:
            kind = resp.headers.get("Content-Type", "unknown content")
            reason = f"expected JSON, got {_excerpt(kind, 60)}: {exc.reason}"
            raise self._invalid(resp, method, url, path, reason, data) from None

    def _too_large(
        self, resp: requests.Response, method: str, url: str, path: str
    ) -> InvalidResponseError:
        reason = (
            f"the answer is larger than the {self.max_response_bytes}-byte limit "
            "(raise max_response_bytes on the client if it is expected)"
        )
        return self._invalid(resp, method, url, path, reason, b"")

    def _invalid(
        self, resp: requests.Response, method: str, url: str, path: str, reason: str, data: bytes
    ) -> InvalidResponseError:
        text = self._scrub(data[: _EXCERPT_CHARS * 4].decode("utf-8", "replace"))
        message = f"{reason}: {_excerpt(text, _EXCERPT_CHARS)}" if text.strip() else reason
        return InvalidResponseError(
            resp.status_code,
            message,
            method=method,
            url=self._scrub(url),
            path=self._scrub(path),
            body=_excerpt(text, _EXCERPT_CHARS),
            headers=self._scrub_headers(resp.headers),
        )

    def _error(
        self,
        resp: requests.Response,
        method: str,
        url: str,
        path: str,
        data: bytes,
        complete: bool,
        retry_after: float | None,
    ) -> APIError:
        text = self._scrub(data.decode("utf-8", "replace"), cut=not complete)
        body: Any = None
        if complete and data:
            try:
                body = self._scrub_json(_parse_json(data))
            except _BodyError:
                body = None
        message = self._scrub(_server_message(body, text, resp.reason))
        return error_class(resp.status_code)(
            resp.status_code,
            _excerpt(message, MESSAGE_CHARS),
            method=method,
            url=self._scrub(url),
            path=self._scrub(path),
            body=body if body is not None else text,
            headers=self._scrub_headers(resp.headers),
            retry_after=retry_after,
        )

    # -- keeping the token out of everything the server says -----------------------------

    def _scrub(self, text: str, *, cut: bool = False) -> str:
        """``text`` without the token; when ``text`` was cut short, also without a
        trailing piece of it."""
        secret = self._secret
        if not secret:
            return text
        if secret in text:
            text = text.replace(secret, "***")
        if cut:
            for size in range(min(len(secret) - 1, len(text)), 0, -1):
                if text.endswith(secret[:size]):
                    return text[:-size] + "***"
        return text

    def _scrub_json(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._scrub(value)
        if isinstance(value, dict):
            return {self._scrub(k): self._scrub_json(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self._scrub_json(v) for v in value]
        return value

    def _scrub_headers(self, headers: Mapping[str, str]) -> Mapping[str, str]:
        secret = self._secret
        if not secret or not any(secret in v for v in headers.values()):
            return headers
        return CaseInsensitiveDict({k: self._scrub(v) for k, v in headers.items()})

    def _shown_location(self, location: str | None) -> str:
        """A Location fit to show: no credentials, no token, escaped and short."""
        if location is None:
            return ""
        return _excerpt(self._scrub(_strip_userinfo(location.strip())), 200)


def _pair(timeout: Timeout) -> tuple[float, float]:
    if isinstance(timeout, tuple):
        return float(timeout[0]), float(timeout[1])
    return float(timeout), float(timeout)


def _describe(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.exceptions.SSLError):
        return (
            "TLS handshake failed (is the server certificate trusted? pass "
            "verify='/path/to/ca.pem' or set OPENMETADATA_CA_BUNDLE)"
        )
    if isinstance(exc, requests.exceptions.ProxyError):
        return "could not reach the server through the proxy (check HTTPS_PROXY / NO_PROXY)"
    if isinstance(exc, requests.ConnectTimeout):
        return "timed out while connecting"
    if isinstance(exc, requests.ReadTimeout):
        return "timed out waiting for the answer"
    if _surely_not_sent(exc):
        return "could not connect (is the server running and the URL right?)"
    if isinstance(exc, requests.ConnectionError):
        return "the connection was dropped before an answer arrived"
    return f"request failed: {type(exc).__name__}"
