"""The generated per-model functions stay readable: their source is where tracebacks look."""

from __future__ import annotations

import inspect
import typing

from openmetadata_fluent.models.connections import KafkaConnection
from openmetadata_fluent.validation import _model_checker, check_model


def test_generated_checker_source_is_registered_for_tracebacks() -> None:
    source = inspect.getsource(_model_checker(KafkaConnection))
    assert source.startswith("def check(value, path, ctx):")
    assert "bootstrapServers" not in source  # keys are constants, named k_<n>
    assert "k_1" in source


def test_generated_checker_reports_like_the_rules() -> None:
    checked = check_model({"bootstrapServers": 5, "saslMechanism": "nope"}, KafkaConnection)
    assert [(p.path, p.code) for p in checked.problems] == [
        ("bootstrapServers", "type"),
        ("saslMechanism", "enum"),
    ]
    assert checked.body == {"type": "Kafka"}


def test_generated_parser_keeps_unknown_keys_and_nulls() -> None:
    from openmetadata_fluent.models.messaging import MessagingService

    data = {
        "id": "469ef25e-9bdf-4d5f-8553-eb0ce8581f30",
        "name": "svc",
        "serviceType": "Kafka",
        "description": None,
        "votes": {"upVotes": 1},
    }
    service = MessagingService.from_dict(data)
    assert service.extra == {"description": None, "votes": {"upVotes": 1}}
    assert service.to_dict() == data
    from openmetadata_fluent.serialization import converter

    source = inspect.getsource(converter.get_structure_hook(MessagingService))
    assert source.startswith("def structure(data, _):")


def test_models_in_a_request_list_always_written_fields_first() -> None:
    """What the request's to_dict shortcut relies on below its top level: the checked body
    lists keys in field order, the converter always-written fields first."""
    import attrs

    from openmetadata_fluent.models import EntityReference, TagLabel
    from openmetadata_fluent.models._names import wire_fields
    from openmetadata_fluent.models.connections import CONNECTION_CLASSES
    from openmetadata_fluent.models.messaging import MessagingConnection

    seen: set[type] = set()
    todo = [MessagingConnection, EntityReference, TagLabel, *CONNECTION_CLASSES.values()]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        fields = list(wire_fields(cls).values())
        defaults = [f.default is None for f in fields]
        assert defaults == sorted(defaults), cls.__name__
        hints = typing.get_type_hints(cls)
        for f in fields:
            tp = hints[f.name]
            nested = [tp, *typing.get_args(tp)]
            nested += [a for t in nested for a in typing.get_args(t)]
            todo += [t for t in nested if isinstance(t, type) and attrs.has(t)]
    assert {"SslConfig", "AwsCredentials", "FilterPattern"} <= {c.__name__ for c in seen}
