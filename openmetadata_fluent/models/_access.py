"""What the models' Java-style accessors and their mutability rules run on.

The model modules load this before they define their classes, so it needs only attrs,
the errors, the secret walker and the naming rule. The wire layer sits above the models:
it hands its converter and checks to ``install_wire`` when it loads (the package loads it
before anything can call a setter or ``to_dict``), so no model imports it.
"""

from __future__ import annotations

import enum
import math
import types
import typing
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, TypeVar

import attrs
from attrs.exceptions import FrozenAttributeError, FrozenInstanceError

from openmetadata_fluent import _secrets
from openmetadata_fluent._text import suggest, type_name
from openmetadata_fluent.errors import OpenMetadataError, Problem, ValidationError
from openmetadata_fluent.models._names import wire_fields, wire_name

__all__ = [
    "REQUEST_HINT",
    "EntityAccessors",
    "ImmutableModelError",
    "Kind",
    "ReadOnlyFieldError",
    "assign",
    "immutable",
    "install_wire",
    "kind_of",
    "on_setattr",
    "redacted_repr",
    "wire_layer",
]

_T = TypeVar("_T")
_UNIONS = (typing.Union, types.UnionType)


class ImmutableModelError(OpenMetadataError, FrozenInstanceError):
    """An assignment to a frozen model (a create request, a reference, a connection
    config); the message says how to get a changed copy instead."""

    def __init__(self, message: str) -> None:
        AttributeError.__init__(self, message)
        self.msg = message


class ReadOnlyFieldError(OpenMetadataError, FrozenAttributeError):
    """An assignment to an entity field the server owns, or a deletion of any field."""

    def __init__(self, message: str) -> None:
        AttributeError.__init__(self, message)
        self.msg = message


# -- the wire layer, as the models see it ----------------------------------------------


@attrs.define
class WireLayer:
    """The converter and checks the models call, filled in by the wire layer."""

    unstructure: Callable[[Any], dict[str, Any]] | None = None
    structure: Callable[[Any, type], Any] | None = None
    check_model: Callable[[Any, type, str], Any] | None = None
    """``check_model(data, cls, path)`` -> an object with ``body`` and ``problems``."""
    type_mismatch: Callable[[Any, Any], Problem | None] | None = None
    """The rule that a connection's config type is its service's type."""
    check_json: Callable[[Any, str, list[Problem]], Any] | None = None
    """``check_json(value, path, problems)``: any JSON value, checked."""


_WIRE = WireLayer()


def install_wire(**parts: Any) -> None:
    """Called by the wire layer's modules as they load, each with what it owns."""
    for name, value in parts.items():
        setattr(_WIRE, name, value)


def wire_layer() -> WireLayer:
    return _WIRE


# -- frozen models -------------------------------------------------------------------

REQUEST_HINT = (
    "requests are immutable: build one with its builder "
    "(MessagingServices.builder()... or Topics.builder()...), or make a changed copy with "
    "attrs.evolve(request, {name}=...)"
)
_VALUE_HINT = (
    "{cls} is an immutable value: make a changed copy with attrs.evolve(value, {name}=...) "
    "and set that on the object holding it"
)


def _hashable(value: Any) -> Any:
    """``value`` with its JSON maps and lists turned into frozensets and tuples, so equal
    values give equal hashes."""
    if isinstance(value, Mapping):
        return frozenset((k, _hashable(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


def immutable(hint: str = _VALUE_HINT) -> Callable[[type[_T]], type[_T]]:
    """Class decorator (above ``attrs.frozen``): assigning to or deleting a field raises
    ``ImmutableModelError`` saying how to change it instead. It also hashes the value by
    its fields, free-form maps included (attrs' own hash fails on a dict field such as
    ``extra``), so requests and values can go in sets and be dict keys."""

    def install(cls: type[_T]) -> type[_T]:
        def explain(name: str) -> str:
            return f"cannot change {cls.__name__}.{name}: " + hint.format(
                cls=cls.__name__, name=name
            )

        def refuse_set(self: object, name: str, value: object) -> None:
            raise ImmutableModelError(explain(name))

        def refuse_delete(self: object, name: str) -> None:
            raise ImmutableModelError(explain(name))

        compared = tuple(f.name for f in attrs.fields(cls) if f.eq)  # type: ignore[arg-type]

        def value_hash(self: object) -> int:
            return hash((cls, *(_hashable(getattr(self, name)) for name in compared)))

        cls.__setattr__ = refuse_set  # type: ignore[method-assign]
        cls.__delattr__ = refuse_delete  # type: ignore[method-assign]
        cls.__hash__ = value_hash  # type: ignore[method-assign]
        return cls

    return install


def redacted_repr(value: Any) -> str:
    """Repr of a free-form map with the values under secret-looking keys hidden: the
    server never masks these maps, so whatever a user put there would show."""
    return repr(_secrets.redact(value))


# -- mutable entities ------------------------------------------------------------------


class EntityAccessors:
    """Base of the generated accessor mixins of mutable entities (``_java.py``)."""

    __slots__ = ()

    _READ_ONLY: ClassVar[frozenset[str]] = frozenset()
    """Fields the server owns: getters only, and assignment refuses."""

    def __delattr__(self, name: str) -> None:
        raise ReadOnlyFieldError(
            f"cannot delete {type(self).__name__}.{name}: set it to None to clear it"
        )


def on_setattr(obj: Any, attribute: attrs.Attribute[Any], value: Any) -> Any:
    """The attrs ``on_setattr`` hook of entity classes: server-owned fields refuse, every
    other field checks the value and converts it (lists to tuples, dicts to models)."""
    setter = _SETTERS.get((type(obj), attribute.name))
    if setter is None:
        setter = _SETTERS[type(obj), attribute.name] = _setter(type(obj), attribute.name)
    return setter(obj, value)


def assign(obj: Any, name: str, value: Any) -> None:
    """What every generated Java setter does: an assignment, so it takes the same checks."""
    setattr(obj, name, value)


def _why_read_only(name: str) -> str:
    if name == "name":
        return "the server ignores renames; create a new entity with the new name instead"
    if name == "extra":
        return "it keeps the keys this SDK does not model, as the server sent them"
    return "the server sets it, and update() never sends it"


_SETTERS: dict[tuple[type, str], Callable[[Any, Any], Any]] = {}


def _setter(cls: type, name: str) -> Callable[[Any, Any], Any]:
    """The check-and-convert step of one field of an entity class, built on first use."""
    if name in getattr(cls, "_READ_ONLY", ()):
        message = f"{cls.__name__}.{name} is read-only: {_why_read_only(name)}"

        def refuse(obj: Any, value: Any) -> Any:
            raise ReadOnlyFieldError(message)

        return refuse

    field = attrs.fields_dict(cls)[name]
    path = wire_name(field) or name
    convert = _converter(kind_of(typing.get_type_hints(cls)[name]))

    def check(obj: Any, value: Any) -> Any:
        problems: list[Problem] = []
        out = convert(value, path, obj, problems)
        if problems:
            raise ValidationError(problems, subject=cls.__name__)
        return out

    return check


# -- what a field accepts ----------------------------------------------------------------


@attrs.frozen
class Kind:
    """What a field accepts, worked out once from its type: shared by the setters' checks
    and by the generator that writes their signatures."""

    base: str
    """str, bool, int, float, uuid, enum, model, map, list or json (any JSON value)."""
    optional: bool = False
    cls: type | None = None
    """The enum or model class."""
    item: Kind | None = None
    """What each element of a list accepts."""
    text_values: bool = False
    """A map whose values must be strings."""


_SCALARS: dict[Any, str] = {
    str: "str",
    bool: "bool",
    int: "int",
    float: "float",
    uuid.UUID: "uuid",
}


def kind_of(tp: Any) -> Kind:
    """The kind of a field type; ``TypeError`` for a type no setter rule covers yet."""
    optional = False
    if typing.get_origin(tp) in _UNIONS:
        args = typing.get_args(tp)
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"no setter rule for {tp!r}")
        optional, tp = len(rest) < len(args), rest[0]
    return attrs.evolve(_base_kind(tp), optional=optional)


def _base_kind(tp: Any) -> Kind:
    if tp is Any:
        return Kind("json")
    if tp in _SCALARS:
        return Kind(_SCALARS[tp])
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return Kind("list", item=kind_of(args[0]))
    if origin in (dict, Mapping) and args and args[0] is str:
        return Kind("map", text_values=args[1] is str)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return Kind("enum", cls=tp)
    if isinstance(tp, type) and attrs.has(tp):
        return Kind("model", cls=tp)
    raise TypeError(f"no setter rule for {tp!r}")


# -- checking and converting -------------------------------------------------------------

_Convert = Callable[[Any, str, Any, list[Problem]], Any]
_INVALID: Any = object()


def _wrong(problems: list[Problem], path: str, wanted: str, value: Any) -> Any:
    problems.append(Problem(path, f"must be {wanted}, not {type_name(value)}", "type"))
    return _INVALID


def _converter(kind: Kind) -> _Convert:
    convert = _base_converter(kind)
    if not kind.optional:

        def required(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
            if value is None:
                problems.append(Problem(path, "is required: None is not allowed", "required"))
                return _INVALID
            return convert(value, path, owner, problems)

        return required

    def optional(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
        return None if value is None else convert(value, path, owner, problems)

    return optional


def _base_converter(kind: Kind) -> _Convert:
    if kind.base == "list":
        assert kind.item is not None
        return _list_converter(_converter(kind.item))
    if kind.base == "enum":
        assert kind.cls is not None
        return _enum_converter(kind.cls)
    if kind.base == "model":
        assert kind.cls is not None
        return _model_converter(kind.cls)
    if kind.base == "map":
        return _map_text if kind.text_values else _map
    if kind.base == "json":
        return _json
    return _SCALAR_CONVERTERS[kind.base]


def _json(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
    """Any JSON value (a free-form field such as ``extension``), as the wire checks say."""
    assert _WIRE.check_json is not None
    before = len(problems)
    checked = _WIRE.check_json(value, path, problems)
    return checked if len(problems) == before else _INVALID


def _text(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
    return value if isinstance(value, str) else _wrong(problems, path, "a string", value)


def _bool(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
    return value if isinstance(value, bool) else _wrong(problems, path, "True or False", value)


def _int(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return _wrong(problems, path, "an integer", value)


def _float(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            problems.append(Problem(path, f"must be a finite number, not {value!r}", "range"))
            return _INVALID
        return float(value)
    return _wrong(problems, path, "a number", value)


def _uuid(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str):
        try:
            return uuid.UUID(value)
        except ValueError:
            problems.append(Problem(path, f"must be a UUID, not {value!r}", "uuid"))
            return _INVALID
    return _wrong(problems, path, "a UUID", value)


_SCALAR_CONVERTERS: dict[str, _Convert] = {
    "str": _text,
    "bool": _bool,
    "int": _int,
    "float": _float,
    "uuid": _uuid,
}


def _map(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
    if not isinstance(value, Mapping):
        return _wrong(problems, path, "a dict", value)
    for key in value:
        if not isinstance(key, str):
            message = f"keys must be strings, not {type(key).__name__}"
            problems.append(Problem(path, message, "type"))
            return _INVALID
    return dict(value)


def _map_text(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
    out = _map(value, path, owner, problems)
    if out is not _INVALID:
        for key, item in out.items():
            if not isinstance(item, str):
                return _wrong(problems, f"{path}.{key}", "a string", item)
    return out


def _list_converter(item: _Convert) -> _Convert:
    def convert(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
            return _wrong(problems, path, "a list", value)
        before = len(problems)
        out = tuple([item(v, f"{path}[{i}]", owner, problems) for i, v in enumerate(value)])
        return out if len(problems) == before else _INVALID

    return convert


def _enum_converter(cls: Any) -> _Convert:
    values: list[str] = [member.value for member in cls]
    by_lower = {v.lower(): cls(v) for v in values}

    def convert(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
        if isinstance(value, cls):
            return value
        if not isinstance(value, str):
            return _wrong(problems, path, f"a {cls.__name__} or a string", value)
        member = by_lower.get(value.lower())
        if member is None:
            shown = ", ".join(values)
            hint = suggest(value, values)
            problems.append(Problem(path, f"{value!r} is not one of {shown}{hint}", "enum"))
            return _INVALID
        return member

    return convert


def _model_converter(cls: type) -> _Convert:
    """Takes an instance as it is; checks anything else as wire JSON with the request
    checks (so unknown keys, bad enums and missing keys are reported) and parses it."""
    own_keys = frozenset(wire_fields(cls))
    shorthand: str | None = getattr(cls, "SHORTHAND", None)
    short_key = wire_name(attrs.fields_dict(cls)[shorthand]) if shorthand else None
    short_holds_objects = shorthand is not None and _holds_models(cls, shorthand)
    typed_by: str | None = getattr(cls, "CONFIG_TYPE_FROM", None)
    wanted = f"{cls.__name__} or a dict"
    if short_key:
        wanted = f"{cls.__name__}, a dict or a {short_key} value"

    def as_shorthand(value: Any) -> bool:
        if short_key is None:
            return False
        if isinstance(value, Mapping):
            return short_holds_objects and not own_keys.intersection(value)
        return short_holds_objects == attrs.has(type(value))

    def convert(value: Any, path: str, owner: Any, problems: list[Problem]) -> Any:
        if isinstance(value, cls):
            raw = None
        elif as_shorthand(value):
            raw = {short_key: _plain(value)}
        elif isinstance(value, Mapping):
            raw = _plain(dict(value))
        else:
            if callable(getattr(value, "build", None)):
                wanted_here = f"{wanted} (call .build() on the builder first)"
                return _wrong(problems, path, wanted_here, value)
            return _wrong(problems, path, wanted, value)
        if raw is not None:
            if typed_by:
                _default_config_type(raw, getattr(owner, typed_by, None))
            assert _WIRE.check_model is not None and _WIRE.structure is not None
            checked = _WIRE.check_model(raw, cls, path)
            if checked.problems:
                problems.extend(checked.problems)
                return _INVALID
            try:
                value = _WIRE.structure(checked.body, cls)
            except ValueError as exc:  # the checks passed; the parser is the last word
                problems.append(Problem(path, str(exc), "type"))
                return _INVALID
        if typed_by:
            _check_config_type(value, getattr(owner, typed_by, None), path, problems)
        return value

    return convert


def _plain(value: Any) -> Any:
    """Wire data from what a user handed a setter: models become their JSON, enums and
    UUIDs their strings, inside maps and lists too."""
    if attrs.has(type(value)):
        assert _WIRE.unstructure is not None
        return _WIRE.unstructure(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _holds_models(cls: type, name: str) -> bool:
    tp = typing.get_type_hints(cls)[name]
    members = typing.get_args(tp) or (tp,)
    return any(isinstance(m, type) and attrs.has(m) for m in members)


def _default_config_type(raw: Any, owner_type: Any) -> None:
    """A config given without ``type`` is of the owner's type, as in the builders."""
    config = raw.get("config")
    if isinstance(config, dict) and "type" not in config and owner_type is not None:
        config["type"] = str(owner_type)


def _check_config_type(value: Any, owner_type: Any, path: str, problems: list[Problem]) -> None:
    """A service's connection config must be of the service's own type (the wire layer's
    one rule, applied to the connection as it would be sent)."""
    if owner_type is None or _WIRE.type_mismatch is None:
        return
    problem = _WIRE.type_mismatch(_plain(value), str(owner_type))
    if problem is not None:
        problems.append(Problem(f"{path}.config.type", problem.message, problem.code))
