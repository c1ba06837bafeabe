"""The paths of messaging services (kept for callers of this module); every path is built
by the core's one helper, ``openmetadata_fluent._core.paths``."""

from __future__ import annotations

import uuid

from openmetadata_fluent._core import paths as _paths
from openmetadata_fluent._core.paths import entity_id, segment
from openmetadata_fluent._core.spec import quote_name

__all__ = [
    "BULK",
    "RESTORE",
    "SERVICES",
    "by_id",
    "by_name",
    "entity_id",
    "fqn",
    "segment",
    "version",
    "versions",
]

SERVICES = "/v1/services/messagingServices"
"""The collection path, relative to the API base URL (``.../api``)."""

BULK = f"{SERVICES}/bulk"
RESTORE = f"{SERVICES}/restore"


def fqn(name: str) -> str:
    """The fully qualified name of a service: its name, double-quoted if it has a dot.

    An FQN that is already quoted is returned as it is.
    """
    return quote_name(name)


def by_id(value: uuid.UUID | str, *rest: str) -> str:
    return _paths.by_id(SERVICES, value, *rest)


def by_name(name: str) -> str:
    """The path of a service by name or FQN; a blank or non-string name is refused."""
    return _paths.by_name(SERVICES, fqn(name) if isinstance(name, str) else name)


def versions(value: uuid.UUID | str) -> str:
    return by_id(value, "versions")


def version(value: uuid.UUID | str, number: str | float) -> str:
    """The path of one historical version, such as ``0.2``; a malformed one is refused."""
    return _paths.version(SERVICES, value, number)
