"""The in-memory OpenMetadata messaging-services server behind every mount.

``FakeOpenMetadata.handle`` takes one HTTP request as plain values and returns the
answer as plain values, so the ``responses`` mount and the HTTP mount share every rule.
It validates with the SDK's own ``check_create_request`` (the server's view, strict) so
the fake and the SDK never disagree about what a valid service is.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import threading
import time
import urllib.parse
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from openmetadata_fluent._secrets import mask, unmask
from openmetadata_fluent.errors import Problem
from openmetadata_fluent.paths import SERVICES, fqn
from openmetadata_fluent.serialization import masked_keys
from openmetadata_fluent.validation import check_create_request

if TYPE_CHECKING:
    from openmetadata_fluent.client import OpenMetadataClient
    from openmetadata_fluent.testing._mounts import HttpServer, MockMount

__all__ = ["DroppedConnection", "FakeOpenMetadata", "Fault", "RecordedRequest"]

Answer = tuple[int, dict[str, str], bytes]
"""Status, headers and body bytes of one answer."""

_ENTITY_TYPE = "messagingService"
_NAME_PATTERN = "^((?!::).)*$"
_INVALID_FORMAT = "Invalid request format"
_FIELDS = ("owners", "tags", "domains", "followers", "pipelines", "dataProducts")
_INCLUDES = ("non-deleted", "deleted", "all")
_SERVER_KEYS = ("version", "updatedAt", "updatedBy", "href", "changeDescription", "deleted")
_MAX_LIMIT = 1_000_000
_MAX_BODY = 32 * 1024 * 1024
_JSON = {"Content-Type": "application/json"}
# Problem codes the server reports as a JSON mapping failure rather than a constraint.
_FORMAT_CODES = frozenset({"unknown", "enum", "type", "uuid"})
_ACTIONS = {"POST": "Create", "PUT": "Create", "PATCH": "EditAll", "DELETE": "Delete"}


class DroppedConnection(Exception):
    """Raised by ``handle`` when a fault says the connection drops without an answer."""


class _HttpError(Exception):
    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


@attrs.frozen
class RecordedRequest:
    """One request the fake received, for assertions on the wire."""

    method: str
    path: str
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]
    json: Any


@attrs.define
class Fault:
    """A failure the fake answers with instead of handling the next matching requests."""

    prefix: str
    times: int
    status: int = 503
    retry_after: float | None = None
    drop_connection: bool = False
    delay: float = 0.0
    body: str | bytes | None = None


@attrs.frozen
class _Principal:
    name: str
    bot: bool = False
    read_only: bool = False


@attrs.define
class _Service:
    entity: dict[str, Any]
    history: list[dict[str, Any]]
    topics: int = 0


def _clone(value: Any) -> Any:
    """A deep copy of JSON data: several times faster than ``copy.deepcopy``, which spent
    half the fake's time on bulk writes."""
    if isinstance(value, dict):
        return {k: _clone(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clone(v) for v in value]
    return value


def _api_path(path: str) -> str:
    """The path relative to the API base: ``/api/v1/x`` and ``/v1/x`` are the same."""
    path = path.split("?", 1)[0]
    return path[4:] if path == "/api" or path.startswith("/api/") else path


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> Answer:
    body = json.dumps({"code": status, "message": message}).encode()
    return status, {**_JSON, **(headers or {})}, body


def _bump(version: float) -> float:
    return round(version + 0.1, 1)


def _now_ms() -> int:
    return int(time.time() * 1000)


def _problem_message(problem: Problem) -> str:
    if problem.code == "required":
        return f"{problem.path} must not be null"
    if problem.code == "pattern" and problem.path == "name":
        return f'name must match "{_NAME_PATTERN}"'
    if problem.code == "length" and problem.path == "name":
        return "name size must be between 1 and 256"
    return f"{problem.path} {problem.message}"


def _checked(body: Any) -> dict[str, Any]:
    """A create body as the server sees it, or the 400 the server would give."""
    if not isinstance(body, Mapping):
        raise _HttpError(400, _INVALID_FORMAT)
    checked = check_create_request(body, strict=True)
    if any(p.code in _FORMAT_CODES for p in checked.problems):
        raise _HttpError(400, _INVALID_FORMAT)
    if checked.problems:
        raise _HttpError(400, "[" + ", ".join(map(_problem_message, checked.problems)) + "]")
    return checked.body


def _masked(data: Any) -> Any:
    """A copy of JSON data as non-bot callers see it: password-format strings masked."""
    return mask(data, masked_keys())


def _if_match_holds(header: str, entity: Mapping[str, Any]) -> bool:
    """The server's If-Match rule (EntityETag): ``*``, or any tag of a comma list that is
    the weak validator of the current version, ``W/"0.2"``. A strong tag from a GET is a
    hash of a read representation, which the write-side check never equals."""
    current = f'W/"{float(entity["version"])!r}"'
    return any(tag.strip() in ("*", current) for tag in header.split(","))


def _reference(kind: str, name: str) -> dict[str, Any]:
    ref_id = uuid.uuid5(uuid.NAMESPACE_URL, f"openmetadata:{kind}:{name}")
    short = name.rsplit(".", 1)[-1].strip('"')
    return {"id": str(ref_id), "type": kind, "name": short, "fullyQualifiedName": name}


def _content(body: Mapping[str, Any]) -> dict[str, Any]:
    """Entity fields that a create body sets (references resolved)."""
    out: dict[str, Any] = {}
    for key, value in body.items():
        if key == "domains":
            out[key] = [_reference("domain", d) for d in value]
        elif key == "dataProducts":
            out[key] = [_reference("dataProduct", d) for d in value]
        else:
            out[key] = value
    return out


def _as_create_body(entity: Mapping[str, Any]) -> dict[str, Any]:
    """The create body that would produce ``entity`` (for validating a patched entity)."""
    keys = (
        "name",
        "displayName",
        "serviceType",
        "description",
        "connection",
        "tags",
        "owners",
        "ingestionRunner",
        "entityStatus",
    )
    body = {k: entity[k] for k in keys if entity.get(k) is not None}
    for key in ("domains", "dataProducts"):
        refs = entity.get(key)
        if refs:
            body[key] = [r.get("fullyQualifiedName") if isinstance(r, Mapping) else r for r in refs]
    return body


def _cursor(name: str) -> str:
    return base64.urlsafe_b64encode(name.encode()).decode().rstrip("=")


def _uncursor(value: str) -> str:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise _HttpError(400, "Invalid cursor") from None


def _included(entity: Mapping[str, Any], include: str) -> bool:
    return include == "all" or bool(entity["deleted"]) == (include == "deleted")


def _flag(query: Mapping[str, list[str]], name: str) -> bool:
    return (query.get(name) or ["false"])[-1].lower() == "true"


def _one(query: Mapping[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[-1] if values else None


class _Patch:
    """RFC 6902 JSON Patch: add, remove, replace, move, copy and test."""

    @staticmethod
    def _pointer(pointer: Any) -> list[str]:
        if not isinstance(pointer, str) or (pointer and not pointer.startswith("/")):
            raise _HttpError(400, f"Invalid JSON Patch path: {pointer!r}")
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
        raise _HttpError(400, f"JSON Patch path not found: {part}")

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
            raise _HttpError(400, f"JSON Patch cannot add below a {type(parent).__name__}")
        return doc

    @staticmethod
    def _index(key: str, bound: int) -> int:
        if key.isdigit() and int(key) < bound:
            return int(key)
        raise _HttpError(400, f"JSON Patch index out of range: {key}")

    @classmethod
    def _remove(cls, doc: Any, parts: list[str]) -> Any:
        if not parts:
            raise _HttpError(400, "JSON Patch cannot remove the whole document")
        parent, key = cls._parent(doc, parts)
        cls._child(parent, key)
        if isinstance(parent, list):
            return parent.pop(int(key))
        return parent.pop(key)

    @classmethod
    def apply(cls, doc: Any, ops: Any) -> Any:
        if not isinstance(ops, list):
            raise _HttpError(400, _INVALID_FORMAT)
        for op in ops:
            if not isinstance(op, Mapping) or not isinstance(op.get("op"), str):
                raise _HttpError(400, _INVALID_FORMAT)
            kind = op["op"]
            parts = cls._pointer(op.get("path"))
            if kind in ("add", "replace", "test") and "value" not in op:
                raise _HttpError(400, f"JSON Patch {kind} needs a value")
            if kind == "add":
                doc = cls._add(doc, parts, _clone(op["value"]))
            elif kind == "remove":
                cls._remove(doc, parts)
            elif kind == "replace":
                if parts:
                    cls._remove(doc, parts)
                doc = cls._add(doc, parts, _clone(op["value"]))
            elif kind in ("move", "copy"):
                source = cls._pointer(op.get("from"))
                value = cls._remove(doc, source) if kind == "move" else cls._get(doc, source)
                doc = cls._add(doc, parts, _clone(value))
            elif kind == "test":
                if cls._get(doc, parts) != op["value"]:
                    raise _HttpError(400, f"JSON Patch test failed at {op['path']}")
            else:
                raise _HttpError(400, f"Unknown JSON Patch operation: {kind}")
        return doc


class FakeOpenMetadata:
    """An offline OpenMetadata that answers every messaging-service call in memory.

    Mount it with ``mock()`` (in process, through ``responses``) or ``serve()`` (real
    HTTP on 127.0.0.1); both call ``handle``. Thread-safe: one lock guards the state.
    """

    def __init__(
        self,
        *,
        bulk_route: bool = True,
        base_url: str = "http://localhost:8585/api",
        latency: float = 0.0,
    ):
        """``latency`` (seconds) is added before every answer, like a real server's
        database time, so concurrency can be measured against something realistic."""
        if latency < 0:
            raise ValueError(f"latency must be 0 or more seconds, not {latency}")
        self.latency = latency
        self.bulk_route = bulk_route
        self.base_url = base_url.rstrip("/")
        self._lock = threading.RLock()
        self._principals: dict[str, _Principal] = {}
        self._services: dict[str, _Service] = {}
        self._ids_by_name: dict[str, str] = {}  # so finding a name is not a scan of every service
        self._faults: list[Fault] = []
        self._requests: list[RecordedRequest] = []
        self._clients: dict[str, OpenMetadataClient] = {}
        self._extra_clients: list[OpenMetadataClient] = []

    # -- test helpers ---------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first (a copy)."""
        with self._lock:
            return list(self._requests)

    def add_token(
        self, token: str, user: str, *, bot: bool = False, read_only: bool = False
    ) -> None:
        """Map a bearer token to a user; bots see secrets, read-only users cannot write.

        Unmapped tokens act as the user ``admin``.
        """
        with self._lock:
            self._principals[token] = _Principal(user, bot, read_only)

    def seed(
        self, *bodies: Mapping[str, Any], topics: int = 0, user: str = "admin"
    ) -> list[dict[str, Any]]:
        """Store services directly from create bodies; each gets ``topics`` child topics.

        Returns the stored entities with secrets in clear, for assertions.
        """
        out = []
        with self._lock:
            for body in bodies:
                checked = _checked(body)
                if self._find_name(checked["name"]) is not None:
                    raise ValueError(f"a service named {checked['name']!r} is already seeded")
                entity = self._create(checked, user)
                self._services[entity["id"]].topics = topics
                out.append(_clone(entity))
        return out

    def reset(self) -> None:
        """Forget every service, recorded request, fault and token mapping."""
        with self._lock:
            self._services.clear()
            self._ids_by_name.clear()
            self._faults.clear()
            self._requests.clear()
            self._principals.clear()

    def fail_next(
        self,
        path_or_prefix: str,
        *,
        times: int = 1,
        status: int = 503,
        retry_after: float | None = None,
        drop_connection: bool = False,
        delay: float = 0.0,
        body: str | bytes | None = None,
    ) -> Fault:
        """Answer the next ``times`` requests under ``path_or_prefix`` with a failure.

        ``body`` replaces the JSON error (an HTML proxy page, say); ``drop_connection``
        closes the socket without an answer; ``delay`` waits first, in seconds.
        """
        if times < 1 or delay < 0:
            raise ValueError("fail_next needs times >= 1 and delay >= 0")
        fault = Fault(
            _api_path(path_or_prefix), times, status, retry_after, drop_connection, delay, body
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    # -- the one entry point ----------------------------------------------------------

    def handle(
        self,
        method: str,
        path: str,
        query: str | Mapping[str, list[str]],
        headers: Mapping[str, str],
        body: bytes,
    ) -> Answer:
        """Answer one request. Raises ``DroppedConnection`` when a fault drops it."""
        method = method.upper()
        path = _api_path(path)
        params = (
            urllib.parse.parse_qs(query, keep_blank_values=True)
            if isinstance(query, str)
            else {k: list(v) for k, v in query.items()}
        )
        lowered = {k.lower(): v for k, v in headers.items()}
        self._record(method, path, params, lowered, body)
        fault = self._take_fault(path)
        if fault is not None:
            return self._fail(fault)
        if self.latency:
            time.sleep(self.latency)
        try:
            return self._dispatch(method, path, params, lowered, body)
        except _HttpError as exc:
            return _error(exc.status, exc.message, exc.headers)
        except Exception as exc:  # a bug in the fake must still answer JSON
            return _error(500, f"{type(exc).__name__} in the fake server")

    def _record(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: dict[str, str],
        body: bytes,
    ) -> None:
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = None
        with self._lock:
            self._requests.append(RecordedRequest(method, path, query, headers, parsed))

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if path.startswith(fault.prefix):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    @staticmethod
    def _fail(fault: Fault) -> Answer:
        if fault.delay > 0:
            time.sleep(fault.delay)
        if fault.drop_connection:
            raise DroppedConnection(fault.prefix)
        headers: dict[str, str] = {}
        if fault.retry_after is not None:
            headers["Retry-After"] = f"{fault.retry_after:g}"
        if fault.body is None:
            return _error(
                fault.status,
                "Service Unavailable"
                if fault.status == 503
                else f"injected failure {fault.status}",
                headers,
            )
        raw = fault.body.encode() if isinstance(fault.body, str) else fault.body
        kind = "text/html" if raw.lstrip()[:1] == b"<" else "text/plain"
        return fault.status, {"Content-Type": kind, **headers}, raw

    # -- routing --------------------------------------------------------------------

    def _dispatch(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: dict[str, str],
        body: bytes,
    ) -> Answer:
        if not path.startswith("/v1/"):
            raise _HttpError(404, "HTTP 404 Not Found")
        who = self._principal(headers)
        if path != SERVICES and not path.startswith(SERVICES + "/"):
            raise _HttpError(404, "HTTP 404 Not Found")
        if method in _ACTIONS and who.read_only:
            raise _HttpError(
                403,
                f"Principal: CatalogPrincipal{{name='{who.name}'}} "
                f"operations [{_ACTIONS[method]}] not allowed",
            )
        if len(body) > _MAX_BODY:
            raise _HttpError(413, "HTTP 413 Request Entity Too Large")
        rest = [urllib.parse.unquote(p) for p in path[len(SERVICES) :].split("/")[1:]]
        route, args = self._route(rest)
        handler = getattr(self, f"_{method.lower()}_{route}", None)
        if handler is None:
            raise _HttpError(405, "HTTP 405 Method Not Allowed")
        with self._lock:
            answer: Answer = handler(who, query, headers, body, *args)
        return answer

    def _route(self, rest: list[str]) -> tuple[str, list[str]]:
        if not rest or rest == [""]:
            return "collection", []
        if rest == ["bulk"] and self.bulk_route:
            return "bulk", []
        if rest == ["restore"]:
            return "restore", []
        if len(rest) == 2 and rest[0] == "name" and rest[1]:
            return "name", [rest[1]]
        if len(rest) == 1:
            return "id", rest
        if len(rest) == 2 and rest[1] == "versions":
            return "versions", rest[:1]
        if len(rest) == 3 and rest[1] == "versions":
            return "version", [rest[0], rest[2]]
        raise _HttpError(404, "HTTP 404 Not Found")

    def _principal(self, headers: Mapping[str, str]) -> _Principal:
        auth = headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _HttpError(401, "Not Authorized! Token not present")
        with self._lock:
            return self._principals.get(token.strip(), _Principal("admin"))

    # -- state ----------------------------------------------------------------------

    def _find_name(self, name: str) -> _Service | None:
        """The service whose name or fully qualified name is ``name``."""
        service_id = self._ids_by_name.get(name)
        if service_id is None and len(name) > 1 and name[0] == name[-1] == '"':
            service_id = self._ids_by_name.get(name[1:-1])
            if service_id is not None and fqn(name[1:-1]) != name:
                service_id = None
        return None if service_id is None else self._services.get(service_id)

    def _get_service(self, key: str, by: str, include: str = "non-deleted") -> _Service:
        svc: _Service | None
        if by == "name":
            svc = self._find_name(key)
        else:
            try:
                svc = self._services.get(str(uuid.UUID(key)))
            except ValueError:
                svc = None
        if svc is not None and _included(svc.entity, include):
            return svc
        raise _HttpError(404, f"{_ENTITY_TYPE} instance for {key} not found")

    def _create(self, body: dict[str, Any], user: str) -> dict[str, Any]:
        entity_id = str(uuid.uuid4())
        entity: dict[str, Any] = {
            "id": entity_id,
            "name": body["name"],
            "fullyQualifiedName": fqn(body["name"]),
            "serviceType": body["serviceType"],
            **_content({k: v for k, v in body.items() if k not in ("name", "serviceType")}),
            "version": 0.1,
            "updatedAt": _now_ms(),
            "updatedBy": user,
            "href": f"{self.base_url}{SERVICES}/{entity_id}",
            "deleted": False,
        }
        for key in ("owners", "tags", "domains"):
            entity.setdefault(key, [])
        self._services[entity_id] = _Service(entity, [_clone(entity)])
        self._ids_by_name[entity["name"]] = entity_id
        return entity

    def _update(
        self,
        svc: _Service,
        desired: dict[str, Any],
        user: str,
        *,
        replace: bool,
        restore: bool = False,
    ) -> str:
        """Make ``svc`` look like ``desired``; returns the change header value."""
        old = svc.entity
        new = {k: v for k, v in old.items() if not replace or k in _SERVER_KEYS or k == "id"}
        new.update(_content({k: v for k, v in desired.items() if k not in _SERVER_KEYS}))
        new["fullyQualifiedName"] = fqn(new["name"])
        for key in ("owners", "tags", "domains"):
            new.setdefault(key, [])
        new = unmask(new, old, masked_keys())
        changed = sorted(
            k for k in set(old) | set(new) if k not in _SERVER_KEYS and old.get(k) != new.get(k)
        )
        if restore:
            new["deleted"] = False
        if not changed and not restore:
            return "entityNoChange"
        new["version"] = _bump(old["version"])
        new["updatedAt"] = max(_now_ms(), old["updatedAt"] + 1)
        new["updatedBy"] = user
        new["changeDescription"] = {
            "fieldsAdded": [
                {"name": k, "newValue": _masked(new[k])} for k in changed if k not in old
            ],
            "fieldsUpdated": [
                {"name": k, "oldValue": _masked(old[k]), "newValue": _masked(new[k])}
                for k in changed
                if k in old and k in new
            ],
            "fieldsDeleted": [
                {"name": k, "oldValue": _masked(old[k])} for k in changed if k not in new
            ],
            "previousVersion": old["version"],
        }
        if new["name"] != old["name"]:
            self._ids_by_name.pop(old["name"], None)
            self._ids_by_name[new["name"]] = new["id"]
        svc.entity = new
        svc.history.append(_clone(new))
        return "entityRestored" if restore else "entityUpdated"

    def _upsert(self, body: dict[str, Any], user: str) -> tuple[int, str, dict[str, Any]]:
        svc = self._find_name(body["name"])
        if svc is None:
            return 201, "entityCreated", self._create(body, user)
        change = self._update(svc, body, user, replace=False, restore=svc.entity["deleted"])
        return 200, change, svc.entity

    # -- answers --------------------------------------------------------------------

    @staticmethod
    def _etag(entity: Mapping[str, Any]) -> str:
        digest = hashlib.sha256(
            f"{entity['id']}:{entity['version']}:{entity['updatedAt']}".encode()
        ).hexdigest()
        return f'"{digest[:32]}"'

    def _view(
        self, who: _Principal, entity: Mapping[str, Any], fields: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        view: dict[str, Any] = _clone(dict(entity)) if who.bot else _masked(dict(entity))
        for key in fields:
            view.setdefault(key, [])
        return view

    def _entity_answer(
        self,
        who: _Principal,
        entity: Mapping[str, Any],
        status: int = 200,
        change: str | None = None,
        fields: tuple[str, ...] = (),
    ) -> Answer:
        headers = {**_JSON, "ETag": self._etag(entity)}
        if change is not None:
            headers["X-OpenMetadata-Change"] = change
        if status == 201:
            headers["Location"] = entity["href"]
        return status, headers, json.dumps(self._view(who, entity, fields)).encode()

    @staticmethod
    def _json(body: bytes) -> Any:
        try:
            return json.loads(body)
        except ValueError:
            raise _HttpError(400, _INVALID_FORMAT) from None

    @staticmethod
    def _fields(query: Mapping[str, list[str]]) -> tuple[str, ...]:
        raw = _one(query, "fields") or ""
        names = tuple(f.strip() for f in raw.split(",") if f.strip())
        for name in names:
            if name not in _FIELDS:
                raise _HttpError(400, f"Invalid field name {name}")
        return names

    @staticmethod
    def _include(query: Mapping[str, list[str]]) -> str:
        include = _one(query, "include") or "non-deleted"
        if include not in _INCLUDES:
            raise _HttpError(400, _INVALID_FORMAT)
        return include

    def _post_collection(self, who: _Principal, query: Any, headers: Any, body: bytes) -> Answer:
        checked = _checked(self._json(body))
        if self._find_name(checked["name"]) is not None:
            raise _HttpError(409, "Entity already exists")
        return self._entity_answer(who, self._create(checked, who.name), 201, "entityCreated")

    def _put_collection(self, who: _Principal, query: Any, headers: Any, body: bytes) -> Answer:
        status, change, entity = self._upsert(_checked(self._json(body)), who.name)
        return self._entity_answer(who, entity, status, change)

    def _put_bulk(self, who: _Principal, query: Any, headers: Any, body: bytes) -> Answer:
        items = self._json(body)
        if not isinstance(items, list):
            raise _HttpError(400, _INVALID_FORMAT)
        passed: list[dict[str, Any]] = []
        failed: list[dict[str, Any]] = []
        for item in items:
            echo = item if who.bot else _masked(item)
            try:
                checked = _checked(item)
                status, _, _ = self._upsert(checked, who.name)
            except _HttpError as exc:
                failed.append({"request": echo, "status": exc.status, "message": exc.message})
            else:
                passed.append({"request": echo, "status": status})
        overall = "success" if not failed else "failure" if not passed else "partialSuccess"
        result = {
            "status": overall,
            "numberOfRowsProcessed": len(items),
            "numberOfRowsPassed": len(passed),
            "numberOfRowsFailed": len(failed),
            "successRequest": passed,
            "failedRequest": failed,
        }
        return 200, dict(_JSON), json.dumps(result).encode()

    def _get_collection(
        self, who: _Principal, query: Mapping[str, list[str]], headers: Any, body: bytes
    ) -> Answer:
        fields, include = self._fields(query), self._include(query)
        raw_limit = _one(query, "limit") or "10"
        try:
            limit = int(raw_limit)
        except ValueError:
            raise _HttpError(400, _INVALID_FORMAT) from None
        if not 0 <= limit <= _MAX_LIMIT:
            bound = (
                f"less than or equal to {_MAX_LIMIT}" if limit > 0 else "greater than or equal to 0"
            )
            raise _HttpError(400, f"[query param limit must be {bound}]")
        after, before = _one(query, "after"), _one(query, "before")
        if after is not None and before is not None:
            raise _HttpError(400, "Only one of before or after query parameter allowed")
        domain = _one(query, "domain")
        rows = sorted(
            (s.entity for s in self._services.values() if _included(s.entity, include)),
            key=lambda e: e["name"],
        )
        if domain:
            rows = [
                e
                for e in rows
                if any(d.get("fullyQualifiedName") == domain for d in e.get("domains", []))
            ]
        total = len(rows)
        if before is not None:
            first = _uncursor(before)
            earlier = [e for e in rows if e["name"] < first]
            page = earlier[max(0, len(earlier) - limit) :]
        else:
            last = _uncursor(after) if after is not None else None
            page = [e for e in rows if last is None or e["name"] > last][:limit]
        paging: dict[str, Any] = {"total": total}
        if page and page[0] is not rows[0]:
            paging["before"] = _cursor(page[0]["name"])
        if page and page[-1] is not rows[-1]:
            paging["after"] = _cursor(page[-1]["name"])
        data = [self._view(who, e, fields) for e in page]
        return 200, dict(_JSON), json.dumps({"data": data, "paging": paging}).encode()

    def _get_one(
        self, who: _Principal, query: Mapping[str, list[str]], key: str, by: str
    ) -> Answer:
        fields, include = self._fields(query), self._include(query)
        svc = self._get_service(key, by, include)
        return self._entity_answer(who, svc.entity, fields=fields)

    def _get_id(self, who: _Principal, query: Any, headers: Any, body: bytes, key: str) -> Answer:
        return self._get_one(who, query, key, "id")

    def _get_name(self, who: _Principal, query: Any, headers: Any, body: bytes, key: str) -> Answer:
        return self._get_one(who, query, key, "name")

    def _patch(
        self, who: _Principal, headers: Mapping[str, str], body: bytes, key: str, by: str
    ) -> Answer:
        kind = headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json-patch+json":
            raise _HttpError(415, "HTTP 415 Unsupported Media Type")
        ops = self._json(body)
        svc = self._get_service(key, by)
        expected = headers.get("if-match")
        if expected is not None and not _if_match_holds(expected, svc.entity):
            current = self._etag({**svc.entity, "_representation": "write"})[1:-1][:16]
            raise _HttpError(
                412,
                f'The entity has been modified. Current ETag: "{current}". '
                "Please refresh and retry with the latest version.",
            )
        patched = _Patch.apply(self._view(who, svc.entity), ops)
        if not isinstance(patched, dict):
            raise _HttpError(400, _INVALID_FORMAT)
        desired = _checked(_as_create_body(patched))
        other = self._find_name(desired["name"])
        if other is not None and other is not svc:
            raise _HttpError(409, "Entity already exists")
        change = self._update(svc, desired, who.name, replace=True)
        return self._entity_answer(who, svc.entity, change=change)

    def _patch_id(
        self, who: _Principal, query: Any, headers: Mapping[str, str], body: bytes, key: str
    ) -> Answer:
        return self._patch(who, headers, body, key, "id")

    def _patch_name(
        self, who: _Principal, query: Any, headers: Mapping[str, str], body: bytes, key: str
    ) -> Answer:
        return self._patch(who, headers, body, key, "name")

    def _delete(self, who: _Principal, query: Mapping[str, list[str]], key: str, by: str) -> Answer:
        hard = _flag(query, "hardDelete")
        svc = self._get_service(key, by, "all" if hard else "non-deleted")
        if svc.topics and not _flag(query, "recursive"):
            raise _HttpError(400, f"{_ENTITY_TYPE} is not empty")
        if hard:
            del self._services[svc.entity["id"]]
            self._ids_by_name.pop(svc.entity["name"], None)
            return self._entity_answer(who, svc.entity, change="entityDeleted")
        new = {
            **svc.entity,
            "deleted": True,
            "version": _bump(svc.entity["version"]),
            "updatedAt": max(_now_ms(), svc.entity["updatedAt"] + 1),
            "updatedBy": who.name,
        }
        svc.entity = new
        svc.history.append(_clone(new))
        return self._entity_answer(who, new, change="entitySoftDeleted")

    def _delete_id(
        self, who: _Principal, query: Any, headers: Any, body: bytes, key: str
    ) -> Answer:
        return self._delete(who, query, key, "id")

    def _delete_name(
        self, who: _Principal, query: Any, headers: Any, body: bytes, key: str
    ) -> Answer:
        return self._delete(who, query, key, "name")

    def _put_restore(self, who: _Principal, query: Any, headers: Any, body: bytes) -> Answer:
        data = self._json(body)
        if not isinstance(data, Mapping) or not isinstance(data.get("id"), str):
            raise _HttpError(400, _INVALID_FORMAT)
        svc = self._get_service(data["id"], "id", "all")
        if not svc.entity["deleted"]:
            return self._entity_answer(who, svc.entity, change="entityNoChange")
        change = self._update(svc, {}, who.name, replace=False, restore=True)
        return self._entity_answer(who, svc.entity, change=change)

    def _get_versions(
        self, who: _Principal, query: Any, headers: Any, body: bytes, key: str
    ) -> Answer:
        svc = self._get_service(key, "id", "all")
        versions = [json.dumps(self._view(who, v)) for v in reversed(svc.history)]
        payload = {"entityType": _ENTITY_TYPE, "versions": versions}
        return 200, dict(_JSON), json.dumps(payload).encode()

    def _get_version(
        self, who: _Principal, query: Any, headers: Any, body: bytes, key: str, version: str
    ) -> Answer:
        svc = self._get_service(key, "id", "all")
        try:
            wanted = round(float(version), 1)
        except ValueError:
            wanted = -1.0
        for entity in svc.history:
            if entity["version"] == wanted:
                return 200, dict(_JSON), json.dumps(self._view(who, entity)).encode()
        raise _HttpError(404, f"{_ENTITY_TYPE} instance for {key} and version {version} not found")

    # -- mounts (kept thin; see _mounts) ---------------------------------------------

    def mock(self, base_url: str = "http://localhost:8585/api") -> MockMount:
        """Mount in process through ``responses``: ``with fake.mock(url) as fake: ...``."""
        from openmetadata_fluent.testing._mounts import MockMount

        return MockMount(self, base_url)

    def serve(self, port: int = 0, host: str = "127.0.0.1") -> HttpServer:
        """Serve real HTTP in a background thread: ``with fake.serve() as server: ...``."""
        from openmetadata_fluent.testing._mounts import HttpServer

        return HttpServer(self, host, port)

    def client(self, token: str | None = "test-token", **kwargs: Any) -> OpenMetadataClient:
        """An ``OpenMetadataClient`` wired to the current mount; its retries never sleep
        unless ``retry`` is given. The no-argument client is shared and closed on unmount."""
        from openmetadata_fluent.testing._mounts import client_for

        if token != "test-token" or kwargs:
            made = client_for(self.base_url, token, **kwargs)
            with self._lock:
                self._extra_clients.append(made)
            return made
        with self._lock:
            found = self._clients.get(self.base_url)
            if found is None:
                found = self._clients[self.base_url] = client_for(self.base_url, token)
            return found

    def _close_clients(self) -> None:
        with self._lock:
            clients = [*self._clients.values(), *self._extra_clients]
            self._clients, self._extra_clients = {}, []
        for found in clients:
            found.close()
