"""Fluent, Java-style builders for messaging services, their connections, and topics.

The topic builders load on first use, with the topic models they build.
"""

from typing import TYPE_CHECKING

from openmetadata_fluent._lazy import attach
from openmetadata_fluent.builders.connections import (
    AwsCredentialsBuilder,
    ConnectionBuilder,
    CustomMessagingConnectionBuilder,
    GcpCredentialsBuilder,
    KafkaConnectionBuilder,
    KinesisConnectionBuilder,
    NatsConnectionBuilder,
    PubSubConnectionBuilder,
    RedpandaConnectionBuilder,
    aws_credentials,
    custom_messaging_connection,
    gcp_credentials,
    kafka_connection,
    kinesis_connection,
    nats_connection,
    pubsub_connection,
    redpanda_connection,
)
from openmetadata_fluent.builders.service import MessagingServiceBuilder

if TYPE_CHECKING:
    from openmetadata_fluent.builders.topic import (
        MessageSchemaBuilder,
        SchemaFieldBuilder,
        TopicBuilder,
        message_schema,
        messageSchema,
        schema_field,
        schemaField,
    )

TOPIC_NAMES = (
    "MessageSchemaBuilder",
    "SchemaFieldBuilder",
    "TopicBuilder",
    "messageSchema",
    "message_schema",
    "schemaField",
    "schema_field",
)

__all__ = [
    "AwsCredentialsBuilder",
    "ConnectionBuilder",
    "CustomMessagingConnectionBuilder",
    "GcpCredentialsBuilder",
    "KafkaConnectionBuilder",
    "KinesisConnectionBuilder",
    "MessageSchemaBuilder",
    "MessagingServiceBuilder",
    "NatsConnectionBuilder",
    "PubSubConnectionBuilder",
    "RedpandaConnectionBuilder",
    "SchemaFieldBuilder",
    "TopicBuilder",
    "aws_credentials",
    "custom_messaging_connection",
    "gcp_credentials",
    "kafka_connection",
    "kinesis_connection",
    "messageSchema",
    "message_schema",
    "nats_connection",
    "pubsub_connection",
    "redpanda_connection",
    "schemaField",
    "schema_field",
]

# Hidden from type checkers, which see the imports above instead and still flag a typo.
if not TYPE_CHECKING:
    __getattr__, __dir__ = attach(
        __name__, globals(), dict.fromkeys(TOPIC_NAMES, "openmetadata_fluent.builders.topic")
    )
