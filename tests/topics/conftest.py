"""Shared topic fixtures: a server's topic as JSON, and validators for the official
createTopic schema (the server's files, and the newest client's field names)."""

from __future__ import annotations

import copy
import json
import os
import pathlib
import urllib.parse
from typing import Any

import pytest

from tests.conftest import BASE, SEEDS_RESPONSE

TOPICS_URL = f"{BASE}/v1/topics"
TOPIC_ID = "2d9b7b5e-5f4c-4f43-9a0e-6a4b1d2c3e4f"
USER_ID = "0b0c3e5e-52c6-4a84-9c3e-2ea4f1a7c0de"
BY_ID = f"{TOPICS_URL}/{TOPIC_ID}"

AVRO = json.dumps(
    {
        "type": "record",
        "name": "AddressBook",
        "fields": [
            {"name": "id", "type": "int"},
            {"name": "address", "type": {"type": "record", "name": "A", "fields": []}},
        ],
    }
)

TOPIC: dict[str, Any] = {
    "id": TOPIC_ID,
    "name": "address_book",
    "fullyQualifiedName": "sample_kafka.address_book",
    "displayName": "Address Book",
    "description": "All Protobuf record related events gets captured in this topic",
    "version": 0.1,
    "updatedAt": 1769982621031,
    "updatedBy": "admin",
    "service": {
        "id": SEEDS_RESPONSE["id"],
        "type": "messagingService",
        "name": "sample_kafka",
        "fullyQualifiedName": "sample_kafka",
        "deleted": False,
    },
    "serviceType": "Kafka",
    "messageSchema": {
        "schemaText": AVRO,
        "schemaType": "Avro",
        "schemaFields": [
            {
                "name": "id",
                "dataType": "INT",
                "fullyQualifiedName": "sample_kafka.address_book.id",
                "tags": [],
            },
            {
                "name": "address",
                "dataType": "RECORD",
                "fullyQualifiedName": "sample_kafka.address_book.address",
                "tags": [],
                "children": [
                    {
                        "name": "street",
                        "dataType": "STRING",
                        "fullyQualifiedName": "sample_kafka.address_book.address.street",
                        "tags": [],
                    }
                ],
            },
        ],
    },
    "partitions": 1,
    "cleanupPolicies": ["delete"],
    "replicationFactor": 1,
    "retentionTime": 604800000.0,
    "maximumMessageSize": 1048588,
    "minimumInSyncReplicas": 1,
    "retentionSize": -1.0,
    "topicConfig": {"cleanup.policy": "delete"},
    "owners": [],
    "followers": [],
    "tags": [],
    "href": f"http://localhost:8585/api/v1/topics/{TOPIC_ID}",
    "deleted": False,
    "domains": [],
    "dataProducts": [],
    "votes": {"upVotes": 0, "downVotes": 0, "upVoters": [], "downVoters": []},
}


def topic(**changes: Any) -> dict[str, Any]:
    """The server's answer for the seed topic, with some keys changed."""
    body = copy.deepcopy(TOPIC)
    body.update(changes)
    return body


def change_event(field: str, kind: str, value: Any, **changes: Any) -> dict[str, Any]:
    """A follower or vote answer: the server's ChangeEvent with the topic it concerns."""
    entity = topic()
    del entity["service"]  # the server sends the stored topic, which has no service
    return {
        "id": "5a3c1f9e-2b7d-4e8a-9c6f-1d2e3f4a5b6c",
        "eventType": "entityUpdated",
        "entityType": "topic",
        "entityId": TOPIC_ID,
        "entityFullyQualifiedName": "sample_kafka.address_book",
        "previousVersion": 0.1,
        "currentVersion": 0.1,
        "userName": "admin",
        "timestamp": 1769982700000,
        "changeDescription": {kind: [{"name": field, "newValue": value}], "previousVersion": 0.1},
        "incrementalChangeDescription": {
            kind: [{"name": field, "newValue": value}],
            "previousVersion": 0.1,
        },
        "entity": entity,
        **changes,
    }


OFFICIAL = "OPENMETADATA_SCHEMAS"
"""The folder of the server's JSON Schemas (``api/``, ``entity/``, ``type/``)."""
NEWEST = "OPENMETADATA_CLIENT_SCHEMAS"
"""The folder of the newest official client's schemas (``createTopic.schema.json``, ...)."""

_SCHEMA_BASE = "https://open-metadata.org/schema/"


def schema_file(variable: str, relative: str) -> pathlib.Path:
    """A schema file under the folder the environment ``variable`` names; the test is
    skipped when it is not there."""
    folder = os.environ.get(variable)
    path = pathlib.Path(folder) / relative if folder else None
    if path is None or not path.is_file():
        pytest.skip(f"{relative} not available: set {variable} to its schemas folder")
    return path


@pytest.fixture(scope="session")
def topic_schema_validator() -> Any:
    """A validator for the server's createTopic.json."""
    root = schema_file(OFFICIAL, "api/data/createTopic.json").parents[2]
    from jsonschema import Draft7Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    def retrieve(uri: str) -> Resource[Any]:
        # Each file's $id is its place under the schemas' base URL; refs are relative.
        relative = uri.removeprefix(_SCHEMA_BASE)
        contents = json.loads((root / urllib.parse.unquote(relative)).read_text())
        contents.pop("$schema", None)
        return Resource.from_contents(contents, default_specification=DRAFT7)

    registry: Registry[Any] = Registry(retrieve=retrieve)
    schema = registry.get_or_retrieve(f"{_SCHEMA_BASE}api/data/createTopic.json").value.contents
    return Draft7Validator(schema, registry=registry, format_checker=Draft7Validator.FORMAT_CHECKER)


@pytest.fixture(scope="session")
def newest_topic_schema_validator() -> Any:
    """A validator for the newest official client's createTopic schema (its field names
    and enums)."""
    from jsonschema import Draft202012Validator

    path = schema_file(NEWEST, "createTopic.schema.json")
    return Draft202012Validator(json.loads(path.read_text()))
