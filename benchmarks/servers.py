"""HTTP servers the benchmark talks to, each run in a process of its own.

    python benchmarks/servers.py canned
    python benchmarks/servers.py fake [--no-bulk] [--latency-ms MS] [--seed N] [--proxy]

A server prints one JSON line (its base URL and how it was set up), then answers until its
standard input closes. Running apart from the client keeps the server's work off the
client's CPU time and interpreter lock.

``canned`` answers every POST or PUT with the seeds' response and keeps the last body it
received (``GET /__last_body``), so the benchmark can check what the client sent.

``fake`` is the package's offline server (``FakeOpenMetadata().serve()``). The fake's own
``latency`` and ``bulk_route`` options are used when it has them; otherwise, or with
``--proxy``, a small proxy in front of it adds the delay and hides the bulk route.
"""

from __future__ import annotations

import argparse
import http.client
import inspect
import json
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seeds import SEED_RESPONSE


class _Quiet(BaseHTTPRequestHandler):
    """Keep-alive like a real server, Nagle off (else answers wait for a delayed ACK)."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _answer(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {"Content-Type": "application/json"}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Canned(_Quiet):
    answer = json.dumps(SEED_RESPONSE).encode("utf-8")
    last_body = b""

    def _write(self, status: int) -> None:
        type(self).last_body = self._body()
        self._answer(status, self.answer)

    def do_POST(self) -> None:
        self._write(201)

    def do_PUT(self) -> None:
        self._write(200)

    def do_GET(self) -> None:
        if self.path == "/__last_body":
            self._answer(200, type(self).last_body, {"Content-Type": "application/octet-stream"})
        else:
            self._answer(404, b'{"code":404,"message":"not here"}')


def _proxy_handler(upstream: str, delay: float, hide_bulk: bool) -> type[_Quiet]:
    """A handler forwarding to ``upstream`` after ``delay`` seconds; ``/bulk`` paths get the
    404 a server without that route answers."""
    target = urlsplit(upstream)

    class Proxy(_Quiet):
        upstream: http.client.HTTPConnection | None = None

        def _forward(self) -> None:
            body = self._body()
            if delay:
                time.sleep(delay)
            if hide_bulk and self.path.split("?", 1)[0].rstrip("/").endswith("/bulk"):
                self._answer(404, b'{"code":404,"message":"HTTP 404 Not Found"}')
                return
            if self.upstream is None:  # one upstream connection per client connection
                self.upstream = http.client.HTTPConnection(target.netloc)
            skip = {"host", "content-length", "connection"}
            headers = {k: v for k, v in self.headers.items() if k.lower() not in skip}
            self.upstream.request(self.command, self.path, body=body, headers=headers)
            resp = self.upstream.getresponse()
            data = resp.read()
            passed = {
                k: v
                for k, v in resp.getheaders()
                if k.lower() not in {"content-length", "connection", "transfer-encoding"}
            }
            self._answer(resp.status, data, passed)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _forward

    return Proxy


def _accepts(fn: Callable[..., Any], name: str) -> bool:
    return name in inspect.signature(fn).parameters


def _seed(fake: Any, count: int) -> str:
    """Store ``count`` services before serving: directly when the fake can, else over HTTP."""
    bodies: list[dict[str, Any]] = [
        {
            "name": f"svc_{i:06d}",
            "serviceType": "Kafka",
            "connection": {"config": {"type": "Kafka", "bootstrapServers": "localhost:9092"}},
        }
        for i in range(count)
    ]
    if callable(getattr(fake, "seed", None)):
        fake.seed(*bodies)
        return "fake.seed"
    from openmetadata_fluent import MessagingServices, kafka_connection

    requests = [
        MessagingServices.builder()
        .name(b["name"])
        .service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers("localhost:9092"))
        for b in bodies
    ]
    result = fake.client().messaging_services.bulk_upsert(requests)
    if result.failed:
        raise SystemExit(f"seeding failed for {len(result.failed)} services")
    return "bulk_upsert"


def _serve(server: ThreadingHTTPServer) -> threading.Thread:
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["canned", "fake"])
    parser.add_argument("--no-bulk", action="store_true", help="answer 404 on the bulk route")
    parser.add_argument("--latency-ms", type=float, default=0.0, help="delay before each answer")
    parser.add_argument("--seed", type=int, default=0, help="services stored before serving")
    parser.add_argument("--proxy", action="store_true", help="delay and 404 in a proxy")
    args = parser.parse_args(argv)
    info: dict[str, Any] = {}
    stops: list[Callable[[], None]] = []
    if args.kind == "canned":
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Canned)
        _serve(server)
        stops.append(server.shutdown)
        info["base_url"] = f"http://127.0.0.1:{server.server_address[1]}/api"
    else:
        from openmetadata_fluent.testing import FakeOpenMetadata

        options: dict[str, Any] = {}
        own_latency = not args.proxy and _accepts(FakeOpenMetadata, "latency")
        own_bulk = not args.proxy and _accepts(FakeOpenMetadata, "bulk_route")
        if args.latency_ms and own_latency:
            options["latency"] = args.latency_ms / 1000
        if args.no_bulk and own_bulk:
            options["bulk_route"] = False
        fake = FakeOpenMetadata(**options)
        mount = fake.serve().__enter__()
        stops.append(lambda: mount.__exit__(None, None, None))
        if args.seed:
            info["seeded_by"] = _seed(fake, args.seed)
        needs_proxy = (args.latency_ms and not own_latency) or (args.no_bulk and not own_bulk)
        info["base_url"] = mount.base_url
        if needs_proxy:
            handler = _proxy_handler(
                mount.base_url, args.latency_ms / 1000 if not own_latency else 0.0, args.no_bulk
            )
            proxy = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            _serve(proxy)
            stops.insert(0, proxy.shutdown)
            info["base_url"] = f"http://127.0.0.1:{proxy.server_address[1]}/api"
        info["latency_by"] = "none" if not args.latency_ms else (
            "fake" if own_latency else "proxy"
        )
        info["no_bulk_by"] = "-" if not args.no_bulk else ("fake" if own_bulk else "proxy")
    print(json.dumps(info), flush=True)
    sys.stdin.read()  # the parent closes our standard input to stop us
    for stop in stops:
        stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
