"""Every URL path the SDK builds, in one place, with each user-given segment escaped."""

from __future__ import annotations

import re
import urllib.parse
import uuid

from openmetadata_fluent.errors import Problem, ValidationError

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
    """An id as a path segment; anything that is not a UUID is a ``ValidationError``
    raised before any request."""
    if isinstance(value, uuid.UUID):
        return str(value)
    try:
        return str(uuid.UUID(value))
    except (TypeError, ValueError, AttributeError):
        raise ValidationError(
            [Problem("id", f"must be a UUID, not {value!r}", "uuid")], subject="id"
        ) from None


def by_id(value: uuid.UUID | str, *rest: str) -> str:
    return "/".join((SERVICES, entity_id(value), *map(segment, rest)))


def by_name(name: str) -> str:
    """The path of a service by name or FQN; a blank or non-string name is refused."""
    if not isinstance(name, str) or not name.strip():
        raise ValidationError(
            [Problem("name", f"must be a non-blank name or FQN, not {name!r}", "length")],
            subject="name",
        )
    return f"{SERVICES}/name/{segment(fqn(name))}"


_VERSION = re.compile(r"\d+\.\d+")


def versions(value: uuid.UUID | str) -> str:
    return by_id(value, "versions")


def version(value: uuid.UUID | str, number: str | float) -> str:
    """The path of one historical version, such as ``0.2``; a malformed one is refused."""
    text = number if isinstance(number, str) else f"{number:.1f}"
    if isinstance(number, bool) or not _VERSION.fullmatch(text):
        raise ValidationError(
            [Problem("version", f"must look like 0.2, not {number!r}", "pattern")],
            subject="version",
        )
    return by_id(value, "versions", text)


BULK = f"{SERVICES}/bulk"
RESTORE = f"{SERVICES}/restore"
