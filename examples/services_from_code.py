"""Create, read, update, list and delete messaging services with the fluent builders.

    python examples/services_from_code.py

Runs against the server named by OPENMETADATA_HOST (with OPENMETADATA_JWT_TOKEN), or,
when that is not set, against an embedded offline server. It only ever touches services
it creates itself, named ofluent_example_<random>_*, and hard-deletes them at the end,
also when a step fails.
"""

from __future__ import annotations

import os
import secrets
import sys
from contextlib import ExitStack

from openmetadata_fluent import (
    MessagingService,
    OpenMetadataClient,
    kafka_connection,
    redpanda_connection,
)
from openmetadata_fluent.errors import NotFoundError


def show(verb: str, service: MessagingService) -> None:
    print(f"{verb} {service.fully_qualified_name}: version {service.version}")


def walk_through(client: OpenMetadataClient) -> None:
    ops = client.messaging_services
    prefix = f"ofluent_example_{secrets.token_hex(4)}"
    created: list[str] = []
    try:
        # Create: the builders check everything before a request is sent.
        orders = (
            ops.builder()
            .name(f"{prefix}_orders")
            .display_name("Orders")
            .service_type("Kafka")
            .description("Order events")
            .connection(
                kafka_connection()
                .bootstrap_servers("kafka-1:9092,kafka-2:9092")
                .security_protocol("PLAINTEXT")
            )
            .create()
        )
        created.append(orders.name)
        show("created", orders)
        payments = (
            ops.builder()
            .name(f"{prefix}_payments")
            .service_type("Redpanda")
            .connection(redpanda_connection().bootstrap_servers("redpanda:9092"))
            .create()
        )
        created.append(payments.name)
        show("created", payments)

        # Read, by name or by id.
        found = ops.retrieve_by_name(orders.name)
        same = ops.retrieve(found.id)
        print(f"read {found.name} ({found.service_type.value}): {same.description!r}")

        # Update: fetch, change, save; one PATCH with only what changed, guarded by the ETag.
        fluent = ops.find_by_name(orders.name).fetch()
        fluent.with_description("Order events, partitioned by customer").save()
        show("updated", fluent.entity)
        print(f"    description now {fluent.entity.description!r}")

        # List: lazy, one page in memory at a time.
        mine = sorted(s.name for s in ops.list(limit=50) if s.name.startswith(prefix))
        print(f"listed {len(mine)} services named {prefix}_*: {', '.join(mine)}")

        # Delete: hard, so the names are free again.
        for name in list(created):
            ops.delete_by_name(name).hard_delete().execute()
            created.remove(name)
            print(f"deleted {name}")
        try:
            ops.retrieve_by_name(orders.name)
        except NotFoundError:
            print(f"{orders.name} is gone (404)")
    finally:
        for name in created:  # only after a failed step: leave nothing behind
            ops.delete_by_name(name).hard_delete().execute()
            print(f"cleaned up {name}")


def main() -> int:
    with ExitStack() as stack:
        if os.environ.get("OPENMETADATA_HOST"):
            client = OpenMetadataClient.from_env()
            print(f"against {client.base_url}")
        else:
            from openmetadata_fluent.testing import FakeOpenMetadata

            server = stack.enter_context(FakeOpenMetadata().serve(port=0))
            client = OpenMetadataClient(server.base_url, token="example-token")
            print(f"against an embedded offline server at {server.base_url}")
        stack.enter_context(client)
        walk_through(client)
    return 0


if __name__ == "__main__":
    sys.exit(main())
