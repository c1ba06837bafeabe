"""Fluent, Java-style builders for messaging services, their connections, and topics."""

from openmetadata_fluent._typed import concrete_returns_all
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
from openmetadata_fluent.builders.topic import (
    MessageSchemaBuilder,
    SchemaFieldBuilder,
    TopicBuilder,
    message_schema,
    messageSchema,
    schema_field,
    schemaField,
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

# The service and topic builders inherit chaining setters annotated with a self TypeVar;
# these give each its own copies annotated with the class itself, for ``help()``.
concrete_returns_all(
    (MessagingServiceBuilder, SchemaFieldBuilder, MessageSchemaBuilder, TopicBuilder)
)
