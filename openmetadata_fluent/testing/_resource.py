"""The per-entity behaviour interface: what the generic routes ask of an entity type (its
path, names, checks, masks, children), plus the write rules every entity type shares."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

import attrs

from openmetadata_fluent._secrets import mask, unmask
from openmetadata_fluent.errors import Problem
from openmetadata_fluent.testing._http import INVALID_FORMAT, Answer, HttpError, Principal, one
from openmetadata_fluent.testing._store import (
    SERVER_KEYS,
    Entity,
    Record,
    Store,
    bump,
    change_description,
    clone,
    now_ms,
    stamp,
)

__all__ = ["Call", "Handler", "Resource", "Route", "RouteTable", "server_body"]

Handler = Callable[..., Answer]
"""``handler(call, *segments)``: the path segments a route's placeholders matched."""

_NAME_PATTERN = "^((?!::).)*$"
# Problem codes the server reports as a JSON mapping failure rather than a constraint.
_FORMAT_CODES = frozenset({"unknown", "enum", "type", "uuid"})
_NOT_FOUND = "HTTP 404 Not Found"
_NOT_CREATE_KEYS = frozenset({"id", "fullyQualifiedName", "domains", "dataProducts", *SERVER_KEYS})


@attrs.frozen
class Route:
    """One path shape below a collection and its handler per method.

    Each shape segment is a literal, ``*`` (any segment) or ``+`` (a non-empty one); what
    the placeholders match is passed to the handler. ``bulk`` routes are served only while
    the fake's bulk routes are on.
    """

    shape: tuple[str, ...]
    handlers: Mapping[str, Handler]
    bulk: bool = False

    def match(self, rest: Sequence[str]) -> list[str] | None:
        if len(rest) != len(self.shape):
            return None
        found = []
        for want, got in zip(self.shape, rest, strict=True):
            if want == "*" or (want == "+" and got):
                found.append(got)
            elif want != got:
                return None
        return found


class RouteTable:
    """Routes in matching order, grouped by path depth so a request tries only the few
    that could fit."""

    def __init__(self, routes: Sequence[Route]) -> None:
        self._by_depth: dict[int, list[Route]] = {}
        for route in routes:
            self._by_depth.setdefault(len(route.shape), []).append(route)

    def find(self, rest: Sequence[str], *, bulk: bool) -> tuple[Route, list[str]]:
        """The first route whose shape fits the path below the collection, or a 404."""
        for route in self._by_depth.get(len(rest), ()):
            if route.bulk and not bulk:
                continue
            found = route.match(rest)
            if found is not None:
                return route, found
        raise HttpError(404, _NOT_FOUND)


@attrs.define(slots=True)
class Call:
    """One routed request: the resource it is for and all a handler may read."""

    resource: Resource
    store: Store
    who: Principal
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]
    body: bytes
    base_url: str


def _problem_message(problem: Problem) -> str:
    if problem.code == "required":
        return f"{problem.path} must not be null"
    if problem.code == "pattern" and problem.path == "name":
        return f'name must match "{_NAME_PATTERN}"'
    if problem.code == "length" and problem.path == "name":
        return "name size must be between 1 and 256"
    return f"{problem.path} {problem.message}"


def server_body(body: dict[str, Any], problems: Sequence[Problem]) -> dict[str, Any]:
    """A checked create body, or the 400 the server gives for its problems: a mapping
    failure is "Invalid request format", a broken constraint is listed."""
    if any(p.code in _FORMAT_CODES for p in problems):
        raise HttpError(400, INVALID_FORMAT)
    if problems:
        raise HttpError(400, "[" + ", ".join(map(_problem_message, problems)) + "]")
    return body


def _reference(kind: str, name: str) -> dict[str, Any]:
    ref_id = uuid.uuid5(uuid.NAMESPACE_URL, f"openmetadata:{kind}:{name}")
    short = name.rsplit(".", 1)[-1].strip('"')
    return {"id": str(ref_id), "type": kind, "name": short, "fullyQualifiedName": name}


class Resource:
    """One entity type as the fake serves it. A subclass states its facts (``kind``,
    ``collection``, ``check``, ``fqn``) and overrides a hook only where it differs."""

    kind: ClassVar[str]
    """The entity type, as 404 messages and version lists name it."""
    collection: ClassVar[str]
    """The collection path relative to the API base, such as ``/v1/topics``."""
    fields: ClassVar[tuple[str, ...]] = ()
    """What ``?fields=`` may ask for; anything else is a 400."""
    bulk: ClassVar[bool] = False
    """Whether ``PUT <collection>/bulk`` exists."""
    create_keys: ClassVar[tuple[str, ...]] = ()
    """Entity keys a create body carries as they are, to check a patched entity by; when
    empty, every key but the server's."""
    empty_lists: ClassVar[tuple[str, ...]] = ("owners", "tags", "domains")
    """Keys an entity always has, empty when never set."""
    masked: frozenset[str] = frozenset()
    on_request: ClassVar[tuple[str, ...]] = ()
    """Entity keys a read shows only when ``fields`` names them (a topic's followers)."""
    """Keys whose string values non-bot readers see as the mask."""

    # -- facts a resource must state ---------------------------------------------------

    def check(self, body: Any) -> dict[str, Any]:
        """A create body as the server accepts it, or the ``HttpError`` it answers."""
        raise NotImplementedError

    def fqn(self, data: Mapping[str, Any], parent: Record | None) -> str:
        """The fully qualified name of the entity ``data`` (a body or entity) describes."""
        raise NotImplementedError

    # -- hooks with a default ------------------------------------------------------------

    def key(self, data: Mapping[str, Any], parent: Record | None) -> str:
        """What the name index and list order use: the FQN unless a kind says otherwise."""
        return self.fqn(data, parent)

    def find(self, store: Store, key: str) -> Record | None:
        """The record a name path segment (or a create body's key) means."""
        return store.lookup(self.kind, key)

    def parent_of(self, store: Store, body: Mapping[str, Any]) -> Record | None:
        """The record a create body's entity belongs under (a topic's service), if any."""
        return None

    def routes(self) -> tuple[Route, ...]:
        """Routes of this kind only (votes, sample data); tried before the shared ones."""
        return ()

    def row_filter(
        self, store: Store, query: Mapping[str, list[str]]
    ) -> Callable[[Entity], bool] | None:
        """Which entities a list keeps; by default the ``domain`` filter."""
        domain = one(query, "domain")
        if not domain:
            return None
        return lambda e: any(d.get("fullyQualifiedName") == domain for d in e.get("domains", []))

    def child_count(self, record: Record) -> int:
        """How many children ``record`` has, soft-deleted ones included."""
        return record.child_count()

    def content(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """Entity fields that a create body sets, with references resolved."""
        out: dict[str, Any] = {}
        for key, value in body.items():
            if key == "domains":
                out[key] = [_reference("domain", d) for d in value]
            elif key == "dataProducts":
                out[key] = [_reference("dataProduct", d) for d in value]
            else:
                out[key] = value
        return out

    def as_create_body(self, entity: Mapping[str, Any]) -> dict[str, Any]:
        """The create body that would produce ``entity`` (to check a patched entity)."""
        keys = self.create_keys or [k for k in entity if k not in _NOT_CREATE_KEYS]
        body = {k: entity[k] for k in keys if entity.get(k) is not None}
        for key in ("domains", "dataProducts"):
            refs = entity.get(key)
            if refs:
                body[key] = [
                    r.get("fullyQualifiedName") if isinstance(r, Mapping) else r for r in refs
                ]
        return body

    def shown(self, data: Any, bot: bool) -> Any:
        """A copy of JSON data as a reader sees it: bots in clear, others masked."""
        return clone(data) if bot else mask(data, self.masked)

    # -- writes ----------------------------------------------------------------------------

    def existing(
        self, store: Store, body: Mapping[str, Any]
    ) -> tuple[Record | None, Record | None]:
        """A checked body's parent and the record already holding its name, if any."""
        parent = self.parent_of(store, body)
        return parent, self.find(store, self.key(body, parent))

    def create(
        self, store: Store, body: Mapping[str, Any], user: str, base_url: str, parent: Record | None
    ) -> Record:
        entity_id = str(uuid.uuid4())
        entity: Entity = {
            "id": entity_id,
            "name": body["name"],
            "fullyQualifiedName": self.fqn(body, parent),
            **self.content({k: v for k, v in body.items() if k != "name"}),
            "version": 0.1,
            "updatedAt": now_ms(),
            "updatedBy": user,
            "href": f"{base_url}{self.collection}/{entity_id}",
            "deleted": False,
        }
        for key in self.empty_lists:
            entity.setdefault(key, [])
        record = Record(self, self.key(body, parent), entity, [clone(entity)], parent)
        store.add(record)
        return record

    def update(
        self,
        store: Store,
        record: Record,
        desired: Mapping[str, Any],
        user: str,
        *,
        replace: bool,
        restore: bool = False,
    ) -> str:
        """Make ``record`` look like ``desired``; returns the change header value."""
        old = record.entity
        new = {k: v for k, v in old.items() if not replace or k in SERVER_KEYS or k == "id"}
        new.update(self.content({k: v for k, v in desired.items() if k not in SERVER_KEYS}))
        new["fullyQualifiedName"] = self.fqn(new, record.parent)
        for key in self.empty_lists:
            new.setdefault(key, [])
        new = unmask(new, old, self.masked)
        changed = sorted(
            k for k in set(old) | set(new) if k not in SERVER_KEYS and old.get(k) != new.get(k)
        )
        if restore:
            new["deleted"] = False
        if not changed and not restore:
            return "entityNoChange"
        new["version"] = bump(old["version"])
        new["updatedAt"] = stamp(old)
        new["updatedBy"] = user
        new["changeDescription"] = change_description(
            old, new, changed, lambda value: mask(value, self.masked)
        )
        key = self.key(new, record.parent)
        if key != record.key:
            store.rekey(record, key)
        record.new_version(new)
        return "entityRestored" if restore else "entityUpdated"

    def upsert(
        self, store: Store, body: Mapping[str, Any], user: str, base_url: str
    ) -> tuple[int, str, Record]:
        """Create or update by name: the status, the change header value and the record."""
        parent, found = self.existing(store, body)
        if found is None:
            return 201, "entityCreated", self.create(store, body, user, base_url, parent)
        change = self.update(
            store, found, body, user, replace=False, restore=found.entity["deleted"]
        )
        return 200, change, found

    def delete(
        self, store: Store, record: Record, user: str, *, hard: bool, recursive: bool
    ) -> str:
        """Soft or hard delete, children first; a parent with children needs ``recursive``."""
        if self.child_count(record) and not recursive:
            raise HttpError(400, f"{self.kind} is not empty")
        for child in list(record.children.values()):
            if hard or not child.entity["deleted"]:
                child.resource.delete(store, child, user, hard=hard, recursive=True)
        if hard:
            store.remove(record)
            return "entityDeleted"
        old = record.entity
        record.new_version(
            {
                **old,
                "deleted": True,
                "version": bump(old["version"]),
                "updatedAt": stamp(old),
                "updatedBy": user,
            }
        )
        return "entitySoftDeleted"

    def restore(self, store: Store, record: Record, user: str) -> str:
        """Undo a soft delete, the soft-deleted children's too."""
        if not record.entity["deleted"]:
            return "entityNoChange"
        change = self.update(store, record, {}, user, replace=False, restore=True)
        for child in list(record.children.values()):
            if child.entity["deleted"]:
                child.resource.restore(store, child, user)
        return change
