"""The payloads every benchmark side works on, in one place (standard library only).

Both this project's interpreter and the official client's separate one import this file,
so both sides build, send and parse exactly the same data.
"""

from __future__ import annotations

import copy
import json
from typing import Any


def floor_request_bytes() -> bytes:
    """The fastest honest way to make the request body: a dict literal and json.dumps."""
    payload = {
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
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# The API reference's Kafka example: the body of POST /v1/services/messagingServices.
SEED_REQUEST: dict[str, Any] = json.loads(floor_request_bytes())

# The server's answer to it: every field the 2.0.6 models know.
SEED_RESPONSE: dict[str, Any] = {
    "id": "469ef25e-9bdf-4d5f-8553-eb0ce8581f30",
    "name": "sample_kafka",
    "fullyQualifiedName": "sample_kafka",
    "serviceType": "Kafka",
    "connection": copy.deepcopy(SEED_REQUEST["connection"]),
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

# Fields a newer server sends that 2.0.6-era models do not know, and an explicit null.
UNKNOWN_FIELDS: dict[str, Any] = {
    "votes": {"upVotes": 0, "downVotes": 0, "upVoters": [], "downVoters": []},
    "lifeCycle": {"created": {"timestamp": 1769982621031, "accessedBy": None}},
    "certification": None,
    "extension": {"team": "platform"},
}


def response_bytes(*, unknown_fields: bool) -> bytes:
    """The seeds' response as the server sends it, optionally with newer fields."""
    body = copy.deepcopy(SEED_RESPONSE)
    if unknown_fields:
        body.update(copy.deepcopy(UNKNOWN_FIELDS))
    return json.dumps(body).encode("utf-8")


# A topic whose message schema has 20 fields, one of them a record with four children.
TOPIC_LEAVES: tuple[tuple[str, str], ...] = (
    ("id", "INT"),
    ("order_id", "LONG"),
    ("customer", "STRING"),
    ("email", "STRING"),
    ("amount", "DOUBLE"),
    ("currency", "STRING"),
    ("quantity", "INT"),
    ("discount", "FLOAT"),
    ("paid", "BOOLEAN"),
    ("created_at", "TIMESTAMP"),
    ("updated_at", "TIMESTAMP"),
    ("ship_date", "DATE"),
    ("status", "ENUM"),
    ("notes", "STRING"),
    ("payload", "BYTES"),
)
TOPIC_RECORD: tuple[str, tuple[tuple[str, str], ...]] = (
    "address",
    (("street", "STRING"), ("city", "STRING"), ("zip", "STRING"), ("country", "STRING")),
)


def floor_topic_bytes(name: str = "orders") -> bytes:
    """The create-topic body for the 20-field schema, written as plain dicts."""
    record, children = TOPIC_RECORD
    fields: list[dict[str, Any]] = [{"name": n, "dataType": t} for n, t in TOPIC_LEAVES]
    fields.append(
        {
            "name": record,
            "dataType": "RECORD",
            "children": [{"name": n, "dataType": t} for n, t in children],
        }
    )
    payload = {
        "name": name,
        "service": "svc",
        "partitions": 1,
        "retentionSize": -1.0,  # the schema's default, which the topic builder always sends
        "messageSchema": {"schemaType": "Avro", "schemaFields": fields},
    }
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def vm_hwm_kib() -> int | None:
    """This process's own peak resident set (VmHWM), or None where /proc is missing.

    getrusage's ru_maxrss is not used: Linux carries it across exec, so a child started
    by a large parent would report the parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None
