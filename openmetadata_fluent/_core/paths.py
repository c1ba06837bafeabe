"""Every URL path the core builds, with each user-given segment escaped in one helper."""

from __future__ import annotations

import math
import re
import urllib.parse
import uuid

from openmetadata_fluent.errors import Problem, ValidationError

__all__ = ["FQN_MAX", "by_id", "by_name", "entity_id", "segment", "version", "version_text"]

FQN_MAX = 3072
"""The server's limit on a fully qualified name (its ``fullyQualifiedEntityName`` type)."""


def segment(value: str) -> str:
    """One path segment: every reserved character, ``/`` included, percent-encoded."""
    return urllib.parse.quote(value, safe="")


def entity_id(value: uuid.UUID | str) -> str:
    """An id as a path segment; anything that is not a UUID is a ``ValidationError``
    raised before any request."""
    if isinstance(value, uuid.UUID):
        return str(value)
    try:
        return str(uuid.UUID(value))
    except (TypeError, ValueError, AttributeError):
        shown = value[:60] + "..." if isinstance(value, str) and len(value) > 60 else value
        raise ValidationError(
            [Problem("id", f"must be a UUID, not {shown!r}", "uuid")], subject="id"
        ) from None


def by_id(collection: str, value: uuid.UUID | str, *rest: str) -> str:
    return "/".join((collection, entity_id(value), *map(segment, rest)))


def by_name(collection: str, fqn: str) -> str:
    """The path of an entity by its (already quoted) FQN; blank, over-long or
    non-text names are refused before any request."""
    problem = None
    if not isinstance(fqn, str) or not fqn.strip():
        problem = f"must be a non-blank name or FQN, not {fqn!r}"
    elif len(fqn) > FQN_MAX:
        problem = f"must be at most {FQN_MAX} characters, not {len(fqn)}"
    elif any(_unsendable(ch) for ch in fqn):
        problem = "must not contain NUL or unpaired surrogate characters"
    if problem:
        raise ValidationError([Problem("name", problem, "length")], subject="name")
    return f"{collection}/name/{segment(fqn)}"


def _unsendable(ch: str) -> bool:
    return ch == "\x00" or "\ud800" <= ch <= "\udfff"


_VERSION = re.compile(r"\d+\.\d+")


def version_text(number: str | float) -> str:
    """A version as the server writes it: the shortest decimal that reads back as the
    same number (``0.1``, ``1.25``); a malformed one is refused."""
    if isinstance(number, bool) or not isinstance(number, (str, float, int)):
        text = None
    elif isinstance(number, str):
        text = number.strip()
    elif math.isfinite(number) and number >= 0:
        text = repr(float(number))
    else:
        text = None
    if text is None or not _VERSION.fullmatch(text):
        raise ValidationError(
            [Problem("version", f"must look like 0.2, not {number!r}", "pattern")],
            subject="version",
        )
    return text


def version(collection: str, value: uuid.UUID | str, number: str | float) -> str:
    """The path of one historical version, such as ``0.2``."""
    return by_id(collection, value, "versions", version_text(number))
