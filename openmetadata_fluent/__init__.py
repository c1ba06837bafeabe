"""openmetadata-fluent: a fluent, typed Python SDK for OpenMetadata messaging services.

from openmetadata_fluent import configure, MessagingServices, kafka_connection

configure(base_url="http://localhost:8585/api", token="<jwt>")
svc = (MessagingServices.builder()
       .name("sample_kafka").service_type("Kafka")
       .connection(kafka_connection().bootstrap_servers("localhost:9092"))
       .create())
"""

from typing import TYPE_CHECKING

from openmetadata_fluent._lazy import attach
from openmetadata_fluent._version import __version__
from openmetadata_fluent.builders.connections import (
    aws_credentials,
    awsCredentials,
    custom_messaging_connection,
    customMessagingConnection,
    gcp_credentials,
    gcpCredentials,
    kafka_connection,
    kafkaConnection,
    kinesis_connection,
    kinesisConnection,
    nats_connection,
    natsConnection,
    pubsub_connection,
    pubSubConnection,
    redpanda_connection,
    redpandaConnection,
)
from openmetadata_fluent.builders.service import MessagingServiceBuilder
from openmetadata_fluent.errors import (
    APIError,
    OpenMetadataError,
    TransportError,
    ValidationError,
)
from openmetadata_fluent.models.common import ChangeType, SecretStr
from openmetadata_fluent.models.connections import MessagingServiceType
from openmetadata_fluent.models.messaging import (
    BulkResult,
    CreateMessagingServiceRequest,
    MessagingService,
)

if TYPE_CHECKING:
    from openmetadata_fluent.builders.topic import (
        TopicBuilder,
        message_schema,
        messageSchema,
        schema_field,
        schemaField,
    )
    from openmetadata_fluent.client import OpenMetadataClient, configure, set_default_client
    from openmetadata_fluent.lifecycle import (
        DeleteRequest,
        FluentMessagingService,
        Include,
        MessagingServiceFinder,
        Page,
        ServiceList,
    )
    from openmetadata_fluent.messaging import MessagingServiceOperations, MessagingServices
    from openmetadata_fluent.models.topics import CreateTopicRequest, Topic
    from openmetadata_fluent.topics import TopicOperations, Topics

    setDefaultClient = set_default_client

# The client and the operations import requests (through transport); they load on first
# use, so code that only builds or parses models does not pay for the HTTP stack. Topics
# load on first use too: most programs start with a service.
_LAZY: dict[str, str | tuple[str, str]] = {
    "OpenMetadataClient": ("openmetadata_fluent.client", "OpenMetadataClient"),
    "configure": ("openmetadata_fluent.client", "configure"),
    "set_default_client": ("openmetadata_fluent.client", "set_default_client"),
    "setDefaultClient": ("openmetadata_fluent.client", "set_default_client"),
    "MessagingServiceOperations": ("openmetadata_fluent.messaging", "MessagingServiceOperations"),
    "MessagingServices": ("openmetadata_fluent.messaging", "MessagingServices"),
    "TopicOperations": ("openmetadata_fluent.topics", "TopicOperations"),
    "Topics": ("openmetadata_fluent.topics", "Topics"),
    "CreateTopicRequest": "openmetadata_fluent.models.topics",
    "Topic": "openmetadata_fluent.models.topics",
    **dict.fromkeys(
        ("TopicBuilder", "message_schema", "messageSchema", "schema_field", "schemaField"),
        "openmetadata_fluent.builders.topic",
    ),
    **{
        name: ("openmetadata_fluent.lifecycle", name)
        for name in (
            "DeleteRequest",
            "FluentMessagingService",
            "Include",
            "MessagingServiceFinder",
            "Page",
            "ServiceList",
        )
    },
}


# Hidden from type checkers, which see the imports above instead and still flag a typo.
if not TYPE_CHECKING:
    __getattr__, __dir__ = attach(__name__, globals(), _LAZY)


__all__ = [
    "APIError",
    "BulkResult",
    "ChangeType",
    "CreateMessagingServiceRequest",
    "CreateTopicRequest",
    "DeleteRequest",
    "FluentMessagingService",
    "Include",
    "MessagingService",
    "MessagingServiceBuilder",
    "MessagingServiceFinder",
    "MessagingServiceOperations",
    "MessagingServiceType",
    "MessagingServices",
    "OpenMetadataClient",
    "OpenMetadataError",
    "Page",
    "SecretStr",
    "ServiceList",
    "Topic",
    "TopicBuilder",
    "TopicOperations",
    "Topics",
    "TransportError",
    "ValidationError",
    "__version__",
    "awsCredentials",
    "aws_credentials",
    "configure",
    "customMessagingConnection",
    "custom_messaging_connection",
    "gcpCredentials",
    "gcp_credentials",
    "kafkaConnection",
    "kafka_connection",
    "kinesisConnection",
    "kinesis_connection",
    "messageSchema",
    "message_schema",
    "natsConnection",
    "nats_connection",
    "pubSubConnection",
    "pubsub_connection",
    "redpandaConnection",
    "redpanda_connection",
    "schemaField",
    "schema_field",
    "setDefaultClient",
    "set_default_client",
]
