"""Pytest fixtures for the offline OpenMetadata, registered through ``pytest11``.

Four fixtures, each a ``FakeOpenMetadata`` whose ``client()`` is wired to it:

- ``openmetadata_fake``: in process (no sockets), fresh for every test;
- ``openmetadata_fake_session``: in process, one for the whole session;
- ``openmetadata_http_fake``: real HTTP on 127.0.0.1, fresh for every test;
- ``openmetadata_http_fake_session``: real HTTP, one for the whole session.

The in-process fakes answer everything under their base URL and let calls to any
other URL through, so a test can still reach its own services. The
``openmetadata_fake`` marker sets the base URL, the bulk route and passthrough per test;
the ``openmetadata_passthrough`` ini option sets the default for the whole suite.
The in-process fakes need the ``testing`` extra (``responses``); the HTTP ones do not.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from openmetadata_fluent.testing import FakeOpenMetadata, MockMount

__all__ = [
    "openmetadata_fake",
    "openmetadata_fake_session",
    "openmetadata_http_fake",
    "openmetadata_http_fake_session",
]

MARKER = "openmetadata_fake"
PASSTHROUGH_INI = "openmetadata_passthrough"
DEFAULT_BASE_URL = "http://localhost:8585/api"
_MARKER_OPTIONS = frozenset({"base_url", "bulk_route", "passthrough"})


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        PASSTHROUGH_INI,
        type="bool",
        default=True,
        help="openmetadata-fluent: let the in-process fake pass calls to other URLs through "
        "(default true); false makes them fail with a ConnectionError",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(base_url='{DEFAULT_BASE_URL}', bulk_route=True, passthrough=<ini>): "
        "options for this test's openmetadata_fake and openmetadata_http_fake "
        "(base_url and passthrough apply to the in-process one only)",
    )


def _options(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The marker's options for a function-scoped fixture, checked so a typo is an error."""
    marker = request.node.get_closest_marker(MARKER)
    if marker is None:
        return {}
    if marker.args:
        raise pytest.UsageError(f"@pytest.mark.{MARKER} takes keyword arguments only")
    unknown = set(marker.kwargs) - _MARKER_OPTIONS
    if unknown:
        raise pytest.UsageError(
            f"@pytest.mark.{MARKER}: unknown option(s) {', '.join(sorted(unknown))}; "
            f"expected {', '.join(sorted(_MARKER_OPTIONS))}"
        )
    return dict(marker.kwargs)


def _in_process(config: pytest.Config, options: dict[str, Any]) -> Iterator[FakeOpenMetadata]:
    fake = FakeOpenMetadata(bulk_route=options.get("bulk_route", True))
    passthrough = options.get("passthrough", config.getini(PASSTHROUGH_INI))
    base_url = options.get("base_url", DEFAULT_BASE_URL)
    with MockMount(fake, base_url, passthrough=bool(passthrough)) as mounted:
        yield mounted


def _over_http(options: dict[str, Any]) -> Iterator[FakeOpenMetadata]:
    fake = FakeOpenMetadata(bulk_route=options.get("bulk_route", True))
    with fake.serve(port=0):
        yield fake


@pytest.fixture
def openmetadata_fake(request: pytest.FixtureRequest) -> Iterator[FakeOpenMetadata]:
    """A fresh fake mounted in process through ``responses`` (no sockets) for one test."""
    yield from _in_process(request.config, _options(request))


@pytest.fixture(scope="session")
def openmetadata_fake_session(
    pytestconfig: pytest.Config,
) -> Iterator[FakeOpenMetadata]:
    """One in-process fake for the whole session: state is shared between tests, so use
    distinct names or call ``reset()``. Seed it once in a session fixture of your own."""
    yield from _in_process(pytestconfig, {})


@pytest.fixture
def openmetadata_http_fake(request: pytest.FixtureRequest) -> Iterator[FakeOpenMetadata]:
    """A fresh fake served over HTTP on 127.0.0.1 (``fake.base_url`` is its address)."""
    yield from _over_http(_options(request))


@pytest.fixture(scope="session")
def openmetadata_http_fake_session() -> Iterator[FakeOpenMetadata]:
    """One HTTP fake for the whole session, for code under test that needs a real URL
    (another process, a non-``requests`` client); state is shared between tests."""
    yield from _over_http({})
