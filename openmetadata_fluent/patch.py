"""JSON Patch (RFC 6902) between two wire documents, as a pure function.

Saving a changed entity sends only what changed, so a concurrent edit to another field
is never overwritten with a stale copy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["diff", "pointer"]

Operation = dict[str, Any]


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
