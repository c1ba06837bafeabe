"""Text helpers every layer uses for its messages; imports nothing from the package."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

__all__ = ["suggest", "type_name"]


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ``did you mean`` hint (with a leading space), or an empty string."""
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    match = lowered.get(word.lower().replace("_", ""))
    if match is None:
        close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        match = lowered[close[0]] if close else None
    return f" (did you mean {match!r}?)" if match else ""


_JSON_NAMES = {
    dict: "object",
    list: "array",
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    type(None): "null",
}


def type_name(value: Any) -> str:
    """What a value is, in JSON's words where it has one (``integer``, ``object``)."""
    return _JSON_NAMES.get(type(value), type(value).__name__)
