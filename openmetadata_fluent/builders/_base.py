"""What every fluent builder shares: a wire-shaped body, chaining, copying, safe reprs."""

from __future__ import annotations

import copy
import uuid
from enum import Enum
from typing import Any, TypeVar

from openmetadata_fluent.models.common import WireModel
from openmetadata_fluent.serialization import redact, unstructure

_B = TypeVar("_B", bound="Builder")


class Builder:
    """Base of the fluent builders.

    Setters store what they are given and never raise; ``build()`` checks everything at
    once and raises one ``ValidationError`` listing every problem. Like the Java SDK's
    builders they change the builder and return it; ``copy()`` derives a new one.
    """

    def __init__(self) -> None:
        self._body: dict[str, Any] = {}

    def _set(self: _B, key: str, value: Any) -> _B:
        if value is None:
            self._body.pop(key, None)
        else:
            self._body[key] = value
        return self

    def set(self: _B, key: str, value: Any) -> _B:
        """Set a wire (camelCase) key directly; ``build()`` still checks it."""
        return self._set(key, value)

    def copy(self: _B) -> _B:
        """An independent builder with the same settings, for deriving fixtures."""
        clone = copy.copy(self)
        clone._body = copy.deepcopy(self._body)
        return clone

    def to_dict(self) -> dict[str, Any]:
        """The body as given so far, unchecked (secrets may still be ``SecretStr``)."""
        out: dict[str, Any] = wire_value(self._body)
        return out

    def __repr__(self) -> str:
        return f"{type(self).__name__}({redact(self.to_dict())!r})"

    toDict = to_dict


# Values that are already wire data; checked by exact type first because most setter
# arguments are plain strings, numbers and booleans.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def wire_value(value: Any) -> Any:
    """Turn what a setter was given (builders, models, enums, UUIDs) into wire data."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:
        return {k: wire_value(v) for k, v in value.items()}
    if isinstance(value, Builder):
        return value.to_dict()
    if isinstance(value, WireModel):
        return unstructure(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {k: wire_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [wire_value(v) for v in value]
    return value
