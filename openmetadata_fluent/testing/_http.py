"""The fake's HTTP vocabulary: answers and errors, recorded requests and their headers,
injected faults, and who a bearer token is. Knows nothing about entities."""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from openmetadata_fluent._secrets import REDACTED, looks_secret

__all__ = [
    "ANONYMOUS",
    "CHALLENGE",
    "CHALLENGED",
    "INVALID_FORMAT",
    "JSON",
    "MAX_BODY",
    "UNPROCESSABLE_JSON",
    "Answer",
    "DroppedConnection",
    "Fault",
    "Headers",
    "HttpError",
    "Principal",
    "RecordedRequest",
    "api_path",
    "error",
    "fault_answer",
    "flag",
    "forbid",
    "one",
    "parse_json",
    "parse_query",
    "principal",
]

Answer = tuple[int, dict[str, str], bytes]
"""Status, headers and body bytes of one answer."""

INVALID_FORMAT = "Invalid request format"
"""A body Jackson cannot map: an unknown property, a bad enum value, a wrong JSON type."""
UNPROCESSABLE_JSON = "Unable to process JSON"
"""A body that is not JSON at all (Dropwizard's mapper; it adds a ``details`` field)."""
MAX_BODY = 32 * 1024 * 1024
JSON = {"Content-Type": "application/json"}
CHALLENGED = frozenset({401, 403, 404, 409, 412})
"""Error statuses the server answers with ``WWW-Authenticate: om-auth`` as well."""
CHALLENGE = {"WWW-Authenticate": "om-auth"}

_DECODER = json.JSONDecoder()
_CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})


class DroppedConnection(Exception):
    """Raised by ``handle`` when a fault says the connection drops without an answer."""


class HttpError(Exception):
    """An error answer: raised anywhere below ``handle`` and turned into JSON there;
    ``extra`` adds keys to the JSON body (``details``)."""

    def __init__(
        self,
        status: int,
        message: str,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})


class Headers(Mapping[str, str]):
    """Request headers looked up whatever the case, as HTTP means them; keys are kept
    lower-cased, and credentials never show in the repr."""

    __slots__ = ("_lowered",)

    def __init__(self, raw: Mapping[str, str]) -> None:
        self._lowered = {k.lower(): v for k, v in raw.items()}

    def __getitem__(self, key: str) -> str:
        return self._lowered[key.lower()]

    def get(self, key: str, default: Any = None) -> Any:
        return self._lowered.get(key.lower(), default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._lowered

    def __iter__(self) -> Iterator[str]:
        return iter(self._lowered)

    def __len__(self) -> int:
        return len(self._lowered)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mapping):
            return NotImplemented
        return self._lowered == {str(k).lower(): v for k, v in other.items()}

    __hash__ = None  # type: ignore[assignment]  # a mapping, compared by content

    def __repr__(self) -> str:
        shown = {
            k: REDACTED if k in _CREDENTIAL_HEADERS or looks_secret(k) else v
            for k, v in self._lowered.items()
        }
        return f"Headers({shown!r})"


@attrs.frozen
class RecordedRequest:
    """One request the fake received, for assertions on the wire; ``headers`` are looked
    up whatever the case (``headers["Authorization"]`` is ``headers["authorization"]``)."""

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
class Principal:
    """Who a request comes from: bots see secrets, read-only users cannot write, and
    with ``masked`` False (a server without auth) nobody's secrets are masked."""

    name: str
    bot: bool = False
    read_only: bool = False
    masked: bool = True

    @property
    def sees_secrets(self) -> bool:
        return self.bot or not self.masked


def api_path(path: str) -> str:
    """The path relative to the API base: ``/api/v1/x`` and ``/v1/x`` are the same."""
    path = path.split("?", 1)[0]
    return path[4:] if path == "/api" or path.startswith("/api/") else path


def parse_query(query: str | Mapping[str, list[str]]) -> dict[str, list[str]]:
    if isinstance(query, str):
        return urllib.parse.parse_qs(query, keep_blank_values=True)
    return {k: list(v) for k, v in query.items()}


def error(
    status: int,
    message: str,
    headers: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Answer:
    body = json.dumps({"code": status, "message": message, **(extra or {})}).encode()
    return status, {**JSON, **(headers or {})}, body


def parse_json(body: bytes) -> Any:
    """A request body as JSON, or the server's 400 with a ``details`` field for anything
    else (API_FACTS "Error answers": high confidence, not proven on the newest build)."""
    try:
        text = body.decode("utf-8").lstrip()
        if not text:
            # Jackson maps "no content" as a mapping problem, not a parse error.
            raise HttpError(400, INVALID_FORMAT)
        # Jackson reads the first value and leaves trailing content alone.
        return _DECODER.raw_decode(text)[0]
    except ValueError as exc:
        details = str(exc) if isinstance(exc, json.JSONDecodeError) else "invalid UTF-8"
        raise HttpError(400, UNPROCESSABLE_JSON, extra={"details": details}) from None


def forbid(who: Principal, operation: str) -> None:
    """The server's 403 for a caller whose role does not allow ``operation`` (the
    MetadataOperation name: Create, EditAll, Delete)."""
    if who.read_only:
        principal = f"CatalogPrincipal{{name='{who.name}'}}"
        raise HttpError(403, f"Principal: {principal} operations [{operation}] not allowed")


def flag(query: Mapping[str, list[str]], name: str) -> bool:
    return (query.get(name) or ["false"])[-1].lower() == "true"


def one(query: Mapping[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[-1] if values else None


ANONYMOUS = "anonymous"
"""The caller's name on a server without auth (not proven against a live server)."""


def principal(
    headers: Mapping[str, str], known: Mapping[str, Principal], *, auth: bool = True
) -> Principal:
    """The caller a bearer token names; unmapped tokens act as ``admin``, none is a 401.

    Without auth nobody needs a token and nothing is masked for anyone (API_FACTS
    "Secrets": the server masks for nobody when it runs without auth).
    """
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        if auth:
            raise HttpError(401, "Not Authorized! Token not present")
        return Principal(ANONYMOUS, masked=False)
    found = known.get(token.strip(), Principal("admin"))
    return found if auth else attrs.evolve(found, masked=False)


def fault_answer(fault: Fault) -> Answer:
    """What an injected fault answers, after its delay; raises when it drops the line."""
    if fault.delay > 0:
        time.sleep(fault.delay)
    if fault.drop_connection:
        raise DroppedConnection(fault.prefix)
    headers: dict[str, str] = {}
    if fault.retry_after is not None:
        headers["Retry-After"] = f"{fault.retry_after:g}"
    if fault.body is None:
        message = (
            "Service Unavailable" if fault.status == 503 else f"injected failure {fault.status}"
        )
        return error(fault.status, message, headers)
    raw = fault.body.encode() if isinstance(fault.body, str) else fault.body
    kind = "text/html" if raw.lstrip()[:1] == b"<" else "text/plain"
    return fault.status, {"Content-Type": kind, **headers}, raw
