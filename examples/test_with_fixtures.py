"""Testing code that uses OpenMetadata, with the fixtures this package installs.

    pip install 'openmetadata-fluent[testing]' pytest
    python -m pytest examples/test_with_fixtures.py

No server is needed: each fixture is a ``FakeOpenMetadata`` that answers like one.
``openmetadata_fake`` runs in process (no sockets); ``openmetadata_http_fake`` serves real
HTTP on 127.0.0.1, for code that needs a URL. The ``_session`` variants are shared by
every test in the run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from openmetadata_fluent import MessagingService, OpenMetadataClient, kafka_connection
from openmetadata_fluent.errors import EntityAlreadyExistsError, ServerError
from openmetadata_fluent.testing import FakeOpenMetadata

COLLECTION = "/v1/services/messagingServices"


# -- the code under test: what an application might do with the SDK ----------------------


def register_broker(client: OpenMetadataClient, name: str, servers: str) -> MessagingService:
    """Create the service, or leave it alone if someone registered it already."""
    ops = client.messaging_services
    builder = (
        ops.builder()
        .name(name)
        .service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers(servers))
    )
    try:
        return builder.create()
    except EntityAlreadyExistsError:
        return ops.retrieve_by_name(name)


def count_services(base_url: str, token: str) -> int:
    """Plain HTTP, as a script in another language or another process would do it."""
    resp = requests.get(
        base_url + COLLECTION,
        headers={"Authorization": f"Bearer {token}"},
        params={"limit": 1},
        timeout=10,
    )
    resp.raise_for_status()
    return int(resp.json()["paging"]["total"])


# -- openmetadata_fake: in process, fresh for every test ----------------------------------


def test_registering_creates_the_service(openmetadata_fake: FakeOpenMetadata) -> None:
    service = register_broker(openmetadata_fake.client(), "orders", "kafka:9092")
    assert service.version == 0.1
    (post,) = openmetadata_fake.requests
    assert (post.method, post.path) == ("POST", COLLECTION)
    assert post.json["connection"]["config"]["bootstrapServers"] == "kafka:9092"


def test_registering_twice_reads_the_existing_one(openmetadata_fake: FakeOpenMetadata) -> None:
    (seeded,) = openmetadata_fake.seed(
        {
            "name": "orders",
            "serviceType": "Kafka",
            "connection": {"config": {"type": "Kafka", "bootstrapServers": "old:9092"}},
        }
    )
    service = register_broker(openmetadata_fake.client(), "orders", "new:9092")
    assert str(service.id) == seeded["id"]
    assert [r.method for r in openmetadata_fake.requests] == ["POST", "GET"]


def test_a_server_that_keeps_failing_surfaces_an_error(
    openmetadata_fake: FakeOpenMetadata,
) -> None:
    openmetadata_fake.fail_next(COLLECTION, times=5, status=500)
    with pytest.raises(ServerError):
        register_broker(openmetadata_fake.client(), "orders", "kafka:9092")


@pytest.mark.openmetadata_fake(bulk_route=False)
def test_bulk_without_a_bulk_route_falls_back_to_one_put_each(
    openmetadata_fake: FakeOpenMetadata,
) -> None:
    ops = openmetadata_fake.client().messaging_services
    items = [
        ops.builder()
        .name(f"svc_{i}")
        .service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers("k:9092"))
        for i in range(3)
    ]
    assert ops.bulk_upsert(items).ok
    assert [r.method for r in openmetadata_fake.requests] == ["PUT"] * 4  # 405, then 3


def test_calls_to_other_urls_go_through(
    openmetadata_fake: FakeOpenMetadata, openmetadata_http_fake: FakeOpenMetadata
) -> None:
    # The in-process fake answers only under its base URL; the HTTP fake is elsewhere.
    assert count_services(openmetadata_http_fake.base_url, "t") == 0
    assert len(openmetadata_http_fake.requests) == 1
    assert openmetadata_fake.requests == []


@pytest.mark.openmetadata_fake(passthrough=False, base_url="http://catalog.test/api")
def test_strict_mode_blocks_every_other_url(
    openmetadata_fake: FakeOpenMetadata, openmetadata_http_fake: FakeOpenMetadata
) -> None:
    assert openmetadata_fake.base_url == "http://catalog.test/api"
    assert count_services(openmetadata_fake.base_url, "t") == 0
    with pytest.raises(requests.ConnectionError):
        count_services(openmetadata_http_fake.base_url, "t")  # a live server, yet refused
    assert openmetadata_http_fake.requests == []


# -- openmetadata_fake_session: one in-process fake for the run ---------------------------


@pytest.fixture(scope="session")
def catalog(openmetadata_fake_session: FakeOpenMetadata) -> FakeOpenMetadata:
    """Seeded once: tests that only read can share it."""
    openmetadata_fake_session.seed(
        *(
            {
                "name": f"shared_{i}",
                "serviceType": "Kafka",
                "connection": {"config": {"type": "Kafka", "bootstrapServers": "k:9092"}},
            }
            for i in range(3)
        )
    )
    return openmetadata_fake_session


def test_the_shared_catalog_lists_every_service(catalog: FakeOpenMetadata) -> None:
    names = [s.name for s in catalog.client().messaging_services.list(limit=2)]
    assert names == ["shared_0", "shared_1", "shared_2"]


def test_the_shared_catalog_finds_one_by_name(catalog: FakeOpenMetadata) -> None:
    service = catalog.client().messaging_services.retrieve_by_name("shared_1")
    assert service.fully_qualified_name == "shared_1"


# -- openmetadata_http_fake: real HTTP on 127.0.0.1, fresh for every test -----------------


def test_an_sdk_client_built_from_the_url(openmetadata_http_fake: FakeOpenMetadata) -> None:
    assert openmetadata_http_fake.base_url.startswith("http://127.0.0.1:")
    with OpenMetadataClient(openmetadata_http_fake.base_url, token="any") as client:
        register_broker(client, "orders", "kafka:9092")
    assert count_services(openmetadata_http_fake.base_url, "any") == 1


def test_retries_ride_out_a_503_over_http(openmetadata_http_fake: FakeOpenMetadata) -> None:
    openmetadata_http_fake.fail_next(COLLECTION, times=2, status=503)
    service = openmetadata_http_fake.client().messaging_services.upsert(
        openmetadata_http_fake.client()
        .messaging_services.builder()
        .name("orders")
        .service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers("kafka:9092"))
    )
    assert service.version == 0.1
    assert [r.method for r in openmetadata_http_fake.requests] == ["PUT"] * 3


# -- openmetadata_http_fake_session: one server for the run -------------------------------


@pytest.fixture
def shared_server(openmetadata_http_fake_session: FakeOpenMetadata) -> Iterator[FakeOpenMetadata]:
    """The session's server, emptied after each test that writes to it."""
    yield openmetadata_http_fake_session
    openmetadata_http_fake_session.reset()


@pytest.mark.parametrize("name", ["first", "second"])
def test_each_test_starts_from_an_empty_shared_server(
    shared_server: FakeOpenMetadata, name: str
) -> None:
    assert count_services(shared_server.base_url, "t") == 0
    register_broker(shared_server.client(), name, "kafka:9092")
    assert count_services(shared_server.base_url, "t") == 1
