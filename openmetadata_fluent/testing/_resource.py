"""The per-entity behaviour interface: what the generic routes ask of an entity type (its
path, names, checks, masks, children), plus the write rules every entity type shares:
PUT and PATCH field rules, versions and session merging, deletes and restores."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

import attrs

from openmetadata_fluent.testing._http import (
    INVALID_FORMAT,
    Answer,
    HttpError,
    Principal,
    forbid,
    one,
)
from openmetadata_fluent.testing._mapping import Mapper, MappingFailure
from openmetadata_fluent.testing._store import SERVER_KEYS, Entity, Record, Store, bump

__all__ = [
    "NAME_PATTERN",
    "NOT_FOUND",
    "SESSION_MS",
    "Call",
    "Handler",
    "Resource",
    "Route",
    "RouteTable",
    "bean_error",
    "name_violations",
    "read_body",
    "reference",
]

Handler = Callable[..., Answer]
"""``handler(call, *segments)``: the path segments a route's placeholders matched."""

NAME_PATTERN = "^((?!::).)*$"
NOT_FOUND = "HTTP 404 Not Found"
SESSION_MS = 10 * 60 * 1000
"""PATCHes by one user within this many milliseconds merge into one version
(SessionConsolidationPolicy; the server's default session timeout)."""
# Java's "." stops at these, so a name holding one fails the entityName pattern.
_JAVA_LINE_BREAKS = frozenset("\n\r\u0085\u2028\u2029")
_ENTITY_NAME_MAX = 256


@attrs.frozen
class Route:
    """One path shape below a collection and its handler per method.

    Each shape segment is a literal, ``*`` (any segment) or ``+`` (a non-empty one); what
    the placeholders match is passed to the handler. ``bulk`` routes are served only
    where the kind has one, or the fake turned bulk routes on.
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
        raise HttpError(404, NOT_FOUND)


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


def bean_error(violations: Sequence[str]) -> HttpError:
    """The server's bean-validation 400: a bracketed list, each item prefixed "query
    param " even for body fields (API_FACTS "Error answers")."""
    return HttpError(400, "[" + ", ".join(f"query param {v}" for v in violations) + "]")


def read_body(
    mapper: Mapper,
    value: Any,
    cls: type,
    rules: Callable[[dict[str, Any]], list[str]] | None = None,
) -> dict[str, Any]:
    """A request body read onto model ``cls`` as the server reads it: what Jackson cannot
    map is "Invalid request format", what bean validation (and ``rules``) finds is the
    bracketed list."""
    try:
        body, violations = mapper.read(value, cls)
    except MappingFailure:
        raise HttpError(400, INVALID_FORMAT) from None
    if rules is not None:
        violations += rules(body)
    if violations:
        raise bean_error(violations)
    return body


def name_violations(name: Any, where: str = "name") -> list[str]:
    """The entityName constraints: 1 to 256 UTF-16 units (Java's length) and no ``::``
    (a Java regex, whose "." does not match line breaks)."""
    if not isinstance(name, str):
        return []
    found = []
    if not 1 <= len(name.encode("utf-16-le")) // 2 <= _ENTITY_NAME_MAX:
        found.append(f"{where} size must be between 1 and {_ENTITY_NAME_MAX}")
    if "::" in name or not _JAVA_LINE_BREAKS.isdisjoint(name):
        found.append(f'{where} must match "{NAME_PATTERN}"')
    return found


def reference(kind: str, fqn: str) -> dict[str, Any]:
    """An EntityReference to an entity the fake only knows by FQN (a domain, a data
    product): its id is derived from the FQN, so the same FQN is the same entity."""
    ref_id = uuid.uuid5(uuid.NAMESPACE_URL, f"openmetadata:{kind}:{fqn}")
    short = fqn.rsplit(".", 1)[-1].strip('"')
    return {"id": str(ref_id), "type": kind, "name": short, "fullyQualifiedName": fqn}


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)


def _identity(item: Any) -> str:
    if isinstance(item, Mapping):
        for key in ("tagFQN", "id", "fullyQualifiedName"):
            if isinstance(item.get(key), str):
                return str(item[key])
    return _canonical(item)


def _same(a: Any, b: Any) -> bool:
    """Equal as the server compares: lists of objects as sets of their items."""
    if isinstance(a, list) and isinstance(b, list):
        return sorted(map(_canonical, a)) == sorted(map(_canonical, b))
    return bool(a == b)


def _json_value(value: Any) -> Any:
    """A change-description value: lists and objects as JSON text, as the server
    records them."""
    return _canonical(value) if isinstance(value, (list, dict)) else value


class Resource:
    """One entity type as the fake serves it. A subclass states its facts (``kind``,
    ``collection``, ``check``, ``fqn``) and overrides a hook only where it differs."""

    kind: ClassVar[str]
    """The entity type, as 404 messages and version lists name it."""
    collection: ClassVar[str]
    """The collection path relative to the API base, such as ``/v1/topics``."""
    fields: ClassVar[tuple[str, ...]] = ()
    """What ``?fields=`` may ask for besides ``*``; anything else is a 400."""
    relation_fields: ClassVar[frozenset[str]] = frozenset(
        {"owners", "tags", "domains", "followers", "dataProducts", "pipelines"}
    )
    """Fields shown as lists once asked for (``[]`` when empty)."""
    bulk: ClassVar[bool] = False
    """Whether ``PUT <collection>/bulk`` exists for this kind on current servers."""
    create_keys: ClassVar[tuple[str, ...]] = ()
    """Entity keys a create body carries as they are, to check a patched entity by; when
    empty, every key but the server's."""
    empty_lists: ClassVar[tuple[str, ...]] = ("owners", "tags", "domains")
    """Keys an entity always has, empty when never set."""
    put_replaced: ClassVar[tuple[str, ...]] = ("description", "displayName")
    """Keys a PUT of an existing entity removes when it leaves them out."""
    put_kept_when_empty: ClassVar[tuple[str, ...]] = ("owners", "domains")
    """Keys a PUT leaves alone when it sends them empty or not at all (only PATCH clears)."""
    put_merged: ClassVar[tuple[str, ...]] = ("tags",)
    """Keys whose items a PUT adds to the stored ones (a PUT never removes a tag)."""
    on_request: ClassVar[tuple[str, ...]] = ()
    """Entity keys a read shows only when ``fields`` names them (a topic's votes)."""

    # -- facts a resource must state ---------------------------------------------------

    def check(self, body: Any) -> dict[str, Any]:
        """A create body as the server accepts it, or the ``HttpError`` it answers."""
        raise NotImplementedError

    def fqn(self, data: Mapping[str, Any], parent: Record | None) -> str:
        """The fully qualified name of the entity ``data`` (a body or entity) describes."""
        raise NotImplementedError

    # -- hooks with a default ------------------------------------------------------------

    def lookup_name(self, key: str) -> str:
        """The FQN a ``/name/{fqn}`` segment means (services quote it first)."""
        return key

    def find(self, store: Store, key: str) -> Record | None:
        """The record a name path segment (or a create body's FQN) means."""
        return store.lookup(self.kind, self.lookup_name(key))

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
                out[key] = [reference("domain", d) for d in value]
            elif key == "dataProducts":
                out[key] = [reference("dataProduct", d) for d in value]
            else:
                out[key] = value
        return out

    def as_create_body(self, entity: Mapping[str, Any]) -> dict[str, Any]:
        """The create body that would produce ``entity`` (to check a patched entity)."""
        keys = self.create_keys or [k for k in entity if k not in SERVER_KEYS]
        body = {k: entity[k] for k in keys if entity.get(k) is not None}
        for key in ("domains", "dataProducts"):
            refs = entity.get(key)
            if refs:
                body[key] = [
                    r.get("fullyQualifiedName") if isinstance(r, Mapping) else r for r in refs
                ]
        return body

    def shown(self, data: Any, bot: bool) -> Any:
        """JSON data as a reader sees it (``bot``: with secrets in clear). Never changes
        ``data``; what it returns may share parts of it."""
        return data

    def prepare(
        self, store: Store, record: Record | None, body: dict[str, Any], how: str
    ) -> dict[str, Any]:
        """A checked body made ready to store, for a POST, a PUT (``record`` the one it
        updates, if any) or a PATCH: where a kind unmasks and converts its secrets."""
        return body

    def change_entry(self, key: str, old: Any, new: Any) -> list[tuple[str, dict[str, Any]]]:
        """How a change to ``key`` shows in a change description: (list, entry) pairs for
        ``fieldsAdded``, ``fieldsUpdated`` or ``fieldsDeleted``."""
        if isinstance(old, list) or isinstance(new, list):
            before, after = old or [], new or []
            in_before = {_identity(i) for i in before}
            in_after = {_identity(i) for i in after}
            added = [i for i in after if _identity(i) not in in_before]
            deleted = [i for i in before if _identity(i) not in in_after]
            out = []
            if added:
                out.append(("fieldsAdded", {"name": key, "newValue": _json_value(added)}))
            if deleted:
                out.append(("fieldsDeleted", {"name": key, "oldValue": _json_value(deleted)}))
            if out:
                return out
        if old is None:
            return [("fieldsAdded", {"name": key, "newValue": _json_value(new)})]
        if new is None:
            return [("fieldsDeleted", {"name": key, "oldValue": _json_value(old)})]
        entry = {"name": key, "oldValue": _json_value(old), "newValue": _json_value(new)}
        return [("fieldsUpdated", entry)]

    # -- reading -----------------------------------------------------------------------

    def existing(
        self, store: Store, body: Mapping[str, Any]
    ) -> tuple[Record | None, Record | None]:
        """A checked body's parent and the record already holding its name, if any."""
        parent = self.parent_of(store, body)
        return parent, store.lookup(self.kind, self.fqn(body, parent))

    @staticmethod
    def stored_content(entity: Mapping[str, Any]) -> dict[str, Any]:
        """The part of an entity its writers set (everything but the server's keys)."""
        return {k: v for k, v in entity.items() if k not in SERVER_KEYS}

    def _editable(self, content: Mapping[str, Any]) -> set[str]:
        return set(self.create_keys) if self.create_keys else set(content)

    # -- writes ----------------------------------------------------------------------------

    def create(
        self, store: Store, body: Mapping[str, Any], user: str, base_url: str, parent: Record | None
    ) -> Record:
        entity_id = str(uuid.uuid4())
        fqn = self.fqn(body, parent)
        entity: Entity = {
            "id": entity_id,
            "name": body["name"],
            "fullyQualifiedName": fqn,
            **self.content({k: v for k, v in body.items() if k != "name"}),
            "version": 0.1,
            "updatedAt": store.now_ms(),
            "updatedBy": user,
            "href": f"{base_url}{self.collection}/{entity_id}",
            "deleted": False,
        }
        for key in self.empty_lists:
            entity.setdefault(key, [])
        record = Record(self, fqn, entity, [entity], parent)
        store.add(record)
        return record

    def put_content(self, old: Mapping[str, Any], body: Mapping[str, Any], bot: bool) -> Entity:
        """What a PUT makes of an existing entity (EntityValueUpdates, API_FACTS "Write
        semantics"): some keys replaced or removed, tags merged, owners and domains kept
        unless sent non-empty; keys it does not name keep their stored value (unproven
        for the rest, which the fake has always kept)."""
        new = self.stored_content(old)
        given = self.content(body)
        for key, value in given.items():
            if key in self.put_kept_when_empty and not value:
                continue
            if key in self.put_merged:
                sent = {_identity(i) for i in value}
                value = [*value, *(i for i in new.get(key) or [] if _identity(i) not in sent)]
            new[key] = value
        for key in self.put_replaced:
            if key in given:
                continue
            if key == "description" and bot and old.get(key):
                continue  # a bot's PUT never blanks a stored description
            new.pop(key, None)
        for key in self.empty_lists:
            new.setdefault(key, [])
        return new

    def patch_content(self, old: Mapping[str, Any], body: Mapping[str, Any]) -> Entity:
        """What a PATCH makes of an entity: the patched fields as they are, the name kept
        (a PATCH never renames services or topics: API_FACTS "Write semantics")."""
        stored = self.stored_content(old)
        editable = self._editable(stored)
        new = {k: v for k, v in stored.items() if k not in editable}
        new.update(self.content(body))
        new["name"] = old["name"]
        for key in self.empty_lists:
            new.setdefault(key, [])
        return new

    def update(
        self,
        store: Store,
        record: Record,
        content: Mapping[str, Any],
        user: str,
        *,
        patch: bool = False,
        optimistic: bool = False,
        deleted: bool | None = None,
    ) -> str:
        """Make ``record`` hold ``content``; returns the change header value.

        No change: nothing moves, not even updatedAt. A change: +0.1, unless it is a PATCH
        without If-Match by the same user within the session (SessionConsolidationPolicy),
        which is merged into the current version instead.
        """
        old = record.entity
        gone = bool(old["deleted"]) if deleted is None else deleted
        before = self.stored_content(old)
        changed = self._changed(before, content)
        if gone != bool(old["deleted"]):
            changed.append("deleted")
        if not changed:
            return "entityNoChange"
        now = store.stamp(old)
        entity: Entity = {
            **content,
            "id": old["id"],
            "fullyQualifiedName": old["fullyQualifiedName"],
            "version": bump(float(old["version"])),
            "updatedAt": now,
            "updatedBy": user,
            "href": old["href"],
            "deleted": gone,
        }
        incremental = self._describe(old, entity, changed, old["version"])
        entity["incrementalChangeDescription"] = incremental
        previous = record.previous()
        if patch and not optimistic and previous is not None and self._in_session(old, user, now):
            entity["version"] = old["version"]
            whole = self._changed(self.stored_content(previous), content)
            if bool(previous["deleted"]) != gone:
                whole.append("deleted")
            if whole:
                entity["changeDescription"] = self._describe(
                    previous, entity, whole, previous["version"]
                )
                record.replace_version(entity)
            else:
                # The session's changes are undone: the entity is its previous version
                # again (EntityUpdateWorkflow.consolidate; read, not run).
                entity["version"] = previous["version"]
                if previous.get("changeDescription") is not None:
                    entity["changeDescription"] = previous["changeDescription"]
                record.history.pop()
                record.replace_version(entity)
        else:
            entity["changeDescription"] = incremental
            record.new_version(entity)
        return "entityUpdated"

    @staticmethod
    def _in_session(old: Mapping[str, Any], user: str, now: int) -> bool:
        change = old.get("changeDescription")
        return (
            isinstance(change, Mapping)
            and change.get("previousVersion") is not None
            and float(old["version"]) > 0.1
            and not old["deleted"]
            and old["updatedBy"] == user
            and now - int(old["updatedAt"]) <= SESSION_MS
        )

    @staticmethod
    def _changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
        return sorted(k for k in set(old) | set(new) if not _same(old.get(k), new.get(k)))

    def _describe(
        self, old: Mapping[str, Any], new: Mapping[str, Any], changed: list[str], previous: Any
    ) -> dict[str, Any]:
        out: dict[str, Any] = {"fieldsAdded": [], "fieldsUpdated": [], "fieldsDeleted": []}
        for key in changed:
            for where, entry in self.change_entry(key, old.get(key), new.get(key)):
                out[where].append(entry)
        out["previousVersion"] = previous
        return out

    def upsert(
        self, store: Store, body: dict[str, Any], who: Principal, base_url: str
    ) -> tuple[int, str, Record]:
        """PUT: create or update by name; the status, the change header value and the
        record. A soft-deleted entity comes back as an update (never "restored"), +0.1;
        whether the server's revival also restores soft-deleted children is not proven,
        so the fake leaves them as they are."""
        parent, found = self.existing(store, body)
        # EntityResource.createOrUpdate: prepareInternal (the config's conversion) runs
        # before authorization, which is Create for a new name and EditAll for an existing
        # one (EntityUtil.createOrUpdateOperation).
        body = self.prepare(store, found, body, "put")
        forbid(who, "Create" if found is None else "EditAll")
        if found is None:
            return 201, "entityCreated", self.create(store, body, who.name, base_url, parent)
        content = self.put_content(found.entity, body, who.bot)
        change = self.update(store, found, content, who.name, deleted=False)
        return 200, change, found

    def delete(
        self, store: Store, record: Record, user: str, *, hard: bool, recursive: bool
    ) -> str:
        """Soft or hard delete, children first; a parent with children (soft-deleted ones
        count too) needs ``recursive``. A second soft delete changes nothing."""
        if self.child_count(record) and not recursive:
            raise HttpError(400, f"{self.kind} is not empty")
        for child in list(record.children.values()):
            child.resource.delete(store, child, user, hard=hard, recursive=True)
        if hard:
            store.remove(record)
            return "entityDeleted"
        self.update(store, record, self.stored_content(record.entity), user, deleted=True)
        return "entitySoftDeleted"

    def restore(self, store: Store, record: Record, user: str) -> str:
        """Undo a soft delete: the children first (each restores its own soft-deleted
        children; a live one is left as it is), then the entity itself, +0.1. Answers
        ``entityNoChange`` for an entity that was not deleted."""
        for child in list(record.children.values()):
            child.resource.restore(store, child, user)
        if not record.entity["deleted"]:
            return "entityNoChange"
        self.update(store, record, self.stored_content(record.entity), user, deleted=False)
        return "entityRestored"
