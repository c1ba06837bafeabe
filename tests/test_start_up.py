"""What ``import openmetadata_fluent`` loads, and that every name loaded later is the real one.

Start-up cost is a benchmark row (``benchmarks/bench.py``, "import"); these tests pin the
choices behind it, not a timing: the topic models and builders, the answers of the less common
calls, cattrs and the HTTP stack all load on first use.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap

import pytest

import openmetadata_fluent
import openmetadata_fluent.builders as builders
import openmetadata_fluent.models as models

DEFERRED = (
    "cattrs",
    "requests",
    "urllib3",
    "openmetadata_fluent.builders.topic",
    "openmetadata_fluent.client",
    "openmetadata_fluent.models.results",
    "openmetadata_fluent.models.topics",
    "openmetadata_fluent.transport",
)


def _loaded_after(code: str) -> set[str]:
    """Modules among ``DEFERRED`` loaded by a fresh interpreter after running ``code``."""
    script = textwrap.dedent(code) + textwrap.dedent(
        f"""
        import sys
        print("\\n".join(m for m in {DEFERRED!r} if m in sys.modules))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    return set(done.stdout.split())


def test_importing_the_package_loads_only_the_service_path() -> None:
    assert _loaded_after("import openmetadata_fluent") == set()


def test_building_and_writing_a_request_loads_no_converter_and_no_topic_module() -> None:
    loaded = _loaded_after(
        """
        import openmetadata_fluent as om
        request = (om.MessagingServiceBuilder().name("a").service_type("Kafka")
                   .connection(om.kafka_connection().bootstrap_servers("k:9092")).build())
        assert request.to_dict()["connection"]["config"]["type"] == "Kafka"
        """
    )
    assert loaded == set()


def test_reading_a_built_request_field_loads_the_converter() -> None:
    loaded = _loaded_after(
        """
        import openmetadata_fluent as om
        request = (om.MessagingServiceBuilder().name("a").service_type("Kafka")
                   .connection(om.kafka_connection().bootstrap_servers("k:9092")).build())
        assert request.connection.config.bootstrap_servers == "k:9092"
        """
    )
    assert loaded == {"cattrs"}


def test_a_topic_name_loads_the_topic_modules() -> None:
    loaded = _loaded_after("from openmetadata_fluent import Topic")
    assert {"openmetadata_fluent.models.topics"} <= loaded
    assert "requests" not in loaded


def test_the_lazy_model_lists_are_the_modules_own() -> None:
    for module, names in models.LAZY_MODULES.items():
        assert tuple(sorted(importlib.import_module(module).__all__)) == names


def test_the_lazy_topic_builder_names_are_the_module_exports() -> None:
    topic = importlib.import_module("openmetadata_fluent.builders.topic")
    assert set(builders.TOPIC_NAMES) <= set(topic.__all__)
    assert set(builders.TOPIC_NAMES) <= set(builders.__all__)


@pytest.mark.parametrize(
    "package", [openmetadata_fluent, models, builders], ids=lambda p: p.__name__
)
def test_every_exported_name_resolves_and_is_listed(package: object) -> None:
    names = package.__all__  # type: ignore[attr-defined]
    for name in names:
        assert getattr(package, name) is not None, name
    assert set(names) <= set(dir(package))


def test_a_lazily_loaded_name_is_the_defining_module_object() -> None:
    from openmetadata_fluent.builders.topic import TopicBuilder, schema_field
    from openmetadata_fluent.models.results import ChangeEvent
    from openmetadata_fluent.models.topics import Topic

    assert openmetadata_fluent.Topic is Topic is models.Topic
    assert openmetadata_fluent.TopicBuilder is TopicBuilder is builders.TopicBuilder
    assert openmetadata_fluent.schemaField is schema_field
    assert models.ChangeEvent is ChangeEvent


def test_lazily_loaded_models_still_name_themselves_in_help() -> None:
    from openmetadata_fluent.models.results import ChangeEvent, EventType
    from openmetadata_fluent.models.topics import Topic

    assert Topic.from_dict.__annotations__["return"] is Topic
    assert ChangeEvent.from_dict.__annotations__["return"] is ChangeEvent
    assert EventType.parse.__annotations__["return"] is EventType


@pytest.mark.parametrize("package", [openmetadata_fluent, models, builders])
def test_an_unknown_name_is_an_attribute_error_that_names_it(package: object) -> None:
    with pytest.raises(AttributeError, match="no attribute 'Topics2'"):
        package.Topics2  # type: ignore[attr-defined]  # noqa: B018
