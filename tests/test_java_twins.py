"""Every public snake_case method has its Java camelCase twin, the very same function; every
model field has its Java getter, and every field a user may change its Java setter."""

from __future__ import annotations

import inspect
import typing
from typing import Any

import attrs
import pytest

import openmetadata_fluent as om
from openmetadata_fluent import builders, lifecycle
from openmetadata_fluent.client import OpenMetadataClient
from openmetadata_fluent.messaging import MessagingServiceOperations, MessagingServices
from openmetadata_fluent.models import (
    EntityReference,
    MessagingConnection,
    MessagingService,
    TagLabel,
    Topic,
    _java_gen,
)
from openmetadata_fluent.serialization import wire_name

# Java spells a few names with upper-case acronyms, as the schema properties do.
ACRONYMS = {
    "schema_registry_url": "schemaRegistryURL",
    "end_point_url": "endPointURL",
    "consumer_config_ssl": "consumerConfigSSL",
    "schema_registry_ssl": "schemaRegistrySSL",
    "pubsub_connection": "pubSubConnection",
}
# Python-only conveniences with no Java counterpart.
NO_TWIN = {"to_dict", "create_or_update"}


def camel(name: str) -> str:
    if name in ACRONYMS:
        return ACRONYMS[name]
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


CLASSES = [
    *(getattr(builders, n) for n in builders.__all__ if inspect.isclass(getattr(builders, n))),
    MessagingServiceOperations,
    type(MessagingServices),
    OpenMetadataClient,
    lifecycle.FluentMessagingService,
    lifecycle.MessagingServiceFinder,
    lifecycle.DeleteRequest,
]


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_every_snake_case_method_has_its_camel_case_twin(cls: type) -> None:
    missing = []
    for name, member in vars(cls).items():
        if name.startswith("_") or "_" not in name or name in NO_TWIN:
            continue
        if not (inspect.isfunction(member) or isinstance(member, (staticmethod, property))):
            continue
        twin = camel(name)
        if vars(cls).get(twin) is not member and getattr(cls, twin, None) is not getattr(cls, name):
            missing.append(f"{name} -> {twin}")
    assert missing == []


def test_top_level_factories_have_twins() -> None:
    for name in (
        "kafka_connection",
        "redpanda_connection",
        "kinesis_connection",
        "nats_connection",
        "pubsub_connection",
        "custom_messaging_connection",
        "aws_credentials",
        "gcp_credentials",
        "set_default_client",
    ):
        assert getattr(om, camel(name)) is getattr(om, name)


def test_the_issue_named_twins_exist() -> None:
    builder = MessagingServices.builder()
    for name in ("serviceType", "displayName", "createOrUpdate"):
        assert callable(getattr(builder, name))
    assert callable(om.kafkaConnection().schemaRegistryURL)
    assert callable(MessagingServices.setDefaultClient)


# -- Java getters and setters of the models -------------------------------------------------

ENTITY_CLASSES = [_java_gen.model_class(name) for name in _java_gen.ENTITIES]
VALUE_CLASSES = [_java_gen.model_class(name) for name in _java_gen.VALUES]
ACCESSOR_SAMPLES: dict[type, dict[str, Any]] = {
    MessagingService: {
        "id": "469ef25e-9bdf-4d5f-8553-eb0ce8581f30",
        "name": "s",
        "serviceType": "Kafka",
        "deleted": True,
    },
    EntityReference: {"id": "469ef25e-9bdf-4d5f-8553-eb0ce8581f30", "type": "user"},
    TagLabel: {"tagFQN": "PII.Sensitive"},
    MessagingConnection: {"config": {"type": "Kafka", "bootstrapServers": "k"}},
    Topic: {
        "id": "2d9b7b5e-5f4c-4f43-9a0e-6a4b1d2c3e4f",
        "name": "t",
        "partitions": 1,
        "deleted": False,
    },
}


def java_property(field: attrs.Attribute[Any]) -> str:
    """The Java bean property: the JSON key (``tagFQN``) with its first letter upper-cased."""
    key = wire_name(field) or camel(field.name)
    return key[:1].upper() + key[1:]


def test_the_entities_and_values_with_accessors() -> None:
    assert {MessagingService, Topic} <= set(ENTITY_CLASSES)
    assert set(VALUE_CLASSES) == {EntityReference, TagLabel, MessagingConnection}
    assert set(ACCESSOR_SAMPLES) == {*ENTITY_CLASSES, *VALUE_CLASSES}


@pytest.mark.parametrize("cls", [*ENTITY_CLASSES, *VALUE_CLASSES], ids=lambda c: c.__name__)
def test_every_field_has_a_real_typed_getter(cls: type) -> None:
    assert not hasattr(cls, "__getattr__")  # real methods, not a lookup hook
    sample = cls.from_dict(ACCESSOR_SAMPLES[cls])  # type: ignore[attr-defined]
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        if field.name.startswith("_"):
            continue
        getter = getattr(cls, f"get{java_property(field)}", None)
        assert inspect.isfunction(getter), f"{cls.__name__}.get{java_property(field)}"
        assert "return" in getter.__annotations__
        assert getter(sample) is getattr(sample, field.name)
        if hints[field.name] in (bool, bool | None):
            is_getter = getattr(cls, f"is{java_property(field)}")
            assert is_getter(sample) is (getattr(sample, field.name) is True)


@pytest.mark.parametrize("cls", ENTITY_CLASSES, ids=lambda c: c.__name__)
def test_every_editable_field_has_a_setter_and_no_other_does(cls: type) -> None:
    read_only = cls._READ_ONLY  # type: ignore[attr-defined]
    assert read_only and read_only <= attrs.fields_dict(cls).keys()
    for field in attrs.fields(cls):
        setter = getattr(cls, f"set{java_property(field)}", None)
        editable = field.name not in read_only and wire_name(field) is not None
        assert inspect.isfunction(setter) is editable, f"{cls.__name__}.set{java_property(field)}"
        if editable:
            assert list(inspect.signature(setter).parameters) == ["self", "value"]
            assert setter.__annotations__["return"] == "None"


@pytest.mark.parametrize("cls", VALUE_CLASSES, ids=lambda c: c.__name__)
def test_values_have_no_setters(cls: type) -> None:
    assert [name for name in dir(cls) if name.startswith("set")] == []
