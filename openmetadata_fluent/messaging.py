"""Messaging services, the first resource on the entity core.

This module keeps only what is theirs: the spec (collection, models, fields, rules), the
fluent edit of a connection, the ``list`` filters, and the ``MessagingServices`` facade.
``client.messaging_services`` is a ``MessagingServiceOperations`` for that client;
``MessagingServices`` is the same class bound to whatever the default client is when a
call runs, so Java-style ``MessagingServices.builder()...create()`` works unchanged.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from openmetadata_fluent import paths
from openmetadata_fluent._core.fluent import FluentEntity
from openmetadata_fluent._core.operations import DefaultClientFacade, EntityOperations
from openmetadata_fluent._core.pages import EntityList
from openmetadata_fluent._core.query import FieldsArg, Include
from openmetadata_fluent._core.spec import EntitySpec
from openmetadata_fluent._typed import concrete_returns
from openmetadata_fluent.builders.connections import ConnectionBuilder
from openmetadata_fluent.builders.service import MessagingServiceBuilder
from openmetadata_fluent.client import default_client
from openmetadata_fluent.errors import ValidationError
from openmetadata_fluent.models.common import WireModel
from openmetadata_fluent.models.messaging import (
    CreateMessagingServiceRequest,
    MessagingService,
)
from openmetadata_fluent.models.results import TestConnectionResult
from openmetadata_fluent.serialization import wire_value
from openmetadata_fluent.validation import check_connection, check_create_request, check_model

if TYPE_CHECKING:
    from openmetadata_fluent.client import OpenMetadataClient

__all__ = [
    "ALLOWED_FIELDS",
    "MESSAGING_SERVICES",
    "FluentMessagingService",
    "MessagingServiceOperations",
    "MessagingServices",
]

ALLOWED_FIELDS = ("owners", "tags", "domains", "followers", "pipelines", "dataProducts")
"""What ``fields`` may ask for; the server answers anything else with a 400."""

MESSAGING_SERVICES: EntitySpec[MessagingService, CreateMessagingServiceRequest] = EntitySpec(
    entity_type="messagingService",
    subject="messaging service",
    collection=paths.SERVICES,
    entity_class=MessagingService,
    request_class=CreateMessagingServiceRequest,
    check=check_create_request,
    fields=ALLOWED_FIELDS,
    lookup_fqn=paths.fqn,
    list_filters=("domain",),
    not_empty_hint="use .recursive() to delete the service together with its topics",
)

# ``Include`` reaches users through these calls; its ``parse`` should name it, not ``_E``.
concrete_returns(Include)

ConnectionInput = ConnectionBuilder[Any] | WireModel | Mapping[str, Any]
CreateInput = CreateMessagingServiceRequest | MessagingServiceBuilder


@concrete_returns
class FluentMessagingService(FluentEntity[MessagingService]):
    """A fetched service with pending changes; ``save()`` sends them as one PATCH."""

    def with_connection(self, value: ConnectionInput) -> FluentMessagingService:
        """Replace the connection with a builder, a model or a config dict. Masked secrets
        it leaves out keep their stored values."""
        checked = check_connection(value, self._fetched.get("serviceType"))
        if checked.problems:
            raise ValidationError(checked.problems, subject="connection")
        return self._set("connection", checked.body)

    withConnection = with_connection


@concrete_returns
class MessagingServiceOperations(EntityOperations[MessagingService, CreateMessagingServiceRequest]):
    """Every messaging-service call, bound to one client."""

    fluent_class = FluentMessagingService

    def __init__(self, client: OpenMetadataClient | None = None) -> None:
        super().__init__(MESSAGING_SERVICES, client, default_client)

    def builder(self) -> MessagingServiceBuilder:
        """A fluent builder whose ``create()`` and ``upsert()`` use these operations."""
        return MessagingServiceBuilder(self)

    @staticmethod
    def fqn(name: str) -> str:
        """A service's fully qualified name: the name, double-quoted if it has a dot."""
        return paths.fqn(name)

    def create(self, request: CreateInput) -> MessagingService:
        """POST a new service; an existing name raises ``EntityAlreadyExistsError`` (409)."""
        return super().create(request)

    def upsert(self, request: CreateInput) -> MessagingService:
        """PUT: create the service or update the one with the same name; the result's
        ``change_type`` says whether it was created, updated (a soft-deleted one revived
        included) or unchanged."""
        return super().upsert(request)

    create_or_update = upsert
    createOrUpdate = upsert

    def add_test_connection_result(
        self, id: uuid.UUID | str, result: TestConnectionResult | Mapping[str, Any]
    ) -> MessagingService:
        """Store the outcome of a connection test on the service (``PUT
        .../{id}/testConnectionResult``); the result is checked before it is sent."""
        checked = check_model(wire_value(result), TestConnectionResult, "result")
        if checked.problems:
            raise ValidationError(checked.problems, subject="test connection result")
        path = self._by_id(id, "testConnectionResult")
        return self._entity(self._request("PUT", path, body=checked.body))

    addTestConnectionResult = add_test_connection_result

    def list(
        self,
        limit: int | None = None,
        fields: FieldsArg = None,
        include: Include | str | None = None,
        domain: str | None = None,
        after: str | None = None,
        before: str | None = None,
    ) -> EntityList[MessagingService]:
        """Every matching service, fetched page by page as iteration goes (``limit`` per
        page). ``.pages()`` gives the pages and their cursors; pass a saved ``after`` to
        resume. Java style: ``list().fields("owners").limit(50).execute().getData()``."""
        return self._list(limit, fields, include, {"domain": domain}, after, before)


class _DefaultMessagingServices(DefaultClientFacade, MessagingServiceOperations):
    """The operations of whatever the default client is when a call runs."""

    facade_name = "MessagingServices"


MessagingServices: _DefaultMessagingServices = _DefaultMessagingServices()
"""Java-style facade: ``MessagingServices.builder().name(...)....create()``."""

MessagingServiceBuilder.default_operations = MessagingServices
