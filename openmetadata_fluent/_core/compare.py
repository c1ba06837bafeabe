"""Whether an entity the server holds is exactly what a create body asked for, read the
way the server stores a body: references resolved, tags labelled, secrets masked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openmetadata_fluent._secrets import MASK

__all__ = ["same_as_sent"]

# Create-body keys that name other entities by FQN, answered as references.
_BY_FQN = ("domains", "dataProducts")


def _fqns(refs: Any) -> list[Any]:
    return sorted(r.get("fullyQualifiedName") for r in refs or () if isinstance(r, Mapping))


def _same(sent: Any, held: Any) -> bool:
    """Equal as JSON, where a value the server masked stands for whatever was sent."""
    if held == MASK and isinstance(sent, str):
        return True
    if isinstance(sent, Mapping) and isinstance(held, Mapping):
        return all(_same(v, held.get(k)) for k, v in sent.items() if v is not None)
    if isinstance(sent, list) and isinstance(held, list):
        return len(sent) == len(held) and all(map(_same, sent, held))
    if isinstance(sent, bool) or isinstance(held, bool):
        return sent is held
    return bool(sent == held)


def same_as_sent(body: Mapping[str, Any], entity: Mapping[str, Any]) -> bool:
    """True when every field of ``body`` is what ``entity`` holds."""
    for key, value in body.items():
        held = entity.get(key)
        if key in _BY_FQN:
            same = sorted(value) == _fqns(held)
        elif key == "owners":
            same = sorted((o.get("id"), o.get("type")) for o in value) == sorted(
                (o.get("id"), o.get("type")) for o in held or () if isinstance(o, Mapping)
            )
        elif key == "tags":
            same = {t.get("tagFQN") for t in value} == {
                t.get("tagFQN") for t in held or () if isinstance(t, Mapping)
            }
        elif key == "service" and isinstance(held, Mapping):
            same = value in (held.get("fullyQualifiedName"), held.get("name"))
        else:
            same = _same(value, held)
        if not same:
            return False
    return True
