"""Every topic builder method on the wire, the issue's example end to end, the Java class
style, and every body validated against the official createTopic schema."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import responses

from openmetadata_fluent import (
    ChangeType,
    CreateTopicRequest,
    MessagingService,
    OpenMetadataClient,
    Topic,
    TopicBuilder,
    Topics,
    ValidationError,
    message_schema,
    messageSchema,
    schema_field,
    schemaField,
    set_default_client,
)
from openmetadata_fluent.builders.topic import MessageSchemaBuilder, SchemaFieldBuilder
from openmetadata_fluent.errors import ConfigurationError
from openmetadata_fluent.models.common import EntityReference, TagLabel
from openmetadata_fluent.models.topics import (
    CleanupPolicy,
    FieldDataType,
    LifeCycle,
    MessageSchema,
    SchemaField,
    SchemaType,
)
from tests.conftest import SEEDS_RESPONSE, sent_json
from tests.topics.conftest import AVRO, TOPICS_URL, USER_ID, topic

OWNER_REF = {"id": USER_ID, "type": "user"}
DEFAULT_LABEL = {"source": "Classification", "labelType": "Manual", "state": "Confirmed"}


def issue_example(builder: TopicBuilder) -> TopicBuilder:
    """The issue's example, word for word."""
    return (
        builder.name("address_book")
        .display_name("Address Book")
        .service("sample_kafka")
        .description("All Protobuf record related events gets captured in this topic")
        .partitions(1)
        .cleanup_policies(["delete"])
        .replication_factor(1)
        .retention_time(604800000.0)
        .retention_size(-1)
        .maximum_message_size(1048588)
        .minimum_in_sync_replicas(1)
        .topic_config({"cleanup.policy": "delete"})
        .message_schema(
            message_schema()
            .schema_type("Avro")
            .schema_text(AVRO)
            .fields(
                schema_field("id", "INT"),
                schema_field("address", "RECORD").children(schema_field("street", "STRING")),
            )
        )
        .owner(USER_ID)
        .tag("PII.Sensitive")
        .domain("Marketing")
    )


ISSUE_BODY: dict[str, Any] = {
    "name": "address_book",
    "displayName": "Address Book",
    "service": "sample_kafka",
    "description": "All Protobuf record related events gets captured in this topic",
    "partitions": 1,
    "messageSchema": {
        "schemaText": AVRO,
        "schemaType": "Avro",
        "schemaFields": [
            {"name": "id", "dataType": "INT"},
            {
                "name": "address",
                "dataType": "RECORD",
                "children": [{"name": "street", "dataType": "STRING"}],
            },
        ],
    },
    "cleanupPolicies": ["delete"],
    "replicationFactor": 1,
    "retentionTime": 604800000.0,
    "maximumMessageSize": 1048588,
    "minimumInSyncReplicas": 1,
    "retentionSize": -1,
    "topicConfig": {"cleanup.policy": "delete"},
    "owners": [OWNER_REF],
    "tags": [{"tagFQN": "PII.Sensitive", **DEFAULT_LABEL}],
    "domains": ["Marketing"],
}


def test_the_issue_example_creates_the_topic_with_one_post(
    client: OpenMetadataClient, http: responses.RequestsMock, topic_schema_validator: Any
) -> None:
    set_default_client(client)
    http.post(TOPICS_URL, json=topic(), status=201)
    created = issue_example(Topics.builder()).create()
    assert created.fully_qualified_name == "sample_kafka.address_book"
    assert isinstance(created, Topic) and created.change_type is ChangeType.CREATED
    assert created.message_schema is not None and created.message_schema.schema_fields
    street = created.message_schema.schema_fields[1].children[0]  # type: ignore[index]
    assert street.fully_qualified_name == "sample_kafka.address_book.address.street"
    assert len(http.calls) == 1
    call = http.calls[0]
    assert call.request.method == "POST"
    assert call.request.url == TOPICS_URL
    assert call.request.headers["Content-Type"] == "application/json"
    assert call.request.headers["Authorization"] == "Bearer test-jwt-token-value"
    assert sent_json(call) == ISSUE_BODY
    topic_schema_validator.validate(sent_json(call))


@pytest.mark.parametrize("method", ["upsert", "create_or_update", "createOrUpdate"])
def test_upsert_puts_the_same_body(
    client: OpenMetadataClient, http: responses.RequestsMock, method: str
) -> None:
    http.put(TOPICS_URL, json=topic(), headers={"X-OpenMetadata-Change": "entityUpdated"})
    result = getattr(issue_example(client.topics.builder()), method)()
    assert result.change_type is ChangeType.UPDATED
    assert [c.request.method for c in http.calls] == ["PUT"]
    assert sent_json(http.calls[0]) == ISSUE_BODY


def test_an_upsert_that_creates_says_so(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.put(TOPICS_URL, json=topic(), status=201)
    result = client.topics.builder().name("t").service("s").partitions(1).upsert()
    assert result.change_type is ChangeType.CREATED


# Every setter, its wire key and a value; camelCase twins are the same functions.
SETTERS: list[tuple[str, str | None, Any, str, Any]] = [
    ("display_name", "displayName", "Address Book", "displayName", "Address Book"),
    ("description", None, "**md**", "description", "**md**"),
    ("partitions", None, 3, "partitions", 3),
    ("cleanup_policies", "cleanupPolicies", ["delete", "compact"], "cleanupPolicies",
     ["delete", "compact"]),
    ("replication_factor", "replicationFactor", 3, "replicationFactor", 3),
    ("retention_time", "retentionTime", 1000, "retentionTime", 1000),
    ("retention_size", "retentionSize", 1024.5, "retentionSize", 1024.5),
    ("maximum_message_size", "maximumMessageSize", 2048, "maximumMessageSize", 2048),
    ("minimum_in_sync_replicas", "minimumInSyncReplicas", 2, "minimumInSyncReplicas", 2),
    ("topic_config", "topicConfig", {"a": 1, "b": [True, None]}, "topicConfig",
     {"a": 1, "b": [True, None]}),
    ("owners", None, [OWNER_REF], "owners", [OWNER_REF]),
    ("tags", None, ["Tier.Tier1"], "tags", [{"tagFQN": "Tier.Tier1", **DEFAULT_LABEL}]),
    ("extension", None, {"team": "ops", "n": 2}, "extension", {"team": "ops", "n": 2}),
    ("source_url", "sourceUrl", "https://kafka.example/t", "sourceUrl", "https://kafka.example/t"),
    ("domains", None, ["Marketing", "Sales"], "domains", ["Marketing", "Sales"]),
    ("data_products", "dataProducts", ["dp1"], "dataProducts", ["dp1"]),
    ("life_cycle", "lifeCycle", {"created": {"timestamp": 1, "accessedByAProcess": "etl"}},
     "lifeCycle", {"created": {"timestamp": 1, "accessedByAProcess": "etl"}}),
    ("source_hash", "sourceHash", "abc123", "sourceHash", "abc123"),
    ("message_schema", "messageSchema", message_schema().schema_type("JSON"), "messageSchema",
     {"schemaType": "JSON"}),
]


@pytest.mark.parametrize(
    ("setter", "twin", "value", "key", "wire"), SETTERS, ids=[s[0] for s in SETTERS]
)
def test_every_setter_puts_its_value_on_the_wire(
    client: OpenMetadataClient,
    http: responses.RequestsMock,
    topic_schema_validator: Any,
    setter: str,
    twin: str | None,
    value: Any,
    key: str,
    wire: Any,
) -> None:
    http.post(TOPICS_URL, json=topic(), status=201)
    builder = client.topics.builder().name("t").service("svc").partitions(1)
    result = getattr(builder, setter)(value)
    assert result is builder  # setters chain on the same builder
    if twin is not None:
        assert getattr(TopicBuilder, twin) is getattr(TopicBuilder, setter)
    builder.create()
    body = sent_json(http.calls[0])
    expected = {"name": "t", "service": "svc", "partitions": 1, "retentionSize": -1, key: wire}
    assert body == expected
    topic_schema_validator.validate(body)


def test_one_at_a_time_setters_add_to_their_lists(
    client: OpenMetadataClient, http: responses.RequestsMock, topic_schema_validator: Any
) -> None:
    http.post(TOPICS_URL, json=topic(), status=201)
    team = uuid.UUID("6f1c6a8e-8e0b-4a4e-9a59-3c1b0f6e2d11")
    (
        client.topics.builder()
        .name("t")
        .service("svc")
        .partitions(1)
        .owner(USER_ID)
        .owner(team, "team")
        .tag("PII.Sensitive")
        .tag("Glossary.Term", label_type="Derived", state="Suggested", source="Glossary")
        .domain("A")
        .domain("B")
        .data_product("p1")
        .dataProduct("p2")
        .cleanup_policies("compact")
        .create()
    )
    body = sent_json(http.calls[0])
    assert body["owners"] == [OWNER_REF, {"id": str(team), "type": "team"}]
    assert body["tags"] == [
        {"tagFQN": "PII.Sensitive", **DEFAULT_LABEL},
        {"tagFQN": "Glossary.Term", "source": "Glossary", "labelType": "Derived",
         "state": "Suggested"},
    ]
    assert body["domains"] == ["A", "B"]
    assert body["dataProducts"] == ["p1", "p2"]
    assert body["cleanupPolicies"] == ["compact"]
    topic_schema_validator.validate(body)


def test_setting_none_removes_a_value(client: OpenMetadataClient) -> None:
    builder = client.topics.builder().name("t").description("d")
    builder.description(None)  # type: ignore[arg-type]
    assert builder.to_dict() == {"name": "t"}


def test_the_service_may_be_the_service_entity_or_a_reference(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.post(TOPICS_URL, json=topic(), status=201)
    service = MessagingService.from_dict({**SEEDS_RESPONSE, "fullyQualifiedName": "sample_kafka"})
    dotted = MessagingService.from_dict(
        {k: v for k, v in SEEDS_RESPONSE.items() if k != "fullyQualifiedName"} | {"name": "a.b"}
    )
    reference = EntityReference(
        id=uuid.UUID(SEEDS_RESPONSE["id"]), type="messagingService", fully_qualified_name="ref"
    )
    for value, expected in ((service, "sample_kafka"), (dotted, '"a.b"'), (reference, "ref")):
        builder = client.topics.builder().name("t").service(value).partitions(1)
        assert builder.to_dict()["service"] == expected
        builder.create()
    assert [sent_json(c)["service"] for c in http.calls] == ["sample_kafka", '"a.b"', "ref"]


def test_message_schema_and_schema_field_builders_have_every_setter(
    client: OpenMetadataClient, http: responses.RequestsMock, topic_schema_validator: Any
) -> None:
    http.post(TOPICS_URL, json=topic(), status=201)
    street = (
        schema_field()
        .name("street")
        .data_type(FieldDataType.STRING)
        .display_name("Street")
        .description("the street")
        .tags(["PII.Sensitive"])
        .tag("Tier.Tier2")
    )
    address = (
        schema_field("address", "record").child(street).child({"name": "n", "dataType": "INT"})
    )
    schema = (
        message_schema()
        .schema_text("{}")
        .schema_type(SchemaType.AVRO)
        .field(address)
        .field(SchemaField(name="id", data_type=FieldDataType.LONG))
    )
    client.topics.builder().name("t").service("s").partitions(1).message_schema(schema).create()
    body = sent_json(http.calls[0])
    assert body["messageSchema"] == {
        "schemaText": "{}",
        "schemaType": "Avro",
        "schemaFields": [
            {
                "name": "address",
                "dataType": "RECORD",  # any letter case, normalized
                "children": [
                    {
                        "name": "street",
                        "dataType": "STRING",
                        "displayName": "Street",
                        "description": "the street",
                        "tags": [
                            {"tagFQN": "PII.Sensitive", **DEFAULT_LABEL},
                            {"tagFQN": "Tier.Tier2", **DEFAULT_LABEL},
                        ],
                    },
                    {"name": "n", "dataType": "INT"},
                ],
            },
            {"name": "id", "dataType": "LONG"},
        ],
    }
    topic_schema_validator.validate(body)


def test_data_type_display_and_unknown_follow_the_newest_schema(
    newest_topic_schema_validator: Any,
) -> None:
    request = (
        Topics.builder()
        .name("t")
        .service("s")
        .partitions(1)
        .message_schema(
            message_schema().fields(
                schema_field("xs", "ARRAY").data_type_display("array<int>"),
                schema_field("odd", "unknown"),
            )
        )
        .build()
    )
    body = request.to_dict()
    assert body["messageSchema"]["schemaFields"] == [
        {"name": "xs", "dataType": "ARRAY", "dataTypeDisplay": "array<int>"},
        {"name": "odd", "dataType": "UNKNOWN"},
    ]
    newest_topic_schema_validator.validate(body)


def test_the_issue_body_follows_the_newest_schema_too(newest_topic_schema_validator: Any) -> None:
    newest_topic_schema_validator.validate(issue_example(Topics.builder()).build().to_dict())


def test_nested_builders_build_their_models() -> None:
    field = schema_field("a", "map").children([schema_field("k", "string")]).build()
    assert field == SchemaField(
        name="a",
        data_type=FieldDataType.MAP,
        children=(SchemaField(name="k", data_type=FieldDataType.STRING),),
    )
    schema = message_schema().schema_type("protobuf").schema_fields(schema_field("x", "INT"))
    assert schema.build() == MessageSchema(
        schema_type=SchemaType.PROTOBUF,
        schema_fields=(SchemaField(name="x", data_type=FieldDataType.INT),),
    )
    with pytest.raises(ValidationError) as caught:
        schema_field("a", "RECORD").children(schema_field(None, "nope")).build()
    assert [str(p) for p in caught.value.problems] == [
        "children[0].name: is required",
        "children[0].dataType: 'nope' is not one of RECORD, NULL, BOOLEAN, INT, LONG, BYTES, "
        "FLOAT, DOUBLE, TIMESTAMP, TIMESTAMPZ, TIME, DATE, STRING, ARRAY, MAP, ENUM, UNION, "
        "FIXED, ERROR, UNKNOWN",
    ]


def test_nested_builder_twins_are_the_same_functions() -> None:
    assert schemaField is schema_field and messageSchema is message_schema
    for cls, pairs in (
        (SchemaFieldBuilder, [("dataType", "data_type"), ("displayName", "display_name"),
                              ("dataTypeDisplay", "data_type_display")]),
        (MessageSchemaBuilder, [("schemaText", "schema_text"), ("schemaType", "schema_type"),
                                ("schemaFields", "fields"), ("schema_fields", "fields")]),
    ):
        for twin, name in pairs:
            assert getattr(cls, twin) is getattr(cls, name)


def test_build_gives_a_frozen_request_that_create_sends_as_built(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.post(TOPICS_URL, json=topic(), status=201)
    request = issue_example(Topics.builder()).build()
    assert isinstance(request, CreateTopicRequest)
    assert request.cleanup_policies == (CleanupPolicy.DELETE,)
    assert request.tags == (TagLabel(tag_fqn="PII.Sensitive"),)
    with pytest.raises(AttributeError):
        request.name = "other"  # type: ignore[misc]
    client.topics.create(request)
    assert sent_json(http.calls[0]) == ISSUE_BODY


def test_a_request_made_by_hand_is_checked_and_sent(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.post(TOPICS_URL, json=topic(), status=201)
    request = CreateTopicRequest(
        name="t",
        service="svc",
        partitions=2,
        life_cycle=LifeCycle.from_dict({"updated": {"timestamp": 5}}),
    )
    client.topics.create(request)
    assert sent_json(http.calls[0]) == {
        "name": "t",
        "service": "svc",
        "partitions": 2,
        "retentionSize": -1,
        "lifeCycle": {"updated": {"timestamp": 5}},
    }
    with pytest.raises(ValidationError, match="partitions: must be at least 1"):
        client.topics.create(CreateTopicRequest(name="t", service="svc", partitions=0))
    assert len(http.calls) == 1


# -- the Java SDK's class style --------------------------------------------------------


@pytest.mark.parametrize("send", ["execute", "now", "create"])
def test_java_create_with_no_argument_is_the_builder(
    client: OpenMetadataClient, http: responses.RequestsMock, send: str
) -> None:
    set_default_client(client)
    http.post(TOPICS_URL, json=topic(), status=201)
    builder = Topics.create()
    assert isinstance(builder, TopicBuilder)
    built = (
        builder.name("address_book")
        .in_("sample_kafka")
        .withDescription("events")
        .withDisplayName("Address Book")
        .withPartitions(1)
        .withReplicationFactor(1)
    )
    created = getattr(built, send)()
    assert created.name == "address_book"
    assert sent_json(http.calls[0]) == {
        "name": "address_book",
        "service": "sample_kafka",
        "description": "events",
        "displayName": "Address Book",
        "partitions": 1,
        "replicationFactor": 1,
        "retentionSize": -1,
    }


def test_java_in_is_reachable_by_its_own_name() -> None:
    builder = Topics.create()
    getattr(builder, "in")("svc")
    assert builder.to_dict() == {"service": "svc"}
    for java, snake in (
        ("withDescription", "with_description"),
        ("withDisplayName", "with_display_name"),
        ("withPartitions", "with_partitions"),
        ("withReplicationFactor", "with_replication_factor"),
    ):
        assert getattr(TopicBuilder, java) is getattr(TopicBuilder, snake)


def test_java_create_takes_a_request_or_a_builder(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    set_default_client(client)
    http.post(TOPICS_URL, json=topic(), status=201)
    request = Topics.builder().name("a").service("s").partitions(1).build()
    assert Topics.create(request).name == "address_book"
    assert Topics.create(Topics.builder().name("b").service("s").partitions(2)).id
    assert [sent_json(c)["name"] for c in http.calls] == ["a", "b"]


def test_create_refuses_what_is_not_a_topic_request(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    with pytest.raises(ValidationError, match="expected a CreateTopicRequest or a builder"):
        client.topics.create(42)  # type: ignore[call-overload]
    assert len(http.calls) == 0


def test_a_builder_made_directly_uses_the_facade_and_needs_a_client() -> None:
    with pytest.raises(ConfigurationError, match="no OpenMetadata server configured"):
        TopicBuilder().name("t").service("s").partitions(1).create()
    TopicBuilder.default_operations, saved = None, TopicBuilder.default_operations
    try:
        with pytest.raises(ConfigurationError, match="bound to no client"):
            TopicBuilder().name("t").service("s").partitions(1).create()
    finally:
        TopicBuilder.default_operations = saved


def test_a_builder_repr_and_copy(client: OpenMetadataClient) -> None:
    base = client.topics.builder().name("t").service("s").partitions(1)
    derived = base.copy().partitions(6).tag("Tier.Tier1")
    assert base.to_dict() == {"name": "t", "service": "s", "partitions": 1}
    assert derived.to_dict()["partitions"] == 6
    assert repr(base) == "TopicBuilder({'name': 't', 'service': 's', 'partitions': 1})"


def test_the_body_sent_is_compact_json(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.post(TOPICS_URL, json=topic(), status=201)
    client.topics.builder().name("t").service("s").partitions(1).description("é").create()
    raw = http.calls[0].request.body
    assert raw == json.dumps(
        {"name": "t", "service": "s", "description": "é", "partitions": 1, "retentionSize": -1},
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()
