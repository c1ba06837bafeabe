"""``FakeOpenMetadata``, the offline server's facade: it records requests, injects faults,
knows the callers, and hands each request to the routes of the resource it names.

``handle`` takes one HTTP request as plain values and returns the answer as plain values,
so the ``responses`` mount and the HTTP mount share every rule.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from openmetadata_fluent.models.common import copy_json
from openmetadata_fluent.testing._http import (
    CHALLENGE,
    CHALLENGED,
    MAX_BODY,
    Answer,
    DroppedConnection,
    Fault,
    Headers,
    HttpError,
    Principal,
    RecordedRequest,
    api_path,
    error,
    fault_answer,
    parse_query,
    principal,
)
from openmetadata_fluent.testing._messaging_services import MessagingServices
from openmetadata_fluent.testing._mounts import HttpServer, MockMount, client_for
from openmetadata_fluent.testing._resource import Call, Resource, RouteTable
from openmetadata_fluent.testing._routes import routes_for
from openmetadata_fluent.testing._store import FakeClock, Store
from openmetadata_fluent.testing._topics import Topics

if TYPE_CHECKING:
    from openmetadata_fluent.client import OpenMetadataClient

__all__ = [
    "BUILTIN",
    "DroppedConnection",
    "FakeClock",
    "FakeOpenMetadata",
    "Fault",
    "RecordedRequest",
]

BUILTIN: tuple[type[Resource], ...] = (MessagingServices, Topics)
"""The entity types every fake serves; a new resource module is added here."""

_NOT_FOUND = "HTTP 404 Not Found"


class FakeOpenMetadata:
    """An offline OpenMetadata that answers in memory for every entity type it serves
    (messaging services built in; ``register`` adds more).

    Mount it with ``mock()`` (in process, through ``responses``) or ``serve()`` (real
    HTTP on 127.0.0.1); both call ``handle``. Thread-safe: one lock guards the state.
    """

    def __init__(
        self,
        *,
        bulk_route: bool | None = None,
        base_url: str = "http://localhost:8585/api",
        latency: float = 0.0,
        clock: Callable[[], float] | None = None,
        auth: bool = True,
    ):
        """``latency`` (seconds) is added before every answer, like a real server's
        database time, so concurrency can be measured against something realistic.

        ``bulk_route``: None serves ``PUT .../bulk`` where current servers have it (not
        for messaging services), True everywhere (to test a client's bulk path), False
        nowhere. ``clock`` (seconds, like ``time.time``; see ``FakeClock``) stamps every
        write, so tests move time without sleeping. ``auth`` False is a server without
        auth: no token needed, no secret masked.
        """
        if latency < 0:
            raise ValueError(f"latency must be 0 or more seconds, not {latency}")
        self.latency = latency
        self.bulk_route = bulk_route
        self.base_url = base_url.rstrip("/")
        self.clock: Callable[[], float] = clock or time.time
        self.auth = auth
        self._lock = threading.RLock()
        self._principals: dict[str, Principal] = {}
        self._store = Store(lambda: self.clock())
        self._mounted: list[tuple[str, Resource, RouteTable]] = []
        self._faults: list[Fault] = []
        self._requests: list[RecordedRequest] = []
        self._clients: dict[str, OpenMetadataClient] = {}
        self._extra_clients: list[OpenMetadataClient] = []
        for kind in BUILTIN:
            self.register(kind())

    def register(self, resource: Resource) -> None:
        """Serve another entity type: its collection and everything below it."""
        with self._lock:
            self._store.register(resource)
            self._mounted.append((resource.collection, resource, routes_for(resource)))
            # the longest collection first, so a nested one is never shadowed
            self._mounted.sort(key=lambda m: len(m[0]), reverse=True)

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
            self._principals[token] = Principal(user, bot, read_only)
            self._store.user(user)

    def user_id(self, name: str) -> str:
        """The id of the user ``name`` (made known to the fake, so it can follow
        entities); the same name always has the same id."""
        with self._lock:
            return str(self._store.user(name)["id"])

    def seed(
        self, *bodies: Mapping[str, Any], topics: int = 0, user: str = "admin"
    ) -> list[dict[str, Any]]:
        """Store services directly from create bodies; each gets ``topics`` child topics.

        Returns the stored entities with secrets in clear, for assertions.
        """
        out = []
        with self._lock:
            services = self._store.kinds[MessagingServices.kind]
            for body in bodies:
                checked = services.prepare(self._store, None, services.check(body), "post")
                parent, found = services.existing(self._store, checked)
                if found is not None:
                    raise ValueError(f"a service named {checked['name']!r} is already seeded")
                record = services.create(self._store, checked, user, self.base_url, parent)
                record.seeded_children = topics
                out.append(copy_json(record.entity))
        return out

    def reset(self) -> None:
        """Forget every entity, recorded request, fault and token mapping."""
        with self._lock:
            self._store.clear()
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
            api_path(path_or_prefix), times, status, retry_after, drop_connection, delay, body
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
        path = api_path(path)
        params = parse_query(query)
        seen = Headers(headers)
        self._record(method, path, params, seen, body)
        fault = self._take_fault(path)
        if fault is not None:
            return fault_answer(fault)
        if self.latency:
            time.sleep(self.latency)
        try:
            return self._dispatch(method, path, params, seen, body)
        except HttpError as exc:
            headers = {**CHALLENGE, **exc.headers} if exc.status in CHALLENGED else exc.headers
            return error(exc.status, exc.message, headers, exc.extra)
        except Exception as exc:  # a bug in the fake must still answer JSON
            return error(500, f"{type(exc).__name__} in the fake server")

    def _record(
        self, method: str, path: str, query: dict[str, list[str]], headers: Headers, body: bytes
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

    def _dispatch(
        self, method: str, path: str, query: dict[str, list[str]], headers: Headers, body: bytes
    ) -> Answer:
        if not path.startswith("/v1/"):
            raise HttpError(404, _NOT_FOUND)
        with self._lock:
            who = principal(headers, self._principals, auth=self.auth)
        prefix, resource, routes = self._mount_for(path)
        if len(body) > MAX_BODY:
            raise HttpError(413, "HTTP 413 Request Entity Too Large")
        rest = [urllib.parse.unquote(p) for p in path[len(prefix) :].split("/")[1:]]
        bulk = resource.bulk if self.bulk_route is None else self.bulk_route
        route, args = routes.find([] if rest == [""] else rest, bulk=bulk)
        handler = route.handlers.get(method)
        if handler is None:
            raise HttpError(405, "HTTP 405 Method Not Allowed")
        with self._lock:
            call = Call(resource, self._store, who, query, headers, body, self.base_url)
            return handler(call, *args)

    def _mount_for(self, path: str) -> tuple[str, Resource, RouteTable]:
        for mounted in self._mounted:
            prefix = mounted[0]
            if path == prefix or path.startswith(prefix + "/"):
                return mounted
        raise HttpError(404, _NOT_FOUND)

    # -- mounts (kept thin; see _mounts) ---------------------------------------------

    def mock(self, base_url: str = "http://localhost:8585/api") -> MockMount:
        """Mount in process through ``responses``: ``with fake.mock(url) as fake: ...``."""
        return MockMount(self, base_url)

    def serve(self, port: int = 0, host: str = "127.0.0.1") -> HttpServer:
        """Serve real HTTP in a background thread: ``with fake.serve() as server: ...``."""
        return HttpServer(self, host, port)

    def client(self, token: str | None = "test-token", **kwargs: Any) -> OpenMetadataClient:
        """An ``OpenMetadataClient`` wired to the current mount; its retries never sleep
        unless ``retry`` is given. The no-argument client is shared and closed on unmount."""
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
