"""What a create answers and what it needs (API_FACTS "Endpoints" and "Messaging service
create request" [corrected]; server: EntityResource.create/createOrUpdate,
RestUtil.PutResponse, createMessagingService.json, SecretsUtil.convert)."""

from __future__ import annotations

from openmetadata_fluent.models import CreateMessagingServiceRequest
from openmetadata_fluent.models.common import ChangeType
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.contract.conftest import Api, body


def test_post_is_201_with_location_and_no_change_header(api: Api) -> None:
    """Response.created(href): a Location, and no X-OpenMetadata-Change."""
    resp = api("POST", json=body())
    assert resp.status_code == 201
    assert resp.headers["Location"] == resp.json()["href"]
    assert "X-OpenMetadata-Change" not in resp.headers


def test_a_put_create_is_201_entity_created_without_location(api: Api) -> None:
    """PutResponse.toResponse: the change header, and no Location."""
    resp = api("PUT", json=body())
    assert resp.status_code == 201
    assert resp.headers["X-OpenMetadata-Change"] == "entityCreated"
    assert "Location" not in resp.headers


def test_a_connection_is_optional_on_the_server(api: Api) -> None:
    """createMessagingService.json requires only name and serviceType."""
    resp = api("POST", json={"name": "bare", "serviceType": "Kafka"})
    assert resp.status_code == 201
    assert "connection" not in resp.json()


def test_config_type_is_optional_the_class_comes_from_service_type(api: Api) -> None:
    """API_FACTS "Messaging service create request" [corrected]: config.type may be left out;
    the stored config is the serviceType class, whose type defaults to it."""
    sent = body()
    del sent["connection"]["config"]["type"]
    made = api.create(sent)
    assert made["connection"]["config"]["type"] == "Kafka"


def test_a_config_type_other_than_service_type_fails_to_convert(api: Api) -> None:
    """The config is read as the class of serviceType, whose type enum has one value."""
    resp = api("POST", json=body(serviceType="Redpanda"))
    first = resp.json()["message"].partition("\n")[0]
    assert first == "Failed to convert [sample_kafka] to type [Redpanda]. Review the connection."


def test_keys_the_sdk_requires_inside_a_config_are_not_required(api: Api) -> None:
    """A config is converted without bean validation, so ``bootstrapServers`` is not
    enforced by the server (API_FACTS: probable, not proven; the fake follows it)."""
    resp = api("POST", json={"name": "loose", "serviceType": "Kafka", "connection": {"config": {}}})
    assert resp.status_code == 201
    assert resp.json()["connection"]["config"] == {"type": "Kafka"}


def test_the_sdk_create_and_upsert_read_what_the_server_did(fake: FakeOpenMetadata) -> None:
    """End to end: without a change header on POST, the SDK still knows it created."""
    ops = fake.client().messaging_services
    request = CreateMessagingServiceRequest.from_dict(body())
    assert ops.create(request).change_type is ChangeType.CREATED
    other = CreateMessagingServiceRequest.from_dict(body("other"))
    assert ops.upsert(other).change_type is ChangeType.CREATED
    assert ops.upsert(other).change_type is ChangeType.NO_CHANGE
