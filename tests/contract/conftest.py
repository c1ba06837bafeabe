"""Fixtures for the contract tests: each runs against the fake mounted in process and
served over HTTP, so both mounts answer alike; the clock is moved by hand."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from openmetadata_fluent.testing import FakeClock, FakeOpenMetadata
from tests.conftest import SEEDS_PAYLOAD

COLLECTION = "/v1/services/messagingServices"
TOKEN = "contract-token"
PATCH_JSON = {"Content-Type": "application/json-patch+json"}
SECRET = "s3cret-sasl-password"


def body(name: str = "sample_kafka", **changes: Any) -> dict[str, Any]:
    """The seeds' create body under another name, with top-level keys changed (a value
    of ``...`` leaves the key out)."""
    out = copy.deepcopy(SEEDS_PAYLOAD)
    out["name"] = name
    for key, value in changes.items():
        if value is ...:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def sasl(name: str = "secure_kafka", password: str = SECRET, **changes: Any) -> dict[str, Any]:
    """A Kafka body whose SASL password is a secret the server masks."""
    out = body(name, **changes)
    out["connection"]["config"].update(
        securityProtocol="SASL_SSL", saslUsername="svc", saslPassword=password
    )
    return out


class Api:
    """Raw calls to a mounted fake, so a test asserts exactly what went over the wire."""

    def __init__(self, fake: FakeOpenMetadata, token: str | None = TOKEN) -> None:
        self.fake = fake
        self.token = token
        self.session = requests.Session()

    def as_user(self, token: str | None) -> Api:
        return Api(self.fake, token)

    def __call__(
        self,
        method: str,
        path: str = "",
        *,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
        **kwargs: Any,
    ) -> requests.Response:
        sent = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        sent.update(headers or {})
        if raw is not None:
            kwargs["data"] = raw
        url = self.fake.base_url + COLLECTION + path
        return self.session.request(method, url, headers=sent, timeout=10, **kwargs)

    def patch(self, path: str, ops: list[dict[str, Any]], **headers: str) -> requests.Response:
        return self("PATCH", path, raw=json.dumps(ops).encode(), headers={**PATCH_JSON, **headers})

    def create(self, payload: dict[str, Any]) -> dict[str, Any]:
        resp = self("POST", json=payload)
        assert resp.status_code == 201, resp.text
        created: dict[str, Any] = resp.json()
        return created


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(start=1_769_982_621.031)


@pytest.fixture(params=["in-process", "http"])
def fake(request: pytest.FixtureRequest, clock: FakeClock) -> Iterator[FakeOpenMetadata]:
    """The fake with a hand-moved clock, mounted through ``responses`` or served on
    127.0.0.1: every contract holds on both."""
    made = FakeOpenMetadata(clock=clock)
    mount = made.mock() if request.param == "in-process" else made.serve(port=0)
    with mount:
        yield made


@pytest.fixture
def api(fake: FakeOpenMetadata) -> Api:
    return Api(fake)
