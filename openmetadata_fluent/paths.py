"""Every URL path the SDK builds, in one place, with each user-given segment escaped."""

from __future__ import annotations

import urllib.parse
import uuid

__all__ = ["SERVICES", "by_id", "by_name", "fqn", "segment"]

SERVICES = "/v1/services/messagingServices"
"""The collection path, relative to the API base URL (``.../api``)."""


def segment(value: str) -> str:
    """One path segment: every reserved character, ``/`` included, percent-encoded."""
    return urllib.parse.quote(value, safe="")


def fqn(name: str) -> str:
    """The fully qualified name of a service: its name, double-quoted if it has a dot.

    An FQN that is already quoted is returned as it is.
    """
    if len(name) >= 2 and name.startswith('"') and name.endswith('"'):
        return name
    return f'"{name}"' if "." in name else name


def entity_id(value: uuid.UUID | str) -> str:
    """An id as a path segment; a string that is not a UUID is refused before any request."""
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))


def by_id(value: uuid.UUID | str, *rest: str) -> str:
    return "/".join((SERVICES, entity_id(value), *map(segment, rest)))


def by_name(name: str) -> str:
    return f"{SERVICES}/name/{segment(fqn(name))}"


BULK = f"{SERVICES}/bulk"
RESTORE = f"{SERVICES}/restore"
