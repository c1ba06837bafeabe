"""What ``import openmetadata_fluent`` loads, and that every name loaded later is the real one.

Start-up cost is a benchmark row (``benchmarks/bench.py``, "import"); these tests pin the
choices behind it, not a timing: the topic models and builders, the answers of the less common
calls, cattrs and the HTTP stack all load on first use; a client loads requests at its first
call, not when it is made.
"""

from __future__ import annotations

import importlib
import os
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


def _loaded_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """Modules among ``DEFERRED`` loaded by a fresh interpreter after running ``code``
    (with ``env`` added to the environment)."""
    script = textwrap.dedent(code) + textwrap.dedent(
        f"""
        import sys
        print("\\n".join(m for m in {DEFERRED!r} if m in sys.modules))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr
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


HTTP_STACK = {"requests", "urllib3", "openmetadata_fluent.transport"}


def test_a_client_that_only_builds_requests_loads_no_http_stack() -> None:
    loaded = _loaded_after(
        """
        import openmetadata_fluent as om
        client = om.OpenMetadataClient("http://127.0.0.1:1/api", token="t")
        request = (client.messaging_services.builder().name("a").service_type("Kafka")
                   .connection(om.kafka_connection().bootstrap_servers("k:9092")).build())
        assert request.to_dict()["connection"]["config"]["type"] == "Kafka"
        client.topics
        om.configure("http://127.0.0.1:1/api", token="t", timeout=4, deadline=9)
        quick = client.with_options(timeout=3)
        quick.close()
        client.close()
        """,
        # Proxy variables are read at construction, without requests' reader.
        env={"HTTP_PROXY": "http://proxy.test:3128", "NO_PROXY": "10.0.0.0/8,.corp.test"},
    )
    assert loaded & HTTP_STACK == set()


def test_a_wrong_setting_fails_at_construction_without_loading_requests() -> None:
    loaded = _loaded_after(
        """
        import os
        import openmetadata_fluent as om
        from openmetadata_fluent.errors import ConfigurationError

        def refused(*args, **kwargs):
            try:
                om.OpenMetadataClient(*args, **kwargs)
            except ConfigurationError:
                return
            raise AssertionError(f"accepted {args} {kwargs}")

        refused("ftp://h/api")
        refused("https://h/api", token="Bearer t")
        refused("https://h/api", timeout=-1)
        refused("https://h/api", verify="/no/such/bundle.pem")
        refused("https://h/api", deadline=float("nan"))
        refused("https://h/api", max_response_bytes=0)
        os.environ["REQUESTS_CA_BUNDLE"] = "/no/such/bundle.pem"
        refused("https://h/api")
        """
    )
    assert loaded & HTTP_STACK == set()


SERVER = """
import json, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

class Answer(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"version": "1.6.0"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
threading.Thread(target=server.serve_forever, daemon=True).start()
"""


def test_the_first_call_loads_requests() -> None:
    loaded = _loaded_after(
        SERVER
        + """
import sys
import openmetadata_fluent as om
client = om.OpenMetadataClient(
    f"http://127.0.0.1:{server.server_port}/api", token="t", max_retries=0, deadline=20
)
assert "requests" not in sys.modules
assert client.transport.request("GET", "/v1/system/version").body == {"version": "1.6.0"}
client.close()
server.shutdown()
"""
    )
    assert loaded >= HTTP_STACK


def test_reading_the_transport_loads_requests() -> None:
    loaded = _loaded_after(
        """
        import openmetadata_fluent as om
        om.OpenMetadataClient("http://127.0.0.1:1/api").transport
        """
    )
    assert loaded >= HTTP_STACK


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
