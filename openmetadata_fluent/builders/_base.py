"""What every fluent builder shares: a wire-shaped body, chaining, copying, safe reprs."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

from openmetadata_fluent.errors import ConfigurationError, ValidationError
from openmetadata_fluent.models.common import CheckedRequest
from openmetadata_fluent.serialization import BUILDER_TYPES, redact, wire_value
from openmetadata_fluent.validation import Checked, emit_warnings

__all__ = ["Builder", "RequestBuilder", "wire_value"]

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


_R = TypeVar("_R", bound=CheckedRequest)


class RequestBuilder(Builder):
    """A builder of one entity type's create request, bound to the operations that send
    it: the check, the model and the binding are written once for every entity type.

    A subclass gives its check (``_check_body``), its ``subject`` for errors, and how a
    bound builder is made (``made_by``)."""

    subject: ClassVar[str]
    made_by: ClassVar[str]
    default_operations: ClassVar[Any] = None
    """The operations of a builder made directly: the entity type's facade."""

    def __init__(self, operations: Any = None) -> None:
        super().__init__()
        self._operations = operations

    def _check_body(self, body: Mapping[str, Any]) -> Checked:
        raise NotImplementedError  # each entity type's builder names its check

    def _check(self) -> dict[str, Any]:
        checked = self._check_body(wire_value(self._body))
        emit_warnings(checked)
        if checked.problems:
            raise ValidationError(checked.problems, subject=self.subject)
        return checked.body

    def _request(self, cls: type[_R]) -> _R:
        """The request model of the checked body: it carries that body, so sending it skips
        a second check, and fills its fields from it only when one is read."""
        return cls._from_checked(self._check())

    def _ops(self) -> Any:
        operations = self._operations or type(self).default_operations
        if operations is None:
            raise ConfigurationError(
                f"this builder is bound to no client: make it with {self.made_by}"
            )
        return operations
