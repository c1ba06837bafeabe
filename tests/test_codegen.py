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
