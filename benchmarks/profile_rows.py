"""Where the time of the build, parse and client rows goes: a stage split and a cProfile listing.

    python benchmarks/profile_rows.py [build|bytes|parse|client] [--top N]

``build`` first times each stage of the model path on its own (best of 5), so a missed
target can be traced to a stage before reading the profile. The stage split calls the
package's internals and is skipped, with a message, when they have moved.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import timeit
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench
from seeds import floor_request_bytes, response_bytes


def stages() -> None:
    try:
        from openmetadata_fluent import CreateMessagingServiceRequest, MessagingServices
        from openmetadata_fluent.builders._base import wire_value
        from openmetadata_fluent.serialization import dumps, structure
        from openmetadata_fluent.validation import check_create_request

        builder = bench.seed_builder(MessagingServices.builder())
        raw = wire_value(builder._body)
        body = check_create_request(raw).body
        request = CreateMessagingServiceRequest._from_checked(body)
        wire = request.to_dict()
    except (ImportError, AttributeError) as exc:
        print(f"  (no stage split: the internals it times have moved: {exc})")
        return
    steps: list[tuple[str, Callable[[], object]]] = [
        ("setters", lambda: bench.seed_builder(MessagingServices.builder())),
        ("wire_value", lambda: wire_value(builder._body)),
        ("check_create_request", lambda: check_create_request(raw)),
        ("request from its body", lambda: CreateMessagingServiceRequest._from_checked(body)),
        ("to_dict", request.to_dict),
        ("dumps", lambda: dumps(wire)),
        ("total (build row)", bench.build_model_bytes),
        ("floor (its baseline)", floor_request_bytes),
        # Not in the row: a built request structures its fields on the first read only.
        ("(first field read)", lambda: structure(body, CreateMessagingServiceRequest)),
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
    parser.add_argument("row", choices=["build", "bytes", "parse", "client"])
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    if args.row == "build":
        stages()
        profile(bench.build_model_bytes, 5000, args.top)
    elif args.row == "bytes":
        create_bytes, why = bench.create_bytes_fn()
        if create_bytes is None:
            print(f"not available: {why}")
            return 1
        profile(create_bytes, 5000, args.top)
    elif args.row == "parse":
        from openmetadata_fluent import MessagingService

        raw = response_bytes(unknown_fields=True)
        profile(lambda: MessagingService.from_dict(json.loads(raw)), 5000, args.top)
    else:
        from openmetadata_fluent import OpenMetadataClient

        with bench.server_process("canned") as info:
            client = OpenMetadataClient(info["base_url"], token="bench-token")
            with closing(client):
                builder = bench.seed_builder(client.messaging_services.builder())
                profile(builder.create, 300, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
