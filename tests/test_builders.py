"""The fluent builders: every property reaches the wire under its schema name."""

from __future__ import annotations

import uuid
import warnings
from typing import Any

import pytest
import responses

from openmetadata_fluent import (
    ChangeType,
    CreateMessagingServiceRequest,
    MessagingServices,
    MessagingServiceType,
    OpenMetadataClient,
    SecretStr,
    aws_credentials,
    awsCredentials,
    custom_messaging_connection,
    gcp_credentials,
    kafka_connection,
    kafkaConnection,
    kinesis_connection,
    nats_connection,
    pubsub_connection,
    redpanda_connection,
)
from openmetadata_fluent.builders import MessagingServiceBuilder
from openmetadata_fluent.models import KafkaConnection, TagLabel

from .conftest import SEEDS_PAYLOAD, SEEDS_RESPONSE, SERVICES_URL, sent_json

OWNER = "0b0c3e5e-52c6-4a84-9c3e-2ea4f1a7c0de"
TEAM = "7d2c1e29-5d8f-4c1b-8c4e-3f0f5bb2a111"


def seeds_builder(ops: Any = MessagingServices) -> MessagingServiceBuilder:
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
            .sasl_mechanism("PLAIN")
            .schema_registry_topic_suffix_name("-value")
            .supports_metadata_extraction(True)
        )
    )


def test_seeds_example_builds_the_seeds_payload_exactly() -> None:
    assert seeds_builder().build().to_dict() == SEEDS_PAYLOAD


def test_seeds_example_creates_with_one_post_of_the_seeds_payload(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add("POST", SERVICES_URL, json=SEEDS_RESPONSE, status=201)
    svc = seeds_builder(client.messaging_services).create()
    assert len(http.calls) == 1
    assert http.calls[0].request.method == "POST"
    assert sent_json(http.calls[0]) == SEEDS_PAYLOAD
    assert svc.fully_qualified_name == "sample_kafka"
    assert svc.change_type is ChangeType.CREATED
    assert str(svc.id) == SEEDS_RESPONSE["id"]


def test_java_snippet_ports_with_only_syntax_changes(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add("POST", SERVICES_URL, json=SEEDS_RESPONSE, status=201)
    MessagingServices.setDefaultClient(client)
    service = (
        MessagingServices.builder()
        .name("sample_kafka")
        .serviceType("Kafka")
        .connection(
            kafkaConnection()
            .bootstrapServers("localhost:9092")
            .securityProtocol("PLAINTEXT")
            .saslMechanism("PLAIN")
        )
        .create()
    )
    assert service.name == "sample_kafka"
    assert sent_json(http.calls[0]) == {
        "name": "sample_kafka",
        "serviceType": "Kafka",
        "connection": {
            "config": {
                "type": "Kafka",
                "bootstrapServers": "localhost:9092",
                "securityProtocol": "PLAINTEXT",
                "saslMechanism": "PLAIN",
            }
        },
    }


def test_every_request_property_reaches_the_wire() -> None:
    runner = "5f6c0c59-7fd4-4a51-a9a7-5f3bd1f0e0aa"
    body = (
        MessagingServices.builder()
        .name("orders")
        .display_name("Orders")
        .description("**orders** topics")
        .service_type("Redpanda")
        .connection(redpanda_connection().bootstrap_servers("rp:9092"))
        .owner(OWNER)
        .owner(TEAM, type="team")
        .tag("PII.Sensitive")
        .tag("Tier.Tier1", label_type="Derived", state="Suggested", source="Glossary")
        .domain("Marketing")
        .domain("Sales.EMEA")
        .data_product("Orders360")
        .ingestion_runner(runner)
        .entity_status("Approved")
        .build()
        .to_dict()
    )
    assert body == {
        "name": "orders",
        "displayName": "Orders",
        "serviceType": "Redpanda",
        "description": "**orders** topics",
        "connection": {"config": {"type": "Redpanda", "bootstrapServers": "rp:9092"}},
        "tags": [
            {
                "tagFQN": "PII.Sensitive",
                "source": "Classification",
                "labelType": "Manual",
                "state": "Confirmed",
            },
            {
                "tagFQN": "Tier.Tier1",
                "source": "Glossary",
                "labelType": "Derived",
                "state": "Suggested",
            },
        ],
        "owners": [{"id": OWNER, "type": "user"}, {"id": TEAM, "type": "team"}],
        "dataProducts": ["Orders360"],
        "domains": ["Marketing", "Sales.EMEA"],
        "ingestionRunner": {"id": runner, "type": "ingestionRunner"},
        "entityStatus": "Approved",
    }


def test_list_setters_replace_and_accept_models_and_strings() -> None:
    body = (
        MessagingServices.builder()
        .name("s")
        .connection(kafka_connection().bootstrap_servers("k:9092"))
        .tag("Old.Tag")
        .tags(["A.B", TagLabel(tag_fqn="C.D"), {"tagFQN": "E.F", "state": "Suggested"}])
        .owners([{"id": uuid.UUID(OWNER), "type": "user"}])
        .domains(["D1"])
        .data_products(["P1", "P2"])
        .build()
        .to_dict()
    )
    assert [t["tagFQN"] for t in body["tags"]] == ["A.B", "C.D", "E.F"]
    assert all(t["source"] == "Classification" and t["labelType"] == "Manual" for t in body["tags"])
    assert body["tags"][2]["state"] == "Suggested"
    assert body["owners"] == [{"id": OWNER, "type": "user"}]
    assert body["domains"] == ["D1"]
    assert body["dataProducts"] == ["P1", "P2"]


def test_service_type_is_inferred_from_the_connection() -> None:
    request = (
        MessagingServices.builder()
        .name("events")
        .connection(kinesis_connection().aws_config(aws_credentials().aws_region("eu-west-1")))
        .build()
    )
    assert request.service_type is MessagingServiceType.KINESIS
    assert request.to_dict()["serviceType"] == "Kinesis"


def test_service_type_accepts_any_letter_case() -> None:
    request = (
        MessagingServices.builder()
        .name("n")
        .service_type("kafka")
        .connection(kafka_connection().bootstrap_servers("k:1"))
        .build()
    )
    assert request.to_dict()["serviceType"] == "Kafka"


def test_kafka_connection_every_property() -> None:
    config = (
        kafka_connection()
        .bootstrap_servers("b1:9092,b2:9092")
        .schema_registry_url("https://registry.example.com:8081")
        .sasl_username("svc")
        .sasl_password("s3cret")
        .security_protocol("SASL_SSL")
        .sasl_mechanism("SCRAM-SHA-512")
        .basic_auth_user_info("user:pass")
        .consumer_config({"auto.offset.reset": "earliest"})
        .schema_registry_config({"timeout": 5})
        .schema_registry_topic_suffix_name("-v")
        .consumer_config_ssl(ca_certificate="CA", ssl_certificate="CERT", ssl_key="KEY")
        .schema_registry_ssl(ca_certificate="RCA")
        .topic_filter_pattern(includes=["orders.*"], excludes=["_internal.*"])
        .supports_metadata_extraction(False)
        .build()
    )
    assert isinstance(config, KafkaConnection)
    assert config.to_dict() == {
        "type": "Kafka",
        "bootstrapServers": "b1:9092,b2:9092",
        "schemaRegistryURL": "https://registry.example.com:8081",
        "saslUsername": "svc",
        "saslPassword": "s3cret",
        "securityProtocol": "SASL_SSL",
        "saslMechanism": "SCRAM-SHA-512",
        "basicAuthUserInfo": "user:pass",
        "consumerConfig": {"auto.offset.reset": "earliest"},
        "schemaRegistryConfig": {"timeout": 5},
        "schemaRegistryTopicSuffixName": "-v",
        "consumerConfigSSL": {"caCertificate": "CA", "sslCertificate": "CERT", "sslKey": "KEY"},
        "schemaRegistrySSL": {"caCertificate": "RCA"},
        "topicFilterPattern": {"includes": ["orders.*"], "excludes": ["_internal.*"]},
        "supportsMetadataExtraction": False,
    }
    assert config.sasl_password == SecretStr("s3cret")


def test_kafka_camel_case_twins_set_the_same_properties() -> None:
    snake = (
        kafka_connection()
        .bootstrap_servers("h:1")
        .schema_registry_url("http://r")
        .sasl_username("u")
        .sasl_password("p")
        .security_protocol("SASL_SSL")
        .sasl_mechanism("PLAIN")
        .basic_auth_user_info("a:b")
        .consumer_config({"x": 1})
        .schema_registry_config({"y": 2})
        .schema_registry_topic_suffix_name("-s")
        .consumer_config_ssl(ca_certificate="c")
        .schema_registry_ssl(ssl_key="k")
        .topic_filter_pattern(includes=["i"])
        .supports_metadata_extraction(True)
    )
    camel = (
        kafkaConnection()
        .bootstrapServers("h:1")
        .schemaRegistryURL("http://r")
        .saslUsername("u")
        .saslPassword("p")
        .securityProtocol("SASL_SSL")
        .saslMechanism("PLAIN")
        .basicAuthUserInfo("a:b")
        .consumerConfig({"x": 1})
        .schemaRegistryConfig({"y": 2})
        .schemaRegistryTopicSuffixName("-s")
        .consumerConfigSSL(ca_certificate="c")
        .schemaRegistrySSL(ssl_key="k")
        .topicFilterPattern(includes=["i"])
        .supportsMetadataExtraction(True)
    )
    assert snake.build() == camel.build()


def test_redpanda_connection_every_property() -> None:
    body = (
        redpanda_connection()
        .bootstrap_servers("rp:9092")
        .schema_registry_url("http://rp:8081")
        .sasl_username("u")
        .sasl_password("p")
        .security_protocol("SASL_PLAINTEXT")
        .sasl_mechanism("PLAIN")
        .basic_auth_user_info("a:b")
        .consumer_config({"c": "1"})
        .schema_registry_config({"s": "2"})
        .schema_registry_topic_suffix_name("-value")
        .topic_filter_pattern(excludes=["tmp.*"])
        .supports_metadata_extraction(True)
        .supports_profiler(False)
        .build()
        .to_dict()
    )
    assert body == {
        "type": "Redpanda",
        "bootstrapServers": "rp:9092",
        "schemaRegistryURL": "http://rp:8081",
        "saslUsername": "u",
        "saslPassword": "p",
        "schemaRegistryTopicSuffixName": "-value",
        "securityProtocol": "SASL_PLAINTEXT",
        "saslMechanism": "PLAIN",
        "basicAuthUserInfo": "a:b",
        "consumerConfig": {"c": "1"},
        "schemaRegistryConfig": {"s": "2"},
        "topicFilterPattern": {"excludes": ["tmp.*"]},
        "supportsMetadataExtraction": True,
        "supportsProfiler": False,
    }


def test_kinesis_connection_with_every_aws_credential() -> None:
    creds = (
        awsCredentials()
        .awsRegion("us-east-1")
        .awsAccessKeyId("AKIAEXAMPLE")
        .awsSecretAccessKey("aws-secret")
        .awsSessionToken("session-tok")
        .endPointURL("http://localhost:4566")
        .profileName("dev")
        .assumeRoleArn("arn:aws:iam::1:role/r")
        .assumeRoleSessionName("sess")
        .assumeRoleSourceIdentity("me")
    )
    body = (
        kinesis_connection()
        .aws_config(creds)
        .topic_filter_pattern(includes=["a"])
        .supports_metadata_extraction(True)
        .build()
        .to_dict()
    )
    assert body == {
        "type": "Kinesis",
        "awsConfig": {
            "awsRegion": "us-east-1",
            "awsAccessKeyId": "AKIAEXAMPLE",
            "awsSecretAccessKey": "aws-secret",
            "awsSessionToken": "session-tok",
            "endPointURL": "http://localhost:4566",
            "profileName": "dev",
            "assumeRoleArn": "arn:aws:iam::1:role/r",
            "assumeRoleSessionName": "sess",
            "assumeRoleSourceIdentity": "me",
        },
        "topicFilterPattern": {"includes": ["a"]},
        "supportsMetadataExtraction": True,
    }


@pytest.mark.parametrize(
    ("auth", "wire"),
    [
        (
            lambda b: b.basic_auth("nats-user", "nats-pw"),
            {"username": "nats-user", "password": "nats-pw"},
        ),
        (lambda b: b.token_auth("nats-token"), {"token": "nats-token"}),
        (lambda b: b.nkey_auth("SUAEXAMPLESEED"), {"nkeySeed": "SUAEXAMPLESEED"}),
    ],
)
def test_nats_connection_with_each_auth_type(auth: Any, wire: dict[str, str]) -> None:
    builder = (
        nats_connection()
        .nats_servers("nats://a:4222,nats://b:4222")
        .tls_config(ca_certificate="CA")
        .additional_config({"max_reconnect_attempts": 5})
        .schema_kv_bucket("schemas")
        .topic_filter_pattern(includes=["orders.>"])
        .supports_metadata_extraction(True)
    )
    body = auth(builder).build().to_dict()
    assert body == {
        "type": "Nats",
        "natsServers": "nats://a:4222,nats://b:4222",
        "authType": wire,
        "tlsConfig": {"caCertificate": "CA"},
        "additionalConfig": {"max_reconnect_attempts": 5},
        "schemaKvBucket": "schemas",
        "topicFilterPattern": {"includes": ["orders.>"]},
        "supportsMetadataExtraction": True,
    }


@pytest.mark.parametrize(
    ("creds", "wire"),
    [
        (
            gcp_credentials().service_account(
                project_id="proj",
                private_key_id="kid",
                private_key="-----KEY-----",
                client_email="sa@proj.iam.gserviceaccount.com",
                client_id="123",
                auth_uri="https://accounts.google.com/o/oauth2/auth",
                token_uri="https://oauth2.googleapis.com/token",
                auth_provider_x509_cert_url="https://www.googleapis.com/oauth2/v1/certs",
                client_x509_cert_url="https://www.googleapis.com/robot/v1/metadata/x509/sa",
            ),
            {
                "gcpConfig": {
                    "type": "service_account",
                    "projectId": "proj",
                    "privateKeyId": "kid",
                    "privateKey": "-----KEY-----",
                    "clientEmail": "sa@proj.iam.gserviceaccount.com",
                    "clientId": "123",
                    "authUri": "https://accounts.google.com/o/oauth2/auth",
                    "tokenUri": "https://oauth2.googleapis.com/token",
                    "authProviderX509CertUrl": "https://www.googleapis.com/oauth2/v1/certs",
                    "clientX509CertUrl": "https://www.googleapis.com/robot/v1/metadata/x509/sa",
                }
            },
        ),
        (
            gcp_credentials()
            .credentials_path("/keys/sa.json", project_id="p")
            .impersonate_service_account("other@p.iam.gserviceaccount.com", lifetime=600),
            {
                "gcpConfig": {
                    "type": "gcp_credential_path",
                    "path": "/keys/sa.json",
                    "projectId": "p",
                },
                "gcpImpersonateServiceAccount": {
                    "impersonateServiceAccount": "other@p.iam.gserviceaccount.com",
                    "lifetime": 600,
                },
            },
        ),
        (
            gcp_credentials().external_account(
                audience="//iam.googleapis.com/x",
                subject_token_type="urn:jwt",
                token_url="https://sts.googleapis.com/v1/token",
                credential_source={"file": "/var/token"},
            ),
            {
                "gcpConfig": {
                    "type": "external_account",
                    "externalType": "external_account",
                    "audience": "//iam.googleapis.com/x",
                    "subjectTokenType": "urn:jwt",
                    "tokenURL": "https://sts.googleapis.com/v1/token",
                    "credentialSource": {"file": "/var/token"},
                }
            },
        ),
        (
            gcp_credentials().application_default(project_id="p"),
            {"gcpConfig": {"type": "gcp_adc", "projectId": "p"}},
        ),
    ],
)
def test_pubsub_connection_with_each_gcp_credential_kind(creds: Any, wire: Any) -> None:
    body = (
        pubsub_connection()
        .gcp_config(creds)
        .project_id("proj")
        .host_port("localhost:8085")
        .use_emulator(True)
        .schema_registry_enabled(False)
        .include_subscriptions(True)
        .include_dead_letter_topics(False)
        .topic_filter_pattern(includes=["t"])
        .supports_metadata_extraction(True)
        .build()
        .to_dict()
    )
    assert body == {
        "type": "PubSub",
        "gcpConfig": wire,
        "projectId": "proj",
        "hostPort": "localhost:8085",
        "useEmulator": True,
        "schemaRegistryEnabled": False,
        "includeSubscriptions": True,
        "includeDeadLetterTopics": False,
        "topicFilterPattern": {"includes": ["t"]},
        "supportsMetadataExtraction": True,
    }


def test_custom_messaging_connection_every_property() -> None:
    body = (
        custom_messaging_connection()
        .source_python_class("my_pkg.sources.Pulsar")
        .connection_options({"serviceUrl": "pulsar://p:6650"})
        .build()
        .to_dict()
    )
    assert body == {
        "type": "CustomMessaging",
        "sourcePythonClass": "my_pkg.sources.Pulsar",
        "connectionOptions": {"serviceUrl": "pulsar://p:6650"},
    }


def test_connection_accepts_models_and_dicts() -> None:
    model = KafkaConnection(bootstrap_servers="m:9092")
    for given in (
        model,
        {"type": "Kafka", "bootstrapServers": "m:9092"},
        {"config": {"type": "Kafka", "bootstrapServers": "m:9092"}},
    ):
        request = MessagingServices.builder().name("x").connection(given).build()
        assert request.to_dict()["connection"] == {
            "config": {"type": "Kafka", "bootstrapServers": "m:9092"}
        }
        assert request.service_type is MessagingServiceType.KAFKA


def test_copy_derives_independent_fixtures() -> None:
    base = (
        MessagingServices.builder()
        .service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers("k:9092"))
        .tag("Tier.Tier1")
    )
    first = base.copy().name("first").tag("PII.None")
    second = base.copy().name("second")
    assert first.build().name == "first"
    assert [t.tag_fqn for t in (first.build().tags or ())] == ["Tier.Tier1", "PII.None"]
    assert [t.tag_fqn for t in (second.build().tags or ())] == ["Tier.Tier1"]
    assert "name" not in base.to_dict()


def test_setters_return_the_same_builder_like_java() -> None:
    builder = MessagingServices.builder()
    assert builder.name("a") is builder
    assert builder.serviceType("Kafka") is builder


def test_setters_never_raise_and_build_reports_everything() -> None:
    builder = (
        MessagingServices.builder()
        .name(123)  # type: ignore[arg-type]
        .service_type("Kafak")
        .connection(kafka_connection().security_protocol("TLS"))
    )
    with pytest.raises(ValueError) as info:
        builder.build()
    text = str(info.value)
    assert "name: must be a string" in text
    assert "serviceType: 'Kafak' is not one of" in text
    assert "connection.config.bootstrapServers: is required" in text
    assert "connection.config.securityProtocol: 'TLS' is not one of" in text


def test_build_returns_the_request_model_without_a_request(http: responses.RequestsMock) -> None:
    request = seeds_builder().build()
    assert isinstance(request, CreateMessagingServiceRequest)
    assert len(http.calls) == 0


def test_the_default_client_is_looked_up_when_create_runs(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    builder = seeds_builder()  # no default client exists yet: making a builder is fine
    MessagingServices.set_default_client(client)
    http.add("POST", SERVICES_URL, json=SEEDS_RESPONSE, status=201)
    assert builder.create().name == "sample_kafka"


def test_a_bound_builder_uses_its_client_not_the_default(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    other = OpenMetadataClient("http://other.test/api", "x")
    MessagingServices.set_default_client(other)
    http.add(
        "PUT",
        SERVICES_URL,
        json=SEEDS_RESPONSE,
        status=201,
        headers={"X-OpenMetadata-Change": "entityCreated"},
    )
    svc = seeds_builder(client.messaging_services).upsert()
    assert http.calls[0].request.url == SERVICES_URL
    assert svc.change_type is ChangeType.CREATED


@pytest.mark.parametrize(
    ("status", "header", "expected"),
    [
        (201, "entityCreated", ChangeType.CREATED),
        (200, "entityUpdated", ChangeType.UPDATED),
        (200, "entityNoChange", ChangeType.NO_CHANGE),
        (200, "entityRestored", ChangeType.RESTORED),
        (201, None, ChangeType.CREATED),
    ],
)
def test_upsert_reports_what_happened(
    client: OpenMetadataClient,
    http: responses.RequestsMock,
    status: int,
    header: str | None,
    expected: ChangeType,
) -> None:
    headers = {"X-OpenMetadata-Change": header} if header else {}
    http.add("PUT", SERVICES_URL, json=SEEDS_RESPONSE, status=status, headers=headers)
    svc = seeds_builder(client.messaging_services).create_or_update()
    assert http.calls[0].request.method == "PUT"
    assert sent_json(http.calls[0]) == SEEDS_PAYLOAD
    assert svc.change_type is expected
    assert "changeType" not in svc.to_dict()
    assert svc.to_dict() == SEEDS_RESPONSE


def test_sasl_without_a_sasl_protocol_warns() -> None:
    builder = (
        MessagingServices.builder()
        .name("k")
        .connection(
            kafka_connection().bootstrap_servers("k:9092").sasl_username("u").sasl_password("p")
        )
    )
    with pytest.warns(UserWarning, match="securityProtocol is unset") as record:
        builder.build()
    assert record[0].filename == __file__
    assert "p" not in str(record[0].message).split("'")


def test_sasl_with_plaintext_and_a_non_default_mechanism_warns() -> None:
    builder = (
        MessagingServices.builder()
        .name("k")
        .connection(
            kafka_connection()
            .bootstrap_servers("k:9092")
            .security_protocol("PLAINTEXT")
            .sasl_mechanism("SCRAM-SHA-256")
        )
    )
    with pytest.warns(UserWarning, match="saslMechanism set but securityProtocol is PLAINTEXT"):
        builder.build()


def test_seeds_example_and_sasl_ssl_do_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        seeds_builder().build()
        MessagingServices.builder().name("k").connection(
            kafka_connection()
            .bootstrap_servers("k:9092")
            .security_protocol("SASL_SSL")
            .sasl_username("u")
            .sasl_password("p")
            .sasl_mechanism("SCRAM-SHA-512")
        ).build()


def test_secrets_pasted_into_consumer_config_warn() -> None:
    builder = (
        MessagingServices.builder()
        .name("k")
        .connection(
            kafka_connection()
            .bootstrap_servers("k:9092")
            .consumer_config({"sasl.password": "oops"})
        )
    )
    with pytest.warns(UserWarning, match=r"consumerConfig: sasl.password is stored"):
        builder.build()


def test_a_config_dict_without_type_takes_the_service_type() -> None:
    request = (
        MessagingServices.builder()
        .name("typed_by_service")
        .service_type("redpanda")
        .connection({"bootstrapServers": "rp:9092"})
        .build()
    )
    assert request.to_dict()["connection"] == {
        "config": {"type": "Redpanda", "bootstrapServers": "rp:9092"}
    }
