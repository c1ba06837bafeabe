"""The client: configuration, the environment, and the process-wide default client."""

from __future__ import annotations

import copy
import importlib
import os
import threading
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import attrs

from openmetadata_fluent.errors import ConfigurationError, OpenMetadataWarning
from openmetadata_fluent.transport import RetryPolicy, Timeout, Transport

if TYPE_CHECKING:
    from openmetadata_fluent.messaging import MessagingServiceOperations
    from openmetadata_fluent.topics import TopicOperations

__all__ = ["OpenMetadataClient", "configure", "default_client", "set_default_client"]

DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 30.0)
"""Seconds to connect and to wait for an answer."""

ENV_HOST = ("OPENMETADATA_HOST", "OPENMETADATA_SERVER_URL")
ENV_TOKEN = ("OPENMETADATA_JWT_TOKEN", "OPENMETADATA_API_KEY")
ENV_VERIFY = "OPENMETADATA_VERIFY_SSL"
ENV_CA_BUNDLE = "OPENMETADATA_CA_BUNDLE"
ENV_TIMEOUT = "OPENMETADATA_CLIENT_TIMEOUT"
_TRUE = {"1", "true", "yes", "on", "validate"}
_FALSE = {"0", "false", "no", "off", "ignore", "no-ssl"}


# Entity operations by client attribute: (module, class). Each takes the client.
_RESOURCES = {
    "messaging_services": ("openmetadata_fluent.messaging", "MessagingServiceOperations"),
    "topics": ("openmetadata_fluent.topics", "TopicOperations"),
}


class InsecureConnectionWarning(OpenMetadataWarning):
    """TLS certificate verification is turned off for a client."""


_warned_insecure = False


def api_base_url(base_url: str) -> str:
    """``http://host:8585``, ``.../api`` and ``.../api/`` all give ``http://host:8585/api``."""
    url = base_url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(
            f"base_url must be an http(s) URL such as http://localhost:8585/api, not {base_url!r}"
        )
    return url if url.endswith("/api") else url + "/api"


class OpenMetadataClient:
    """A connection to one OpenMetadata server.

    Safe to share between threads: it holds one ``requests.Session`` whose connection
    pool is reused by every call. ``client.messaging_services`` has every messaging
    service call, bound to this client.
    """

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = 3,
        verify: bool | str = True,
        retry: RetryPolicy | None = None,
    ) -> None:
        self.base_url = api_base_url(base_url)
        if max_retries < 0:
            raise ConfigurationError(f"max_retries must be 0 or more, not {max_retries}")
        _check_timeout(timeout)
        if verify is False:
            _warn_insecure(self.base_url)
        policy = retry or RetryPolicy(max_retries=max_retries)
        self._transport = Transport(
            self.base_url, token, timeout=timeout, verify=verify, retry=policy
        )
        self._has_token = bool(token)
        self._resources: dict[str, Any] = {}

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> OpenMetadataClient:
        """A client from the variables users of the official clients already set:
        OPENMETADATA_HOST (or _SERVER_URL), OPENMETADATA_JWT_TOKEN (or _API_KEY),
        OPENMETADATA_VERIFY_SSL, OPENMETADATA_CA_BUNDLE, OPENMETADATA_CLIENT_TIMEOUT."""
        env = os.environ if environ is None else environ
        host = next((env[k] for k in ENV_HOST if env.get(k)), None)
        if host is None:
            raise ConfigurationError(
                "no OpenMetadata server configured: call configure(base_url=..., token=...) "
                "or set OPENMETADATA_HOST (for example http://localhost:8585/api) and "
                "OPENMETADATA_JWT_TOKEN"
            )
        token = next((env[k] for k in ENV_TOKEN if env.get(k)), None)
        verify: bool | str = True
        raw_verify = env.get(ENV_VERIFY, "").strip().lower()
        if raw_verify in _FALSE:
            verify = False
        elif raw_verify and raw_verify not in _TRUE:
            raise ConfigurationError(
                f"{ENV_VERIFY} must be true or false (or validate / ignore), not {raw_verify!r}"
            )
        ca_bundle = env.get(ENV_CA_BUNDLE)
        if ca_bundle and verify is not False:
            if not os.path.exists(ca_bundle):
                raise ConfigurationError(f"{ENV_CA_BUNDLE} names a file that does not exist")
            verify = ca_bundle
        timeout: Timeout = DEFAULT_TIMEOUT
        raw_timeout = env.get(ENV_TIMEOUT)
        if raw_timeout:
            try:
                timeout = (DEFAULT_TIMEOUT[0], float(raw_timeout))
            except ValueError:
                raise ConfigurationError(
                    f"{ENV_TIMEOUT} must be a number of seconds, not {raw_timeout!r}"
                ) from None
        return cls(host, token, timeout=timeout, verify=verify)

    def _resource(self, key: str) -> Any:
        """The operations of one entity type for this client, made on first use (their
        modules load then, so a client that only talks to one type loads only that one)."""
        found = self._resources.get(key)
        if found is None:
            module, name = _RESOURCES[key]
            found = self._resources[key] = getattr(importlib.import_module(module), name)(self)
        return found

    @property
    def messaging_services(self) -> MessagingServiceOperations:
        """Messaging-service calls bound to this client."""
        operations: MessagingServiceOperations = self._resource("messaging_services")
        return operations

    @property
    def topics(self) -> TopicOperations:
        """Topic calls bound to this client."""
        operations: TopicOperations = self._resource("topics")
        return operations

    def with_options(
        self, *, timeout: Timeout | None = None, max_retries: int | None = None
    ) -> OpenMetadataClient:
        """A client for some calls with other timeouts or retries, sharing this one's
        connections: ``client.with_options(timeout=120).messaging_services.bulk_upsert(...)``."""
        if timeout is not None:
            _check_timeout(timeout)
        if max_retries is not None and max_retries < 0:
            raise ConfigurationError(f"max_retries must be 0 or more, not {max_retries}")
        retry = self._transport.retry
        if max_retries is not None:
            retry = attrs.evolve(retry, max_retries=max_retries)
        clone = copy.copy(self)
        clone._transport = self._transport.derive(timeout=timeout, retry=retry)
        clone._resources = {}
        return clone

    @property
    def transport(self) -> Transport:
        return self._transport

    def close(self) -> None:
        """Close pooled connections."""
        self._transport.close()

    def __enter__(self) -> OpenMetadataClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        token = "'***'" if self._has_token else "None"
        return f"OpenMetadataClient({self.base_url!r}, token={token})"

    fromEnv = from_env
    withOptions = with_options
    messagingServices = messaging_services


def _check_timeout(timeout: Timeout) -> None:
    values = timeout if isinstance(timeout, tuple) else (timeout,)
    if not values or any(not isinstance(v, (int, float)) or v <= 0 for v in values):
        raise ConfigurationError(
            f"timeout must be seconds > 0, or a (connect, read) pair, not {timeout!r}"
        )


def _warn_insecure(url: str) -> None:
    global _warned_insecure
    if not _warned_insecure:
        _warned_insecure = True
        warnings.warn(
            f"TLS certificate verification is off for {url}; anyone on the path can read the "
            "token. Pass verify='/path/to/ca.pem' instead where you can.",
            InsecureConnectionWarning,
            stacklevel=3,
        )


_lock = threading.Lock()
_default: OpenMetadataClient | None = None
_from_env: tuple[tuple[str | None, ...], OpenMetadataClient] | None = None


def set_default_client(client: OpenMetadataClient | None) -> None:
    """Make ``client`` the one process-wide default (None goes back to the environment)."""
    global _default
    with _lock:
        _default = client


def configure(
    base_url: str,
    token: str | None = None,
    *,
    timeout: Timeout = DEFAULT_TIMEOUT,
    max_retries: int = 3,
    verify: bool | str = True,
) -> OpenMetadataClient:
    """Create a client, make it the default, and return it."""
    client = OpenMetadataClient(
        base_url, token, timeout=timeout, max_retries=max_retries, verify=verify
    )
    set_default_client(client)
    return client


def default_client() -> OpenMetadataClient:
    """The configured default, else one made from the environment (kept while it is
    unchanged), else a ``ConfigurationError`` saying what to set."""
    global _from_env
    with _lock:
        if _default is not None:
            return _default
        names = (*ENV_HOST, *ENV_TOKEN, ENV_VERIFY, ENV_CA_BUNDLE, ENV_TIMEOUT)
        key = tuple(os.environ.get(n) for n in names)
        if _from_env is None or _from_env[0] != key:
            _from_env = (key, OpenMetadataClient.from_env())
        return _from_env[1]
