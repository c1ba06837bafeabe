"""Messaging services as the fake serves them: path, FQN and name lookup, fields, the
server's create checks, its connection conversion and password masks.

The rules are the server's, never the SDK's client-side ones: the server requires only
``name`` and ``serviceType``, takes the config class from ``serviceType`` (``type`` may be
left out), and reads a config without bean validation, so keys the SDK requires inside a
config are not required here (not proven against a live server). Field names, types and
password fields come from the SDK's models.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from openmetadata_fluent.models.connections import CONNECTION_CLASSES, MessagingServiceType
from openmetadata_fluent.models.messaging import (
    CreateMessagingServiceRequest,
    MessagingConnection,
    MessagingService,
)
from openmetadata_fluent.models.results import TestConnectionResult
from openmetadata_fluent.paths import SERVICES
from openmetadata_fluent.serialization import wire_fields
from openmetadata_fluent.testing._http import Answer, HttpError, forbid, parse_json
from openmetadata_fluent.testing._mapping import (
    Mapper,
    MappingFailure,
    Plan,
    mask_with,
    password_plan,
    unmask_with,
)
from openmetadata_fluent.testing._resource import (
    Call,
    Resource,
    Route,
    name_violations,
    read_body,
)
from openmetadata_fluent.testing._routes import record_for, written
from openmetadata_fluent.testing._store import Record, Store

__all__ = ["MessagingServices", "quote_name"]

# The request's connection.config is a Java Object: Jackson takes any JSON there, and the
# server converts it to the class of serviceType later. The schema does not require
# ``connection`` (API_FACTS "Messaging service create request" [corrected]).
_REQUEST = Mapper(
    opaque={(MessagingConnection, "config")},
    optional={(CreateMessagingServiceRequest, "connection")},
)
# JsonUtils.convertValue: no bean validation, so nothing inside a config is required.
_CONVERSION = Mapper(required=False)
_RESULT = Mapper()
_UNRECOGNIZED = re.compile(r'Unrecognized field "(.*?)"')
# ServiceEntityResource.unmask dereferences the request's connection whenever the stored
# service has one (open-metadata/OpenMetadata#29494, fix not merged): the JVM's message
# names the interfaces the generic call site uses, fully qualified (only java.lang.Object
# and String are shortened); the issue quotes them shortened.
MISSING_CONNECTION = (
    'Cannot invoke "org.openmetadata.schema.ServiceConnectionEntityInterface.getConfig()" '
    'because the return value of "org.openmetadata.schema.ServiceEntityInterface'
    '.getConnection()" is null'
)
_PLANS: dict[str, Plan] = {
    kind.value: {"connection": {"config": password_plan(cls)}}
    for kind, cls in CONNECTION_CLASSES.items()
}


def _any_type_plan() -> Plan:
    """Password fields of every config class, for data whose serviceType is unknown."""
    config: Plan = {}
    for cls in CONNECTION_CLASSES.values():
        config.update(password_plan(cls))
    return {"connection": {"config": config}}


_ANY_PLAN = _any_type_plan()
# Java's "." (in FullyQualifiedName's name pattern) stops at these.
_LINE_BREAKS = re.compile("[\n\r\u0085\u2028\u2029]")


def quote_name(name: str) -> str:
    """FullyQualifiedName.quoteName: ``my.kafka`` -> ``"my.kafka"``; a quoted name without
    a dot loses its quotes; a ``"`` inside an unquoted name is escaped."""
    if _LINE_BREAKS.search(name):
        raise HttpError(400, f"Invalid name {name}")
    if len(name) > 1 and name[0] == name[-1] == '"' and '"' not in name[1:-1]:
        inner = name[1:-1]
        return name if "." in inner else inner
    if '"' in name:
        return name.replace('"', '\\"')
    return f'"{name}"' if "." in name else name


def _converted(config: Any, service_type: str, name: str | None) -> dict[str, Any]:
    """A config as its class reads it (SecretsUtil.convert), or the server's 400.

    ``name`` is the service's when storing (encrypt: "Failed to encrypt"/"Failed to
    convert"); None when unmasking an update ("Failed to unmask"/"Failed to load"). The
    second line of a conversion message is Jackson's own, which the fake approximates.
    """
    cls = CONNECTION_CLASSES[MessagingServiceType(service_type)]
    try:
        body, _ = _CONVERSION.read(config, cls)
        if body.get("type", service_type) != service_type:
            raise MappingFailure(
                "format",
                "type",
                f"Cannot deserialize value of type `{service_type}Type` from "
                f'String "{body["type"]}": not one of the values accepted for Enum class: '
                f"[{service_type}]",
            )
    except MappingFailure as exc:
        unknown = _UNRECOGNIZED.search(exc.detail)
        if unknown is not None:
            action = "encrypt" if name is not None else "unmask"
            raise HttpError(
                400,
                f"Failed to {action} '{service_type}' connection stored in DB due to an "
                f"unrecognized field: '{unknown.group(1)}'",
            ) from None
        if name is not None:
            first = f"Failed to convert [{name}] to type [{service_type}]. Review the connection."
        else:
            first = (
                f"Failed to load the connection of type [{service_type}]. "
                "Did migrations run properly?"
            )
        raise HttpError(400, f"{first}\n{exc.detail}") from None
    body["type"] = service_type
    return body


def _put_test_connection_result(call: Call, key: str) -> Answer:
    """PUT .../{id}/testConnectionResult: stored on the service as it is, no new version;
    authorized as Create (MessagingServiceResource.addTestConnectionResult)."""
    result = read_body(_RESULT, parse_json(call.body), TestConnectionResult)
    record = record_for(call, key, "id")
    forbid(call.who, "Create")
    record.replace_version({**record.entity, "testConnectionResult": result})
    return written(call, record, 200, None)


class MessagingServices(Resource):
    """``/v1/services/messagingServices``: top-level entities named by their FQN (the
    name, quoted when it has a dot); children (topics) make a delete need ``recursive``."""

    kind = "messagingService"
    collection = SERVICES
    fields = tuple(wire_fields(MessagingService))
    bulk = False  # no current server has PUT .../messagingServices/bulk
    create_keys = tuple(wire_fields(CreateMessagingServiceRequest))
    put_replaced = ("description", "displayName", "connection")

    def check(self, body: Any) -> dict[str, Any]:
        """The create body as Jackson and bean validation read it."""
        return read_body(
            _REQUEST, body, CreateMessagingServiceRequest, lambda b: name_violations(b.get("name"))
        )

    def fqn(self, data: Mapping[str, Any], parent: Record | None) -> str:
        return quote_name(str(data["name"]))

    def lookup_name(self, key: str) -> str:
        """Services quote the name before the lookup, so ``my.kafka`` finds ``"my.kafka"``."""
        return quote_name(key)

    def routes(self) -> tuple[Route, ...]:
        return (Route(("*", "testConnectionResult"), {"PUT": _put_test_connection_result}),)

    def shown(self, data: Any, bot: bool) -> Any:
        """Password fields masked for everyone but bots; free-form maps never."""
        if bot or not isinstance(data, Mapping):
            return data
        plan = _PLANS.get(data.get("serviceType"), _ANY_PLAN)  # type: ignore[arg-type]
        return mask_with(data, plan)

    def prepare(
        self, store: Store, record: Record | None, body: dict[str, Any], how: str
    ) -> dict[str, Any]:
        """Unmask (a PUT of a live service, a PATCH), then convert the config to its
        class as storing it does."""
        connection = body.get("connection")
        service_type = str(body["serviceType"])
        stored = record.entity.get("connection") if record is not None else None
        live = record is not None and not record.entity["deleted"]
        if how == "put" and live and stored is not None and connection is None:
            raise HttpError(400, MISSING_CONNECTION)
        if connection is None or connection.get("config") is None:
            return body
        config = connection["config"]
        if how in ("put", "patch") and live and isinstance(stored, Mapping):
            old = stored.get("config")
            if old is not None:
                if how == "put":  # the PUT path's own conversion (PasswordEntityMasker)
                    config = _converted(config, service_type, None)
                plan = password_plan(CONNECTION_CLASSES[MessagingServiceType(service_type)])
                config = unmask_with(config, old, plan)
        config = _converted(config, service_type, str(body["name"]))
        return {**body, "connection": {**connection, "config": config}}

    def change_entry(self, key: str, old: Any, new: Any) -> list[tuple[str, dict[str, Any]]]:
        """A connection change never shows its values (ServiceEntityRepository)."""
        if key == "connection":
            hidden = {"oldValue": "old-encrypted-value", "newValue": "new-encrypted-value"}
            return [("fieldsUpdated", {"name": key, **hidden})]
        return super().change_entry(key, old, new)
