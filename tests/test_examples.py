"""The scripts in examples/ run as a user would run them, against the embedded server."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENMETADATA_", "PYTEST_"))}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT
    )


def test_services_from_code_walks_the_whole_lifecycle() -> None:
    done = _run(str(EXAMPLES / "services_from_code.py"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("against an embedded offline server at http://127.0.0.1:")
    prefix = re.search(r"created (ofluent_example_[0-9a-f]{8})_orders: version 0.1", lines[1])
    assert prefix is not None, done.stdout
    name = prefix.group(1)
    assert lines[2:] == [
        f"created {name}_payments: version 0.1",
        f"read {name}_orders (Kafka): 'Order events'",
        f"updated {name}_orders: version 0.2",
        "    description now 'Order events, partitioned by customer'",
        f"listed 2 services named {name}_*: {name}_orders, {name}_payments",
        f"deleted {name}_orders",
        f"deleted {name}_payments",
        f"{name}_orders is gone (404)",
    ]


def test_bulk_load_stores_every_service_in_the_file() -> None:
    names = [
        s["name"] for s in json.loads((EXAMPLES / "services.json").read_text())["messagingServices"]
    ]
    done = _run(str(EXAMPLES / "bulk_load.py"))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert f"bulk upsert success: {len(names)} of {len(names)} stored" in out
    for name in names:
        assert f"    {name}: entityCreated" in out
    assert f"the server now has {len(names)} services: {', '.join(sorted(names))}" in out


def test_bulk_load_reports_every_problem_in_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"messagingServices": [{"name": "x", "serviceType": "Kafak"}]}))
    done = _run(str(EXAMPLES / "bulk_load.py"), str(bad))
    assert done.returncode == 1
    assert "items[0].serviceType: 'Kafak' is not one of" in done.stderr
    assert "items[0].connection: is required" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_fixture_examples_pass_under_pytest() -> None:
    done = _run("-m", "pytest", "-q", "-p", "no:cacheprovider", "examples/test_with_fixtures.py")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"^12 passed in ", done.stdout, re.M), done.stdout


def test_topics_from_code_creates_changes_and_cleans_up() -> None:
    done = _run(str(EXAMPLES / "topics_from_code.py"))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    found = re.search(r"created service (ofluent_example_[0-9a-f]{8})$", lines[1])
    assert found is not None, done.stdout
    name = found.group(1)
    assert lines[2:] == [
        f"created topic {name}.orders with fields {name}.orders.id, {name}.orders.amount",
        f"created topic {name}.audit (Java SDK style)",
        "listed audit, orders",
        "updated orders: version 0.2, 'Orders, keyed by customer'",
        f"deleted {name} with its topics",
    ]
