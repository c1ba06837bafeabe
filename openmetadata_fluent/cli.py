"""The ``openmetadata-fluent`` command: a guided demo and the offline server.

``demo`` runs the API reference's example end to end (against an embedded fake unless a
server is named), so users can see the SDK work before they have a server. ``serve``
runs the fake for other tools to talk to. Standard library only (argparse).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from openmetadata_fluent.builders.service import MessagingServiceBuilder
from openmetadata_fluent.client import ENV_HOST, ENV_TOKEN, OpenMetadataClient
from openmetadata_fluent.errors import EntityAlreadyExistsError, OpenMetadataError
from openmetadata_fluent.models.messaging import MessagingService

__all__ = ["main"]

_DEMO_TOKEN = "demo-token"


class _RequestLines(logging.Handler):
    """Shows the transport's one-line request log (method, path, status; never headers)."""

    def __init__(self, out: TextIO) -> None:
        super().__init__(logging.DEBUG)
        self._out = out

    def emit(self, record: logging.LogRecord) -> None:
        print(f"    > {record.getMessage()}", file=self._out)


def _show(service: MessagingService, out: TextIO) -> None:
    change = service.change_type.value if service.change_type else "-"
    print(
        f"    {service.fully_qualified_name}: version {service.version}, change {change}, "
        f"updatedBy {service.updated_by}",
        file=out,
    )


def _demo_steps(client: OpenMetadataClient, out: TextIO) -> None:
    from openmetadata_fluent.builders.connections import kafka_connection

    ops = client.messaging_services

    def sample_kafka() -> MessagingServiceBuilder:
        return (
            ops.builder()
            .name("sample_kafka")
            .display_name("Sample Kafka")
            .service_type("Kafka")
            .description("Production Kafka messaging service")
            .connection(
                kafka_connection()
                .bootstrap_servers("localhost:9092")
                .security_protocol("PLAINTEXT")
                .schema_registry_topic_suffix_name("-value")
                .supports_metadata_extraction(True)
            )
        )

    print("1. create sample_kafka with the builder (POST)", file=out)
    try:
        _show(sample_kafka().create(), out)
    except EntityAlreadyExistsError:
        print("    already there (409); carrying on with the upsert", file=out)

    print("2. upsert sample_kafka (PUT): the server says what changed", file=out)
    _show(sample_kafka().upsert(), out)

    print("3. create sample_kafka again (POST): the server refuses a second one", file=out)
    try:
        sample_kafka().create()
    except EntityAlreadyExistsError as exc:
        print(f"    {exc}", file=out)
    else:
        raise OpenMetadataError("a second create of sample_kafka was accepted; expected 409")

    print("4. bulk upsert three services", file=out)
    items = [
        ops.builder()
        .name(f"demo_kafka_{i}")
        .service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers(f"broker{i}:9092"))
        for i in range(1, 4)
    ]
    result = ops.bulk_upsert(items)
    print(
        f"    status {result.status.value}: {result.number_of_rows_processed} processed, "
        f"{result.number_of_rows_passed} passed, {result.number_of_rows_failed} failed",
        file=out,
    )
    for failure in result.failed:
        print(f"    failed {failure.item.name}: {failure.message}", file=out)
    if not result.ok:
        raise OpenMetadataError("the bulk upsert did not store every service")


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    host = args.host or next((os.environ[k] for k in ENV_HOST if os.environ.get(k)), None)
    token = args.token or next((os.environ[k] for k in ENV_TOKEN if os.environ.get(k)), None)
    log = logging.getLogger("openmetadata_fluent")
    handler = _RequestLines(out)
    log.addHandler(handler)
    old_level = log.level
    log.setLevel(logging.DEBUG)
    try:
        if host:
            print(f"demo against {host}", file=out)
            with OpenMetadataClient(host, token) as client:
                _demo_steps(client, out)
        else:
            from openmetadata_fluent.testing import FakeOpenMetadata

            fake = FakeOpenMetadata()
            with fake.serve(port=0) as server:
                print(f"demo against an embedded offline server at {server.base_url}", file=out)
                with OpenMetadataClient(server.base_url, _DEMO_TOKEN, max_retries=0) as client:
                    _demo_steps(client, out)
    finally:
        log.removeHandler(handler)
        log.setLevel(old_level)
    print("demo finished: every step did what the server documents", file=out)
    return 0


def _serve(args: argparse.Namespace, out: TextIO) -> int:
    from openmetadata_fluent.testing import FakeOpenMetadata

    if args.latency_ms < 0:
        raise OSError("--latency-ms must be 0 or more")
    fake = FakeOpenMetadata(bulk_route=not args.no_bulk, latency=args.latency_ms / 1000)
    server = fake.serve(port=args.port, host=args.bind)
    print(f"offline OpenMetadata at {server.base_url} (any bearer token); Ctrl-C stops", file=out)
    out.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=out)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="openmetadata-fluent", description="OpenMetadata messaging services, fluently."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="run the create/upsert/409/bulk example")
    demo.add_argument("--host", help="server URL (default: $OPENMETADATA_HOST, else offline)")
    demo.add_argument("--token", help="JWT (default: $OPENMETADATA_JWT_TOKEN)")
    serve = commands.add_parser("serve", help="run the offline server until Ctrl-C")
    serve.add_argument("--port", type=int, default=8585)
    serve.add_argument("--bind", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--no-bulk", action="store_true", help="answer PUT /bulk with 405")
    serve.add_argument(
        "--latency-ms", type=float, default=0.0, help="wait this long before every answer"
    )
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (0 on success)."""
    stream = out or sys.stdout
    args = _parser().parse_args(argv)
    try:
        if args.command == "demo":
            return _demo(args, stream)
        return _serve(args, stream)
    except OpenMetadataError as exc:
        print(f"openmetadata-fluent {args.command} failed: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"openmetadata-fluent {args.command} failed: {exc}", file=sys.stderr)
        return 1
