"""The one cattrs converter between attrs models and wire JSON.

Rules, each written once here: camelCase wire names (or a field's ``wire`` metadata),
unset (None) fields left out, enums by value, UUIDs and secrets as plain strings,
sequences as lists, and wire keys the models do not know kept in ``extra`` so that
``from_dict(d).to_dict() == d`` for any server response.
"""

from __future__ import annotations

import json
import types
import typing
import uuid
from collections.abc import Callable, Mapping
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from openmetadata_fluent import _secrets, models
from openmetadata_fluent._secrets import REDACTED
from openmetadata_fluent.models import _access
from openmetadata_fluent.models._codegen import compile_function
from openmetadata_fluent.models._names import wire_fields, wire_name
from openmetadata_fluent.models.common import SecretStr, WireEnum, WireModel
from openmetadata_fluent.models.connections import (
    CONNECTION_CLASSES,
    ConnectionConfig,
    GcpAdc,
    GcpConfig,
    GcpCredentialsPath,
    GcpExternalAccount,
    GcpServiceAccount,
    NatsAuth,
    NatsBasicAuth,
    NatsNkeyAuth,
    NatsTokenAuth,
    UnknownConnection,
)

if TYPE_CHECKING:
    from cattrs import Converter

__all__ = [
    "REDACTED",
    "converter",
    "dumps",
    "get_converter",
    "masked_keys",
    "redact",
    "secret_keys",
    "structure",
    "unstructure",
    "wire_fields",
    "wire_name",
    "wire_value",
]

_T = TypeVar("_T")
_UNION_ORIGINS = (typing.Union, types.UnionType)


def _strict_str(value: Any, _: Any) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected a string, got {type(value).__name__}")


def _strict_optional_str(value: Any, _: Any) -> str | None:
    if type(value) is str or value is None:
        return value
    return _strict_str(value, None)


def _pick(
    data: Mapping[str, Any],
    by_key: Mapping[str, type],
    by_type: Mapping[str, type],
    default: type | None,
) -> type | None:
    kind = data.get("type")
    chosen = by_type.get(kind) if isinstance(kind, str) else None
    if chosen is not None:
        return chosen
    for key, cls in by_key.items():
        if key in data:
            return cls
    return default


_GCP_BY_TYPE: dict[str, type] = {
    "service_account": GcpServiceAccount,
    "gcp_credential_path": GcpCredentialsPath,
    "external_account": GcpExternalAccount,
    "gcp_adc": GcpAdc,
}
_GCP_BY_KEY: dict[str, type] = {
    "path": GcpCredentialsPath,
    "audience": GcpExternalAccount,
    "privateKey": GcpServiceAccount,
}
_NATS_BY_KEY: dict[str, type] = {
    "username": NatsBasicAuth,
    "password": NatsBasicAuth,
    "token": NatsTokenAuth,
    "nkeySeed": NatsNkeyAuth,
}


# Connection types in lower case, so any letter case picks the same model.
_CONNECTION_BY_TYPE: dict[str, type] = {t.value.lower(): c for t, c in CONNECTION_CLASSES.items()}


def union_member(union: Any, data: Mapping[str, Any]) -> type | None:
    """Which model of a wire union (connection config, GCP config, Nats auth) fits ``data``.

    Shared by the converter and the request validator so both pick the same way.
    """
    if union is ConnectionConfig:
        raw_type = data.get("type")
        return _CONNECTION_BY_TYPE.get(raw_type.lower()) if isinstance(raw_type, str) else None
    if union is GcpConfig:
        return _pick(data, _GCP_BY_KEY, _GCP_BY_TYPE, GcpServiceAccount)
    if union is NatsAuth:
        return _pick(data, _NATS_BY_KEY, {}, None)
    return None


def _make_converter() -> Converter:
    # cattrs loads with the first model built, parsed or written, not with the package.
    from cattrs import Converter

    conv = Converter(detailed_validation=False)

    conv.register_structure_hook(str, _strict_str)
    conv.register_unstructure_hook(uuid.UUID, str)
    conv.register_structure_hook(uuid.UUID, lambda v, _: uuid.UUID(v))
    conv.register_unstructure_hook(SecretStr, SecretStr.get_secret_value)
    conv.register_structure_hook(SecretStr, lambda v, _: SecretStr(_strict_str(v, None)))
    conv.register_unstructure_hook(tuple, lambda t: [conv.unstructure(x) for x in t])

    # Registered on the class (not by predicate) so they win over the str hooks: the
    # enums are str subclasses. Known values are a dict lookup; anything else goes
    # through ``parse`` (unknown members) or ``_strict_str`` (the type error).
    conv.register_unstructure_hook(WireEnum, lambda member: getattr(member, "_value_", member))

    def structure_enum(value: Any, cls: Any) -> Any:
        if type(value) is str:
            member = cls._value2member_map_.get(value)
            if member is not None:
                return member
        return cls.parse(_strict_str(value, None))

    conv.register_structure_hook(WireEnum, structure_enum)

    # cattrs looks the inner hook of ``X | None`` and ``tuple[X, ...]`` up on every call;
    # these resolve it once per type. Same results, same errors.
    def structure_optional(t: Any) -> Callable[[Any, Any], Any]:
        inner_type = next(a for a in typing.get_args(t) if a is not type(None))
        if inner_type is str:
            return _strict_optional_str
        inner = conv.get_structure_hook(inner_type)

        def structure_optional_value(value: Any, _: Any) -> Any:
            return None if value is None else inner(value, inner_type)

        return structure_optional_value

    def structure_tuple(t: Any) -> Callable[[Any, Any], Any]:
        item_type = typing.get_args(t)[0]
        item = conv.get_structure_hook(item_type)

        def structure_items(value: Any, _: Any) -> tuple[Any, ...]:
            return tuple([item(v, item_type) for v in value])

        return structure_items

    def is_optional(t: Any) -> bool:
        args = typing.get_args(t)
        return typing.get_origin(t) in _UNION_ORIGINS and len(args) == 2 and type(None) in args

    def is_homogeneous_tuple(t: Any) -> bool:
        args = typing.get_args(t)
        return (
            typing.get_origin(t) is tuple
            and len(args) == 2
            and args[1] is Ellipsis
            and args[0] is not Any
        )

    conv.register_structure_hook_factory(is_optional, structure_optional)
    conv.register_structure_hook_factory(is_homogeneous_tuple, structure_tuple)

    def lazy_unstructure(namespace: dict[str, Any], name: str, t: Any) -> Callable[[Any], Any]:
        def resolve(value: Any) -> Any:
            hook = namespace[name] = conv.get_unstructure_hook(t)
            return hook(value)

        return resolve

    def model_unstructure(cls: type) -> Callable[[Any], dict[str, Any]]:
        """One generated function per model, writing keys in the order cattrs does: fields
        always written first, then those left out while None, then unknown keys kept."""
        hints = typing.get_type_hints(cls)
        ns: dict[str, Any] = {}
        always: list[str] = []
        optional: list[str] = []
        for n, (key, field) in enumerate(wire_fields(cls).items()):
            t = hints[field.name]
            omit = field.default is None
            if omit and is_optional(t):
                t = next(a for a in typing.get_args(t) if a is not type(None))
            if t in (str, bool, int, float):
                value = f"o.{field.name}"
            else:
                ns[f"h_{n}"] = lazy_unstructure(ns, f"h_{n}", t)
                value = f"h_{n}(o.{field.name})"
            if omit:
                optional += [
                    f"    x = o.{field.name}",
                    "    if x is not None:",
                    f"        out[{key!r}] = {value.replace(f'o.{field.name}', 'x')}",
                ]
            else:
                always.append(f"        {key!r}: {value},")
        lines = ["def unstructure(o):", "    out = {", *always, "    }", *optional]
        lines += [
            "    extra = o.extra",
            "    if extra:",
            "        for key, value in extra.items():",
            "            if key not in out:",
            "                out[key] = value",
            "    return out",
        ]
        return compile_function(
            "\n".join(lines) + "\n", "unstructure", ns, what="unstructure", cls=cls
        )

    def lazy_hook(namespace: dict[str, Any], name: str, t: Any) -> Callable[[Any, Any], Any]:
        """Looks the hook of ``t`` up on first use and puts it in the generated function's
        globals, so models that nest themselves (schema fields) compile."""

        def resolve(value: Any, tp: Any) -> Any:
            hook = namespace[name] = conv.get_structure_hook(t)
            return hook(value, tp)

        return resolve

    def field_lines(n: int, t: Any, ns: dict[str, Any], indent: str) -> list[str]:
        """Lines turning ``x`` (never None: nulls count as absent) into the field's value."""
        inner = next(a for a in typing.get_args(t) if a is not type(None)) if is_optional(t) else t
        ns[f"t_{n}"] = inner
        ns[f"h_{n}"] = lazy_hook(ns, f"h_{n}", inner)
        if inner is str:
            return [f"{indent}if type(x) is not str:", f"{indent}    x = _strict_str(x, None)"]
        if isinstance(inner, type) and issubclass(inner, WireEnum):
            ns[f"e_{n}"] = inner._value2member_map_
            return [
                f"{indent}m = e_{n}.get(x) if type(x) is str else None",
                f"{indent}x = m if m is not None else h_{n}(x, t_{n})",
            ]
        if inner in (int, float) and conv.get_structure_hook(inner) is conv._structure_call:
            # int(x) and float(x) give back x itself when it has that exact type
            test = f"{indent}if type(x) is not {inner.__name__}:"
            return [test, f"{indent}    x = h_{n}(x, t_{n})"]
        if inner is bool and conv.get_structure_hook(bool) is conv._structure_call:
            test = f"{indent}if x is not True and x is not False:"
            return [test, f"{indent}    x = h_{n}(x, t_{n})"]
        if is_homogeneous_tuple(inner):  # servers send many empty lists
            return [f"{indent}x = () if type(x) is list and not x else h_{n}(x, t_{n})"]
        return [f"{indent}x = h_{n}(x, t_{n})"]

    def slots_settable(cls: type) -> bool:
        fields = attrs.fields(cls)
        return (
            all(isinstance(getattr(cls, f.name, None), types.MemberDescriptorType) for f in fields)
            and not any(f.validator or f.converter for f in fields)
            and not hasattr(cls, "__attrs_post_init__")
            and not hasattr(cls, "__attrs_pre_init__")
            and all(
                type(f.default) is not attrs.Factory for f in fields if f.name != "extra"
            )
            and any(f.name == "extra" for f in fields)
        )

    def model_structure(cls: type) -> Callable[[Any, Any], Any]:
        """One generated function per model: known wire keys to fields (optional ones
        first, as cattrs does), unknown keys and explicit nulls to ``extra``; a null
        counts as an absent key."""
        hints = typing.get_type_hints(cls)
        ns: dict[str, Any] = {
            "cls": cls,
            "Mapping": Mapping,
            "known": frozenset(wire_fields(cls)),
            "_strict_str": _strict_str,
        }
        lines = [
            "def structure(data, _):",
            "    if type(data) is not dict and not isinstance(data, Mapping):",
            "        raise TypeError(",
            f"            'expected an object for {cls.__name__}, got ' + type(data).__name__",
            "        )",
            "    res = {}",
            "    # Two C-speed scans decide; only payloads with nulls or unknown keys pay more.",
            "    if None in data.values() or not known.issuperset(data):",
            "        res['extra'] = {k: v for k, v in data.items() if v is None or k not in known}",
        ]
        # Plain slotted classes get their slots set directly, which skips the keyword
        # arguments of __init__ and does what it does (no validators, converters or hooks).
        direct = slots_settable(cls)
        if direct:
            lines[5] = "    res = _new(cls)"
            lines[8] = "        e = {k: v for k, v in data.items() if v is None or k not in known}"
            ns["_new"] = object.__new__

        def store(n: int, field: attrs.Attribute[Any], indent: str) -> str:
            if not direct:
                return f"{indent}res[{field.alias!r}] = x"
            ns[f"s_{n}"] = getattr(cls, field.name).__set__
            return f"{indent}s_{n}(res, x)"

        required: list[tuple[int, str, attrs.Attribute[Any]]] = []
        for n, (key, field) in enumerate(wire_fields(cls).items()):
            if not field.init:
                continue
            if field.default is attrs.NOTHING:
                required.append((n, key, field))
                continue
            lines += [
                f"    x = data[{key!r}] if {key!r} in data else None",
                "    if x is not None:",
            ]
            lines += field_lines(n, hints[field.name], ns, "        ")
            lines.append(store(n, field, "        "))
            if direct:
                ns[f"d_{n}"] = field.default
                lines += ["    else:", f"        s_{n}(res, d_{n})"]
        for n, key, field in required:
            lines += [f"    x = data[{key!r}]", "    if x is None:"]
            lines.append(f"        raise KeyError({key!r})")
            lines += field_lines(n, hints[field.name], ns, "    ")
            lines.append(store(n, field, "    "))
        if direct:
            # Fields never on the wire: their defaults, and extra as the scan found it.
            for n, field in enumerate(attrs.fields(cls)):
                if wire_name(field) is not None and field.init:
                    continue
                ns[f"s_x{n}"] = getattr(cls, field.name).__set__
                if field.name == "extra":
                    lines.append(f"    s_x{n}(res, e if e is not None else {{}})")
                else:
                    ns[f"d_x{n}"] = field.default
                    lines.append(f"    s_x{n}(res, d_x{n})")
            lines.insert(6, "    e = None")
            lines.append("    return res")
        else:
            lines.append("    return cls(**res)")
        return compile_function(
            "\n".join(lines) + "\n", "structure", ns, what="structure", cls=cls
        )

    is_model = lambda t: isinstance(t, type) and issubclass(t, WireModel)  # noqa: E731
    conv.register_unstructure_hook_factory(is_model, model_unstructure)
    conv.register_structure_hook_factory(is_model, model_structure)

    conv.register_unstructure_hook(UnknownConnection, lambda c: dict(c.raw))

    def structure_union(union: Any) -> Callable[[Any, Any], Any]:
        def structure_member(data: Any, _: Any) -> Any:
            if type(data) is not dict and not isinstance(data, Mapping):
                raise TypeError(f"expected an object, got {type(data).__name__}")
            cls = union_member(union, data)
            if cls is None:
                if union is ConnectionConfig:
                    return UnknownConnection(raw=dict(data))
                raise ValueError(f"cannot tell which kind of object this is: {sorted(data)}")
            hook = hooks.get(cls)
            if hook is None:
                hook = hooks[cls] = conv.get_structure_hook(cls)
            return hook(data, cls)

        hooks: dict[type, Callable[[Any, Any], Any]] = {}

        return structure_member

    def union_of(t: Any) -> Any:
        members = set(typing.get_args(t)) - {type(None)}
        for union in (ConnectionConfig, GcpConfig, NatsAuth):
            if members == set(typing.get_args(union)):
                return union
        return None

    conv.register_structure_hook_factory(
        lambda t: union_of(t) is not None, lambda t: structure_union(union_of(t))
    )

    def project_id(value: Any, _: Any) -> str | tuple[str, ...]:
        if isinstance(value, str):
            return value
        return tuple(_strict_str(v, None) for v in value)

    project_ids = {str, tuple[str, ...]}
    conv.register_structure_hook_factory(
        lambda t: set(typing.get_args(t)) - {type(None)} == project_ids,
        lambda _: project_id,
    )
    return conv


_converter: Converter | None = None


def get_converter() -> Converter:
    """The converter, made on first use."""
    global _converter
    if _converter is None:
        _converter = _make_converter()
    return _converter


def unstructure(obj: Any) -> dict[str, Any]:
    """A model as its wire JSON object."""
    out: dict[str, Any] = (_converter or get_converter()).unstructure(obj)
    return out


def structure(data: Mapping[str, Any], cls: type[_T]) -> _T:
    """Wire JSON as a model; a clear ``ValueError`` names the model when it does not fit."""
    try:
        return (_converter or get_converter()).structure(data, cls)
    except Exception as exc:  # cattrs raises several types; callers get one
        raise ValueError(f"cannot read {cls.__name__} from the given JSON: {exc}") from exc


def dumps(body: Any) -> bytes:
    """Compact UTF-8 JSON bytes for a request body."""
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@cache
def secret_keys() -> frozenset[str]:
    """Wire keys of every secret field in the models: kept out of reprs, logs and errors."""
    return frozenset(key for key, _ in _secret_fields())


@cache
def masked_keys() -> frozenset[str]:
    """Wire keys the server masks as ``*********``: its password-format fields. Session
    tokens and private TLS keys are secrets to us but come back from the server as stored."""
    return frozenset(key for key, masked in _secret_fields() if masked)


@cache
def _secret_fields() -> tuple[tuple[str, bool], ...]:
    found = set()
    for name in models.__all__:
        cls = getattr(models, name)
        if isinstance(cls, type) and attrs.has(cls):
            hints = typing.get_type_hints(cls)
            for key, field in wire_fields(cls).items():
                if SecretStr in (hints[field.name], *typing.get_args(hints[field.name])):
                    found.add((key, field.metadata.get("server_masked", True)))
    return tuple(sorted(found))


def redact(data: Any) -> Any:
    """A copy of wire data for reprs, logs and errors: the models' secret fields, any
    secret-looking key of a map the SDK does not model, and every ``SecretStr`` hidden."""
    return _secrets.redact(data, secret_keys())


# Values that are already wire data; checked by exact type first because most setter
# arguments are plain strings, numbers and booleans.
_PLAIN = frozenset({str, int, float, bool, type(None)})


BUILDER_TYPES: set[type] = set()
"""The builder classes (each adds itself), turned into wire data by their ``to_dict``."""


def wire_value(value: Any) -> Any:
    """Turn what a setter was given (builders, models, enums, UUIDs) into wire data."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is dict:  # plain leaves are copied inline: most values are strings
        return {k: v if type(v) in _PLAIN else wire_value(v) for k, v in value.items()}
    if kind in BUILDER_TYPES:  # nested builders are common: before the isinstance tests
        return value.to_dict()
    if kind is list:
        return [v if type(v) in _PLAIN else wire_value(v) for v in value]
    if isinstance(value, WireModel):
        return unstructure(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {k: wire_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [wire_value(v) for v in value]
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):  # a builder
        return to_dict()
    return value


_access.install_wire(unstructure=unstructure, structure=structure)


if TYPE_CHECKING:
    converter: Converter
else:

    def __getattr__(name: str) -> Any:
        # ``serialization.converter`` is made on first access (see ``get_converter``).
        if name == "converter":
            return get_converter()
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
