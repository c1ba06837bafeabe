"""The HTTP layer against hostile servers: raw sockets on 127.0.0.1 that redirect, trickle,
flood, bomb and echo secrets. Every test drives the public client and checks both what
the caller sees and what reached the server."""

from __future__ import annotations

import contextlib
import email.utils
import gzip
import json
import logging
import math
import shutil
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from openmetadata_fluent import OpenMetadataClient, TransportError, kafka_connection
from openmetadata_fluent.errors import (
    APIError,
    DeadlineExceededError,
    InvalidResponseError,
    OpenMetadataError,
    RateLimitError,
    RedirectError,
    ServerError,
    UnauthorizedError,
)
from openmetadata_fluent.transport import (
    ERROR_BODY_BYTES,
    MESSAGE_CHARS,
    RetryPolicy,
    _server_message,
)

from .conftest import SEEDS_RESPONSE

TOKEN = "hostile-test-token-4f9c2a"
SASL = "sasl-secret-value-7731"
SERVICE_ID = str(SEEDS_RESPONSE["id"])
COLLECTION = "/api/v1/services/messagingServices"
ENTITY = json.dumps(SEEDS_RESPONSE).encode()
PROXY_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
    "NETRC",
)


@pytest.fixture(autouse=True)
def _clean_network_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests reach 127.0.0.1 directly, whatever proxies the machine running them has."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


# -- the hostile server ----------------------------------------------------------------


class Seen:
    """One request as it reached the server."""

    def __init__(self, method: str, target: str, headers: dict[str, str], body: bytes) -> None:
        self.method = method
        self.target = target
        self.headers = headers  # names in lower case
        self.body = body

    def __repr__(self) -> str:
        return f"Seen({self.method} {self.target}, {len(self.body)} bytes)"


Answer = Callable[["Hostile", Seen, socket.socket], None]


class Hostile:
    """A raw-socket HTTP/1.1 server on 127.0.0.1 answering each request with ``answer``,
    in daemon threads, for at most ``limit`` requests (later ones are dropped unanswered),
    every socket bounded by a timeout and all shut down on exit."""

    def __init__(self, answer: Answer, *, limit: int = 30, tls: ssl.SSLContext | None = None):
        self.answer = answer
        self.limit = limit
        self.tls = tls
        self.seen: list[Seen] = []
        self.notes: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self._threads: list[threading.Thread] = []
        self._conns: list[socket.socket] = []

    @property
    def origin(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return self.origin + "/api"

    def __enter__(self) -> Hostile:
        self._spawn(self._accept)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()

    def _spawn(self, target: Callable[..., None], *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self._conns.append(conn)
            self._spawn(self._serve, conn)

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        try:
            if self.tls is not None:
                conn = self.tls.wrap_socket(conn, server_side=True)
            reader = conn.makefile("rb")
            line = reader.readline(65537)
            if not line:
                return
            method, target, _ = line.decode("latin-1").split(" ", 2)
            headers: dict[str, str] = {}
            while True:
                raw = reader.readline(65537)
                if raw in (b"\r\n", b"\n", b""):
                    break
                name, _, value = raw.decode("latin-1").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = reader.read(int(headers.get("content-length", "0")))
            seen = Seen(method, target, headers, body)
            with self._lock:
                if len(self.seen) >= self.limit:
                    return
                self.seen.append(seen)
            self.answer(self, seen, conn)
        except (OSError, ValueError):
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
            conn.close()

    def count(self, method: str | None = None) -> int:
        return sum(1 for s in self.seen if method is None or s.method == method)


def reply(
    conn: socket.socket,
    status: int,
    body: bytes = b"",
    *,
    headers: tuple[tuple[str, str], ...] = (),
    reason: str = "Answer",
    length: bool = True,
) -> None:
    """Send one complete answer (closing the connection after it)."""
    head = [f"HTTP/1.1 {status} {reason}"]
    head += [f"{name}: {value}" for name, value in headers]
    if length:
        head.append(f"Content-Length: {len(body)}")
    head.append("Connection: close")
    with contextlib.suppress(OSError):
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)


def reply_json(conn: socket.socket, status: int, value: Any, **kwargs: Any) -> None:
    headers = (("Content-Type", "application/json"), *kwargs.pop("headers", ()))
    reply(conn, status, json.dumps(value).encode(), headers=headers, **kwargs)


def entity(server: Hostile, seen: Seen, conn: socket.socket) -> None:
    reply(conn, 200, ENTITY, headers=(("Content-Type", "application/json"),))


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- driving the public API --------------------------------------------------------------


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client_for(server: Hostile, sleeps: Sleeps | None = None, **kwargs: Any) -> OpenMetadataClient:
    kwargs.setdefault(
        "retry",
        RetryPolicy(
            max_retries=kwargs.pop("max_retries", 3),
            sleep=sleeps if sleeps is not None else Sleeps(),
            random=lambda: 0.5,
            max_retry_after=kwargs.pop("max_retry_after", 3600.0),
        ),
    )
    return OpenMetadataClient(server.base_url, TOKEN, **kwargs)


def run(call: Any) -> Any:
    """The result of an operation, sending it first when it is a request to execute."""
    return call.execute() if hasattr(call, "execute") else call


def kafka(client: OpenMetadataClient) -> Any:
    return (
        client.messaging_services.builder()
        .name("sample_kafka")
        .connection(
            kafka_connection()
            .bootstrap_servers("localhost:9092")
            .security_protocol("SASL_SSL")
            .sasl_username("user")
            .sasl_password(SASL)
        )
    )


CALLS: dict[str, Callable[[OpenMetadataClient], Any]] = {
    "POST": lambda c: run(c.messaging_services.create(kafka(c))),
    "PUT": lambda c: run(c.messaging_services.upsert(kafka(c))),
    "PATCH": lambda c: run(
        c.messaging_services.patch(
            SERVICE_ID, [{"op": "replace", "path": "/description", "value": "d"}]
        )
    ),
    "DELETE": lambda c: run(c.messaging_services.delete(SERVICE_ID)),
    "GET": lambda c: run(c.messaging_services.retrieve(SERVICE_ID)),
}


def shown(err: BaseException) -> str:
    """Everything an error shows: its text, repr, message, body and headers."""
    parts = [str(err), repr(err)]
    if isinstance(err, APIError):
        parts += [err.message, str(err.body), str(dict(err.headers)), err.url, err.path]
    return "\n".join(parts)


# -- 1. redirects ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "status"),
    [
        ("POST", 301),
        ("POST", 302),
        ("POST", 303),
        ("POST", 307),
        ("POST", 308),
        ("PUT", 301),
        ("PUT", 303),
        ("PUT", 308),
        ("PATCH", 301),
        ("PATCH", 307),
        ("DELETE", 302),
        ("DELETE", 308),
    ],
)
def test_a_write_answered_with_a_redirect_is_not_followed(method: str, status: int) -> None:
    def redirect(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        if seen.target.startswith("/moved"):
            entity(server, seen, conn)
        else:
            reply(conn, status, headers=(("Location", "/moved" + seen.target),))

    with Hostile(redirect) as server:
        sleeps = Sleeps()
        with pytest.raises(RedirectError) as info:
            CALLS[method](client_for(server, sleeps))
    err = info.value
    assert err.status == status
    assert err.location == "/moved" + server.seen[0].target
    assert str(status) in str(err) and "/moved" in str(err) and method in str(err)
    # Exactly the one request: no GET in its place, no re-send, no retry.
    assert [s.method for s in server.seen] == [method]
    assert sleeps == []
    if method in ("POST", "PUT", "PATCH"):
        assert server.seen[0].body  # the body went once, to the address it was meant for


def test_a_post_answered_303_to_a_closed_port_reaches_the_server_once() -> None:
    port = closed_port()

    def see_other(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply(conn, 303, headers=(("Location", f"http://127.0.0.1:{port}/elsewhere"),))

    with Hostile(see_other) as server:
        sleeps = Sleeps()
        with pytest.raises(RedirectError) as info:
            CALLS["POST"](client_for(server, sleeps))
    assert server.count() == 1
    assert sleeps == []
    assert info.value.location == f"http://127.0.0.1:{port}/elsewhere"


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH"])
@pytest.mark.parametrize("status", [307, 308])
def test_a_write_redirected_to_another_origin_never_carries_its_body_there(
    method: str, status: int
) -> None:
    with Hostile(entity) as other:

        def elsewhere(server: Hostile, seen: Seen, conn: socket.socket) -> None:
            reply(conn, status, headers=(("Location", other.origin + seen.target),))

        with Hostile(elsewhere) as server, pytest.raises(RedirectError) as info:
            CALLS[method](client_for(server))
    assert other.seen == []
    assert server.count(method) == 1
    assert info.value.location == other.origin + server.seen[0].target
    if method != "PATCH":
        assert SASL.encode() in server.seen[0].body  # what would have been forwarded
    assert SASL not in shown(info.value)


def test_reads_follow_a_same_origin_redirect_with_the_token() -> None:
    def moved(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        if seen.target.startswith("/api/v2/"):
            entity(server, seen, conn)
        else:
            reply(conn, 301, headers=(("Location", seen.target.replace("/v1/", "/v2/")),))

    with Hostile(moved) as server:
        service = CALLS["GET"](client_for(server))
    assert str(service.id) == SERVICE_ID
    assert [s.method for s in server.seen] == ["GET", "GET"]
    assert server.seen[1].target == f"/api/v2/services/messagingServices/{SERVICE_ID}"
    assert all(s.headers["authorization"] == f"Bearer {TOKEN}" for s in server.seen)


def test_a_redirect_loop_on_a_read_stops_after_three_hops_and_is_not_retried() -> None:
    def loop(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        target = "/api/b" if seen.target != "/api/b" else "/api/a"
        reply(conn, 302, headers=(("Location", target),))

    with Hostile(loop) as server:
        sleeps = Sleeps()
        with pytest.raises(RedirectError, match="more than 3 redirects"):
            CALLS["GET"](client_for(server, sleeps))
    assert server.count("GET") == 4  # the request and three hops
    assert sleeps == []


@pytest.mark.parametrize("kind", ["other port", "https", "scheme-relative", "other host"])
def test_reads_never_follow_a_redirect_to_another_origin(kind: str) -> None:
    with Hostile(entity) as other:
        targets = {
            "other port": f"{other.origin}/api/x",
            "https": "https://127.0.0.1:{port}/api/x",
            "scheme-relative": f"//127.0.0.1:{other.port}/api/x",
            "other host": f"http://localhost:{other.port}/api/x",
        }

        def away(server: Hostile, seen: Seen, conn: socket.socket) -> None:
            reply(conn, 302, headers=(("Location", targets[kind].format(port=server.port)),))

        with Hostile(away) as server, pytest.raises(RedirectError, match="another origin"):
            CALLS["GET"](client_for(server))
    assert other.seen == []
    assert server.count() == 1


def test_a_redirect_location_never_shows_credentials_or_the_token() -> None:
    location = f"http://admin:hunter2@127.0.0.1:{closed_port()}/x?t={TOKEN}"

    def leak(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply(conn, 307, headers=(("Location", location),))

    for method in ("GET", "POST"):
        with Hostile(leak) as server, pytest.raises(RedirectError) as info:
            CALLS[method](client_for(server))
        text = shown(info.value) + str(info.value.location)
        assert "hunter2" not in text and TOKEN not in text
        assert "***@127.0.0.1" in str(info.value.location)


def _tls_context(folder: Path) -> ssl.SSLContext:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    return context


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")
@pytest.mark.parametrize("method", ["GET", "POST", "PUT"])
def test_an_https_call_redirected_to_plain_http_sends_nothing_there(
    method: str, tmp_path: Path
) -> None:
    context = _tls_context(tmp_path)
    with Hostile(entity) as plain:

        def downgrade(server: Hostile, seen: Seen, conn: socket.socket) -> None:
            reply(conn, 307, headers=(("Location", plain.origin + seen.target),))

        with Hostile(downgrade, tls=context) as server:
            client = OpenMetadataClient(server.base_url, TOKEN, verify=str(tmp_path / "cert.pem"))
            with pytest.raises(RedirectError):
                CALLS[method](client)
    assert plain.seen == []
    assert server.count(method) == 1


# -- 2. one deadline per call --------------------------------------------------------------


def trickle(head: bytes, count: int = 40, every: float = 0.5) -> Answer:
    """Send ``head``, then one byte every ``every`` seconds, ``count`` times at most,
    noting how many went before the client hung up."""

    def answer(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        server.notes["trickled"] = 0
        try:
            conn.sendall(head)
            for _ in range(count):
                time.sleep(every)
                conn.sendall(b" ")
                server.notes["trickled"] += 1
        except OSError:
            server.notes["cut"] = True

    return answer


BODY_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
HEADER_HEAD = b"HTTP/1.1 200 OK\r\nX-Slow: "


@pytest.mark.parametrize("head", [BODY_HEAD, HEADER_HEAD], ids=["body", "headers"])
def test_a_trickling_server_cannot_hold_a_post_past_its_timeouts(head: bytes) -> None:
    with Hostile(trickle(head)) as server:
        client = client_for(server, timeout=(1, 1))
        with pytest.raises(TransportError, match="timed out"):
            CALLS["POST"](client)
        # The server was still trickling when the client gave up, long before its end.
        deadline = time.monotonic() + 5
        while "cut" not in server.notes and time.monotonic() < deadline:
            time.sleep(0.05)
    assert server.count("POST") == 1  # a POST that may have been processed is not re-sent
    assert server.notes.get("cut") is True
    assert server.notes["trickled"] < 40


@pytest.mark.parametrize("head", [BODY_HEAD, HEADER_HEAD], ids=["body", "headers"])
def test_the_deadline_cuts_a_trickled_read(head: bytes) -> None:
    with Hostile(trickle(head)) as server:
        client = client_for(server, timeout=(5, 5)).with_options(deadline=1.5)
        with pytest.raises(DeadlineExceededError) as info:
            CALLS["GET"](client)
    assert info.value.deadline == 1.5
    assert server.count("GET") == 1  # no time left for another try
    assert server.notes["trickled"] < 40


def test_the_deadline_covers_connecting() -> None:
    """A listener that never accepts, its backlog full: connecting hangs."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(8):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", port))
            fillers.append(filler)
        client = OpenMetadataClient(
            f"http://127.0.0.1:{port}", TOKEN, timeout=(30, 30), deadline=1.0
        )
        with pytest.raises(DeadlineExceededError):
            CALLS["GET"](client)
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


@pytest.mark.parametrize("status", [429, 503])
def test_a_retry_after_longer_than_the_deadline_is_raised_at_once(status: int) -> None:
    def busy(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply_json(conn, status, {"message": "later"}, headers=(("Retry-After", "60"),))

    with Hostile(busy) as server:
        sleeps = Sleeps()
        # The policy would wait up to an hour; the call's 60 s deadline cannot.
        with pytest.raises(APIError) as info:
            CALLS["PUT"](client_for(server, sleeps))
    assert info.value.retry_after == 60.0
    assert isinstance(info.value, RateLimitError if status == 429 else ServerError)
    assert server.count("PUT") == 1
    assert sleeps == []


def test_a_retry_after_within_the_deadline_is_waited_for() -> None:
    def once_busy(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        if server.count() == 1:
            reply_json(conn, 429, {"message": "later"}, headers=(("Retry-After", "7"),))
        else:
            entity(server, seen, conn)

    with Hostile(once_busy) as server:
        sleeps = Sleeps()
        CALLS["PUT"](client_for(server, sleeps))
    assert sleeps == [7.0]
    assert server.count("PUT") == 2


@pytest.mark.parametrize(
    "value",
    ["0", "-1", "nan", "inf", "-inf", "1e999", "soon", "Wed, 21 Oct 2015 07:28:00 GMT"],
)
def test_a_useless_retry_after_falls_back_to_backoff(value: str) -> None:
    def once_busy(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        if server.count() == 1:
            reply_json(conn, 503, {"message": "busy"}, headers=(("Retry-After", value),))
        else:
            entity(server, seen, conn)

    with Hostile(once_busy) as server:
        sleeps = Sleeps()
        CALLS["PUT"](client_for(server, sleeps))
    assert sleeps == [RetryPolicy(random=lambda: 0.5).backoff(1)]  # never 0: no hammering
    assert server.count("PUT") == 2


def test_a_flood_of_503_is_bounded_by_max_retries() -> None:
    def down(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply_json(conn, 503, {"message": "down"})

    with Hostile(down, limit=100) as server:
        sleeps = Sleeps()
        with pytest.raises(ServerError):
            CALLS["PUT"](client_for(server, sleeps, max_retries=5))
    assert server.count() == 6
    assert len(sleeps) == 5


def test_a_flood_of_503_is_bounded_by_the_deadline() -> None:
    def down(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply_json(conn, 503, {"message": "down"}, headers=(("Retry-After", "0.2"),))

    with Hostile(down, limit=1000) as server:
        policy = RetryPolicy(max_retries=1000, backoff_base=0.2, backoff_max=0.2)
        client = OpenMetadataClient(server.base_url, TOKEN, retry=policy, deadline=1.0)
        with pytest.raises(ServerError) as info:
            CALLS["PUT"](client)
    assert info.value.retry_after == pytest.approx(0.2)
    # Every try waited 0.2 s first, so a 1 s deadline leaves room for a handful only.
    assert 2 <= server.count() <= 6


# -- 2. bounded bodies ---------------------------------------------------------------------


def test_a_success_body_declared_over_the_cap_is_refused_unread() -> None:
    def huge(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        conn.sendall(head + b"Content-Length: 10000000000\r\n\r\n[")
        conn.recv(1)  # never sends the rest: waits for the client to hang up

    with Hostile(huge) as server:
        client = client_for(server, max_response_bytes=1 << 20)
        with pytest.raises(InvalidResponseError, match="larger than the 1048576-byte limit"):
            CALLS["GET"](client)
    assert server.count() == 1  # not retried: it would be as large again


def test_a_streamed_success_body_stops_at_the_cap() -> None:
    def endless(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        server.notes["sent"] = 0
        try:
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[")
            chunk = b"0," * 32768
            while server.notes["sent"] < 200 << 20:
                conn.sendall(chunk)
                server.notes["sent"] += len(chunk)
        except OSError:
            pass

    with Hostile(endless) as server:
        client = client_for(server, max_response_bytes=1 << 20)
        with pytest.raises(InvalidResponseError, match="limit"):
            CALLS["POST"](client)
    assert server.notes["sent"] < 200 << 20
    assert server.count() == 1


def gzip_bomb(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    return b"".join([packer.compress(block) for _ in range(megabytes)] + [packer.flush()])


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """About 0.5 MB of gzip that expands to 512 MiB of zeros."""
    return gzip_bomb(512)


@pytest.mark.parametrize("status", [200, 500])
def test_a_gzip_bomb_is_not_expanded_past_the_cap(bomb: bytes, status: int) -> None:
    def explode(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        headers = (("Content-Type", "application/json"), ("Content-Encoding", "gzip"))
        reply(conn, status, bomb, headers=headers)

    assert len(bomb) < 600_000
    with Hostile(explode) as server:
        client = client_for(server, max_retries=0)  # the default 64 MiB cap
        tracemalloc.start()
        try:
            with pytest.raises(APIError) as info:
                CALLS["GET"](client)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 200 << 20  # far below the 512 MiB the bomb holds
    if status == 200:
        assert isinstance(info.value, InvalidResponseError)
        assert "limit" in str(info.value)
    else:
        assert isinstance(info.value, ServerError)
        assert len(info.value.body) <= ERROR_BODY_BYTES
    assert server.count() == 1


def test_a_gzip_answer_is_read() -> None:
    def packed(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        headers = (("Content-Type", "application/json"), ("Content-Encoding", "gzip"))
        reply(conn, 200, gzip.compress(ENTITY), headers=headers)

    with Hostile(packed) as server:
        assert str(CALLS["GET"](client_for(server)).id) == SERVICE_ID
    assert server.seen[0].headers["accept-encoding"] == "gzip"


def test_error_bodies_are_kept_short() -> None:
    page = b"<html><body>" + b"x" * (5 << 20) + b"</body></html>"

    def big(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply(conn, 500, page, headers=(("Content-Type", "text/html"),))

    with Hostile(big) as server, pytest.raises(ServerError) as info:
        CALLS["POST"](client_for(server))
    assert len(info.value.body) <= ERROR_BODY_BYTES
    assert len(info.value.message) <= MESSAGE_CHARS + 3
    assert info.value.message.endswith("...")
    assert server.count() == 1


# -- 3. reading error messages -------------------------------------------------------------

PATHOLOGICAL = {
    "open brackets": "<" * 2_000_000,
    "title openings": "<title" * 400_000,
    "title then brackets": "<title>" + "<" * 2_000_000,
    "unclosed tags": "<a " * 700_000,
    "closed tags": "<b>x</b>" * 300_000,
}


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_message_extraction_takes_linear_time_on_hostile_markup(name: str) -> None:
    """Megabytes a regex with backtracking would chew on for minutes; a safety net of
    20 s only guards the suite, the work itself is a few linear scans."""
    result: list[str] = []
    worker = threading.Thread(
        target=lambda: result.append(_server_message(None, PATHOLOGICAL[name], "Bad Gateway")),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=20)
    assert result, "message extraction did not finish"


@pytest.mark.parametrize("body", ["<" * 100_000, "<title" * 20_000, "<title>" + "<" * 100_000])
def test_hostile_error_pages_give_a_short_readable_error(body: str) -> None:
    def page(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply(conn, 502, body.encode(), headers=(("Content-Type", "text/html"),))

    with Hostile(page) as server, pytest.raises(ServerError) as info:
        CALLS["GET"](client_for(server, max_retries=0))
    assert len(info.value.message) <= MESSAGE_CHARS + 3
    assert server.count() == 1


def test_control_characters_in_server_messages_are_escaped() -> None:
    message = "bad\x1b[2J\r\nINFO forged log line\x00\u202eevil\x7f" + "z" * 2000

    def nasty(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply_json(conn, 400, {"code": 400, "message": message})

    with Hostile(nasty) as server, pytest.raises(APIError) as info:
        CALLS["POST"](client_for(server))
    text = str(info.value)
    assert text.isprintable()
    assert "\\x1b[2J\\r\\nINFO forged log line\\x00\\u202eevil\\x7f" in text
    assert len(info.value.message) <= MESSAGE_CHARS + 3


def echo(kind: str) -> Answer:
    """A server that echoes the Authorization header back in one way or another."""

    def answer(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        auth = seen.headers.get("authorization", "")
        if kind == "json":
            reply_json(conn, 401, {"message": f"invalid header {auth}", "echo": {"h": [auth]}})
        elif kind == "escaped json":
            escaped = "".join(f"\\u{ord(c):04x}" for c in auth)
            body = f'{{"message": "bad {escaped}", "x": "{escaped}"}}'.encode()
            reply(conn, 401, body, headers=(("Content-Type", "application/json"),))
        elif kind == "html":
            page = f"<html><title>Denied {auth}</title><body>{auth}</body></html>"
            reply(conn, 401, page.encode(), headers=(("Content-Type", "text/html"),))
        elif kind == "header":
            reply_json(conn, 401, {"message": "no"}, headers=(("X-Echo", auth),))
        elif kind == "reason":
            reply_json(conn, 401, None, reason=f"Unauthorized {auth}")
        elif kind == "cut at the cap":
            filler = "a" * (ERROR_BODY_BYTES - len("Bearer ") - 6)
            reply(conn, 401, (filler + auth).encode(), headers=(("Content-Type", "text/plain"),))
        elif kind == "success excerpt":
            reply(conn, 200, f"<html>{auth}</html>".encode(), headers=(("X-Echo", auth),))

    return answer


ECHOES = ["json", "escaped json", "html", "header", "reason", "cut at the cap", "success excerpt"]


@pytest.mark.parametrize("kind", ECHOES)
def test_a_server_echoing_the_token_never_puts_it_in_the_error(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with Hostile(echo(kind)) as server, pytest.raises(APIError) as info:
        CALLS["GET"](client_for(server, max_retries=0))
    assert server.seen[0].headers["authorization"] == f"Bearer {TOKEN}"
    assert isinstance(
        info.value, InvalidResponseError if kind == "success excerpt" else UnauthorizedError
    )
    text = shown(info.value)
    assert TOKEN not in text
    assert TOKEN[: len(TOKEN) // 2] not in text  # not even the part cut off at the cap
    assert TOKEN not in caplog.text


# -- 4. malformed success answers ----------------------------------------------------------

MALFORMED: dict[str, tuple[bytes, tuple[tuple[str, str], ...]]] = {
    "html": (b"<html><body>Please log in</body></html>", (("Content-Type", "text/html"),)),
    "truncated json": (b'{"id": "469ef25e-9bdf-4d5f-8553', ()),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, ()),
    "nesting past the bound": (b"[" * 600 + b"]" * 600, ()),
    "deep objects": (b'{"a":' * 600 + b"1" + b"}" * 600, ()),
    "invalid utf-8": (b'{"name": "caf\xe9 \xff\xfe"}', ()),
    "binary": (b"\x00\x01\x02\x1b[31m\xff", (("Content-Type", "application/octet-stream"),)),
    "corrupt gzip": (b"\x1f\x8b\x08\x00garbage-not-gzip", (("Content-Encoding", "gzip"),)),
    "unknown encoding": (b"\x8b\x05\x80{}\x03", (("Content-Encoding", "br"),)),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
@pytest.mark.parametrize("method", ["GET", "POST", "PUT"])
def test_malformed_success_answers_raise_invalid_response(name: str, method: str) -> None:
    body, headers = MALFORMED[name]

    def bad(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply(conn, 200, body, headers=headers)

    with Hostile(bad) as server, pytest.raises(InvalidResponseError) as info:
        CALLS[method](client_for(server))
    err = info.value
    assert (err.status, err.method) == (200, method)
    assert err.url.startswith(server.base_url + "/v1/services/messagingServices")
    assert str(err).isprintable()
    assert len(str(err)) < 800
    assert server.count() == 1  # a bad answer is not asked for again


@pytest.mark.parametrize("status", [103, 199])
def test_an_informational_status_as_the_final_answer_is_not_a_success(status: int) -> None:
    def early(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply(conn, status, length=False)

    with Hostile(early) as server, pytest.raises(InvalidResponseError, match="informational"):
        CALLS["POST"](client_for(server))
    assert server.count("POST") == 1


def test_nesting_within_the_bound_is_accepted() -> None:
    nested = b"[" * 500 + b"]" * 500
    deep_service = dict(SEEDS_RESPONSE, extension={"deep": json.loads(nested)})

    def ok(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply_json(conn, 200, deep_service)

    with Hostile(ok) as server:
        client = client_for(server)
        resp = client.transport.request("GET", f"/v1/services/messagingServices/{SERVICE_ID}")
    assert resp.body["extension"]["deep"] == json.loads(nested)


def test_an_answer_cut_short_of_its_length_is_a_transport_error_and_not_resent() -> None:
    def cut(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        head = b"HTTP/1.1 201 Created\r\nContent-Type: application/json\r\n"
        conn.sendall(head + b"Content-Length: 5000\r\n\r\n" + ENTITY[:100])

    with Hostile(cut) as server, pytest.raises(TransportError, match="dropped"):
        CALLS["POST"](client_for(server))
    assert server.count("POST") == 1


# -- 9. logs ------------------------------------------------------------------------------


def test_debug_logs_carry_no_token_body_or_header(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    def mixed(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        auth = seen.headers.get("authorization", "")
        n = server.count()
        if n == 1:
            reply(conn, 302, headers=(("Location", f"/api/next?leak={TOKEN}"),))
        elif n == 2:
            reply_json(conn, 503, {"message": auth}, headers=(("Retry-After", "0"),))
        else:
            reply_json(conn, 400, {"message": f"{auth} {SASL}"}, headers=(("X-Echo", auth),))

    with Hostile(mixed) as server:
        client = client_for(server)
        for method in ("GET", "PUT", "POST"):
            with pytest.raises(OpenMetadataError):
                CALLS[method](client)
    ours = [r.getMessage() for r in caplog.records if r.name == "openmetadata_fluent"]
    assert any("-> 302" in line for line in ours)
    assert any("-> 503" in line for line in ours)
    assert TOKEN not in caplog.text
    assert SASL not in caplog.text
    assert "Authorization" not in caplog.text


def test_a_retry_after_date_an_hour_away_is_raised_at_once() -> None:
    """An HTTP-date Retry-After meets the same deadline check as one in seconds."""
    future = email.utils.formatdate(time.time() + 3600, usegmt=True)

    def later(server: Hostile, seen: Seen, conn: socket.socket) -> None:
        reply_json(conn, 429, {"message": "later"}, headers=(("Retry-After", future),))

    with Hostile(later) as server, pytest.raises(RateLimitError) as info:
        CALLS["GET"](client_for(server))
    assert info.value.retry_after is not None and math.isfinite(info.value.retry_after)
    assert info.value.retry_after > 3000
    assert server.count() == 1
