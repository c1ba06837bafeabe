"""Topics: the create request, the entity the server returns, its message schema, and the
answers of the topic-only calls (followers, votes, sample data).

Nothing here performs I/O. The create request and the nested values are frozen; the
``Topic`` entity is mutable, so ``topic.description = "..."`` then ``Topics.update(topic)``
saves the change (an assignment is checked and converted like a setter's value).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import attrs

from openmetadata_fluent._typed import concrete_model_returns
from openmetadata_fluent.models._access import REQUEST_HINT, immutable, on_setattr, redacted_repr
from openmetadata_fluent.models._java import TopicAccessors
from openmetadata_fluent.models.common import (
    ChangeType,
    CheckedRequest,
    EntityReference,
    EntityStatus,
    TagLabel,
    WireEnum,
    WireModel,
    extra_field,
)
from openmetadata_fluent.models.connections import MessagingServiceType

__all__ = [
    "AccessDetails",
    "AssetCertification",
    "CleanupPolicy",
    "CreateTopicRequest",
    "FieldDataType",
    "LifeCycle",
    "MessageSchema",
    "SchemaField",
    "SchemaType",
    "Topic",
    "TopicSampleData",
    "VoteRequest",
    "VoteType",
    "Votes",
]


class CleanupPolicy(WireEnum):
    """Kafka's ``cleanup.policy``: old segments are deleted, or compacted by key."""

    DELETE = "delete"
    COMPACT = "compact"


class SchemaType(WireEnum):
    """How messages on a topic are serialized."""

    AVRO = "Avro"
    PROTOBUF = "Protobuf"
    JSON = "JSON"
    OTHER = "Other"
    NONE = "None"


class FieldDataType(WireEnum):
    """The type of one field of a message schema (the server's ``dataTypeTopic``)."""

    RECORD = "RECORD"
    NULL = "NULL"
    BOOLEAN = "BOOLEAN"
    INT = "INT"
    LONG = "LONG"
    BYTES = "BYTES"
    FLOAT = "FLOAT"
    DOUBLE = "DOUBLE"
    TIMESTAMP = "TIMESTAMP"
    TIMESTAMPZ = "TIMESTAMPZ"
    TIME = "TIME"
    DATE = "DATE"
    STRING = "STRING"
    ARRAY = "ARRAY"
    MAP = "MAP"
    ENUM = "ENUM"
    UNION = "UNION"
    FIXED = "FIXED"
    ERROR = "ERROR"
    UNKNOWN = "UNKNOWN"


class VoteType(WireEnum):
    """A user's vote on an entity; ``unVoted`` takes a vote back."""

    VOTED_UP = "votedUp"
    VOTED_DOWN = "votedDown"
    UN_VOTED = "unVoted"


@immutable()
@attrs.frozen(kw_only=True)
class SchemaField(WireModel):
    """One field of a message schema; ``children`` nest the fields of a record, map or
    array. The server sets ``fully_qualified_name`` (``<topic FQN>.<field>...``)."""

    name: str
    data_type: FieldDataType
    display_name: str | None = None
    description: str | None = None
    data_type_display: str | None = None
    fully_qualified_name: str | None = None
    tags: tuple[TagLabel, ...] | None = None
    children: tuple[SchemaField, ...] | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class MessageSchema(WireModel):
    """The schema of a topic's messages: its text, its kind, and its fields."""

    schema_text: str | None = None
    schema_type: SchemaType | None = None
    schema_fields: tuple[SchemaField, ...] | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class AccessDetails(WireModel):
    """When (epoch milliseconds) and by whom a topic was created, updated or read."""

    timestamp: int
    accessed_by: EntityReference | None = None
    accessed_by_a_process: str | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class LifeCycle(WireModel):
    """The created / updated / accessed events of a data asset, as its source saw them."""

    created: AccessDetails | None = None
    updated: AccessDetails | None = None
    accessed: AccessDetails | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class AssetCertification(WireModel):
    """A certification tag on an asset, with when it was applied and when it expires."""

    tag_label: TagLabel
    applied_date: int
    expiry_date: int
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class TopicSampleData(WireModel):
    """Sample messages of a topic: the body of ``PUT /v1/topics/{id}/sampleData``."""

    messages: tuple[str, ...] | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class Votes(WireModel):
    """The votes on an entity (``fields=votes``)."""

    up_votes: int | None = None
    down_votes: int | None = None
    up_voters: tuple[EntityReference, ...] | None = None
    down_voters: tuple[EntityReference, ...] | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class VoteRequest(WireModel):
    """The body of ``PUT /v1/topics/{id}/vote``."""

    updated_vote_type: VoteType
    extra: Mapping[str, Any] = extra_field()


@immutable(REQUEST_HINT)
@attrs.frozen(kw_only=True)
class CreateTopicRequest(CheckedRequest):
    """The body of ``POST``/``PUT /v1/topics``.

    ``service`` is the fully qualified name of the messaging service the topic lives in;
    ``retention_size`` defaults to -1 (no size limit), as the server's schema says.
    """

    name: str
    display_name: str | None = None
    service: str
    description: str | None = None
    partitions: int
    message_schema: MessageSchema | None = None
    cleanup_policies: tuple[CleanupPolicy, ...] | None = None
    replication_factor: int | None = None
    retention_time: float | None = None
    maximum_message_size: int | None = None
    minimum_in_sync_replicas: int | None = None
    retention_size: float = -1
    topic_config: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    owners: tuple[EntityReference, ...] | None = None
    tags: tuple[TagLabel, ...] | None = None
    extension: Any = attrs.field(default=None, repr=redacted_repr)
    source_url: str | None = None
    domains: tuple[str, ...] | None = None
    data_products: tuple[str, ...] | None = None
    life_cycle: LifeCycle | None = None
    source_hash: str | None = None
    extra: Mapping[str, Any] = extra_field()


@attrs.define(kw_only=True, on_setattr=on_setattr)
class Topic(WireModel, TopicAccessors):
    """A topic as the server returns it: mutable like the Java SDK's entity.

    ``service`` references the messaging service; ``message_schema.schema_fields`` carry
    their fully qualified names. ``change_type`` says what a write did (never on the wire).
    """

    id: uuid.UUID
    name: str
    fully_qualified_name: str | None = None
    display_name: str | None = None
    description: str | None = None
    version: float | None = None
    updated_at: int | None = None
    updated_by: str | None = None
    impersonated_by: str | None = None
    service: EntityReference | None = None
    service_type: MessagingServiceType | None = None
    message_schema: MessageSchema | None = None
    partitions: int
    cleanup_policies: tuple[CleanupPolicy, ...] | None = None
    retention_time: float | None = None
    replication_factor: int | None = None
    maximum_message_size: int | None = None
    minimum_in_sync_replicas: int | None = None
    retention_size: float | None = None
    topic_config: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    sample_data: TopicSampleData | None = None
    owners: tuple[EntityReference, ...] | None = None
    followers: tuple[EntityReference, ...] | None = None
    tags: tuple[TagLabel, ...] | None = None
    href: str | None = None
    change_description: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    incremental_change_description: dict[str, Any] | None = attrs.field(
        default=None, repr=redacted_repr
    )
    deleted: bool | None = None
    extension: Any = attrs.field(default=None, repr=redacted_repr)
    source_url: str | None = None
    domains: tuple[EntityReference, ...] | None = None
    data_products: tuple[EntityReference, ...] | None = None
    votes: Votes | None = None
    life_cycle: LifeCycle | None = None
    certification: AssetCertification | None = None
    source_hash: str | None = None
    entity_status: EntityStatus | None = None
    data_contract: EntityReference | None = None
    extra: Mapping[str, Any] = extra_field()
    change_type: ChangeType | None = attrs.field(default=None, eq=False, metadata={"wire": None})


concrete_model_returns(globals())
