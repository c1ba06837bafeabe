"""The client: configuration, the environment, and the process-wide default client."""

from __future__ import annotations

import copy
import importlib
import math
import os
import threading
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import attrs

from openmetadata_fluent._settings import (
    DEFAULT_MAX_RESPONSE_BYTES,
    RetryPolicy,
    Timeout,
    environ_proxies,
)
from openmetadata_fluent.errors import ConfigurationError, OpenMetadataWarning

if TYPE_CHECKING:
    from openmetadata_fluent.messaging import MessagingServiceOperations
    from openmetadata_fluent.topics import TopicOperations
    from openmetadata_fluent.transport import Transport

__all__ = ["OpenMetadataClient", "configure", "default_client", "set_default_client"]

DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 30.0)
"""Seconds to connect and to wait for an answer."""

ENV_HOST = ("OPENMETADATA_HOST", "OPENMETADATA_SERVER_URL")
ENV_TOKEN = ("OPENMETADATA_JWT_TOKEN", "OPENMETADATA_API_KEY")
ENV_VERIFY = "OPENMETADATA_VERIFY_SSL"
ENV_CA_BUNDLE = "OPENMETADATA_CA_BUNDLE"
ENV_TIMEOUT = "OPENMETADATA_CLIENT_TIMEOUT"
# What requests itself would read for a CA bundle, in its order; read once per client.
ENV_REQUESTS_CA_BUNDLE = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")
_TRUE = {"1", "true", "yes", "on", "validate"}
_FALSE = {"0", "false", "no", "off", "ignore", "no-ssl"}
_EXAMPLE_URL = "http://localhost:8585/api"


# Entity operations by client attribute: (module, class). Each takes the client.
_RESOURCES = {
    "messaging_services": ("openmetadata_fluent.messaging", "MessagingServiceOperations"),
    "topics": ("openmetadata_fluent.topics", "TopicOperations"),
}


class InsecureConnectionWarning(OpenMetadataWarning):
    """TLS certificate verification is turned off for a client."""


_warned_insecure = False


def _hide_userinfo(url: str) -> str:
    """``url`` fit to show: anything before an ``@`` (a user and password) masked."""
    userinfo, at, rest = url.rpartition("@")
    if not at:
        return url
    scheme, has_scheme, _ = userinfo.partition("://")
    return (scheme + "://" if has_scheme else "") + "***@" + rest


def api_base_url(base_url: Any, source: str = "base_url") -> str:
    """``http://host:8585``, ``.../api``, ``.../api/`` and ``.../api/v1`` all give
    ``http://host:8585/api``; anything that is not a plain http(s) server URL is refused
    here, before a request could carry it anywhere."""
    if not isinstance(base_url, str) or not base_url.strip():
        shown = "nothing" if base_url is None or base_url == "" else f"{base_url!r}"
        raise ConfigurationError(
            f"{source} must be an http(s) URL such as {_EXAMPLE_URL}, not {shown}: pass "
            f"base_url=... or set {ENV_HOST[0]}"
        )
    url = base_url.strip()
    if "@" in url:
        raise ConfigurationError(
            f"{source} must not hold a user name or password ({_hide_userinfo(url)!r}): "
            f"pass the token with token=... or {ENV_TOKEN[0]} instead"
        )
    if not url.isprintable() or any(c.isspace() for c in url):
        raise ConfigurationError(f"{source} must not contain spaces or control characters")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is the check
    except ValueError:
        raise ConfigurationError(f"{source} has an invalid host or port: {url!r}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(
            f"{source} must be an http(s) URL such as {_EXAMPLE_URL}, not {url!r}"
        )
    if parts.query or url.endswith("?"):
        raise ConfigurationError(f"{source} must not have a query string (?...): {url!r}")
    if parts.fragment or "#" in url:
        raise ConfigurationError(f"{source} must not have a fragment (#...): {url!r}")
    path = parts.path.rstrip("/")
    if path.endswith("/api/v1"):
        path = path[: -len("/v1")]
    if not path.endswith("/api"):
        path += "/api"
    return urlunsplit((parts.scheme.lower(), parts.netloc, path, "", ""))


def _check_token(token: Any, source: str = "token") -> str | None:
    """The token as sent in ``Authorization: Bearer ...``: printable Latin-1 with no
    spaces, since HTTP headers carry nothing else. The message never shows it."""
    if token is None or token == "":
        return None
    if not isinstance(token, str):
        raise ConfigurationError(f"{source} must be a string, not {type(token).__name__}")
    if token.isascii() and token.isprintable() and " " not in token:
        return token
    for index, char in enumerate(token):
        if ord(char) <= 0xFF and char.isprintable() and not char.isspace():
            continue
        kind = (
            "a space"
            if char.isspace()
            else "outside Latin-1"
            if ord(char) > 0xFF
            else "a control character"
        )
        hint = ""
        if token[:7].lower() == "bearer ":
            hint = "; pass the token alone, without 'Bearer '"
        elif token.strip() != token:
            hint = "; remove the whitespace around it (a newline from a file?)"
        raise ConfigurationError(
            f"{source} must be printable Latin-1 text with no spaces or control characters: "
            f"character {index + 1} of {len(token)} is {kind}{hint}"
        )
    return token


def _seconds(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    seconds = float(value)
    return seconds if math.isfinite(seconds) and seconds > 0 else None


def _check_timeout(timeout: Any, source: str = "timeout") -> Timeout:
    """Seconds > 0 (finite), or a (connect, read) pair of them."""
    if isinstance(timeout, tuple | list) and len(timeout) == 2:
        connect, read = _seconds(timeout[0]), _seconds(timeout[1])
        if connect is not None and read is not None:
            return (connect, read)
    elif not isinstance(timeout, tuple | list):
        seconds = _seconds(timeout)
        if seconds is not None:
            return seconds
    raise ConfigurationError(
        f"{source} must be seconds > 0, or a (connect, read) pair, not {timeout!r}"
    )


def _check_deadline(deadline: Any, source: str = "deadline") -> float | None:
    if deadline is None:
        return None
    seconds = _seconds(deadline)
    if seconds is None:
        raise ConfigurationError(
            f"{source} must be seconds > 0 for a whole call, retries included, not {deadline!r}"
        )
    return seconds


def _check_count(value: Any, source: str, *, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise ConfigurationError(f"{source} must be a whole number, {least} or more, not {value!r}")
    return value


def _check_retry(retry: Any) -> RetryPolicy | None:
    if retry is None:
        return None
    if not isinstance(retry, RetryPolicy):
        raise ConfigurationError(f"retry must be a RetryPolicy, not {type(retry).__name__}")
    _check_count(retry.max_retries, "retry.max_retries", least=0)
    for name in ("backoff_base", "backoff_max", "max_retry_after"):
        value = getattr(retry, name)
        if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
            raise ConfigurationError(f"retry.{name} must be seconds, 0 or more, not {value!r}")
        if not math.isfinite(value):
            raise ConfigurationError(f"retry.{name} must be finite, not {value!r}")
    return retry


def _check_verify(verify: Any, source: str = "verify") -> bool | str:
    """True, False, or the path of a CA bundle file or folder that exists."""
    if isinstance(verify, bool):
        return verify
    if isinstance(verify, os.PathLike):
        verify = os.fspath(verify)
    if isinstance(verify, str):
        if verify.strip().lower() in _TRUE | _FALSE:
            raise ConfigurationError(
                f"{source}={verify!r} is text, not a CA bundle path: pass verify=True or "
                "verify=False (a bool)"
            )
        if not os.path.exists(verify):
            raise ConfigurationError(f"{source} names a CA bundle that does not exist: {verify!r}")
        return verify
    raise ConfigurationError(
        f"{source} must be True, False or the path of a CA bundle, not {verify!r} "
        "(pass a bool: an int such as 0 is not taken to mean False)"
    )


def _environment(base_url: str, verify: bool | str) -> tuple[dict[str, str], bool | str]:
    """Proxies and requests' CA bundle variables, read once: the session never reads the
    environment itself, so neither a netrc file nor a later change can alter a call."""
    proxies = environ_proxies(base_url)
    if verify is True and base_url.startswith("https:"):
        for name in ENV_REQUESTS_CA_BUNDLE:
            bundle = os.environ.get(name)
            if bundle:
                if not os.path.exists(bundle):
                    raise ConfigurationError(
                        f"{name} names a CA bundle that does not exist: {bundle!r} "
                        "(fix or unset it)"
                    )
                return proxies, bundle
    return proxies, verify


class _Connection:
    """The one session a client and its ``with_options`` copies share, made by the first
    call of any of them (requests loads then), once, under a lock. Holds the settings
    the client checked for it; its repr shows none of them."""

    __slots__ = ("_base", "_lock", "_made", "_settings")

    def __init__(self, base_url: str, token: str | None, **settings: Any) -> None:
        self._lock = threading.Lock()
        self._made: Transport | None = None
        self._base = (base_url, token)
        self._settings = settings

    def transport(self, timeout: Timeout, retry: RetryPolicy, deadline: float | None) -> Transport:
        """A transport over the shared session with these per-client options."""
        with self._lock:
            made = self._made
            if made is None:
                from openmetadata_fluent.transport import Transport

                made = self._made = Transport(*self._base, **self._settings)
        # A copy's deadline is None only when the first client's is: derive keeps it then.
        return made.derive(timeout=timeout, retry=retry, deadline=deadline)

    def close(self) -> None:
        with self._lock:
            made = self._made
        if made is not None:
            made.close()


class OpenMetadataClient:
    """A connection to one OpenMetadata server.

    Safe to share between threads: its first call creates one ``requests.Session``, whose
    connection pool every later call (and every ``with_options`` copy) reuses. Every
    setting is checked here, so a wrong one fails at once, not at the first call.
    ``client.messaging_services`` has every messaging service call, bound to this client.
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
        deadline: float | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        """``deadline`` bounds each call as a whole (connecting, waiting, reading, every
        retry and wait); by default 60 s, or connect + read when those are longer.
        ``max_response_bytes`` caps a success body after decompression."""
        self.base_url = api_base_url(base_url)
        token = _check_token(token)
        timeout = _check_timeout(timeout)
        max_retries = _check_count(max_retries, "max_retries", least=0)
        verify = _check_verify(verify)
        policy = _check_retry(retry) or RetryPolicy(max_retries=max_retries)
        checked_deadline = _check_deadline(deadline)
        max_response_bytes = _check_count(max_response_bytes, "max_response_bytes", least=1)
        proxies, verify = _environment(self.base_url, verify)
        if verify is False:
            _warn_insecure(self.base_url)
        self._connection = _Connection(
            self.base_url,
            token,
            timeout=timeout,
            verify=verify,
            retry=policy,
            deadline=checked_deadline,
            max_response_bytes=max_response_bytes,
            proxies=proxies,
        )
        self._timeout = timeout
        self._retry = policy
        self._deadline = checked_deadline
        self._transport: Transport | None = None
        self._has_token = bool(token)
        self._resources: dict[str, Any] = {}

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> OpenMetadataClient:
        """A client from the variables users of the official clients already set:
        OPENMETADATA_HOST (or _SERVER_URL), OPENMETADATA_JWT_TOKEN (or _API_KEY),
        OPENMETADATA_VERIFY_SSL, OPENMETADATA_CA_BUNDLE, OPENMETADATA_CLIENT_TIMEOUT."""
        env = os.environ if environ is None else environ
        host_var = next((k for k in ENV_HOST if env.get(k)), None)
        if host_var is None:
            raise ConfigurationError(
                "no OpenMetadata server configured: call configure(base_url=..., token=...) "
                f"or set {ENV_HOST[0]} (for example {_EXAMPLE_URL}) and {ENV_TOKEN[0]}"
            )
        host = env[host_var]
        api_base_url(host, host_var)
        token_var = next((k for k in ENV_TOKEN if env.get(k)), None)
        token = _check_token(env[token_var], token_var) if token_var else None
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
                read = float(raw_timeout)
            except ValueError:
                raise ConfigurationError(
                    f"{ENV_TIMEOUT} must be a number of seconds, not {raw_timeout!r}"
                ) from None
            timeout = _check_timeout((DEFAULT_TIMEOUT[0], read), ENV_TIMEOUT)
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
        self,
        *,
        timeout: Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
    ) -> OpenMetadataClient:
        """A client for some calls with other timeouts, retries or deadline, sharing this
        one's connections: ``client.with_options(timeout=120).messaging_services...``."""
        if timeout is not None:
            timeout = _check_timeout(timeout)
        if max_retries is not None:
            max_retries = _check_count(max_retries, "max_retries", least=0)
        deadline = _check_deadline(deadline)
        clone = copy.copy(self)
        if timeout is not None:
            clone._timeout = timeout
        if max_retries is not None:
            clone._retry = attrs.evolve(self._retry, max_retries=max_retries)
        if deadline is not None:
            clone._deadline = deadline
        clone._transport = None
        clone._resources = {}
        return clone

    @property
    def transport(self) -> Transport:
        """The HTTP transport, for calls this SDK has no method for yet. The first read
        (or call) creates the session and loads requests."""
        found = self._transport
        if found is None:
            found = self._connection.transport(self._timeout, self._retry, self._deadline)
            # Two threads may both get here: each gets a transport over the one session.
            self._transport = found
        return found

    def close(self) -> None:
        """Close pooled connections (nothing to close before the first call)."""
        self._connection.close()

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
    base_url: str | None = None,
    token: str | None = None,
    *,
    timeout: Timeout = DEFAULT_TIMEOUT,
    max_retries: int = 3,
    verify: bool | str = True,
    deadline: float | None = None,
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
) -> OpenMetadataClient:
    """Create a client, make it the default, and return it."""
    client = OpenMetadataClient(
        base_url,  # type: ignore[arg-type]  # None is refused with a message saying what to set
        token,
        timeout=timeout,
        max_retries=max_retries,
        verify=verify,
        deadline=deadline,
        max_response_bytes=max_response_bytes,
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
