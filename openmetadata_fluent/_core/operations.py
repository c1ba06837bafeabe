"""Every call an entity type has, written once: ``EntityOperations`` over an ``EntitySpec``.

Each call is one short method; all of them send through ``_request``, the one place a
request leaves the core. A resource subclasses this with its spec and adds only what is
its own (builders, extra calls).
"""

from __future__ import annotations

import builtins
import json
import uuid
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from openmetadata_fluent._core import paths
from openmetadata_fluent._core.bulk import (
    NO_BULK_ROUTE,
    bulk_result,
    check_items,
    failure,
    match_bulk_result,
    send_each,
)
from openmetadata_fluent._core.compare import same_as_sent
from openmetadata_fluent._core.fluent import (
    DeleteRequest,
    Finder,
    FluentEntity,
    changes,
    strict_flag,
    weak_etag,
)
from openmetadata_fluent._core.pages import (
    EntityHistory,
    EntityList,
    Page,
    parse_page,
    parse_versions,
)
from openmetadata_fluent._core.query import FieldsArg, Include, list_query, read_query
from openmetadata_fluent._core.spec import EntitySpec
from openmetadata_fluent.client import set_default_client
from openmetadata_fluent.errors import (
    APIError,
    EntityAlreadyExistsError,
    OpenMetadataError,
    PreconditionFailedError,
    Problem,
    ValidationError,
)
from openmetadata_fluent.models.common import ChangeType
from openmetadata_fluent.models.messaging import BulkFailure, BulkResult, BulkSuccess
from openmetadata_fluent.models.results import ChangeEvent, DeleteJob
from openmetadata_fluent.patch import JSON_PATCH, Operation, check_operations
from openmetadata_fluent.serialization import dumps, structure, unstructure
from openmetadata_fluent.validation import emit_warnings

if TYPE_CHECKING:
    from openmetadata_fluent.client import OpenMetadataClient
    from openmetadata_fluent.transport import Response

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DEFAULT_MAX_WORKERS",
    "DefaultClientFacade",
    "EntityOperations",
]

E = TypeVar("E")
R = TypeVar("R")

DEFAULT_CHUNK_SIZE = 100
DEFAULT_MAX_WORKERS = 4

# Collections a client's server has answered "no such route" for on PUT .../bulk; kept per
# client (not per facade), so pointing the default client elsewhere probes again.
_NO_BULK: weakref.WeakKeyDictionary[Any, set[str]] = weakref.WeakKeyDictionary()


class WrongTypeError(ValidationError, TypeError):
    """A call was given an object of the wrong kind (a ``ValidationError`` that is also a
    ``TypeError``)."""


def _wrong_type(subject: str, expected: str, value: object) -> WrongTypeError:
    message = f"expected {expected}, not {type(value).__name__}"
    return WrongTypeError([Problem("", message, "type")], subject=subject)


class EntityOperations(Generic[E, R]):
    """Every call of one entity type, bound to a client (or, with none, to whatever the
    default client is when a call runs)."""

    fluent_class: type[FluentEntity[Any]] = FluentEntity

    def __init__(
        self,
        spec: EntitySpec[E, R],
        client: OpenMetadataClient | None = None,
        default: Callable[[], OpenMetadataClient] | None = None,
    ) -> None:
        self.spec = spec
        self._client = client
        self._default = default

    @property
    def client(self) -> OpenMetadataClient:
        """The client these calls use: the bound one, or the default client at call time."""
        if self._client is not None:
            return self._client
        if self._default is None:
            raise OpenMetadataError(f"these {self.spec.subject} calls are bound to no client")
        return self._default()

    # -- the one way out ----------------------------------------------------------------

    def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Any = None,
        content_type: str = "application/json",
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """Send one call; ``body`` is JSON data (or bytes already encoded)."""
        data = body if body is None or isinstance(body, bytes) else dumps(body)
        return self.client.transport.request(
            method, path, params=params, body=data, content_type=content_type, headers=headers
        )

    # -- reading answers ----------------------------------------------------------------

    def _read(self, data: Any, where: str = "") -> E:
        """An entity from wire JSON; a malformed one is an ``OpenMetadataError``."""
        if not isinstance(data, Mapping):
            raise OpenMetadataError(
                f"expected a {self.spec.subject}{' at ' + where if where else ''}, "
                f"the server sent {data!r:.200}"
            )
        try:
            return structure(data, self.spec.entity_class)
        except ValueError as exc:
            raise OpenMetadataError(
                f"the server's {self.spec.subject}{' at ' + where if where else ''} "
                f"could not be read: {exc}"
            ) from None

    def _entity(self, resp: Response, change: ChangeType | None = None) -> E:
        """The entity in an answer, with what the write did as ``change_type``."""
        entity = self._read(resp.body)
        header = resp.headers.get("X-OpenMetadata-Change")
        if header:
            change = ChangeType.parse(header)
        if change is not None:
            object.__setattr__(entity, "change_type", change)
        return entity

    def _fluent(self, entity: E, etag: str | None) -> FluentEntity[E]:
        return self.fluent_class(self, entity, etag)

    # -- create and upsert --------------------------------------------------------------

    def _checked_body(self, item: Any, *, allow_dict: bool = False) -> dict[str, Any]:
        """The body to send for a builder or a request model (or, in bulk calls, a
        wire-shaped dict)."""
        check = getattr(item, "_check", None)
        if check is not None and callable(check):
            body: dict[str, Any] = check()
            return body
        if isinstance(item, self.spec.request_class):
            cached = getattr(item, "_checked_body", None)
            if cached is not None:
                return dict(cached)
            raw = unstructure(item)
        elif allow_dict and isinstance(item, Mapping):
            raw = dict(item)
        else:
            expected = f"a {self.spec.request_class.__name__} or a builder"
            if allow_dict:
                expected += " or a dict"
            raise _wrong_type(self.spec.subject, expected, item)
        checked = self.spec.check(raw)
        emit_warnings(checked)
        if checked.problems:
            raise ValidationError(checked.problems, subject=self.spec.subject)
        return checked.body

    def create(self, request: Any) -> E:
        """POST a new entity; an existing name raises ``EntityAlreadyExistsError`` (409)."""
        return self._send_create(self._checked_body(request))

    def upsert(self, request: Any) -> E:
        """PUT: create the entity or update the one with the same name; the result's
        ``change_type`` says which."""
        return self._send_upsert(self._checked_body(request))

    create_or_update = upsert

    def _send_create(self, body: dict[str, Any]) -> E:
        try:
            resp = self._request("POST", self.spec.collection, body=body)
        except EntityAlreadyExistsError as exc:
            if exc.attempts < 2:
                raise
            return self._created_by_an_earlier_try(body, exc)
        return self._entity(resp, ChangeType.CREATED)

    def _created_by_an_earlier_try(
        self, body: Mapping[str, Any], conflict: EntityAlreadyExistsError
    ) -> E:
        """A POST sent again (its first answer was ambiguous) met 409: the first try may
        have stored it. Read the entity back; it is ours, created, only if it is exactly
        what was sent; anything else keeps the 409."""
        try:
            resp = self._request("GET", self._by_name_as_is(self.spec.request_fqn(body)))
        except OpenMetadataError:
            raise conflict from None
        if not isinstance(resp.body, Mapping) or not same_as_sent(body, resp.body):
            raise conflict
        return self._entity(resp, ChangeType.CREATED)

    def _send_upsert(self, body: dict[str, Any]) -> E:
        resp = self._request("PUT", self.spec.collection, body=body)
        return self._entity(resp, ChangeType.CREATED if resp.status == 201 else None)

    # -- bulk and batch -----------------------------------------------------------------

    def _request_items(self, items: Iterable[Any]) -> tuple[list[dict[str, Any]], list[Any]]:
        """Every item checked (all problems at once), as bodies and as request models; a
        request model given as an item is reported as itself."""
        given = list(items)
        bodies = check_items(
            given,
            lambda item: self._checked_body(item, allow_dict=True),
            f"bulk {self.spec.subject} request",
        )
        models = [
            item if isinstance(item, self.spec.request_class)
            else structure(body, self.spec.request_class)
            for item, body in zip(given, bodies, strict=True)
        ]
        return bodies, models

    def _no_bulk(self) -> set[str]:
        client = self.client
        known = _NO_BULK.get(client)
        if known is None:
            known = _NO_BULK.setdefault(client, set())
        return known

    def bulk_upsert(
        self,
        items: Iterable[Any],
        *,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        max_workers: int = DEFAULT_MAX_WORKERS,
    ) -> BulkResult:
        """Create or update many entities; every item lands in ``succeeded`` or ``failed``.

        Sends ``PUT {collection}/bulk`` in chunks of ``chunk_size``: the first alone, then
        the rest ``max_workers`` at a time when no two items name the same entity (else in
        order, so the last one given wins as it would one by one). A server without that
        route (404/405) gets one PUT per item instead, ``max_workers`` at a time. Every item
        is checked before anything is sent.
        """
        if chunk_size < 1 or max_workers < 1:
            raise ValidationError(
                [Problem("chunk_size", "chunk_size and max_workers must be at least 1", "range")],
                subject="bulk call",
            )
        bodies, models = self._request_items(items)
        chunks = [slice(s, s + chunk_size) for s in range(0, len(bodies), chunk_size)]
        no_bulk = self._no_bulk()
        if not (self.spec.has_bulk_route and self.spec.collection not in no_bulk) or not chunks:
            return bulk_result(*self._each("PUT", bodies, models, max_workers))

        def send(chunk: slice) -> tuple[list[BulkSuccess], list[BulkFailure]] | None:
            """The chunk's outcomes, or None when the server has no bulk route."""
            try:
                resp = self._request("PUT", f"{self.spec.collection}/bulk", body=bodies[chunk])
            except APIError as exc:
                if exc.status in NO_BULK_ROUTE:
                    no_bulk.add(self.spec.collection)
                    return None
                return [], [failure(m, exc) for m in models[chunk]]
            except OpenMetadataError as exc:
                return [], [failure(m, exc) for m in models[chunk]]
            names = [b.get("name", "") for b in bodies[chunk]]
            return match_bulk_result(resp.body, models[chunk], names)

        first = send(chunks[0])
        if first is None:
            return bulk_result(*self._each("PUT", bodies, models, max_workers))
        outcomes: list[tuple[list[BulkSuccess], list[BulkFailure]] | None] = [first]
        rest = chunks[1:]
        distinct = len({self.spec.request_fqn(b) for b in bodies}) == len(bodies)
        if max_workers > 1 and len(rest) > 1 and distinct:
            with ThreadPoolExecutor(max_workers=min(max_workers, len(rest))) as pool:
                outcomes.extend(pool.map(send, rest))
        else:
            outcomes.extend(send(c) for c in rest)
        succeeded: list[BulkSuccess] = []
        failed: list[BulkFailure] = []
        unsent: list[int] = []  # items of chunks the server answered "no bulk route"
        for chunk, outcome in zip(chunks, outcomes, strict=True):
            if outcome is None:
                unsent.extend(range(len(bodies))[chunk])
            else:
                succeeded.extend(outcome[0])
                failed.extend(outcome[1])
        if unsent:
            ok, bad = self._each(
                "PUT", [bodies[i] for i in unsent], [models[i] for i in unsent], max_workers
            )
            succeeded.extend(ok)
            failed.extend(bad)
        return bulk_result(succeeded, failed)

    def create_batch(self, *items: Any, max_workers: int = 1) -> BulkResult:
        """POST each item as a new entity, carrying on past failures.

        Items may be given one by one or as one list; every item lands in ``succeeded``
        or ``failed``, in input order. ``max_workers`` above 1 sends that many at a time.
        """
        if max_workers < 1:
            raise ValidationError(
                [Problem("max_workers", "must be at least 1", "range")], subject="batch call"
            )
        flat: builtins.list[Any] = []
        for item in items:
            single = isinstance(item, (self.spec.request_class, Mapping)) or hasattr(
                item, "_check"
            )
            if single:
                flat.append(item)
            else:
                flat.extend(item)
        bodies, models = self._request_items(flat)
        ok, bad = self._each("POST", bodies, models, max_workers) if bodies else ([], [])
        return bulk_result(ok, bad)

    def _each(
        self,
        method: str,
        bodies: Sequence[dict[str, Any]],
        models: Sequence[Any],
        max_workers: int,
    ) -> tuple[builtins.list[BulkSuccess], builtins.list[BulkFailure]]:
        change = ChangeType.CREATED if method == "POST" else None

        def send(index: int) -> BulkSuccess:
            resp = self._request(method, self.spec.collection, body=bodies[index])
            entity = self._entity(resp, change)
            return BulkSuccess(item=models[index], status=resp.status, service=entity)  # type: ignore[arg-type]

        return send_each(send, models, max_workers)

    # -- reading ------------------------------------------------------------------------

    def retrieve(
        self, id: uuid.UUID | str, fields: FieldsArg = None, include: Include | str | None = None
    ) -> E:
        """GET one entity by id; a missing one raises ``NotFoundError``."""
        params = read_query(fields, include, self.spec)
        return self._read(self._request("GET", self._by_id(id), params=params).body)

    def retrieve_by_name(
        self, fqn: str, fields: FieldsArg = None, include: Include | str | None = None
    ) -> E:
        """GET one entity by its name or FQN (quoted as the server needs)."""
        params = read_query(fields, include, self.spec)
        return self._read(self._request("GET", self._by_name(fqn), params=params).body)

    get = retrieve
    get_by_name = retrieve_by_name

    def _list(
        self,
        limit: int | None,
        fields: FieldsArg,
        include: Include | str | None,
        filters: Mapping[str, str | None],
        after: str | None,
        before: str | None,
    ) -> EntityList[E]:
        params = list_query(limit, fields, include, self.spec, filters)
        return EntityList(self, params, after, before)

    def _list_page(self, params: Mapping[str, str]) -> Page[E]:
        resp = self._request("GET", self.spec.collection, params=params)
        return parse_page(resp.body, self._read)

    def find(self, id: uuid.UUID | str) -> Finder[E]:
        """A finder: ``.fields(...)``, ``.include(...)``, then ``.fetch()`` to edit it."""
        return Finder(self, self._by_id(id))

    def find_by_name(self, fqn: str) -> Finder[E]:
        """A finder by name or FQN, like ``find`` by id."""
        return Finder(self, self._by_name(fqn))

    def fluent(self, entity: E) -> FluentEntity[E]:
        """Edit an entity you already hold: ``.with_description(..).save()``."""
        if not isinstance(entity, self.spec.entity_class):
            raise _wrong_type(self.spec.subject, f"a {self.spec.entity_class.__name__}", entity)
        return self._fluent(entity, None)

    def versions(self, id: uuid.UUID | str) -> builtins.list[E]:
        """Every stored version of an entity, newest first."""
        return builtins.list(self.get_versions(id).versions)

    def get_versions(self, id: uuid.UUID | str) -> EntityHistory[E]:
        """Every stored version, newest first, as the Java SDK's ``getVersions(id)``."""
        resp = self._request("GET", self._by_id(id, "versions"))
        return parse_versions(resp.body, self._read)

    def version(self, id: uuid.UUID | str, version: str | float) -> E:
        """One stored version, such as ``"0.2"`` or ``0.2``."""
        path = paths.version(self.spec.collection, id, version)
        return self._read(self._request("GET", path).body)

    get_specific_version = version

    # -- changing -----------------------------------------------------------------------

    def update(self, entity: E) -> E:
        """Save ``entity`` as it is: diff it against the server's current version and
        PATCH the difference (nothing is sent when there is none).

        The PATCH carries ``If-Match: W/"<version>"`` of the version ``entity`` was read
        at, so if someone changed it on the server since, ``PreconditionFailedError`` is
        raised and nothing is overwritten. Optional fields (owners, tags, domains, ...)
        are compared only when ``entity`` has them, so an entity fetched without them
        does not clear them. Masked secrets left as they are stay unchanged.
        """
        if not isinstance(entity, self.spec.entity_class):
            raise _wrong_type(self.spec.subject, f"a {self.spec.entity_class.__name__}", entity)
        wanted = unstructure(entity)
        optional = [name for name in self.spec.editable_fields if name in wanted]
        params = read_query(optional or None, None, self.spec)
        current = self._read(self._request("GET", self._by_id(wanted["id"]), params=params).body)
        current_wire = unstructure(current)
        operations = changes(current_wire, wanted, self.spec.server_owned)
        if not operations:
            return current
        held = wanted.get("version", current_wire.get("version"))
        return self._entity(self._send_patch(wanted["id"], operations, weak_etag(held)))

    def patch(
        self,
        id: uuid.UUID | str,
        operations: Sequence[Mapping[str, Any]],
        *,
        if_match: str | float | None = None,
    ) -> E:
        """Send a JSON Patch (RFC 6902) you wrote yourself; its shape is checked first.

        ``if_match`` guards it: a version (``0.3`` sends ``W/"0.3"``) or a header value
        as it is (``"*"``, ``'W/"0.3"'``); without it the patch applies to whatever the
        server holds."""
        return self._entity(
            self._send_patch(id, check_operations(operations), _if_match_header(if_match))
        )

    def _send_patch(
        self, id: uuid.UUID | str, operations: Sequence[Operation], if_match: str | None = None
    ) -> Response:
        try:
            return self._request(
                "PATCH",
                self._by_id(id),
                body=builtins.list(operations),
                content_type=JSON_PATCH,
                headers={"If-Match": if_match} if if_match else None,
            )
        except PreconditionFailedError as exc:
            raise exc.with_message(
                f"{exc.message} (the {self.spec.subject} changed on the server after it was "
                "read: fetch it again and re-apply the change)"
            ) from exc

    # -- followers ----------------------------------------------------------------------

    def add_follower(self, id: uuid.UUID | str, user_id: uuid.UUID | str) -> ChangeEvent:
        """Make a user follow the entity (``PUT .../{id}/followers`` with the user's id as
        a JSON string); the answer is the change event naming the follower."""
        body = json.dumps(_user_id(user_id)).encode()
        return self._change_event(self._request("PUT", self._by_id(id, "followers"), body=body))

    def remove_follower(self, id: uuid.UUID | str, user_id: uuid.UUID | str) -> ChangeEvent:
        """Stop a user following the entity (``DELETE .../{id}/followers/{userId}``)."""
        path = self._by_id(id, "followers", _user_id(user_id))
        return self._change_event(self._request("DELETE", path))

    def _change_event(self, resp: Response) -> ChangeEvent:
        """The change event a follower or vote call answers (its ``entity`` may come as a
        JSON string), with what the call did as ``change_type``."""
        body = _mapping(resp.body, "change event")
        entity = body.get("entity")
        if isinstance(entity, str):
            try:
                body = {**body, "entity": json.loads(entity)}
            except (ValueError, RecursionError) as exc:
                raise OpenMetadataError(f"the change event's entity is not JSON: {exc}") from None
        try:
            event = structure(body, ChangeEvent)
        except ValueError as exc:
            raise OpenMetadataError(f"the server's change event could not be read: {exc}") from None
        header = resp.headers.get("X-OpenMetadata-Change")
        if header:
            object.__setattr__(event, "change_type", ChangeType.parse(header))
        return event

    # -- deleting and restoring ---------------------------------------------------------

    def delete(self, id: uuid.UUID | str) -> DeleteRequest[E]:
        """A soft delete to ``.execute()``; ``.hard_delete()`` and ``.recursive()`` first
        to change it."""
        return DeleteRequest(self, self._by_id(id))

    def delete_by_name(self, fqn: str) -> DeleteRequest[E]:
        """A DELETE by name or FQN, sent by ``execute()``; soft unless ``hard_delete()``."""
        return DeleteRequest(self, self._by_name(fqn))

    def delete_async(
        self, id: uuid.UUID | str, *, hard_delete: bool = False, recursive: bool = False
    ) -> DeleteJob:
        """Ask the server to delete in the background (202): the returned job names what
        it will delete; completion is announced over the server's websocket."""
        params = {
            "hardDelete": "true" if strict_flag("hard_delete", hard_delete) else "false",
            "recursive": "true" if strict_flag("recursive", recursive) else "false",
        }
        path = paths.by_id(f"{self.spec.collection}/async", id)
        resp = self._request("DELETE", path, params=params)
        try:
            return structure(_mapping(resp.body, "delete job"), DeleteJob)
        except ValueError as exc:
            raise OpenMetadataError(f"the server's delete job could not be read: {exc}") from None

    def restore(self, id: uuid.UUID | str) -> E:
        """Bring back a soft-deleted entity."""
        body = {"id": paths.entity_id(id)}
        return self._entity(self._request("PUT", f"{self.spec.collection}/restore", body=body))

    # -- paths --------------------------------------------------------------------------

    def _by_id(self, id: uuid.UUID | str, *rest: str) -> str:
        return paths.by_id(self.spec.collection, id, *rest)

    def _by_name_as_is(self, fqn: str) -> str:
        return paths.by_name(self.spec.collection, fqn)

    def _by_name(self, fqn: str) -> str:
        if not isinstance(fqn, str):
            return paths.by_name(self.spec.collection, fqn)
        return paths.by_name(self.spec.collection, self.spec.lookup_fqn(fqn))

    bulkUpsert = bulk_upsert
    createOrUpdate = create_or_update
    createBatch = create_batch
    retrieveByName = retrieve_by_name
    getByName = get_by_name
    findByName = find_by_name
    deleteByName = delete_by_name
    getVersions = get_versions
    getSpecificVersion = get_specific_version
    deleteAsync = delete_async
    addFollower = add_follower
    removeFollower = remove_follower


class DefaultClientFacade:
    """Mixin of an entity type's Java-style facade (``MessagingServices``, ``Topics``):
    operations bound to whatever the default client is when a call runs."""

    facade_name: ClassVar[str]

    @staticmethod
    def set_default_client(client: OpenMetadataClient | None) -> None:
        """Make ``client`` the process-wide default (as ``configure`` does)."""
        set_default_client(client)

    setDefaultClient = set_default_client

    def __repr__(self) -> str:
        return self.facade_name


def _if_match_header(value: str | float | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        if not value.strip() or not value.isprintable() or not value.isascii():
            raise ValidationError(
                [Problem("if_match", f"must be a version or an ETag, not {value!r:.40}", "type")],
                subject="patch",
            )
        return value
    tag = weak_etag(value)
    if tag is None:
        raise ValidationError(
            [Problem("if_match", f"must be a version or an ETag, not {value!r:.40}", "type")],
            subject="patch",
        )
    return tag


def _mapping(body: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(body, Mapping):
        raise OpenMetadataError(f"expected a {what}, the server sent {body!r:.200}")
    return body


def _user_id(value: uuid.UUID | str) -> str:
    """A user's id as the follower routes take it; anything else is refused first."""
    try:
        return paths.entity_id(value)
    except ValidationError:
        shown = value[:60] if isinstance(value, str) else value
        raise ValidationError(
            [Problem("user_id", f"must be a user's UUID, not {shown!r}", "uuid")],
            subject="follower",
        ) from None
