"""Helpers for wire-level tests of the fake: plain ``requests`` calls, no SDK client."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from openmetadata_fluent.testing import FakeOpenMetadata
from tests.conftest import BASE, SEEDS_PAYLOAD

AUTH = {"Authorization": "Bearer any-token"}
COLLECTION = "/v1/services/messagingServices"


def payload(name: str = "sample_kafka", **changes: Any) -> dict[str, Any]:
    """The seeds' create body under another name, with top-level keys changed."""
    body = copy.deepcopy(SEEDS_PAYLOAD)
    body["name"] = name
    body.update(changes)
    return body


class Wire:
    """Sends raw requests to a mounted fake, so tests assert exactly what went over HTTP."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session = requests.Session()

    def __call__(
        self,
        method: str,
        path: str = "",
        *,
        headers: dict[str, str] | None = None,
        auth: bool = True,
        **kwargs: Any,
    ) -> requests.Response:
        sent = {**(AUTH if auth else {}), **(headers or {})}
        return self.session.request(
            method, self.base_url + COLLECTION + path, headers=sent, timeout=10, **kwargs
        )


@pytest.fixture
def fake() -> Iterator[FakeOpenMetadata]:
    with FakeOpenMetadata().mock(BASE) as mounted:
        yield mounted


@pytest.fixture
def wire(fake: FakeOpenMetadata) -> Wire:
    return Wire(BASE)
