"""JSON read onto the SDK's attrs models the way the server reads it, and the server's
password fields found in them.

``Mapper`` follows Jackson and bean validation: an unknown key, a wrong JSON type or a
value outside an enum is a ``MappingFailure`` (the whole body is refused), a missing
required value is a violation (listed). Which fields exist, their types and their enum
values come from the models; which are required comes from the models too, except where
a caller says the server is laxer than the SDK. ``password_plan`` finds the fields the
server masks (``format: password``), so masking walks only those, in one pass.
"""

from __future__ import annotations

import re
import types
import typing
import uuid
from collections.abc import Callable, Collection, Mapping
from typing import Any

import attrs

from openmetadata_fluent.models.common import MASK, SecretStr, WireEnum, WireModel
from openmetadata_fluent.serialization import wire_fields

__all__ = ["Mapper", "MappingFailure", "Plan", "mask_with", "password_plan", "unmask_with"]

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
# java.net.URI refuses spaces, controls and a few ASCII marks, and a bare "scheme://".
_URI_BAD = re.compile(r"[\s\x00-\x1f\x7f\"<>\\^`{|}]|%(?![0-9A-Fa-f]{2})|^[A-Za-z][\w+.-]*://$")
_JSON_NAMES = {
    dict: "Object",
    list: "Array",
    str: "String",
    bool: "Boolean",
    int: "Integer",
    float: "Float",
    type(None): "null",
}


class MappingFailure(Exception):
    """A JSON value the target type cannot take. ``kind`` is ``unknown`` (a key the model
    lacks), ``type`` (a wrong JSON type) or ``format`` (a bad enum, UUID or URI);
    ``detail`` reads like the Jackson message the server would quote."""

    def __init__(self, kind: str, path: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind
        self.path = path
        self.detail = detail


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _type_failure(value: Any, target: str, path: str) -> MappingFailure:
    got = _JSON_NAMES.get(type(value), type(value).__name__)
    detail = f"Cannot deserialize value of type `{target}` from {got} value"
    return MappingFailure("type", path, detail)


def _members(tp: Any) -> list[Any]:
    return [a for a in typing.get_args(tp) if a is not type(None)]


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


_Convert = Callable[[Any, str, list[tuple[str, str]]], Any]


class Mapper:
    """Reads JSON onto models as the server does; compiled once per model.

    ``opaque`` names ``(model, wire key)`` fields the server reads as any JSON (a config
    held as ``Object``); ``optional`` names fields the SDK requires but the server does
    not; with ``required`` False no field is required at all (a conversion without bean
    validation).
    """

    def __init__(
        self,
        *,
        opaque: Collection[tuple[type, str]] = (),
        optional: Collection[tuple[type, str]] = (),
        required: bool = True,
    ) -> None:
        self._opaque = frozenset(opaque)
        self._optional = frozenset(optional)
        self._required = required
        self._compiled: dict[type, _Convert] = {}

    def read(self, value: Any, cls: type, path: str = "") -> tuple[dict[str, Any], list[str]]:
        """``value`` as the model ``cls`` reads it (nulls dropped, defaults filled) and
        the bean violations found (``"name must not be null"``); raises
        ``MappingFailure``."""
        violations: list[tuple[str, str]] = []
        body = self._model(cls)(value, path, violations)
        return body, [f"{where} {message}" for where, message in violations]

    # -- compiling ------------------------------------------------------------------------

    def _model(self, cls: type) -> _Convert:
        found = self._compiled.get(cls)
        if found is None:
            # A placeholder first, so a model that contains itself compiles.
            self._compiled[cls] = lambda v, p, out: self._compiled[cls](v, p, out)
            found = self._compiled[cls] = self._compile(cls)
        return found

    def _compile(self, cls: type) -> _Convert:
        hints = typing.get_type_hints(cls)
        plan: list[tuple[str, _Convert, bool, Any]] = []
        for key, field in wire_fields(cls).items():
            required = (
                self._required
                and field.default is attrs.NOTHING
                and (cls, key) not in self._optional
            )
            default = None if field.default is attrs.NOTHING else field.default
            if isinstance(default, WireEnum):
                default = default.value
            opaque = (cls, key) in self._opaque
            convert = _any if opaque else self._convert(hints[field.name], field)
            plan.append((key, convert, required, default))
        known = frozenset(key for key, *_ in plan)
        name = cls.__name__

        def read(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
            if not isinstance(value, Mapping):
                raise _type_failure(value, name, path)
            for key in value:
                if key not in known:
                    detail = f'Unrecognized field "{key}" (class {name}), not marked as ignorable'
                    raise MappingFailure("unknown", _join(path, str(key)), detail)
            body: dict[str, Any] = {}
            for key, convert, required, default in plan:
                item = value.get(key)
                if item is None:
                    if default is not None:
                        body[key] = default
                    elif required:
                        out.append((_join(path, key), "must not be null"))
                    continue
                body[key] = convert(item, _join(path, key), out)
            return body

        return read

    def _convert(self, tp: Any, field: attrs.Attribute[Any]) -> _Convert:
        if _is_union(tp):
            members = _members(tp)
            if len(members) == 1:
                return self._convert(members[0], field)
            if set(members) == {str, tuple[str, ...]}:
                return _str_or_strings
            return self._union([self._convert(m, field) for m in members])
        origin = typing.get_origin(tp)
        if origin is tuple:
            return self._list(self._convert(typing.get_args(tp)[0], field))
        if origin is dict or tp is dict:
            args = typing.get_args(tp)
            return _map_of(_string if args and args[1] is str else _any)
        if tp is Any:
            return _any
        if tp is str and field.metadata.get("format") == "uri":
            return _uri
        if tp in (str, SecretStr):
            return _string
        if tp is bool:
            return _scalar(bool, "boolean")
        if tp is int:
            return _integer
        if tp is float:
            return _number
        if tp is uuid.UUID:
            return _uuid
        if isinstance(tp, type) and issubclass(tp, WireEnum):
            return _enum(tp)
        if isinstance(tp, type) and issubclass(tp, WireModel):
            return self._model(tp)
        raise TypeError(f"no mapping for {tp!r}")  # pragma: no cover - a model type missed

    @staticmethod
    def _list(item: _Convert) -> _Convert:
        def read(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
            if not isinstance(value, list):
                raise _type_failure(value, "java.util.ArrayList", path)
            return [item(v, f"{path}[{i}]", out) for i, v in enumerate(value)]

        return read

    @staticmethod
    def _union(options: list[_Convert]) -> _Convert:
        """A ``oneOf`` the server holds as ``Object`` and converts by trying each class;
        a value no class takes stays as it was sent."""

        def read(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
            for option in options:
                try:
                    return option(value, path, [])
                except MappingFailure:
                    continue
            return value

        return read


def _any(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
    return value


def _string(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
    # Jackson would turn a number into its text; the fake keeps refusing it (unproven
    # which coercions the server's mapper allows).
    if isinstance(value, str):
        return value
    raise _type_failure(value, "java.lang.String", path)


def _uri(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
    """A string ``java.net.URI`` accepts (an approximation of its parser)."""
    text = _string(value, path, out)
    if _URI_BAD.search(text):
        raise MappingFailure("format", path, f"Illegal character in URI: {text}")
    return text


def _str_or_strings(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
    if isinstance(value, list):
        return [_string(v, f"{path}[{i}]", out) for i, v in enumerate(value)]
    return _string(value, path, out)


def _scalar(kind: type, name: str) -> _Convert:
    def read(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
        if isinstance(value, kind):
            return value
        raise _type_failure(value, name, path)

    return read


def _integer(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _type_failure(value, "java.lang.Integer", path)


def _number(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    raise _type_failure(value, "java.lang.Double", path)


def _uuid(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
    if isinstance(value, str) and _UUID.match(value):
        return value.lower()
    detail = f"Cannot deserialize value of type `java.util.UUID` from {value!r}"
    raise MappingFailure("format", path, detail)


def _enum(cls: type[WireEnum]) -> _Convert:
    values = [member.value for member in cls]
    accepted = frozenset(values)

    def read(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
        if isinstance(value, str) and value in accepted:
            return value
        detail = (
            f"Cannot deserialize value of type `{cls.__name__}` from {value!r}: "
            f"not one of the values accepted for Enum class: [{', '.join(values)}]"
        )
        raise MappingFailure("format", path, detail)

    return read


def _map_of(item: _Convert) -> _Convert:
    def read(value: Any, path: str, out: list[tuple[str, str]]) -> Any:
        if not isinstance(value, Mapping):
            raise _type_failure(value, "java.util.LinkedHashMap", path)
        return {k: item(v, _join(path, str(k)), out) for k, v in value.items()}

    return read


# -- password fields --------------------------------------------------------------------

Plan = dict[str, "Plan | None"]
"""Wire keys to walk: ``None`` marks a password field, a plan a nested object (or each
object of a list). Keys of free-form maps never appear, so their values are never masked."""


_PLANS: dict[type, Plan] = {}


def password_plan(cls: type) -> Plan:
    """The password fields the server masks in model ``cls``: ``SecretStr`` fields not
    marked ``server_masked=False``, through nested models and each member of a union."""
    found = _PLANS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = {}
        for key, field in wire_fields(cls).items():
            node = _plan_of(hints[field.name], field)
            if node is not _SKIP:
                found[key] = node
        _PLANS[cls] = found
    return found


_SKIP: Any = object()


def _plan_of(tp: Any, field: attrs.Attribute[Any]) -> Any:
    if _is_union(tp) or typing.get_origin(tp) is tuple:
        # Each member of a union, or the items of a list: a plan merged over all of them.
        nodes = [_plan_of(m, field) for m in _members(tp) if m is not Ellipsis]
        if None in nodes:
            return None
        merged: Plan = {}
        for node in nodes:
            if isinstance(node, dict):
                merged.update(node)
        return merged or _SKIP
    if tp is SecretStr:
        return None if field.metadata.get("server_masked", True) else _SKIP
    if isinstance(tp, type) and issubclass(tp, WireModel) and attrs.has(tp):
        return password_plan(tp) or _SKIP
    return _SKIP


def mask_with(data: Any, plan: Plan) -> Any:
    """``data`` with every string password field replaced by the mask; only the objects
    on the way to one are copied, the rest is shared."""

    def hide(value: Any, _: Any) -> Any:
        return MASK if isinstance(value, str) else value

    return _walk(data, None, plan, hide)


def unmask_with(new: Any, stored: Any, plan: Plan) -> Any:
    """``new`` with every password field still equal to the mask given the value stored
    at the same place (the mask stays where nothing is stored)."""

    def restore(value: Any, old: Any) -> Any:
        return old if value == MASK and isinstance(old, str) else value

    return _walk(new, stored, plan, restore)


def _walk(data: Any, other: Any, plan: Plan, leaf: Callable[[Any, Any], Any]) -> Any:
    if isinstance(data, list):
        others = other if isinstance(other, list) else []
        out = [
            _walk(v, others[i] if i < len(others) else None, plan, leaf) for i, v in enumerate(data)
        ]
        return data if all(a is b for a, b in zip(out, data, strict=True)) else out
    if not isinstance(data, dict):
        return data
    copied: dict[str, Any] | None = None
    peer = other if isinstance(other, dict) else {}
    for key, node in plan.items():
        value = data.get(key)
        if value is None:
            continue
        old = peer.get(key)
        new = leaf(value, old) if node is None else _walk(value, old, node, leaf)
        if new is not value:
            if copied is None:
                copied = dict(data)
            copied[key] = new
    return data if copied is None else copied
