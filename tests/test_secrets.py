"""Secrets never appear in reprs, logs or error messages."""

from __future__ import annotations

import logging

import pytest
import responses

from openmetadata_fluent import (
    MessagingServices,
    OpenMetadataClient,
    ValidationError,
    aws_credentials,
    gcp_credentials,
    kafka_connection,
    kinesis_connection,
    nats_connection,
    pubsub_connection,
)
from openmetadata_fluent.errors import APIError

from .conftest import SERVICES_URL, TOKEN

SECRETS = [
    "sasl-pw-1",
    "user:basic-2",
    "aws-secret-3",
    "aws-session-4",
    "nats-pw-5",
    "nats-token-6",
    "nkey-seed-7",
    "gcp-private-8",
    "ssl-key-9",
]


def every_secret_builder() -> list[object]:
    return [
        MessagingServices.builder()
        .name("k")
        .connection(
            kafka_connection()
            .bootstrap_servers("k:1")
            .sasl_password("sasl-pw-1")
            .basic_auth_user_info("user:basic-2")
            .consumer_config_ssl(ssl_key="ssl-key-9")
            .security_protocol("SASL_SSL")
        ),
        kinesis_connection().aws_config(
            aws_credentials()
            .aws_region("r")
            .aws_secret_access_key("aws-secret-3")
            .aws_session_token("aws-session-4")
        ),
        nats_connection().nats_servers("n").basic_auth("u", "nats-pw-5"),
        nats_connection().nats_servers("n").token_auth("nats-token-6"),
        nats_connection().nats_servers("n").nkey_auth("nkey-seed-7"),
        pubsub_connection().gcp_config(
            gcp_credentials().service_account(private_key="gcp-private-8")
        ),
    ]


def test_builders_and_built_models_hide_every_secret() -> None:
    for builder in every_secret_builder():
        shown = repr(builder) + str(builder) + repr(builder.build())  # type: ignore[attr-defined]
        for secret in SECRETS:
            assert secret not in shown


def test_validation_errors_do_not_echo_secrets() -> None:
    builder = (
        MessagingServices.builder()
        .name("a::b")
        .connection(kafka_connection().sasl_password("sasl-pw-1").security_protocol("SASL_SSL"))
    )
    with pytest.raises(ValidationError) as info:
        builder.build()
    assert "sasl-pw-1" not in str(info.value)


def test_errors_and_logs_never_show_the_token_or_secrets(
    http: responses.RequestsMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client = OpenMetadataClient("http://om.test:8585/api", TOKEN, max_retries=0)
    http.add(
        "POST", SERVICES_URL, status=400, json={"code": 400, "message": "Invalid request format"}
    )
    builder = every_secret_builder()[0]
    with pytest.raises(APIError) as info:
        client.messaging_services.create(builder)  # type: ignore[arg-type]
    shown = str(info.value) + repr(info.value) + caplog.text + repr(client)
    for secret in [TOKEN, *SECRETS]:
        assert secret not in shown
