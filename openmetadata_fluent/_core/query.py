"""Query parameters every entity shares: ``fields``, ``include``, ``limit`` and cursors."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from openmetadata_fluent._core.spec import EntitySpec
from openmetadata_fluent.errors import Problem, ValidationError
from openmetadata_fluent.models.common import WireEnum
from openmetadata_fluent.serialization import wire_fields
from openmetadata_fluent.validation import suggest

__all__ = [
    "MAX_LIMIT",
    "FieldsArg",
    "Include",
    "cursor",
    "fields_param",
    "include_param",
    "invalid",
    "list_query",
    "read_query",
]

MAX_LIMIT = 1_000_000
FieldsArg = str | Iterable[str] | None


class Include(WireEnum):
    """Which entities a read returns, by their soft-deleted state."""

    NON_DELETED = "non-deleted"
    DELETED = "deleted"
    ALL = "all"


def invalid(path: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError([Problem(path, message, code)], subject="query")


@cache
def fetchable(spec: EntitySpec[Any, Any]) -> frozenset[str]:
    """What ``fields`` may name: any property of the entity (the server takes each one it
    knows), or ``*`` for all of them."""
    entity_class: type = spec.entity_class
    return frozenset({*spec.fields, *wire_fields(entity_class), "*"})


def fields_param(fields: FieldsArg, spec: EntitySpec[Any, Any]) -> str | None:
    """``fields`` (a list or a comma string) as the server's comma list; a name the
    entity does not have is refused here, as the server would refuse it."""
    if fields is None:
        return None
    names = fields.split(",") if isinstance(fields, str) else list(fields)
    allowed = fetchable(spec)
    problems: list[Problem] = []
    chosen: dict[str, None] = {}
    for name in names:
        if not isinstance(name, str):
            problems.append(Problem("fields", f"must be field names, not {name!r}", "type"))
            continue
        name = name.strip()
        if name in allowed:
            chosen[name] = None
        elif name:
            hint = suggest(name, spec.fields) or suggest(name, sorted(allowed))
            problems.append(
                Problem(
                    "fields",
                    f"{name!r} is not a field of a {spec.subject} (the server answers "
                    f'"Invalid field name {name}"){hint}; common ones: {", ".join(spec.fields)}',
                    "enum",
                )
            )
    if problems:
        raise ValidationError(problems, subject="query")
    return ",".join(chosen) or None


def include_param(include: Include | str | None) -> str | None:
    """``include`` as its wire value: non-deleted, deleted or all."""
    if include is None:
        return None
    if isinstance(include, Include):
        return include.value
    if isinstance(include, str):
        value = include.strip().lower().replace("_", "-")
        if value in Include._value2member_map_:
            return value
    values = [m.value for m in Include]
    hint = suggest(include, values) if isinstance(include, str) else ""
    raise invalid("include", f"{include!r} is not one of {', '.join(values)}{hint}", "enum")


def _query(**values: str | None) -> dict[str, str] | None:
    params = {k: v for k, v in values.items() if v is not None}
    return params or None


def read_query(
    fields: FieldsArg, include: Include | str | None, spec: EntitySpec[Any, Any]
) -> dict[str, str] | None:
    """The query of a single-entity read."""
    return _query(fields=fields_param(fields, spec), include=include_param(include))


def cursor(name: str, value: str | None) -> str | None:
    if value is not None and (not isinstance(value, str) or not value):
        raise invalid(name, f"must be a cursor string from a previous page, not {value!r}")
    return value


def check_limit(limit: int | None) -> str | None:
    """Entities per page: 0 (the server then answers only ``paging.total``) to 1,000,000."""
    if limit is not None and (
        not isinstance(limit, int) or isinstance(limit, bool) or not 0 <= limit <= MAX_LIMIT
    ):
        raise invalid("limit", f"must be an integer from 0 to {MAX_LIMIT}, not {limit!r}", "range")
    return None if limit is None else str(limit)


def check_filter(name: str, value: str | None) -> str | None:
    """A listing filter that names another entity by FQN (``domain``, ``service``)."""
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise invalid(name, f"must be a fully qualified name, not {value!r}")
    return value


def list_query(
    limit: int | None,
    fields: FieldsArg,
    include: Include | str | None,
    spec: EntitySpec[Any, Any],
    filters: Mapping[str, str | None] | None = None,
) -> dict[str, str]:
    """The query every page of a listing shares (cursors are added per page)."""
    checked = {k: check_filter(k, v) for k, v in (filters or {}).items()}
    return (
        _query(
            limit=check_limit(limit),
            fields=fields_param(fields, spec),
            include=include_param(include),
            **checked,
        )
        or {}
    )
