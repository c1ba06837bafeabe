"""How the HTTP mount reads bodies: chunked uploads work, oversized ones are refused unread."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator

import requests

from openmetadata_fluent.testing import FakeOpenMetadata
from tests.testing.conftest import AUTH, COLLECTION, payload


def test_chunked_body_is_read_and_the_connection_stays_usable(
    openmetadata_http_fake: FakeOpenMetadata,
) -> None:
    url = openmetadata_http_fake.base_url + COLLECTION
    data = json.dumps(payload()).encode()

    def pieces() -> Iterator[bytes]:  # a generator makes requests send chunked
        yield data[:17]
        yield data[17:]

    with requests.Session() as session:
        resp = session.put(
            url, data=pieces(), timeout=10, headers={**AUTH, "Content-Type": "application/json"}
        )
        assert resp.status_code == 201
        assert resp.json()["name"] == "sample_kafka"
        listed = session.get(url, headers=AUTH, timeout=10)
        assert listed.json()["paging"]["total"] == 1


def test_declared_huge_body_is_413_without_waiting_for_it(
    openmetadata_http_fake: FakeOpenMetadata,
) -> None:
    fake = openmetadata_http_fake
    port = int(fake.base_url.rsplit(":", 1)[1].split("/", 1)[0])
    head = (
        f"PUT /api{COLLECTION} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Authorization: Bearer t\r\nContent-Length: 99999999999\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(head.encode())
        answer = b""
        while b"}" not in answer:
            more = conn.recv(4096)
            if not more:
                break
            answer += more
    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 413")
    assert json.loads(rest.split(b"\r\n\r\n", 1)[1]) == {
        "code": 413,
        "message": "HTTP 413 Request Entity Too Large",
    }
    assert requests.get(fake.base_url + COLLECTION, headers=AUTH, timeout=10).status_code == 200
