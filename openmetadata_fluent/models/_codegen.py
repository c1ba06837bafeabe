"""Compiling one generated function per model class, as attrs and cattrs do.

The source is registered in ``linecache`` under a readable file name, so a traceback
through a generated checker or parser shows its lines like any other code.
"""

from __future__ import annotations

import linecache
from collections.abc import Callable
from typing import Any

__all__ = ["compile_function"]


def compile_function(
    source: str, name: str, namespace: dict[str, Any], *, what: str, cls: type
) -> Callable[..., Any]:
    """``exec`` the source of one function named ``name`` and return it."""
    filename = f"<openmetadata_fluent generated {what} {cls.__module__}.{cls.__qualname__}>"
    code = compile(source, filename, "exec")
    exec(code, namespace)  # our own source, generated from the model fields
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    function: Callable[..., Any] = namespace[name]
    return function
