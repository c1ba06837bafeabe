"""The benchmark runs end to end and its verdict rules hold; timings are never asserted."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from types import ModuleType

import pytest

import openmetadata_fluent

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", BENCHMARKS / "bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module
    spec.loader.exec_module(module)
    return module


bench = load_bench()


def test_quick_benchmark_prints_every_row_and_says_what_it_could_not_measure(
    tmp_path: Path,
) -> None:
    missing = str(tmp_path / "no-venv" / "bin" / "python")
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench.py"), "--quick", "--official-python", missing],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    header = next(line for line in lines if line.startswith("row "))
    assert [cell.strip() for cell in header.split("|")] == list(bench.HEADER)
    assert f"official client: not available: {missing} does not exist" in done.stdout
    rows = {line.split("|")[0].strip(): line for line in lines if line.count("|") == 6}
    for label in (
        "build() + to_dict() + json.dumps vs dict + json.dumps",
        "bytes create() sends (no model) vs dict + json.dumps",
        "parse entity with unknown fields: from_dict(json.loads) vs json.loads",
        "client CPU per create() vs bare requests.Session POST of the same bytes",
        "import openmetadata_fluent vs import requests",
        "import + client + first request built vs requests' first use",
        "40 upserts, no bulk route, server 2 ms: 8 workers vs one by one",
        "40 upserts, no bulk route, server 10 ms: 8 workers vs one by one",
        "list 500 services vs 50 (pages of 50): peak RSS",
    ):
        assert label in rows, label
        assert "not measured" not in rows[label], rows[label]
    for label in (
        "the same vs official client: pydantic build + model_dump_json",
        "parse (known fields) vs official MessagingService.model_validate",
    ):
        assert rows[label].rstrip().endswith("not measured: " + bench.NO_OFFICIAL)
    topic_rows = [line for label, line in rows.items() if label.startswith(("topic,", "40 topics"))]
    assert len(topic_rows) == 2
    if not hasattr(openmetadata_fluent, "Topics"):
        for line in topic_rows:
            assert line.rstrip().endswith("not measured: topics not implemented yet")


def test_a_child_reports_its_own_peak_memory_not_its_parents() -> None:
    from seeds import vm_hwm_kib  # importable once bench is loaded

    ballast = b"x" * (300 * 1024 * 1024)  # written, so resident in this (the parent) process
    parent_kib = vm_hwm_kib()
    child_kib = bench.probe("run", "pass")["vm_hwm_kib"]
    assert parent_kib is not None and parent_kib > 300 * 1024
    assert child_kib < parent_kib - 250 * 1024, (child_kib, parent_kib)
    del ballast


def result(ours: list[float], base: list[float], target: object) -> object:
    return bench.Result("r", "us", bench.Spread(tuple(ours)), bench.Spread(tuple(base)), target)


GROWTH = bench.Target("grows < 10", "growth", 10)


@pytest.mark.parametrize(
    ("ours", "base", "target", "expected"),
    [
        ([10, 10, 11, 10, 12], [40, 41, 40, 42, 40], bench.at_most(0.5), "met"),
        ([10, 11, 12, 10, 11], [10, 12, 11, 11, 10], bench.at_most(1.0), "within noise"),
        ([9, 10, 14, 9, 14], [10, 11, 10, 11, 10], bench.at_most(1.0), "within noise"),
        ([30, 31, 30, 31, 30], [10, 10, 11, 10, 10], bench.at_most(2.5), "NOT met"),
        ([1, 1, 1, 1, 1], [9, 9, 10, 11, 11], bench.times_faster(10), "within noise"),
        ([1, 1, 1, 1, 1], [12, 12, 13, 12, 12], bench.times_faster(10), "met"),
        ([1, 1, 1, 1], [40, 40, 40, 40], bench.at_most(3), "too few samples (< 5)"),
        ([80, 81, 80, 80, 81], [78, 78, 78, 79, 78], GROWTH, "met"),
        ([95, 95, 96, 95, 95], [78, 78, 78, 79, 78], GROWTH, "NOT met"),
        ([80, 95, 80, 95, 86], [78, 78, 78, 79, 78], GROWTH, "within noise"),
        ([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], None, "-"),
    ],
)
def test_met_only_beyond_the_spread(
    ours: list[float], base: list[float], target: object, expected: str
) -> None:
    assert bench.verdict(result(ours, base, target)) == expected


def test_a_row_without_a_side_says_why() -> None:
    row = bench.not_measured("r", "us", bench.at_most(3), "topics not implemented yet")
    assert bench.verdict(row) == "not measured: topics not implemented yet"


def test_the_proxy_adds_the_delay_and_hides_the_bulk_route_when_the_fake_cannot() -> None:
    with bench.server_process("fake", "--no-bulk", "--latency-ms", "1", "--proxy") as info:
        assert (info["latency_by"], info["no_bulk_by"]) == ("proxy", "proxy")
        request = urllib.request.Request(
            info["base_url"] + "/v1/services/messagingServices/bulk", data=b"[]", method="PUT"
        )
        with pytest.raises(urllib.error.HTTPError) as hidden:
            urllib.request.urlopen(request, timeout=10)
        assert hidden.value.code == 404
        client = openmetadata_fluent.OpenMetadataClient(info["base_url"], token="bench-token")
        try:
            outcome = client.messaging_services.bulk_upsert(
                bench.service_requests(3, "proxied_"), max_workers=2
            )
            listed = [s.name for s in client.messaging_services.list(limit=10)]
        finally:
            client.close()
    assert len(outcome.succeeded) == 3 and not outcome.failed
    assert sorted(listed) == ["proxied_0", "proxied_1", "proxied_2"]
