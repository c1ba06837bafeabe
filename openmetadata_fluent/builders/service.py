"""The fluent builder of a messaging-service create request."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from openmetadata_fluent._typed import concrete_returns
from openmetadata_fluent.builders._base import RequestBuilder
from openmetadata_fluent.builders.connections import ConnectionBuilder
from openmetadata_fluent.models.common import (
    EntityReference,
    EntityStatus,
    LabelType,
    TagLabel,
    TagSource,
    TagState,
    WireModel,
)
from openmetadata_fluent.models.connections import MessagingServiceType
from openmetadata_fluent.models.messaging import (
    CreateMessagingServiceRequest,
    MessagingConnection,
    MessagingService,
)
from openmetadata_fluent.validation import Checked, check_create_request

if TYPE_CHECKING:
    from openmetadata_fluent._core.operations import EntityOperations

    Operations = EntityOperations[MessagingService, CreateMessagingServiceRequest]

__all__ = ["MessagingServiceBuilder"]

ConnectionInput = ConnectionBuilder[Any] | WireModel | Mapping[str, Any]


@concrete_returns
class MessagingServiceBuilder(RequestBuilder):
    """Builds a ``CreateMessagingServiceRequest`` and sends it.

    A builder made by ``client.messaging_services.builder()`` uses that client; one made
    by ``MessagingServices.builder()`` uses the default client as it is when ``create()``
    runs.
    """

    subject = "messaging service"
    made_by = "MessagingServices.builder() or client.messaging_services.builder()"

    def __init__(self, operations: Operations | None = None) -> None:
        super().__init__(operations)

    def _check_body(self, body: Mapping[str, Any]) -> Checked:
        return check_create_request(body)

    def name(self, value: str) -> MessagingServiceBuilder:
        """Unique name: 1 to 256 characters, no ``::``."""
        return self._set("name", value)

    def display_name(self, value: str) -> MessagingServiceBuilder:
        """A friendlier name shown instead of ``name``."""
        return self._set("displayName", value)

    def description(self, value: str) -> MessagingServiceBuilder:
        """Markdown description."""
        return self._set("description", value)

    def service_type(self, value: MessagingServiceType | str) -> MessagingServiceBuilder:
        """Kafka, Redpanda, Kinesis, Nats, PubSub or CustomMessaging (any letter case)."""
        return self._set("serviceType", value)

    def connection(self, value: ConnectionInput) -> MessagingServiceBuilder:
        """A connection builder, a connection model, or a config dict (``{"type": ...}``
        or ``{"config": {...}}``). Without ``service_type`` the type is taken from it."""
        if isinstance(value, MessagingConnection):
            return self._set("connection", value)
        if isinstance(value, Mapping) and set(value) == {"config"}:
            return self._set("connection", dict(value))
        return self._set("connection", {"config": value})

    def owners(
        self, values: Iterable[EntityReference | Mapping[str, Any]]
    ) -> MessagingServiceBuilder:
        """Replace the owners (references with ``id`` and ``type``)."""
        return self._set("owners", list(values))

    def owner(self, id: uuid.UUID | str, type: str = "user") -> MessagingServiceBuilder:
        """Add one owner: a user (default) or a team, by UUID."""
        self._body.setdefault("owners", []).append({"id": id, "type": type})
        return self

    def tags(self, values: Iterable[TagLabel | Mapping[str, Any] | str]) -> MessagingServiceBuilder:
        """Replace the tags; a plain string is a tag FQN with the default label settings."""
        return self._set("tags", [{"tagFQN": v} if isinstance(v, str) else v for v in values])

    def tag(
        self,
        tag_fqn: str,
        label_type: LabelType | str = LabelType.MANUAL,
        state: TagState | str = TagState.CONFIRMED,
        source: TagSource | str = TagSource.CLASSIFICATION,
    ) -> MessagingServiceBuilder:
        """Add one tag by its fully qualified name, e.g. ``"PII.Sensitive"``."""
        label = {"tagFQN": tag_fqn, "source": source, "labelType": label_type, "state": state}
        self._body.setdefault("tags", []).append(label)
        return self

    def domains(self, values: Iterable[str]) -> MessagingServiceBuilder:
        """Replace the domains (fully qualified names)."""
        return self._set("domains", list(values))

    def domain(self, fqn: str) -> MessagingServiceBuilder:
        """Add one domain by fully qualified name (the seeds' single ``domain``)."""
        self._body.setdefault("domains", []).append(fqn)
        return self

    def data_products(self, values: Iterable[str]) -> MessagingServiceBuilder:
        """Replace the data products (fully qualified names)."""
        return self._set("dataProducts", list(values))

    def data_product(self, fqn: str) -> MessagingServiceBuilder:
        """Add one data product by fully qualified name."""
        self._body.setdefault("dataProducts", []).append(fqn)
        return self

    def ingestion_runner(
        self,
        value: EntityReference | Mapping[str, Any] | uuid.UUID | str,
        type: str = "ingestionRunner",
    ) -> MessagingServiceBuilder:
        """The ingestion agent: a reference, or the agent's UUID."""
        if isinstance(value, (uuid.UUID, str)):
            value = {"id": value, "type": type}
        return self._set("ingestionRunner", value)

    def entity_status(self, value: EntityStatus | str) -> MessagingServiceBuilder:
        """The entity's review status, e.g. ``Draft`` or ``Approved``."""
        return self._set("entityStatus", value)

    def build(self) -> CreateMessagingServiceRequest:
        """The request model, after checking everything; raises ``ValidationError`` listing
        every problem with its field path."""
        return self._request(CreateMessagingServiceRequest)

    def create(self) -> MessagingService:
        """POST the request; a name that exists raises ``EntityAlreadyExistsError``."""
        created: MessagingService = self._ops()._send_create(self._check())
        return created

    def upsert(self) -> MessagingService:
        """PUT the request: create, or update the service of the same name.
        ``change_type`` on the result says which."""
        stored: MessagingService = self._ops()._send_upsert(self._check())
        return stored

    create_or_update = upsert
    displayName = display_name
    serviceType = service_type
    dataProducts = data_products
    dataProduct = data_product
    ingestionRunner = ingestion_runner
    entityStatus = entity_status
    createOrUpdate = create_or_update
