"""Topics, the children of messaging services, as a resource on the entity core.

Only what is theirs lives here: the spec, the ``service`` filter of a listing, the
topic-only calls (followers, votes, sample data) and the ``Topics`` facade.
``client.topics`` is a ``TopicOperations`` for that client; ``Topics`` is the same class
bound to whatever the default client is when a call runs.

A topic's FQN is ``<service FQN>.<topic name>``, each part double-quoted when it has a
dot (``TopicOperations.fqn("my.kafka", "orders")`` is ``"my.kafka".orders``). Calls that
take an FQN take the whole topic FQN as it is: only the caller knows where the parts
split, so nothing is quoted for them.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, overload

from openmetadata_fluent._core.operations import DefaultClientFacade, EntityOperations
from openmetadata_fluent._core.pages import EntityList
from openmetadata_fluent._core.query import FieldsArg, Include, list_query
from openmetadata_fluent._core.spec import EntitySpec, quote_name
from openmetadata_fluent._typed import concrete_returns
from openmetadata_fluent.builders.topic import TopicBuilder
from openmetadata_fluent.client import default_client
from openmetadata_fluent.errors import Problem, ValidationError
from openmetadata_fluent.models.common import EntityReference
from openmetadata_fluent.models.results import ChangeEvent
from openmetadata_fluent.models.topics import (
    CreateTopicRequest,
    Topic,
    TopicSampleData,
    VoteRequest,
    VoteType,
)
from openmetadata_fluent.serialization import wire_value
from openmetadata_fluent.validation import check_create_topic, check_model, service_fqn

if TYPE_CHECKING:
    from openmetadata_fluent.client import OpenMetadataClient
    from openmetadata_fluent.models.messaging import MessagingService

__all__ = ["ALLOWED_FIELDS", "TOPICS", "TopicList", "TopicOperations", "Topics"]

ALLOWED_FIELDS = (
    "owners",
    "followers",
    "votes",
    "tags",
    "extension",
    "domains",
    "dataProducts",
    "sourceHash",
    "lifeCycle",
    "certification",
)
"""What ``fields`` may ask for: the fields a topic read leaves out unless asked."""


def topic_fqn_as_given(fqn: str) -> str:
    """A topic FQN goes to ``/v1/topics/name/{fqn}`` as the caller wrote it: quoting is
    per part, and only the caller knows where the parts split."""
    return fqn


TOPICS: EntitySpec[Topic, CreateTopicRequest] = EntitySpec(
    entity_type="topic",
    subject="topic",
    collection="/v1/topics",
    entity_class=Topic,
    request_class=CreateTopicRequest,
    check=check_create_topic,
    fields=ALLOWED_FIELDS,
    editable_fields=(
        "owners",
        "tags",
        "domains",
        "dataProducts",
        "extension",
        "sourceHash",
        "lifeCycle",
        "certification",
    ),
    lookup_fqn=topic_fqn_as_given,
    request_fqn=lambda body: f"{quote_name(body['service'])}.{quote_name(body['name'])}",
    list_filters=("service",),
    has_bulk_route=True,
)

CreateInput = CreateTopicRequest | TopicBuilder


@concrete_returns
class TopicList(EntityList[Topic]):
    """The topics a listing matches, fetched page by page; ``service(fqn)`` narrows it to
    one messaging service. Every setter changes this listing and returns it."""

    def service(self, value: str | MessagingService | EntityReference) -> TopicList:
        """Only the topics of this messaging service (its FQN, or the service entity)."""
        self.filter("service", service_fqn(value))
        return self


@concrete_returns
class TopicOperations(EntityOperations[Topic, CreateTopicRequest]):
    """Every topic call, bound to one client."""

    def __init__(self, client: OpenMetadataClient | None = None) -> None:
        super().__init__(TOPICS, client, default_client)

    def builder(self) -> TopicBuilder:
        """A fluent builder whose ``create()`` and ``upsert()`` use these operations."""
        return TopicBuilder(self)

    @staticmethod
    def fqn(service: str | MessagingService | EntityReference, name: str) -> str:
        """A topic's fully qualified name: ``<service FQN>.<name>``, the name double-quoted
        if it has a dot; ``service`` is a service name or FQN, or the service entity."""
        parent = service_fqn(service)
        problems = [
            Problem(path, "must be a non-blank name", "type")
            for path, value in (("service", parent), ("name", name))
            if not isinstance(value, str) or not value.strip()
        ]
        if problems:
            raise ValidationError(problems, subject="topic FQN")
        return f"{quote_name(parent)}.{quote_name(name)}"

    @overload
    def create(self) -> TopicBuilder: ...

    @overload
    def create(self, request: CreateInput) -> Topic: ...

    def create(self, request: Any = None) -> Topic | TopicBuilder:
        """POST a new topic from a request or a builder. With no argument, the Java SDK's
        ``Topics.create().name(..).in_(service).withPartitions(1).execute()`` builder."""
        if request is None:
            return self.builder()
        return super().create(request)

    def upsert(self, request: CreateInput) -> Topic:
        """PUT: create the topic or update the one with the same name; the result's
        ``change_type`` says whether it was created, updated or unchanged."""
        return super().upsert(request)

    create_or_update = upsert
    createOrUpdate = upsert

    def list(
        self,
        limit: int | None = None,
        fields: FieldsArg = None,
        include: Include | str | None = None,
        service: str | MessagingService | EntityReference | None = None,
        after: str | None = None,
        before: str | None = None,
    ) -> TopicList:
        """Every matching topic, fetched page by page as iteration goes (``limit`` per
        page), optionally only those of one ``service``. Java style:
        ``list().service("sample_kafka").fields("owners").limit(50).execute().getData()``."""
        filters = {"service": None if service is None else service_fqn(service)}
        params = list_query(limit, fields, include, self.spec, filters)
        return TopicList(self, params, after, before)

    # -- votes --------------------------------------------------------------------------

    def vote(self, id: uuid.UUID | str, vote: VoteType | str) -> ChangeEvent:
        """Vote as the calling user: ``votedUp``, ``votedDown`` or ``unVoted`` (any letter
        case); a misspelt vote is refused before any request."""
        checked = check_model({"updatedVoteType": wire_value(vote)}, VoteRequest)
        if checked.problems:
            raise ValidationError(checked.problems, subject="vote")
        path = self._by_id(id, "vote")
        return self._change_event(self._request("PUT", path, body=checked.body))

    # -- sample data --------------------------------------------------------------------

    def add_sample_data(
        self, id: uuid.UUID | str, messages: Iterable[str] | TopicSampleData | Mapping[str, Any]
    ) -> Topic:
        """Store sample messages for the topic (PUT ``{id}/sampleData``, replacing any
        stored before); the answer is the topic with its ``sample_data``."""
        if isinstance(messages, (TopicSampleData, Mapping)):
            data = wire_value(messages)
        elif isinstance(messages, (str, bytes)) or not isinstance(messages, Iterable):
            raise ValidationError(
                [Problem("messages", "must be a list of strings", "type")], subject="sample data"
            )
        else:
            data = {"messages": builtins.list(messages)}
        checked = check_model(data, TopicSampleData)
        if checked.problems:
            raise ValidationError(checked.problems, subject="sample data")
        path = self._by_id(id, "sampleData")
        return self._entity(self._request("PUT", path, body=checked.body))

    def get_sample_data(self, id: uuid.UUID | str) -> Topic:
        """The topic with its stored sample messages in ``sample_data`` (PII may be masked
        for callers not allowed to see it)."""
        return self._entity(self._request("GET", self._by_id(id, "sampleData")))

    addSampleData = add_sample_data
    getSampleData = get_sample_data


class _DefaultTopics(DefaultClientFacade, TopicOperations):
    """The operations of whatever the default client is when a call runs."""

    facade_name = "Topics"


Topics: _DefaultTopics = _DefaultTopics()
"""Java-style facade: ``Topics.builder().name(..).service(..).partitions(1).create()``."""

TopicBuilder.default_operations = Topics
