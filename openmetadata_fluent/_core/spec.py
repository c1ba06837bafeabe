"""What the core needs to know about one entity type, and nothing else."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

import attrs

from openmetadata_fluent.models._names import quote_name, wire_name
from openmetadata_fluent.validation import Checked

__all__ = ["COMMON_SERVER_OWNED", "EntitySpec", "quote_name", "server_owned_keys"]

E = TypeVar("E")
R = TypeVar("R")

COMMON_SERVER_OWNED = frozenset(
    {
        "id",
        "fullyQualifiedName",
        "version",
        "updatedAt",
        "updatedBy",
        "impersonatedBy",
        "href",
        "changeDescription",
        "incrementalChangeDescription",
        "deleted",
        "followers",
        "votes",
    }
)
"""Keys the server owns on every entity: a stale copy of them never goes into a patch."""


def server_owned_keys(entity_class: type) -> frozenset[str]:
    """The wire keys a patch must never carry: the ones every entity's server owns, and
    the entity model's own read-only fields (its generated accessors' ``_READ_ONLY``)."""
    fields = attrs.fields_dict(entity_class) if attrs.has(entity_class) else {}
    names: frozenset[str] = getattr(entity_class, "_READ_ONLY", frozenset())
    own = {wire_name(fields[n]) for n in names if n in fields}
    return COMMON_SERVER_OWNED | {key for key in own if key is not None}


@attrs.frozen(kw_only=True)
class EntitySpec(Generic[E, R]):
    """One entity type: where it lives, its models, its checks and its relations.

    ``check`` turns a wire-shaped create body into the normalized body that is sent (or
    the problems found); ``lookup_fqn`` turns a name or FQN a user gives into the FQN the
    ``/name/{fqn}`` route takes.
    """

    entity_type: str
    """The server's entity type name, as in an EntityReference (``messagingService``)."""
    subject: str
    """How errors name one entity ("messaging service")."""
    collection: str
    """The collection path relative to the API base URL (``/v1/topics``)."""
    entity_class: type[E]
    request_class: type[R]
    check: Callable[[Mapping[str, Any]], Checked]
    fields: tuple[str, ...]
    """What ``fields`` may ask for."""
    editable_fields: tuple[str, ...] = ("owners", "tags", "domains", "dataProducts")
    """The optional fields ``update(entity)`` compares when the entity has them."""
    server_owned: frozenset[str] = attrs.field(
        default=attrs.Factory(lambda self: server_owned_keys(self.entity_class), takes_self=True)
    )
    """Keys never sent in a patch (by default from the entity model's read-only fields)."""
    lookup_fqn: Callable[[str], str] = quote_name
    request_fqn: Callable[[Mapping[str, Any]], str] = attrs.field(
        default=lambda body: quote_name(body["name"])
    )
    """The FQN the entity a create body makes will have (to read it back by name)."""
    list_filters: tuple[str, ...] = ()
    """Extra query parameters a listing takes (``domain``, ``service``)."""
    has_bulk_route: bool = True
    """Whether to try ``PUT {collection}/bulk`` before falling back to one PUT per item."""
    not_empty_hint: str | None = None
    """Added to the server's "is not empty" answer to a non-recursive delete."""
