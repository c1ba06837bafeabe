"""The topic calls no snippet covers, through the SDK over real HTTP against the offline
server (TopicResource: sample data, bulk, delete by name, the service filter)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from openmetadata_fluent import MessagingServices, kafka_connection
from openmetadata_fluent.errors import NotFoundError
from openmetadata_fluent.testing import FakeOpenMetadata


@pytest.fixture
def fake() -> Iterator[FakeOpenMetadata]:
    made = FakeOpenMetadata()
    with made.serve(port=0):
        yield made


def test_sample_data_bulk_and_delete_by_name_over_http(fake: FakeOpenMetadata) -> None:
    client = fake.client()
    client.messaging_services.create(
        MessagingServices.builder().name("svc").service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers("k:1"))
    )
    topics = client.topics
    result = topics.bulk_upsert(
        [topics.builder().name(f"t{i}").service("svc").partitions(1) for i in range(3)]
    )
    assert result.ok and result.number_of_rows_passed == 3
    assert [r.path for r in fake.requests if r.method == "PUT"] == ["/v1/topics/bulk"]
    assert sorted(t.name for t in topics.list(service="svc")) == ["t0", "t1", "t2"]

    t0 = topics.retrieve_by_name("svc.t0")
    stored = topics.add_sample_data(t0.id, ['{"id": 1}', '{"id": 2}'])
    assert stored.sample_data is not None and stored.sample_data.messages == (
        '{"id": 1}', '{"id": 2}')
    assert topics.get_sample_data(t0.id).sample_data == stored.sample_data
    assert topics.retrieve(t0.id).version == t0.version  # sample data is not a version

    topics.delete_by_name("svc.t1").hard_delete().execute()
    with pytest.raises(NotFoundError):
        topics.retrieve_by_name("svc.t1", include="all")
