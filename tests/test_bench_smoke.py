"""The benchmark script stays runnable: a quick run exits cleanly and prints its table.

Timings are never asserted; they depend on the machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


def test_quick_run_prints_the_ratio_table() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    header = next(line for line in done.stdout.splitlines() if line.startswith("row "))
    assert [cell.strip() for cell in header.split("|")] == [
        "row",
        "ours",
        "baseline",
        "ratio",
        "target",
        "met?",
    ]
    for number in ("1 ", "2 ", "3 ", "4 "):
        assert any(line.startswith(number) for line in done.stdout.splitlines()), number
