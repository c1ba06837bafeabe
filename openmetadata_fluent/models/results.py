"""What calls other than entity reads answer with: change events (followers, votes),
async delete jobs and test-connection results."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import attrs

from openmetadata_fluent._typed import concrete_model_returns
from openmetadata_fluent.models._access import immutable, redacted_repr
from openmetadata_fluent.models.common import ChangeType, WireEnum, WireModel, extra_field

__all__ = [
    "ChangeDescription",
    "ChangeEvent",
    "DeleteJob",
    "EventType",
    "FieldChange",
    "TestConnectionResult",
    "TestConnectionResultStatus",
    "TestConnectionStepResult",
]


class EventType(WireEnum):
    """What a change event records."""

    CREATED = "entityCreated"
    UPDATED = "entityUpdated"
    FIELDS_CHANGED = "entityFieldsChanged"
    NO_CHANGE = "entityNoChange"
    SOFT_DELETED = "entitySoftDeleted"
    DELETED = "entityDeleted"
    RESTORED = "entityRestored"


@immutable()
@attrs.frozen(kw_only=True)
class FieldChange(WireModel):
    """One changed field: its name and its old and new values (any JSON)."""

    name: str | None = None
    old_value: Any = attrs.field(default=None, repr=redacted_repr)
    new_value: Any = attrs.field(default=None, repr=redacted_repr)
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class ChangeDescription(WireModel):
    """The fields one change added, updated and deleted."""

    fields_added: tuple[FieldChange, ...] | None = None
    fields_updated: tuple[FieldChange, ...] | None = None
    fields_deleted: tuple[FieldChange, ...] | None = None
    previous_version: float | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class ChangeEvent(WireModel):
    """The server's record of one change, as the follower and vote calls answer it.

    ``entity`` is the entity as the server held it for the change, as wire JSON (read it
    with the entity's ``from_dict``); ``change_description`` says what changed.
    """

    id: uuid.UUID | None = None
    event_type: EventType | None = None
    entity_type: str | None = None
    entity_id: uuid.UUID | None = None
    entity_fully_qualified_name: str | None = None
    user_name: str | None = None
    timestamp: int | None = None
    current_version: float | None = None
    previous_version: float | None = None
    change_description: ChangeDescription | None = None
    incremental_change_description: ChangeDescription | None = None
    entity: dict[str, Any] | None = attrs.field(default=None, repr=False)
    extra: Mapping[str, Any] = extra_field()
    change_type: ChangeType | None = attrs.field(default=None, eq=False, metadata={"wire": None})
    """What the call did, from the server's ``X-OpenMetadata-Change`` (not on the wire)."""


@immutable()
@attrs.frozen(kw_only=True)
class DeleteJob(WireModel):
    """An accepted asynchronous delete (202); the server announces completion over its
    websocket, not through this SDK."""

    job_id: str
    message: str | None = None
    entity_name: str | None = None
    hard_delete: bool | None = None
    recursive: bool | None = None
    extra: Mapping[str, Any] = extra_field()


class TestConnectionResultStatus(WireEnum):
    """The outcome of a connection test: successful, failed or still running."""

    __test__ = False  # not a pytest test class, whatever its name
    SUCCESSFUL = "Successful"
    FAILED = "Failed"
    RUNNING = "Running"


@immutable()
@attrs.frozen(kw_only=True)
class TestConnectionStepResult(WireModel):
    """One step of a connection test (listing topics, reading a schema registry...)."""

    __test__ = False

    name: str
    mandatory: bool | None = None
    """Whether the step must pass (the server's default: yes)."""
    passed: bool
    message: str | None = None
    error_log: str | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class TestConnectionResult(WireModel):
    """The outcome of running a service's test-connection steps."""

    __test__ = False

    steps: tuple[TestConnectionStepResult, ...]
    status: TestConnectionResultStatus | None = None
    last_updated_at: int | None = None
    extra: Mapping[str, Any] = extra_field()


concrete_model_returns(globals())
