"""The whole lifecycle through the SDK over real HTTP against the offline server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from openmetadata_fluent import ChangeType, OpenMetadataClient, kafka_connection
from openmetadata_fluent.errors import (
    BadRequestError,
    EntityAlreadyExistsError,
    NotFoundError,
    PreconditionFailedError,
)
from openmetadata_fluent.models import MASK, KafkaConnection
from openmetadata_fluent.testing import FakeOpenMetadata


@pytest.fixture
def fake() -> FakeOpenMetadata:
    return FakeOpenMetadata(bulk_route=False)


@pytest.fixture
def client(fake: FakeOpenMetadata) -> Iterator[OpenMetadataClient]:
    with fake.serve(port=0) as server, OpenMetadataClient(server.base_url, "e2e-token") as c:
        yield c


def test_create_find_change_save_delete_restore_over_http(
    fake: FakeOpenMetadata, client: OpenMetadataClient
) -> None:
    ops = client.messaging_services
    created = (
        ops.builder()
        .name("orders.kafka")
        .service_type("Kafka")
        .connection(
            kafka_connection()
            .bootstrap_servers("broker:9092")
            .security_protocol("SASL_SSL")
            .sasl_username("svc")
            .sasl_password("real-secret")
        )
        .tag("Tier.Tier1")
        .create()
    )
    assert created.fully_qualified_name == '"orders.kafka"'
    assert created.change_type is ChangeType.CREATED
    config = created.connection.config if created.connection else None
    assert isinstance(config, KafkaConnection) and config.sasl_password is not None
    assert config.sasl_password.get_secret_value() == MASK

    with pytest.raises(EntityAlreadyExistsError):
        ops.builder().name("orders.kafka").connection(
            kafka_connection().bootstrap_servers("b:1")
        ).create()

    found = ops.find_by_name("orders.kafka").fields("owners", "tags").fetch()
    saved = found.with_description("Order events").save()
    assert saved.entity.description == "Order events"
    assert saved.entity.version == pytest.approx(0.2)
    [patch] = [r for r in fake.requests if r.method == "PATCH"]
    assert patch.json == [{"op": "add", "path": "/description", "value": "Order events"}]
    assert "if-match" in patch.headers
    assert found.save() is found  # nothing changed: no second PATCH
    assert sum(r.method == "PATCH" for r in fake.requests) == 1

    stale = ops.find(created.id).fetch()
    ops.find(created.id).fetch().with_display_name("Orders").save()
    with pytest.raises(PreconditionFailedError):
        stale.with_display_name("Someone else's").save()

    assert [s.name for s in ops.list(limit=1)] == ["orders.kafka"]
    deleted = ops.delete(created.id).execute()
    assert deleted.deleted is True
    with pytest.raises(NotFoundError):
        ops.retrieve(created.id)
    assert ops.retrieve(created.id, include="deleted").deleted is True
    assert ops.restore(created.id).deleted is False
    history = ops.versions(created.id)
    assert [v.version for v in history] == sorted((v.version for v in history), reverse=True)
    assert ops.version(created.id, "0.1").description is None

    fake.seed(
        {
            "name": "busy",
            "serviceType": "Kafka",
            "connection": {"config": {"type": "Kafka", "bootstrapServers": "k:1"}},
        },
        topics=2,
    )
    busy = ops.retrieve_by_name("busy")
    with pytest.raises(BadRequestError, match=r"recursive\(\)"):
        ops.delete(busy.id).hard_delete().execute()
    ops.delete(busy.id).hard_delete().recursive().execute()
    with pytest.raises(NotFoundError):
        ops.retrieve(busy.id, include="all")

    ops.delete_by_name("orders.kafka").hard_delete().execute()
    with pytest.raises(NotFoundError):
        ops.retrieve_by_name("orders.kafka", include="all")


def test_paging_over_http_sees_every_service_once(client: OpenMetadataClient) -> None:
    ops = client.messaging_services
    names = [f"svc_{i:03d}" for i in range(57)]
    result = ops.bulk_upsert(
        [
            ops.builder().name(n).connection(kafka_connection().bootstrap_servers("k:1"))
            for n in names
        ]
    )
    assert result.ok
    assert [s.name for s in ops.list(limit=10)] == names
    pages = ops.list(limit=25).pages()
    first = next(pages)
    assert first.total == 57 and first.after is not None
    resumed = [s.name for page in ops.list(limit=25, after=first.after).pages() for s in page.items]
    assert [s.name for s in first.items] + resumed == names


def test_create_batch_over_http_carries_on_past_a_duplicate(client: OpenMetadataClient) -> None:
    ops = client.messaging_services
    items = [
        ops.builder().name(n).connection(kafka_connection().bootstrap_servers("k:1"))
        for n in ("a", "b", "a", "c")
    ]
    result = ops.create_batch(*items)
    assert [s.item.name for s in result.succeeded] == ["a", "b", "c"]
    assert [(f.item.name, f.status) for f in result.failed] == [("a", 409)]
