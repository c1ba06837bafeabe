"""Benchmarks of openmetadata-fluent against a baseline measured in the same run.

    python benchmarks/bench.py            # full run
    python benchmarks/bench.py --quick    # tiny sizes: a smoke test of a few seconds

Every row prints a ratio (ours / baseline, lower is better) so results from different
machines compare. Timings are best-of-N medians: each trial takes the median of several
batches, and the best trial is kept, which filters out scheduler noise. Ours and the
baseline alternate within each trial so drift hits both alike.

Rows are functions registered with ``@row``; ``--only KEY`` runs some of them. Rows 5 and 6
run the offline server (``openmetadata-fluent serve``) in a process of its own.
"""

from __future__ import annotations

import argparse
import copy
import gc
import importlib.util
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The official Python client's build + serialize time for the same request, measured
# outside this benchmark (it is not a dependency). Shown for reference only.
OFFICIAL_BUILD_SERIALIZE_US = 107.0
OFFICIAL_SPEEDUP_TARGET = 8.0

# Fields a newer server may send that the models do not know, and an explicit null.
UNKNOWN_FIELDS: dict[str, Any] = {
    "votes": {"upVotes": 0, "downVotes": 0, "upVoters": [], "downVoters": []},
    "lifeCycle": {"created": {"timestamp": 1769982621031, "accessedBy": None}},
    "certification": None,
    "extension": {"team": "platform"},
}


def seed_response_with_unknowns() -> dict[str, Any]:
    out = copy.deepcopy(SEED_RESPONSE)
    out.update(copy.deepcopy(UNKNOWN_FIELDS))
    return out


# -- measuring ------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    trials: int  # best of this many trials
    batches: int  # median of this many batches per trial
    loops: int  # calls per batch (micro rows)
    requests: int  # HTTP calls per batch (client row)
    imports: int  # fresh interpreters per side (import row)
    services: int  # services upserted (bulk row) and listed (memory row)


FULL = Sizes(trials=5, batches=7, loops=2000, requests=200, imports=15, services=10_000)
QUICK = Sizes(trials=1, batches=3, loops=50, requests=10, imports=2, services=200)


@dataclass
class Result:
    row: str
    ours: float
    baseline: float
    unit: str
    target: str
    met: bool | None  # None: reported, no target
    ratio: float | None = None

    def __post_init__(self) -> None:
        if self.ratio is None and self.baseline:
            self.ratio = self.ours / self.baseline


def per_call(fn: Callable[[], object], loops: int, clock: Callable[[], float]) -> float:
    """Seconds per call of ``fn`` over one batch of ``loops`` calls."""
    start = clock()
    for _ in range(loops):
        fn()
    return (clock() - start) / loops


def compare(
    ours: Callable[[], object],
    baseline: Callable[[], object],
    sizes: Sizes,
    loops: int,
    clock: Callable[[], float] = time.perf_counter,
) -> tuple[float, float]:
    """Best-of-``trials`` medians of seconds per call, ours and baseline interleaved."""
    ours(), baseline()  # warm caches and lazily built hooks before timing
    best_ours = best_base = float("inf")
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        for _ in range(sizes.trials):
            mine, theirs = [], []
            for _ in range(sizes.batches):
                mine.append(per_call(ours, loops, clock))
                theirs.append(per_call(baseline, loops, clock))
            best_ours = min(best_ours, statistics.median(mine))
            best_base = min(best_base, statistics.median(theirs))
    finally:
        if gc_was_on:
            gc.enable()
    return best_ours, best_base


# -- the row registry -----------------------------------------------------------------

RowFn = Callable[[Sizes], list[Result]]
ROWS: list[tuple[str, RowFn]] = []


def row(key: str) -> Callable[[RowFn], RowFn]:
    """Register a benchmark row; rows run in registration order."""

    def register(fn: RowFn) -> RowFn:
        ROWS.append((key, fn))
        return fn

    return register


# -- 1. import ------------------------------------------------------------------------

_IMPORT_PROBE = (
    "import resource, time\n"
    "t = time.perf_counter()\n"
    "{code}\n"
    "t = time.perf_counter() - t\n"
    "print(t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)
# The package loads its HTTP layer (and with it requests) on first use, so ``import``
# alone understates what a program pays: this is everything before the first request.
FIRST_USE = (
    "import openmetadata_fluent as om; "
    "om.OpenMetadataClient('http://localhost:8585/api').messaging_services.builder()"
    ".name('x').service_type('Kafka')"
    ".connection(om.kafka_connection().bootstrap_servers('localhost:9092')).build().to_dict()"
)
FIRST_USE_BASELINE = "import json, requests; requests.Session(); json.dumps({'name': 'x'})"


def _import_once(code: str) -> tuple[float, float]:
    """Seconds to run ``code`` (imports) in a fresh interpreter, and its peak RSS in MB."""
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT_PROBE.format(code=code)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_child_env(),
    ).stdout.split()
    seconds, rss_kb = float(out[0]), float(out[1])
    return seconds, rss_kb / 1024  # ru_maxrss is in KiB on Linux


def _child_env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _import_pair(ours_code: str, base_code: str, sizes: Sizes) -> tuple[float, float, float]:
    """Median seconds for ours and the baseline, and our peak RSS (MB)."""
    _import_once(ours_code), _import_once(base_code)  # write bytecode caches
    ours: list[tuple[float, float]] = []
    base: list[float] = []
    for _ in range(sizes.imports):
        ours.append(_import_once(ours_code))
        base.append(_import_once(base_code)[0])
    return (
        statistics.median(t for t, _ in ours),
        statistics.median(base),
        max(m for _, m in ours),
    )


@row("import")
def bench_import(sizes: Sizes) -> list[Result]:
    ours_s, base_s, ours_mb = _import_pair("import openmetadata_fluent", "import requests", sizes)
    use_s, use_base_s, use_mb = _import_pair(FIRST_USE, FIRST_USE_BASELINE, sizes)
    base_mb = _import_once("import requests")[1]
    return [
        Result(
            "1 import time (ms)",
            ours_s * 1e3,
            base_s * 1e3,
            "ms",
            "<= 1.5x",
            ours_s / base_s <= 1.5,
        ),
        Result("1 import peak RSS (MB)", ours_mb, base_mb, "MB", "< 40 MB", ours_mb < 40),
        Result(
            "1b import + first build (ms)",
            use_s * 1e3,
            use_base_s * 1e3,
            "ms",
            "<= 1.5x",
            use_s / use_base_s <= 1.5,
        ),
        Result("1b peak RSS (MB)", use_mb, base_mb, "MB", "< 40 MB", use_mb < 40),
    ]


# -- 2. build + serialize ---------------------------------------------------------------


def seed_builder(builder: Any) -> Any:
    """The seeds' Kafka example set on a ``MessagingServiceBuilder``."""
    from openmetadata_fluent import kafka_connection

    return (
        builder.name("sample_kafka")
        .display_name("Sample Kafka")
        .service_type("Kafka")
        .description("Production Kafka messaging service")
        .connection(
            kafka_connection()
            .bootstrap_servers("localhost:9092")
            .security_protocol("PLAINTEXT")
            .sasl_mechanism("PLAIN")
            .schema_registry_topic_suffix_name("-value")
            .supports_metadata_extraction(True)
        )
    )


def build_and_serialize() -> bytes:
    """The builder's request as the bytes ``create()`` sends: every check, then JSON."""
    from openmetadata_fluent import MessagingServices
    from openmetadata_fluent.serialization import dumps

    return dumps(seed_builder(MessagingServices.builder())._check())


def build_model_and_serialize() -> bytes:
    """The same through the attrs model: ``build()``, ``to_dict()``, JSON."""
    from openmetadata_fluent import MessagingServices
    from openmetadata_fluent.serialization import dumps

    return dumps(seed_builder(MessagingServices.builder()).build().to_dict())


def hand_written_dumps() -> bytes:
    payload = {
        "name": "sample_kafka",
        "displayName": "Sample Kafka",
        "serviceType": "Kafka",
        "description": "Production Kafka messaging service",
        "connection": {
            "config": {
                "type": "Kafka",
                "bootstrapServers": "localhost:9092",
                "securityProtocol": "PLAINTEXT",
                "saslMechanism": "PLAIN",
                "schemaRegistryTopicSuffixName": "-value",
                "supportsMetadataExtraction": True,
            }
        },
    }
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


SEED_REQUEST: dict[str, Any] = json.loads(hand_written_dumps())

# The seeds' Kafka example: the request, and the server's answer to it.
SEED_RESPONSE: dict[str, Any] = {
    "id": "469ef25e-9bdf-4d5f-8553-eb0ce8581f30",
    "name": "sample_kafka",
    "fullyQualifiedName": "sample_kafka",
    "serviceType": "Kafka",
    "connection": SEED_REQUEST["connection"],
    "tags": [],
    "version": 0.1,
    "updatedAt": 1769982621031,
    "updatedBy": "admin",
    "href": "http://localhost:8585/api/v1/services/messagingServices/"
    "469ef25e-9bdf-4d5f-8553-eb0ce8581f30",
    "deleted": False,
    "owners": [],
    "domains": [],
}


@row("build")
def bench_build(sizes: Sizes) -> list[Result]:
    for fn in (build_and_serialize, build_model_and_serialize):
        if json.loads(fn()) != json.loads(hand_written_dumps()):
            raise AssertionError(f"{fn.__name__} differs from the seeds' payload")
    ours, base = compare(build_and_serialize, hand_written_dumps, sizes, sizes.loops)
    model, model_base = compare(build_model_and_serialize, hand_written_dumps, sizes, sizes.loops)
    speedup = OFFICIAL_BUILD_SERIALIZE_US / (ours * 1e6)
    return [
        Result(
            "2 build+serialize as sent (us)",
            ours * 1e6,
            base * 1e6,
            "us",
            "<= 4x",
            ours / base <= 4,
        ),
        Result(
            "2b same via build() model (us)",
            model * 1e6,
            model_base * 1e6,
            "us",
            "<= 4x",
            model / model_base <= 4,
        ),
        Result(
            "2 vs official client (us)*",
            ours * 1e6,
            OFFICIAL_BUILD_SERIALIZE_US,
            "us",
            f"<= {1 / OFFICIAL_SPEEDUP_TARGET:.3g}x ({OFFICIAL_SPEEDUP_TARGET:g}x faster)",
            speedup >= OFFICIAL_SPEEDUP_TARGET,
        ),
    ]


@row("official")
def bench_official(sizes: Sizes) -> list[Result]:
    """The official client's build + serialize, when ``openmetadata-ingestion`` is installed."""
    if importlib.util.find_spec("metadata") is None:
        print("official client (openmetadata-ingestion, module 'metadata'): not installed")
        return []
    from metadata.generated.schema.api.services.createMessagingService import (  # type: ignore
        CreateMessagingServiceRequest,
    )

    def official() -> bytes:
        model = CreateMessagingServiceRequest.model_validate(json.loads(hand_written_dumps()))
        return model.model_dump_json(exclude_none=True).encode("utf-8")

    theirs, base = compare(official, hand_written_dumps, sizes, sizes.loops)
    return [Result("2 official build+serialize (us)", theirs * 1e6, base * 1e6, "us", "-", None)]


# -- 3. parse -----------------------------------------------------------------------------


@row("parse")
def bench_parse(sizes: Sizes) -> list[Result]:
    from openmetadata_fluent import MessagingService

    raw = json.dumps(seed_response_with_unknowns()).encode("utf-8")
    if MessagingService.from_dict(json.loads(raw)).to_dict() != json.loads(raw):
        raise AssertionError("the response does not survive a round trip")
    ours, base = compare(
        lambda: MessagingService.from_dict(json.loads(raw)),
        lambda: json.loads(raw),
        sizes,
        sizes.loops,
    )
    return [
        Result("3 parse response (us)", ours * 1e6, base * 1e6, "us", "<= 4x", ours / base <= 4)
    ]


# -- 4. client CPU per create() -----------------------------------------------------------


class _SeedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real server
    disable_nagle_algorithm = True  # else each answer waits ~40 ms for a delayed ACK
    body = json.dumps(SEED_RESPONSE).encode("utf-8")

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def seed_server() -> Iterator[str]:
    """An HTTP server on 127.0.0.1 answering every POST with the seeds' response."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SeedHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api"
    finally:
        server.shutdown()
        server.server_close()


@row("client")
def bench_client(sizes: Sizes) -> list[Result]:
    import requests

    from openmetadata_fluent import OpenMetadataClient

    with seed_server() as base_url:
        client = OpenMetadataClient(base_url, token="bench-token")
        builder = seed_builder(client.messaging_services.builder())
        session = requests.Session()
        session.headers["Authorization"] = "Bearer bench-token"
        url = base_url + "/v1/services/messagingServices"

        def bare() -> object:
            resp = session.post(url, json=SEED_REQUEST, timeout=(5.0, 30.0))
            resp.raise_for_status()
            return resp.json()

        try:
            # The server shares this process, so only the calling thread's CPU is counted.
            ours, base = compare(builder.create, bare, sizes, sizes.requests, time.thread_time)
        finally:
            client.close()
            session.close()
    return [
        Result(
            "4 create() client CPU (us)",
            ours * 1e6,
            base * 1e6,
            "us",
            "<= 1.15x",
            ours / base <= 1.15,
        )
    ]


# -- 5 and 6 need the embedded HTTP fake ----------------------------------------------------


@contextmanager
def fake_server(*, bulk_route: bool, latency_ms: float = 0.0) -> Iterator[str]:
    """The offline server in its own process (as ``openmetadata-fluent serve``), so its
    work does not share this process's interpreter lock with the client being measured."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "openmetadata_fluent", "serve", "--port", str(port)]
    if not bulk_route:
        command.append("--no-bulk")
    if latency_ms:
        command += ["--latency-ms", str(latency_ms)]
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_child_env()
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("the offline server did not start") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/api"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


SERVER_LATENCY_MS = 2.0


def _requests(n: int, prefix: str) -> list[Any]:
    from openmetadata_fluent import MessagingServices, kafka_connection

    return [
        MessagingServices.builder()
        .name(f"{prefix}{i}")
        .service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers("localhost:9092"))
        .build()
        for i in range(n)
    ]


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _bulk_versus_sequential(size: int, *, bulk_route: bool, latency: float) -> tuple[float, float]:
    """Seconds for ``size`` services through bulk_upsert, and one upsert at a time."""
    from openmetadata_fluent import OpenMetadataClient

    with fake_server(bulk_route=bulk_route, latency_ms=latency) as base_url:
        client = OpenMetadataClient(base_url, token="bench-token")
        ops = client.messaging_services
        # Built beforehand, so both sides time only their calls (building 10,000 requests
        # with the fluent builder is the same cost on each side).
        one_by_one, in_bulk = _requests(size, "seq_"), _requests(size, "bulk_")
        sequential = _timed(lambda: [ops.upsert(r) for r in one_by_one])
        outcome: list[Any] = []
        bulk = _timed(lambda: outcome.append(ops.bulk_upsert(in_bulk, max_workers=8)))
        client.close()
    if not outcome[0].ok:
        raise RuntimeError(f"bulk upsert failed for {len(outcome[0].failed)} services")
    return bulk, sequential


@row("bulk")
def bench_bulk(sizes: Sizes) -> list[Result]:
    n = sizes.services
    results = []
    # (bulk route?, server latency ms, label): current servers have no bulk route, and a real
    # one spends milliseconds in its database per write, which is what concurrency overlaps.
    cases = (
        (True, 0.0, "bulk route"),
        (False, 0.0, "no bulk route, 8 concurrent PUTs"),
        (False, SERVER_LATENCY_MS, f"same, server latency {SERVER_LATENCY_MS:g} ms"),
    )
    for bulk_route, latency, label in cases:
        size = n if latency == 0 else max(1, n // 5)
        bulk, sequential = _bulk_versus_sequential(size, bulk_route=bulk_route, latency=latency)
        speedup = sequential / bulk
        target = ">= 10x faster" if bulk_route else "faster than sequential"
        met = speedup >= 10 if bulk_route else speedup > 1
        results.append(Result(f"5 {size} upserts, {label} (s)", bulk, sequential, "s", target, met))
    return results


_LIST_PROBE = (
    "import resource, sys\n"
    "from openmetadata_fluent import OpenMetadataClient\n"
    "client = OpenMetadataClient(sys.argv[1], token='bench-token')\n"
    "count = 0\n"
    "for svc in client.messaging_services.list(limit=100):\n"
    "    count += 1\n"
    "    if count == int(sys.argv[2]):\n"
    "        break\n"
    "print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)


@row("list")
def bench_list_memory(sizes: Sizes) -> list[Result]:
    from openmetadata_fluent import OpenMetadataClient

    total = sizes.services
    small = max(1, total // 10)
    with fake_server(bulk_route=True) as base_url:
        client = OpenMetadataClient(base_url, token="bench-token")
        if not client.messaging_services.bulk_upsert(_requests(total, "listed_")).ok:
            raise RuntimeError("could not seed the services to list")
        client.close()
        peaks = {}
        for n in (small, total):
            out = subprocess.run(
                [sys.executable, "-c", _LIST_PROBE, base_url, str(n)],
                capture_output=True,
                text=True,
                check=True,
                env=_child_env(),
            )
            count, rss_kb = out.stdout.split()
            if int(count) != n:
                raise RuntimeError(f"listed {count} services, expected {n}")
            peaks[n] = int(rss_kb) / 1024
    growth = peaks[total] - peaks[small]
    return [
        Result(
            f"6 list {total} vs {small}: peak RSS (MB)",
            peaks[total],
            peaks[small],
            "MB",
            "grows < 10 MB",
            growth < 10,
        )
    ]


# -- the table ------------------------------------------------------------------------------

HEADER = ("row", "ours", "baseline", "ratio", "target", "met?")


def _fmt(value: float) -> str:
    return f"{value:.3g}" if value < 100 else f"{value:.0f}"


def table(results: list[Result]) -> str:
    lines = [HEADER]
    for r in results:
        met = "-" if r.met is None else ("yes" if r.met else "NO")
        ratio = "-" if r.ratio is None else f"{r.ratio:.2f}x"
        lines.append((r.row, _fmt(r.ours), _fmt(r.baseline), ratio, r.target, met))
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    out = []
    for n, line in enumerate(lines):
        out.append(" | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


BASELINES = {
    "1": "`import requests` in a fresh interpreter",
    "1b": "`import json, requests; requests.Session(); json.dumps(...)`; ours: import, a "
    "client, and one builder built and serialized (everything before the first request)",
    "2": "a hand-written dict + json.dumps (the floor); ours: the builder checked into the "
    "body create() sends; 2b also builds the frozen attrs model and unstructures it",
    "2*": "the official client's figure, NOT measured here (reference constant)",
    "3": "json.loads of the same bytes",
    "4": "the same POST with a bare requests.Session (+ resp.json()); "
    "CPU of the client thread only (time.thread_time)",
    "5": "the same number of services upserted one by one (wall time of the calls; requests "
    "built beforehand on both sides); the offline server runs in its own process",
    "6": "peak RSS of a fresh process listing a tenth as many services (page size 100)",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, a smoke test")
    parser.add_argument("--only", action="append", help="run only this row key (repeatable)")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    results: list[Result] = []
    for key, fn in ROWS:
        if args.only and key not in args.only:
            continue
        results.extend(fn(sizes))
    run = "quick" if args.quick else "full"
    print(f"python {sys.version.split()[0]} on {sys.platform}; {run} run")
    print(table(results))
    print("ratio = ours / baseline (lower is better); times are best-of-N medians")
    for key, text in BASELINES.items():
        print(f"  baseline {key}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
