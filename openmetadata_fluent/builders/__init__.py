"""Fluent, Java-style builders for messaging services and their connections."""

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

__all__ = [
    "AwsCredentialsBuilder",
    "ConnectionBuilder",
    "CustomMessagingConnectionBuilder",
    "GcpCredentialsBuilder",
    "KafkaConnectionBuilder",
    "KinesisConnectionBuilder",
    "MessagingServiceBuilder",
    "NatsConnectionBuilder",
    "PubSubConnectionBuilder",
    "RedpandaConnectionBuilder",
    "aws_credentials",
    "custom_messaging_connection",
    "gcp_credentials",
    "kafka_connection",
    "kinesis_connection",
    "nats_connection",
    "pubsub_connection",
    "redpanda_connection",
]
