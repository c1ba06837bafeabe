"""Connection configs for each messaging service type, and the credentials they carry.

Required schema properties are required arguments; every other property is optional and
left out of the wire JSON while it is None. ``type`` always defaults to the service type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from openmetadata_fluent._typed import concrete_model_returns
from openmetadata_fluent.models._access import immutable, redacted_repr
from openmetadata_fluent.models.common import (
    FilterPattern,
    SecretStr,
    SslConfig,
    WireEnum,
    WireModel,
    extra_field,
    wire,
)

__all__ = [
    "AwsCredentials",
    "ConnectionConfig",
    "CustomMessagingConnection",
    "GcpAdc",
    "GcpCredentials",
    "GcpCredentialsPath",
    "GcpExternalAccount",
    "GcpImpersonateServiceAccount",
    "GcpServiceAccount",
    "KafkaConnection",
    "KinesisConnection",
    "MessagingServiceType",
    "NatsBasicAuth",
    "NatsConnection",
    "NatsNkeyAuth",
    "NatsTokenAuth",
    "PubSubConnection",
    "RedpandaConnection",
    "SaslMechanism",
    "SecurityProtocol",
    "UnknownConnection",
]

_URI = {"format": "uri"}


class MessagingServiceType(WireEnum):
    """The kinds of messaging service; a connection's ``type`` is one of these."""

    KAFKA = "Kafka"
    REDPANDA = "Redpanda"
    KINESIS = "Kinesis"
    NATS = "Nats"
    PUBSUB = "PubSub"
    CUSTOM_MESSAGING = "CustomMessaging"


class SecurityProtocol(WireEnum):
    """How a Kafka-like client talks to the brokers: plain or TLS, with or without SASL."""

    PLAINTEXT = "PLAINTEXT"
    SASL_PLAINTEXT = "SASL_PLAINTEXT"
    SASL_SSL = "SASL_SSL"
    SSL = "SSL"


class SaslMechanism(WireEnum):
    """The SASL mechanism of a Kafka-like connection."""

    PLAIN = "PLAIN"
    GSSAPI = "GSSAPI"
    SCRAM_SHA_256 = "SCRAM-SHA-256"
    SCRAM_SHA_512 = "SCRAM-SHA-512"
    OAUTHBEARER = "OAUTHBEARER"


@immutable()
@attrs.frozen(kw_only=True)
class AwsCredentials(WireModel):
    """AWS credentials of a Kinesis connection (``awsConfig``)."""

    aws_region: str
    aws_access_key_id: str | None = None
    aws_secret_access_key: SecretStr | None = None
    aws_session_token: SecretStr | None = attrs.field(
        default=None, metadata={"server_masked": False}
    )
    end_point_url: str | None = attrs.field(default=None, metadata=wire("endPointURL", **_URI))
    profile_name: str | None = None
    assume_role_arn: str | None = None
    assume_role_session_name: str | None = None
    assume_role_source_identity: str | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class GcpServiceAccount(WireModel):
    """GCP credentials given as the values of a service-account key file."""

    type: str = attrs.field(default="service_account", metadata={"const": True})
    project_id: str | tuple[str, ...] | None = None
    private_key_id: str | None = None
    private_key: SecretStr | None = None
    client_email: str | None = None
    client_id: str | None = None
    auth_uri: str | None = attrs.field(default=None, metadata=_URI)
    token_uri: str | None = attrs.field(default=None, metadata=_URI)
    auth_provider_x509_cert_url: str | None = attrs.field(default=None, metadata=_URI)
    client_x509_cert_url: str | None = attrs.field(default=None, metadata=_URI)
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class GcpCredentialsPath(WireModel):
    """GCP credentials read from a key file on the ingestion host."""

    type: str = attrs.field(default="gcp_credential_path", metadata={"const": True})
    path: str | None = None
    project_id: str | tuple[str, ...] | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class GcpExternalAccount(WireModel):
    """GCP workload-identity federation."""

    type: str = attrs.field(default="external_account", metadata={"const": True})
    external_type: str | None = None
    audience: str | None = None
    subject_token_type: str | None = None
    token_url: str | None = attrs.field(default=None, metadata=wire("tokenURL"))
    credential_source: dict[str, str] | None = attrs.field(default=None, repr=redacted_repr)
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class GcpAdc(WireModel):
    """GCP application default credentials."""

    type: str = attrs.field(default="gcp_adc", metadata={"const": True})
    project_id: str | tuple[str, ...] | None = None
    extra: Mapping[str, Any] = extra_field()


GcpConfig = GcpServiceAccount | GcpCredentialsPath | GcpExternalAccount | GcpAdc


@immutable()
@attrs.frozen(kw_only=True)
class GcpImpersonateServiceAccount(WireModel):
    """A service account to act as, and for how long per token."""

    impersonate_service_account: str | None = None
    lifetime: int | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class GcpCredentials(WireModel):
    """GCP credentials of a Pub/Sub connection: one way in, plus optional impersonation."""

    gcp_config: GcpConfig
    gcp_impersonate_service_account: GcpImpersonateServiceAccount | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class NatsBasicAuth(WireModel):
    """NATS authentication by user and password."""

    username: str
    password: SecretStr
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class NatsTokenAuth(WireModel):
    """NATS authentication by token."""

    token: SecretStr
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class NatsNkeyAuth(WireModel):
    """NATS authentication by NKey seed."""

    nkey_seed: SecretStr
    extra: Mapping[str, Any] = extra_field()


NatsAuth = NatsBasicAuth | NatsTokenAuth | NatsNkeyAuth


@immutable()
@attrs.frozen(kw_only=True)
class KafkaConnection(WireModel):
    """A checked Kafka connection, as the server stores it under ``connection.config``."""

    SERVICE_TYPE: ClassVar[MessagingServiceType] = MessagingServiceType.KAFKA

    type: MessagingServiceType = MessagingServiceType.KAFKA
    bootstrap_servers: str
    schema_registry_url: str | None = attrs.field(
        default=None, metadata=wire("schemaRegistryURL", **_URI)
    )
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    security_protocol: SecurityProtocol | None = None
    sasl_mechanism: SaslMechanism | None = None
    basic_auth_user_info: SecretStr | None = None
    consumer_config: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    schema_registry_config: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    schema_registry_topic_suffix_name: str | None = None
    consumer_config_ssl: SslConfig | None = attrs.field(
        default=None, metadata=wire("consumerConfigSSL")
    )
    schema_registry_ssl: SslConfig | None = attrs.field(
        default=None, metadata=wire("schemaRegistrySSL")
    )
    topic_filter_pattern: FilterPattern | None = None
    supports_metadata_extraction: bool | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class RedpandaConnection(WireModel):
    """A checked Redpanda connection, as the server stores it under ``connection.config``."""

    SERVICE_TYPE: ClassVar[MessagingServiceType] = MessagingServiceType.REDPANDA

    type: MessagingServiceType = MessagingServiceType.REDPANDA
    bootstrap_servers: str
    schema_registry_url: str | None = attrs.field(
        default=None, metadata=wire("schemaRegistryURL", **_URI)
    )
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    schema_registry_topic_suffix_name: str | None = None
    security_protocol: SecurityProtocol | None = None
    sasl_mechanism: SaslMechanism | None = None
    basic_auth_user_info: SecretStr | None = None
    consumer_config: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    schema_registry_config: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    topic_filter_pattern: FilterPattern | None = None
    supports_metadata_extraction: bool | None = None
    supports_profiler: bool | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class KinesisConnection(WireModel):
    """A checked Kinesis connection, as the server stores it under ``connection.config``."""

    SERVICE_TYPE: ClassVar[MessagingServiceType] = MessagingServiceType.KINESIS

    type: MessagingServiceType = MessagingServiceType.KINESIS
    aws_config: AwsCredentials
    topic_filter_pattern: FilterPattern | None = None
    supports_metadata_extraction: bool | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class NatsConnection(WireModel):
    """A checked NATS connection, as the server stores it under ``connection.config``."""

    SERVICE_TYPE: ClassVar[MessagingServiceType] = MessagingServiceType.NATS

    type: MessagingServiceType = MessagingServiceType.NATS
    nats_servers: str
    auth_type: NatsAuth | None = None
    tls_config: SslConfig | None = None
    additional_config: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    schema_kv_bucket: str | None = None
    topic_filter_pattern: FilterPattern | None = None
    supports_metadata_extraction: bool | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class PubSubConnection(WireModel):
    """A checked Pub/Sub connection, as the server stores it under ``connection.config``."""

    SERVICE_TYPE: ClassVar[MessagingServiceType] = MessagingServiceType.PUBSUB

    type: MessagingServiceType = MessagingServiceType.PUBSUB
    gcp_config: GcpCredentials | None = None
    project_id: str | None = None
    host_port: str | None = None
    use_emulator: bool | None = None
    schema_registry_enabled: bool | None = None
    include_subscriptions: bool | None = None
    include_dead_letter_topics: bool | None = None
    topic_filter_pattern: FilterPattern | None = None
    supports_metadata_extraction: bool | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class CustomMessagingConnection(WireModel):
    """A checked custom connection, as the server stores it under ``connection.config``."""

    SERVICE_TYPE: ClassVar[MessagingServiceType] = MessagingServiceType.CUSTOM_MESSAGING

    type: MessagingServiceType = MessagingServiceType.CUSTOM_MESSAGING
    source_python_class: str
    connection_options: dict[str, str] | None = attrs.field(default=None, repr=redacted_repr)
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class UnknownConnection(WireModel):
    """A config of a type this SDK does not know (from a newer server), kept verbatim."""

    raw: Mapping[str, Any] = attrs.field(repr=redacted_repr)


KnownConnection = (
    KafkaConnection
    | RedpandaConnection
    | KinesisConnection
    | NatsConnection
    | PubSubConnection
    | CustomMessagingConnection
)
ConnectionConfig = KnownConnection | UnknownConnection

CONNECTION_CLASSES: Mapping[MessagingServiceType, type[KnownConnection]] = {
    cls.SERVICE_TYPE: cls
    for cls in (
        KafkaConnection,
        RedpandaConnection,
        KinesisConnection,
        NatsConnection,
        PubSubConnection,
        CustomMessagingConnection,
    )
}


concrete_model_returns(globals())
