"""Finders, fluent entities that save their changes as one JSON Patch, and delete
requests: the Java SDK's ``find(id).fetch().withDescription(..).save()`` and
``delete(id).hardDelete().execute()`` for every entity type."""

from __future__ import annotations

import copy
import math
import uuid
import warnings
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from openmetadata_fluent import _secrets
from openmetadata_fluent._core.query import Include, fields_param, include_param, invalid
from openmetadata_fluent.errors import BadRequestError, Problem, ValidationError
from openmetadata_fluent.models.common import EntityReference, TagLabel, WireModel
from openmetadata_fluent.patch import Operation, diff
from openmetadata_fluent.serialization import masked_keys, unstructure, wire_value
from openmetadata_fluent.validation import check_model

if TYPE_CHECKING:
    from typing_extensions import Self

    from openmetadata_fluent._core.operations import EntityOperations

__all__ = [
    "DeleteRequest",
    "Finder",
    "FluentEntity",
    "changes",
    "strict_flag",
    "weak_etag",
]

E = TypeVar("E")


def strict_flag(name: str, value: object) -> bool:
    """A yes/no option: only ``True`` or ``False`` (``"false"`` would read as true)."""
    if not isinstance(value, bool):
        raise ValidationError(
            [Problem(name, f"must be True or False, not {value!r}", "type")], subject=name
        )
    return value


def weak_etag(version: Any) -> str | None:
    """``If-Match`` for a write based on the entity at ``version``: the weak validator
    ``W/"<version>"`` the server accepts from non-Java clients, the version written as
    the shortest decimal that reads back the same (``W/"0.1"``, ``W/"1.25"``)."""
    if isinstance(version, bool) or not isinstance(version, (int, float)):
        return None
    if not math.isfinite(version) or version < 0:
        return None
    return f'W/"{float(version)!r}"'


def changes(
    before: Mapping[str, Any], after: Mapping[str, Any], server_owned: frozenset[str]
) -> list[Operation]:
    """The patch from one wire version of an entity to another, leaving out server-owned
    fields and masked secrets left as they were."""
    old = {k: v for k, v in before.items() if k not in server_owned}
    new = {k: v for k, v in after.items() if k not in server_owned}
    return diff(old, _secrets.keep_masks(old, new, masked_keys()))


def listed(values: Any, key: str) -> list[Any]:
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise invalid(key, f"must be a list, not {type(values).__name__}", "type")
    return list(values)


def checked_items(values: Iterable[Any], model: type[WireModel], key: str) -> list[dict[str, Any]]:
    """Each value checked as ``model`` (every problem reported at once)."""
    bodies: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for i, value in enumerate(listed(values, key)):
        checked = check_model(wire_value(value), model, f"{key}[{i}]")
        problems.extend(checked.problems)
        bodies.append(checked.body)
    if problems:
        raise ValidationError(problems, subject=key)
    return bodies


class Finder(Generic[E]):
    """An entity to fetch by id or name; ``fields`` and ``include`` refine the read."""

    def __init__(self, operations: EntityOperations[E, Any], path: str) -> None:
        self._operations = operations
        self._path = path
        self._fields: dict[str, None] = {}
        self._include: str | None = None

    def fields(self, *names: str | Iterable[str]) -> Self:
        """Extra fields to fetch, as names, lists or comma strings."""
        flat: list[str] = []
        for name in names:
            flat.extend(name.split(",") if isinstance(name, str) else name)
        chosen = fields_param(flat, self._operations.spec)
        self._fields.update(dict.fromkeys(chosen.split(",") if chosen else ()))
        return self

    def include_owners(self) -> Self:
        """Also ask for the owners, which the server leaves out unless asked."""
        return self.fields("owners")

    def include_tags(self) -> Self:
        """Also ask for the tags, which the server leaves out unless asked."""
        return self.fields("tags")

    def include_all(self) -> Self:
        """Every field this entity type can fetch."""
        return self.fields(self._operations.spec.fields)

    def include(self, value: Include | str) -> Self:
        """non-deleted (the server's default), deleted or all."""
        self._include = include_param(value)
        return self

    def fetch(self) -> FluentEntity[E]:
        """GET the entity; a missing one raises ``NotFoundError``."""
        params: dict[str, str] = {}
        if self._fields:
            params["fields"] = ",".join(self._fields)
        if self._include:
            params["include"] = self._include
        resp = self._operations._request("GET", self._path, params=params or None)
        entity = self._operations._entity(resp)
        return self._operations._fluent(entity, resp.headers.get("ETag"))

    get = fetch

    def delete(self) -> DeleteRequest[E]:
        """A delete of this entity: ``.recursively().permanently().confirm()``."""
        return DeleteRequest(self._operations, self._path)

    includeOwners = include_owners
    includeTags = include_tags
    includeAll = include_all


class FluentEntity(Generic[E]):
    """A fetched entity with pending changes; ``save()`` sends them as one PATCH.

    The ``with_*`` methods change this wrapper and return it. Only what differs from the
    fetched version is sent, guarded by the fetched ``ETag`` when the server gave one.
    """

    def __init__(
        self, operations: EntityOperations[E, Any], entity: E, etag: str | None = None
    ) -> None:
        self._operations = operations
        self._fetched = unstructure(entity)
        self._wire = copy.deepcopy(self._fetched)
        self._etag = etag

    @property
    def entity(self) -> E:
        """The entity as it would be after ``save()``."""
        return self._operations._read(self._wire)

    @property
    def id(self) -> uuid.UUID:
        """The entity's id, as the server gave it."""
        return uuid.UUID(self._fetched["id"])

    @property
    def etag(self) -> str | None:
        """The strong tag the server gave with the fetched entity (for ``If-None-Match``;
        writes are guarded by the version instead, see ``save``)."""
        return self._etag

    @property
    def version(self) -> float | None:
        """The version of the entity this wrapper was fetched at (or last saved as)."""
        version = self._fetched.get("version")
        return float(version) if isinstance(version, (int, float)) else None

    def changes(self) -> list[Operation]:
        """The JSON Patch ``save()`` would send (empty when nothing changed)."""
        return changes(self._fetched, self._wire, self._operations.spec.server_owned)

    def _set(self, key: str, value: Any) -> Self:
        if value is None:
            self._wire.pop(key, None)
        else:
            self._wire[key] = value
        return self

    def _text(self, key: str, value: str | None) -> Self:
        if value is not None and not isinstance(value, str):
            raise ValidationError(
                [Problem(key, f"must be a string, not {type(value).__name__}", "type")],
                subject=self._operations.spec.subject,
            )
        return self._set(key, value)

    def with_description(self, value: str | None) -> Self:
        """Markdown description; None removes it."""
        return self._text("description", value)

    def with_display_name(self, value: str | None) -> Self:
        """A friendlier name shown instead of ``name``; None removes it."""
        return self._text("displayName", value)

    def with_owners(self, values: Iterable[EntityReference | Mapping[str, Any]]) -> Self:
        """Replace the owners (references with ``id`` and ``type``); ``[]`` removes all."""
        return self._set("owners", checked_items(values, EntityReference, "owners"))

    def with_tags(self, values: Iterable[TagLabel | Mapping[str, Any] | str]) -> Self:
        """Replace the tags; a plain string is a tag FQN with the default label settings."""
        labels = [{"tagFQN": v} if isinstance(v, str) else v for v in listed(values, "tags")]
        return self._set("tags", checked_items(labels, TagLabel, "tags"))

    def with_domains(self, values: Iterable[EntityReference | Mapping[str, Any]]) -> Self:
        """Replace the domains, as references with ``id`` and ``type`` ("domain")."""
        return self._set("domains", checked_items(values, EntityReference, "domains"))

    def get_entity(self) -> E:
        """Java-style ``getEntity()``: the entity as fetched, without pending changes."""
        return self.entity

    def save(self) -> Self:
        """PATCH what changed, guarded by ``If-Match: W/"<version>"`` of the version this
        was fetched at, and keep the updated entity; with no change, no request. If the
        entity changed on the server meanwhile, ``PreconditionFailedError`` is raised
        (fetch again) and the pending changes are kept."""
        operations = self.changes()
        if not operations:
            return self
        resp = self._operations._send_patch(
            self.id, operations, weak_etag(self._fetched.get("version"))
        )
        self._fetched = unstructure(self._operations._entity(resp))
        self._wire = copy.deepcopy(self._fetched)
        self._etag = resp.headers.get("ETag")
        return self

    def __repr__(self) -> str:
        name = self._wire.get("name")
        pending = len(self.changes())
        return f"{type(self).__name__}(name={name!r}, pending_changes={pending})"

    withDescription = with_description
    withDisplayName = with_display_name
    withOwners = with_owners
    withTags = with_tags
    withDomains = with_domains
    getEntity = get_entity


class DeleteRequest(Generic[E]):
    """A DELETE to send with ``execute()``: soft by default; ``hard_delete()`` and
    ``recursive()`` change it. One that is never sent warns when it is dropped."""

    def __init__(self, operations: EntityOperations[E, Any], path: str) -> None:
        self._operations = operations
        self._path = path
        self._hard = False
        self._recursive = False
        self._sent = False

    def hard_delete(self, value: bool = True) -> Self:
        """Remove the entity for good instead of marking it deleted (restorable)."""
        self._hard = strict_flag("hard_delete", value)
        return self

    def recursive(self, value: bool = True) -> Self:
        """Delete the entity's children with it; needed when it has any."""
        self._recursive = strict_flag("recursive", value)
        return self

    def execute(self) -> E:
        """Send the DELETE and return the deleted entity."""
        self._sent = True
        params = {
            "hardDelete": "true" if self._hard else "false",
            "recursive": "true" if self._recursive else "false",
        }
        hint = self._operations.spec.not_empty_hint
        try:
            resp = self._operations._request("DELETE", self._path, params=params)
        except BadRequestError as exc:
            if self._recursive or hint is None or "not empty" not in exc.message.lower():
                raise
            raise exc.with_message(f"{exc.message}: {hint}") from exc
        return self._operations._entity(resp)

    def __del__(self) -> None:
        if not getattr(self, "_sent", True):
            warnings.warn(
                f"a DELETE of {self._path} was built but never sent: call .execute()",
                ResourceWarning,
                stacklevel=2,
            )

    now = execute
    confirm = execute
    hardDelete = hard_delete
    permanently = hard_delete
    recursively = recursive
