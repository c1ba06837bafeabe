"""The two ways to reach a ``FakeOpenMetadata``: in process through ``responses``, or
over real HTTP on 127.0.0.1. Both only translate to and from ``handle``."""

from __future__ import annotations

import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from openmetadata_fluent.errors import ConfigurationError
from openmetadata_fluent.testing._http import MAX_BODY as _MAX_BODY
from openmetadata_fluent.testing._http import DroppedConnection
from openmetadata_fluent.testing._http import error as _error

if TYPE_CHECKING:
    from openmetadata_fluent.client import OpenMetadataClient
    from openmetadata_fluent.testing._engine import FakeOpenMetadata

__all__ = ["HttpServer", "MockMount", "client_for"]

_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_READ_CHUNK = 1 << 16
# How often the background server looks for a stop request: stop() waits at most this
# long (the standard library's default of 0.5 s made every HTTP fixture's teardown slow).
_POLL_INTERVAL = 0.01
_TESTING_EXTRA = "pip install 'openmetadata-fluent[testing]'"


def _import_responses() -> Any:
    """``responses``, which only the in-process mount needs; without it, say how to get it."""
    try:
        import responses
    except ImportError:
        raise ConfigurationError(
            "the in-process OpenMetadata fake needs the 'responses' package, which is not "
            f"installed: {_TESTING_EXTRA} (the HTTP fake, fake.serve(), works without it)"
        ) from None
    return responses


def client_for(base_url: str, token: str | None, **kwargs: Any) -> OpenMetadataClient:
    """A client for a fake: retries never sleep unless a ``retry`` policy is given."""
    from openmetadata_fluent.client import OpenMetadataClient
    from openmetadata_fluent.transport import RetryPolicy

    kwargs.setdefault(
        "retry", RetryPolicy(max_retries=kwargs.pop("max_retries", 3), sleep=lambda _: None)
    )
    return OpenMetadataClient(base_url, token, **kwargs)


class MockMount:
    """Routes every ``requests`` call under ``base_url`` to the fake, without sockets.

    With ``passthrough`` on, calls to anything else go on as they would without the
    mount (to an outer mock if one is active, else to the network); off, they fail with
    ``requests.ConnectionError`` so a test cannot reach a real server by mistake.
    """

    def __init__(self, fake: FakeOpenMetadata, base_url: str, *, passthrough: bool = False) -> None:
        self._fake = fake
        self._base_url = base_url.rstrip("/")
        self._passthrough = passthrough
        self._mock: Any = None

    def __enter__(self) -> FakeOpenMetadata:
        responses = _import_responses()
        import requests.adapters

        # Passed-through calls go to whatever sends requests right now, so a mount nested
        # in another mock (or in another mount) leaves the outer one working.
        self._mock = responses.RequestsMock(
            assert_all_requests_are_fired=False,
            real_adapter_send=requests.adapters.HTTPAdapter.send,
        )
        base = re.escape(self._base_url)
        for method in _METHODS:
            # content_type None: an answer without a body type (a 304) gets none added.
            self._mock.add_callback(
                method, re.compile(base + r"(/.*)?$"), callback=self._answer, content_type=None
            )
        if self._passthrough:  # anything not under the base URL
            self._mock.add_passthru(re.compile(f"(?!{base}(?:[/?#]|$))"))
        self._mock.start()
        self._fake.base_url = self._base_url
        return self._fake

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._fake._close_clients()
        self._mock.stop()
        self._mock.reset()

    def _answer(self, request: Any) -> tuple[int, dict[str, str], bytes]:
        import requests

        url = urlsplit(request.url)
        prefix = urlsplit(self._base_url).path
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        elif not isinstance(body, bytes):
            body = b"".join(body)
        try:
            return self._fake.handle(
                request.method, url.path[len(prefix) :], url.query, dict(request.headers), body
            )
        except DroppedConnection:
            raise requests.ConnectionError("connection dropped by the fake server") from None


class _TooLarge(Exception):
    """A request body over the limit: answered 413 without reading it."""


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenMetadata
    prefix: str
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes; with Nagle on, a keep-alive client waits
    # for the delayed ACK (about 40 ms) on every request.
    disable_nagle_algorithm = True
    server_version = "FakeOpenMetadata"

    def __getattr__(self, name: str) -> Any:
        # Every method, odd ones too, reaches the engine, which answers 405 in JSON.
        if name.startswith("do_"):
            return self._serve
        raise AttributeError(name)

    def _read_exactly(self, count: int) -> bytes:
        parts = []
        while count > 0:
            chunk = self.rfile.read(min(count, _READ_CHUNK))
            if not chunk:
                raise ValueError("the body ended early")
            parts.append(chunk)
            count -= len(chunk)
        return b"".join(parts)

    def _read_chunked(self) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            size = int(self.rfile.readline(_READ_CHUNK).split(b";", 1)[0].strip() or b"x", 16)
            total += size
            if size < 0 or total > _MAX_BODY:
                raise _TooLarge
            if size == 0:
                while self.rfile.readline(_READ_CHUNK) not in (b"\r\n", b"\n", b""):
                    pass  # trailers are ignored
                return b"".join(parts)
            parts.append(self._read_exactly(size))
            self._read_exactly(2)  # the CRLF after each chunk

    def _read_body(self) -> bytes:
        """The request body, by Content-Length or chunked; a body too large to want is
        refused before it is read, so a huge upload cannot tie the server up."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("negative Content-Length")
        if length > _MAX_BODY:
            raise _TooLarge
        return self._read_exactly(length)

    def _serve(self) -> None:
        try:
            body = self._read_body()
        except _TooLarge:
            self.close_connection = True
            self._send(*_error(413, "HTTP 413 Request Entity Too Large"))
            return
        except ValueError:
            self.close_connection = True
            self._send(*_error(400, "Invalid request body framing"))
            return
        url = urlsplit(self.path)
        path = url.path[len(self.prefix) :] if url.path.startswith(self.prefix + "/") else "/"
        try:
            answer = self.fake.handle(self.command, path, url.query, dict(self.headers), body)
        except DroppedConnection:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self._send(*answer)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Even a malformed request line gets a JSON error body."""
        self.close_connection = True
        status, headers, body = _error(code, message or "Bad Request")
        self.send_response(status, message)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if getattr(self, "command", None) != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: test output stays readable and no header is ever printed."""


class HttpServer:
    """The fake on 127.0.0.1 in a daemon thread; ``base_url`` ends with ``/api``."""

    def __init__(self, fake: FakeOpenMetadata, host: str = "127.0.0.1", port: int = 0) -> None:
        handler = type("Handler", (_Handler,), {"fake": fake, "prefix": "/api"})
        self._fake = fake
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None
        self.host = host
        self.port: int = self._server.server_address[1]
        self.base_url = f"http://{host}:{self.port}/api"

    def start(self) -> HttpServer:
        """Start answering in the background; the fake's links point here."""
        self._fake.base_url = self.base_url
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            args=(_POLL_INTERVAL,),
            name=f"fake-openmetadata-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Answer in this thread until ``KeyboardInterrupt`` or ``stop()``."""
        self._fake.base_url = self.base_url
        try:
            self._server.serve_forever()
        finally:
            self._server.server_close()

    def stop(self) -> None:
        """Stop answering and free the port."""
        self._fake._close_clients()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> HttpServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
