"""The ``openmetadata-fluent`` command, run as users run it: in a subprocess."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import requests

from openmetadata_fluent import __version__, cli
from openmetadata_fluent.testing import FakeOpenMetadata, RecordedRequest
from tests.conftest import SEEDS_PAYLOAD

ROOT = Path(__file__).resolve().parents[1]
COLLECTION = "/v1/services/messagingServices"
CLI_TOKEN = "cli-token"
ORDERS = {**SEEDS_PAYLOAD, "name": "orders", "description": "Not the demo's"}


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OPENMETADATA_")}
    clean["PYTHONPATH"] = str(ROOT)
    clean.update(extra or {})
    return clean


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "openmetadata_fluent", *args]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(*args), capture_output=True, text=True, timeout=120, env=_env(env), cwd=ROOT
    )


def test_demo_runs_the_seed_example_offline_and_exits_zero() -> None:
    done = _run("demo")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "embedded offline server at http://127.0.0.1:" in out
    assert "/api/v1/services/messagingServices -> 201" in out
    assert "sample_kafka: version 0.1, change entityCreated" in out
    assert "sample_kafka.address_book: 1 partition(s), Avro, fields id, address" in out
    assert "sample_kafka.orders: 3 partition(s)" in out
    assert "change entityNoChange" in out
    assert "409 ENTITY_ALREADY_EXISTS" in out and "Entity already exists" in out
    # The embedded server has no bulk route for services, as current servers; the SDK
    # falls back to one PUT per item.
    assert "/api/v1/services/messagingServices/bulk -> 405" in out
    assert "status success: 3 processed, 3 passed, 0 failed" in out


def test_demo_never_prints_the_token() -> None:
    done = _run("demo", "--host", "http://127.0.0.1:9/api", "--token", "s3cret-jwt-value")
    assert "s3cret-jwt-value" not in done.stdout + done.stderr


def test_demo_against_an_unreachable_host_fails_with_a_clear_message() -> None:
    done = _run("demo", env={"OPENMETADATA_HOST": "http://127.0.0.1:9/api"})
    assert done.returncode == 1
    assert "demo failed" in done.stderr and "could not connect" in done.stderr


def test_demo_with_a_bad_host_url_is_a_configuration_error() -> None:
    done = _run("demo", "--host", "not-a-url")
    assert done.returncode == 1
    assert "must be an http(s) URL" in done.stderr and "not-a-url" in done.stderr


@pytest.mark.parametrize("argv", [[], ["nonsense"]])
def test_usage_errors_exit_non_zero(argv: list[str]) -> None:
    done = _run(*argv)
    assert done.returncode == 2
    assert "usage: openmetadata-fluent" in done.stderr


def test_version_flag_prints_the_package_version() -> None:
    done = _run("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"openmetadata-fluent {__version__}\n"


# -- the demo against a server -------------------------------------------------------------


def _from_cli(fake: FakeOpenMetadata) -> list[RecordedRequest]:
    """What the command sent (the test's own reads use another token)."""
    return [r for r in fake.requests if r.headers.get("authorization") == f"Bearer {CLI_TOKEN}"]


def _stored(fake: FakeOpenMetadata) -> dict[str, dict[str, Any]]:
    """Every service on the fake, soft-deleted ones too, as wire JSON."""
    listed = fake.client().messaging_services.list(include="all")
    return {s.name: s.to_dict() for s in listed}


def _bodies(request: RecordedRequest) -> list[dict[str, Any]]:
    return request.json if isinstance(request.json, list) else [request.json]


class Seeded:
    """An HTTP fake holding one service that is not the demo's, as it was at the start."""

    def __init__(self, fake: FakeOpenMetadata) -> None:
        self.fake = fake
        fake.seed(ORDERS)
        self.before = _stored(fake)
        self.url = fake.base_url

    def assert_as_before(self) -> None:
        """Nothing but the seeded service is stored, soft-deleted or not, and it is unchanged."""
        assert _stored(self.fake) == self.before


@pytest.fixture
def seeded(openmetadata_http_fake: FakeOpenMetadata) -> Seeded:
    return Seeded(openmetadata_http_fake)


@contextmanager
def _spawned(*args: str) -> Iterator[subprocess.Popen[str]]:
    """The command in a subprocess, killed at the end if it is still running."""
    proc = subprocess.Popen(
        _command(*args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        cwd=ROOT,
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_demo_against_a_server_only_reads_without_yes(seeded: Seeded) -> None:
    done = _run("demo", "--host", seeded.url, "--token", CLI_TOKEN)
    assert done.returncode == 0, done.stderr
    sent = _from_cli(seeded.fake)
    assert sent and {r.method for r in sent} == {"GET"}
    assert "reading only" in done.stdout
    assert "1 messaging services on the server; first ones: orders" in done.stdout
    assert "nothing was written. Run again with --yes" in done.stdout
    seeded.assert_as_before()


@pytest.mark.openmetadata_fake(bulk_route=False)  # like current servers
def test_demo_with_yes_creates_its_own_services_and_hard_deletes_them(seeded: Seeded) -> None:
    done = _run("demo", "--host", seeded.url, "--token", CLI_TOKEN, "--yes")
    assert done.returncode == 0, done.stderr
    assert "demo finished" in done.stdout
    sent = _from_cli(seeded.fake)
    posts = [r for r in sent if r.method == "POST"]
    created = {r.json["name"] for r in posts if r.path.endswith("/messagingServices")}
    topics = [r.json for r in posts if r.path.endswith("/v1/topics")]
    assert len(created) == 4
    assert all(re.fullmatch(r"ofluent_demo_[0-9a-f]{8}(_[1-3])?", n) for n in created)
    # Its two topics live under its own main service, one with an Avro schema.
    assert {t["name"] for t in topics} == {"orders", "address_book"}
    assert {t["service"] for t in topics} <= created
    assert [t["messageSchema"]["schemaType"] for t in topics if "messageSchema" in t] == ["Avro"]
    # Every write names one of the demo's own services; nothing is patched.
    assert "PATCH" not in {r.method for r in sent}
    for r in sent:
        if r.method in ("POST", "PUT") and not r.path.endswith("/v1/topics"):
            assert {b["name"] for b in _bodies(r)} <= created
    deletes = [r for r in sent if r.method == "DELETE"]
    assert {r.path.rsplit("/", 1)[1] for r in deletes} == created
    assert all(r.query["hardDelete"] == ["true"] for r in deletes)
    assert all(r.query["recursive"] == ["true"] for r in deletes)
    # Nothing of the demo's is left: its topics went with their service.
    assert seeded.fake.client().topics.list(include="all").execute().data == []
    seeded.assert_as_before()


def test_demo_with_yes_cleans_up_after_a_failed_step(seeded: Seeded) -> None:
    seeded.fake.fail_next(COLLECTION + "/bulk", status=500)
    done = _run("demo", "--host", seeded.url, "--token", CLI_TOKEN, "--yes")
    assert done.returncode == 1
    assert "demo failed" in done.stderr and "Traceback" not in done.stderr
    assert "hard-delete what the demo created" in done.stdout
    seeded.assert_as_before()


def test_demo_with_yes_cleans_up_when_interrupted(seeded: Seeded) -> None:
    fake = seeded.fake
    fake.fail_next(COLLECTION + "/bulk", delay=10)  # the bulk step hangs; Ctrl-C it
    with _spawned("demo", "--host", seeded.url, "--token", CLI_TOKEN, "--yes") as proc:
        deadline = time.monotonic() + 60
        while not any(r.path.endswith("/bulk") for r in fake.requests):
            assert proc.poll() is None and time.monotonic() < deadline, "never reached bulk"
            time.sleep(0.02)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    assert "hard-delete what the demo created" in out
    seeded.assert_as_before()


@pytest.mark.parametrize("soft_deleted", [False, True])
def test_demo_with_yes_stops_before_writing_when_a_name_is_taken(
    seeded: Seeded,
    soft_deleted: bool,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(cli.secrets, "token_hex", lambda _: "deadbeef")
    seeded.fake.seed({**ORDERS, "name": "ofluent_demo_deadbeef_2"})
    if soft_deleted:  # its name is still taken: a create would get 409
        seeded.fake.client().messaging_services.delete_by_name("ofluent_demo_deadbeef_2").execute()
    before = _stored(seeded.fake)
    argv = ["demo", "--host", seeded.url, "--token", CLI_TOKEN, "--yes"]
    assert cli.main(argv, out=io.StringIO()) == 1
    assert "ofluent_demo_deadbeef_2 already exists" in capsys.readouterr().err
    assert {r.method for r in _from_cli(seeded.fake)} == {"GET"}
    assert _stored(seeded.fake) == before


# -- serve -----------------------------------------------------------------------------------


@contextmanager
def _serving(*args: str) -> Iterator[tuple[str, list[str]]]:
    """``serve`` in a subprocess: yields its base URL and the lines it printed before it."""
    with _spawned("serve", "--port", "0", *args) as proc:
        assert proc.stdout is not None
        lines: list[str] = []
        while not (lines and "Ctrl-C stops" in lines[-1]):
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else "serve exited"
            lines.append(line)
        found = re.search(r"(http://127\.0\.0\.1:\d+/api)", lines[-1])
        assert found is not None
        yield found.group(1), lines[:-1]
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == 0
        assert "stopped" in out


def _names(base_url: str) -> list[str]:
    resp = requests.get(base_url + COLLECTION, headers={"Authorization": "Bearer t"}, timeout=10)
    assert resp.status_code == 200
    return [s["name"] for s in resp.json()["data"]]


def test_serve_answers_http_and_stops_on_interrupt() -> None:
    with _serving() as (base_url, before):
        assert before == []
        assert _names(base_url) == []


def test_serve_seeds_services_from_a_file() -> None:
    seed = ROOT / "examples" / "services.json"
    in_file = [s["name"] for s in json.loads(seed.read_text())["messagingServices"]]
    with _serving("--seed", str(seed)) as (base_url, before):
        listed = ", ".join(in_file)
        assert before == [f"preloaded {len(in_file)} messaging services from {seed}: {listed}\n"]
        assert _names(base_url) == sorted(in_file)


def test_serve_seeds_topics_under_the_seeded_services(tmp_path: Path) -> None:
    seed = tmp_path / "topics.json"
    topic = {"name": "orders", "service": "sample_kafka", "partitions": 1}
    seed.write_text(json.dumps({"messagingServices": [SEEDS_PAYLOAD], "topics": [topic]}))
    with _serving("--seed", str(seed)) as (base_url, before):
        assert before[-1] == "preloaded 1 topics\n"
        auth = {"Authorization": "Bearer t"}
        listed = requests.get(f"{base_url}/v1/topics", headers=auth, timeout=10).json()
        assert [t["fullyQualifiedName"] for t in listed["data"]] == ["sample_kafka.orders"]


def test_serve_seed_accepts_a_plain_list(tmp_path: Path) -> None:
    seed = tmp_path / "list.json"
    seed.write_text(json.dumps([{**SEEDS_PAYLOAD, "name": "from_a_list"}]))
    with _serving("--seed", str(seed)) as (base_url, _):
        assert _names(base_url) == ["from_a_list"]


BAD_SEEDS = [
    ("[", "is not valid JSON: Expecting value"),
    # Topics are stored through the server's own create: its 400 and 404 wording shows.
    ('{"topics": [{"name": "t"}]}', "topics[0] (t): the server would refuse it: ["),
    (
        '{"topics": [{"name": "t", "service": "nope", "partitions": 1}]}',
        "topics[0] (t): the server would refuse it: messagingService instance for nope not found",
    ),
    ('{"topics": {}}', '"topics" must be a list, not dict'),
    ('{"messagingService": []}', "unknown key(s) 'messagingService'"),
    ('{"messagingServices": {}}', "expected a list of messaging services"),
    ("[1]", "item 0 must be an object, not int"),
    (
        json.dumps({"messagingServices": [{**SEEDS_PAYLOAD, "serviceType": "Kafak"}]}),
        "messagingServices[0] (sample_kafka): invalid messaging service: 1 problem\n"
        "  - serviceType: 'Kafak' is not one of",
    ),
    (
        json.dumps([SEEDS_PAYLOAD, {**SEEDS_PAYLOAD, "description": "again"}]),
        "item 1 (sample_kafka): the name 'sample_kafka' is also used by item 0",
    ),
    (b"\xff\xfe[]", "is not valid JSON"),
]


@pytest.mark.parametrize(("content", "problem"), BAD_SEEDS)
def test_serve_refuses_a_bad_seed_file_clearly(
    tmp_path: Path, content: str | bytes, problem: str
) -> None:
    seed = tmp_path / "seed.json"
    if isinstance(content, bytes):
        seed.write_bytes(content)
    else:
        seed.write_text(content)
    done = _run("serve", "--port", "0", "--seed", str(seed))
    assert done.returncode == 2
    assert done.stderr.startswith(f"openmetadata-fluent serve: {seed}")
    assert problem in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_serve_names_a_missing_seed_file(tmp_path: Path) -> None:
    done = _run("serve", "--seed", str(tmp_path / "missing.json"))
    assert done.returncode == 2
    assert f"cannot read {tmp_path / 'missing.json'}: No such file" in done.stderr


def test_serve_refuses_negative_latency_as_a_usage_error() -> None:
    done = _run("serve", "--latency-ms", "-5")
    assert done.returncode == 2
    assert "--latency-ms: must be 0 or more" in done.stderr


@pytest.mark.parametrize(
    ("flags", "services", "topics"),
    [((), 405, 200), (("--bulk",), 200, 200), (("--no-bulk",), 405, 405)],
)
def test_serve_has_the_bulk_routes_current_servers_have_unless_told(
    flags: tuple[str, ...], services: int, topics: int
) -> None:
    # API_FACTS "Endpoints": no PUT .../bulk for messaging services; topics have one.
    auth = {"Authorization": "Bearer t"}
    with _serving(*flags) as (base_url, _):
        svc = requests.put(f"{base_url}{COLLECTION}/bulk", json=[], headers=auth, timeout=10)
        top = requests.put(f"{base_url}/v1/topics/bulk", json=[], headers=auth, timeout=10)
    assert (svc.status_code, top.status_code) == (services, topics)
