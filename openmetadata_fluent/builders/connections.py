"""One fluent builder per messaging connection type, plus AWS and GCP credentials.

Method names are the snake_case of the schema property (acronyms lowered); each has a
camelCase twin that is the schema property name itself, for code ported from Java.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Generic, TypeVar

from openmetadata_fluent._typed import concrete_returns
from openmetadata_fluent.builders._base import Builder
from openmetadata_fluent.errors import ValidationError
from openmetadata_fluent.models.common import FilterPattern, SecretStr, SslConfig, WireModel
from openmetadata_fluent.models.connections import (
    AwsCredentials,
    CustomMessagingConnection,
    GcpCredentials,
    KafkaConnection,
    KinesisConnection,
    MessagingServiceType,
    NatsBasicAuth,
    NatsConnection,
    NatsNkeyAuth,
    NatsTokenAuth,
    PubSubConnection,
    RedpandaConnection,
    SaslMechanism,
    SecurityProtocol,
)
from openmetadata_fluent.serialization import structure
from openmetadata_fluent.validation import check_model

__all__ = [
    "AwsCredentialsBuilder",
    "ConnectionBuilder",
    "CustomMessagingConnectionBuilder",
    "GcpCredentialsBuilder",
    "KafkaConnectionBuilder",
    "KinesisConnectionBuilder",
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

_M = TypeVar("_M", bound=WireModel)
_C = TypeVar("_C", bound="ConnectionBuilder[Any]")
_K = TypeVar("_K", bound="_KafkaLikeBuilder[Any]")

Secret = str | SecretStr


def _secret(value: Secret | None) -> SecretStr | None:
    return None if value is None else SecretStr(value)


def _ssl(
    config: SslConfig | Mapping[str, Any] | None,
    ca_certificate: str | None,
    ssl_certificate: str | None,
    ssl_key: Secret | None,
) -> Any:
    if config is not None:
        return config
    block = {
        "caCertificate": ca_certificate,
        "sslCertificate": ssl_certificate,
        "sslKey": _secret(ssl_key),
    }
    return {k: v for k, v in block.items() if v is not None}


class _ModelBuilder(Builder, Generic[_M]):
    """A builder whose ``build()`` checks its body against one model and returns it."""

    MODEL: ClassVar[type[WireModel]]

    def _checked(self, path: str = "") -> dict[str, Any]:
        checked = check_model(self.to_dict(), self.MODEL, path)
        if checked.problems:
            raise ValidationError(checked.problems, subject=self.MODEL.__name__)
        return checked.body

    def build(self) -> _M:
        """The model, after checking every field.

        Raises ``ValidationError`` listing every problem."""
        model: _M = structure(self._checked(), self.MODEL)  # type: ignore[assignment]
        return model


class ConnectionBuilder(_ModelBuilder[_M]):
    """Base of the connection builders: ``type`` is always set to the service type."""

    SERVICE_TYPE: ClassVar[MessagingServiceType]

    def __init__(self) -> None:
        super().__init__()
        self._body["type"] = self.SERVICE_TYPE.value

    @property
    def service_type(self) -> MessagingServiceType:
        """The service type this connection is for; fixed by the builder class."""
        return self.SERVICE_TYPE

    def topic_filter_pattern(
        self: _C,
        includes: Iterable[str] | FilterPattern | None = None,
        excludes: Iterable[str] | None = None,
    ) -> _C:
        """Regexes choosing which topics ingestion fetches."""
        if isinstance(includes, FilterPattern):
            return self._set("topicFilterPattern", includes)
        pattern = {"includes": includes, "excludes": excludes}
        return self._set(
            "topicFilterPattern",
            {
                k: list(v) if not isinstance(v, str) else v
                for k, v in pattern.items()
                if v is not None
            },
        )

    def supports_metadata_extraction(self: _C, value: bool = True) -> _C:
        """Whether ingestion may extract metadata through this connection."""
        return self._set("supportsMetadataExtraction", value)

    serviceType = service_type
    topicFilterPattern = topic_filter_pattern
    supportsMetadataExtraction = supports_metadata_extraction


class _KafkaLikeBuilder(ConnectionBuilder[_M]):
    """Properties Kafka and Redpanda share."""

    def bootstrap_servers(self: _K, value: str) -> _K:
        """Comma-separated ``host:port`` list, e.g. ``"host1:9092,host2:9092"``."""
        return self._set("bootstrapServers", value)

    def schema_registry_url(self: _K, value: str) -> _K:
        """The schema registry's URL, e.g. ``"http://registry:8081"``."""
        return self._set("schemaRegistryURL", value)

    def sasl_username(self: _K, value: str) -> _K:
        """The SASL user, for the SASL_PLAINTEXT and SASL_SSL protocols."""
        return self._set("saslUsername", value)

    def sasl_password(self: _K, value: Secret) -> _K:
        """The SASL password; kept as a ``SecretStr`` so reprs and logs mask it."""
        return self._set("saslPassword", _secret(value))

    def security_protocol(self: _K, value: SecurityProtocol | str) -> _K:
        """PLAINTEXT, SASL_PLAINTEXT, SASL_SSL or SSL."""
        return self._set("securityProtocol", value)

    def sasl_mechanism(self: _K, value: SaslMechanism | str) -> _K:
        """PLAIN, GSSAPI, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER."""
        return self._set("saslMechanism", value)

    def basic_auth_user_info(self: _K, value: Secret) -> _K:
        """Schema-registry credentials as ``username:password``."""
        return self._set("basicAuthUserInfo", _secret(value))

    def consumer_config(self: _K, value: Mapping[str, Any]) -> _K:
        """Extra consumer client properties, e.g. ``{"auto.offset.reset": "earliest"}``."""
        return self._set("consumerConfig", dict(value))

    def schema_registry_config(self: _K, value: Mapping[str, Any]) -> _K:
        """Extra schema-registry client properties as key/value pairs."""
        return self._set("schemaRegistryConfig", dict(value))

    def schema_registry_topic_suffix_name(self: _K, value: str) -> _K:
        """Appended to a topic's name to find its schema in the registry, e.g. ``-value``."""
        return self._set("schemaRegistryTopicSuffixName", value)

    bootstrapServers = bootstrap_servers
    schemaRegistryURL = schema_registry_url
    saslUsername = sasl_username
    saslPassword = sasl_password
    securityProtocol = security_protocol
    saslMechanism = sasl_mechanism
    basicAuthUserInfo = basic_auth_user_info
    consumerConfig = consumer_config
    schemaRegistryConfig = schema_registry_config
    schemaRegistryTopicSuffixName = schema_registry_topic_suffix_name


@concrete_returns
class KafkaConnectionBuilder(_KafkaLikeBuilder[KafkaConnection]):
    """A Kafka connection; ``bootstrap_servers`` is the one required setting."""

    MODEL = KafkaConnection
    SERVICE_TYPE = MessagingServiceType.KAFKA

    def consumer_config_ssl(
        self,
        config: SslConfig | Mapping[str, Any] | None = None,
        *,
        ca_certificate: str | None = None,
        ssl_certificate: str | None = None,
        ssl_key: Secret | None = None,
    ) -> KafkaConnectionBuilder:
        """TLS material (PEM) for the consumer connection."""
        return self._set(
            "consumerConfigSSL", _ssl(config, ca_certificate, ssl_certificate, ssl_key)
        )

    def schema_registry_ssl(
        self,
        config: SslConfig | Mapping[str, Any] | None = None,
        *,
        ca_certificate: str | None = None,
        ssl_certificate: str | None = None,
        ssl_key: Secret | None = None,
    ) -> KafkaConnectionBuilder:
        """TLS material (PEM) for the schema-registry connection."""
        return self._set(
            "schemaRegistrySSL", _ssl(config, ca_certificate, ssl_certificate, ssl_key)
        )

    consumerConfigSSL = consumer_config_ssl
    schemaRegistrySSL = schema_registry_ssl


@concrete_returns
class RedpandaConnectionBuilder(_KafkaLikeBuilder[RedpandaConnection]):
    """A Redpanda connection: the Kafka settings, plus ``supports_profiler``."""

    MODEL = RedpandaConnection
    SERVICE_TYPE = MessagingServiceType.REDPANDA

    def supports_profiler(self, value: bool = True) -> RedpandaConnectionBuilder:
        """Whether the profiler may sample this service's topics."""
        return self._set("supportsProfiler", value)

    supportsProfiler = supports_profiler


@concrete_returns
class KinesisConnectionBuilder(ConnectionBuilder[KinesisConnection]):
    """An Amazon Kinesis connection; ``aws_config`` with a region is required."""

    MODEL = KinesisConnection
    SERVICE_TYPE = MessagingServiceType.KINESIS

    def aws_config(
        self, value: AwsCredentialsBuilder | AwsCredentials | Mapping[str, Any]
    ) -> KinesisConnectionBuilder:
        """AWS credentials, e.g. ``aws_credentials().aws_region("us-east-1")``."""
        return self._set("awsConfig", value)

    awsConfig = aws_config


@concrete_returns
class NatsConnectionBuilder(ConnectionBuilder[NatsConnection]):
    """A NATS connection; ``nats_servers`` is required, one auth method at most."""

    MODEL = NatsConnection
    SERVICE_TYPE = MessagingServiceType.NATS

    def nats_servers(self, value: str) -> NatsConnectionBuilder:
        """Comma-separated server URLs, e.g. ``"nats://host1:4222,nats://host2:4222"``."""
        return self._set("natsServers", value)

    def auth_type(
        self, value: NatsBasicAuth | NatsTokenAuth | NatsNkeyAuth | Mapping[str, Any]
    ) -> NatsConnectionBuilder:
        """One authentication block as given: basic, token or NKey (a model or a dict)."""
        return self._set("authType", value)

    def basic_auth(self, username: str, password: Secret) -> NatsConnectionBuilder:
        """Authenticate with a user and password; replaces any other auth method."""
        return self._set("authType", {"username": username, "password": SecretStr(password)})

    def token_auth(self, token: Secret) -> NatsConnectionBuilder:
        """Authenticate with a token; replaces any other auth method."""
        return self._set("authType", {"token": SecretStr(token)})

    def nkey_auth(self, nkey_seed: Secret) -> NatsConnectionBuilder:
        """Authenticate with an NKey seed; replaces any other auth method."""
        return self._set("authType", {"nkeySeed": SecretStr(nkey_seed)})

    def tls_config(
        self,
        config: SslConfig | Mapping[str, Any] | None = None,
        *,
        ca_certificate: str | None = None,
        ssl_certificate: str | None = None,
        ssl_key: Secret | None = None,
    ) -> NatsConnectionBuilder:
        """TLS material (PEM): a config, or the CA, certificate and key one by one."""
        return self._set("tlsConfig", _ssl(config, ca_certificate, ssl_certificate, ssl_key))

    def additional_config(self, value: Mapping[str, Any]) -> NatsConnectionBuilder:
        """Extra client options; ones with their own property (servers, token, ...) are refused."""
        return self._set("additionalConfig", dict(value))

    def schema_kv_bucket(self, value: str) -> NatsConnectionBuilder:
        """The JetStream key/value bucket that holds the schemas, one key per stream name."""
        return self._set("schemaKvBucket", value)

    natsServers = nats_servers
    authType = auth_type
    basicAuth = basic_auth
    tokenAuth = token_auth
    nkeyAuth = nkey_auth
    tlsConfig = tls_config
    additionalConfig = additional_config
    schemaKvBucket = schema_kv_bucket


@concrete_returns
class PubSubConnectionBuilder(ConnectionBuilder[PubSubConnection]):
    """A Google Cloud Pub/Sub connection; credentials come from ``gcp_config``."""

    MODEL = PubSubConnection
    SERVICE_TYPE = MessagingServiceType.PUBSUB

    def gcp_config(
        self, value: GcpCredentialsBuilder | GcpCredentials | Mapping[str, Any]
    ) -> PubSubConnectionBuilder:
        """GCP credentials, e.g. ``gcp_credentials().credentials_path("/keys/sa.json")``."""
        return self._set("gcpConfig", value)

    def project_id(self, value: str) -> PubSubConnectionBuilder:
        """The GCP project whose topics ingestion reads; else the credentials' project."""
        return self._set("projectId", value)

    def host_port(self, value: str) -> PubSubConnectionBuilder:
        """The emulator's ``host:port``, used with ``use_emulator()``."""
        return self._set("hostPort", value)

    def use_emulator(self, value: bool = True) -> PubSubConnectionBuilder:
        """Talk to a local Pub/Sub emulator instead of Google Cloud."""
        return self._set("useEmulator", value)

    def schema_registry_enabled(self, value: bool = True) -> PubSubConnectionBuilder:
        """Read topic schemas from the Pub/Sub schema registry."""
        return self._set("schemaRegistryEnabled", value)

    def include_subscriptions(self, value: bool = True) -> PubSubConnectionBuilder:
        """Also ingest each topic's subscriptions."""
        return self._set("includeSubscriptions", value)

    def include_dead_letter_topics(self, value: bool = True) -> PubSubConnectionBuilder:
        """Also ingest dead-letter topics."""
        return self._set("includeDeadLetterTopics", value)

    gcpConfig = gcp_config
    projectId = project_id
    hostPort = host_port
    useEmulator = use_emulator
    schemaRegistryEnabled = schema_registry_enabled
    includeSubscriptions = include_subscriptions
    includeDeadLetterTopics = include_dead_letter_topics


@concrete_returns
class CustomMessagingConnectionBuilder(ConnectionBuilder[CustomMessagingConnection]):
    """A connection to a system with no built-in type, served by your own source class."""

    MODEL = CustomMessagingConnection
    SERVICE_TYPE = MessagingServiceType.CUSTOM_MESSAGING

    def source_python_class(self, value: str) -> CustomMessagingConnectionBuilder:
        """Dotted path of the ingestion source class, e.g. ``"my_pkg.source.MySource"``."""
        return self._set("sourcePythonClass", value)

    def connection_options(self, value: Mapping[str, str]) -> CustomMessagingConnectionBuilder:
        """String options handed to the custom source class as they are."""
        return self._set("connectionOptions", dict(value))

    sourcePythonClass = source_python_class
    connectionOptions = connection_options


@concrete_returns
class AwsCredentialsBuilder(_ModelBuilder[AwsCredentials]):
    """AWS credentials for Kinesis; ``aws_region`` is required, the rest optional."""

    MODEL = AwsCredentials

    def aws_region(self, value: str) -> AwsCredentialsBuilder:
        """The AWS region, e.g. ``"us-east-1"``; required."""
        return self._set("awsRegion", value)

    def aws_access_key_id(self, value: str) -> AwsCredentialsBuilder:
        """The access key id; without it the ingestion host's default credentials apply."""
        return self._set("awsAccessKeyId", value)

    def aws_secret_access_key(self, value: Secret) -> AwsCredentialsBuilder:
        """The secret access key; kept as a ``SecretStr`` so it is masked."""
        return self._set("awsSecretAccessKey", _secret(value))

    def aws_session_token(self, value: Secret) -> AwsCredentialsBuilder:
        """A session token for temporary credentials; masked like a secret."""
        return self._set("awsSessionToken", _secret(value))

    def end_point_url(self, value: str) -> AwsCredentialsBuilder:
        """A custom endpoint, e.g. a LocalStack URL."""
        return self._set("endPointURL", value)

    def profile_name(self, value: str) -> AwsCredentialsBuilder:
        """A named profile from the ingestion host's AWS config files."""
        return self._set("profileName", value)

    def assume_role_arn(self, value: str) -> AwsCredentialsBuilder:
        """The ARN of a role to assume after signing in."""
        return self._set("assumeRoleArn", value)

    def assume_role_session_name(self, value: str) -> AwsCredentialsBuilder:
        """The session name for the assumed role (shows in CloudTrail)."""
        return self._set("assumeRoleSessionName", value)

    def assume_role_source_identity(self, value: str) -> AwsCredentialsBuilder:
        """The source identity to pass when assuming the role."""
        return self._set("assumeRoleSourceIdentity", value)

    awsRegion = aws_region
    awsAccessKeyId = aws_access_key_id
    awsSecretAccessKey = aws_secret_access_key
    awsSessionToken = aws_session_token
    endPointURL = end_point_url
    profileName = profile_name
    assumeRoleArn = assume_role_arn
    assumeRoleSessionName = assume_role_session_name
    assumeRoleSourceIdentity = assume_role_source_identity


@concrete_returns
class GcpCredentialsBuilder(_ModelBuilder[GcpCredentials]):
    """GCP credentials: pick one way in (values, key-file path, external account, ADC)."""

    MODEL = GcpCredentials

    def service_account(
        self,
        *,
        project_id: str | Iterable[str] | None = None,
        private_key_id: str | None = None,
        private_key: Secret | None = None,
        client_email: str | None = None,
        client_id: str | None = None,
        auth_uri: str | None = None,
        token_uri: str | None = None,
        auth_provider_x509_cert_url: str | None = None,
        client_x509_cert_url: str | None = None,
    ) -> GcpCredentialsBuilder:
        """The values of a service-account key file."""
        values = {
            "type": "service_account",
            "projectId": project_id
            if project_id is None or isinstance(project_id, str)
            else list(project_id),
            "privateKeyId": private_key_id,
            "privateKey": _secret(private_key),
            "clientEmail": client_email,
            "clientId": client_id,
            "authUri": auth_uri,
            "tokenUri": token_uri,
            "authProviderX509CertUrl": auth_provider_x509_cert_url,
            "clientX509CertUrl": client_x509_cert_url,
        }
        return self._set("gcpConfig", {k: v for k, v in values.items() if v is not None})

    def credentials_path(
        self, path: str, *, project_id: str | None = None
    ) -> GcpCredentialsBuilder:
        """A key file on the host that runs ingestion."""
        values = {"type": "gcp_credential_path", "path": path, "projectId": project_id}
        return self._set("gcpConfig", {k: v for k, v in values.items() if v is not None})

    def external_account(
        self,
        *,
        audience: str | None = None,
        subject_token_type: str | None = None,
        token_url: str | None = None,
        credential_source: Mapping[str, str] | None = None,
    ) -> GcpCredentialsBuilder:
        """Workload-identity federation."""
        values = {
            "type": "external_account",
            "externalType": "external_account",
            "audience": audience,
            "subjectTokenType": subject_token_type,
            "tokenURL": token_url,
            "credentialSource": None if credential_source is None else dict(credential_source),
        }
        return self._set("gcpConfig", {k: v for k, v in values.items() if v is not None})

    def application_default(self, *, project_id: str | None = None) -> GcpCredentialsBuilder:
        """Application default credentials of the ingestion host."""
        values = {"type": "gcp_adc", "projectId": project_id}
        return self._set("gcpConfig", {k: v for k, v in values.items() if v is not None})

    def impersonate_service_account(
        self, email: str, *, lifetime: int | None = None
    ) -> GcpCredentialsBuilder:
        """Act as this service account (by email), for ``lifetime`` seconds per token."""
        values = {"impersonateServiceAccount": email, "lifetime": lifetime}
        return self._set(
            "gcpImpersonateServiceAccount", {k: v for k, v in values.items() if v is not None}
        )

    serviceAccount = service_account
    credentialsPath = credentials_path
    externalAccount = external_account
    applicationDefault = application_default
    impersonateServiceAccount = impersonate_service_account


def kafka_connection() -> KafkaConnectionBuilder:
    """A Kafka connection; ``bootstrap_servers`` is required."""
    return KafkaConnectionBuilder()


def redpanda_connection() -> RedpandaConnectionBuilder:
    """A Redpanda connection; ``bootstrap_servers`` is required."""
    return RedpandaConnectionBuilder()


def kinesis_connection() -> KinesisConnectionBuilder:
    """A Kinesis connection; ``aws_config`` with an ``aws_region`` is required."""
    return KinesisConnectionBuilder()


def nats_connection() -> NatsConnectionBuilder:
    """A NATS connection; ``nats_servers`` is required."""
    return NatsConnectionBuilder()


def pubsub_connection() -> PubSubConnectionBuilder:
    """A Google Cloud Pub/Sub connection."""
    return PubSubConnectionBuilder()


def custom_messaging_connection() -> CustomMessagingConnectionBuilder:
    """A custom messaging connection; ``source_python_class`` is required."""
    return CustomMessagingConnectionBuilder()


def aws_credentials() -> AwsCredentialsBuilder:
    """AWS credentials for Kinesis; ``aws_region`` is required."""
    return AwsCredentialsBuilder()


def gcp_credentials() -> GcpCredentialsBuilder:
    """GCP credentials for Pub/Sub."""
    return GcpCredentialsBuilder()


kafkaConnection = kafka_connection
redpandaConnection = redpanda_connection
kinesisConnection = kinesis_connection
natsConnection = nats_connection
pubSubConnection = pubsubConnection = pubsub_connection
customMessagingConnection = custom_messaging_connection
awsCredentials = aws_credentials
gcpCredentials = gcp_credentials
