"""Where the time of benchmark rows 2-4 goes: a per-stage split and a cProfile listing.

    python benchmarks/profile_rows.py [build|parse|client] [--top N]

The stage split times each step of ``build_and_serialize`` on its own (best of 5), so a
missed target can be traced to a stage before reading the profile.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import timeit
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench


def stages() -> None:
    from openmetadata_fluent import CreateMessagingServiceRequest, MessagingServices
    from openmetadata_fluent.builders._base import wire_value
    from openmetadata_fluent.serialization import dumps, structure
    from openmetadata_fluent.validation import check_create_request

    builder = bench.seed_builder(MessagingServices.builder())
    raw = wire_value(builder._body)
    body = check_create_request(raw).body
    request = structure(body, CreateMessagingServiceRequest)
    wire = request.to_dict()
    steps: list[tuple[str, Callable[[], object]]] = [
        ("setters", lambda: bench.seed_builder(MessagingServices.builder())),
        ("wire_value", lambda: wire_value(builder._body)),
        ("check_create_request", lambda: check_create_request(raw)),
        ("structure", lambda: structure(body, CreateMessagingServiceRequest)),
        ("to_dict", request.to_dict),
        ("dumps", lambda: dumps(wire)),
        ("total (row 2)", bench.build_and_serialize),
        ("floor (row 2 baseline)", bench.hand_written_dumps),
    ]
    for name, fn in steps:
        best = min(timeit.repeat(fn, number=20000, repeat=5)) / 20000
        print(f"  {name:24s} {best * 1e6:6.2f} us")


def profile(fn: Callable[[], object], calls: int, top: int) -> None:
    fn()
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(calls):
        fn()
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("row", choices=["build", "parse", "client"])
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    if args.row == "build":
        stages()
        profile(bench.build_and_serialize, 5000, args.top)
    elif args.row == "parse":
        from openmetadata_fluent import MessagingService

        raw = json.dumps(bench.seed_response_with_unknowns()).encode("utf-8")
        profile(lambda: MessagingService.from_dict(json.loads(raw)), 5000, args.top)
    else:
        from openmetadata_fluent import OpenMetadataClient

        with bench.seed_server() as base_url:
            client = OpenMetadataClient(base_url, token="bench-token")
            profile(bench.seed_builder(client.messaging_services.builder()).create, 300, args.top)
            client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
