"""Fluent builders of a topic create request and of its message schema.

``Topics.builder().name(..).service(..).partitions(1)...create()`` in Python style, or the
Java SDK's ``Topics.create().name(..).in_(..).withPartitions(1).execute()``; both are
the same builder. ``message_schema()`` and ``schema_field(name, data_type)`` build the
nested schema.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from openmetadata_fluent._typed import concrete_returns
from openmetadata_fluent.builders._base import Builder, RequestBuilder
from openmetadata_fluent.errors import ValidationError
from openmetadata_fluent.models.common import (
    EntityReference,
    LabelType,
    TagLabel,
    TagSource,
    TagState,
)
from openmetadata_fluent.models.topics import (
    CleanupPolicy,
    CreateTopicRequest,
    FieldDataType,
    LifeCycle,
    MessageSchema,
    SchemaField,
    SchemaType,
    Topic,
)
from openmetadata_fluent.serialization import structure
from openmetadata_fluent.validation import (
    Checked,
    check_create_topic,
    check_model,
    service_fqn,
)

if TYPE_CHECKING:
    from openmetadata_fluent._core.operations import EntityOperations
    from openmetadata_fluent.models.messaging import MessagingService

    Operations = EntityOperations[Topic, CreateTopicRequest]
    FieldArg: TypeAlias = "SchemaFieldBuilder | SchemaField | Mapping[str, Any]"

__all__ = [
    "AssetSetters",
    "MessageSchemaBuilder",
    "SchemaFieldBuilder",
    "TopicBuilder",
    "messageSchema",
    "message_schema",
    "schemaField",
    "schema_field",
]

_L = TypeVar("_L", bound="_Lists")
_T = TypeVar("_T", bound="_Tagged")
_A = TypeVar("_A", bound="AssetSetters")
_M = TypeVar("_M", SchemaField, MessageSchema)

TagInput = TagLabel | Mapping[str, Any] | str


def _listed(values: Any) -> Any:
    """An iterable setter argument as a list; anything else is kept as given, for the
    check to report (a setter never raises)."""
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        return values
    return list(values)


def _flatten(values: tuple[Any, ...]) -> list[Any]:
    """Items given one by one or as one list (``fields(a, b)`` or ``fields([a, b])``)."""
    if len(values) == 1 and isinstance(values[0], (list, tuple)):
        return list(values[0])
    return list(values)


class _Lists(Builder):
    """A builder with list settings that one-at-a-time setters append to."""

    def _add(self: _L, key: str, value: Any) -> _L:
        self._body.setdefault(key, []).append(value)
        return self


class _Tagged(_Lists):
    """Builders of things that carry tags: a topic, a schema field."""

    def tags(self: _T, values: Iterable[TagInput]) -> _T:
        """Replace the tags; a plain string is a tag FQN with the default label settings."""
        labels = _listed(values)
        if isinstance(labels, list):
            labels = [{"tagFQN": v} if isinstance(v, str) else v for v in labels]
        return self._set("tags", labels)

    def tag(
        self: _T,
        tag_fqn: str,
        label_type: LabelType | str = LabelType.MANUAL,
        state: TagState | str = TagState.CONFIRMED,
        source: TagSource | str = TagSource.CLASSIFICATION,
    ) -> _T:
        """Add one tag by its fully qualified name, e.g. ``"PII.Sensitive"``."""
        label = {"tagFQN": tag_fqn, "source": source, "labelType": label_type, "state": state}
        return self._add("tags", label)


class AssetSetters(_Tagged):
    """The ownership and grouping setters every data asset's create request has: owners,
    tags, domains and data products."""

    def owners(self: _A, values: Iterable[EntityReference | Mapping[str, Any]]) -> _A:
        """Replace the owners (references with ``id`` and ``type``)."""
        return self._set("owners", _listed(values))

    def owner(self: _A, id: uuid.UUID | str, type: str = "user") -> _A:
        """Add one owner: a user (default) or a team, by UUID."""
        return self._add("owners", {"id": id, "type": type})

    def domains(self: _A, values: Iterable[str]) -> _A:
        """Replace the domains (fully qualified names)."""
        return self._set("domains", _listed(values))

    def domain(self: _A, fqn: str) -> _A:
        """Add one domain by fully qualified name."""
        return self._add("domains", fqn)

    def data_products(self: _A, values: Iterable[str]) -> _A:
        """Replace the data products (fully qualified names)."""
        return self._set("dataProducts", _listed(values))

    def data_product(self: _A, fqn: str) -> _A:
        """Add one data product by fully qualified name."""
        return self._add("dataProducts", fqn)

    dataProducts = data_products
    dataProduct = data_product


@concrete_returns
class SchemaFieldBuilder(_Tagged):
    """One field of a message schema: ``schema_field("address", "RECORD").children(..)``."""

    def name(self, value: str) -> SchemaFieldBuilder:
        """The field's local name (1 to 128 characters)."""
        return self._set("name", value)

    def data_type(self, value: FieldDataType | str) -> SchemaFieldBuilder:
        """RECORD, INT, STRING, ARRAY, MAP, ... (any letter case)."""
        return self._set("dataType", value)

    def display_name(self, value: str) -> SchemaFieldBuilder:
        """A friendlier name shown instead of ``name``."""
        return self._set("displayName", value)

    def description(self, value: str) -> SchemaFieldBuilder:
        """Markdown description of the field."""
        return self._set("description", value)

    def data_type_display(self, value: str) -> SchemaFieldBuilder:
        """How the type reads for complex types, e.g. ``array<int>`` or ``map<string,int>``."""
        return self._set("dataTypeDisplay", value)

    def children(self, *fields: FieldArg | list[FieldArg]) -> SchemaFieldBuilder:
        """Replace the nested fields (of a RECORD, MAP or ARRAY), one by one or as a list."""
        return self._set("children", _flatten(fields))

    def child(self, field: FieldArg) -> SchemaFieldBuilder:
        """Add one nested field."""
        return self._add("children", field)

    def build(self) -> SchemaField:
        """The field model, after checking it and its children; raises ``ValidationError``
        listing every problem."""
        return _build(self.to_dict(), SchemaField, "schema field")

    dataType = data_type
    displayName = display_name
    dataTypeDisplay = data_type_display


@concrete_returns
class MessageSchemaBuilder(_Lists):
    """A topic's message schema: ``message_schema().schema_type("Avro").fields(..)``."""

    def schema_text(self, value: str) -> MessageSchemaBuilder:
        """The schema itself, as its source wrote it (an Avro JSON, a .proto, ...)."""
        return self._set("schemaText", value)

    def schema_type(self, value: SchemaType | str) -> MessageSchemaBuilder:
        """Avro, Protobuf, JSON, Other or None (any letter case)."""
        return self._set("schemaType", value)

    def fields(self, *fields: FieldArg | list[FieldArg]) -> MessageSchemaBuilder:
        """Replace the top-level fields, one by one or as a list."""
        return self._set("schemaFields", _flatten(fields))

    def field(self, field: FieldArg) -> MessageSchemaBuilder:
        """Add one top-level field."""
        return self._add("schemaFields", field)

    def build(self) -> MessageSchema:
        """The schema model, after checking every field at every depth."""
        return _build(self.to_dict(), MessageSchema, "message schema")

    schemaText = schema_text
    schemaType = schema_type
    schema_fields = fields
    schemaFields = fields


def _build(body: dict[str, Any], model: type[_M], subject: str) -> _M:
    checked = check_model(body, model)
    if checked.problems:
        raise ValidationError(checked.problems, subject=subject)
    return structure(checked.body, model)


def schema_field(
    name: str | None = None, data_type: FieldDataType | str | None = None
) -> SchemaFieldBuilder:
    """A schema field builder, e.g. ``schema_field("id", "INT")``."""
    builder = SchemaFieldBuilder()
    return builder._set("name", name)._set("dataType", data_type)


def message_schema() -> MessageSchemaBuilder:
    """A message schema builder."""
    return MessageSchemaBuilder()


schemaField = schema_field
messageSchema = message_schema


@concrete_returns
class TopicBuilder(AssetSetters, RequestBuilder):
    """Builds a ``CreateTopicRequest`` and sends it.

    Made by ``client.topics.builder()`` it uses that client; made by ``Topics.builder()``
    (or ``Topics.create()``) it uses the default client as it is when ``create()`` runs.
    Setters never raise: ``build()``, ``create()`` and ``upsert()`` check everything at
    once and raise one ``ValidationError`` listing every problem.
    """

    subject = "topic"
    made_by = "Topics.builder() or client.topics.builder()"

    def __init__(self, operations: Operations | None = None) -> None:
        super().__init__(operations)

    def _check_body(self, body: Mapping[str, Any]) -> Checked:
        return check_create_topic(body)

    def name(self, value: str) -> TopicBuilder:
        """The topic's name: 1 to 256 characters, no ``::``."""
        return self._set("name", value)

    def display_name(self, value: str) -> TopicBuilder:
        """A friendlier name shown instead of ``name``."""
        return self._set("displayName", value)

    def description(self, value: str) -> TopicBuilder:
        """Markdown description of the topic."""
        return self._set("description", value)

    def service(self, value: str | MessagingService | EntityReference) -> TopicBuilder:
        """The messaging service the topic lives in: its fully qualified name, or the
        service entity (or a reference to it), whose FQN is sent."""
        return self._set("service", service_fqn(value))

    def partitions(self, value: int) -> TopicBuilder:
        """Number of partitions (an integer, at least 1); required."""
        return self._set("partitions", value)

    def message_schema(
        self, value: MessageSchemaBuilder | MessageSchema | Mapping[str, Any]
    ) -> TopicBuilder:
        """The schema of the topic's messages: ``message_schema()...`` or a model."""
        return self._set("messageSchema", value)

    def cleanup_policies(
        self, values: Iterable[CleanupPolicy | str] | CleanupPolicy | str
    ) -> TopicBuilder:
        """Kafka's ``cleanup.policy``: a list of ``delete`` and/or ``compact``."""
        if isinstance(values, str):
            return self._set("cleanupPolicies", [values])
        return self._set("cleanupPolicies", _listed(values))

    def replication_factor(self, value: int) -> TopicBuilder:
        """How many brokers hold a copy of each partition (an integer)."""
        return self._set("replicationFactor", value)

    def retention_time(self, value: float) -> TopicBuilder:
        """Kafka's ``retention.ms``: how long messages are kept, in milliseconds."""
        return self._set("retentionTime", value)

    def retention_size(self, value: float) -> TopicBuilder:
        """Kafka's ``retention.bytes`` per partition; -1 (the default) means no limit."""
        return self._set("retentionSize", value)

    def maximum_message_size(self, value: int) -> TopicBuilder:
        """Kafka's ``max.message.bytes`` (an integer)."""
        return self._set("maximumMessageSize", value)

    def minimum_in_sync_replicas(self, value: int) -> TopicBuilder:
        """Kafka's ``min.insync.replicas`` (an integer)."""
        return self._set("minimumInSyncReplicas", value)

    def topic_config(self, value: Mapping[str, Any]) -> TopicBuilder:
        """The topic's other settings as key/value pairs (any JSON values)."""
        return self._set("topicConfig", dict(value) if isinstance(value, Mapping) else value)

    def extension(self, value: Any) -> TopicBuilder:
        """Custom properties defined for topics on the server (any JSON)."""
        return self._set("extension", value)

    def source_url(self, value: str) -> TopicBuilder:
        """A link to the topic in its source system's own UI."""
        return self._set("sourceUrl", value)

    def life_cycle(self, value: LifeCycle | Mapping[str, Any]) -> TopicBuilder:
        """When and by whom the topic was created, updated and last accessed at its source."""
        return self._set("lifeCycle", value)

    def source_hash(self, value: str) -> TopicBuilder:
        """A hash of the source's definition (1 to 32 characters), so ingestion can skip
        topics that did not change."""
        return self._set("sourceHash", value)

    # -- checking and sending -----------------------------------------------------------

    def build(self) -> CreateTopicRequest:
        """The request model, after checking everything; raises ``ValidationError`` listing
        every problem with its field path."""
        return self._request(CreateTopicRequest)

    def create(self) -> Topic:
        """POST the request; a topic of that name in that service raises
        ``EntityAlreadyExistsError``."""
        created: Topic = self._ops()._send_create(self._check())
        return created

    def upsert(self) -> Topic:
        """PUT the request: create the topic, or update the one of the same name.
        ``change_type`` on the result says which."""
        stored: Topic = self._ops()._send_upsert(self._check())
        return stored

    create_or_update = upsert
    execute = create
    now = create
    in_ = service
    with_display_name = display_name
    with_description = description
    with_partitions = partitions
    with_replication_factor = replication_factor

    displayName = display_name
    messageSchema = message_schema
    cleanupPolicies = cleanup_policies
    replicationFactor = replication_factor
    retentionTime = retention_time
    retentionSize = retention_size
    maximumMessageSize = maximum_message_size
    minimumInSyncReplicas = minimum_in_sync_replicas
    topicConfig = topic_config
    sourceUrl = source_url
    lifeCycle = life_cycle
    sourceHash = source_hash
    createOrUpdate = create_or_update
    withDisplayName = display_name
    withDescription = description
    withPartitions = partitions
    withReplicationFactor = replication_factor


# The Java SDK's ``in(service)``: a Python keyword, so ``in_`` is its spelling here and
# ``getattr(builder, "in")`` reaches the same method.
setattr(TopicBuilder, "in", TopicBuilder.service)
