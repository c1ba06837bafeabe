"""The JSON Patch (RFC 6902) applier behind every PATCH route of the fake."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openmetadata_fluent.models.common import copy_json
from openmetadata_fluent.testing._http import INVALID_FORMAT, HttpError

__all__ = ["JsonPatch"]


class JsonPatch:
    """RFC 6902 JSON Patch: add, remove, replace, move, copy and test; every failure is
    the 400 the server gives."""

    @staticmethod
    def _pointer(pointer: Any) -> list[str]:
        if not isinstance(pointer, str) or (pointer and not pointer.startswith("/")):
            raise HttpError(400, f"Invalid JSON Patch path: {pointer!r}")
        return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]

    @classmethod
    def _parent(cls, doc: Any, parts: list[str]) -> tuple[Any, str]:
        for part in parts[:-1]:
            doc = cls._child(doc, part)
        return doc, parts[-1]

    @staticmethod
    def _child(doc: Any, part: str) -> Any:
        try:
            if isinstance(doc, list):
                return doc[int(part)]
            if isinstance(doc, dict):
                return doc[part]
        except (KeyError, IndexError, ValueError):
            pass
        raise HttpError(400, f"JSON Patch path not found: {part}")

    @classmethod
    def _get(cls, doc: Any, parts: list[str]) -> Any:
        for part in parts:
            doc = cls._child(doc, part)
        return doc

    @classmethod
    def _add(cls, doc: Any, parts: list[str], value: Any) -> Any:
        if not parts:
            return value
        parent, key = cls._parent(doc, parts)
        if isinstance(parent, list):
            index = len(parent) if key == "-" else cls._index(key, len(parent) + 1)
            parent.insert(index, value)
        elif isinstance(parent, dict):
            parent[key] = value
        else:
            raise HttpError(400, f"JSON Patch cannot add below a {type(parent).__name__}")
        return doc

    @staticmethod
    def _index(key: str, bound: int) -> int:
        if key.isdigit() and int(key) < bound:
            return int(key)
        raise HttpError(400, f"JSON Patch index out of range: {key}")

    @classmethod
    def _remove(cls, doc: Any, parts: list[str]) -> Any:
        if not parts:
            raise HttpError(400, "JSON Patch cannot remove the whole document")
        parent, key = cls._parent(doc, parts)
        cls._child(parent, key)
        if isinstance(parent, list):
            return parent.pop(int(key))
        return parent.pop(key)

    @classmethod
    def apply(cls, doc: Any, ops: Any) -> Any:
        """``doc`` with every operation of ``ops`` applied in order (changed in place)."""
        if not isinstance(ops, list):
            raise HttpError(400, INVALID_FORMAT)
        for op in ops:
            if not isinstance(op, Mapping) or not isinstance(op.get("op"), str):
                raise HttpError(400, INVALID_FORMAT)
            kind = op["op"]
            parts = cls._pointer(op.get("path"))
            if kind in ("add", "replace", "test") and "value" not in op:
                raise HttpError(400, f"JSON Patch {kind} needs a value")
            if kind == "add":
                doc = cls._add(doc, parts, copy_json(op["value"]))
            elif kind == "remove":
                cls._remove(doc, parts)
            elif kind == "replace":
                if parts:
                    cls._remove(doc, parts)
                doc = cls._add(doc, parts, copy_json(op["value"]))
            elif kind in ("move", "copy"):
                source = cls._pointer(op.get("from"))
                value = cls._remove(doc, source) if kind == "move" else cls._get(doc, source)
                doc = cls._add(doc, parts, copy_json(value))
            elif kind == "test":
                if cls._get(doc, parts) != op["value"]:
                    raise HttpError(400, f"JSON Patch test failed at {op['path']}")
            else:
                raise HttpError(400, f"Unknown JSON Patch operation: {kind}")
        return doc
