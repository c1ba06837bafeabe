"""What a client is configured with, importable without the HTTP stack.

The retry policy, the timeout type, the defaults and the reading of proxy variables live
here so that creating a client (and building requests through it) does not load requests;
``transport`` imports them from here and sends.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

import attrs

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "RetryPolicy",
    "Timeout",
    "environ_proxies",
]

Timeout = float | tuple[float, float]
"""Seconds: one number for both, or (connect, read)."""

DEFAULT_DEADLINE = 60.0
"""Seconds one call may take in all, retries and waits included, unless the timeouts
given are longer (then connect + read)."""
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""The largest success body accepted, after decompression."""


def _jitter() -> float:
    """A number in [0, 1) from the random module, which loads on the first retry."""
    import random

    return random.random()


@attrs.frozen
class RetryPolicy:
    """When and how long to wait before trying a request again.

    ``sleep`` and ``random`` are injectable so tests run instantly and deterministically.
    A ``Retry-After`` longer than ``max_retry_after``, or than what is left of the call's
    deadline, is not waited for: the error is raised with its ``retry_after`` instead.
    """

    max_retries: int = 3
    backoff_base: float = 0.5
    backoff_max: float = 8.0
    max_retry_after: float = 60.0
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, repr=False)
    random: Callable[[], float] = attrs.field(default=_jitter, repr=False)

    def backoff(self, attempt: int) -> float:
        """Wait before retry number ``attempt`` (1-based): half fixed, half jitter."""
        ceiling = min(self.backoff_max, self.backoff_base * (2 ** (attempt - 1)))
        return float(ceiling / 2 + self.random() * ceiling / 2)


# -- proxies from the environment ---------------------------------------------------------
#
# The same answer as ``requests.utils.get_environ_proxies(url)`` (requests 2.33 and later,
# whose no_proxy suffixes match at a dot), written out so a client reads its proxies when it
# is created without importing requests or urllib.request. Where the standard library also
# asks the system (macOS settings, the Windows registry), its own functions are used.

_PORT = re.compile(r"(.*):([0-9]*)", re.DOTALL)


def _scheme_proxies(environ: Mapping[str, str]) -> dict[str, str]:
    """``{"https": ..., "no": ...}`` from every ``<scheme>_proxy`` variable. Any spelling
    counts; names ending in lowercase ``_proxy`` win, and an empty one of those removes
    the scheme. Under CGI (``REQUEST_METHOD`` set) an uppercase ``HTTP_PROXY`` may come
    from a client's ``Proxy:`` header, so it is ignored."""
    found: dict[str, str] = {}
    for name, value in environ.items():
        lowered = name.lower()
        if value and lowered.endswith("_proxy"):
            found[lowered[:-6]] = value
    if "REQUEST_METHOD" in environ:
        found.pop("http", None)
    for name, value in environ.items():
        if name.endswith("_proxy"):
            scheme = name.lower()[:-6]
            if value:
                found[scheme] = value
            else:
                found.pop(scheme, None)
    return found


def _listed_in_no_proxy(host: str, proxies: Mapping[str, str]) -> bool:
    """True when the ``no`` entry of ``proxies`` names ``host`` (or a domain above it),
    or is ``*``: the standard library's reading of no_proxy."""
    listed = proxies.get("no")
    if listed is None:
        return False
    if listed == "*":
        return True
    host = host.lower()
    # Whatever follows the last colon is taken for a port, even nothing (``fe80::``).
    match = _PORT.fullmatch(host)
    bare = match.group(1) if match else host
    for entry in listed.split(","):
        name = entry.strip()
        if not name:
            continue
        name = name.lstrip(".").lower()
        if name in (bare, host) or bare.endswith("." + name) or host.endswith("." + name):
            return True
    return False


def _ipv4(text: str) -> int | None:
    """``text`` as a 32-bit address in every form the C library accepts (``127.1``,
    ``0x7f.0.0.1``), or None when it is not one."""
    import socket

    try:
        return int.from_bytes(socket.inet_aton(text), "big")
    except OSError:
        return None


def _in_network(address: int, entry: str) -> bool | None:
    """Whether ``address`` lies in ``entry`` when that is an ``a.b.c.d/bits`` range (bits
    1 to 32), else None."""
    network, slash, bits = entry.partition("/")
    if not slash or "/" in bits:
        return None
    try:
        size = int(bits)
    except ValueError:
        return None
    start = _ipv4(network) if 1 <= size <= 32 else None
    if start is None:
        return None
    mask = (0xFFFFFFFF << (32 - size)) & 0xFFFFFFFF
    return address & mask == start & mask


def _bypassed(url: str, environ: Mapping[str, str]) -> bool:
    """True when no proxy applies to ``url``: requests' own no_proxy reading (spaces
    ignored, dotted suffixes, host:port, IPv4 addresses and ranges), then the standard
    library's."""
    parts = urlsplit(url)
    host = parts.hostname
    if host is None:
        return True
    listed = environ.get("no_proxy") or environ.get("NO_PROXY")
    if listed:
        entries = [e for e in listed.replace(" ", "").split(",") if e]
        address = _ipv4(host)
        if address is not None:
            for entry in entries:
                inside = _in_network(address, entry)
                if inside or (inside is None and entry == host):
                    return True
        else:
            with_port = f"{host}:{parts.port}" if parts.port else host
            for entry in entries:
                name = entry.lstrip(".")
                if name in (host, with_port):
                    return True
                if host.endswith("." + name) or with_port.endswith("." + name):
                    return True
    return _system_bypass(host, environ)


def _system_bypass(host: str, environ: Mapping[str, str]) -> bool:
    if _ASKS_SYSTEM:
        import socket
        import urllib.request

        try:
            return bool(urllib.request.proxy_bypass(host))
        except (TypeError, socket.gaierror):
            return False
    return _listed_in_no_proxy(host, _scheme_proxies(environ))


# Where urllib.request's proxy functions consult more than the environment.
_ASKS_SYSTEM = sys.platform == "darwin" or os.name == "nt"


def environ_proxies(url: str) -> dict[str, str]:
    """The proxies requests would use for ``url`` from the environment (and, on macOS and
    Windows, the system settings): ``{}`` when no_proxy names it."""
    environ = os.environ
    if _bypassed(url, environ):
        return {}
    if _ASKS_SYSTEM:
        import urllib.request

        return dict(urllib.request.getproxies())
    return _scheme_proxies(environ)
