"""Models: wire JSON in and out without loss, secrets kept out of sight."""

from __future__ import annotations

import copy
import json
import typing
from collections.abc import Mapping
from typing import Any

import attrs
import pytest

from openmetadata_fluent import (
    ChangeType,
    MessagingService,
    MessagingServiceType,
    SecretStr,
    _secrets,
    models,
)
from openmetadata_fluent.models import (
    MASK,
    CustomMessagingConnection,
    GcpExternalAccount,
    KafkaConnection,
    MessagingConnection,
    NatsConnection,
    NatsTokenAuth,
    PubSubConnection,
    RedpandaConnection,
    TagLabel,
    UnknownConnection,
)
from openmetadata_fluent.models._access import redacted_repr
from openmetadata_fluent.serialization import secret_keys

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
    svc.change_type = ChangeType.UPDATED
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


# -- reprs never show secrets ----------------------------------------------------------

SECRET = "s3cr3t-value-never-shown"


def test_an_unknown_connection_type_hides_its_secrets_in_repr() -> None:
    data = {
        **SEEDS_RESPONSE,
        "serviceType": "Pulsar",
        "connection": {
            "config": {
                "type": "Pulsar",
                "serviceUrl": "pulsar://p:6650",
                "saslPassword": SECRET,
                "auth": {"authToken": SECRET, "clientSecret": SECRET},
                "brokers": [{"host": "b1", "apiKey": SECRET}],
            }
        },
    }
    svc = MessagingService.from_dict(data)
    config = svc.connection.config if svc.connection else None
    assert isinstance(config, UnknownConnection)
    for shown in (repr(config), repr(svc), str(svc)):
        assert SECRET not in shown
        assert "pulsar://p:6650" in shown and "'host': 'b1'" in shown
    assert svc.to_dict() == data  # hidden from sight only, never from the wire


FREE_FORM_MAPS = [
    KafkaConnection(
        bootstrap_servers="k",
        consumer_config={"sasl.jaas.config": SECRET, "ssl.keystore.password": SECRET, "a": "1"},
        schema_registry_config={"basic.auth.user.info": SECRET, "a": "1"},
    ),
    RedpandaConnection(
        bootstrap_servers="r",
        consumer_config={"sasl.password": SECRET, "a": "1"},
        schema_registry_config={"bearer.auth.token": SECRET, "a": "1"},
    ),
    NatsConnection(nats_servers="n", additional_config={"password": SECRET, "a": "1"}),
    CustomMessagingConnection(
        source_python_class="x.Y", connection_options={"apiToken": SECRET, "a": "1"}
    ),
    GcpExternalAccount(credential_source={"client_secret": SECRET, "a": "1"}),
    TagLabel(tag_fqn="t", style={"secretColor": SECRET, "a": "1"}, metadata={"token": SECRET}),
    MessagingService.from_dict(
        {
            **SEEDS_RESPONSE,
            "style": {"privateKey": SECRET, "a": "1"},
            "testConnectionResult": {"steps": [{"credentials": SECRET, "a": "1"}]},
            "changeDescription": {"fieldsUpdated": [{"password": SECRET, "a": "1"}]},
            "incrementalChangeDescription": {"fieldsAdded": [{"secret": SECRET, "a": "1"}]},
        }
    ),
]


@pytest.mark.parametrize("model", FREE_FORM_MAPS, ids=lambda m: type(m).__name__)
def test_free_form_maps_hide_secret_looking_values_in_repr(model: Any) -> None:
    shown = repr(model)
    assert SECRET not in shown
    assert "'a': '1'" in shown  # the rest of the map still shows
    assert SECRET in json.dumps(model.to_dict())  # sent as given


def test_every_map_field_of_every_model_redacts_or_hides_its_repr() -> None:
    checked = 0
    for name in models.__all__:
        cls = getattr(models, name)
        if not (isinstance(cls, type) and attrs.has(cls)):
            continue
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            types = (hints[field.name], *typing.get_args(hints[field.name]))
            if any(typing.get_origin(t) in (dict, Mapping) for t in types):
                checked += 1
                assert field.repr is False or field.repr is redacted_repr, (
                    f"{cls.__name__}.{field.name}"
                )
    assert checked >= 14


def test_the_secret_fields_of_the_models_all_look_secret_to_the_walker() -> None:
    # So a map the SDK does not model (an unknown connection) hides them too.
    assert secret_keys()
    assert [key for key in secret_keys() if not _secrets.looks_secret(key)] == []


def test_a_connection_wrapper_and_its_config_hide_secrets() -> None:
    connection = MessagingConnection.from_dict(
        {"config": {"type": "Kafka", "bootstrapServers": "k", "saslPassword": SECRET}}
    )
    assert SECRET not in repr(connection)
