"""The ``openmetadata-fluent`` command, run as users run it: in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OPENMETADATA_")}
    clean["PYTHONPATH"] = str(ROOT)
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "openmetadata_fluent", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=clean,
        cwd=ROOT,
    )


def test_demo_runs_the_seed_example_offline_and_exits_zero() -> None:
    done = _run("demo")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "embedded offline server at http://127.0.0.1:" in out
    assert "POST /v1/services/messagingServices -> 201" in out
    assert "sample_kafka: version 0.1, change entityCreated" in out
    assert "change entityNoChange" in out
    assert "409 ENTITY_ALREADY_EXISTS" in out and "Entity already exists" in out
    # Changed deliberately: the embedded server has no bulk route for services, as current
    # servers; the SDK falls back to one PUT per item.
    assert "PUT /v1/services/messagingServices/bulk -> 405" in out
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
    assert "base_url must be an http(s) URL" in done.stderr


@pytest.mark.parametrize("argv", [[], ["nonsense"]])
def test_usage_errors_exit_non_zero(argv: list[str]) -> None:
    done = _run(*argv)
    assert done.returncode == 2
    assert "usage: openmetadata-fluent" in done.stderr


def test_serve_answers_http_and_stops_on_interrupt() -> None:
    import signal
    import socket

    import requests

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENMETADATA_")}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.Popen(
        [sys.executable, "-m", "openmetadata_fluent", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None
        banner = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/api" in banner
        resp = requests.get(
            f"http://127.0.0.1:{port}/api/v1/services/messagingServices",
            headers={"Authorization": "Bearer t"},
            timeout=10,
        )
        assert resp.status_code == 200
        assert resp.json() == {"data": [], "paging": {"total": 0}}
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
        assert proc.returncode == 0
        assert "stopped" in out
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
