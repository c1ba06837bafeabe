"""Names a package re-exports but loads on first use, so ``import openmetadata_fluent`` only
pays for what most programs touch first (a service, its connection, the errors).

A package lists ``{name: module}`` and installs the two hooks this returns as its
``__getattr__`` and ``__dir__``; the first access imports the module and caches the value in
the package's globals, so later accesses are plain attribute reads. Which names are lazy is
pinned by a test that compares each table with the modules' own ``__all__``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["attach"]


def attach(
    package: str, namespace: dict[str, Any], table: Mapping[str, str | tuple[str, str]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: each name in ``table`` maps to the
    module that defines it, or to ``(module, attribute)`` when the attribute has another
    name there (camelCase twins)."""

    def __getattr__(name: str) -> Any:
        where = table.get(name)
        if where is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attr = (where, name) if isinstance(where, str) else where
        value = getattr(importlib.import_module(module), attr)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *table})

    return __getattr__, __dir__
