"""The one walker over JSON data that finds secrets, and the rules that use it.

Bottom layer: it imports nothing from the package, so models (for their reprs), the wire
layer (for masks and patch diffs), errors and the offline server all share it. Which keys
are secrets comes from the caller: the models' password fields (``openmetadata_fluent.
serialization.secret_keys``) plus :func:`looks_secret` for maps the SDK does not model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

__all__ = [
    "MASK",
    "REDACTED",
    "Path",
    "keep_masks",
    "looks_secret",
    "mask",
    "redact",
    "unmask",
    "walk",
]

MASK = "*********"
"""What the server sends in place of a password-format field to non-bot callers."""

REDACTED = "**********"
"""What the SDK shows in reprs, logs and errors in place of a secret."""

Path = tuple[str | int, ...]
Replace = Callable[[Path, Any], Any]

# Lower-cased key fragments (letters only) that name a secret in free-form maps such as
# Kafka ``consumerConfig`` ("sasl.password", "ssl.key.password", "sasl.jaas.config").
_SECRET_WORDS = re.compile(
    r"password|passwd|secret|token|credential|privatekey|apikey|jaas|userinfo|"
    r"nkeyseed|sslkey|keypem"
)
_NOT_LETTERS = re.compile(r"[^a-z]")


def looks_secret(key: str) -> bool:
    """True for a map key that names a secret, whatever its case or separators."""
    return bool(_SECRET_WORDS.search(_NOT_LETTERS.sub("", key.lower())))


def walk(
    data: Any,
    is_secret: Callable[[str], bool],
    replace: Replace,
    path: Path = (),
) -> Any:
    """A copy of JSON data in which every non-null value under a secret key is
    ``replace(path, value)``; everything else is copied as it is, in one pass."""
    if isinstance(data, Mapping):
        out: dict[str, Any] = {}
        for key, value in data.items():
            if value is not None and isinstance(key, str) and is_secret(key):
                out[key] = replace((*path, key), value)
            else:
                out[key] = walk(value, is_secret, replace, (*path, key))
        return out
    if isinstance(data, (list, tuple)):
        return [walk(v, is_secret, replace, (*path, i)) for i, v in enumerate(data)]
    return data


def _lookup(data: Any, path: Path) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def redact(data: Any, keys: Collection[str] = ()) -> Any:
    """A copy for reprs, logs and errors: values under ``keys`` or under any key that
    :func:`looks_secret` are replaced by ``REDACTED``; so is any ``SecretStr`` value."""

    def secret(key: str) -> bool:
        return key in keys or looks_secret(key)

    def hide(_: Path, __: Any) -> str:
        return REDACTED

    if hasattr(data, "get_secret_value"):
        return REDACTED
    return walk(_strip_secret_objects(data), secret, hide)


def _strip_secret_objects(data: Any) -> Any:
    """``SecretStr`` values anywhere (not only under secret keys) become ``REDACTED``."""
    if hasattr(data, "get_secret_value"):
        return REDACTED
    if isinstance(data, Mapping):
        return {k: _strip_secret_objects(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_strip_secret_objects(v) for v in data]
    return data


def mask(data: Any, keys: Collection[str]) -> Any:
    """A copy as the server shows it to non-bot callers: string values under ``keys``
    (its password-format fields, and only those) become ``MASK``."""

    def hide(_: Path, value: Any) -> Any:
        return MASK if isinstance(value, str) else value

    return walk(data, keys.__contains__, hide)


def unmask(new: Any, stored: Any, keys: Collection[str]) -> Any:
    """A copy of ``new`` in which a ``MASK`` sent back under a secret key means
    "unchanged": the value stored at the same place takes its place."""

    def restore(path: Path, value: Any) -> Any:
        if value == MASK:
            old = _lookup(stored, path)
            if isinstance(old, str):
                return old
        return value

    return walk(new, keys.__contains__, restore)


def keep_masks(old: Any, new: Any, keys: Collection[str]) -> Any:
    """A copy of ``new`` in which every masked secret of ``old`` that ``new`` leaves out
    is put back as ``MASK``, so leaving a secret alone never reads as removing it."""
    missing: list[Path] = []

    def note(path: Path, value: Any) -> Any:
        if value == MASK and _lookup(new, path[:-1]) is not None:
            parent = _lookup(new, path[:-1])
            if isinstance(parent, Mapping) and path[-1] not in parent:
                missing.append(path)
        return value

    walk(old, keys.__contains__, note)
    out = walk(new, lambda _: False, lambda _, v: v)
    for path in missing:
        parent = _lookup(out, path[:-1])
        if isinstance(parent, dict):
            parent[path[-1]] = MASK
    return out
