"""Models: wire JSON in and out without loss, secrets kept out of sight."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from openmetadata_fluent import ChangeType, MessagingService, MessagingServiceType, SecretStr
from openmetadata_fluent.models import (
    MASK,
    KafkaConnection,
    NatsConnection,
    NatsTokenAuth,
    PubSubConnection,
    UnknownConnection,
)

from .conftest import SEEDS_RESPONSE


def test_seeds_response_parses_into_typed_fields() -> None:
    svc = MessagingService.from_dict(SEEDS_RESPONSE)
    assert str(svc.id) == "469ef25e-9bdf-4d5f-8553-eb0ce8581f30"
    assert svc.service_type is MessagingServiceType.KAFKA
    assert svc.fully_qualified_name == "sample_kafka"
    assert svc.version == 0.1
    assert svc.updated_by == "admin"
    assert svc.deleted is False
    assert svc.tags == () and svc.owners == () and svc.domains == ()
    assert isinstance(svc.connection and svc.connection.config, KafkaConnection)


def test_seeds_response_round_trips_exactly() -> None:
    assert MessagingService.from_dict(SEEDS_RESPONSE).to_dict() == SEEDS_RESPONSE


def test_unknown_fields_nulls_and_empty_lists_round_trip() -> None:
    data: dict[str, Any] = copy.deepcopy(SEEDS_RESPONSE)
    data["futureTopLevel"] = {"nested": [1, 2]}
    data["displayName"] = None
    data["followers"] = []
    data["connection"]["config"]["newerServerKey"] = "x"
    data["owners"] = [
        {
            "id": "0b0c3e5e-52c6-4a84-9c3e-2ea4f1a7c0de",
            "type": "user",
            "name": "alice",
            "newRefField": True,
        }
    ]
    svc = MessagingService.from_dict(data)
    assert svc.extra == {"futureTopLevel": {"nested": [1, 2]}, "displayName": None}
    assert svc.followers == ()
    assert svc.to_dict() == data
    assert json.loads(json.dumps(svc.to_dict())) == data


def test_unknown_service_and_connection_types_are_kept() -> None:
    data = {
        **SEEDS_RESPONSE,
        "serviceType": "Pulsar",
        "connection": {"config": {"type": "Pulsar", "serviceUrl": "pulsar://p"}},
    }
    svc = MessagingService.from_dict(data)
    assert svc.service_type == "Pulsar"
    assert not svc.service_type.is_known
    assert isinstance(svc.connection and svc.connection.config, UnknownConnection)
    assert svc.to_dict() == data


def test_change_type_is_not_part_of_the_wire_or_equality() -> None:
    svc = MessagingService.from_dict(SEEDS_RESPONSE)
    object.__setattr__(svc, "change_type", ChangeType.UPDATED)
    assert "changeType" not in svc.to_dict()
    assert svc == MessagingService.from_dict(SEEDS_RESPONSE)


def test_parsing_a_bad_response_names_the_model() -> None:
    with pytest.raises(ValueError, match="cannot read MessagingService"):
        MessagingService.from_dict({"name": "no id"})
    with pytest.raises(ValueError, match="cannot read MessagingService"):
        MessagingService.from_dict({**SEEDS_RESPONSE, "name": 42})


def test_secret_str_never_shows_its_value() -> None:
    secret = SecretStr("hunter2")
    assert "hunter2" not in repr(secret) and "hunter2" not in str(secret)
    assert secret.get_secret_value() == "hunter2"
    assert secret == SecretStr("hunter2") and secret != SecretStr("other")
    assert SecretStr(MASK).is_masked and not secret.is_masked


def test_models_with_secrets_hide_them_in_repr() -> None:
    config = KafkaConnection(bootstrap_servers="k", sasl_password=SecretStr("pw-123"))
    assert "pw-123" not in repr(config)
    assert config.to_dict()["saslPassword"] == "pw-123"
    nats = NatsConnection.from_dict(
        {"type": "Nats", "natsServers": "n", "authType": {"token": "tok-456"}}
    )
    assert isinstance(nats.auth_type, NatsTokenAuth)
    assert "tok-456" not in repr(nats)


def test_masked_secrets_from_the_server_round_trip_as_the_mask() -> None:
    data = copy.deepcopy(SEEDS_RESPONSE)
    data["connection"]["config"]["saslPassword"] = MASK
    svc = MessagingService.from_dict(data)
    config = svc.connection.config if svc.connection else None
    assert isinstance(config, KafkaConnection) and config.sasl_password is not None
    assert config.sasl_password.is_masked
    assert svc.to_dict() == data


def test_gcp_project_id_as_a_list_round_trips() -> None:
    data = {
        "type": "PubSub",
        "gcpConfig": {"gcpConfig": {"type": "gcp_adc", "projectId": ["a", "b"]}},
    }
    assert PubSubConnection.from_dict(data).to_dict() == data
