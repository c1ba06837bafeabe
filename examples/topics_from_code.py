"""A messaging service and its topics from code: create, list, change, vote, delete.

    python examples/topics_from_code.py

Runs against the server named by OPENMETADATA_HOST (with OPENMETADATA_JWT_TOKEN), or,
when that is not set, against an embedded offline server. It only ever touches what it
creates itself (a service named ofluent_example_<random>) and hard-deletes the service
with its topics at the end, also when a step fails.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from contextlib import ExitStack

from openmetadata_fluent import (
    OpenMetadataClient,
    kafka_connection,
    message_schema,
    schema_field,
)

AVRO = json.dumps(
    {
        "type": "record",
        "name": "Order",
        "fields": [{"name": "id", "type": "long"}, {"name": "amount", "type": "double"}],
    }
)


def walk_through(client: OpenMetadataClient) -> None:
    service = (
        client.messaging_services.builder()
        .name(f"ofluent_example_{secrets.token_hex(4)}")
        .service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers("kafka:9092"))
        .create()
    )
    print(f"created service {service.fully_qualified_name}")
    try:
        topics = client.topics
        orders = (
            topics.builder()
            .name("orders")
            .service(service)  # the entity, or its FQN
            .partitions(6)
            .cleanup_policies(["delete"])
            .message_schema(
                message_schema()
                .schema_type("Avro")
                .schema_text(AVRO)
                .fields(schema_field("id", "LONG"), schema_field("amount", "DOUBLE"))
            )
            .create()
        )
        schema = orders.message_schema
        fields = [str(f.fully_qualified_name) for f in (schema and schema.schema_fields) or ()]
        print(f"created topic {orders.fully_qualified_name} with fields {', '.join(fields)}")
        audit = topics.create().name("audit").in_(service).withPartitions(1)
        print(f"created topic {audit.execute().fully_qualified_name} (Java SDK style)")

        listed = topics.list(service=service, limit=10)
        print(f"listed {', '.join(sorted(t.name for t in listed))}")

        orders.setDescription("Orders, keyed by customer")
        saved = topics.update(orders)
        print(f"updated {saved.name}: version {saved.version}, {saved.description!r}")
    finally:
        client.messaging_services.delete(service.id).hard_delete().recursive().execute()
        print(f"deleted {service.name} with its topics")


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
