"""Every topic rule, checked before any request: all problems at once, each with its field
path, enums in any letter case normalized and misspellings answered with a suggestion."""

from __future__ import annotations

import re
from typing import Any

import pytest
import responses

from openmetadata_fluent import OpenMetadataClient, ValidationError, message_schema, schema_field
from openmetadata_fluent.validation import check_create_topic
from tests.topics.conftest import TOPICS_URL, topic

VALID: dict[str, Any] = {"name": "t", "service": "svc", "partitions": 1}


def problems(body: dict[str, Any]) -> list[str]:
    return [str(p) for p in check_create_topic(body).problems]


def test_every_problem_is_reported_at_once_and_nothing_is_sent(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    builder = (
        client.topics.builder()
        .name("a::b")
        .partitions(True)
        .cleanup_policies(["delete", "compacted"])
        .replication_factor(1.5)  # type: ignore[arg-type]
        .retention_time("1 week")  # type: ignore[arg-type]
        .maximum_message_size("big")  # type: ignore[arg-type]
        .minimum_in_sync_replicas(None)  # type: ignore[arg-type]
        .message_schema(
            message_schema()
            .schema_type("avero")
            .fields(
                schema_field("id", "integer"),
                schema_field("", "RECORD").children(schema_field(None, "STRING")),
            )
        )
    )
    with pytest.raises(ValidationError) as caught:
        builder.create()
    assert len(http.calls) == 0
    assert [str(p) for p in caught.value.problems] == [
        "service: is required",
        "partitions: must be an integer, not boolean",
        "messageSchema.schemaType: 'avero' is not one of Avro, Protobuf, JSON, Other, None "
        "(did you mean 'Avro'?)",
        "messageSchema.schemaFields[0].dataType: 'integer' is not one of RECORD, NULL, BOOLEAN, "
        "INT, LONG, BYTES, FLOAT, DOUBLE, TIMESTAMP, TIMESTAMPZ, TIME, DATE, STRING, ARRAY, MAP, "
        "ENUM, UNION, FIXED, ERROR, UNKNOWN (did you mean 'INT'?)",
        "messageSchema.schemaFields[1].children[0].name: is required",
        "cleanupPolicies[1]: 'compacted' is not one of delete, compact (did you mean 'compact'?)",
        "replicationFactor: must be an integer, not number",
        "retentionTime: must be a number, not string",
        "maximumMessageSize: must be an integer, not string",
        "name: must not contain '::' (got 'a::b')",
        "messageSchema.schemaFields[1].name: must be 1 to 128 characters, not 0",
    ]
    assert str(caught.value).startswith("invalid topic: 11 problems\n  - service: is required")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": None}, ["name: is required"]),
        ({"partitions": None}, ["partitions: is required"]),
        ({"partitions": 0}, ["partitions: must be at least 1, not 0"]),
        ({"partitions": -3}, ["partitions: must be at least 1, not -3"]),
        ({"partitions": 1.0}, ["partitions: must be an integer, not number"]),
        ({"partitions": "1"}, ["partitions: must be an integer, not string"]),
        ({"name": " "}, ["name: must not be empty or blank"]),
        ({"name": "x" * 257}, ["name: must be at most 256 characters, not 257"]),
        ({"name": "a\nb"}, ["name: must not contain line breaks"]),
        ({"service": " "}, [
            "service: must be the messaging service's fully qualified name, 1 to 3072 characters"
        ]),
        ({"service": "s" * 3073}, [
            "service: must be the messaging service's fully qualified name, 1 to 3072 characters"
        ]),
        ({"service": 5}, ["service: must be a string, not integer"]),
        ({"service": {"id": "x"}}, ["service: must be a string, not object"]),
        ({"retentionTime": float("inf")}, ["retentionTime: must be a finite number, not inf"]),
        ({"retentionSize": float("nan")}, ["retentionSize: must be a finite number, not nan"]),
        ({"retentionSize": False}, ["retentionSize: must be a number, not boolean"]),
        ({"cleanupPolicies": "delete"}, ["cleanupPolicies: must be an array, not string"]),
        ({"topicConfig": ["a"]}, ["topicConfig: must be an object, not array"]),
        ({"topicConfig": {"a": {1, 2}}}, ["topicConfig.a: must be JSON data, not set"]),
        ({"topicConfig": {"a": {"b": float("nan")}}}, [
            "topicConfig.a.b: must be a finite number, not nan"
        ]),
        ({"extension": {"when": object}}, ["extension.when: must be JSON data, not type"]),
        ({"extension": {1: "x"}}, ["extension: keys must be strings, not integer"]),
        ({"sourceHash": ""}, ["sourceHash: must be 1 to 32 characters"]),
        ({"sourceHash": "h" * 33}, ["sourceHash: must be 1 to 32 characters"]),
        ({"domains": [""]}, ["domains[0]: must be a fully qualified name of 1 to 3072 characters"]),
        ({"dataProducts": ["ok", " "]}, [
            "dataProducts[1]: must be a fully qualified name of 1 to 3072 characters"
        ]),
        ({"owners": [{"id": "nope"}]}, [
            "owners[0].type: is required", "owners[0].id: must be a UUID, not 'nope'"
        ]),
        ({"tags": [{"tagFQN": "a", "state": "confirmd"}]}, [
            "tags[0].state: 'confirmd' is not one of Suggested, Confirmed "
            "(did you mean 'Confirmed'?)"
        ]),
        ({"lifeCycle": {"created": {}}}, ["lifeCycle.created.timestamp: is required"]),
        ({"messageSchema": {"schemaFields": [{"name": "n" * 129, "dataType": "INT"}]}}, [
            "messageSchema.schemaFields[0].name: must be 1 to 128 characters, not 129"
        ]),
        ({"messageSchema": {"schemaFields": [{"name": "a", "dataType": "RECORD", "children": [
            {"name": "b", "dataType": "RECORD", "children": [{"name": "", "dataType": "INT"}]}
        ]}]}}, [
            "messageSchema.schemaFields[0].children[0].children[0].name: "
            "must be 1 to 128 characters, not 0"
        ]),
        ({"messageSchema": {"schemaFields": [{"name": "a", "dataType": "INT", "type": "x"}]}}, [
            "messageSchema.schemaFields[0].type: unknown field (did you mean 'dataType'?)"
        ]),
        ({"messageSchema": "avro"}, ["messageSchema: must be an object, not string"]),
        ({"partitionCount": 3}, ["partitionCount: unknown field (did you mean 'partitions'?)"]),
        ({"cleanup_policies": ["delete"]}, [
            "cleanup_policies: unknown field (did you mean 'cleanupPolicies'?)"
        ]),
        ({"domain": "Marketing"}, ["domain: unknown field (did you mean 'domains'?)"]),
    ],
)
def test_each_rule(changes: dict[str, Any], expected: list[str]) -> None:
    body = {**VALID, **changes}
    assert sorted(problems({k: v for k, v in body.items()})) == sorted(expected)


def test_a_body_that_is_not_an_object_is_one_problem() -> None:
    assert problems(["t"]) == ["must be an object, not array"]  # type: ignore[arg-type]


def test_enums_in_any_letter_case_are_normalized() -> None:
    checked = check_create_topic(
        {
            **VALID,
            "cleanupPolicies": ["DELETE", "Compact"],
            "messageSchema": {
                "schemaType": "protobuf",
                "schemaFields": [{"name": "a", "dataType": "timestampz"}],
            },
        }
    )
    assert checked.problems == []
    assert checked.body["cleanupPolicies"] == ["delete", "compact"]
    assert checked.body["messageSchema"] == {
        "schemaType": "Protobuf",
        "schemaFields": [{"name": "a", "dataType": "TIMESTAMPZ"}],
    }


def test_strict_mode_keeps_the_servers_exact_spellings() -> None:
    checked = check_create_topic({**VALID, "cleanupPolicies": ["Delete"]}, strict=True)
    assert [str(p) for p in checked.problems] == [
        "cleanupPolicies[0]: 'Delete' is not one of delete, compact (did you mean 'delete'?)"
    ]


def test_defaults_are_filled_and_numbers_sent_as_given() -> None:
    checked = check_create_topic({**VALID, "retentionTime": 604800000, "tags": [{"tagFQN": "a"}]})
    assert checked.body == {
        **VALID,
        "retentionTime": 604800000,
        "retentionSize": -1,
        "tags": [
            {"tagFQN": "a", "source": "Classification", "labelType": "Manual", "state": "Confirmed"}
        ],
    }


def test_a_service_entity_in_a_bulk_dict_becomes_its_fqn() -> None:
    checked = check_create_topic({**VALID, "service": {"name": "my.kafka", "id": "x"}})
    assert checked.problems == [] and checked.body["service"] == '"my.kafka"'
    checked = check_create_topic({**VALID, "service": {"fullyQualifiedName": "k"}})
    assert checked.body["service"] == "k"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda t: t.bulk_upsert([{"name": "x", "service": "s"}]),
         "items[0].partitions: is required"),
        (lambda t: t.create_batch({"name": "x", "service": "s", "partitions": 0}),
         "items[0].partitions: must be at least 1"),
        (lambda t: t.upsert(t.builder().name("x").partitions(1)), "service: is required"),
    ],
)
def test_bulk_and_upsert_check_before_sending(
    client: OpenMetadataClient, http: responses.RequestsMock, call: Any, message: str
) -> None:
    http.put(TOPICS_URL, json=topic())
    with pytest.raises(ValidationError, match=re.escape(message)):
        call(client.topics)
    assert len(http.calls) == 0


@pytest.mark.parametrize(
    ("setter", "value", "message"),
    [
        ("owners", 5, "owners: must be an array, not integer"),
        ("tags", None, None),
        ("tags", 5, "tags: must be an array, not integer"),
        ("domains", "Marketing", "domains: must be an array, not string"),
        ("data_products", {"a": 1}, "dataProducts: must be an array, not object"),
        ("cleanup_policies", 5, "cleanupPolicies: must be an array, not integer"),
        ("topic_config", 5, "topicConfig: must be an object, not integer"),
        ("message_schema", 5, "messageSchema: must be an object, not integer"),
        ("service", 5, "service: must be a string, not integer"),
    ],
)
def test_setters_never_raise_and_the_check_reports_the_wrong_value(
    client: OpenMetadataClient, setter: str, value: Any, message: str | None
) -> None:
    builder = client.topics.builder().name("t").service("s").partitions(1)
    getattr(builder, setter)(value)
    if message is None:
        builder.build()
        return
    with pytest.raises(ValidationError) as caught:
        builder.build()
    assert [str(p) for p in caught.value.problems] == [message]
