"""Benchmarks of openmetadata-fluent, every row against a baseline measured in the same run.

    python benchmarks/bench.py                        # full run, several minutes
    python benchmarks/bench.py --quick                # tiny sizes: a smoke test of seconds
    python benchmarks/bench.py --only build           # some rows (repeatable)
    python benchmarks/bench.py --official-python PY   # the official client's interpreter

Each side of a row is a set of samples (batches of calls, fresh interpreters, or runs),
taken in turn with the other side's so machine load hits both alike. The table shows
min / median / max of each side and the ratio of the medians. A target counts as "met" only
when the pessimistic ends still meet it (our upper quartile against the baseline's lower
quartile); when only the medians do, the row says "within noise".

Clocks: build, parse, client and import rows count CPU seconds of the measuring process
(time the machine gives to other work does not count); bulk rows are wall time, since
waiting on the server is what they are about.

The official Python client (openmetadata-ingestion) is timed in its own interpreter, the
python of a virtual environment made by ``benchmarks/official_venv.sh``; by default
$OFFICIAL_VENV, else ~/.cache/openmetadata-fluent/official-venv. Without it those rows say
"not available" and everything else still runs. Servers run in processes of their own
(``servers.py``); memory figures are each measured child's own VmHWM (``probe.py``).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import select
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout's package
sys.path.insert(0, str(Path(__file__).resolve().parent))

from seeds import (
    SEED_REQUEST,
    TOPIC_LEAVES,
    TOPIC_RECORD,
    floor_request_bytes,
    floor_topic_bytes,
    response_bytes,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NO_OFFICIAL = "official client not available (see above)"
MIN_SAMPLES = 5  # fewer samples per side than this give no verdict
WAIT_SECONDS = 300.0  # the longest a child process may take to answer


# -- sizes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    samples: int  # timed batches per side (micro and client rows)
    batch_seconds: float  # how long one micro batch should take
    requests: int  # create() calls per batch (client row)
    imports: int  # fresh interpreters per side (import rows)
    upserts: int  # upserts per side (bulk rows) and topics per side (topics bulk row)
    upsert_batches: int  # those split into this many batches, taken in turn
    latencies_ms: tuple[float, ...]  # the server's added time per answer (bulk rows)
    list_large: int  # services listed (memory row) ...
    list_small: int  # ... against this many
    list_page: int  # page size of the listing
    list_repeats: int  # fresh processes per side (memory row)


FULL = Sizes(
    samples=31,
    batch_seconds=0.02,
    requests=100,
    imports=21,
    upserts=10_000,
    upsert_batches=10,
    latencies_ms=(2.0, 10.0),
    list_large=100_000,
    list_small=1_000,
    list_page=1_000,
    list_repeats=5,
)
QUICK = Sizes(
    samples=5,
    batch_seconds=0.002,
    requests=5,
    imports=2,
    upserts=40,
    upsert_batches=2,
    latencies_ms=(2.0, 10.0),
    list_large=500,
    list_small=50,
    list_page=50,
    list_repeats=1,
)


# -- samples, targets, verdicts ---------------------------------------------------------------


@dataclass(frozen=True)
class Spread:
    """The samples of one side of a row."""

    values: tuple[float, ...]

    def _quartiles(self) -> list[float]:
        if len(self.values) < 2:
            return [self.values[0]] * 3
        return statistics.quantiles(self.values, n=4, method="inclusive")

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def q1(self) -> float:
        return self._quartiles()[0]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def q3(self) -> float:
        return self._quartiles()[2]

    @property
    def high(self) -> float:
        return max(self.values)

    def scaled(self, factor: float) -> Spread:
        return Spread(tuple(v * factor for v in self.values))


@dataclass(frozen=True)
class Target:
    """``ratio``: ours / baseline must be at most ``limit``;
    ``growth``: ours - baseline must stay below ``limit`` (same unit as the row)."""

    text: str
    kind: str
    limit: float


def at_most(limit: float) -> Target:
    return Target(f"<= {limit:g}x", "ratio", limit)


def times_faster(factor: float) -> Target:
    return Target(f">= {factor:g}x faster", "ratio", 1 / factor)


@dataclass
class Result:
    row: str
    unit: str
    ours: Spread | None
    base: Spread | None
    target: Target | None
    missing: str = ""  # why a side was not measured

    def ratio_text(self) -> str:
        if self.ours is None or self.base is None:
            return "-"
        if self.target is not None and self.target.kind == "growth":
            return f"{self.ours.median - self.base.median:+.1f} {self.unit}"
        return f"{self.ours.median / self.base.median:.2f}x"


def verdict(result: Result) -> str:
    """"met" only when the pessimistic ends of both spreads meet the target, "NOT met" only
    when even the optimistic ends miss it; anything between is "within noise"."""
    if result.ours is None or result.base is None:
        return f"not measured: {result.missing}"
    target = result.target
    if target is None:
        return "-"
    if min(len(result.ours.values), len(result.base.values)) < MIN_SAMPLES:
        return f"too few samples (< {MIN_SAMPLES})"
    ours, base = result.ours, result.base
    if target.kind == "ratio":
        pessimistic, optimistic = ours.q3 / base.q1, ours.q1 / base.q3
        met, missed = pessimistic <= target.limit, optimistic > target.limit
    else:
        pessimistic, optimistic = ours.q3 - base.q1, ours.q1 - base.q3
        met, missed = pessimistic < target.limit, optimistic >= target.limit
    if met:
        return "met"
    return "NOT met" if missed else "within noise"


def not_measured(row: str, unit: str, target: Target | None, why: str) -> Result:
    return Result(row, unit, None, None, target, why)


# -- taking samples ---------------------------------------------------------------------------

Batch = Callable[[int], float]  # run ``loops`` calls, return seconds per call


def in_process(fn: Callable[[], object], clock: Callable[[], float] = time.process_time) -> Batch:
    """Batches of ``fn`` in this process, timed in CPU seconds by default: this process has
    no other threads while they run, and time the machine gives to others does not count."""

    def batch(loops: int) -> float:
        start = clock()
        for _ in range(loops):
            fn()
        return (clock() - start) / loops

    return batch


def calibrate(batch: Batch, seconds: float) -> int:
    """Calls per batch so that one batch takes about ``seconds`` (warms caches too)."""
    per_call = batch(1)
    per_call = batch(max(1, min(100_000, int(0.005 / max(per_call, 1e-9)))))
    return max(1, round(seconds / max(per_call, 1e-9)))


def in_turn(
    ours: Batch, base: Batch, samples: int, *, seconds: float = 0.0, loops: int = 0
) -> tuple[Spread, Spread]:
    """``samples`` batches per side, alternating which side goes first."""
    ours_loops = loops or calibrate(ours, seconds)
    base_loops = loops or calibrate(base, seconds)
    mine: list[float] = []
    theirs: list[float] = []
    gc.collect()
    for i in range(samples):
        if i % 2:
            theirs.append(base(base_loops))
            mine.append(ours(ours_loops))
        else:
            mine.append(ours(ours_loops))
            theirs.append(base(base_loops))
    return Spread(tuple(mine)), Spread(tuple(theirs))


def alone(batch: Batch, samples: int, seconds: float) -> Spread:
    """One side's samples, when the other side cannot be measured."""
    loops = calibrate(batch, seconds)
    return Spread(tuple(batch(loops) for _ in range(samples)))


def child_env() -> dict[str, str]:
    """Our interpreter's environment with the project importable from its checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def read_line(stream: IO[str], what: str, timeout: float = WAIT_SECONDS) -> str:
    """One line from a child process, or an error once ``timeout`` has passed."""
    ready, _, _ = select.select([stream], [], [], timeout)
    line = stream.readline() if ready else ""
    if not line:
        raise RuntimeError(f"{what} did not answer")
    return line


def probe(*args: str) -> dict[str, Any]:
    """Run ``probe.py`` in a fresh interpreter and return what it says about itself."""
    done = subprocess.run(
        [sys.executable, str(HERE / "probe.py"), *args],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=ROOT,
        timeout=WAIT_SECONDS,
    )
    if done.returncode != 0:
        raise RuntimeError(f"probe {args[0]} failed: {done.stderr.strip()[-400:]}")
    out: dict[str, Any] = json.loads(done.stdout)
    if out.get("vm_hwm_kib") is None:
        raise RuntimeError("the child could not read its own VmHWM (/proc/self/status)")
    return out


def stop(proc: subprocess.Popen[str]) -> None:
    """Close a child's standard input (its signal to finish); kill it if it lingers."""
    if proc.stdin is not None:
        proc.stdin.close()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def server_process(*args: str) -> Iterator[dict[str, Any]]:
    """``servers.py`` in its own process; yields the JSON line it prints when ready."""
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "servers.py"), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=ROOT,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        yield json.loads(read_line(proc.stdout, f"server {' '.join(args)}"))
    finally:
        stop(proc)


class OfficialWorker:
    """``official_worker.py`` running in the official client's interpreter."""

    def __init__(self, python: str) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        # Kept open for the worker's life and closed in close(): where its errors go.
        self._errors = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115
        self._proc = subprocess.Popen(
            [python, str(HERE / "official_worker.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            text=True,
            env=env,
            cwd=HERE,
        )
        try:
            self.info = self.ask({"op": "info"})
        except RuntimeError:
            self.close()
            self._errors.seek(0)
            lines = self._errors.read().strip().splitlines() or ["(no message)"]
            raise RuntimeError(lines[-1]) from None

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        try:
            self._proc.stdin.write(json.dumps(request) + "\n")
            self._proc.stdin.flush()
        except BrokenPipeError:
            raise RuntimeError("the official client's worker exited") from None
        answer: dict[str, Any] = json.loads(read_line(self._proc.stdout, "the official worker"))
        return answer

    def batch(self, case: str) -> Batch:
        def batch(loops: int) -> float:
            return float(self.ask({"op": "time", "case": case, "loops": loops})["seconds"])

        return batch

    def close(self) -> None:
        stop(self._proc)
        self._errors.close()


def default_official_python() -> Path:
    venv = os.environ.get("OFFICIAL_VENV") or str(
        Path.home() / ".cache" / "openmetadata-fluent" / "official-venv"
    )
    return Path(venv) / "bin" / "python"


@dataclass
class Context:
    """What rows share: sizes, the canned server, the official worker, notes for the reader."""

    sizes: Sizes
    official_python: str | None  # None: do not try the official client
    official_skip_reason: str = ""
    notes: list[str] = field(default_factory=list)
    stack: ExitStack = field(default_factory=ExitStack)
    _canned: str | None = None
    _official: OfficialWorker | str | None = None

    def canned_url(self) -> str:
        if self._canned is None:
            self._canned = self.stack.enter_context(server_process("canned"))["base_url"]
        return self._canned

    @property
    def official_status(self) -> OfficialWorker | str | None:
        """None when no row asked for the official client."""
        return self._official

    def official(self) -> OfficialWorker | str:
        """The worker, or why there is none."""
        if self._official is None:
            if self.official_python is None:
                self._official = self.official_skip_reason
            elif not Path(self.official_python).exists():
                self._official = (
                    f"{self.official_python} does not exist (make it with "
                    "benchmarks/official_venv.sh)"
                )
            else:
                try:
                    worker = OfficialWorker(self.official_python)
                except (RuntimeError, OSError) as exc:
                    self._official = f"its interpreter failed to start the worker: {exc}"
                else:
                    self.stack.callback(worker.close)
                    self._official = worker
                    info = worker.info
                    self.notes.append(
                        f"official client: openmetadata-ingestion {info['version']}, pydantic "
                        f"{info['pydantic']}, python {info['python']}, in its own interpreter"
                    )
        return self._official


# -- the row registry -------------------------------------------------------------------------

RowFn = Callable[[Context], list[Result]]
ROWS: list[tuple[str, RowFn]] = []


def row(key: str) -> Callable[[RowFn], RowFn]:
    """Register a group of rows under ``key`` (for ``--only``); they run in this order."""

    def register(fn: RowFn) -> RowFn:
        ROWS.append((key, fn))
        return fn

    return register


# -- build and serialize ----------------------------------------------------------------------


def seed_builder(builder: Any) -> Any:
    """The seeds' Kafka example set on a messaging-service builder."""
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


def to_bytes(body: Any) -> bytes:
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def build_model_bytes() -> bytes:
    """The public path: builder, ``build()``, ``to_dict()``, ``json.dumps``."""
    from openmetadata_fluent import MessagingServices

    return to_bytes(seed_builder(MessagingServices.builder()).build().to_dict())


def create_bytes_fn() -> tuple[Callable[[], bytes] | None, str]:
    """The bytes ``create()`` sends, made the way ``create()`` makes them (no model).

    The package has no public name for this step, so this is the one place the benchmark
    reaches inside; the row checks the result byte for byte against what ``create()``
    puts on the wire and says "not measured" when the internals have moved.
    """
    from openmetadata_fluent import MessagingServices

    try:
        from openmetadata_fluent.serialization import dumps
    except ImportError as exc:
        return None, f"no internal serializer to call ({exc})"
    if not callable(getattr(MessagingServices.builder(), "_check", None)):
        return None, "the builder has no internal _check() to call"

    def create_bytes() -> bytes:
        out: bytes = dumps(seed_builder(MessagingServices.builder())._check())
        return out

    return create_bytes, ""


def sent_by_create(ctx: Context) -> bytes:
    """The exact body ``create()`` sent to the canned server."""
    from openmetadata_fluent import OpenMetadataClient

    url = ctx.canned_url()
    with closing(OpenMetadataClient(url, token="bench-token")) as client:
        seed_builder(client.messaging_services.builder()).create()
    with urllib.request.urlopen(url.removesuffix("/api") + "/__last_body", timeout=10) as resp:
        body: bytes = resp.read()
    return body


@row("build")
def bench_build(ctx: Context) -> list[Result]:
    sizes = ctx.sizes
    if json.loads(build_model_bytes()) != SEED_REQUEST:
        raise AssertionError("build().to_dict() differs from the seeds' payload")
    floor = in_process(floor_request_bytes)
    ours, base = in_turn(
        in_process(build_model_bytes), floor, sizes.samples, seconds=sizes.batch_seconds
    )
    results = [
        Result(
            "build() + to_dict() + json.dumps vs dict + json.dumps",
            "us",
            ours.scaled(1e6),
            base.scaled(1e6),
            at_most(3),
        )
    ]

    label = "the same vs official client: pydantic build + model_dump_json"
    official = ctx.official()
    if isinstance(official, str):
        results.append(Result(label, "us", ours.scaled(1e6), None, times_faster(10), NO_OFFICIAL))
    else:
        theirs_json = json.loads(official.info["build"])
        differs = sorted(_differences(SEED_REQUEST, theirs_json))
        if differs:
            ctx.notes.append(
                "official build output differs from the seeds' payload at: " + ", ".join(differs)
            )
        mine, theirs = in_turn(
            in_process(build_model_bytes),
            official.batch("build"),
            sizes.samples,
            seconds=sizes.batch_seconds,
        )
        results.append(Result(label, "us", mine.scaled(1e6), theirs.scaled(1e6), times_faster(10)))
        here, there = in_turn(
            floor, official.batch("floor"), sizes.samples, seconds=sizes.batch_seconds
        )
        results.append(
            Result(
                "sanity: the floor here vs in the official interpreter",
                "us",
                here.scaled(1e6),
                there.scaled(1e6),
                None,
            )
        )

    label = "bytes create() sends (no model) vs dict + json.dumps"
    create_bytes, why = create_bytes_fn()
    if create_bytes is None:
        results.append(not_measured(label, "us", at_most(2.5), why))
    elif create_bytes() != sent_by_create(ctx):
        results.append(
            not_measured(label, "us", at_most(2.5), "the internal path no longer gives its bytes")
        )
    else:
        ours, base = in_turn(
            in_process(create_bytes), floor, sizes.samples, seconds=sizes.batch_seconds
        )
        results.append(Result(label, "us", ours.scaled(1e6), base.scaled(1e6), at_most(2.5)))
    return results


def _differences(expected: Any, got: Any, path: str = "") -> Iterator[str]:
    """Dotted paths where two JSON documents differ."""
    if isinstance(expected, dict) and isinstance(got, dict):
        for key in expected.keys() | got.keys():
            where = f"{path}.{key}" if path else key
            if key not in got:
                yield f"{where} (missing)"
            elif key not in expected:
                yield f"{where} (extra)"
            else:
                yield from _differences(expected[key], got[key], where)
    elif expected != got:
        yield path or "(root)"


# -- parse ------------------------------------------------------------------------------------


@row("parse")
def bench_parse(ctx: Context) -> list[Result]:
    from openmetadata_fluent import MessagingService

    sizes = ctx.sizes
    raw = response_bytes(unknown_fields=True)
    if MessagingService.from_dict(json.loads(raw)).to_dict() != json.loads(raw):
        raise AssertionError("the response with unknown fields does not survive a round trip")
    ours, base = in_turn(
        in_process(lambda: MessagingService.from_dict(json.loads(raw))),
        in_process(lambda: json.loads(raw)),
        sizes.samples,
        seconds=sizes.batch_seconds,
    )
    results = [
        Result(
            "parse entity with unknown fields: from_dict(json.loads) vs json.loads",
            "us",
            ours.scaled(1e6),
            base.scaled(1e6),
            at_most(2.5),
        )
    ]
    label = "parse (known fields) vs official MessagingService.model_validate"
    known = response_bytes(unknown_fields=False)

    def parse_known() -> object:
        return MessagingService.from_dict(json.loads(known))

    official = ctx.official()
    if isinstance(official, str):
        mine = alone(in_process(parse_known), sizes.samples, sizes.batch_seconds)
        results.append(Result(label, "us", mine.scaled(1e6), None, times_faster(10), NO_OFFICIAL))
    else:
        ctx.notes.append(
            "the official MessagingService with the newer fields: "
            f"{official.info['unknown_fields']}; so both sides of its row parse the "
            "response with known fields only"
        )
        mine, theirs = in_turn(
            in_process(parse_known),
            official.batch("parse"),
            sizes.samples,
            seconds=sizes.batch_seconds,
        )
        results.append(Result(label, "us", mine.scaled(1e6), theirs.scaled(1e6), times_faster(10)))
    return results


# -- client CPU per create() ------------------------------------------------------------------


@row("client")
def bench_client(ctx: Context) -> list[Result]:
    import requests

    from openmetadata_fluent import OpenMetadataClient

    sizes = ctx.sizes
    url = ctx.canned_url()
    body = sent_by_create(ctx)
    endpoint = url + "/v1/services/messagingServices"
    headers = {"Authorization": "Bearer bench-token", "Content-Type": "application/json"}
    client = OpenMetadataClient(url, token="bench-token")
    with closing(client), requests.Session() as session:
        builder = seed_builder(client.messaging_services.builder())

        def bare() -> object:
            resp = session.post(endpoint, data=body, headers=headers, timeout=(5.0, 30.0))
            resp.raise_for_status()
            return resp.json()

        builder.create(), bare()  # connect both before timing
        # The server is another process, so this process's CPU time is the client's alone.
        ours, base = in_turn(
            in_process(builder.create),
            in_process(bare),
            sizes.samples,
            loops=sizes.requests,
        )
    return [
        Result(
            "client CPU per create() vs bare requests.Session POST of the same bytes",
            "us",
            ours.scaled(1e6),
            base.scaled(1e6),
            at_most(1.0),
        )
    ]


# -- import -----------------------------------------------------------------------------------

IMPORT_OURS = "import openmetadata_fluent"
IMPORT_BASE = "import requests"
FIRST_USE_OURS = """\
import json
import openmetadata_fluent as om
client = om.OpenMetadataClient("http://127.0.0.1:8585/api", token="bench-token")
request = (
    client.messaging_services.builder()
    .name("sample_kafka")
    .service_type("Kafka")
    .connection(om.kafka_connection().bootstrap_servers("localhost:9092"))
    .build()
)
body = json.dumps(request.to_dict()).encode()
"""
FIRST_USE_BASE = """\
import json
import requests
session = requests.Session()
session.headers["Authorization"] = "Bearer bench-token"
payload = {
    "name": "sample_kafka",
    "serviceType": "Kafka",
    "connection": {"config": {"type": "Kafka", "bootstrapServers": "localhost:9092"}},
}
prepared = session.prepare_request(
    requests.Request(
        "POST",
        "http://127.0.0.1:8585/api/v1/services/messagingServices",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
)
"""


# The same first use carried through to the wire: both sides POST the seeds' request to the
# canned server. Ours loads requests at the first send, so this row shows the whole cost
# that the "built" row above leaves for later.
FIRST_SEND_OURS = """\
import openmetadata_fluent as om
client = om.OpenMetadataClient({url!r}, token="bench-token")
(
    client.messaging_services.builder()
    .name("sample_kafka")
    .service_type("Kafka")
    .connection(om.kafka_connection().bootstrap_servers("localhost:9092"))
    .create()
)
client.close()
"""
FIRST_SEND_BASE = """\
import json
import requests
session = requests.Session()
session.headers["Authorization"] = "Bearer bench-token"
payload = {{
    "name": "sample_kafka",
    "serviceType": "Kafka",
    "connection": {{"config": {{"type": "Kafka", "bootstrapServers": "localhost:9092"}}}},
}}
resp = session.post(
    {url!r} + "/v1/services/messagingServices",
    data=json.dumps(payload).encode(),
    headers={{"Content-Type": "application/json"}},
)
resp.raise_for_status()
resp.json()
session.close()
"""


def _fresh_pair(ours: str, base: str, count: int) -> tuple[Spread, Spread, Spread, Spread]:
    """CPU ms and peak RSS (MiB) of fresh interpreters running each side's code in turn."""
    probe("run", ours), probe("run", base)  # write bytecode caches first
    runs: dict[str, list[dict[str, Any]]] = {"ours": [], "base": []}
    for i in range(count):
        order = (("ours", ours), ("base", base)) if i % 2 == 0 else (("base", base), ("ours", ours))
        for side, code in order:
            runs[side].append(probe("run", code))

    def spread(side: str, key: str, scale: float) -> Spread:
        return Spread(tuple(float(r[key]) * scale for r in runs[side]))

    return (
        spread("ours", "cpu_seconds", 1e3),
        spread("base", "cpu_seconds", 1e3),
        spread("ours", "vm_hwm_kib", 1 / 1024),
        spread("base", "vm_hwm_kib", 1 / 1024),
    )


@row("import")
def bench_import(ctx: Context) -> list[Result]:
    count = ctx.sizes.imports
    t_ours, t_base, m_ours, m_base = _fresh_pair(IMPORT_OURS, IMPORT_BASE, count)
    u_ours, u_base, um_ours, um_base = _fresh_pair(FIRST_USE_OURS, FIRST_USE_BASE, count)
    results = [
        Result("import openmetadata_fluent vs import requests", "ms", t_ours, t_base, at_most(0.8)),
        Result("  its peak RSS (child's own VmHWM)", "MB", m_ours, m_base, None),
        Result(
            "import + client + first request built vs requests' first use",
            "ms",
            u_ours,
            u_base,
            at_most(1.3),
        ),
        Result("  its peak RSS (child's own VmHWM)", "MB", um_ours, um_base, None),
    ]
    url = ctx.canned_url()
    s_ours, s_base, _, _ = _fresh_pair(
        FIRST_SEND_OURS.format(url=url), FIRST_SEND_BASE.format(url=url), count
    )
    results.append(
        Result(
            "  the same through a first create() sent vs requests' first POST",
            "ms",
            s_ours,
            s_base,
            None,
        )
    )
    return results


# -- many upserts without a bulk route --------------------------------------------------------


def service_requests(count: int, prefix: str) -> list[Any]:
    """``count`` distinct small create requests, built before any timing."""
    from openmetadata_fluent import MessagingServices, kafka_connection

    return [
        MessagingServices.builder()
        .name(f"{prefix}{i}")
        .service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers("localhost:9092"))
        .build()
        for i in range(count)
    ]


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _all_succeeded(result: Any, count: int) -> None:
    if len(result.failed) or len(result.succeeded) != count:
        raise RuntimeError(f"bulk upsert: {len(result.failed)} of {count} failed")


def batches_in_turn(
    batches: int, ours: Callable[[int], float], base: Callable[[int], float]
) -> tuple[Spread, Spread]:
    """Run ``batches`` batches per side in turn; each function takes the batch number."""
    mine: list[float] = []
    theirs: list[float] = []
    for b in range(batches):
        if b % 2:
            theirs.append(base(b))
            mine.append(ours(b))
        else:
            mine.append(ours(b))
            theirs.append(base(b))
    return Spread(tuple(mine)), Spread(tuple(theirs))


@row("bulk")
def bench_bulk(ctx: Context) -> list[Result]:
    sizes = ctx.sizes
    per_batch = max(1, sizes.upserts // sizes.upsert_batches)
    return [_upserts_at(ctx, latency, per_batch) for latency in sizes.latencies_ms]


def _upserts_at(ctx: Context, latency: float, per_batch: int) -> Result:
    from openmetadata_fluent import OpenMetadataClient

    batches = ctx.sizes.upsert_batches
    args = ("fake", "--no-bulk", "--latency-ms", f"{latency:g}")
    with server_process(*args) as info:
        client = OpenMetadataClient(info["base_url"], token="bench-token")
        ctx.notes.append(
            f"bulk rows, {latency:g} ms: delay added by the {info['latency_by']}, "
            f"bulk route answered 404 by the {info['no_bulk_by']}"
        )
        ops = client.messaging_services

        def sequential(b: int) -> float:
            requests = service_requests(per_batch, f"seq_{b}_")
            return _timed(lambda: [ops.upsert(r) for r in requests]) / per_batch

        def eight_workers(b: int) -> float:
            requests = service_requests(per_batch, f"conc_{b}_")
            outcome: list[Any] = []
            seconds = _timed(lambda: outcome.append(ops.bulk_upsert(requests, max_workers=8)))
            _all_succeeded(outcome[0], per_batch)
            return seconds / per_batch

        with closing(client):
            ours, base = batches_in_turn(batches, eight_workers, sequential)
    return Result(
        f"{per_batch * batches} upserts, no bulk route, server {latency:g} ms: "
        "8 workers vs one by one",
        "ms/upsert",
        ours.scaled(1e3),
        base.scaled(1e3),
        times_faster(3),
    )


# -- memory while listing ---------------------------------------------------------------------


@row("list")
def bench_list(ctx: Context) -> list[Result]:
    sizes = ctx.sizes
    large, small, page = sizes.list_large, sizes.list_small, sizes.list_page
    runs: dict[int, list[float]] = {large: [], small: []}
    with server_process("fake", "--seed", str(large)) as info:
        for i in range(sizes.list_repeats):
            for count in (large, small) if i % 2 == 0 else (small, large):
                out = probe("list", info["base_url"], str(count), str(page))
                if out["count"] != count:
                    raise RuntimeError(f"listed {out['count']} services, expected {count}")
                runs[count].append(out["vm_hwm_kib"] / 1024)
    return [
        Result(
            f"list {large} services vs {small} (pages of {page}): peak RSS",
            "MB",
            Spread(tuple(runs[large])),
            Spread(tuple(runs[small])),
            Target("grows < 10 MB", "growth", 10.0),
        )
    ]


# -- topics (measured once the package has them) ----------------------------------------------

TOPICS_MISSING = "topics not implemented yet"


def topic_builder(name: str) -> Any:
    """The 20-field nested schema through the planned topic builders."""
    import openmetadata_fluent as om

    record, children = TOPIC_RECORD
    fields = [om.schema_field(n, t) for n, t in TOPIC_LEAVES]
    nested = [om.schema_field(n, t) for n, t in children]
    fields.append(om.schema_field(record, "RECORD").children(*nested))
    return (
        om.Topics.builder()
        .name(name)
        .service("svc")
        .partitions(1)
        .message_schema(om.message_schema().schema_type("Avro").fields(*fields))
    )


def topic_bytes() -> bytes:
    return to_bytes(topic_builder("orders").build().to_dict())


@row("topics")
def bench_topics(ctx: Context) -> list[Result]:
    import openmetadata_fluent

    build_row = "topic, 20-field nested schema: build + serialize vs dict + json.dumps"
    bulk_row = f"{ctx.sizes.upserts} topics: bulk route vs one by one"
    if not hasattr(openmetadata_fluent, "Topics"):
        return [
            not_measured(build_row, "us", at_most(3), TOPICS_MISSING),
            not_measured(bulk_row, "ms/topic", times_faster(10), TOPICS_MISSING),
        ]
    results = []
    try:
        if json.loads(topic_bytes()) != json.loads(floor_topic_bytes()):
            raise AssertionError("the built topic differs from the floor's payload")
        ours, base = in_turn(
            in_process(topic_bytes),
            in_process(floor_topic_bytes),
            ctx.sizes.samples,
            seconds=ctx.sizes.batch_seconds,
        )
        results.append(Result(build_row, "us", ours.scaled(1e6), base.scaled(1e6), at_most(3)))
    except Exception as exc:  # the planned API may still differ from what ships
        results.append(not_measured(build_row, "us", at_most(3), f"{type(exc).__name__}: {exc}"))
    try:
        results.append(_topics_bulk(ctx, bulk_row))
    except Exception as exc:
        results.append(
            not_measured(bulk_row, "ms/topic", times_faster(10), f"{type(exc).__name__}: {exc}")
        )
    return results


def _topics_bulk(ctx: Context, label: str) -> Result:
    from openmetadata_fluent import MessagingServices, OpenMetadataClient, kafka_connection

    sizes = ctx.sizes
    per_batch = max(1, sizes.upserts // sizes.upsert_batches)
    with server_process("fake") as info, closing(
        OpenMetadataClient(info["base_url"], token="bench-token")
    ) as client:
        client.messaging_services.upsert(
            MessagingServices.builder()
            .name("svc")
            .service_type("Kafka")
            .connection(kafka_connection().bootstrap_servers("localhost:9092"))
        )
        topics: Any = getattr(client, "topics")  # noqa: B009 (not in the package yet)

        def built(prefix: str) -> list[Any]:
            return [topic_builder(f"{prefix}{i}").build() for i in range(per_batch)]

        def sequential(b: int) -> float:
            requests = built(f"seq_{b}_")
            return _timed(lambda: [topics.upsert(r) for r in requests]) / per_batch

        def bulk(b: int) -> float:
            requests = built(f"bulk_{b}_")
            outcome: list[Any] = []
            seconds = _timed(lambda: outcome.append(topics.bulk_upsert(requests)))
            _all_succeeded(outcome[0], per_batch)
            return seconds / per_batch

        ours, base = batches_in_turn(sizes.upsert_batches, bulk, sequential)
    return Result(label, "ms/topic", ours.scaled(1e3), base.scaled(1e3), times_faster(10))


# -- the table --------------------------------------------------------------------------------

HEADER = ("row", "unit", "ours min / median / max", "baseline min / median / max", "ratio",
          "target", "verdict")


def _num(value: float) -> str:
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}"


def _cells(spread: Spread | None) -> str:
    if spread is None:
        return "-"
    return f"{_num(spread.low)} / {_num(spread.median)} / {_num(spread.high)}"


def table(results: list[Result]) -> str:
    lines = [HEADER]
    for r in results:
        base = _cells(r.base) if r.base is not None or r.ours is None else "not available"
        lines.append(
            (
                r.row,
                r.unit,
                _cells(r.ours),
                base,
                r.ratio_text(),
                r.target.text if r.target else "-",
                verdict(r),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    out = []
    for n, line in enumerate(lines):
        out.append(" | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


BASELINES = (
    "build: a dict literal + json.dumps of the seeds' request (the floor), in this process",
    "official: the official client (openmetadata-ingestion) building the same request from "
    "its pydantic classes and model_dump_json as its create_or_update sends it; parsing "
    "with MessagingService.model_validate; in its own interpreter, batches in turn with ours",
    "create()'s bytes: the builder checked and encoded exactly as create() does, no model; "
    "checked byte for byte against the body create() sent",
    "parse: json.loads of the same bytes (the seeds' response plus newer fields and a null)",
    "client: POST of the same bytes with a bare requests.Session + raise_for_status + "
    ".json(); process CPU time (the canned server is another process)",
    "import: `import requests` / requests' first use (Session + a prepared POST), CPU time "
    "inside fresh interpreters (start-up excluded), each side's own VmHWM",
    "bulk: the same number of upserts one by one; the offline server in its own process "
    "with an added delay per answer and no bulk route; requests built before timing",
    "list: fresh processes listing a smaller number of services; peak RSS is VmHWM",
    "topics: plain dicts + json.dumps of the same topic; topics upserted one by one",
)


def machine_line(sizes: Sizes, started: datetime.datetime, load: tuple[float, ...]) -> str:
    """When and where: results only compare as ratios, and load explains a wide spread."""
    run = "quick" if sizes is QUICK else "full"
    now = datetime.datetime.now(datetime.timezone.utc)
    minutes = (now - started).total_seconds() / 60
    return (
        f"{run} run, {started:%Y-%m-%d %H:%M} UTC, {minutes:.1f} min; python "
        f"{platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} cores; load average at start {load[0]:.2f}, "
        f"at end {os.getloadavg()[0]:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, a smoke test")
    parser.add_argument("--only", action="append", help="run only this row group (repeatable)")
    parser.add_argument(
        "--official-python",
        help="python of the official client's venv (default: $OFFICIAL_VENV/bin/python, "
        "else ~/.cache/openmetadata-fluent/official-venv/bin/python; a quick run uses it "
        "only when named here)",
    )
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    known = {key for key, _ in ROWS}
    for key in args.only or ():
        if key not in known:
            parser.error(f"unknown row group {key!r}; choose from {', '.join(sorted(known))}")
    if args.official_python is not None:
        official: str | None = args.official_python
    elif args.quick:
        official = None
    else:
        official = str(default_official_python())
    started, load = datetime.datetime.now(datetime.timezone.utc), os.getloadavg()
    ctx = Context(sizes, official, "a quick run (name --official-python to include it)")
    results: list[Result] = []
    with ctx.stack:
        for key, fn in ROWS:
            if args.only and key not in args.only:
                continue
            results.extend(fn(ctx))
    print(machine_line(sizes, started, load))
    cores = os.cpu_count() or 1
    if max(load[0], os.getloadavg()[0]) >= cores:
        print(
            f"warning: the machine was busy (load average >= {cores} cores); the wall-time "
            "rows (upserts) move with load, so compare them with a quiet run"
        )
    if isinstance(ctx.official_status, str):
        print(f"official client: not available: {ctx.official_status}")
    print(table(results))
    print("ratio = median ours / median baseline (lower is better); verdict 'met' needs our "
          "upper quartile vs the baseline's lower quartile to meet the target")
    for text in BASELINES:
        print(f"  baseline {text}")
    for note in ctx.notes:
        print(f"  note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
