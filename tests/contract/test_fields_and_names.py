"""``fields`` and name lookups (API_FACTS "Names and FQNs"; server: EntityUtil.Fields,
CatalogExceptionMessage.invalidField, FullyQualifiedName.quoteName,
EntityRepository.getByName)."""

from __future__ import annotations

import urllib.parse

import pytest

from openmetadata_fluent.models import CreateMessagingServiceRequest, MessagingService
from openmetadata_fluent.serialization import wire_fields
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.contract.conftest import Api, body


@pytest.mark.parametrize("name", list(wire_fields(MessagingService)))
def test_fields_takes_any_property_of_the_entity(api: Api, name: str) -> None:
    """Fields are checked against the entity's properties (allowedFields)."""
    made = api.create(body())
    assert api("GET", f"/{made['id']}", params={"fields": name}).status_code == 200
    assert api("GET", params={"fields": name}).status_code == 200


def test_an_unknown_field_is_400_invalid_field_name(api: Api) -> None:
    """CatalogExceptionMessage.invalidField: "Invalid field name <name>", on reads and lists."""
    made = api.create(body())
    resp = api("GET", f"/{made['id']}", params={"fields": "owners,colour"})
    assert resp.json() == {"code": 400, "message": "Invalid field name colour"}
    assert api("GET", params={"fields": "colour"}).status_code == 400


def test_star_asks_for_every_field(api: Api, fake: FakeOpenMetadata) -> None:
    """``fields=*`` asks for every field: relation lists come back, empty ones as ``[]``."""
    made = api.create(body())
    resp = api("GET", f"/{made['id']}", params={"fields": "*"})
    assert resp.status_code == 200
    shown = resp.json()
    assert shown["followers"] == [] and shown["pipelines"] == [] and shown["dataProducts"] == []


def test_followers_show_only_when_asked_for(api: Api, fake: FakeOpenMetadata) -> None:
    """Followers are a relation, set on a read only when ``fields`` names them."""
    made = api.create(body())
    api("PUT", f"/{made['id']}/followers", json=fake.user_id("ana"))
    assert "followers" not in api("GET", f"/{made['id']}").json()
    shown = api("GET", f"/{made['id']}", params={"fields": "followers"}).json()
    assert [f["name"] for f in shown["followers"]] == ["ana"]


def test_every_create_key_the_models_know_is_accepted(api: Api) -> None:
    """The create keys are the request model's wire fields; the server takes each."""
    keys = set(wire_fields(CreateMessagingServiceRequest))
    full = body(
        tags=[{"tagFQN": "PII.Sensitive"}],
        owners=[{"id": "6f7b3c1e-1d2a-4c4b-9a57-3d0c1b2a4f11", "type": "user"}],
        dataProducts=["Sales.Orders"],
        domains=["Sales"],
        ingestionRunner={"id": "0b8d2a52-5f8e-4c3f-9b7e-1f6f2c1d0a11", "type": "app"},
        entityStatus="Approved",
    )
    assert set(full) == keys
    made = api.create(full)
    assert made["tags"][0]["labelType"] == "Manual"  # the schema's default, filled in
    assert made["entityStatus"] == "Approved"


@pytest.mark.parametrize("segment", ["my.kafka", '"my.kafka"'])
def test_a_dotted_name_is_found_quoted_or_not(api: Api, segment: str) -> None:
    """Services quote the name before the lookup (quoteName), so /name/my.kafka finds
    the service whose FQN is "my.kafka"."""
    made = api.create(body("my.kafka"))
    assert made["fullyQualifiedName"] == '"my.kafka"'
    resp = api("GET", "/name/" + urllib.parse.quote(segment, safe=""))
    assert resp.status_code == 200 and resp.json()["id"] == made["id"]


def test_a_quoted_name_without_a_dot_loses_its_quotes(api: Api) -> None:
    """FullyQualifiedName.quoteName: ``"plain"`` is ``plain``."""
    made = api.create(body("plain"))
    resp = api("GET", "/name/" + urllib.parse.quote('"plain"', safe=""))
    assert resp.status_code == 200 and resp.json()["id"] == made["id"]


def test_a_missing_dotted_name_is_404_with_its_quoted_fqn(api: Api) -> None:
    """EntityRepository.getByName quotes first, so the 404 names the quoted FQN."""
    resp = api("GET", "/name/no.such")
    assert resp.json() == {
        "code": 404,
        "message": 'messagingService instance for "no.such" not found',
    }


def test_the_sdk_finds_a_dotted_name_unquoted(fake: FakeOpenMetadata) -> None:
    """End to end: the SDK's lookup of a dotted name and a ``*`` read."""
    ops = fake.client().messaging_services
    made = ops.create(CreateMessagingServiceRequest.from_dict(body("team.kafka")))
    assert ops.retrieve_by_name("team.kafka").id == made.id
    assert ops.retrieve(made.id, fields="*").followers == ()
