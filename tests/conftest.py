"""Shared fixtures: a client whose HTTP is faked by ``responses``, and the official schemas."""

from __future__ import annotations

import json
import os
import pathlib
from collections.abc import Iterator
from typing import Any

import pytest
import responses

from openmetadata_fluent import OpenMetadataClient, set_default_client
from openmetadata_fluent.transport import RetryPolicy

BASE = "http://om.test:8585/api"
SERVICES_URL = f"{BASE}/v1/services/messagingServices"
TOKEN = "test-jwt-token-value"

SEEDS_PAYLOAD: dict[str, Any] = {
    "name": "sample_kafka",
    "displayName": "Sample Kafka",
    "serviceType": "Kafka",
    "description": "Production Kafka messaging service",
    "connection": {
        "config": {
            "type": "Kafka",
            "bootstrapServers": "localhost:9092",
            "securityProtocol": "PLAINTEXT",
            "saslMechanism": "PLAIN",
            "schemaRegistryTopicSuffixName": "-value",
            "supportsMetadataExtraction": True,
        }
    },
}

SEEDS_RESPONSE: dict[str, Any] = {
    "id": "469ef25e-9bdf-4d5f-8553-eb0ce8581f30",
    "name": "sample_kafka",
    "fullyQualifiedName": "sample_kafka",
    "serviceType": "Kafka",
    "connection": {"config": dict(SEEDS_PAYLOAD["connection"]["config"])},
    "tags": [],
    "version": 0.1,
    "updatedAt": 1769982621031,
    "updatedBy": "admin",
    "href": "http://localhost:8585/api/v1/services/messagingServices/"
    "469ef25e-9bdf-4d5f-8553-eb0ce8581f30",
    "deleted": False,
    "owners": [],
    "domains": [],
}


class Sleeps(list[float]):
    """Records the waits a retry policy asked for instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture(autouse=True)
def _no_default_client(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in (
        "OPENMETADATA_HOST",
        "OPENMETADATA_SERVER_URL",
        "OPENMETADATA_JWT_TOKEN",
        "OPENMETADATA_API_KEY",
        "OPENMETADATA_VERIFY_SSL",
        "OPENMETADATA_CA_BUNDLE",
        "OPENMETADATA_CLIENT_TIMEOUT",
    ):
        monkeypatch.delenv(name, raising=False)
    set_default_client(None)
    yield
    set_default_client(None)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def client(sleeps: Sleeps) -> OpenMetadataClient:
    policy = RetryPolicy(max_retries=3, sleep=sleeps, random=lambda: 0.5)
    return OpenMetadataClient(BASE, TOKEN, retry=policy)


@pytest.fixture
def http() -> Iterator[responses.RequestsMock]:
    """Fakes HTTP; any request without a registered answer fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def sent_json(call: Any) -> Any:
    return json.loads(call.request.body)


def _schemas_dir() -> pathlib.Path | None:
    configured = os.environ.get("OPENMETADATA_SCHEMAS")
    if configured:
        return pathlib.Path(configured)
    return None


@pytest.fixture(scope="session")
def create_schema_validator() -> Any:
    """A validator for the official create-request schema, or a skip when the schemas
    are not available (set OPENMETADATA_SCHEMAS to their folder; CI does)."""
    root = _schemas_dir()
    if root is None or not root.is_dir():
        pytest.skip("official JSON Schemas not available: set OPENMETADATA_SCHEMAS")
    from jsonschema import Draft7Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    registry: Registry[Any] = Registry()
    for path in root.rglob("*.json"):
        if path.name == "PROVENANCE.json":
            continue
        contents = json.loads(path.read_text())
        contents["$id"] = path.resolve().as_uri()
        contents.pop("$schema", None)
        registry = registry.with_resource(
            path.resolve().as_uri(), Resource.from_contents(contents, default_specification=DRAFT7)
        )
    schema_path = root / "api" / "services" / "createMessagingService.json"
    schema = registry.contents(schema_path.resolve().as_uri())
    return _Quiet(
        Draft7Validator(schema, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER)
    )


class _Quiet:
    """Wraps the validator with a short repr, so failing property tests stay readable."""

    def __init__(self, validator: Any) -> None:
        self.iter_errors = validator.iter_errors
        self.validate = validator.validate

    def __repr__(self) -> str:
        return "<create-request schema validator>"
