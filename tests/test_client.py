"""Configuration: base URLs, the environment, and the process-wide default client."""

from __future__ import annotations

import warnings

import pytest
import responses

from openmetadata_fluent import MessagingServices, OpenMetadataClient, configure
from openmetadata_fluent.client import InsecureConnectionWarning, default_client
from openmetadata_fluent.errors import ConfigurationError

from .conftest import SEEDS_RESPONSE, SERVICES_URL
from .test_builders import seeds_builder


@pytest.mark.parametrize(
    "given",
    [
        "http://om.test:8585",
        "http://om.test:8585/",
        "http://om.test:8585/api",
        "http://om.test:8585/api/",
        "  http://om.test:8585/api  ",
    ],
)
def test_base_url_with_or_without_api_and_slash(given: str) -> None:
    assert OpenMetadataClient(given).base_url == "http://om.test:8585/api"


@pytest.mark.parametrize("bad", ["om.test:8585", "ftp://om.test", "", "http://"])
def test_bad_base_urls_are_refused(bad: str) -> None:
    with pytest.raises(ConfigurationError, match="base_url must be an http"):
        OpenMetadataClient(bad)


@pytest.mark.parametrize("timeout", [0, -1, (1.0, 0.0)])
def test_bad_timeouts_are_refused(timeout: object) -> None:
    with pytest.raises(ConfigurationError, match="timeout must be seconds"):
        OpenMetadataClient("http://x", timeout=timeout)  # type: ignore[arg-type]


def test_negative_retries_are_refused() -> None:
    with pytest.raises(ConfigurationError, match="max_retries"):
        OpenMetadataClient("http://x", max_retries=-1)


def test_no_configuration_says_what_to_set() -> None:
    with pytest.raises(ConfigurationError) as info:
        default_client()
    assert "OPENMETADATA_HOST" in str(info.value)
    assert "configure(" in str(info.value)


def test_builders_without_configuration_fail_clearly_at_create(
    http: responses.RequestsMock,
) -> None:
    with pytest.raises(ConfigurationError, match="OPENMETADATA_HOST"):
        seeds_builder().create()
    assert len(http.calls) == 0


def test_environment_configures_the_default(
    monkeypatch: pytest.MonkeyPatch, http: responses.RequestsMock
) -> None:
    monkeypatch.setenv("OPENMETADATA_HOST", "http://om.test:8585")
    monkeypatch.setenv("OPENMETADATA_JWT_TOKEN", "env-token")
    http.add("POST", SERVICES_URL, json=SEEDS_RESPONSE, status=201)
    seeds_builder().create()
    assert http.calls[0].request.headers["Authorization"] == "Bearer env-token"
    assert default_client() is default_client()


def test_environment_alternatives_and_settings(tmp_path: pytest.TempPathFactory) -> None:
    bundle = tmp_path / "ca.pem"  # type: ignore[operator]
    bundle.write_text("pem")
    client = OpenMetadataClient.from_env(
        {
            "OPENMETADATA_SERVER_URL": "https://om.example.com/api/",
            "OPENMETADATA_API_KEY": "key-token",
            "OPENMETADATA_CA_BUNDLE": str(bundle),
            "OPENMETADATA_CLIENT_TIMEOUT": "12.5",
        }
    )
    assert client.base_url == "https://om.example.com/api"
    assert client.transport.timeout == (5.0, 12.5)
    assert client.transport._verify == str(bundle)
    assert client.transport._session.headers["Authorization"] == "Bearer key-token"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"OPENMETADATA_VERIFY_SSL": "maybe"}, "OPENMETADATA_VERIFY_SSL must be"),
        ({"OPENMETADATA_CLIENT_TIMEOUT": "soon"}, "OPENMETADATA_CLIENT_TIMEOUT must be"),
        ({"OPENMETADATA_CA_BUNDLE": "/no/such/file.pem"}, "does not exist"),
    ],
)
def test_bad_environment_values_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        OpenMetadataClient.from_env({"OPENMETADATA_HOST": "http://h", **env})


def test_verify_ssl_false_from_env_turns_verification_off() -> None:
    with pytest.warns(InsecureConnectionWarning):
        import openmetadata_fluent.client as client_module

        client_module._warned_insecure = False
        client = OpenMetadataClient.from_env(
            {"OPENMETADATA_HOST": "https://h", "OPENMETADATA_VERIFY_SSL": "no-ssl"}
        )
    assert client.transport._verify is False


def test_insecure_warning_is_given_once() -> None:
    import openmetadata_fluent.client as client_module

    client_module._warned_insecure = False
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        OpenMetadataClient("https://h", verify=False)
        OpenMetadataClient("https://h", verify=False)
    assert [type(w.message) for w in record] == [InsecureConnectionWarning]


def test_configure_sets_the_one_default(http: responses.RequestsMock) -> None:
    client = configure(base_url="http://om.test:8585/api", token="cfg-token")
    assert default_client() is client
    assert MessagingServices.client is client
    http.add("POST", SERVICES_URL, json=SEEDS_RESPONSE, status=201)
    MessagingServices.builder().name("x").connection({"type": "Kafka", "bootstrapServers": "k"})
    seeds_builder().create()
    assert http.calls[0].request.headers["Authorization"] == "Bearer cfg-token"


def test_several_servers_in_one_process(http: responses.RequestsMock) -> None:
    one = OpenMetadataClient("http://one.test/api", "t1")
    two = OpenMetadataClient("http://two.test/api", "t2")
    http.add(
        "POST", "http://one.test/api/v1/services/messagingServices", json=SEEDS_RESPONSE, status=201
    )
    http.add(
        "POST", "http://two.test/api/v1/services/messagingServices", json=SEEDS_RESPONSE, status=201
    )
    seeds_builder(one.messaging_services).create()
    seeds_builder(two.messaging_services).create()
    assert [c.request.headers["Authorization"] for c in http.calls] == ["Bearer t1", "Bearer t2"]


def test_client_is_a_context_manager_and_hides_its_token() -> None:
    with OpenMetadataClient("http://h", "super-secret-token") as client:
        assert "super-secret-token" not in repr(client)
        assert repr(client) == "OpenMetadataClient('http://h/api', token='***')"


def test_with_options_changes_timeouts_and_retries_for_some_calls(
    http: responses.RequestsMock,
) -> None:
    client = OpenMetadataClient("http://om.test:8585/api", "tok", timeout=(1.0, 2.0))
    slow = client.with_options(timeout=(3.0, 120.0), max_retries=0)
    http.add("PUT", SERVICES_URL, json={"message": "busy"}, status=503)
    with pytest.raises(Exception, match="503"):
        seeds_builder(slow.messaging_services).upsert()
    assert len(http.calls) == 1  # no retries on the derived client
    assert http.calls[0].request.req_kwargs["timeout"] == (3.0, 120.0)
    assert http.calls[0].request.headers["Authorization"] == "Bearer tok"
    assert client.transport.timeout == (1.0, 2.0)
    assert client.transport.retry.max_retries == 3
    with pytest.raises(ConfigurationError):
        client.with_options(timeout=0)
