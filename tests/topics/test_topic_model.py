"""The topic models: every field of the official schemas, lossless round trips, a mutable
entity whose assignments are checked, a frozen request, and the Java accessors."""

from __future__ import annotations

import copy
import json
import pathlib
import uuid
from typing import Any

import attrs
import pytest

from openmetadata_fluent.errors import ValidationError
from openmetadata_fluent.models import MessagingServiceType, ReadOnlyFieldError
from openmetadata_fluent.models.common import EntityReference, TagLabel
from openmetadata_fluent.models.results import ChangeEvent
from openmetadata_fluent.models.topics import (
    AssetCertification,
    CleanupPolicy,
    CreateTopicRequest,
    FieldDataType,
    LifeCycle,
    MessageSchema,
    SchemaField,
    SchemaType,
    Topic,
    TopicSampleData,
    Votes,
)
from openmetadata_fluent.serialization import redact, wire_fields
from tests.topics.conftest import (
    NEWEST,
    OFFICIAL,
    TOPIC,
    USER_ID,
    change_event,
    schema_file,
    topic,
)

FULL: dict[str, Any] = topic(
    impersonatedBy="ingestion-bot",
    sampleData={"messages": ['{"id": 1}']},
    changeDescription={"fieldsAdded": [], "fieldsUpdated": [], "previousVersion": 0.1},
    incrementalChangeDescription={"fieldsAdded": []},
    extension={"team": "ops"},
    sourceUrl="https://kafka.example/address_book",
    domains=[{"id": USER_ID, "type": "domain", "name": "Marketing"}],
    dataProducts=[{"id": USER_ID, "type": "dataProduct"}],
    lifeCycle={"created": {"timestamp": 1, "accessedBy": {"id": USER_ID, "type": "user"}}},
    certification={
        "tagLabel": {"tagFQN": "Certification.Gold", "source": "Classification",
                     "labelType": "Manual", "state": "Confirmed"},
        "appliedDate": 1,
        "expiryDate": 2,
    },
    sourceHash="abc",
    entityStatus="Approved",
    dataContract={"id": USER_ID, "type": "dataContract"},
    followers=[{"id": USER_ID, "type": "user", "name": "alice"}],
    votes={"upVotes": 1, "downVotes": 0, "upVoters": [{"id": USER_ID, "type": "user"}],
           "downVoters": []},
)


def test_a_full_topic_round_trips_and_reads_typed() -> None:
    parsed = Topic.from_dict(FULL)
    assert parsed.to_dict() == FULL
    assert parsed.service == EntityReference.from_dict(TOPIC["service"])
    assert parsed.service_type is MessagingServiceType.KAFKA
    assert parsed.cleanup_policies == (CleanupPolicy.DELETE,)
    assert parsed.sample_data == TopicSampleData(messages=('{"id": 1}',))
    assert parsed.votes == Votes.from_dict(FULL["votes"]) and parsed.votes.up_votes == 1
    assert isinstance(parsed.life_cycle, LifeCycle)
    assert isinstance(parsed.certification, AssetCertification)
    assert parsed.followers is not None and parsed.followers[0].name == "alice"
    assert parsed.domains is not None and parsed.domains[0].name == "Marketing"
    schema = parsed.message_schema
    assert schema is not None and schema.schema_type is SchemaType.AVRO
    assert schema.schema_fields is not None
    address = schema.schema_fields[1]
    assert address.data_type is FieldDataType.RECORD
    assert address.children == (
        SchemaField(
            name="street",
            data_type=FieldDataType.STRING,
            fully_qualified_name="sample_kafka.address_book.address.street",
            tags=(),
        ),
    )


def test_unknown_keys_and_nulls_are_kept_everywhere() -> None:
    data = topic(
        domain={"id": USER_ID, "type": "domain"},  # what older servers send
        newThing=[1, 2],
        description=None,
    )
    data["messageSchema"]["schemaFields"][0]["futureKey"] = {"x": 1}
    data["messageSchema"]["extraSchemaKey"] = "k"
    data["service"]["inherited"] = None
    parsed = Topic.from_dict(data)
    assert parsed.extra == {"domain": data["domain"], "newThing": [1, 2], "description": None}
    assert parsed.to_dict() == data


def test_unknown_enum_values_from_a_newer_server_are_kept() -> None:
    data = topic(cleanupPolicies=["delete", "tiered"], serviceType="Pulsar")
    data["messageSchema"]["schemaType"] = "Thrift"
    parsed = Topic.from_dict(data)
    assert parsed.service_type is not None and not parsed.service_type.is_known
    assert parsed.to_dict() == data


def _official(relative: str) -> pathlib.Path:
    return schema_file(OFFICIAL, relative)


def _newest(name: str) -> pathlib.Path:
    return schema_file(NEWEST, name)


def _properties(path: pathlib.Path) -> set[str]:
    return set(json.loads(path.read_text())["properties"])


def test_every_property_of_the_official_schemas_is_modeled() -> None:
    create = _properties(_official("api/data/createTopic.json"))
    assert set(wire_fields(CreateTopicRequest)) == create
    entity = _properties(_official("entity/data/topic.json"))
    # The stored entity schema still has the singular ``domain`` live servers replaced.
    assert entity - set(wire_fields(Topic)) == {"domain"}
    schema = json.loads(_official("type/schema.json").read_text())
    assert set(wire_fields(MessageSchema)) == set(schema["properties"])
    field = set(schema["definitions"]["field"]["properties"])
    assert set(wire_fields(SchemaField)) - field == {"dataTypeDisplay"}  # newer than the file


def test_every_property_of_the_newest_client_schemas_is_modeled() -> None:
    create = json.loads(_newest("createTopic.schema.json").read_text())
    assert set(wire_fields(CreateTopicRequest)) == set(create["properties"])
    entity = json.loads(_newest("topic.schema.json").read_text())
    assert set(wire_fields(Topic)) == set(entity["properties"])
    defs = entity["$defs"]
    assert set(wire_fields(SchemaField)) == set(defs["FieldModel"]["properties"])
    assert [m.value for m in FieldDataType] == defs["DataTypeTopic"]["enum"]
    assert [m.value for m in SchemaType] == defs["SchemaType"]["enum"]
    assert [m.value for m in CleanupPolicy] == defs["CleanupPolicy"]["enum"]
    assert set(wire_fields(Votes)) == set(defs["Votes"]["properties"])
    assert set(wire_fields(TopicSampleData)) == set(defs["TopicSampleData"]["properties"])


# -- a mutable entity -----------------------------------------------------------------


def test_assignments_are_checked_and_converted() -> None:
    parsed = Topic.from_dict(topic())
    parsed.description = "now"
    parsed.retention_time = 5
    parsed.owners = [{"id": USER_ID, "type": "user"}]  # type: ignore[assignment]
    parsed.cleanup_policies = ["Compact"]  # type: ignore[assignment]
    parsed.message_schema = {"schemaType": "json"}  # type: ignore[assignment]
    parsed.extension = {"any": ["json", 1]}
    assert parsed.description == "now"
    assert parsed.retention_time == 5.0 and isinstance(parsed.retention_time, float)
    assert parsed.owners == (EntityReference(id=uuid.UUID(USER_ID), type="user"),)
    assert parsed.cleanup_policies == (CleanupPolicy.COMPACT,)
    assert parsed.message_schema == MessageSchema(schema_type=SchemaType.JSON)
    parsed.description = None
    assert "description" not in parsed.to_dict()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("description", 5, "description: must be a string, not integer"),
        ("partitions", True, "partitions: must be an integer, not boolean"),
        ("partitions", None, "partitions: is required: None is not allowed"),
        ("retention_size", float("nan"), "retentionSize: must be a finite number"),
        ("owners", [{"id": "x"}], r"owners\[0\]\.type: is required"),
        ("tags", [{"tagFQN": "a", "labelType": "manul"}], "did you mean 'Manual'"),
        ("extension", {"s": {1}}, "extension.s: must be JSON data, not set"),
        ("cleanup_policies", ["compaction"], "did you mean 'compact'"),
    ],
)
def test_a_wrong_assignment_is_refused_and_leaves_the_entity_as_it_was(
    name: str, value: Any, message: str
) -> None:
    parsed = Topic.from_dict(topic())
    before = parsed.to_dict()
    with pytest.raises(ValidationError, match=message) as caught:
        setattr(parsed, name, value)
    assert caught.value.problems
    assert parsed.to_dict() == before


@pytest.mark.parametrize("name", ["name", "service", "version", "votes", "id"])
def test_fields_the_server_owns_are_read_only(name: str) -> None:
    parsed = Topic.from_dict(topic())
    with pytest.raises(ReadOnlyFieldError, match=rf"Topic\.{name} is read-only"):
        setattr(parsed, name, None)


def test_the_entity_is_unhashable_and_compares_by_value() -> None:
    one, two = Topic.from_dict(topic()), Topic.from_dict(topic())
    with pytest.raises(TypeError):
        hash(one)
    assert one == two
    two.description = "other"
    assert one != two


def test_java_accessors_read_and_write_the_fields() -> None:
    parsed = Topic.from_dict(FULL)
    assert parsed.getId() == uuid.UUID(FULL["id"]) and parsed.getName() == "address_book"
    assert parsed.getFullyQualifiedName() == "sample_kafka.address_book"
    assert parsed.getService() is parsed.service and parsed.getPartitions() == 1
    assert parsed.getMessageSchema() is parsed.message_schema
    assert parsed.getFollowers() is parsed.followers and parsed.getVotes() is parsed.votes
    assert parsed.getDomains() is parsed.domains and parsed.getVersion() == 0.1
    assert parsed.getSampleData() is parsed.sample_data
    parsed.setDisplayName("AB")
    parsed.setDescription("d")
    parsed.setOwners([{"id": USER_ID, "type": "team"}])
    parsed.setTags([TagLabel(tag_fqn="PII.Sensitive")])
    parsed.setMessageSchema(MessageSchema(schema_type=SchemaType.OTHER))
    assert (parsed.getDisplayName(), parsed.getDescription()) == ("AB", "d")
    assert parsed.getOwners() == (EntityReference(id=uuid.UUID(USER_ID), type="team"),)
    assert parsed.getTags() == (TagLabel(tag_fqn="PII.Sensitive"),)
    assert parsed.getMessageSchema() == MessageSchema(schema_type=SchemaType.OTHER)
    with pytest.raises(ValidationError, match="description: must be a string"):
        parsed.setDescription(3)  # type: ignore[arg-type]


def test_the_create_request_is_frozen_and_round_trips() -> None:
    wire = {
        "name": "t",
        "service": "svc",
        "partitions": 1,
        "retentionSize": -1,
        "messageSchema": {"schemaType": "Avro", "schemaFields": [{"name": "a", "dataType": "INT"}]},
        "futureKey": True,
    }
    request = CreateTopicRequest.from_dict(wire)
    assert request.to_dict() == wire and request.extra == {"futureKey": True}
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        request.partitions = 2  # type: ignore[misc]
    assert attrs.evolve(request, partitions=4).partitions == 4


def test_a_change_event_reads_typed_and_round_trips() -> None:
    data = change_event("followers", "fieldsAdded", [{"id": USER_ID, "type": "user"}])
    data["changeDescription"]["fieldsAdded"][0]["oldValue"] = None
    event = ChangeEvent.from_dict(data)
    assert event.to_dict() == data
    assert event.entity is not None and Topic.from_dict(event.entity).service is None
    assert event.current_version == 0.1 and event.user_name == "admin"


def test_reprs_hide_nothing_that_is_not_secret_and_redaction_keeps_topics_whole() -> None:
    parsed = Topic.from_dict(topic())
    assert "address_book" in repr(parsed)
    assert redact(copy.deepcopy(TOPIC)) == TOPIC
