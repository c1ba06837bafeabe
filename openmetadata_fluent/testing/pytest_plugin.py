"""Pytest fixtures for the offline OpenMetadata, registered through ``pytest11``.

Each test gets a fresh fake; ``fake.client()`` is an ``OpenMetadataClient`` wired to it,
so tests exercise the real SDK against server rules without a server.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from openmetadata_fluent.testing._engine import FakeOpenMetadata


@pytest.fixture
def openmetadata_fake() -> Iterator[FakeOpenMetadata]:
    """A fresh fake mounted in process through ``responses`` (no sockets)."""
    with FakeOpenMetadata().mock() as fake:
        yield fake


@pytest.fixture
def openmetadata_http_fake() -> Iterator[FakeOpenMetadata]:
    """A fresh fake served over HTTP on 127.0.0.1 (``fake.base_url`` is its address)."""
    fake = FakeOpenMetadata()
    with fake.serve(port=0):
        yield fake
