"""Every rule a create request must pass, in one place.

``check_create_request`` walks a wire-shaped dict (camelCase keys) against the attrs
models, collects every problem with its field path, fills the schema's defaults (config
``type``, TagLabel source/labelType/state), and returns the normalized body that is sent.
Builders, ``create(request)`` and the offline server all call it, so the rules agree.
"""

from __future__ import annotations

import math
import sys
import types
import typing
import urllib.parse
import uuid
import warnings
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, TypeGuard

import attrs

from openmetadata_fluent._text import suggest, type_name
from openmetadata_fluent.errors import Problem, SaslConfigurationWarning
from openmetadata_fluent.models import _access
from openmetadata_fluent.models._codegen import compile_function
from openmetadata_fluent.models._names import quote_name
from openmetadata_fluent.models.common import SecretStr, WireEnum, WireModel
from openmetadata_fluent.models.connections import (
    CONNECTION_CLASSES,
    AwsCredentials,
    ConnectionConfig,
    GcpConfig,
    KafkaConnection,
    NatsAuth,
    NatsConnection,
    RedpandaConnection,
    SecurityProtocol,
)
from openmetadata_fluent.models.messaging import CreateMessagingServiceRequest, MessagingConnection
from openmetadata_fluent.serialization import union_member, wire_fields, wire_value

__all__ = [
    "Checked",
    "check_connection",
    "check_create_request",
    "check_create_topic",
    "check_model",
    "emit_warnings",
    "service_fqn",
    "suggest",
]

NAME_MAX = 256
# The server matches names with a Java regex whose "." stops at these characters.
_LINE_BREAKS = ("\n", "\r", "\u0085", "\u2028", "\u2029")
FQN_MAX = 3072
_NATS_RESERVED = frozenset(
    {
        "servers",
        "user",
        "password",
        "token",
        "nkeys_seed",
        "nkeys_seed_str",
        "tls",
        "user_credentials",
        "signature_cb",
        "user_jwt_cb",
    }
)
# Free-form consumer settings whose values are secrets the server will not mask there.
_UNMASKED_SECRET_KEYS = frozenset(
    {
        "sasl.password",
        "sasl.jaas.config",
        "ssl.key.password",
        "ssl.keystore.password",
        "ssl.truststore.password",
        "basic.auth.user.info",
        "sasl.oauthbearer.client.secret",
        "ssl.key.pem",
    }
)
_SASL_SERVICE_TYPES = (KafkaConnection.SERVICE_TYPE.value, RedpandaConnection.SERVICE_TYPE.value)
_NATS_TYPE = NatsConnection.SERVICE_TYPE.value
_SASL_PROTOCOLS = frozenset(
    {SecurityProtocol.SASL_PLAINTEXT.value, SecurityProtocol.SASL_SSL.value}
)


@attrs.define
class Checked:
    """The outcome of a check: the normalized wire body, the problems and the warnings."""

    body: dict[str, Any]
    problems: list[Problem] = attrs.field(factory=list)
    warnings: list[tuple[str, type[Warning]]] = attrs.field(factory=list)


class _Ctx:
    __slots__ = ("problems", "strict")

    def __init__(self, strict: bool) -> None:
        self.problems: list[Problem] = []
        self.strict = strict

    def add(self, path: str, message: str, code: str) -> None:
        self.problems.append(Problem(path, message, code))


_Checker = Callable[[Any, str, _Ctx], Any]
_INVALID = object()


def _is_mapping(value: Any) -> TypeGuard[Mapping[str, Any]]:
    """``isinstance(value, Mapping)``, with the common plain dict answered first."""
    return type(value) is dict or isinstance(value, Mapping)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _unsendable(text: str) -> str | None:
    """Why a string cannot go into a request: a NUL, or a lone surrogate that UTF-8
    cannot encode (``"x\ud800"``). ASCII text, the common case, is one C-speed check."""
    if text.isascii():
        return "must not contain NUL characters" if "\x00" in text else None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "must not contain unpaired surrogate characters (not valid Unicode text)"
    return "must not contain NUL characters" if "\x00" in text else None


def _check_str(value: Any, path: str, ctx: _Ctx) -> Any:
    if isinstance(value, str):
        problem = _unsendable(value)
        if problem is None:
            return value
        ctx.add(path, problem, "text")
        return _INVALID
    ctx.add(path, f"must be a string, not {type_name(value)}", "type")
    return _INVALID


def _check_secret(value: Any, path: str, ctx: _Ctx) -> Any:
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    return _check_str(value, path, ctx)


def _check_uri(value: Any, path: str, ctx: _Ctx) -> Any:
    if _check_str(value, path, ctx) is _INVALID:
        return _INVALID
    parts = urllib.parse.urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        ctx.add(path, f"must be an absolute http(s) URL, not {value!r}", "uri")
        return _INVALID
    return value


def _check_bool(value: Any, path: str, ctx: _Ctx) -> Any:
    if isinstance(value, bool):
        return value
    ctx.add(path, f"must be true or false, not {type_name(value)}", "type")
    return _INVALID


def _check_int(value: Any, path: str, ctx: _Ctx) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    ctx.add(path, f"must be an integer, not {type_name(value)}", "type")
    return _INVALID


def _check_number(value: Any, path: str, ctx: _Ctx) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if math.isfinite(value):
            return value
        ctx.add(path, f"must be a finite number, not {value!r}", "range")
        return _INVALID
    ctx.add(path, f"must be a number, not {type_name(value)}", "type")
    return _INVALID


_JSON_DEPTH = 100


def _good_key(key: Any, path: str, ctx: _Ctx) -> bool:
    """A map key must be sendable text; a bad one is reported at the map's path."""
    if not isinstance(key, str):
        ctx.add(path, f"keys must be strings, not {type_name(key)}", "type")
        return False
    problem = _unsendable(key)
    if problem is not None:
        ctx.add(path, f"keys {problem}", "text")
        return False
    return True


def _check_json(value: Any, path: str, ctx: _Ctx, depth: int = 0) -> Any:
    """Any JSON value (free-form fields such as ``extension`` or ``consumerConfig``):
    objects with string keys, arrays, sendable strings, finite numbers, booleans, null."""
    if depth > _JSON_DEPTH:
        ctx.add(path, f"is nested more than {_JSON_DEPTH} levels deep", "depth")
        return _INVALID
    if isinstance(value, str):
        return _check_str(value, path, ctx)
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return _check_number(value, path, ctx)
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if not _good_key(key, path, ctx):
                continue
            out[key] = _check_json(item, _join(path, key), ctx, depth + 1)
        return out
    if isinstance(value, (list, tuple)):
        return [_check_json(v, f"{path}[{i}]", ctx, depth + 1) for i, v in enumerate(value)]
    ctx.add(path, f"must be JSON data, not {type_name(value)}", "type")
    return _INVALID


def _check_uuid(value: Any, path: str, ctx: _Ctx) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, str):
        try:
            return str(uuid.UUID(value))
        except ValueError:
            pass
    ctx.add(path, f"must be a UUID, not {value!r}", "uuid")
    return _INVALID


def _enum_checker(cls: type[WireEnum]) -> _Checker:
    values = [m.value for m in cls]
    by_lower = {v.lower(): v for v in values}

    def check(value: Any, path: str, ctx: _Ctx) -> Any:
        if isinstance(value, WireEnum):
            value = value.value
        if isinstance(value, str):
            if value in values:
                return value
            canonical = by_lower.get(value.lower())
            if canonical is not None and not ctx.strict:
                return canonical
        shown = ", ".join(values)
        hint = suggest(value, values) if isinstance(value, str) else ""
        ctx.add(path, f"{value!r} is not one of {shown}{hint}", "enum")
        return _INVALID

    return check


def _list_checker(item: _Checker) -> _Checker:
    def check(value: Any, path: str, ctx: _Ctx) -> Any:
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            ctx.add(path, f"must be an array, not {type_name(value)}", "type")
            return _INVALID
        return [item(v, f"{path}[{i}]", ctx) for i, v in enumerate(value)]

    return check


def _object_checker(values: _Checker | None) -> _Checker:
    def check(value: Any, path: str, ctx: _Ctx) -> Any:
        if not isinstance(value, Mapping):
            ctx.add(path, f"must be an object, not {type_name(value)}", "type")
            return _INVALID
        out = {}
        for key, item in value.items():
            if not _good_key(key, path, ctx):
                continue
            out[key] = _check_json(item, _join(path, key), ctx) if values is None else values(
                item, _join(path, key), ctx
            )
        return out

    return check


def _union_checker(union: Any) -> _Checker:
    def check(value: Any, path: str, ctx: _Ctx) -> Any:
        if not _is_mapping(value):
            ctx.add(path, f"must be an object, not {type_name(value)}", "type")
            return _INVALID
        cls = union_member(union, value)
        if cls is None:
            if union is ConnectionConfig:
                known = [t.value for t in CONNECTION_CLASSES]
                got = value.get("type")
                hint = suggest(got, known) if isinstance(got, str) else ""
                ctx.add(
                    _join(path, "type"),
                    f"{got!r} is not a messaging connection type ({', '.join(known)}){hint}",
                    "enum",
                )
            else:
                ctx.add(
                    path, "must be basic (username and password), token or nkey (nkeySeed)", "type"
                )
            return _INVALID
        checker = _CHECKERS.get(cls) or _model_checker(cls)
        return checker(value, path, ctx)

    return check


def _nested_checker(cls: type) -> _Checker:
    """The checker of a nested model, looked up on first use (models may nest themselves)."""
    found: list[_Checker] = []

    def check(value: Any, path: str, ctx: _Ctx) -> Any:
        if not found:
            found.append(_model_checker(cls))
        return found[0](value, path, ctx)

    return check


def _project_id(value: Any, path: str, ctx: _Ctx) -> Any:
    if isinstance(value, str):
        return value
    return _list_checker(_check_str)(value, path, ctx)


def _checker_for(tp: Any, field: attrs.Attribute[Any]) -> _Checker:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        if set(args) == {str, tuple[str, ...]}:
            return _project_id
        for union in (ConnectionConfig, GcpConfig, NatsAuth):
            if set(args) == set(typing.get_args(union)):
                return _union_checker(union)
        if len(args) == 1:
            return _checker_for(args[0], field)
        return _union_checker(tp)
    if origin is tuple:
        return _list_checker(_checker_for(args[0], field))
    if origin is dict:
        return _object_checker(_check_str if args[1] is str else None)
    if tp is Any:
        return _check_json
    if tp is str:
        return _check_uri if field.metadata.get("format") == "uri" else _check_str
    if tp is SecretStr:
        return _check_secret
    if tp is bool:
        return _check_bool
    if tp is int:
        return _check_int
    if tp is float:
        return _check_number
    if tp is uuid.UUID:
        return _check_uuid
    if isinstance(tp, type) and issubclass(tp, WireEnum):
        return _enum_checker(tp)
    if isinstance(tp, type) and issubclass(tp, WireModel):
        return _nested_checker(tp)
    raise TypeError(f"no check for {tp!r}")  # pragma: no cover - a model this module misses


_CHECKERS: dict[type, _Checker] = {}
# Models whose builders have one setter per field, so a missing field can name its setter.
_BUILT_BY_SETTERS = frozenset(
    {CreateMessagingServiceRequest, AwsCredentials, *CONNECTION_CLASSES.values()}
)


def _model_checker(cls: type) -> _Checker:
    """The checker of a model, compiled once per class."""
    checker = _CHECKERS.get(cls)
    if checker is None:
        checker = _CHECKERS[cls] = _compile_model_checker(cls)
    return checker


def _unknown_keys(cls: type) -> Callable[[Any, str, _Ctx], None]:
    """The problems of keys a model does not have, each with a hint when one fits."""
    known = frozenset(wire_fields(cls))
    snake = {field.name: key for key, field in wire_fields(cls).items()}

    def report(value: Any, path: str, ctx: _Ctx) -> None:
        for key in value:
            if key not in known:
                hint = f" (did you mean {snake[key]!r}?)" if key in snake else suggest(key, known)
                ctx.add(_join(path, str(key)), f"unknown field{hint}", "unknown")

    return report


def _fast_path(tp: Any, checker: _Checker, consts: dict[str, Any], n: int) -> str | None:
    """A test on ``item`` that holds exactly when ``checker`` would return ``item``
    unchanged and report nothing; the checker itself runs for everything else."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1:
        tp = args[0]
    if checker is _check_str:
        return "type(item) is str and item.isascii() and '\\x00' not in item"
    if checker is _check_bool:
        return "item is True or item is False"
    if checker is _check_int:
        return "type(item) is int"
    if checker is _check_number:
        return "type(item) is int or (type(item) is float and _isfinite(item))"
    if isinstance(tp, type) and issubclass(tp, WireEnum):
        consts[f"v_{n}"] = frozenset(m.value for m in tp)
        return f"type(item) is str and item in v_{n}"
    return None


def _compile_model_checker(cls: type) -> _Checker:
    """One function per model, generated from its fields: the unknown-key scan, then each
    field in order (its default, its "is required", or its check), as straight-line code."""
    hints = typing.get_type_hints(cls)
    consts: dict[str, Any] = {
        "Mapping": Mapping,
        "type_name": type_name,
        "_INVALID": _INVALID,
        "_isfinite": math.isfinite,
        "known": frozenset(wire_fields(cls)),
        "unknown": _unknown_keys(cls),
    }
    lines = [
        "def check(value, path, ctx):",
        "    if type(value) is not dict and not isinstance(value, Mapping):",
        "        ctx.add(path, f'must be an object, not {type_name(value)}', 'type')",
        "        return _INVALID",
        "    if not known.issuperset(value):",
        "        unknown(value, path, ctx)",
        "    prefix = f'{path}.' if path else ''",
        "    get = value.get",
        "    out = {}",
    ]
    for n, (key, field) in enumerate(wire_fields(cls).items()):
        required = field.default is attrs.NOTHING
        default = field.default if field.default is not attrs.NOTHING else None
        if isinstance(default, WireEnum):
            default = default.value
        hint = f" (set it with .{field.name}(...))" if cls in _BUILT_BY_SETTERS else ""
        checker = consts[f"c_{n}"] = _checker_for(hints[field.name], field)
        consts[f"k_{n}"] = key
        if default is not None:
            consts[f"d_{n}"] = default
            lines += [f"    item = get(k_{n})", "    if item is None:"]
            lines.append(f"        out[k_{n}] = d_{n}")
        elif required:
            consts[f"m_{n}"] = f"is required{hint}"
            lines += [f"    item = get(k_{n})", "    if item is None:"]
            lines.append(f"        ctx.add(prefix + k_{n}, m_{n}, 'required')")
        else:
            # Most optional fields are absent: a membership test skips them cheaply.
            lines.append(f"    item = value[k_{n}] if k_{n} in value else None")
            lines.append("    if item is None:")
            lines.append("        pass")
        fast = _fast_path(hints[field.name], checker, consts, n)
        if fast is not None:
            lines += [f"    elif {fast}:", f"        out[k_{n}] = item"]
        lines += [
            "    else:",
            f"        checked = c_{n}(item, prefix + k_{n}, ctx)",
            "        if checked is not _INVALID:",
            f"            out[k_{n}] = checked",
        ]
    lines.append("    return out")
    return compile_function(
        "\n".join(lines) + "\n", "check", consts, what="checker", cls=cls
    )


def check_model(
    data: Any, cls: type[WireModel], path: str = "", *, strict: bool = False
) -> Checked:
    """Check one wire object against a model (a connection config, credentials...)."""
    ctx = _Ctx(strict)
    body = _model_checker(cls)(data, path, ctx)
    return Checked(body if isinstance(body, dict) else {}, ctx.problems)


def _check_name(body: Mapping[str, Any], ctx: _Ctx) -> None:
    name = body.get("name")
    if not isinstance(name, str):
        return
    if not name.strip():
        ctx.add("name", "must not be empty or blank", "length")
    elif len(name) > NAME_MAX:
        ctx.add("name", f"must be at most {NAME_MAX} characters, not {len(name)}", "length")
    if ("\n" in name or "\r" in name) or (
        not name.isascii() and any(ch in name for ch in _LINE_BREAKS)
    ):
        ctx.add("name", "must not contain line breaks", "pattern")
    if "::" in name:
        ctx.add("name", f"must not contain '::' (got {name!r})", "pattern")


def _check_fqns(body: Mapping[str, Any], ctx: _Ctx) -> None:
    for key in ("domains", "dataProducts"):
        for i, fqn in enumerate(body.get(key) or ()):
            if isinstance(fqn, str) and not 1 <= len(fqn.strip()) <= FQN_MAX:
                ctx.add(
                    f"{key}[{i}]",
                    f"must be a fully qualified name of 1 to {FQN_MAX} characters",
                    "length",
                )


def _type_mismatch(connection: Any, service_type: Any) -> Problem | None:
    """The rule that a connection's config type is the service's type."""
    config = connection.get("config") if _is_mapping(connection) else None
    config_type = config.get("type") if _is_mapping(config) else None
    if config_type and isinstance(service_type, str) and config_type != service_type:
        return Problem(
            "connection.config.type",
            f"{config_type!r} connection does not match serviceType {service_type!r}",
            "mismatch",
        )
    return None


def _check_connection_type(raw: Mapping[str, Any], body: dict[str, Any], ctx: _Ctx) -> None:
    config = (body.get("connection") or {}).get("config")
    config_type = config.get("type") if isinstance(config, dict) else None
    if body.get("serviceType") is None and raw.get("serviceType") is None and config_type:
        body["serviceType"] = config_type
        ctx.problems[:] = [p for p in ctx.problems if p.path != "serviceType"]
    mismatch = _type_mismatch(body.get("connection"), body.get("serviceType"))
    if mismatch is not None:
        ctx.problems.append(mismatch)


def check_connection(value: Any, service_type: str | None) -> Checked:
    """A connection given to an existing service (a builder, a model, ``{"config": ..}``
    or a bare config dict), checked and normalized as ``{"config": {...}}``."""
    wire = wire_value(value)
    if not (isinstance(wire, Mapping) and set(wire) == {"config"}):
        wire = {"config": wire}
    checked = check_model(wire, MessagingConnection, "connection")
    mismatch = _type_mismatch(checked.body, service_type)
    if mismatch is not None:
        checked.problems.append(mismatch)
    return checked


def _kafka_warnings(body: Mapping[str, Any]) -> list[tuple[str, type[Warning]]]:
    config = (body.get("connection") or {}).get("config")
    if not isinstance(config, dict) or config.get("type") not in _SASL_SERVICE_TYPES:
        return []
    found: list[tuple[str, type[Warning]]] = []
    protocol = config.get("securityProtocol")
    if protocol not in _SASL_PROTOCOLS:
        sasl = [key for key in ("saslUsername", "saslPassword") if config.get(key)]
        mechanism = config.get("saslMechanism")
        if mechanism and mechanism != "PLAIN":
            sasl.append("saslMechanism")
        if sasl:
            found.append(
                (
                    f"connection.config: {', '.join(sasl)} set but securityProtocol is "
                    f"{protocol or 'unset (PLAINTEXT)'}, so SASL is not used and connections to "
                    "a SASL listener time out; set security_protocol('SASL_SSL') or "
                    "('SASL_PLAINTEXT')",
                    SaslConfigurationWarning,
                )
            )
    for block in ("consumerConfig", "schemaRegistryConfig"):
        if block not in config:
            continue
        leaked = sorted(_UNMASKED_SECRET_KEYS.intersection(config[block]))
        if leaked:
            found.append(
                (
                    f"connection.config.{block}: {', '.join(leaked)} is stored and shown unmasked "
                    "there; use the dedicated secret fields (sasl_password, basic_auth_user_info)",
                    SaslConfigurationWarning,
                )
            )
    return found


def _check_nats(body: Mapping[str, Any], ctx: _Ctx) -> None:
    config = (body.get("connection") or {}).get("config")
    if isinstance(config, dict) and config.get("type") == _NATS_TYPE:
        for key in sorted(_NATS_RESERVED.intersection(config.get("additionalConfig") or {})):
            ctx.add(
                f"connection.config.additionalConfig.{key}",
                "is reserved: set it through natsServers, authType or tlsConfig",
                "reserved",
            )


def _caller_level() -> int:
    """The ``stacklevel`` that points a warning at the first frame outside this package."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and frame.f_globals.get("__name__", "").startswith(
        "openmetadata_fluent."
    ):
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


def emit_warnings(checked: Checked) -> None:
    """Issue a check's warnings, pointed at the caller's own line."""
    for message, category in checked.warnings:
        warnings.warn(message, category, stacklevel=_caller_level())


_CONNECTION_HINT = (
    "; current servers answer a create-or-update without one, for a service that has a "
    "stored connection, with a 400 (a known server bug in its unmask step), so the SDK "
    "always sends it"
)


def _explain_missing_connection(ctx: _Ctx) -> None:
    for i, problem in enumerate(ctx.problems):
        if problem.path == "connection" and problem.code == "required":
            ctx.problems[i] = Problem("connection", problem.message + _CONNECTION_HINT, "required")


def _typed_config(raw: Mapping[str, Any]) -> Mapping[str, Any]:
    """A config given without ``type`` is of the service's type (as the server reads it:
    the config class comes from ``serviceType``)."""
    connection = raw.get("connection")
    if not _is_mapping(connection):
        return raw
    config = connection.get("config")
    service_type = raw.get("serviceType")
    if not _is_mapping(config) or "type" in config or service_type is None:
        return raw
    kind = service_type.value if isinstance(service_type, Enum) else service_type
    return {**raw, "connection": {**connection, "config": {**config, "type": kind}}}


def check_create_request(raw: Mapping[str, Any], *, strict: bool = False) -> Checked:
    """Check and normalize a create-request body.

    ``strict`` is the server's view: enum spellings must match exactly. Without it, case
    variants ("kafka") are accepted and normalized.
    """
    ctx = _Ctx(strict)
    raw = _typed_config(raw)
    body = _model_checker(CreateMessagingServiceRequest)(raw, "", ctx)
    if body is _INVALID:
        return Checked({}, ctx.problems)
    _check_connection_type(raw, body, ctx)
    _explain_missing_connection(ctx)
    _check_name(body, ctx)
    _check_fqns(body, ctx)
    _check_nats(body, ctx)
    return Checked(body, ctx.problems, _kafka_warnings(body))


# -- topics ---------------------------------------------------------------------------
# The rules of a topic create request; the generic per-model checker does types, enums,
# required and unknown keys, and the service's name rule is shared through _check_name.

FIELD_NAME_MAX = 128
SOURCE_HASH_MAX = 32


def service_fqn(value: Any) -> Any:
    """What a topic's ``service`` is on the wire: the messaging service's FQN. A service
    entity, a reference or their wire JSON gives its ``fullyQualifiedName`` (or its quoted
    name); anything else is returned as it is, for the check to report."""
    fqn = getattr(value, "fully_qualified_name", None)
    name = getattr(value, "name", None)
    if isinstance(value, Mapping):
        fqn, name = value.get("fullyQualifiedName"), value.get("name")
    elif fqn is None and name is None:
        return value
    if isinstance(fqn, str):
        return fqn
    return quote_name(name) if isinstance(name, str) else value


def _check_topic_service(body: dict[str, Any], ctx: _Ctx) -> None:
    service = body.get("service")
    if isinstance(service, str) and not 1 <= len(service.strip()) <= FQN_MAX:
        ctx.add(
            "service",
            f"must be the messaging service's fully qualified name, 1 to {FQN_MAX} characters",
            "length",
        )


def _check_schema_fields(fields: Any, path: str, ctx: _Ctx) -> None:
    """Every field name of a message schema, at every depth: 1 to 128 characters. Paths
    are only spelled out for a problem: a schema may have thousands of fields."""
    if not isinstance(fields, list):
        return
    for i, field in enumerate(fields):
        if not isinstance(field, dict):
            continue
        name = field.get("name")
        if isinstance(name, str) and not 1 <= len(name) <= FIELD_NAME_MAX:
            ctx.add(
                f"{path}[{i}].name",
                f"must be 1 to {FIELD_NAME_MAX} characters, not {len(name)}",
                "length",
            )
        children = field.get("children")
        if children:
            _check_schema_fields(children, f"{path}[{i}].children", ctx)


def check_create_topic(raw: Mapping[str, Any], *, strict: bool = False) -> Checked:
    """Check and normalize a topic create-request body, every problem at once.

    ``service`` may be given as a service entity or reference (its FQN is sent). Without
    ``strict``, enum spellings in any letter case ("avro", "int", "Delete") are accepted
    and normalized; ``retentionSize`` defaults to -1.
    """
    # Topic models load on first use (see ``models``), not with the package.
    from openmetadata_fluent.models.topics import CreateTopicRequest

    ctx = _Ctx(strict)
    if isinstance(raw, Mapping) and "service" in raw:
        raw = {**raw, "service": service_fqn(raw["service"])}
    body = _model_checker(CreateTopicRequest)(raw, "", ctx)
    if body is _INVALID:
        return Checked({}, ctx.problems)
    _check_name(body, ctx)
    _check_topic_service(body, ctx)
    _check_fqns(body, ctx)
    partitions = body.get("partitions")
    if isinstance(partitions, int) and partitions < 1:
        ctx.add("partitions", f"must be at least 1, not {partitions}", "range")
    source_hash = body.get("sourceHash")
    if isinstance(source_hash, str) and not 1 <= len(source_hash) <= SOURCE_HASH_MAX:
        ctx.add("sourceHash", f"must be 1 to {SOURCE_HASH_MAX} characters", "length")
    schema = body.get("messageSchema")
    if isinstance(schema, dict):
        _check_schema_fields(schema.get("schemaFields"), "messageSchema.schemaFields", ctx)
    return Checked(body, ctx.problems)


def _check_json_value(value: Any, path: str, problems: list[Problem]) -> Any:
    ctx = _Ctx(False)
    checked = _check_json(value, path, ctx)
    problems.extend(ctx.problems)
    return checked


_access.install_wire(
    check_model=check_model, type_mismatch=_type_mismatch, check_json=_check_json_value
)
