"""Entities of every kind in memory: records by id, one FQN index and one name order per
kind, parent and child links, followers, and the bookkeeping every entity shares (the
clock, versions, ETags, list cursors)."""

from __future__ import annotations

import base64
import binascii
import bisect
import hashlib
import json
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from openmetadata_fluent._core.spec import COMMON_SERVER_OWNED
from openmetadata_fluent.errors import Problem, ValidationError
from openmetadata_fluent.testing._http import HttpError

if TYPE_CHECKING:
    from openmetadata_fluent.testing._resource import Resource

__all__ = [
    "SERVER_KEYS",
    "Entity",
    "FakeClock",
    "Record",
    "Store",
    "bump",
    "cursor",
    "if_match_holds",
    "included",
    "read_etag",
    "uncursor",
    "weak_etag",
    "write_etag",
]

Entity = dict[str, Any]

SERVER_KEYS = COMMON_SERVER_OWNED
"""Entity keys only the server sets (the SDK's list of them): a write never takes them
from the caller."""


def bump(version: float) -> float:
    """The next minor version: every change is +0.1 (services never take +1.0)."""
    return round(version + 0.1, 1)


class FakeClock:
    """A clock tests move by hand, so ten minutes pass without sleeping:
    ``FakeOpenMetadata(clock=FakeClock())`` then ``clock.advance(601)``."""

    def __init__(self, start: float | None = None) -> None:
        self.now = time.time() if start is None else float(start)

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the fake's time forward (past the server's 10-minute PATCH session, say)."""
        if not isinstance(seconds, (int, float)) or not seconds >= 0:
            raise ValidationError(
                [Problem("seconds", f"a clock only moves forward, not by {seconds!r}", "range")],
                subject="clock",
            )
        self.now += seconds


def _hex16(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def read_etag(body: bytes) -> str:
    """The strong ETag of a read (EntityETag.generateETag): a hash of the representation
    sent, so it moves with ``fields``, masks and followers alike."""
    return f'"{_hex16(body)}"'


def write_etag(entity: Mapping[str, Any]) -> str:
    """The server's tag of its write-side representation (16 hex digits): hashed from
    the stored entity, never from a read's bytes, so a GET's ETag never matches it."""
    return _hex16(b"write:" + json.dumps(entity, sort_keys=True, default=str).encode())


def weak_etag(version: float) -> str:
    """``W/"<version>"`` with the version as the shortest round-tripping decimal, as
    Java's ``Double.toString`` writes the versions an entity can have (``0.1``, ``2.3``)."""
    return f'W/"{float(version)!r}"'


def if_match_holds(header: str, entity: Mapping[str, Any]) -> bool:
    """The server's If-Match rule (EntityETag.validateETag): ``*``, or any tag of a comma
    list that is the weak validator of the current version or the write-side tag."""
    current = weak_etag(entity["version"])
    write = f'"{write_etag(entity)}"'
    return any(tag.strip() in ("*", current, write) for tag in header.split(","))


def cursor(name: str, entity_id: str) -> str:
    """A list cursor as the server writes one: URL-safe base64 (padded) of the row's
    name and id."""
    raw = json.dumps({"name": name, "id": entity_id}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode()


def uncursor(value: str) -> tuple[str, str]:
    """The (name, id) a cursor points at; anything else is a 400."""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        data = json.loads(raw)
        return str(data["name"]), str(data["id"])
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError, KeyError):
        raise HttpError(400, "Invalid cursor") from None


def included(entity: Mapping[str, Any], include: str) -> bool:
    """Whether ``include`` (non-deleted, deleted or all) lets ``entity`` through."""
    return include == "all" or bool(entity["deleted"]) == (include == "deleted")


@attrs.define(eq=False, repr=False)
class Record:
    """One stored entity: its current state, every version so far (the newest is the
    current state itself), its followers and its family.

    ``key`` is the FQN the kind's index uses; ``seeded_children`` counts children a test
    declared without storing them (they count as present, never listed).
    """

    resource: Resource
    key: str
    entity: Entity
    history: list[Entity]
    parent: Record | None = None
    children: dict[str, Record] = attrs.Factory(dict)
    seeded_children: int = 0
    followers: dict[str, dict[str, Any]] = attrs.Factory(dict)

    @property
    def id(self) -> str:
        return str(self.entity["id"])

    @property
    def order(self) -> tuple[str, str]:
        """Where the record sits in a list: by name, then id (the server's cursor)."""
        return str(self.entity["name"]), self.id

    def __repr__(self) -> str:
        # The entity holds secrets in clear: a repr names the record and nothing more.
        return f"<Record {self.resource.kind} {self.key!r} {self.id}>"

    def child_count(self) -> int:
        """Children of every kind, soft-deleted ones included."""
        return len(self.children) + self.seeded_children

    def new_version(self, entity: Entity) -> None:
        """Make ``entity`` current as a new version."""
        self.entity = entity
        self.history.append(entity)

    def replace_version(self, entity: Entity) -> None:
        """Make ``entity`` current in place of the newest version (a merged session)."""
        self.entity = entity
        self.history[-1] = entity

    def previous(self) -> Entity | None:
        return self.history[-2] if len(self.history) > 1 else None


@attrs.define
class _Table:
    records: dict[str, Record] = attrs.Factory(dict)
    by_key: dict[str, str] = attrs.Factory(dict)  # so finding an FQN is not a scan
    order: list[tuple[str, str]] = attrs.Factory(list)  # (name, id), kept sorted


class Store:
    """Every entity the fake holds, one table per kind, plus the kinds it knows and the
    clock every timestamp comes from."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._tables: dict[str, _Table] = {}
        self.kinds: dict[str, Resource] = {}
        self.clock = clock
        self.users: dict[str, dict[str, Any]] = {}
        """Known users by id, as the references followers show them."""

    def user(self, name: str) -> dict[str, Any]:
        """The reference of the user ``name``, known from now on; the same name always
        has the same id."""
        user_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"openmetadata:user:{name}"))
        found = self.users.get(user_id)
        if found is None:
            found = self.users[user_id] = {
                "id": user_id,
                "type": "user",
                "name": name,
                "fullyQualifiedName": name,
                "deleted": False,
            }
        return found

    def now_ms(self) -> int:
        return int(self.clock() * 1000)

    def stamp(self, entity: Mapping[str, Any]) -> int:
        """An ``updatedAt`` for the next version: now, yet always after the current one."""
        return max(self.now_ms(), int(entity["updatedAt"]) + 1)

    def register(self, resource: Resource) -> None:
        if resource.kind in self.kinds:
            raise ValueError(f"an entity type {resource.kind!r} is already registered")
        self.kinds[resource.kind] = resource
        self._tables[resource.kind] = _Table()

    def get(self, kind: str, entity_id: str) -> Record | None:
        return self._tables[kind].records.get(entity_id)

    def lookup(self, kind: str, key: str) -> Record | None:
        """The record whose index key (FQN) is exactly ``key``."""
        table = self._tables[kind]
        found = table.by_key.get(key)
        return None if found is None else table.records.get(found)

    def find(self, kind: str, key: str) -> Record | None:
        """The record a name or FQN means, by the rules of its kind."""
        return self.kinds[kind].find(self, key)

    def records(self, kind: str) -> Iterable[Record]:
        return self._tables[kind].records.values()

    def ordered(self, kind: str, after: tuple[str, str] | None = None) -> Iterator[Record]:
        """Records by name then id, starting after ``after`` when given."""
        table = self._tables[kind]
        start = 0 if after is None else bisect.bisect_right(table.order, after)
        for _, entity_id in table.order[start:]:
            yield table.records[entity_id]

    def add(self, record: Record) -> None:
        table = self._tables[record.resource.kind]
        table.records[record.id] = record
        table.by_key[record.key] = record.id
        bisect.insort(table.order, record.order)
        if record.parent is not None:
            record.parent.children[record.id] = record

    def rekey(self, record: Record, key: str) -> None:
        """Move ``record`` in its FQN index."""
        by_key = self._tables[record.resource.kind].by_key
        by_key.pop(record.key, None)
        by_key[key] = record.id
        record.key = key

    def remove(self, record: Record) -> None:
        """Forget ``record`` for good; its children must be gone already."""
        table = self._tables[record.resource.kind]
        table.records.pop(record.id, None)
        table.by_key.pop(record.key, None)
        at = bisect.bisect_left(table.order, record.order)
        if at < len(table.order) and table.order[at] == record.order:
            del table.order[at]
        if record.parent is not None:
            record.parent.children.pop(record.id, None)

    def clear(self) -> None:
        """Forget every entity and user; the registered kinds stay."""
        for kind in self._tables:
            self._tables[kind] = _Table()
        self.users.clear()
