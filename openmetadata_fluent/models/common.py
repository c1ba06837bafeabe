"""Shared building blocks of the wire models: enums, secrets, references and tags.

Nothing here performs I/O. Field names are snake_case; the wire (camelCase) name of a
field is derived by the serializer unless a field says otherwise with ``wire(...)``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from enum import Enum
from functools import cache
from typing import Any, ClassVar, TypeVar

import attrs

from openmetadata_fluent._secrets import MASK
from openmetadata_fluent._typed import concrete_model_returns
from openmetadata_fluent.models._access import immutable, redacted_repr, wire_layer
from openmetadata_fluent.models._java import EntityReferenceAccessors, TagLabelAccessors
from openmetadata_fluent.models._names import wire_fields

__all__ = [
    "MASK",
    "ApiStatus",
    "ChangeType",
    "EntityReference",
    "EntityStatus",
    "FilterPattern",
    "LabelType",
    "SecretStr",
    "SslConfig",
    "TagLabel",
    "TagSource",
    "TagState",
    "WireEnum",
    "WireModel",
    "extra_field",
    "wire",
]


_E = TypeVar("_E", bound="WireEnum")
_M = TypeVar("_M", bound="WireModel")
_R = TypeVar("_R", bound="CheckedRequest")


class WireModel:
    """Base of every wire model: ``to_dict()`` gives the wire JSON, ``from_dict()`` parses it."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The wire JSON object: camelCase keys, unset fields left out, unknown keys kept."""
        unstructure = wire_layer().unstructure
        assert unstructure is not None, "the wire layer loads with the package"
        return unstructure(self)

    @classmethod
    def from_dict(cls: type[_M], data: Mapping[str, Any]) -> _M:
        """Parse wire JSON; keys this SDK does not model are kept in ``extra``."""
        structure = wire_layer().structure
        assert structure is not None, "the wire layer loads with the package"
        result: _M = structure(data, cls)
        return result


@attrs.frozen(kw_only=True)
class CheckedRequest(WireModel):
    """Base of create requests, which builders make from a body they have already checked.

    ``build()`` hands over that checked body and nothing more: the fields are filled from it
    the first time one is read (``__getattr__`` runs only for a field not set yet), so
    building and sending, the common path, never converts the body into nested models.
    ``to_dict()`` gives a copy of the checked body, which is also what ``create()`` sends.
    A request constructed directly has every field set and behaves as any model. A base
    only (not exported): the create requests are the classes to use.
    """

    _checked_body: dict[str, Any] | None = attrs.field(
        default=None, init=False, eq=False, repr=False, metadata={"wire": None}
    )
    """The normalized body a builder checked this request into; sending it again skips a
    second check of the same frozen data. Never on the wire; not part of equality."""

    @classmethod
    def _from_checked(cls: type[_R], body: dict[str, Any]) -> _R:
        request = object.__new__(cls)
        object.__setattr__(request, "_checked_body", body)
        return request

    def __getattr__(self, name: str) -> Any:
        cls: Any = type(self)
        body = object.__getattribute__(self, "_checked_body")
        if body is None or name == "_checked_body" or name not in attrs.fields_dict(cls):
            raise AttributeError(f"{cls.__name__!r} object has no attribute {name!r}")
        structure = wire_layer().structure
        assert structure is not None, "the wire layer loads with the package"
        full = structure(body, cls)
        for field in attrs.fields(cls):
            if field.name != "_checked_body":
                object.__setattr__(self, field.name, object.__getattribute__(full, field.name))
        return object.__getattribute__(self, name)

    def to_dict(self) -> dict[str, Any]:
        """The wire JSON; for a built request, a copy of the body its builder checked (what
        ``create()`` sends), keys in the order the converter writes them."""
        body = self._checked_body
        if body is None:
            return super().to_dict()
        keys = _written_order(type(self))  # type: ignore[arg-type]  # classes hash
        return {k: copy_json(body[k]) for k in keys if k in body}


@cache
def _written_order(cls: type) -> tuple[str, ...]:
    """The converter's key order: fields always written first, then those left out while
    unset (None by default); nested checked objects already list theirs in that order."""
    fields = wire_fields(cls).items()
    always = [k for k, f in fields if f.default is not None]
    return tuple(always + [k for k, f in fields if f.default is None])


def copy_json(value: Any) -> Any:
    """A deep copy of JSON data (dicts, lists, scalars), several times faster than
    ``copy.deepcopy``: scalars, most of any body, are taken inline by their exact type."""
    if isinstance(value, dict):
        return {k: v if type(v) in _SCALARS else copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in _SCALARS else copy_json(v) for v in value]
    return value


_SCALARS = frozenset({str, int, float, bool, type(None)})


class WireEnum(str, Enum):
    """An enum whose members are their wire strings.

    Parsing a server response never fails on a value this SDK does not know yet: such a
    value becomes a member that is not in the enum's list (``is_known`` is False).
    """

    @classmethod
    def _unknown(cls: type[_E], value: str) -> _E:
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member

    @classmethod
    def parse(cls: type[_E], value: str) -> _E:
        """The member for ``value``, or an unlisted member that keeps ``value``."""
        try:
            return cls(value)
        except ValueError:
            return cls._unknown(value)

    @property
    def is_known(self) -> bool:
        """False for a value the server sent that this SDK's list does not have yet."""
        return self._value_ in type(self)._value2member_map_

    def __str__(self) -> str:
        return str(self._value_)


class ChangeType(WireEnum):
    """What a write did, as the server's ``X-OpenMetadata-Change`` header says."""

    CREATED = "entityCreated"
    UPDATED = "entityUpdated"
    NO_CHANGE = "entityNoChange"
    RESTORED = "entityRestored"
    FIELDS_CHANGED = "entityFieldsChanged"
    SOFT_DELETED = "entitySoftDeleted"
    DELETED = "entityDeleted"


class ApiStatus(WireEnum):
    """How a bulk call went as a whole: success, partial success, failure or aborted."""

    SUCCESS = "success"
    PARTIAL_SUCCESS = "partialSuccess"
    FAILURE = "failure"
    ABORTED = "aborted"


class TagSource(WireEnum):
    """Where a tag comes from: a classification or a glossary."""

    CLASSIFICATION = "Classification"
    GLOSSARY = "Glossary"


class LabelType(WireEnum):
    """How a tag got onto an entity: by hand, propagated, automated, derived or generated."""

    MANUAL = "Manual"
    PROPAGATED = "Propagated"
    AUTOMATED = "Automated"
    DERIVED = "Derived"
    GENERATED = "Generated"


class TagState(WireEnum):
    """Whether a tag is confirmed or only suggested."""

    SUGGESTED = "Suggested"
    CONFIRMED = "Confirmed"


class EntityStatus(WireEnum):
    """An entity's review state, from ``Draft`` through ``Approved`` to ``Deprecated``."""

    DRAFT = "Draft"
    IN_REVIEW = "In Review"
    APPROVED = "Approved"
    ACTIVE = "Active"
    ARCHIVED = "Archived"
    DEPRECATED = "Deprecated"
    REJECTED = "Rejected"
    UNPROCESSED = "Unprocessed"


class SecretStr:
    """A password-format value: sent as itself on the wire, never shown in repr or str."""

    __slots__ = ("_value",)

    def __init__(self, value: str | SecretStr) -> None:
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        self._value = value

    def get_secret_value(self) -> str:
        """The secret itself; the only way to read it, so it never leaks by accident."""
        return self._value

    @property
    def is_masked(self) -> bool:
        """True when this is the server's mask rather than a real secret."""
        return self._value == MASK

    def __repr__(self) -> str:
        return "SecretStr('**********')"

    def __str__(self) -> str:
        return "**********"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SecretStr):
            return self._value == other._value
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._value)

    def __len__(self) -> int:
        return len(self._value)


def wire(name: str, **metadata: Any) -> dict[str, Any]:
    """Field metadata naming the wire key where snake-to-camel conversion gets it wrong."""
    return {"wire": name, **metadata}


def extra_field() -> Any:
    """Wire keys this SDK does not model (and explicit nulls): kept so nothing is lost."""
    return attrs.field(factory=dict, repr=False, kw_only=True)


@immutable()
@attrs.frozen(kw_only=True)
class EntityReference(WireModel, EntityReferenceAccessors):
    """A reference to another entity: an owner, a domain, an ingestion runner."""

    id: uuid.UUID
    type: str
    name: str | None = None
    fully_qualified_name: str | None = None
    description: str | None = None
    display_name: str | None = None
    deleted: bool | None = None
    inherited: bool | None = None
    href: str | None = attrs.field(default=None, metadata={"format": "uri"})
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class TagLabel(WireModel, TagLabelAccessors):
    """A classification tag or glossary term attached to an entity."""

    SHORTHAND: ClassVar[str] = "tag_fqn"
    """Setters taking tags also take a plain tag FQN string."""

    tag_fqn: str = attrs.field(metadata=wire("tagFQN"))
    source: TagSource = TagSource.CLASSIFICATION
    label_type: LabelType = LabelType.MANUAL
    state: TagState = TagState.CONFIRMED
    name: str | None = None
    display_name: str | None = None
    description: str | None = None
    style: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    href: str | None = attrs.field(default=None, metadata={"format": "uri"})
    reason: str | None = None
    applied_at: str | None = None
    applied_by: str | None = None
    metadata: dict[str, Any] | None = attrs.field(default=None, repr=redacted_repr)
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class FilterPattern(WireModel):
    """Regular expressions choosing which topics ingestion fetches."""

    includes: tuple[str, ...] | None = None
    excludes: tuple[str, ...] | None = None
    extra: Mapping[str, Any] = extra_field()


@immutable()
@attrs.frozen(kw_only=True)
class SslConfig(WireModel):
    """PEM material for a TLS client; the private key is a secret."""

    ca_certificate: str | None = None
    ssl_certificate: str | None = None
    ssl_key: SecretStr | None = attrs.field(default=None, metadata={"server_masked": False})
    extra: Mapping[str, Any] = extra_field()


concrete_model_returns(globals())
