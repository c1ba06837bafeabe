"""Every public snake_case method has its Java camelCase twin, the very same function."""

from __future__ import annotations

import inspect

import pytest

import openmetadata_fluent as om
from openmetadata_fluent import builders, lifecycle
from openmetadata_fluent.client import OpenMetadataClient
from openmetadata_fluent.messaging import MessagingServiceOperations, MessagingServices

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
