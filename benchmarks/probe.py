"""What a measured child process runs; it prints one JSON line about itself.

    python benchmarks/probe.py run CODE            # time to exec CODE, and own peak RSS
    python benchmarks/probe.py list URL COUNT PAGE # list COUNT services, and own peak RSS

Every memory figure comes from the child's own /proc/self/status (VmHWM), read at the end.
Only ``sys`` and ``time`` are imported before the measured code, so neither side of an
import row finds a module already loaded that the other had to load itself.
"""

from __future__ import annotations

import sys
import time


def own_peak_kib() -> int | None:
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    from seeds import vm_hwm_kib

    return vm_hwm_kib()


def run(code: str) -> dict[str, object]:
    """Time ``code`` (imports, first use) from inside, leaving interpreter start-up out:
    CPU time, which other load on the machine does not inflate, and wall time."""
    cpu, wall = time.process_time(), time.perf_counter()
    exec(compile(code, "<probe>", "exec"), {"__name__": "__probe__"})
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"cpu_seconds": cpu, "wall_seconds": wall, "vm_hwm_kib": own_peak_kib()}


def list_services(base_url: str, count: int, page: int) -> dict[str, object]:
    """Iterate ``count`` services page by page, keeping nothing, as a streaming caller would."""
    from openmetadata_fluent import OpenMetadataClient

    client = OpenMetadataClient(base_url, token="bench-token")
    seen = 0
    start = time.perf_counter()
    for _ in client.messaging_services.list(limit=page):
        seen += 1
        if seen == count:
            break
    seconds = time.perf_counter() - start
    client.close()
    return {"count": seen, "seconds": seconds, "vm_hwm_kib": own_peak_kib()}


def main(argv: list[str]) -> int:
    if argv[:1] == ["run"] and len(argv) == 2:
        out = run(argv[1])
    elif argv[:1] == ["list"] and len(argv) == 4:
        out = list_services(argv[1], int(argv[2]), int(argv[3]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    import json

    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
