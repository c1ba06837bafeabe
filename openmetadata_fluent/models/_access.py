"""Helpers the model classes use when they are defined: here, their secret-safe reprs."""

from __future__ import annotations

from typing import Any

from openmetadata_fluent import _secrets

__all__ = ["redacted_repr"]


def redacted_repr(value: Any) -> str:
    """Repr of a free-form map with the values under secret-looking keys hidden: the
    server never masks these maps, so whatever a user put there would show."""
    return repr(_secrets.redact(value))
