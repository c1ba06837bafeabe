"""The ``openmetadata-fluent`` command: a guided demo and the offline server.

``demo`` runs the API reference's example end to end against an embedded offline server,
so users can see the SDK work before they have a server. Pointed at a real server it only
reads until ``--yes`` is given, and then works on services of its own, named so no one
else uses them, which it hard-deletes at the end whatever happens. ``serve`` runs the fake
for other tools to talk to, optionally preloaded from a JSON file. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from openmetadata_fluent import (
    CreateMessagingServiceRequest,
    MessagingService,
    MessagingServiceBuilder,
    OpenMetadataClient,
    Topic,
    __version__,
    kafka_connection,
    message_schema,
    schema_field,
)
from openmetadata_fluent.client import ENV_HOST, ENV_TOKEN
from openmetadata_fluent.errors import (
    EntityAlreadyExistsError,
    NotFoundError,
    OpenMetadataError,
    ValidationError,
)

if TYPE_CHECKING:
    from openmetadata_fluent.testing import FakeOpenMetadata

__all__ = ["DEMO_PREFIX", "main"]

DEMO_PREFIX = "ofluent_demo_"
"""Every service the demo creates on a real server is named with this prefix."""

_DEMO_TOKEN = "demo-token"
_EXIT_INTERRUPTED = 130
_EXIT_BAD_INPUT = 2
_SEED_KEYS = ("messagingServices", "topics")
_SEED_AUTH = {"Authorization": "Bearer seed"}  # the offline server takes any token


class _BadInput(Exception):
    """Input the command refuses (a bad seed file): exit code 2, message, no traceback."""


class _RequestLines(logging.Handler):
    """Shows the transport's one-line request log (method, path, status; never headers)."""

    def __init__(self, out: TextIO) -> None:
        super().__init__(logging.DEBUG)
        self._out = out

    def emit(self, record: logging.LogRecord) -> None:
        print(f"    > {record.getMessage()}", file=self._out)


@contextmanager
def _show_requests(out: TextIO) -> Iterator[None]:
    log = logging.getLogger("openmetadata_fluent")
    handler = _RequestLines(out)
    old_level = log.level
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.setLevel(old_level)


# -- demo --------------------------------------------------------------------------------


class _Demo:
    """The demo's names and what it has written, so it can undo exactly that.

    A name is only ever written after a read showed it free, and a name the server
    refused as taken is never touched again; so everything in ``attempted`` and not in
    ``refused`` is the demo's own, including a create whose answer never came.
    """

    def __init__(self, main_name: str, batch_names: Sequence[str]) -> None:
        self.main = main_name
        self.batch = tuple(batch_names)
        self.attempted: list[str] = []
        self.refused: set[str] = set()

    @classmethod
    def offline(cls) -> _Demo:
        """The API reference's own names; the embedded server starts empty."""
        return cls("sample_kafka", [f"demo_kafka_{i}" for i in range(1, 4)])

    @classmethod
    def fresh(cls) -> _Demo:
        """Names no one else uses: the prefix plus a random suffix."""
        base = DEMO_PREFIX + secrets.token_hex(4)
        return cls(base, [f"{base}_{i}" for i in range(1, 4)])

    @property
    def names(self) -> tuple[str, ...]:
        return (self.main, *self.batch)

    def own(self) -> list[str]:
        return [n for n in dict.fromkeys(self.attempted) if n not in self.refused]

    def plan(self) -> list[str]:
        batch = ", ".join(self.batch)
        return [
            f"check that {', '.join(self.names)} are free (GET -> 404)",
            f"create {self.main} with the builder (POST)",
            f"create two topics under {self.main}, one with an Avro schema (POST /v1/topics)",
            f"upsert {self.main} (PUT): the server says what changed",
            f"create {self.main} again (POST): the server refuses a second one (409)",
            f"create {batch} in one batch (POST each)",
            f"bulk upsert {batch} with a new description (PUT)",
            "hard-delete every service created above with its topics (also if a step fails "
            "or is interrupted)",
        ]


def _show(service: MessagingService, out: TextIO) -> None:
    change = service.change_type.value if service.change_type else "-"
    print(
        f"    {service.fully_qualified_name}: version {service.version}, change {change}, "
        f"updatedBy {service.updated_by}",
        file=out,
    )


def _kafka(client: OpenMetadataClient, name: str, description: str) -> MessagingServiceBuilder:
    return (
        client.messaging_services.builder()
        .name(name)
        .display_name(name.replace("_", " ").title())
        .service_type("Kafka")
        .description(description)
        .connection(
            kafka_connection()
            .bootstrap_servers("localhost:9092")
            .security_protocol("PLAINTEXT")
            .schema_registry_topic_suffix_name("-value")
            .supports_metadata_extraction(True)
        )
    )


_AVRO = json.dumps(
    {
        "type": "record",
        "name": "AddressBook",
        "fields": [
            {"name": "id", "type": "int"},
            {
                "name": "address",
                "type": {"type": "record", "name": "Address",
                         "fields": [{"name": "street", "type": "string"}]},
            },
        ],
    }
)


def _topics(client: OpenMetadataClient, service: str) -> list[Topic]:
    """The API reference's two topics: one plain, one with a nested Avro schema."""
    plain = (
        client.topics.builder()
        .name("orders")
        .service(service)
        .description("Order events")
        .partitions(3)
        .cleanup_policies(["delete"])
        .replication_factor(1)
    )
    avro = (
        client.topics.builder()
        .name("address_book")
        .display_name("Address Book")
        .service(service)
        .description("All Protobuf record related events gets captured in this topic")
        .partitions(1)
        .retention_time(604800000.0)
        .message_schema(
            message_schema()
            .schema_type("Avro")
            .schema_text(_AVRO)
            .fields(
                schema_field("id", "INT"),
                schema_field("address", "RECORD").children(schema_field("street", "STRING")),
            )
        )
    )
    return [plain.create(), avro.create()]


def _check_free(client: OpenMetadataClient, demo: _Demo, out: TextIO) -> None:
    """Stop unless every name is unused, soft-deleted services included (their names are
    taken too: a create would get 409)."""
    for name in demo.names:
        try:
            client.messaging_services.retrieve_by_name(name, include="all")
        except NotFoundError:
            continue
        raise OpenMetadataError(
            f"a service named {name} already exists; the demo never touches services it did "
            "not create, so it stops here (nothing was written)"
        )
    print("    all free", file=out)


def _demo_steps(client: OpenMetadataClient, demo: _Demo, out: TextIO) -> None:
    ops = client.messaging_services
    step = iter(enumerate(demo.plan(), start=1))

    def heading() -> None:
        number, text = next(step)
        print(f"{number}. {text}", file=out)

    def create(builder: MessagingServiceBuilder) -> MessagingService:
        name = builder.build().name
        demo.attempted.append(name)
        try:
            return builder.create()
        except EntityAlreadyExistsError:
            demo.refused.add(name)
            raise

    heading()
    _check_free(client, demo, out)
    heading()
    _show(create(_kafka(client, demo.main, "Production Kafka messaging service")), out)
    heading()
    for topic in _topics(client, demo.main):
        schema = topic.message_schema
        fields = [f.name for f in (schema.schema_fields or ())] if schema else []
        kind = schema.schema_type.value if schema and schema.schema_type else "no schema"
        print(
            f"    {topic.fully_qualified_name}: {topic.partitions} partition(s), {kind}"
            + (f", fields {', '.join(fields)}" if fields else ""),
            file=out,
        )
    heading()
    _show(_kafka(client, demo.main, "Production Kafka messaging service").upsert(), out)
    heading()
    try:
        _kafka(client, demo.main, "Production Kafka messaging service").create()
    except EntityAlreadyExistsError as exc:
        print(f"    {exc}", file=out)
    else:
        raise OpenMetadataError(f"a second create of {demo.main} was accepted; expected 409")

    heading()
    demo.attempted.extend(demo.batch)
    created = ops.create_batch([_kafka(client, n, "Demo broker") for n in demo.batch])
    _report(created, out)
    demo.refused.update(f.item.name for f in created.failed if f.status == 409)
    heading()
    mine = {s.item.name for s in created.succeeded}
    result = ops.bulk_upsert([_kafka(client, n, "Demo broker, updated") for n in sorted(mine)])
    _report(result, out)
    if not (created.ok and result.ok):
        raise OpenMetadataError("the batch did not store every service")


def _report(result: Any, out: TextIO) -> None:
    print(
        f"    status {result.status.value}: {result.number_of_rows_processed} processed, "
        f"{result.number_of_rows_passed} passed, {result.number_of_rows_failed} failed",
        file=out,
    )
    for failure in result.failed:
        print(f"    failed {failure.item.name}: {failure.message}", file=out)


def _clean_up(client: OpenMetadataClient, demo: _Demo, out: TextIO) -> list[str]:
    """Hard-delete every service the demo may have created; returns the ones left behind."""
    own = demo.own()
    number = len(demo.plan())
    print(f"{number}. hard-delete what the demo created: {', '.join(own) or '-'}", file=out)
    left: list[str] = []
    for position, name in enumerate(own):
        try:
            client.messaging_services.delete_by_name(name).hard_delete().recursive().execute()
        except NotFoundError:
            pass  # its create never reached the server
        except OpenMetadataError as exc:
            print(f"    could not delete {name}: {exc}", file=out)
            left.append(name)
        except BaseException:
            print(f"    interrupted; left behind: {', '.join(own[position:])}", file=out)
            raise
    return left


def _demo_against(client: OpenMetadataClient, demo: _Demo, out: TextIO) -> None:
    try:
        _demo_steps(client, demo, out)
    finally:
        left = _clean_up(client, demo, out)
    if left:
        raise OpenMetadataError(f"could not delete {', '.join(left)}; delete them by hand")


def _dry_run(client: OpenMetadataClient, demo: _Demo, host: str, out: TextIO) -> None:
    """Reads only: what is there, whether the demo's names are free, and the plan."""
    print(f"demo against {host}: reading only; nothing is written without --yes", file=out)
    page = next(iter(client.messaging_services.list(limit=10).pages()))
    shown = ", ".join(s.fully_qualified_name or s.name for s in page.items) or "-"
    total = page.total if page.total is not None else len(page.items)
    print(f"    {total} messaging services on the server; first ones: {shown}", file=out)
    _check_free(client, demo, out)
    print("with --yes the demo would:", file=out)
    for number, text in enumerate(demo.plan(), start=1):
        print(f"  {number}. {text}", file=out)
    print("nothing was written. Run again with --yes to do it.", file=out)


def _environment(args: argparse.Namespace) -> dict[str, str]:
    """The environment with ``--host`` and ``--token`` laid over it, for ``from_env``."""
    env = dict(os.environ)
    if args.host:
        env[ENV_HOST[0]] = args.host
    if args.token:
        env[ENV_TOKEN[0]] = args.token
    return env


def _demo(args: argparse.Namespace, out: TextIO) -> int:
    env = _environment(args)
    host = next((env[k] for k in ENV_HOST if env.get(k)), None)
    with _show_requests(out):
        if host:
            demo = _Demo.fresh()
            with OpenMetadataClient.from_env(env) as client:
                if not args.yes:
                    _dry_run(client, demo, host, out)
                    return 0
                print(f"demo against {host}, on services named {demo.main}*", file=out)
                _demo_against(client, demo, out)
        else:
            from openmetadata_fluent.testing import FakeOpenMetadata

            with FakeOpenMetadata().serve(port=0) as server:
                print(f"demo against an embedded offline server at {server.base_url}", file=out)
                with OpenMetadataClient(server.base_url, _DEMO_TOKEN, max_retries=0) as client:
                    _demo_against(client, _Demo.offline(), out)
    print("demo finished: every step did what the server documents", file=out)
    return 0


# -- serve -------------------------------------------------------------------------------


def _seed_requests(
    path: str,
) -> tuple[list[tuple[str, CreateMessagingServiceRequest]], list[tuple[str, dict[str, Any]]]]:
    """The services in a seed file, each checked as ``create()`` would check it, and its
    topic create bodies (checked when stored), each with where it is in the file.

    The file holds a list of messaging-service create requests (wire JSON), or an object
    ``{"messagingServices": [...], "topics": [...]}``.
    """
    try:
        data = json.loads(Path(path).read_bytes())
    except OSError as exc:
        raise _BadInput(f"cannot read {path}: {exc.strerror or exc}") from None
    except (ValueError, RecursionError) as exc:
        raise _BadInput(f"{path} is not valid JSON: {exc}") from None
    where = ""
    services = data
    if isinstance(data, dict):
        unknown = sorted(set(data) - set(_SEED_KEYS))
        if unknown:
            raise _BadInput(
                f"{path}: unknown key(s) {', '.join(map(repr, unknown))}; "
                f"the keys it may have are {' and '.join(map(repr, _SEED_KEYS))}"
            )
        where, services = "messagingServices", data.get("messagingServices", [])
    if not isinstance(services, list):
        raise _BadInput(
            f'{path}: expected a list of messaging services or an object with "messagingServices"'
            f" holding one, not {type(services).__name__}"
        )
    found: list[tuple[str, CreateMessagingServiceRequest]] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(services):
        label = f"{where}[{index}]" if where else f"item {index}"
        if not isinstance(item, dict):
            raise _BadInput(f"{path}: {label} must be an object, not {type(item).__name__}")
        if isinstance(item.get("name"), str):
            label += f" ({item['name']})"
        builder = MessagingServiceBuilder()
        for key, value in item.items():
            builder.set(key, value)
        try:
            request = builder.build()
        except ValidationError as exc:
            raise _BadInput(f"{path}: {label}: {exc}") from None
        if request.name in seen:
            first = seen[request.name]
            raise _BadInput(f"{path}: {label}: the name {request.name!r} is also used by {first}")
        seen[request.name] = label
        found.append((label, request))
    return found, _seed_topics(path, data)


def _seed_topics(path: str, data: Any) -> list[tuple[str, dict[str, Any]]]:
    topics = data.get("topics", []) if isinstance(data, dict) else []
    if not isinstance(topics, list):
        raise _BadInput(f'{path}: "topics" must be a list, not {type(topics).__name__}')
    found: list[tuple[str, dict[str, Any]]] = []
    for index, item in enumerate(topics):
        label = f"topics[{index}]"
        if not isinstance(item, dict):
            raise _BadInput(f"{path}: {label} must be an object, not {type(item).__name__}")
        if isinstance(item.get("name"), str):
            label += f" ({item['name']})"
        found.append((label, item))
    return found


def _seed(fake: FakeOpenMetadata, path: str) -> tuple[list[str], int]:
    """Preload ``fake`` from a seed file; returns the names of the services it stored and
    how many topics. Topics go in as the server's own create would take them."""
    found, topics = _seed_requests(path)
    for label, request in found:
        try:
            fake.seed(request.to_dict())
        except Exception as exc:  # the fake's own refusal, whatever its type
            raise _BadInput(f"{path}: {label}: the server would refuse it: {exc}") from None
    for label, body in topics:
        sent = json.dumps(body).encode()
        status, _, answer = fake.handle("POST", "/v1/topics", "", _SEED_AUTH, sent)
        if status != 201:
            message = json.loads(answer).get("message", answer.decode())
            raise _BadInput(f"{path}: {label}: the server would refuse it: {message}")
    return [request.name for _, request in found], len(topics)


def _latency(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
    return value


def _serve(args: argparse.Namespace, out: TextIO) -> int:
    from openmetadata_fluent.testing import FakeOpenMetadata

    bulk = True if args.bulk else False if args.no_bulk else None
    fake = FakeOpenMetadata(bulk_route=bulk, latency=args.latency_ms / 1000)
    if args.seed:
        names, topics = _seed(fake, args.seed)
        listed = f": {', '.join(names)}" if names else ""
        print(f"preloaded {len(names)} messaging services from {args.seed}{listed}", file=out)
        if topics:
            print(f"preloaded {topics} topics", file=out)
    server = fake.serve(port=args.port, host=args.bind)
    print(f"offline OpenMetadata at {server.base_url} (any bearer token); Ctrl-C stops", file=out)
    out.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=out)
    return 0


# -- the command line --------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="openmetadata-fluent", description="OpenMetadata messaging services, fluently."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser(
        "demo",
        help="run the create/upsert/409/bulk example",
        description="Without a server named, runs on an embedded offline server. Against a "
        "real server it only reads until --yes is given; then it creates services named "
        f"{DEMO_PREFIX}<random>, never touches others, and hard-deletes its own at the end.",
    )
    demo.add_argument("--host", help="server URL (default: $OPENMETADATA_HOST, else offline)")
    demo.add_argument("--token", help="JWT (default: $OPENMETADATA_JWT_TOKEN)")
    demo.add_argument(
        "--yes", action="store_true", help="against a real server: really create and delete"
    )
    serve = commands.add_parser("serve", help="run the offline server until Ctrl-C")
    serve.add_argument("--port", type=int, default=8585)
    serve.add_argument("--bind", default="127.0.0.1", help="address to listen on")
    routes = serve.add_mutually_exclusive_group()
    routes.add_argument(
        "--bulk",
        action="store_true",
        help="serve PUT .../bulk for every kind (current servers have none for services)",
    )
    routes.add_argument("--no-bulk", action="store_true", help="answer every PUT .../bulk with 405")
    serve.add_argument(
        "--latency-ms", type=_latency, default=0.0, help="wait this long before every answer"
    )
    serve.add_argument(
        "--seed",
        metavar="FILE.json",
        help='preload services: a JSON list of create requests, or {"messagingServices": [...]}',
    )
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (0 on success)."""
    stream = out or sys.stdout
    args = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace, TextIO], int]
    command = _demo if args.command == "demo" else _serve
    prefix = f"openmetadata-fluent {args.command}"
    try:
        return command(args, stream)
    except _BadInput as exc:
        print(f"{prefix}: {exc}", file=sys.stderr)
        return _EXIT_BAD_INPUT
    except (OpenMetadataError, OSError) as exc:
        print(f"{prefix} failed: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{prefix}: interrupted", file=sys.stderr)
        return _EXIT_INTERRUPTED
