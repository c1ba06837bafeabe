"""The installed pytest fixtures: scopes, passthrough, options, shutdown, and the extra.

What needs a whole pytest run of its own (session scope across tests, the ini option,
``responses`` missing) runs pytest in a subprocess on a generated test file.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import requests

from openmetadata_fluent.errors import OpenMetadataError
from openmetadata_fluent.testing import FakeOpenMetadata, MockMount
from tests.testing.conftest import AUTH, COLLECTION, payload

ROOT = Path(__file__).resolve().parents[2]
EXTRA_HINT = "pip install 'openmetadata-fluent[testing]'"
NO_RESPONSES = "import sys\nsys.modules['responses'] = None  # any import of it now fails\n"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENMETADATA_", "PYTEST_"))}
    env["PYTHONPATH"] = str(ROOT)  # this checkout, whatever else is installed
    return env


def run_pytest(
    tmp_path: Path, tests: str, *, conftest: str = "", args: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """Run pytest on ``tests`` in a fresh directory (no project settings), as a user would."""
    (tmp_path / "test_generated.py").write_text(textwrap.dedent(tests))
    (tmp_path / "conftest.py").write_text(conftest)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
        cwd=tmp_path,
    )


def _count(base_url: str) -> int:
    resp = requests.get(base_url + COLLECTION, headers=AUTH, timeout=10)
    return int(resp.json()["paging"]["total"])


# -- function-scoped fixtures, in this run ------------------------------------------------


def test_in_process_fixture_answers_at_the_default_base_url(
    openmetadata_fake: FakeOpenMetadata,
) -> None:
    assert openmetadata_fake.base_url == "http://localhost:8585/api"
    ops = openmetadata_fake.client().messaging_services
    builder = ops.builder().name("a").service_type("Kafka")
    svc = ops.create(builder.set("connection", payload()["connection"]))
    assert svc.version == 0.1
    assert _count(openmetadata_fake.base_url) == 1


def test_in_process_fixture_lets_other_urls_through(
    openmetadata_fake: FakeOpenMetadata, openmetadata_http_fake: FakeOpenMetadata
) -> None:
    assert _count(openmetadata_http_fake.base_url) == 0
    assert [r.method for r in openmetadata_http_fake.requests] == ["GET"]
    assert openmetadata_fake.requests == []


@pytest.mark.openmetadata_fake(passthrough=False)
def test_marker_turns_passthrough_off(
    openmetadata_fake: FakeOpenMetadata, openmetadata_http_fake: FakeOpenMetadata
) -> None:
    with pytest.raises(requests.ConnectionError, match="Connection refused by Responses"):
        _count(openmetadata_http_fake.base_url)
    assert openmetadata_http_fake.requests == []
    assert _count(openmetadata_fake.base_url) == 0  # its own URL still answers


@pytest.mark.openmetadata_fake(base_url="http://catalog.test:9000/api/", bulk_route=False)
def test_marker_sets_base_url_and_bulk_route(openmetadata_fake: FakeOpenMetadata) -> None:
    assert openmetadata_fake.base_url == "http://catalog.test:9000/api"
    resp = requests.put(
        openmetadata_fake.base_url + COLLECTION + "/bulk",
        json=[payload()],
        headers=AUTH,
        timeout=10,
    )
    assert resp.status_code == 405


@pytest.mark.openmetadata_fake(bulk_route=False)
def test_marker_applies_to_the_http_fixture(openmetadata_http_fake: FakeOpenMetadata) -> None:
    url = openmetadata_http_fake.base_url + COLLECTION + "/bulk"
    assert requests.put(url, json=[payload()], headers=AUTH, timeout=10).status_code == 405


def test_a_mount_nested_in_the_fixture_passes_through_to_it(
    openmetadata_fake: FakeOpenMetadata,
) -> None:
    inner = FakeOpenMetadata()
    with MockMount(inner, "http://inner.test/api", passthrough=True):
        assert _count("http://inner.test/api") == 0
        assert _count(openmetadata_fake.base_url) == 0  # the outer mount answers this one
    assert [r.method for r in inner.requests] == ["GET"]
    assert [r.method for r in openmetadata_fake.requests] == ["GET"]


def test_fake_mock_stays_strict_by_default(openmetadata_http_fake: FakeOpenMetadata) -> None:
    with FakeOpenMetadata().mock("http://strict.test/api"), pytest.raises(requests.ConnectionError):
        _count(openmetadata_http_fake.base_url)
    assert openmetadata_http_fake.requests == []


def test_http_server_stops_promptly_and_frees_its_port() -> None:
    fake = FakeOpenMetadata()
    server = fake.serve(port=0).start()
    session = requests.Session()  # a keep-alive connection stays open across stop()
    assert session.get(server.base_url + COLLECTION, headers=AUTH, timeout=10).ok
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 2.0  # a safety bound, not a timing measurement
    with pytest.raises(requests.ConnectionError):
        requests.get(server.base_url + COLLECTION, headers=AUTH, timeout=5)
    session.close()


# -- whole runs in a subprocess ------------------------------------------------------------

SCOPES = """
    import requests

    seen = {}
    AUTH = {"Authorization": "Bearer t"}
    URL = "/v1/services/messagingServices"

    def test_first(openmetadata_fake_session, openmetadata_http_fake_session,
                   openmetadata_fake, openmetadata_http_fake):
        seen.update(session=openmetadata_fake_session, http=openmetadata_http_fake_session,
                    fresh=openmetadata_fake, fresh_http=openmetadata_http_fake)
        body = {"name": "kept", "serviceType": "Kafka",
                "connection": {"config": {"type": "Kafka", "bootstrapServers": "k:1"}}}
        openmetadata_http_fake_session.seed(body)
        assert requests.get(openmetadata_http_fake_session.base_url + URL, headers=AUTH,
                            timeout=10).json()["paging"]["total"] == 1
        openmetadata_fake.seed(body)

    def test_second(openmetadata_fake_session, openmetadata_http_fake_session,
                    openmetadata_fake, openmetadata_http_fake):
        assert openmetadata_fake_session is seen["session"]
        assert openmetadata_http_fake_session is seen["http"]
        assert openmetadata_fake is not seen["fresh"]
        assert openmetadata_http_fake is not seen["fresh_http"]
        assert openmetadata_http_fake_session.base_url == seen["http"].base_url
        answer = requests.get(openmetadata_http_fake_session.base_url + URL, headers=AUTH,
                              timeout=10).json()
        assert [s["name"] for s in answer["data"]] == ["kept"]
        fresh = requests.get(openmetadata_fake.base_url + URL, headers=AUTH, timeout=10)
        assert fresh.json()["paging"]["total"] == 0
"""


def test_session_fixtures_are_shared_and_function_fixtures_are_fresh(tmp_path: Path) -> None:
    done = run_pytest(tmp_path, SCOPES)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout


PASSTHROUGH = """
    import pytest, requests

    def test_other_urls(openmetadata_fake, openmetadata_http_fake):
        with pytest.raises(requests.ConnectionError):
            requests.get(openmetadata_http_fake.base_url + "/v1/services/messagingServices",
                         headers={"Authorization": "Bearer t"}, timeout=10)
        assert openmetadata_http_fake.requests == []

    @pytest.mark.openmetadata_fake(passthrough=True)
    def test_marker_wins(openmetadata_fake, openmetadata_http_fake):
        requests.get(openmetadata_http_fake.base_url + "/v1/services/messagingServices",
                     headers={"Authorization": "Bearer t"}, timeout=10)
        assert len(openmetadata_http_fake.requests) == 1
"""


def test_ini_option_turns_passthrough_off_for_the_suite(tmp_path: Path) -> None:
    done = run_pytest(tmp_path, PASSTHROUGH, args=("-o", "openmetadata_passthrough=false"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout


def test_a_misspelt_marker_option_is_a_clear_error(tmp_path: Path) -> None:
    tests = """
        import pytest

        @pytest.mark.openmetadata_fake(passthru=False)
        def test_it(openmetadata_fake):
            pass
    """
    done = run_pytest(tmp_path, tests)
    assert done.returncode != 0
    assert "unknown option(s) passthru" in done.stdout + done.stderr


# -- without the testing extra -------------------------------------------------------------

WITHOUT_RESPONSES = """
    def test_in_process(openmetadata_fake):
        pass

    def test_in_process_session(openmetadata_fake_session):
        pass

    def test_over_http(openmetadata_http_fake):
        assert openmetadata_http_fake.client().messaging_services.list().pages()
"""


def test_fixtures_without_responses_name_the_extra(tmp_path: Path) -> None:
    done = run_pytest(tmp_path, WITHOUT_RESPONSES, conftest=NO_RESPONSES)
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "1 passed, 2 errors" in out
    assert out.count("ConfigurationError") >= 2
    assert EXTRA_HINT in out


def test_mock_without_responses_raises_an_sdk_error_naming_the_extra() -> None:
    script = NO_RESPONSES + textwrap.dedent(
        """
        from openmetadata_fluent.errors import ConfigurationError, OpenMetadataError
        from openmetadata_fluent.testing import FakeOpenMetadata

        fake = FakeOpenMetadata()
        try:
            with fake.mock():
                raise SystemExit("mounted without responses")
        except ConfigurationError as exc:
            assert isinstance(exc, OpenMetadataError)
            print(exc)
        with fake.serve(port=0) as server:  # the HTTP fake needs only the base install
            print(len(fake.client().messaging_services.list().pages().__next__().items))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(),
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert EXTRA_HINT in first and "'responses'" in first
    assert second == "0"


def test_the_missing_extra_error_is_an_openmetadata_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "responses", None)  # type: ignore[arg-type]
    with pytest.raises(OpenMetadataError, match=r"openmetadata-fluent\[testing\]"):
        FakeOpenMetadata().mock().__enter__()
