"""The whole flow over real HTTP on 127.0.0.1: the SDK client against the served fake,
and the lifecycle endpoints through plain ``requests``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from openmetadata_fluent import kafka_connection
from openmetadata_fluent.errors import EntityAlreadyExistsError, ServerError, TransportError
from openmetadata_fluent.models.common import MASK, ApiStatus, ChangeType
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.testing.conftest import payload

AUTH = {"Authorization": "Bearer e2e"}


def _builder(fake: FakeOpenMetadata, name: str, servers: str = "localhost:9092") -> Any:
    return (
        fake.client()
        .messaging_services.builder()
        .name(name)
        .service_type("Kafka")
        .connection(kafka_connection().bootstrap_servers(servers))
    )


@pytest.fixture
def no_bulk_fake() -> Iterator[FakeOpenMetadata]:
    fake = FakeOpenMetadata(bulk_route=False)
    with fake.serve(port=0):
        yield fake


def test_create_upsert_and_409_through_the_sdk(openmetadata_http_fake: FakeOpenMetadata) -> None:
    fake = openmetadata_http_fake
    assert fake.base_url.startswith("http://127.0.0.1:") and fake.base_url.endswith("/api")
    created = _builder(fake, "sample_kafka").create()
    assert created.change_type is ChangeType.CREATED and created.version == 0.1
    same = _builder(fake, "sample_kafka").upsert()
    assert same.change_type is ChangeType.NO_CHANGE and same.version == 0.1
    moved = _builder(fake, "sample_kafka", "broker:9093").upsert()
    assert moved.change_type is ChangeType.UPDATED and moved.version == 0.2
    with pytest.raises(EntityAlreadyExistsError) as caught:
        _builder(fake, "sample_kafka").create()
    assert caught.value.status == 409 and caught.value.message == "Entity already exists"


def test_bulk_through_the_bulk_route() -> None:
    # Changed deliberately: no current server has a bulk route for services, so the
    # SDK's bulk path is tested against a fake that turns one on.
    fake = FakeOpenMetadata(bulk_route=True)
    with fake.serve(port=0):
        items = [_builder(fake, f"svc_{i}") for i in range(3)]
        result = fake.client().messaging_services.bulk_upsert(items)
    assert result.status is ApiStatus.SUCCESS and result.number_of_rows_passed == 3
    sent = [(r.method, r.path) for r in fake.requests]
    assert sent == [("PUT", "/v1/services/messagingServices/bulk")]


def test_bulk_falls_back_to_one_put_each_without_the_route(
    no_bulk_fake: FakeOpenMetadata,
) -> None:
    items = [_builder(no_bulk_fake, f"svc_{i}") for i in range(3)]
    result = no_bulk_fake.client().messaging_services.bulk_upsert(items, max_workers=2)
    assert result.status is ApiStatus.SUCCESS and result.number_of_rows_passed == 3
    paths = sorted(r.path for r in no_bulk_fake.requests)
    assert paths[-1] == "/v1/services/messagingServices/bulk"
    assert paths.count("/v1/services/messagingServices") == 3


def test_bulk_route_off_answers_405_json(no_bulk_fake: FakeOpenMetadata) -> None:
    resp = requests.put(
        no_bulk_fake.base_url + "/v1/services/messagingServices/bulk",
        json=[payload()],
        headers=AUTH,
        timeout=10,
    )
    assert resp.status_code == 405
    assert resp.json()["code"] == 405


def test_lifecycle_over_http(openmetadata_http_fake: FakeOpenMetadata) -> None:
    base = openmetadata_http_fake.base_url + "/v1/services/messagingServices"
    s = requests.Session()
    s.headers.update(AUTH)
    body = payload("life.cycle")
    body["connection"]["config"].update(
        securityProtocol="SASL_SSL", saslUsername="u", saslPassword="pw"
    )
    created = s.post(base, json=body, timeout=10).json()
    sid = created["id"]
    assert created["connection"]["config"]["saslPassword"] == MASK

    by_name = s.get(f"{base}/name/%22life.cycle%22", timeout=10)
    assert by_name.status_code == 200 and by_name.json()["id"] == sid
    # API_FACTS "ETags and If-Match": writes are guarded by the weak validator of the
    # version that was read, not by the GET's strong ETag.
    etag = f'W/"{by_name.json()["version"]!r}"'

    patch = [{"op": "replace", "path": "/description", "value": "patched"}]
    patched = s.patch(
        f"{base}/{sid}",
        data=json.dumps(patch),
        timeout=10,
        headers={"Content-Type": "application/json-patch+json", "If-Match": etag},
    )
    assert patched.status_code == 200 and patched.json()["version"] == 0.2
    stale = s.patch(
        f"{base}/{sid}",
        data=json.dumps(patch),
        timeout=10,
        headers={"Content-Type": "application/json-patch+json", "If-Match": etag},
    )
    assert stale.status_code == 412 and stale.json()["code"] == 412

    deleted = s.delete(f"{base}/{sid}", timeout=10)
    assert deleted.status_code == 200 and deleted.json()["deleted"] is True
    assert s.get(f"{base}/{sid}", timeout=10).status_code == 404
    assert s.get(f"{base}/{sid}", params={"include": "deleted"}, timeout=10).status_code == 200

    restored = s.put(f"{base}/restore", json={"id": sid}, timeout=10)
    assert restored.status_code == 200
    assert restored.headers["X-OpenMetadata-Change"] == "entityRestored"
    assert restored.json()["deleted"] is False

    versions = s.get(f"{base}/{sid}/versions", timeout=10).json()
    assert versions["entityType"] == "messagingService"
    numbers = [json.loads(v)["version"] for v in versions["versions"]]
    assert numbers == [0.4, 0.3, 0.2, 0.1]
    assert all("pw" not in v for v in versions["versions"])
    first = s.get(f"{base}/{sid}/versions/0.1", timeout=10).json()
    assert first["version"] == 0.1 and "description" in first

    gone = s.delete(f"{base}/name/%22life.cycle%22", params={"hardDelete": "true"}, timeout=10)
    assert gone.status_code == 200
    missing = s.get(f"{base}/{sid}", params={"include": "all"}, timeout=10)
    expected = f"messagingService instance for {sid} not found"
    assert missing.json() == {"code": 404, "message": expected}


def test_injected_503_with_retry_after_is_retried_by_the_client(
    openmetadata_http_fake: FakeOpenMetadata,
) -> None:
    fake = openmetadata_http_fake
    fake.fail_next("/v1/services/messagingServices", times=2, status=503, retry_after=0)
    assert _builder(fake, "retried").upsert().change_type is ChangeType.CREATED
    assert [r.method for r in fake.requests] == ["PUT", "PUT", "PUT"]


def test_injected_html_page_surfaces_as_a_server_error(
    openmetadata_http_fake: FakeOpenMetadata,
) -> None:
    fake = openmetadata_http_fake
    page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    fake.fail_next("/v1/services", times=10, status=502, body=page)
    client = fake.client(max_retries=0)
    with pytest.raises(ServerError) as caught:
        client.messaging_services.builder().name("x").service_type("Kafka").connection(
            kafka_connection().bootstrap_servers("h:1")
        ).upsert()
    assert caught.value.status == 502 and "502 Bad Gateway" in caught.value.message


def test_dropped_connection_is_a_transport_error_and_the_server_survives(
    openmetadata_http_fake: FakeOpenMetadata,
) -> None:
    fake = openmetadata_http_fake
    fake.fail_next("/v1/services/messagingServices", times=1, drop_connection=True)
    with pytest.raises(TransportError):
        _builder(fake, "dropped").create()
    assert _builder(fake, "dropped").create().version == 0.1


def test_dropped_connection_in_process_raises_connection_error(
    openmetadata_fake: FakeOpenMetadata,
) -> None:
    openmetadata_fake.fail_next("/v1/services", drop_connection=True)
    with pytest.raises(requests.ConnectionError):
        requests.get(
            openmetadata_fake.base_url + "/v1/services/messagingServices", headers=AUTH, timeout=10
        )
    ok = requests.get(
        openmetadata_fake.base_url + "/v1/services/messagingServices", headers=AUTH, timeout=10
    )
    assert ok.status_code == 200
