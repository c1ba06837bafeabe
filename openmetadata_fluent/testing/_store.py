"""Entities of every kind in memory: records by id, one name index per kind, parent and
child links, and the bookkeeping every entity shares (versions, change descriptions, ETags,
list cursors)."""

from __future__ import annotations

import base64
import binascii
import hashlib
import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from openmetadata_fluent.testing._http import HttpError

if TYPE_CHECKING:
    from openmetadata_fluent.testing._resource import Resource

__all__ = [
    "SERVER_KEYS",
    "Entity",
    "Record",
    "Store",
    "bump",
    "change_description",
    "clone",
    "cursor",
    "etag",
    "included",
    "now_ms",
    "stamp",
    "uncursor",
]

Entity = dict[str, Any]

SERVER_KEYS = ("version", "updatedAt", "updatedBy", "href", "changeDescription", "deleted")
"""Entity keys only the server sets: a write never takes them from the caller."""


def clone(value: Any) -> Any:
    """A deep copy of JSON data: several times faster than ``copy.deepcopy``, which spent
    half the fake's time on bulk writes."""
    if isinstance(value, dict):
        return {k: clone(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clone(v) for v in value]
    return value


def bump(version: float) -> float:
    """The next minor version: every change is +0.1."""
    return round(version + 0.1, 1)


def now_ms() -> int:
    return int(time.time() * 1000)


def stamp(entity: Mapping[str, Any]) -> int:
    """An ``updatedAt`` for the next version: now, yet always after the current one."""
    return max(now_ms(), int(entity["updatedAt"]) + 1)


def etag(entity: Mapping[str, Any]) -> str:
    digest = hashlib.sha256(
        f"{entity['id']}:{entity['version']}:{entity['updatedAt']}".encode()
    ).hexdigest()
    return f'"{digest[:32]}"'


def write_etag(entity: Mapping[str, Any]) -> str:
    """The server's tag of its write-side representation (16 hex digits): it differs from
    every read's ETag, so echoing a GET's ETag never passes an If-Match check."""
    return hashlib.sha256(f"write:{etag(entity)}".encode()).hexdigest()[:16]


def if_match_holds(header: str, entity: Mapping[str, Any]) -> bool:
    """The server's If-Match rule (EntityETag): ``*``, or a tag of a comma list that is the
    weak validator of the current version, ``W/"0.2"``, or the write-side tag."""
    current = f'W/"{float(entity["version"])!r}"'
    write = f'"{write_etag(entity)}"'
    return any(tag.strip() in ("*", current, write) for tag in header.split(","))


def cursor(key: str) -> str:
    return base64.urlsafe_b64encode(key.encode()).decode().rstrip("=")


def uncursor(value: str) -> str:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise HttpError(400, "Invalid cursor") from None


def included(entity: Mapping[str, Any], include: str) -> bool:
    """Whether ``include`` (non-deleted, deleted or all) lets ``entity`` through."""
    return include == "all" or bool(entity["deleted"]) == (include == "deleted")


def change_description(
    old: Mapping[str, Any], new: Mapping[str, Any], changed: list[str], shown: Callable[[Any], Any]
) -> dict[str, Any]:
    """What changed between two versions; ``shown`` masks each value as readers see it."""
    return {
        "fieldsAdded": [{"name": k, "newValue": shown(new[k])} for k in changed if k not in old],
        "fieldsUpdated": [
            {"name": k, "oldValue": shown(old[k]), "newValue": shown(new[k])}
            for k in changed
            if k in old and k in new
        ],
        "fieldsDeleted": [{"name": k, "oldValue": shown(old[k])} for k in changed if k not in new],
        "previousVersion": old["version"],
    }


@attrs.define(eq=False, repr=False)
class Record:
    """One stored entity: its current state, every version so far, and its family.

    ``key`` is what the kind's name index and list order use; ``seeded_children`` counts
    children a test declared without storing them (they count as present, never listed).
    """

    resource: Resource
    key: str
    entity: Entity
    history: list[Entity]
    parent: Record | None = None
    children: dict[str, Record] = attrs.Factory(dict)
    seeded_children: int = 0

    @property
    def id(self) -> str:
        return str(self.entity["id"])

    def __repr__(self) -> str:
        # The entity holds secrets in clear: a repr names the record and nothing more.
        return f"<Record {self.resource.kind} {self.key!r} {self.id}>"

    def child_count(self) -> int:
        """Children of every kind, soft-deleted ones included."""
        return len(self.children) + self.seeded_children

    def new_version(self, entity: Entity) -> None:
        """Make ``entity`` current and keep a copy of it as the newest version."""
        self.entity = entity
        self.history.append(clone(entity))


@attrs.define
class _Table:
    records: dict[str, Record] = attrs.Factory(dict)
    by_key: dict[str, str] = attrs.Factory(dict)  # so finding a name is not a scan


class Store:
    """Every entity the fake holds, one table per kind, plus the kinds it knows."""

    def __init__(self) -> None:
        self._tables: dict[str, _Table] = {}
        self.kinds: dict[str, Resource] = {}

    def register(self, resource: Resource) -> None:
        if resource.kind in self.kinds:
            raise ValueError(f"an entity type {resource.kind!r} is already registered")
        self.kinds[resource.kind] = resource
        self._tables[resource.kind] = _Table()

    def get(self, kind: str, entity_id: str) -> Record | None:
        return self._tables[kind].records.get(entity_id)

    def lookup(self, kind: str, key: str) -> Record | None:
        """The record whose index key is exactly ``key`` (no name rules applied)."""
        table = self._tables[kind]
        found = table.by_key.get(key)
        return None if found is None else table.records.get(found)

    def find(self, kind: str, key: str) -> Record | None:
        """The record a name or FQN means, by the rules of its kind."""
        return self.kinds[kind].find(self, key)

    def records(self, kind: str) -> Iterable[Record]:
        return self._tables[kind].records.values()

    def add(self, record: Record) -> None:
        table = self._tables[record.resource.kind]
        table.records[record.id] = record
        table.by_key[record.key] = record.id
        if record.parent is not None:
            record.parent.children[record.id] = record

    def rekey(self, record: Record, key: str) -> None:
        """Move ``record`` in its name index (after a rename)."""
        by_key = self._tables[record.resource.kind].by_key
        by_key.pop(record.key, None)
        by_key[key] = record.id
        record.key = key

    def remove(self, record: Record) -> None:
        """Forget ``record`` for good; its children must be gone already."""
        table = self._tables[record.resource.kind]
        table.records.pop(record.id, None)
        table.by_key.pop(record.key, None)
        if record.parent is not None:
            record.parent.children.pop(record.id, None)

    def clear(self) -> None:
        """Forget every entity; the registered kinds stay."""
        for kind in self._tables:
            self._tables[kind] = _Table()
