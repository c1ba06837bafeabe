"""Every exception and warning the SDK raises, in one hierarchy.

``OpenMetadataError`` is the root. ``APIError`` and its subclasses are answers from the
server, picked by status from ``STATUS_ERRORS``; ``TransportError`` is a request that got
no answer; ``ValidationError`` is bad input caught before any request was sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any

import attrs

__all__ = [
    "APIError",
    "BadRequestError",
    "BulkError",
    "ConfigurationError",
    "DeadlineExceededError",
    "EntityAlreadyExistsError",
    "ForbiddenError",
    "InvalidResponseError",
    "NotFoundError",
    "OpenMetadataError",
    "OpenMetadataWarning",
    "PreconditionFailedError",
    "Problem",
    "RateLimitError",
    "RedirectError",
    "SaslConfigurationWarning",
    "ServerError",
    "TransportError",
    "UnauthorizedError",
    "ValidationError",
]


class OpenMetadataError(Exception):
    """Root of every error this SDK raises."""


class ConfigurationError(OpenMetadataError, ValueError):
    """The client is missing settings it needs (server URL, token) or has bad ones."""


@attrs.frozen
class Problem:
    """One thing wrong with an input: where (a dotted field path) and what."""

    path: str
    message: str
    code: str = "invalid"
    """A short machine-readable kind: required, unknown, enum, type, uri, pattern, ..."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(OpenMetadataError, ValueError):
    """Input the server would reject, found before any request was sent.

    ``problems`` lists every problem found, each with its field path.
    """

    def __init__(self, problems: Iterable[Problem], subject: str = "request") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"invalid {subject}: {count} {noun}\n{lines}")


class TransportError(OpenMetadataError):
    """The request got no usable answer: connection refused or dropped, or a timeout."""

    def __init__(self, message: str, *, method: str, url: str) -> None:
        self.method = method
        self.url = url
        super().__init__(f"{method} {url}: {message}")


class DeadlineExceededError(TransportError):
    """The call's total deadline ran out: connecting, waiting, reading and retrying all
    count against it, so a slow or stuck server cannot hold the caller past it."""

    def __init__(self, message: str, *, method: str, url: str, deadline: float) -> None:
        self.deadline = deadline
        super().__init__(message, method=method, url=url)


class APIError(OpenMetadataError):
    """The server answered with an error status."""

    default_error_type: str | None = None
    """The seeds' error type for this class; None means "the HTTP status name"."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        method: str,
        url: str,
        path: str | None = None,
        error_type: str | None = None,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.status = status
        self.message = message
        self.method = method
        self.url = url
        self.path = path if path is not None else url
        self.error_type = error_type or self.default_error_type or _status_name(status)
        self.body = body
        # Kept as given: the transport passes the response's case-insensitive mapping.
        self.headers: Mapping[str, str] = headers if headers is not None else {}
        self.retry_after = retry_after
        """Seconds the server asked to wait (``Retry-After``), when it said so."""
        self.attempts = 1
        """How many times the request was sent before this answer (retries included)."""
        super().__init__(f"{status} {self.error_type} {method} {url}: {message}")

    def with_message(self, message: str) -> APIError:
        """The same error (of the same class, with its status, URL, body, headers and
        retries) saying ``message``: for a caller that knows more about what the answer
        means than the status does."""
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.message = message
        clone.args = (f"{self.status} {self.error_type} {self.method} {self.url}: {message}",)
        return clone


class BadRequestError(APIError):
    """400: the server refused the request as malformed or not allowed as sent."""

    default_error_type = "BAD_REQUEST"


class UnauthorizedError(APIError):
    """401: no token, or one the server does not accept."""

    default_error_type = "UNAUTHORIZED"


class ForbiddenError(APIError):
    """403: the token is valid but may not do this."""

    default_error_type = "FORBIDDEN"


class NotFoundError(APIError):
    """404: no entity with that id or name (or a route this server lacks)."""

    default_error_type = "NOT_FOUND"


class EntityAlreadyExistsError(APIError):
    """409: an entity of that name already exists; ``upsert()`` updates instead."""

    default_error_type = "ENTITY_ALREADY_EXISTS"


class PreconditionFailedError(APIError):
    """412: the entity changed since it was read (its ETag no longer matches)."""

    default_error_type = "PRECONDITION_FAILED"


class RateLimitError(APIError):
    """429: ``retry_after`` is the server's wait in seconds, when it gave one."""

    default_error_type = "TOO_MANY_REQUESTS"


class ServerError(APIError):
    """5xx, including HTML error pages from a proxy in front of the server."""


class RedirectError(APIError):
    """A 3xx the SDK would not follow: any redirect of a write (its body is never re-sent
    to a new address), or a read sent to another origin or around too many hops.

    ``location`` is the target the server named, with any credentials in it removed."""

    def __init__(self, *args: Any, location: str | None = None, **kwargs: Any) -> None:
        self.location = location
        super().__init__(*args, **kwargs)


class InvalidResponseError(APIError):
    """A success status whose body is not usable JSON: not JSON, cut short, not UTF-8,
    nested too deeply, compressed wrongly or larger than the client accepts."""

    default_error_type = "INVALID_RESPONSE"


STATUS_ERRORS: Mapping[int, type[APIError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: EntityAlreadyExistsError,
    412: PreconditionFailedError,
    429: RateLimitError,
}


def error_class(status: int) -> type[APIError]:
    """The exception class for an error status."""
    if status >= 500:
        return ServerError
    return STATUS_ERRORS.get(status, APIError)


def _status_name(status: int) -> str:
    try:
        return HTTPStatus(status).name
    except ValueError:
        return f"HTTP_{status}"


class BulkError(OpenMetadataError):
    """Some items of a bulk or batch call were not stored; ``result`` has every outcome."""

    def __init__(self, result: Any) -> None:
        self.result = result
        failed = result.failed
        lines = "\n".join(
            f"  - {getattr(f.item, 'name', '?')}: {f.status or 'no answer'} {f.message}"
            for f in failed[:20]
        )
        more = f"\n  ... and {len(failed) - 20} more" if len(failed) > 20 else ""
        total = result.number_of_rows_processed
        super().__init__(f"{len(failed)} of {total} items were not stored:\n{lines}{more}")


class OpenMetadataWarning(UserWarning):
    """Base of the warnings this SDK gives about inputs the server accepts but that
    probably do not do what was meant."""


class SaslConfigurationWarning(OpenMetadataWarning):
    """SASL settings given with a security protocol that does not use SASL."""
