"""What ``help()`` shows a new user: every public name, class, method and property has a
docstring, and no public method claims to return a bare TypeVar (``-> ~_K``) where the
class it is looked up on fixes the type."""

from __future__ import annotations

import inspect
import typing
import uuid
from collections.abc import Iterator
from typing import Any, TypeVar

import pytest

import openmetadata_fluent as om
from openmetadata_fluent import errors, models, testing
from openmetadata_fluent.testing import FakeOpenMetadata, pytest_plugin

PACKAGE = "openmetadata_fluent"

FACTORY_CALLS: list[tuple[str, tuple[Any, ...]]] = [
    ("kafka_connection", ()),
    ("redpanda_connection", ()),
    ("kinesis_connection", ()),
    ("nats_connection", ()),
    ("pubsub_connection", ()),
    ("custom_messaging_connection", ()),
    ("aws_credentials", ()),
    ("gcp_credentials", ()),
    ("message_schema", ()),
    ("schema_field", ("id", "INT")),
]


def _returned_objects(fake: FakeOpenMetadata) -> dict[str, object]:
    """What the calls a first hour goes through return, made for real against the fake."""
    client = fake.client()
    services, topics = client.messaging_services, client.topics
    service = (
        services.builder()
        .name("surface_kafka")
        .connection(om.kafka_connection().bootstrap_servers("k:9092"))
        .create()
    )
    # The fake serves messaging services only; topic calls that need no request are made
    # for real, and the rest return the same classes the service calls do.
    topic = om.Topic.from_dict({"id": str(uuid.uuid4()), "name": "orders", "partitions": 1})
    out: dict[str, object] = {
        "MessagingServices.builder()": om.MessagingServices.builder(),
        "Topics.builder()": om.Topics.builder(),
        "Topics.create()": om.Topics.create(),
        "services.find(id)": services.find(service.id),
        "services.find(id).fetch()": services.find(service.id).fetch(),
        "services.find_by_name(fqn)": services.find_by_name("surface_kafka"),
        "services.list()": services.list(),
        "services.list().execute()": services.list().execute(),
        "services.get_versions(id)": services.get_versions(service.id),
        "services.retrieve(id)": services.retrieve(service.id),
        "topics.find(id)": topics.find(topic.id),
        "topics.fluent(topic)": topics.fluent(topic),
        "topics.list()": topics.list(),
    }
    request = services.delete(service.id)
    out["services.delete(id)"] = request
    request.execute()  # one never sent would warn when dropped
    return out


@pytest.fixture
def returned(openmetadata_fake: FakeOpenMetadata) -> dict[str, object]:
    return _returned_objects(openmetadata_fake)


def _public_classes(returned: dict[str, object]) -> dict[str, type]:
    classes: dict[str, type] = {}
    for name in om.__all__:
        value = getattr(om, name)
        if isinstance(value, type):
            classes[f"om.{name}"] = value
    classes["type(om.MessagingServices)"] = type(om.MessagingServices)
    classes["type(om.Topics)"] = type(om.Topics)
    for name, args in FACTORY_CALLS:
        classes[f"type(om.{name}())"] = type(getattr(om, name)(*args))
    for label, value in returned.items():
        classes[f"type({label})"] = type(value)
    for module in (testing, errors, models):
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type):
                classes[f"{module.__name__}.{name}"] = value
    return classes


def _ours(obj: object) -> bool:
    return str(getattr(obj, "__module__", "") or "").startswith(PACKAGE)


def _function_of(member: object) -> Any:
    """The Python function behind a method, classmethod, staticmethod or property."""
    if isinstance(member, (classmethod, staticmethod)):
        return member.__func__
    if isinstance(member, property):
        return member.fget
    return member if inspect.isfunction(member) else None


def _members(cls: type) -> Iterator[tuple[str, Any, Any]]:
    """Each public name of ``cls`` (as found along its MRO) whose value is a function this
    package defines: (name, the member as stored, its function)."""
    names = sorted({name for klass in cls.__mro__ for name in vars(klass)})
    for name in names:
        if name.startswith("_"):
            continue
        member = inspect.getattr_static(cls, name)
        func = _function_of(member)
        if func is not None and _ours(func):
            yield name, member, func


def _return_annotation(func: Any) -> Any:
    """The return annotation as ``help()`` shows it, a postponed string evaluated in the
    function's module (a name only type checkers know stays a string)."""
    annotation = inspect.signature(func).return_annotation
    if isinstance(annotation, str):
        try:
            return eval(annotation, func.__globals__)
        except NameError:
            return annotation
    return annotation


def _resolved_return(func: Any) -> Any:
    try:
        return typing.get_type_hints(func).get("return")
    except NameError:  # a hint naming something imported only under TYPE_CHECKING
        return None


def _has_doc(obj: object) -> bool:
    doc = obj.__doc__ if isinstance(obj, type) else getattr(obj, "__doc__", None)
    return isinstance(doc, str) and bool(doc.strip())


def test_every_public_function_and_class_has_a_docstring(returned: dict[str, object]) -> None:
    missing = [n for n in om.__all__ if n != "__version__" and not _has_doc(getattr(om, n))]
    for label, cls in _public_classes(returned).items():
        if _ours(cls) and not _has_doc(cls):
            missing.append(label)
        for name, member, func in _members(cls):
            doc = member.__doc__ if isinstance(member, property) else func.__doc__
            if not (isinstance(doc, str) and doc.strip()):
                missing.append(f"{cls.__qualname__}.{name}")
    assert sorted(set(missing)) == []


def test_the_pytest_fixtures_have_docstrings() -> None:
    fixtures = {
        name: value
        for name, value in vars(pytest_plugin).items()
        if hasattr(value, "_fixture_function_marker")
    }
    assert {
        "openmetadata_fake",
        "openmetadata_fake_session",
        "openmetadata_http_fake",
        "openmetadata_http_fake_session",
    } <= set(fixtures)
    assert [name for name, value in fixtures.items() if not _has_doc(value)] == []


def _bare_typevar_returns(cls: type) -> list[str]:
    """Public methods of ``cls`` whose return shows as a TypeVar ``cls`` does not keep as
    a type parameter of its own (a generic ``Page[E]`` may say ``-> E``)."""
    own_parameters = set(getattr(cls, "__parameters__", ()))
    found = []
    for name, _member, func in _members(cls):
        for annotation in (_return_annotation(func), _resolved_return(func)):
            if isinstance(annotation, TypeVar) and annotation not in own_parameters:
                found.append(f"{cls.__qualname__}.{name} -> {annotation}")
    return found


# The two model bases are where the concrete copies come from: on them ``-> _M`` is the
# truth ("an instance of the class this is called on"); every model and enum names itself.
GENERIC_BASES = {models.WireModel, models.WireEnum}


def test_no_public_method_returns_a_bare_typevar(returned: dict[str, object]) -> None:
    classes = set(_public_classes(returned).values()) - GENERIC_BASES
    found = [entry for cls in classes for entry in _bare_typevar_returns(cls)]
    assert sorted(set(found)) == []


def test_the_factories_show_their_concrete_builders() -> None:
    for name, args in FACTORY_CALLS:
        builder = getattr(om, name)(*args)
        for method in ("copy", "set"):
            assert inspect.signature(getattr(builder, method)).return_annotation is type(builder)
    kafka = om.kafka_connection()
    signature = inspect.signature(kafka.bootstrap_servers)
    assert signature.return_annotation is om.builders.KafkaConnectionBuilder
    assert list(signature.parameters) == ["value"]
    assert "host:port" in (kafka.bootstrap_servers.__doc__ or "")
    assert typing.get_type_hints(type(kafka).bootstrap_servers)["return"] is type(kafka)
    assert inspect.signature(kafka.build).return_annotation is om.models.KafkaConnection
    assert inspect.signature(om.Topic.from_dict).return_annotation is om.Topic
    assert inspect.signature(om.ChangeType.parse).return_annotation is om.ChangeType


def test_the_retyped_methods_behave_as_before_and_keep_their_twins() -> None:
    kafka, redpanda = om.kafka_connection(), om.redpanda_connection()
    assert kafka.bootstrapServers("a:1").to_dict()["bootstrapServers"] == "a:1"
    assert type(kafka).bootstrapServers is type(kafka).bootstrap_servers
    # Each concrete builder has its own copy, sharing the one code object.
    kafka_setter = type(kafka).bootstrap_servers
    redpanda_setter = type(redpanda).bootstrap_servers
    assert kafka_setter is not redpanda_setter
    assert kafka_setter.__code__ is redpanda_setter.__code__
    assert inspect.signature(redpanda.sasl_username).return_annotation is type(redpanda)
    service = om.MessagingService.from_dict(
        {"id": str(uuid.uuid4()), "name": "s", "serviceType": "Kafka"}
    )
    assert type(service) is om.MessagingService and service.name == "s"
    assert om.ChangeType.parse("entityCreated") is om.ChangeType.CREATED
