"""The messaging-service create request, the entity the server returns, and bulk results."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from openmetadata_fluent._typed import concrete_model_returns
from openmetadata_fluent.errors import BulkError
from openmetadata_fluent.models._access import (
    REQUEST_HINT,
    immutable,
    on_setattr,
    redacted_repr,
)
from openmetadata_fluent.models._java import MessagingConnectionAccessors, MessagingServiceAccessors
from openmetadata_fluent.models.common import (
    ApiStatus,
    ChangeType,
    CheckedRequest,
    EntityReference,
    EntityStatus,
    TagLabel,
    WireModel,
    extra_field,
)
from openmetadata_fluent.models.connections import ConnectionConfig, MessagingServiceType

__all__ = [
    "BulkFailure",
    "BulkResult",
    "BulkSuccess",
    "CreateMessagingServiceRequest",
    "MessagingConnection",
    "MessagingService",
]


@immutable()
@attrs.frozen(kw_only=True)
class MessagingConnection(WireModel, MessagingConnectionAccessors):
    """The ``connection`` object: its ``config`` is one of the connection models.

    Frozen like the configs it holds (requests share them, and a request is checked once
    when built): change a service's connection by setting a new one.
    """

    SHORTHAND: ClassVar[str] = "config"
    """Setters taking a connection also take the config alone."""
    CONFIG_TYPE_FROM: ClassVar[str] = "service_type"
    """On an entity, the config's ``type`` defaults to, and must equal, this field."""

    config: ConnectionConfig | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable(REQUEST_HINT)
@attrs.frozen(kw_only=True)
class CreateMessagingServiceRequest(CheckedRequest):
    """The body of ``POST``/``PUT /v1/services/messagingServices``.

    Field order follows the API reference's example, so bodies read the same way.
    """

    name: str
    display_name: str | None = None
    service_type: MessagingServiceType
    description: str | None = None
    connection: MessagingConnection
    tags: tuple[TagLabel, ...] | None = None
    owners: tuple[EntityReference, ...] | None = None
    data_products: tuple[str, ...] | None = None
    domains: tuple[str, ...] | None = None
    ingestion_runner: EntityReference | None = None
    entity_status: EntityStatus | None = None
    extra: Mapping[str, Any] = extra_field()


@attrs.define(kw_only=True, on_setattr=on_setattr)
class MessagingService(WireModel, MessagingServiceAccessors):
    """A messaging service as the server returns it: mutable like the Java SDK's entity.

    Assignments and the Java setters check and convert the value (a wrong type raises
    ``ValidationError``); fields the server owns are read-only. ``change_type`` says what a
    create or upsert did; it is not part of the wire JSON.
    """

    id: uuid.UUID
    name: str
    service_type: MessagingServiceType
    fully_qualified_name: str | None = None
    display_name: str | None = None
    description: str | None = None
    connection: MessagingConnection | None = None
    pipelines: tuple[EntityReference, ...] | None = None
    test_connection_result: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    tags: tuple[TagLabel, ...] | None = None
    style: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    version: float | None = None
    updated_at: int | None = None
    updated_by: str | None = None
    impersonated_by: str | None = None
    owners: tuple[EntityReference, ...] | None = None
    href: str | None = None
    change_description: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    incremental_change_description: dict[str, Any] | None = attrs.field(
        default=None, repr=redacted_repr
    )
    deleted: bool | None = None
    entity_status: EntityStatus | None = None
    data_products: tuple[EntityReference, ...] | None = None
    data_contract: EntityReference | None = None
    domains: tuple[EntityReference, ...] | None = None
    followers: tuple[EntityReference, ...] | None = None
    ingestion_runner: EntityReference | None = None
    extra: Mapping[str, Any] = extra_field()
    change_type: ChangeType | None = attrs.field(default=None, eq=False, metadata={"wire": None})


@immutable()
@attrs.frozen(kw_only=True)
class BulkSuccess:
    """One input item the server accepted."""

    item: CreateMessagingServiceRequest
    status: int
    service: MessagingService | None = None


@immutable()
@attrs.frozen(kw_only=True)
class BulkFailure:
    """One input item that was not stored, with why."""

    item: CreateMessagingServiceRequest
    status: int | None
    message: str
    error: Exception | None = attrs.field(default=None, eq=False)


@immutable()
@attrs.frozen(kw_only=True)
class BulkResult:
    """The outcome of a bulk call: every input item is in exactly one of the two lists."""

    status: ApiStatus
    succeeded: tuple[BulkSuccess, ...]
    failed: tuple[BulkFailure, ...]

    @property
    def number_of_rows_processed(self) -> int:
        """How many items were sent, succeeded and failed together."""
        return len(self.succeeded) + len(self.failed)

    @property
    def number_of_rows_passed(self) -> int:
        """How many items succeeded."""
        return len(self.succeeded)

    @property
    def number_of_rows_failed(self) -> int:
        """How many items failed; see ``failed`` for why."""
        return len(self.failed)

    @property
    def ok(self) -> bool:
        """True when every item was stored."""
        return not self.failed

    def raise_for_failures(self) -> BulkResult:
        """Raise ``BulkError`` (listing what failed and why) unless every item was stored;
        returns this result so calls chain."""
        if self.failed:
            raise BulkError(self)
        return self

    raiseForFailures = raise_for_failures


concrete_model_returns(globals())
