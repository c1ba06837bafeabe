"""Hostile input over real HTTP: every answer is a JSON error with the right status, and
the server keeps serving afterwards. Bounded loops, loopback only."""

from __future__ import annotations

import json
import random
import socket
from collections.abc import Iterator

import pytest
import requests

from openmetadata_fluent.testing import FakeOpenMetadata
from tests.testing.conftest import payload

AUTH = {"Authorization": "Bearer fuzz"}
COLLECTION = "/v1/services/messagingServices"


@pytest.fixture(scope="module")
def served() -> Iterator[FakeOpenMetadata]:
    fake = FakeOpenMetadata()
    with fake.serve(port=0):
        yield fake


def _still_serving(fake: FakeOpenMetadata) -> None:
    resp = requests.get(fake.base_url + COLLECTION, headers=AUTH, timeout=10)
    assert resp.status_code == 200 and "paging" in resp.json()


def _json_error(resp: requests.Response, status: int) -> dict[str, object]:
    assert resp.status_code == status, resp.text
    assert resp.headers["Content-Type"].startswith("application/json")
    body = resp.json()
    assert body["code"] == status and isinstance(body["message"], str)
    return body


@pytest.mark.parametrize(
    "raw",
    [b"", b"{", b"[1,", b"null", b"42", b'"text"', b"\xff\xfe\x00", b"{}" * 50, b"[]"],
)
def test_malformed_bodies_are_400(served: FakeOpenMetadata, raw: bytes) -> None:
    resp = requests.post(
        served.base_url + COLLECTION,
        data=raw,
        timeout=10,
        headers={**AUTH, "Content-Type": "application/json"},
    )
    body = _json_error(resp, 400)
    # Changed deliberately: text that is no JSON is "Unable to process JSON".
    assert body["message"] in ("Invalid request format", "Unable to process JSON") or str(
        body["message"]
    ).startswith("[query param ")
    _still_serving(served)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("name", 7),
        ("serviceType", "kafka"),
        ("serviceType", ["Kafka"]),
        ("tags", "x"),
        ("owners", [{"id": "not-a-uuid", "type": "user"}]),
        ("domain", "Marketing"),
        ("connection", "Kafka"),
    ],
)
def test_wrong_types_unknown_keys_and_bad_enums_are_invalid_request_format(
    served: FakeOpenMetadata, key: str, value: object
) -> None:
    resp = requests.put(
        served.base_url + COLLECTION, json=payload(**{key: value}), headers=AUTH, timeout=10
    )
    assert _json_error(resp, 400)["message"] == "Invalid request format"


def test_constraint_problems_are_bracketed(served: FakeOpenMetadata) -> None:
    resp = requests.put(
        served.base_url + COLLECTION, json=payload("bad::name"), headers=AUTH, timeout=10
    )
    assert _json_error(resp, 400)["message"] == '[query param name must match "^((?!::).)*$"]'


def test_random_json_bodies_never_break_the_server(served: FakeOpenMetadata) -> None:
    rng = random.Random(1234)
    atoms: list[object] = [None, True, 0, -1.5, "", "Kafka", "::", [], {}, "x" * 300]
    keys = ["name", "serviceType", "connection", "config", "type", "tags", "owners", "zzz"]
    for _ in range(60):
        body = {rng.choice(keys): rng.choice(atoms) for _ in range(rng.randint(0, 5))}
        resp = requests.put(served.base_url + COLLECTION, json=body, headers=AUTH, timeout=10)
        assert resp.status_code in (200, 201, 400), resp.text
        assert isinstance(resp.json(), dict)
    _still_serving(served)


def test_huge_body_is_answered_and_the_server_keeps_serving(served: FakeOpenMetadata) -> None:
    body = payload("huge", description="d" * (3 * 1024 * 1024))
    resp = requests.put(served.base_url + COLLECTION, json=body, headers=AUTH, timeout=60)
    assert resp.status_code == 201
    junk = b"[" + b"1," * (2 * 1024 * 1024) + b"x"
    bad = requests.post(served.base_url + COLLECTION, data=junk, headers=AUTH, timeout=60)
    assert _json_error(bad, 400)["message"] == "Unable to process JSON"
    _still_serving(served)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/v1/nothing/here", 404),
        ("GET", "/v2/services/messagingServices", 404),
        ("GET", COLLECTION + "/a/b/c/d", 404),
        ("GET", COLLECTION + "/not-a-uuid", 404),
        ("GET", COLLECTION + "/name/", 404),
        ("POST", COLLECTION + "/name/x", 405),
        ("BREW", COLLECTION, 405),
        ("TRACE", COLLECTION, 405),
        ("GET", COLLECTION + "/%00%ff", 404),
    ],
)
def test_odd_paths_and_methods_get_json_errors(
    served: FakeOpenMetadata, method: str, path: str, status: int
) -> None:
    resp = requests.request(method, served.base_url + path, headers=AUTH, timeout=10)
    _json_error(resp, status)
    _still_serving(served)


def test_paths_outside_the_api_are_json_404(served: FakeOpenMetadata) -> None:
    root = served.base_url[: -len("/api")]
    _json_error(requests.get(root + "/index.html", headers=AUTH, timeout=10), 404)


def test_missing_token_is_401_even_on_odd_input(served: FakeOpenMetadata) -> None:
    resp = requests.post(served.base_url + COLLECTION, data=b"{", timeout=10)
    assert _json_error(resp, 401)["message"] == "Not Authorized! Token not present"


def _raw_exchange(fake: FakeOpenMetadata, data: bytes) -> bytes:
    host, port = fake.base_url.split("//")[1].split("/")[0].split(":")
    answer = b""
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(data)
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


def test_garbage_request_line_gets_a_json_error(served: FakeOpenMetadata) -> None:
    # No HTTP version is understood, so the answer is HTTP/0.9 style: the body alone.
    answer = _raw_exchange(served, b"NOT A VALID REQUEST LINE AT ALL\r\n\r\n")
    assert json.loads(answer)["code"] == 400
    _still_serving(served)


def test_oversized_header_gets_a_json_431(served: FakeOpenMetadata) -> None:
    request = b"GET /api HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n"
    head, _, body = _raw_exchange(served, request).partition(b"\r\n\r\n")
    assert head.split(b"\r\n")[0].startswith(b"HTTP/1.1 431")
    assert json.loads(body)["code"] == 431
    _still_serving(served)
