"""How a model field is named on the wire: one rule for the converter, the checks, the
accessors and their generator."""

from __future__ import annotations

from functools import cache
from typing import Any

import attrs

__all__ = ["quote_name", "wire_fields", "wire_name"]

_NOT_ON_WIRE = ("extra", "change_type")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def wire_name(field: attrs.Attribute[Any]) -> str | None:
    """The JSON key of a model field, or None for fields that never go on the wire."""
    if "wire" in field.metadata:
        name: str | None = field.metadata["wire"]
        return name
    if field.name in _NOT_ON_WIRE:
        return None
    return _camel(field.name)


@cache
def wire_fields(cls: type) -> dict[str, attrs.Attribute[Any]]:
    """The fields of a model keyed by wire name (fields never on the wire left out)."""
    out: dict[str, attrs.Attribute[Any]] = {}
    for field in attrs.fields(cls):
        name = wire_name(field)
        if name is not None:
            out[name] = field
    return out


def quote_name(name: str) -> str:
    """One FQN part: the name, double-quoted if it has a dot (``my.kafka`` ->
    ``"my.kafka"``); a part that is already quoted is kept as it is."""
    if len(name) >= 2 and name.startswith('"') and name.endswith('"'):
        return name
    return f'"{name}"' if "." in name else name
