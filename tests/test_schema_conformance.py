"""Every body the SDK builds validates against the official create-request schema."""

from __future__ import annotations

from typing import Any

import pytest

from openmetadata_fluent import (
    MessagingServices,
    aws_credentials,
    custom_messaging_connection,
    gcp_credentials,
    kafka_connection,
    kinesis_connection,
    nats_connection,
    pubsub_connection,
    redpanda_connection,
)

from .conftest import SEEDS_PAYLOAD

OWNER = "0b0c3e5e-52c6-4a84-9c3e-2ea4f1a7c0de"

CONNECTIONS: dict[str, Any] = {
    "kafka-full": lambda: (
        kafka_connection()
        .bootstrap_servers("b:9092")
        .schema_registry_url("https://r:8081")
        .sasl_username("u")
        .sasl_password("p")
        .security_protocol("SASL_SSL")
        .sasl_mechanism("SCRAM-SHA-256")
        .basic_auth_user_info("a:b")
        .consumer_config({"x": 1})
        .schema_registry_config({"y": "z"})
        .schema_registry_topic_suffix_name("-v")
        .consumer_config_ssl(ca_certificate="CA", ssl_certificate="C", ssl_key="K")
        .schema_registry_ssl(ca_certificate="CA")
        .topic_filter_pattern(["a"], ["b"])
        .supports_metadata_extraction(True)
    ),
    "redpanda-full": lambda: (
        redpanda_connection()
        .bootstrap_servers("r:9092")
        .schema_registry_url("http://r:8081")
        .sasl_username("u")
        .sasl_password("p")
        .security_protocol("SASL_PLAINTEXT")
        .sasl_mechanism("PLAIN")
        .basic_auth_user_info("a:b")
        .consumer_config({})
        .schema_registry_config({})
        .schema_registry_topic_suffix_name("-value")
        .topic_filter_pattern(excludes=["x"])
        .supports_metadata_extraction(False)
        .supports_profiler(True)
    ),
    "kinesis-full": lambda: (
        kinesis_connection()
        .aws_config(
            aws_credentials()
            .aws_region("us-east-1")
            .aws_access_key_id("AK")
            .aws_secret_access_key("SK")
            .aws_session_token("ST")
            .end_point_url("http://l:4566")
            .profile_name("p")
            .assume_role_arn("arn")
            .assume_role_session_name("s")
            .assume_role_source_identity("i")
        )
        .topic_filter_pattern(["t"])
        .supports_metadata_extraction(True)
    ),
    "nats-basic": lambda: (
        nats_connection()
        .nats_servers("nats://n:4222")
        .basic_auth("u", "p")
        .tls_config(ca_certificate="CA", ssl_key="K")
        .additional_config({"name": "x"})
        .schema_kv_bucket("b")
        .topic_filter_pattern(["x"])
        .supports_metadata_extraction(True)
    ),
    "nats-token": lambda: nats_connection().nats_servers("nats://n:4222").token_auth("t"),
    "nats-nkey": lambda: nats_connection().nats_servers("nats://n:4222").nkey_auth("SU"),
    "pubsub-values": lambda: (
        pubsub_connection()
        .gcp_config(
            gcp_credentials()
            .service_account(
                project_id=["a", "b"],
                private_key_id="k",
                private_key="pk",
                client_email="e@x",
                client_id="1",
                auth_uri="https://a",
                token_uri="https://t",
                auth_provider_x509_cert_url="https://c",
                client_x509_cert_url="https://d",
            )
            .impersonate_service_account("i@x", lifetime=60)
        )
        .project_id("p")
        .host_port("h:1")
        .use_emulator(True)
        .schema_registry_enabled(True)
        .include_subscriptions(False)
        .include_dead_letter_topics(True)
        .topic_filter_pattern(["t"])
        .supports_metadata_extraction(True)
    ),
    "pubsub-path": lambda: pubsub_connection().gcp_config(
        gcp_credentials().credentials_path("/k.json", project_id="p")
    ),
    "pubsub-external": lambda: pubsub_connection().gcp_config(
        gcp_credentials().external_account(
            audience="a",
            subject_token_type="t",
            token_url="https://u",
            credential_source={"f": "x"},
        )
    ),
    "pubsub-adc": lambda: pubsub_connection().gcp_config(gcp_credentials().application_default()),
    "pubsub-bare": lambda: pubsub_connection(),
    "custom": lambda: (
        custom_messaging_connection().source_python_class("a.B").connection_options({"k": "v"})
    ),
}


def test_seeds_payload_is_schema_valid(create_schema_validator: Any) -> None:
    create_schema_validator.validate(SEEDS_PAYLOAD)


@pytest.mark.parametrize("kind", sorted(CONNECTIONS))
def test_every_connection_kind_builds_a_schema_valid_body(
    kind: str, create_schema_validator: Any
) -> None:
    body = (
        MessagingServices.builder()
        .name(f"svc-{kind}")
        .display_name("Display")
        .description("desc")
        .connection(CONNECTIONS[kind]())
        .owner(OWNER)
        .owner(OWNER, type="team")
        .tag("PII.Sensitive")
        .tag("Glossary.Term", label_type="Propagated", state="Suggested", source="Glossary")
        .domain("Marketing")
        .data_product("Prod")
        .ingestion_runner(OWNER)
        .entity_status("Draft")
        .build()
        .to_dict()
    )
    errors = sorted(create_schema_validator.iter_errors(body), key=str)
    assert errors == [], [e.message for e in errors]


def test_the_schema_check_can_fail(create_schema_validator: Any) -> None:
    """Guards the guard: a body the SDK refuses is also refused by the schema validator."""
    bad = dict(SEEDS_PAYLOAD, domain="Marketing")
    assert list(create_schema_validator.iter_errors(bad))
    bad_config = {**SEEDS_PAYLOAD, "connection": {"config": {"type": "Kafka", "oops": 1}}}
    assert list(create_schema_validator.iter_errors(bad_config))


def test_masked_keys_are_exactly_the_schemas_password_fields(
    create_schema_validator: Any,
) -> None:
    """The fields the server masks are its password-format ones, as the schemas say."""
    import json
    import os
    import pathlib

    from openmetadata_fluent.serialization import masked_keys, secret_keys

    root = pathlib.Path(os.environ["OPENMETADATA_SCHEMAS"])
    password_fields: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in (node.get("properties") or {}).items():
                if isinstance(value, dict) and value.get("format") == "password":
                    password_fields.add(key)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in root.rglob("*.json"):
        walk(json.loads(path.read_text()))
    assert masked_keys() == password_fields
    assert masked_keys() < secret_keys()  # session tokens and TLS keys are hidden too
