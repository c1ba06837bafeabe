"""A request made by ``build()`` carries its checked body and fills its fields on first read.

Whatever a user does with it (read, compare, repr, copy, pickle, evolve, send), it must
behave exactly as the same request parsed eagerly from that body.
"""

from __future__ import annotations

import copy
import pickle
import threading
from typing import Any

import attrs
import pytest

import openmetadata_fluent as om
from openmetadata_fluent import CreateMessagingServiceRequest, CreateTopicRequest

from .test_builders import seeds_builder


def _topic_builder() -> Any:
    return (
        om.Topics.builder()
        .name("orders")
        .service("sample_kafka")
        .partitions(3)
        .retention_time(86400)
        .cleanup_policies("delete")
        .message_schema(
            om.message_schema()
            .schema_type("Avro")
            .fields(
                om.schema_field("id", "INT"),
                om.schema_field("customer", "RECORD").children(om.schema_field("name", "STRING")),
            )
        )
    )


CASES = [
    pytest.param(lambda: seeds_builder().build(), CreateMessagingServiceRequest, id="service"),
    pytest.param(lambda: _topic_builder().build(), CreateTopicRequest, id="topic"),
]


def _unread(request: Any) -> bool:
    """True while no field has been filled in yet (the first field's slot is empty)."""
    first = next(f.name for f in attrs.fields(type(request)) if f.name != "_checked_body")
    try:
        object.__getattribute__(request, first)
    except AttributeError:
        return True
    return False


@pytest.mark.parametrize(("make", "cls"), CASES)
def test_a_built_request_equals_the_eager_parse_of_its_body(make: Any, cls: Any) -> None:
    built = make()
    assert _unread(built)
    eager = cls.from_dict(built.to_dict())
    assert _unread(built)  # writing it out read no field
    assert built == eager
    assert not _unread(built)
    assert repr(built) == repr(eager)
    for field in attrs.fields(cls):
        if field.name != "_checked_body":
            assert getattr(built, field.name) == getattr(eager, field.name), field.name


@pytest.mark.parametrize(("make", "cls"), CASES)
def test_reading_a_field_first_gives_the_typed_value(make: Any, cls: Any) -> None:
    built = make()
    assert isinstance(built.name, str)
    if cls is CreateTopicRequest:
        assert built.message_schema.schema_fields[1].children[0].name == "name"
        assert built.cleanup_policies == (om.models.CleanupPolicy.DELETE,)
    else:
        assert built.connection.config.bootstrap_servers == "localhost:9092"
        assert built.service_type is om.MessagingServiceType.KAFKA


@pytest.mark.parametrize(("make", "cls"), CASES)
def test_to_dict_is_the_checked_body_in_the_converters_key_order(make: Any, cls: Any) -> None:
    built = make()
    out = built.to_dict()
    eager = cls.from_dict(out).to_dict()
    assert out == eager
    assert list(out) == list(eager)
    assert out == built._checked_body
    out["name"] = "changed"  # a copy: the request and what it sends are untouched
    assert built.to_dict()["name"] != "changed"
    built.name  # noqa: B018  (reading fields changes nothing written)
    assert built.to_dict() == eager


@pytest.mark.parametrize(("make", "cls"), CASES)
def test_copies_pickles_and_evolve_see_every_field(make: Any, cls: Any) -> None:
    for fresh in (copy.copy, copy.deepcopy, lambda r: pickle.loads(pickle.dumps(r))):
        assert fresh(make()) == cls.from_dict(make().to_dict())
    evolved = attrs.evolve(make(), name="other")
    assert evolved.name == "other"
    assert evolved.to_dict()["name"] == "other"


@pytest.mark.parametrize(("make", "cls"), CASES)
def test_an_unknown_attribute_is_still_an_attribute_error(make: Any, cls: Any) -> None:
    built = make()
    with pytest.raises(AttributeError, match="no attribute 'nmae'"):
        built.nmae  # noqa: B018
    assert not hasattr(built, "nmae")
    assert _unread(built)


@pytest.mark.parametrize(("make", "cls"), CASES)
def test_a_built_request_is_still_frozen(make: Any, cls: Any) -> None:
    built = make()
    with pytest.raises(om.models.ImmutableModelError):
        built.name = "x"
    assert _unread(built)


def test_threads_reading_one_request_at_once_all_see_the_same_values() -> None:
    built = _topic_builder().build()
    expected = CreateTopicRequest.from_dict(built.to_dict())
    seen: list[Any] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def read() -> None:
        try:
            start.wait(timeout=10)
            seen.append((built.name, built.message_schema, built.partitions))
        except BaseException as exc:  # reported below, never lost
            errors.append(exc)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert errors == []
    assert seen == [(expected.name, expected.message_schema, expected.partitions)] * 8


def test_a_request_made_directly_has_no_checked_body_and_writes_through_the_converter() -> None:
    direct = CreateMessagingServiceRequest.from_dict(seeds_builder().build().to_dict())
    assert direct._checked_body is None
    assert direct.to_dict() == seeds_builder().build().to_dict()


@pytest.mark.parametrize(("make", "cls"), CASES)
def test_requests_hash_by_value_free_form_maps_included(make: Any, cls: Any) -> None:
    built = make()
    eager = cls.from_dict({**built.to_dict(), "newerServerField": {"a": [1, {"b": 2}]}})
    same = cls.from_dict({**built.to_dict(), "newerServerField": {"a": [1, {"b": 2}]}})
    assert hash(built) == hash(cls.from_dict(built.to_dict()))
    assert hash(eager) == hash(same) and eager == same
    assert len({built, cls.from_dict(built.to_dict()), eager, same}) == 2
    changed = cls.from_dict({**built.to_dict(), "newerServerField": {"a": [1, {"b": 3}]}})
    assert changed != eager


def test_every_frozen_model_hashes() -> None:
    import openmetadata_fluent.models as models

    frozen = [
        getattr(models, n)
        for n in models.__all__
        if isinstance(getattr(models, n), type)
        and attrs.has(getattr(models, n))
        and getattr(models, n).__hash__ is not None  # mutable entities are unhashable
    ]
    hashed = 0
    for cls in frozen:
        try:
            value = cls()
        except (TypeError, om.OpenMetadataError):
            continue  # required fields: covered by the request tests above
        assert hash(value) == hash(cls.from_dict(value.to_dict())), cls.__name__
        hashed += 1
    assert hashed >= 10
