"""Which secrets are masked, for whom (API_FACTS "Secrets" [corrected]; server:
PasswordEntityMasker.java walks @PasswordField getters only, ServiceEntityResource
.decryptOrNullify masks unless Authorizer.shouldMaskPasswords says not)."""

from __future__ import annotations

from typing import Any

import pytest

from openmetadata_fluent.models.common import MASK
from openmetadata_fluent.serialization import masked_keys
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.contract.conftest import SECRET, Api, sasl

NATS = {"type": "Nats", "natsServers": "nats://n:4222"}


def _service(service_type: str, config: dict[str, Any], name: str = "svc") -> dict[str, Any]:
    return {"name": name, "serviceType": service_type, "connection": {"config": config}}


@pytest.mark.parametrize(
    ("service_type", "config", "path"),
    [
        ("Kafka", {"bootstrapServers": "k:1", "saslPassword": SECRET}, ("saslPassword",)),
        ("Kafka", {"bootstrapServers": "k:1", "basicAuthUserInfo": SECRET}, ("basicAuthUserInfo",)),
        ("Redpanda", {"bootstrapServers": "r:1", "saslPassword": SECRET}, ("saslPassword",)),
        (
            "Kinesis",
            {"awsConfig": {"awsRegion": "eu-west-1", "awsSecretAccessKey": SECRET}},
            ("awsConfig", "awsSecretAccessKey"),
        ),
        (
            "PubSub",
            {"gcpConfig": {"gcpConfig": {"type": "service_account", "privateKey": SECRET}}},
            ("gcpConfig", "gcpConfig", "privateKey"),
        ),
        (
            "Nats",
            {**NATS, "authType": {"username": "u", "password": SECRET}},
            ("authType", "password"),
        ),
        ("Nats", {**NATS, "authType": {"token": SECRET}}, ("authType", "token")),
        ("Nats", {**NATS, "authType": {"nkeySeed": SECRET}}, ("authType", "nkeySeed")),
    ],
    ids=["kafka-sasl", "kafka-basic", "redpanda", "aws", "gcp", "nats-basic", "nats-token", "nkey"],
)
def test_password_fields_are_masked_for_users(
    api: Api, service_type: str, config: dict[str, Any], path: tuple[str, ...]
) -> None:
    """Exactly the ``format: password`` fields (the SDK's ``masked_keys``), wherever the
    config class nests them, are ``*********`` for non-bot callers."""
    made = api.create(_service(service_type, config))
    for shown in (made, api("GET", f"/{made['id']}").json()):
        value: Any = shown["connection"]["config"]
        for key in path:
            value = value[key]
        assert value == MASK == "*********"
        assert path[-1] in masked_keys()


@pytest.mark.parametrize(
    ("service_type", "config", "where"),
    [
        (
            "Kafka",
            {"bootstrapServers": "k:1", "consumerConfig": {"password": SECRET}},
            "consumerConfig",
        ),
        (
            "Kafka",
            {"bootstrapServers": "k:1", "schemaRegistryConfig": {"basic.auth.user.info": SECRET}},
            "schemaRegistryConfig",
        ),
        (
            "CustomMessaging",
            {"sourcePythonClass": "a.B", "connectionOptions": {"token": SECRET}},
            "connectionOptions",
        ),
        ("Nats", {**NATS, "additionalConfig": {"password": SECRET}}, "additionalConfig"),
    ],
    ids=["consumerConfig", "schemaRegistryConfig", "connectionOptions", "additionalConfig"],
)
def test_free_form_maps_are_never_masked(
    api: Api, service_type: str, config: dict[str, Any], where: str
) -> None:
    """Whatever their keys: a secret put there is shown to every reader."""
    made = api.create(_service(service_type, config))
    assert SECRET in api("GET", f"/{made['id']}").json()["connection"]["config"][where].values()


def test_session_tokens_and_tls_keys_come_back_as_stored(api: Api) -> None:
    """Only password-format fields are masked: awsSessionToken and sslKey are not."""
    config = {
        "bootstrapServers": "k:1",
        "consumerConfigSSL": {"sslKey": "-----BEGIN KEY-----"},
    }
    made = api.create(_service("Kafka", config))
    assert made["connection"]["config"]["consumerConfigSSL"]["sslKey"] == "-----BEGIN KEY-----"
    aws = {"awsConfig": {"awsRegion": "eu-west-1", "awsSessionToken": "session"}}
    kinesis = api.create(_service("Kinesis", aws, "kin"))
    assert kinesis["connection"]["config"]["awsConfig"]["awsSessionToken"] == "session"


def test_bots_see_secrets_in_clear(api: Api, fake: FakeOpenMetadata) -> None:
    """Authorizer.shouldMaskPasswords is false for bots: reads and lists in clear."""
    fake.add_token("bot-token", "ingestion-bot", bot=True)
    made = api.create(sasl())
    bot = api.as_user("bot-token")
    assert bot("GET", f"/{made['id']}").json()["connection"]["config"]["saslPassword"] == SECRET
    listed = bot("GET").json()["data"][0]
    assert listed["connection"]["config"]["saslPassword"] == SECRET


def test_change_descriptions_and_versions_never_show_a_secret(api: Api) -> None:
    """A connection change shows as old/new-encrypted-value; versions are masked reads."""
    made = api.create(sasl())
    rotated = api("PUT", json=sasl(password="rotated-secret"))
    assert "rotated-secret" not in rotated.text and SECRET not in rotated.text
    versions = api("GET", f"/{made['id']}/versions")
    assert "rotated-secret" not in versions.text and SECRET not in versions.text


def test_without_auth_nobody_gets_masks(clock: Any) -> None:
    """Authorizer.shouldMaskPasswords is false on a server without auth: no token is
    needed and secrets come back in clear (who the caller is then is not proven)."""
    fake = FakeOpenMetadata(auth=False, clock=clock)
    with fake.mock():
        anonymous = Api(fake, token=None)
        made = anonymous.create(sasl())
        assert made["connection"]["config"]["saslPassword"] == SECRET
        shown = anonymous("GET", f"/{made['id']}").json()
        assert shown["connection"]["config"]["saslPassword"] == SECRET


def test_the_sdk_reads_a_masked_secret_as_masked(fake: FakeOpenMetadata) -> None:
    """End to end: the SDK sees the mask as a masked SecretStr."""
    api = Api(fake)
    made = api.create(sasl())
    service = fake.client().messaging_services.retrieve(made["id"])
    config = service.connection.config  # type: ignore[union-attr]
    assert config.sasl_password.is_masked  # type: ignore[union-attr]
