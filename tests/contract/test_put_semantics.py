"""What a PUT does to an existing service (API_FACTS "Write semantics" [corrected];
server: EntityValueUpdates.java, EntityPutService.java, ServiceEntityResource.java,
PasswordEntityMasker.java)."""

from __future__ import annotations

from typing import Any

from openmetadata_fluent import kafka_connection
from openmetadata_fluent.models.common import MASK, ChangeType
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.contract.conftest import SECRET, Api, body, sasl

OWNER = {"id": "6f7b3c1e-1d2a-4c4b-9a57-3d0c1b2a4f11", "type": "user", "name": "ana"}
NPE = (
    'Cannot invoke "org.openmetadata.schema.ServiceConnectionEntityInterface.getConfig()" '
    'because the return value of "org.openmetadata.schema.ServiceEntityInterface'
    '.getConnection()" is null'
)


def _tag(fqn: str) -> dict[str, Any]:
    return {"tagFQN": fqn, "source": "Classification", "labelType": "Manual", "state": "Confirmed"}


def test_description_and_display_name_left_out_are_removed(api: Api) -> None:
    """EntityValueUpdates.updateDescription/updateDisplayName: a non-bot PUT records the
    request's value, so leaving them out removes them."""
    api.create(body())
    resp = api("PUT", json=body(description=..., displayName=...))
    assert resp.headers["X-OpenMetadata-Change"] == "entityUpdated"
    assert "description" not in resp.json() and "displayName" not in resp.json()


def test_a_bots_put_keeps_a_stored_description(api: Api, fake: FakeOpenMetadata) -> None:
    """EntityValueUpdates.updateDescription: a bot's PUT keeps a stored description."""
    fake.add_token("bot-token", "ingestion-bot", bot=True)
    api.create(body())
    resp = api.as_user("bot-token")("PUT", json=body(description=...))
    assert resp.json()["description"] == "Production Kafka messaging service"


def test_tags_are_merged_a_put_never_removes_one(api: Api) -> None:
    """EntityRepository.updateTags: a PUT merges the request's tags with the stored ones."""
    api.create(body(tags=[_tag("PII.Sensitive")]))
    resp = api("PUT", json=body(tags=[_tag("Tier.Tier1")]))
    assert sorted(t["tagFQN"] for t in resp.json()["tags"]) == ["PII.Sensitive", "Tier.Tier1"]
    again = api("PUT", json=body(tags=[]))
    assert again.headers["X-OpenMetadata-Change"] == "entityNoChange"
    assert len(again.json()["tags"]) == 2


def test_owners_and_domains_left_out_or_empty_are_kept(api: Api) -> None:
    """API_FACTS "Write semantics": owners and domains sent empty or not at all are kept
    by a PUT; only a PATCH clears them."""
    api.create(body(owners=[OWNER], domains=["Sales"]))
    for changes in ({"owners": ..., "domains": ...}, {"owners": [], "domains": []}):
        resp = api("PUT", json=body(**changes))
        assert resp.headers["X-OpenMetadata-Change"] == "entityNoChange", changes
        assert [o["id"] for o in resp.json()["owners"]] == [OWNER["id"]]
        assert [d["fullyQualifiedName"] for d in resp.json()["domains"]] == ["Sales"]


def test_a_left_out_connection_of_a_service_that_has_one_is_the_servers_npe(api: Api) -> None:
    """ServiceEntityResource.unmask dereferences the request's connection when the stored
    service has one (open-metadata/OpenMetadata#29494): 400 with the JVM's message."""
    api.create(body())
    resp = api("PUT", json=body(connection=...))
    assert resp.status_code == 400
    assert resp.json() == {"code": 400, "message": NPE}


def test_a_left_out_connection_is_fine_when_none_is_stored(api: Api) -> None:
    """The unmask step runs only when the stored service has a connection."""
    api.create(body(connection=...))
    resp = api("PUT", json=body(connection=..., description="second"))
    assert resp.status_code == 200 and "connection" not in resp.json()


def test_a_put_revives_a_soft_deleted_service_as_an_update(api: Api) -> None:
    """EntityPutService: a PUT of a soft-deleted entity restores it and answers
    entityUpdated (+0.1); never entityRestored, which only PUT /restore says."""
    made = api.create(body())
    api("DELETE", f"/{made['id']}")
    resp = api("PUT", json=body())
    assert resp.status_code == 200
    assert resp.headers["X-OpenMetadata-Change"] == "entityUpdated"
    assert (resp.json()["id"], resp.json()["deleted"], resp.json()["version"]) == (
        made["id"],
        False,
        0.3,
    )


def test_a_mask_sent_back_in_a_revival_is_stored_as_the_secret(
    api: Api, fake: FakeOpenMetadata
) -> None:
    """ServiceEntityResource.unmask looks up only non-deleted services, so reviving a
    soft-deleted one with the mask stores the mask itself (API_FACTS "Write semantics")."""
    fake.add_token("bot-token", "ingestion-bot", bot=True)
    made = api.create(sasl())
    api("DELETE", f"/{made['id']}")
    assert api("PUT", json=sasl(password=MASK)).status_code == 200
    stored = api.as_user("bot-token")("GET", f"/{made['id']}").json()
    assert stored["connection"]["config"]["saslPassword"] == MASK


def test_a_mask_in_a_put_of_a_live_service_keeps_the_secret(
    api: Api, fake: FakeOpenMetadata
) -> None:
    """PasswordEntityMasker.unmaskServiceConnectionConfig: a password still equal to the
    mask takes the stored value back, so echoing a read changes nothing."""
    fake.add_token("bot-token", "ingestion-bot", bot=True)
    made = api.create(sasl())
    resp = api("PUT", json=sasl(password=MASK))
    assert resp.headers["X-OpenMetadata-Change"] == "entityNoChange"
    stored = api.as_user("bot-token")("GET", f"/{made['id']}").json()
    assert stored["connection"]["config"]["saslPassword"] == SECRET


def test_a_mask_in_a_patch_keeps_the_secret(api: Api, fake: FakeOpenMetadata) -> None:
    """API_FACTS "Secrets": a field still equal to the mask in a PATCH keeps the stored
    secret."""
    fake.add_token("bot-token", "ingestion-bot", bot=True)
    made = api.create(sasl())
    ops = [
        {"op": "replace", "path": "/connection/config/saslPassword", "value": MASK},
        {"op": "replace", "path": "/description", "value": "rotated nothing"},
    ]
    assert api.patch(f"/{made['id']}", ops).json()["version"] == 0.2
    stored = api.as_user("bot-token")("GET", f"/{made['id']}").json()
    assert stored["connection"]["config"]["saslPassword"] == SECRET


def test_the_sdk_upsert_revives_a_deleted_service_as_updated(fake: FakeOpenMetadata) -> None:
    """End to end: the SDK reads entityUpdated from the revival and keeps the id."""
    ops = fake.client().messaging_services

    def builder() -> Any:
        connection = kafka_connection().bootstrap_servers("localhost:9092")
        return ops.builder().name("revived").service_type("Kafka").connection(connection)

    first = builder().create()
    ops.delete(first.id).execute()
    again = builder().upsert()
    assert again.change_type is ChangeType.UPDATED
    assert (again.id, again.deleted, again.version) == (first.id, False, 0.3)
