"""Messaging-service operations bound to a client, and the ``MessagingServices`` facade.

``client.messaging_services`` is a ``MessagingServiceOperations`` for that client;
``MessagingServices`` is the same class bound to whatever the default client is when a
call runs, so Java-style ``MessagingServices.builder()...create()`` works unchanged.
"""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from openmetadata_fluent import paths
from openmetadata_fluent.builders.service import MessagingServiceBuilder
from openmetadata_fluent.errors import APIError, OpenMetadataError, Problem, ValidationError
from openmetadata_fluent.lifecycle import (
    JSON_PATCH,
    DeleteRequest,
    FieldsArg,
    Include,
    MessagingServiceFinder,
    ServiceList,
    changes,
    check_operations,
    entity,
    list_query,
    parse_versions,
    read_query,
    response_etag,
    update_fields,
)
from openmetadata_fluent.models.common import ApiStatus, ChangeType
from openmetadata_fluent.models.messaging import (
    BulkFailure,
    BulkResult,
    BulkSuccess,
    CreateMessagingServiceRequest,
    MessagingService,
)
from openmetadata_fluent.patch import Operation
from openmetadata_fluent.serialization import dumps, structure, unstructure
from openmetadata_fluent.transport import Response
from openmetadata_fluent.validation import check_create_request

if TYPE_CHECKING:
    from openmetadata_fluent.client import OpenMetadataClient

__all__ = ["MessagingServiceOperations", "MessagingServices"]

DEFAULT_CHUNK_SIZE = 100
DEFAULT_MAX_WORKERS = 4
_NO_BULK_ROUTE = frozenset({404, 405})

BulkItem = MessagingServiceBuilder | CreateMessagingServiceRequest


def _service(resp: Response, change: ChangeType | None = None) -> MessagingService:
    """Parse an entity answer, noting what a create or upsert did."""
    svc = entity(resp)
    header = resp.headers.get("X-OpenMetadata-Change")
    if header:
        change = ChangeType.parse(header)
    elif change is None and resp.status in (200, 201):
        change = ChangeType.CREATED if resp.status == 201 else ChangeType.UPDATED
    object.__setattr__(svc, "change_type", change)
    return svc


class MessagingServiceOperations:
    """Every messaging-service call, bound to one client."""

    def __init__(self, client: OpenMetadataClient) -> None:
        self._client = client
        self._bulk_route = True

    @property
    def client(self) -> OpenMetadataClient:
        return self._client

    # -- building -------------------------------------------------------------------

    def builder(self) -> MessagingServiceBuilder:
        """A fluent builder whose ``create()`` and ``upsert()`` use these operations."""
        return MessagingServiceBuilder(self)

    @staticmethod
    def fqn(name: str) -> str:
        """A service's fully qualified name: the name, double-quoted if it has a dot."""
        return paths.fqn(name)

    # -- create and upsert ----------------------------------------------------------

    def create(
        self, request: CreateMessagingServiceRequest | MessagingServiceBuilder
    ) -> MessagingService:
        """POST a new service; an existing name raises ``EntityAlreadyExistsError`` (409)."""
        return self._send_create(_checked_body(request))

    def upsert(
        self, request: CreateMessagingServiceRequest | MessagingServiceBuilder
    ) -> MessagingService:
        """PUT: create the service or update the one with the same name.

        The result's ``change_type`` says whether it was created, updated, unchanged or
        restored."""
        return self._send_upsert(_checked_body(request))

    create_or_update = upsert

    def _send_create(self, body: dict[str, Any]) -> MessagingService:
        resp = self.client.transport.request("POST", paths.SERVICES, body=dumps(body))
        return _service(resp, ChangeType.CREATED)

    def _send_upsert(self, body: dict[str, Any]) -> MessagingService:
        resp = self.client.transport.request("PUT", paths.SERVICES, body=dumps(body))
        return _service(resp)

    # -- bulk -----------------------------------------------------------------------

    def bulk_upsert(
        self,
        items: Iterable[BulkItem],
        *,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        max_workers: int = DEFAULT_MAX_WORKERS,
    ) -> BulkResult:
        """Create or update many services; every item lands in ``succeeded`` or ``failed``.

        Sends ``PUT .../bulk`` in chunks of ``chunk_size``. Servers without that route
        (404/405, true of current releases) get one PUT per item instead, ``max_workers``
        at a time. Every item is checked before anything is sent.
        """
        if chunk_size < 1 or max_workers < 1:
            raise ValueError("chunk_size and max_workers must be at least 1")
        bodies, requests = _checked_requests(items)
        succeeded: list[BulkSuccess] = []
        failed: list[BulkFailure] = []
        start = 0
        while self._bulk_route and start < len(bodies):
            chunk = slice(start, start + chunk_size)
            try:
                resp = self.client.transport.request("PUT", paths.BULK, body=dumps(bodies[chunk]))
            except APIError as exc:
                if exc.status in _NO_BULK_ROUTE:
                    self._bulk_route = False
                    break
                failed.extend(
                    BulkFailure(item=r, status=exc.status, message=exc.message, error=exc)
                    for r in requests[chunk]
                )
            except OpenMetadataError as exc:
                failed.extend(
                    BulkFailure(item=r, status=None, message=str(exc), error=exc)
                    for r in requests[chunk]
                )
            else:
                ok, bad = _match_bulk_result(resp.body, requests[chunk])
                succeeded.extend(ok)
                failed.extend(bad)
            start += chunk_size
        if start < len(bodies):
            ok, bad = self._each("PUT", bodies[start:], requests[start:], max_workers)
            succeeded.extend(ok)
            failed.extend(bad)
        return _bulk_result(succeeded, failed)

    def create_batch(
        self, *items: BulkItem | Iterable[BulkItem], max_workers: int = 1
    ) -> BulkResult:
        """POST each item as a new service, carrying on past failures.

        Items may be given one by one or as one list. An existing name is a failure (409)
        like any other; every item lands in ``succeeded`` or ``failed``, in input order.
        Every item is checked before anything is sent. ``max_workers`` above 1 sends that
        many at a time.
        """
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        flat: builtins.list[BulkItem] = []
        for item in items:
            if isinstance(item, (MessagingServiceBuilder, CreateMessagingServiceRequest)):
                flat.append(item)
            else:
                flat.extend(item)
        bodies, requests = _checked_requests(flat)
        ok, bad = self._each("POST", bodies, requests, max_workers) if bodies else ([], [])
        return _bulk_result(ok, bad)

    def _each(
        self,
        method: str,
        bodies: Sequence[dict[str, Any]],
        requests: Sequence[CreateMessagingServiceRequest],
        max_workers: int,
    ) -> tuple[builtins.list[BulkSuccess], builtins.list[BulkFailure]]:
        """Send one ``method`` call per item; each answer or error becomes its outcome."""
        change = ChangeType.CREATED if method == "POST" else None

        def one(index: int) -> BulkSuccess | BulkFailure:
            try:
                resp = self.client.transport.request(
                    method, paths.SERVICES, body=dumps(bodies[index])
                )
            except APIError as exc:
                return BulkFailure(
                    item=requests[index], status=exc.status, message=exc.message, error=exc
                )
            except OpenMetadataError as exc:
                return BulkFailure(item=requests[index], status=None, message=str(exc), error=exc)
            return BulkSuccess(
                item=requests[index], status=resp.status, service=_service(resp, change)
            )

        if max_workers == 1 or len(bodies) == 1:
            outcomes = [one(i) for i in range(len(bodies))]
        else:
            with ThreadPoolExecutor(max_workers=max_workers) as pool:
                outcomes = builtins.list(pool.map(one, range(len(bodies))))
        ok = [o for o in outcomes if isinstance(o, BulkSuccess)]
        bad = [o for o in outcomes if isinstance(o, BulkFailure)]
        return ok, bad

    # -- reading --------------------------------------------------------------------

    def retrieve(
        self,
        id: uuid.UUID | str,
        fields: FieldsArg = None,
        include: Include | str | None = None,
    ) -> MessagingService:
        """GET one service by id; a missing one raises ``NotFoundError``."""
        params = read_query(fields, include)
        return entity(self.client.transport.request("GET", paths.by_id(id), params=params))

    def retrieve_by_name(
        self,
        fqn: str,
        fields: FieldsArg = None,
        include: Include | str | None = None,
    ) -> MessagingService:
        """GET one service by its name or FQN (a dotted name is quoted for you)."""
        params = read_query(fields, include)
        return entity(self.client.transport.request("GET", paths.by_name(fqn), params=params))

    def list(
        self,
        limit: int | None = None,
        fields: FieldsArg = None,
        include: Include | str | None = None,
        domain: str | None = None,
        after: str | None = None,
        before: str | None = None,
    ) -> ServiceList:
        """Every matching service, fetched page by page as iteration goes (``limit`` per
        page). ``.pages()`` gives the pages and their cursors; pass a saved ``after`` to
        resume."""
        return ServiceList(self, list_query(limit, fields, include, domain), after, before)

    def find(self, id: uuid.UUID | str) -> MessagingServiceFinder:
        """A finder: ``.fields(...)``, ``.include(...)``, then ``.fetch()`` to edit it."""
        return MessagingServiceFinder(self, paths.by_id(id))

    def find_by_name(self, fqn: str) -> MessagingServiceFinder:
        return MessagingServiceFinder(self, paths.by_name(fqn))

    def versions(self, id: uuid.UUID | str) -> builtins.list[MessagingService]:
        """Every stored version of a service, newest first."""
        return parse_versions(self.client.transport.request("GET", paths.versions(id)).body)

    def version(self, id: uuid.UUID | str, version: str | float) -> MessagingService:
        """One stored version, such as ``"0.2"``."""
        return entity(self.client.transport.request("GET", paths.version(id, version)))

    # -- changing -------------------------------------------------------------------

    def update(self, service: MessagingService) -> MessagingService:
        """Save ``service`` as it is: diff it against the server's current version and
        PATCH the difference (nothing is sent when there is none).

        Optional fields (owners, tags, domains, dataProducts) are compared only when
        ``service`` has them, so a service fetched without them does not clear them.
        Masked secrets left as they are stay unchanged.
        """
        if not isinstance(service, MessagingService):
            raise TypeError(f"expected a MessagingService, not {type(service).__name__}")
        wanted = unstructure(service)
        resp = self.client.transport.request(
            "GET", paths.by_id(service.id), params=read_query(update_fields(wanted), None)
        )
        current = entity(resp)
        operations = changes(unstructure(current), wanted)
        if not operations:
            return current
        return entity(self._send_patch(service.id, operations, response_etag(resp)))

    def patch(
        self, id: uuid.UUID | str, operations: Sequence[Mapping[str, Any]]
    ) -> MessagingService:
        """Send a JSON Patch (RFC 6902) you wrote yourself; its shape is checked first."""
        return entity(self._send_patch(id, check_operations(operations)))

    def _send_patch(
        self, id: uuid.UUID | str, operations: Sequence[Operation], etag: str | None = None
    ) -> Response:
        return self.client.transport.request(
            "PATCH",
            paths.by_id(id),
            body=dumps(builtins.list(operations)),
            content_type=JSON_PATCH,
            headers={"If-Match": etag} if etag else None,
        )

    # -- deleting and restoring -----------------------------------------------------

    def delete(self, id: uuid.UUID | str) -> DeleteRequest:
        """A soft delete to ``.execute()``; ``.hard_delete()`` and ``.recursive()`` first
        to change it."""
        return DeleteRequest(self, paths.by_id(id))

    def delete_by_name(self, fqn: str) -> DeleteRequest:
        return DeleteRequest(self, paths.by_name(fqn))

    def restore(self, id: uuid.UUID | str) -> MessagingService:
        """Bring back a soft-deleted service."""
        body = dumps({"id": paths.entity_id(id)})
        return entity(self.client.transport.request("PUT", paths.RESTORE, body=body))

    bulkUpsert = bulk_upsert
    createOrUpdate = create_or_update
    createBatch = create_batch
    retrieveByName = retrieve_by_name
    findByName = find_by_name
    deleteByName = delete_by_name


class _DefaultMessagingServices(MessagingServiceOperations):
    """The operations of whatever the default client is when a call runs."""

    def __init__(self) -> None:
        self._bulk_route = True

    @property
    def client(self) -> OpenMetadataClient:
        from openmetadata_fluent.client import default_client

        return default_client()

    @staticmethod
    def set_default_client(client: OpenMetadataClient | None) -> None:
        """Make ``client`` the process-wide default (as ``configure`` does)."""
        from openmetadata_fluent.client import set_default_client

        set_default_client(client)

    setDefaultClient = set_default_client

    def __repr__(self) -> str:
        return "MessagingServices"


MessagingServices: _DefaultMessagingServices = _DefaultMessagingServices()
"""Java-style facade: ``MessagingServices.builder().name(...)....create()``."""


def _checked_body(
    request: CreateMessagingServiceRequest | MessagingServiceBuilder,
) -> dict[str, Any]:
    if isinstance(request, MessagingServiceBuilder):
        return request._check()
    if not isinstance(request, CreateMessagingServiceRequest):
        raise TypeError(
            f"expected a CreateMessagingServiceRequest or a builder, not {type(request).__name__}"
        )
    if request._checked_body is not None:
        return request._checked_body
    checked = check_create_request(unstructure(request))
    if checked.problems:
        raise ValidationError(checked.problems, subject="messaging service")
    return checked.body


def _checked_bodies(items: Iterable[BulkItem]) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        try:
            bodies.append(_checked_body(item))
        except ValidationError as exc:
            problems.extend(
                Problem(f"items[{i}].{p.path}", p.message, p.code) for p in exc.problems
            )
        except TypeError as exc:
            problems.append(Problem(f"items[{i}]", str(exc), "type"))
    if problems:
        raise ValidationError(problems, subject="bulk request")
    return bodies


def _checked_requests(
    items: Iterable[BulkItem],
) -> tuple[list[dict[str, Any]], list[CreateMessagingServiceRequest]]:
    """Every item checked (all problems reported at once), as bodies and as models; a
    request model given as an item is reported as itself."""
    given = list(items)
    bodies = _checked_bodies(given)
    return bodies, [
        item
        if isinstance(item, CreateMessagingServiceRequest)
        else structure(body, CreateMessagingServiceRequest)
        for item, body in zip(given, bodies, strict=True)
    ]


def _request_key(entry: Any) -> str | None:
    """The name a BulkOperationResult entry refers to (it echoes the body or the FQN)."""
    request = entry.get("request") if isinstance(entry, Mapping) else None
    if isinstance(request, Mapping):
        name = request.get("name")
        return name if isinstance(name, str) else None
    if isinstance(request, str):
        return request[1:-1] if len(request) > 1 and request[0] == request[-1] == '"' else request
    return None


def _match_bulk_result(
    body: Any, requests: Sequence[CreateMessagingServiceRequest]
) -> tuple[list[BulkSuccess], list[BulkFailure]]:
    """Pair the server's per-item answers with the items sent; none is lost or doubled."""
    pending: dict[str, list[int]] = {}
    for i, request in enumerate(requests):
        pending.setdefault(request.name, []).append(i)
    outcome: dict[int, BulkSuccess | BulkFailure] = {}
    result = body if isinstance(body, Mapping) else {}
    for kind in ("successRequest", "failedRequest"):
        for entry in result.get(kind) or ():
            key = _request_key(entry)
            if key is None or not pending.get(key):
                continue
            i = pending[key].pop(0)
            status = entry.get("status") if isinstance(entry.get("status"), int) else None
            if kind == "successRequest":
                outcome[i] = BulkSuccess(item=requests[i], status=status or 200)
            else:
                message = entry.get("message") or "rejected by the server"
                outcome[i] = BulkFailure(
                    item=requests[i], status=status or 400, message=str(message)
                )
    all_passed = result.get("status") == ApiStatus.SUCCESS.value
    for i, request in enumerate(requests):
        if i not in outcome:
            outcome[i] = (
                BulkSuccess(item=request, status=200)
                if all_passed
                else BulkFailure(
                    item=request,
                    status=None,
                    message="the server's bulk result did not mention this item",
                )
            )
    ok = [o for i, o in sorted(outcome.items()) if isinstance(o, BulkSuccess)]
    bad = [o for i, o in sorted(outcome.items()) if isinstance(o, BulkFailure)]
    return ok, bad


def _bulk_result(succeeded: Sequence[BulkSuccess], failed: Sequence[BulkFailure]) -> BulkResult:
    return BulkResult(
        status=_overall(succeeded, failed), succeeded=tuple(succeeded), failed=tuple(failed)
    )


def _overall(succeeded: Sequence[BulkSuccess], failed: Sequence[BulkFailure]) -> ApiStatus:
    if not failed:
        return ApiStatus.SUCCESS
    return ApiStatus.FAILURE if not succeeded else ApiStatus.PARTIAL_SUCCESS
