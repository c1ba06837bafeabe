"""The generated per-model functions stay readable: their source is where tracebacks look."""

from __future__ import annotations

import inspect

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
