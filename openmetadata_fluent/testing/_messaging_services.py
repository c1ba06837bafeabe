"""Messaging services as the fake serves them: path, FQN and name lookup, fields, create
checks and connection masks, all taken from the SDK's own wire layer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from openmetadata_fluent.paths import SERVICES, fqn
from openmetadata_fluent.serialization import masked_keys
from openmetadata_fluent.testing._http import INVALID_FORMAT, HttpError
from openmetadata_fluent.testing._resource import Resource, server_body
from openmetadata_fluent.testing._store import Record, Store
from openmetadata_fluent.validation import check_create_request

__all__ = ["MessagingServices"]


class MessagingServices(Resource):
    """``/v1/services/messagingServices``: top-level entities, named and indexed by their
    plain name; children (topics) make a delete need ``recursive``."""

    kind = "messagingService"
    collection = SERVICES
    fields = ("owners", "tags", "domains", "followers", "pipelines", "dataProducts")
    bulk = True
    create_keys = (
        "name",
        "displayName",
        "serviceType",
        "description",
        "connection",
        "tags",
        "owners",
        "ingestionRunner",
        "entityStatus",
    )

    def __init__(self) -> None:
        self.masked = masked_keys()

    def check(self, body: Any) -> dict[str, Any]:
        """The SDK's own check in the server's (strict) view, so the two never disagree."""
        if not isinstance(body, Mapping):
            raise HttpError(400, INVALID_FORMAT)
        checked = check_create_request(body, strict=True)
        return server_body(checked.body, checked.problems)

    def fqn(self, data: Mapping[str, Any], parent: Record | None) -> str:
        return fqn(data["name"])

    def key(self, data: Mapping[str, Any], parent: Record | None) -> str:
        return str(data["name"])

    def find(self, store: Store, key: str) -> Record | None:
        """By name, or by FQN: a quoted FQN finds the dotted name it quotes."""
        found = store.lookup(self.kind, key)
        if found is None and len(key) > 1 and key[0] == key[-1] == '"':
            inner = key[1:-1]
            if fqn(inner) == key:
                found = store.lookup(self.kind, inner)
        return found
