"""The parts of a service's life after create: query checks, paging, finders, the fluent
wrapper that saves changes as a JSON Patch, and delete requests.

``MessagingServiceOperations`` stays a thin list of calls; the objects those calls return
live here.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from openmetadata_fluent import paths
from openmetadata_fluent._secrets import keep_masks
from openmetadata_fluent.builders._base import wire_value
from openmetadata_fluent.builders.connections import ConnectionBuilder
from openmetadata_fluent.errors import BadRequestError, OpenMetadataError, Problem, ValidationError
from openmetadata_fluent.models.common import EntityReference, TagLabel, WireEnum, WireModel
from openmetadata_fluent.models.messaging import MessagingConnection, MessagingService
from openmetadata_fluent.patch import Operation, diff
from openmetadata_fluent.serialization import masked_keys, structure, unstructure
from openmetadata_fluent.transport import Response
from openmetadata_fluent.validation import check_model, suggest

if TYPE_CHECKING:
    from openmetadata_fluent.messaging import MessagingServiceOperations

__all__ = [
    "ALLOWED_FIELDS",
    "DeleteRequest",
    "FluentMessagingService",
    "Include",
    "MessagingServiceFinder",
    "Page",
    "ServiceList",
]

ALLOWED_FIELDS = ("owners", "tags", "domains", "followers", "pipelines", "dataProducts")
"""What ``fields`` may ask for; the server answers anything else with a 400."""

_EDITABLE_FIELDS = ("owners", "tags", "domains", "dataProducts")

MAX_LIMIT = 1_000_000
JSON_PATCH = "application/json-patch+json"

# Keys the server owns: a stale copy of them must never become part of a patch.
_SERVER_OWNED = frozenset(
    {
        "id",
        "fullyQualifiedName",
        "serviceType",
        "version",
        "updatedAt",
        "updatedBy",
        "impersonatedBy",
        "href",
        "changeDescription",
        "incrementalChangeDescription",
        "deleted",
        "pipelines",
        "followers",
        "testConnectionResult",
    }
)
_PATCH_OPS = frozenset({"add", "remove", "replace", "move", "copy", "test"})
_NOT_EMPTY_HINT = "use .recursive() to delete the service together with its topics"

ConnectionInput = ConnectionBuilder[Any] | WireModel | Mapping[str, Any]
FieldsArg = str | Iterable[str] | None


class Include(WireEnum):
    """Which services a read returns, by their soft-deleted state."""

    NON_DELETED = "non-deleted"
    DELETED = "deleted"
    ALL = "all"


# -- query parameters ----------------------------------------------------------------


def _invalid(path: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError([Problem(path, message, code)], subject="query")


def fields_param(fields: FieldsArg) -> str | None:
    """``fields`` as the server's comma list, every name checked against ``ALLOWED_FIELDS``."""
    if fields is None:
        return None
    names = fields.split(",") if isinstance(fields, str) else list(fields)
    problems: list[Problem] = []
    chosen: dict[str, None] = {}
    for name in names:
        if not isinstance(name, str):
            problems.append(Problem("fields", f"must be field names, not {name!r}", "type"))
            continue
        name = name.strip()
        if name in ALLOWED_FIELDS:
            chosen[name] = None
        elif name:
            hint = suggest(name, ALLOWED_FIELDS)
            allowed = ", ".join(ALLOWED_FIELDS)
            problems.append(Problem("fields", f"{name!r} is not one of {allowed}{hint}", "enum"))
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
    raise _invalid("include", f"{include!r} is not one of {', '.join(values)}{hint}", "enum")


def _query(**values: str | None) -> dict[str, str] | None:
    params = {k: v for k, v in values.items() if v is not None}
    return params or None


def read_query(fields: FieldsArg, include: Include | str | None) -> dict[str, str] | None:
    """The query of a single-entity read."""
    return _query(fields=fields_param(fields), include=include_param(include))


def _cursor(name: str, value: str | None) -> str | None:
    if value is not None and (not isinstance(value, str) or not value):
        raise _invalid(name, f"must be a cursor string from a previous page, not {value!r}")
    return value


def list_query(
    limit: int | None,
    fields: FieldsArg,
    include: Include | str | None,
    domain: str | None,
) -> dict[str, str]:
    """The query every page of a listing shares (cursors are added per page)."""
    if limit is not None and (
        not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT
    ):
        raise _invalid("limit", f"must be an integer from 1 to {MAX_LIMIT}, not {limit!r}", "range")
    if domain is not None and (not isinstance(domain, str) or not domain.strip()):
        raise _invalid("domain", f"must be a domain's fully qualified name, not {domain!r}")
    return (
        _query(
            limit=None if limit is None else str(limit),
            fields=fields_param(fields),
            include=include_param(include),
            domain=domain,
        )
        or {}
    )


def entity(resp: Response) -> MessagingService:
    """The service in an answer to a read, patch, delete or restore."""
    if not isinstance(resp.body, Mapping):
        raise OpenMetadataError(f"expected a messaging service, the server sent {resp.body!r:.200}")
    return structure(resp.body, MessagingService)


def response_etag(resp: Response) -> str | None:
    """The answer's ``ETag`` (the transport's headers ignore the case of names)."""
    return resp.headers.get("ETag")


def update_fields(wire: Mapping[str, Any]) -> list[str]:
    """The optional fields to fetch to compare with ``wire``: the editable ones it has."""
    return [name for name in _EDITABLE_FIELDS if name in wire]


def parse_versions(body: Any) -> list[MessagingService]:
    """The services in a versions answer, newest first as the server lists them.

    Each element is a JSON string of the entity; an object is taken as it is.
    """
    listed = body.get("versions") if isinstance(body, Mapping) else None
    if not isinstance(listed, list):
        raise OpenMetadataError("the server's versions answer has no 'versions' array")
    services: list[MessagingService] = []
    for i, item in enumerate(listed):
        data = item
        if isinstance(item, str):
            try:
                data = json.loads(item)
            except ValueError as exc:
                raise OpenMetadataError(f"versions[{i}] is not valid JSON: {exc}") from None
        if not isinstance(data, Mapping):
            raise OpenMetadataError(f"versions[{i}] is not a messaging service: {item!r:.200}")
        services.append(structure(data, MessagingService))
    return services


# -- listing -------------------------------------------------------------------------


@attrs.frozen
class Page:
    """One page of a listing; ``after`` resumes a listing later from the next page."""

    items: tuple[MessagingService, ...]
    after: str | None = None
    before: str | None = None
    total: int | None = None


def _page(body: Any) -> Page:
    data = body.get("data") if isinstance(body, Mapping) else None
    if not isinstance(data, list):
        raise OpenMetadataError("the server's list answer has no 'data' array")
    paging = body.get("paging")
    paging = paging if isinstance(paging, Mapping) else {}
    total = paging.get("total")
    return Page(
        items=tuple(structure(item, MessagingService) for item in data),
        after=paging.get("after") or None,
        before=paging.get("before") or None,
        total=total if isinstance(total, int) else None,
    )


class ServiceList(Iterable[MessagingService]):
    """Every service a listing matches, fetched one page at a time as iteration needs it.

    Iterating follows the server's ``after`` cursors to the last page; ``pages()`` gives
    the pages themselves. Each iteration starts again from the first page asked for.
    """

    def __init__(
        self,
        operations: MessagingServiceOperations,
        params: Mapping[str, str],
        after: str | None = None,
        before: str | None = None,
    ) -> None:
        if after is not None and before is not None:
            raise _invalid("after", "give after or before, not both", "conflict")
        self._operations = operations
        self._params = dict(params)
        self._after = _cursor("after", after)
        self._before = _cursor("before", before)

    def pages(self) -> Iterator[Page]:
        """The pages in order; only the current one is held."""
        cursor = {"after": self._after} if self._after else {}
        if self._before:
            cursor = {"before": self._before}
        seen: set[str] = {self._after} if self._after else set()
        while True:
            resp = self._operations.client.transport.request(
                "GET", paths.SERVICES, params={**self._params, **cursor}
            )
            page = _page(resp.body)
            yield page
            if page.after is None:
                return
            if page.after in seen:
                raise OpenMetadataError(
                    f"the server gave the paging cursor {page.after!r} twice; "
                    "stopping rather than repeating services"
                )
            seen.add(page.after)
            cursor = {"after": page.after}

    def __iter__(self) -> Iterator[MessagingService]:
        for page in self.pages():
            yield from page.items


# -- reading and changing one service ------------------------------------------------


class MessagingServiceFinder:
    """A service to fetch by id or name; ``fields`` and ``include`` refine the read."""

    def __init__(self, operations: MessagingServiceOperations, path: str) -> None:
        self._operations = operations
        self._path = path
        self._fields: str | None = None
        self._include: str | None = None

    def fields(self, *names: str | Iterable[str]) -> MessagingServiceFinder:
        """Extra fields to fetch (owners, tags, domains, followers, pipelines,
        dataProducts), as names, lists or comma strings."""
        flat: list[str] = []
        for name in names:
            flat.extend(name.split(",") if isinstance(name, str) else name)
        self._fields = fields_param(flat)
        return self

    def include(self, value: Include | str) -> MessagingServiceFinder:
        """non-deleted (the server's default), deleted or all."""
        self._include = include_param(value)
        return self

    def fetch(self) -> FluentMessagingService:
        """GET the service; a missing one raises ``NotFoundError``."""
        resp = self._operations.client.transport.request(
            "GET", self._path, params=_query(fields=self._fields, include=self._include)
        )
        return FluentMessagingService(self._operations, entity(resp), response_etag(resp))

    get = fetch


def _editable(wire: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in wire.items() if k not in _SERVER_OWNED}


def changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Operation]:
    """The patch from one wire version of a service to another, leaving out server-owned
    fields and masked secrets left as they were."""
    old = _editable(before)
    return diff(old, keep_masks(old, _editable(after), masked_keys()))


def _checked_items(values: Iterable[Any], model: type[WireModel], key: str) -> list[dict[str, Any]]:
    values = _listed(values, key)
    bodies: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for i, value in enumerate(values):
        checked = check_model(wire_value(value), model, f"{key}[{i}]")
        problems.extend(checked.problems)
        bodies.append(checked.body)
    if problems:
        raise ValidationError(problems, subject=key)
    return bodies


class FluentMessagingService:
    """A fetched service with pending changes; ``save()`` sends them as one PATCH.

    The ``with_*`` methods change this wrapper and return it. Only what differs from the
    fetched version is sent, guarded by the fetched ``ETag`` when the server gave one.
    """

    def __init__(
        self,
        operations: MessagingServiceOperations,
        service: MessagingService,
        etag: str | None = None,
    ) -> None:
        self._operations = operations
        self._fetched = unstructure(service)
        self._wire = copy.deepcopy(self._fetched)
        self._etag = etag

    @property
    def entity(self) -> MessagingService:
        """The service as it would be after ``save()``."""
        return structure(self._wire, MessagingService)

    @property
    def id(self) -> uuid.UUID:
        return uuid.UUID(self._fetched["id"])

    @property
    def etag(self) -> str | None:
        """The version tag the server gave with the fetched service."""
        return self._etag

    def changes(self) -> list[Operation]:
        """The JSON Patch ``save()`` would send (empty when nothing changed)."""
        return changes(self._fetched, self._wire)

    def _set(self, key: str, value: Any) -> FluentMessagingService:
        if value is None:
            self._wire.pop(key, None)
        else:
            self._wire[key] = value
        return self

    def _text(self, key: str, value: str | None) -> FluentMessagingService:
        if value is not None and not isinstance(value, str):
            raise ValidationError(
                [Problem(key, f"must be a string, not {type(value).__name__}", "type")],
                subject="messaging service",
            )
        return self._set(key, value)

    def with_description(self, value: str | None) -> FluentMessagingService:
        """Markdown description; None removes it."""
        return self._text("description", value)

    def with_display_name(self, value: str | None) -> FluentMessagingService:
        return self._text("displayName", value)

    def with_owners(
        self, values: Iterable[EntityReference | Mapping[str, Any]]
    ) -> FluentMessagingService:
        """Replace the owners (references with ``id`` and ``type``); ``[]`` removes all."""
        return self._set("owners", _checked_items(values, EntityReference, "owners"))

    def with_tags(
        self, values: Iterable[TagLabel | Mapping[str, Any] | str]
    ) -> FluentMessagingService:
        """Replace the tags; a plain string is a tag FQN with the default label settings."""
        labels = [{"tagFQN": v} if isinstance(v, str) else v for v in _listed(values, "tags")]
        return self._set("tags", _checked_items(labels, TagLabel, "tags"))

    def with_domains(
        self, values: Iterable[EntityReference | Mapping[str, Any]]
    ) -> FluentMessagingService:
        """Replace the domains, as references with ``id`` and ``type`` ("domain")."""
        return self._set("domains", _checked_items(values, EntityReference, "domains"))

    def with_connection(self, value: ConnectionInput) -> FluentMessagingService:
        """Replace the connection with a builder, a model or a config dict. Masked secrets
        it leaves out keep their stored values."""
        wire = wire_value(value)
        if not (isinstance(value, MessagingConnection) or _is_connection_wrapper(wire)):
            wire = {"config": wire}
        checked = check_model(wire, MessagingConnection, "connection")
        problems = list(checked.problems)
        config_type = (checked.body.get("config") or {}).get("type")
        service_type = self._fetched.get("serviceType")
        if config_type and service_type and config_type != service_type:
            problems.append(
                Problem(
                    "connection.config.type",
                    f"{config_type!r} connection does not match serviceType {service_type!r}",
                    "mismatch",
                )
            )
        if problems:
            raise ValidationError(problems, subject="connection")
        return self._set("connection", checked.body)

    def get_entity(self) -> MessagingService:
        return self.entity

    def save(self) -> FluentMessagingService:
        """PATCH what changed and return this wrapper holding the updated service (and its
        new ``ETag``); with no change, no request. A stale ``ETag`` raises
        ``PreconditionFailedError`` and keeps the pending changes."""
        operations = self.changes()
        if not operations:
            return self
        resp = self._operations._send_patch(self.id, operations, self._etag)
        self._fetched = unstructure(entity(resp))
        self._wire = copy.deepcopy(self._fetched)
        self._etag = response_etag(resp)
        return self

    def __repr__(self) -> str:
        name = self._wire.get("name")
        pending = len(self.changes())
        return f"FluentMessagingService(name={name!r}, pending_changes={pending})"

    withDescription = with_description
    withDisplayName = with_display_name
    withOwners = with_owners
    withTags = with_tags
    withDomains = with_domains
    withConnection = with_connection
    getEntity = get_entity


def _listed(values: Any, key: str) -> list[Any]:
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise _invalid(key, f"must be a list, not {type(values).__name__}", "type")
    return list(values)


def _is_connection_wrapper(wire: Any) -> bool:
    return isinstance(wire, Mapping) and set(wire) == {"config"}


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


# -- deleting ------------------------------------------------------------------------


class DeleteRequest:
    """A DELETE to send: soft by default, ``hard_delete()`` and ``recursive()`` change it."""

    def __init__(self, operations: MessagingServiceOperations, path: str) -> None:
        self._operations = operations
        self._path = path
        self._hard = False
        self._recursive = False

    def hard_delete(self, value: bool = True) -> DeleteRequest:
        """Remove the service for good instead of marking it deleted (restorable)."""
        self._hard = bool(value)
        return self

    def recursive(self, value: bool = True) -> DeleteRequest:
        """Delete the service's topics with it; needed when it has any."""
        self._recursive = bool(value)
        return self

    def execute(self) -> MessagingService:
        """Send the DELETE and return the deleted service."""
        params = {
            "hardDelete": str(self._hard).lower(),
            "recursive": str(self._recursive).lower(),
        }
        try:
            resp = self._operations.client.transport.request("DELETE", self._path, params=params)
        except BadRequestError as exc:
            if self._recursive or "not empty" not in exc.message.lower():
                raise
            raise BadRequestError(
                exc.status,
                f"{exc.message}: {_NOT_EMPTY_HINT}",
                method=exc.method,
                url=exc.url,
                path=exc.path,
                error_type=exc.error_type,
                body=exc.body,
                headers=exc.headers,
            ) from exc
        return entity(resp)

    now = execute
    hardDelete = hard_delete
