"""What every fluent builder shares: a wire-shaped body, chaining, copying, safe reprs."""

from __future__ import annotations

import copy
from typing import Any, TypeVar

from openmetadata_fluent.serialization import BUILDER_TYPES, redact, wire_value

__all__ = ["Builder", "wire_value"]

_B = TypeVar("_B", bound="Builder")


class Builder:
    """Base of the fluent builders.

    Setters store what they are given and never raise; ``build()`` checks everything at
    once and raises one ``ValidationError`` listing every problem. Like the Java SDK's
    builders they change the builder and return it; ``copy()`` derives a new one.
    """

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        BUILDER_TYPES.add(cls)

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
