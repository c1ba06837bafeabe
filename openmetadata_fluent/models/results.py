"""What calls other than entity reads answer with: change events (followers, votes),
async delete jobs and test-connection results."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import attrs

from openmetadata_fluent.models._access import immutable, redacted_repr
from openmetadata_fluent.models.common import WireEnum, WireModel, extra_field

__all__ = [
    "ChangeEvent",
    "DeleteJob",
    "TestConnectionResult",
    "TestConnectionResultStatus",
    "TestConnectionStepResult",
]


@immutable()
@attrs.frozen(kw_only=True)
class ChangeEvent(WireModel):
    """The server's record of one change, as the follower and vote calls answer it."""

    event_type: str | None = None
    entity_type: str | None = None
    entity_id: uuid.UUID | None = None
    entity_fully_qualified_name: str | None = None
    user_name: str | None = None
    timestamp: int | None = None
    current_version: float | None = None
    previous_version: float | None = None
    change_description: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    entity: dict[str, Any] | None = attrs.field(default=None, repr=False)
    id: uuid.UUID | None = None
    extra: Mapping[str, Any] = extra_field()


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
