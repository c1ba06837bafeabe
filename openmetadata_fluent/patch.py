"""JSON Patch (RFC 6902) between two wire documents, as a pure function.

Saving a changed entity sends only what changed, so a concurrent edit to another field
is never overwritten with a stale copy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from openmetadata_fluent.errors import Problem, ValidationError
from openmetadata_fluent.validation import suggest

__all__ = ["JSON_PATCH", "Operation", "check_operations", "diff", "pointer"]

Operation = dict[str, Any]

JSON_PATCH = "application/json-patch+json"
"""The content type of a PATCH body; the server answers any other with 415."""

_PATCH_OPS = frozenset({"add", "remove", "replace", "move", "copy", "test"})


def pointer(*tokens: str | int) -> str:
    """An RFC 6901 pointer: ``~`` becomes ``~0`` and ``/`` becomes ``~1`` in each token."""
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in tokens)


def diff(old: Any, new: Any) -> list[Operation]:
    """The add/remove/replace operations that turn ``old`` into ``new``.

    Objects are compared key by key and lists element by element, so an unchanged part
    never appears in the result; equal documents give an empty list.
    """
    ops: list[Operation] = []
    _diff(old, new, "", ops)
    return ops


def _is_object(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_array(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes))


def _same(old: Any, new: Any) -> bool:
    # JSON tells true from 1, Python does not.
    if isinstance(old, bool) or isinstance(new, bool):
        return type(old) is type(new) and old == new
    return bool(old == new)


def _diff(old: Any, new: Any, path: str, ops: list[Operation]) -> None:
    if _is_object(old) and _is_object(new):
        for key in old:
            if key not in new:
                ops.append({"op": "remove", "path": path + pointer(key)})
        for key, value in new.items():
            if key in old:
                _diff(old[key], value, path + pointer(key), ops)
            else:
                ops.append({"op": "add", "path": path + pointer(key), "value": value})
    elif _is_array(old) and _is_array(new):
        shared = min(len(old), len(new))
        for i in range(shared):
            _diff(old[i], new[i], path + pointer(i), ops)
        for i in range(shared, len(new)):
            ops.append({"op": "add", "path": path + pointer(i), "value": new[i]})
        # Highest index first, so each removal leaves the next index in place.
        for i in reversed(range(shared, len(old))):
            ops.append({"op": "remove", "path": path + pointer(i)})
    elif not _same(old, new):
        ops.append({"op": "replace", "path": path, "value": new})


def check_operations(operations: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A caller's JSON Patch, checked for shape before it is sent."""
    if isinstance(operations, (str, bytes, Mapping)) or not isinstance(operations, Sequence):
        raise ValidationError(
            [Problem("operations", "must be a list of JSON Patch operations", "type")],
            subject="patch",
        )
    problems: list[Problem] = []
    for i, op in enumerate(operations):
        where = f"operations[{i}]"
        if not isinstance(op, Mapping):
            problems.append(Problem(where, "must be an object", "type"))
            continue
        kind, path = op.get("op"), op.get("path")
        if kind not in _PATCH_OPS:
            hint = suggest(kind, _PATCH_OPS) if isinstance(kind, str) else ""
            problems.append(Problem(f"{where}.op", f"{kind!r} is not a JSON Patch op{hint}"))
        if not isinstance(path, str) or (path and not path.startswith("/")):
            problems.append(Problem(f"{where}.path", f"must be a JSON pointer, not {path!r}"))
        if kind in ("add", "replace", "test") and "value" not in op:
            problems.append(Problem(f"{where}.value", "is required", "required"))
        if kind in ("move", "copy") and not isinstance(op.get("from"), str):
            problems.append(Problem(f"{where}.from", "is required", "required"))
    if problems:
        raise ValidationError(problems, subject="patch")
    return [dict(op) for op in operations]
