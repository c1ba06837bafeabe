"""The benchmark script runs end to end; its timings are reported, never asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


def test_quick_benchmark_runs_and_prints_the_table() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    header = next(line for line in done.stdout.splitlines() if line.startswith("row "))
    columns = [cell.strip() for cell in header.split("|")]
    assert columns == ["row", "ours", "baseline", "ratio", "target", "met?"]
    for row in ("1 import time", "2 build+serialize", "3 parse response", "4 create()"):
        assert row in done.stdout
