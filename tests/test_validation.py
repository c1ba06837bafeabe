"""Bad input gets one clear ValidationError listing every problem, and no request."""

from __future__ import annotations

from typing import Any

import pytest
import responses

from openmetadata_fluent import (
    CreateMessagingServiceRequest,
    MessagingServices,
    OpenMetadataClient,
    ValidationError,
    aws_credentials,
    custom_messaging_connection,
    kafka_connection,
    kinesis_connection,
    nats_connection,
    redpanda_connection,
)
from openmetadata_fluent.errors import OpenMetadataError
from openmetadata_fluent.models import KafkaConnection, MessagingConnection

from .conftest import SERVICES_URL


def problems(builder: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as info:
        builder.build()
    return {p.path: p.message for p in info.value.problems}


def kafka(**extra: Any) -> Any:
    builder = (
        MessagingServices.builder()
        .name("svc")
        .connection(kafka_connection().bootstrap_servers("k:9092"))
    )
    for key, value in extra.items():
        getattr(builder, key)(value)
    return builder


def test_validation_error_is_a_value_error_and_an_sdk_error() -> None:
    assert issubclass(ValidationError, ValueError)
    assert issubclass(ValidationError, OpenMetadataError)


def test_missing_name_service_type_and_connection_are_all_reported() -> None:
    found = problems(MessagingServices.builder())
    assert set(found) == {"name", "serviceType", "connection"}
    assert all("is required" in m for m in found.values())


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("x" * 257, "at most 256 characters, not 257"),
        ("a::b", "must not contain '::'"),
    ],
)
def test_bad_names(name: str, message: str) -> None:
    assert message in problems(kafka(name=name))["name"]


def test_longest_allowed_name_passes() -> None:
    assert kafka(name="n" * 256).build().name == "n" * 256


def test_unknown_service_type_suggests_the_closest() -> None:
    message = problems(kafka(service_type="Kafak"))["serviceType"]
    assert "did you mean 'Kafka'?" in message
    assert "Kafka, Redpanda, Kinesis, Nats, PubSub, CustomMessaging" in message


def test_connection_type_must_match_service_type() -> None:
    builder = (
        MessagingServices.builder()
        .name("x")
        .service_type("Kafka")
        .connection(redpanda_connection().bootstrap_servers("r:9092"))
    )
    assert problems(builder) == {
        "connection.config.type": "'Redpanda' connection does not match serviceType 'Kafka'"
    }


@pytest.mark.parametrize(
    ("connection", "path"),
    [
        (kafka_connection(), "connection.config.bootstrapServers"),
        (redpanda_connection(), "connection.config.bootstrapServers"),
        (kinesis_connection(), "connection.config.awsConfig"),
        (
            kinesis_connection().aws_config(aws_credentials()),
            "connection.config.awsConfig.awsRegion",
        ),
        (custom_messaging_connection(), "connection.config.sourcePythonClass"),
        (nats_connection(), "connection.config.natsServers"),
    ],
)
def test_required_connection_fields(connection: Any, path: str) -> None:
    found = problems(MessagingServices.builder().name("x").connection(connection))
    assert found == {path: found[path]}
    assert "is required" in found[path]


@pytest.mark.parametrize(
    ("setter", "value", "path"),
    [
        ("security_protocol", "TLS", "connection.config.securityProtocol"),
        ("sasl_mechanism", "SCRAM", "connection.config.saslMechanism"),
    ],
)
def test_connection_enums(setter: str, value: str, path: str) -> None:
    conn = getattr(kafka_connection().bootstrap_servers("k:1"), setter)(value)
    message = problems(MessagingServices.builder().name("x").connection(conn))[path]
    assert f"{value!r} is not one of" in message


def test_tag_enums() -> None:
    builder = kafka().tag("A.B", label_type="Manul", state="Approved", source="Glosary")
    found = problems(builder)
    assert "did you mean 'Manual'?" in found["tags[0].labelType"]
    assert "'Approved' is not one of Suggested, Confirmed" in found["tags[0].state"]
    assert "did you mean 'Glossary'?" in found["tags[0].source"]


@pytest.mark.parametrize("url", ["registry:8081", "ftp://registry/x", "/relative", "http://"])
def test_uris_must_be_absolute_http(url: str) -> None:
    conn = kafka_connection().bootstrap_servers("k:1").schema_registry_url(url)
    found = problems(MessagingServices.builder().name("x").connection(conn))
    assert "must be an absolute http(s) URL" in found["connection.config.schemaRegistryURL"]


def test_aws_endpoint_uri_is_checked() -> None:
    conn = kinesis_connection().aws_config(
        aws_credentials().aws_region("us-east-1").end_point_url("localhost:4566")
    )
    found = problems(MessagingServices.builder().name("x").connection(conn))
    assert "absolute http(s) URL" in found["connection.config.awsConfig.endPointURL"]


def test_owner_references_need_a_uuid_id_and_a_type() -> None:
    builder = kafka().owner("not-a-uuid").owners([{"id": "0b0c3e5e-52c6-4a84-9c3e-2ea4f1a7c0de"}])
    found = problems(builder)
    assert found == {"owners[0].type": "is required"}
    found = problems(kafka().owner("bob"))
    assert found == {"owners[0].id": "must be a UUID, not 'bob'"}


def test_unknown_keys_in_dict_escape_hatch_suggest_the_schema_name() -> None:
    builder = (
        MessagingServices.builder()
        .name("x")
        .connection(
            {
                "type": "Kafka",
                "bootstrap_servers": "k:1",
                "schemaRegistryUrl": "http://r",
                "consumerConfg": {},
            }
        )
    )
    found = problems(builder)
    assert found["connection.config.bootstrap_servers"] == (
        "unknown field (did you mean 'bootstrapServers'?)"
    )
    assert "did you mean 'schemaRegistryURL'?" in found["connection.config.schemaRegistryUrl"]
    assert "did you mean 'consumerConfig'?" in found["connection.config.consumerConfg"]
    assert "is required" in found["connection.config.bootstrapServers"]


def test_unknown_top_level_key_such_as_the_seeds_domain() -> None:
    builder = kafka().set("domain", "Marketing")
    assert problems(builder) == {"domain": "unknown field (did you mean 'domains'?)"}


def test_unknown_connection_type_in_a_dict() -> None:
    builder = MessagingServices.builder().name("x").connection({"type": "Pulsar"})
    message = problems(builder)["connection.config.type"]
    assert "'Pulsar' is not a messaging connection type" in message


def test_wrong_value_types_are_named() -> None:
    conn = kafka_connection().bootstrap_servers("k:1").supports_metadata_extraction("yes")  # type: ignore[arg-type]
    found = problems(MessagingServices.builder().name("x").connection(conn))
    assert found == {
        "connection.config.supportsMetadataExtraction": "must be true or false, not string"
    }


def test_nats_reserved_additional_config_keys() -> None:
    conn = (
        nats_connection()
        .nats_servers("nats://n:4222")
        .additional_config({"token": "t", "name": "ok"})
    )
    found = problems(MessagingServices.builder().name("x").connection(conn))
    assert list(found) == ["connection.config.additionalConfig.token"]


def test_domains_must_be_non_empty_fqns() -> None:
    assert "fully qualified name" in problems(kafka().domain(""))["domains[0]"]


def test_every_problem_is_listed_in_the_message() -> None:
    builder = (
        MessagingServices.builder()
        .name("a::b")
        .service_type("Kafka")
        .connection(kafka_connection().security_protocol("X"))
    )
    with pytest.raises(ValidationError) as info:
        builder.build()
    text = str(info.value)
    assert text.startswith("invalid messaging service: 3 problems")
    for problem in info.value.problems:
        assert str(problem) in text


def test_create_with_bad_input_sends_nothing(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add("POST", SERVICES_URL, status=201, json={})
    builder = client.messaging_services.builder().name("a::b").connection(kafka_connection())
    with pytest.raises(ValidationError):
        builder.create()
    with pytest.raises(ValidationError):
        builder.upsert()
    assert len(http.calls) == 0


def test_hand_built_request_models_are_checked_before_sending(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.add("POST", SERVICES_URL, status=201, json={})
    request = CreateMessagingServiceRequest(
        name="x::y",
        service_type="Kafka",  # type: ignore[arg-type]
        connection=MessagingConnection(config=KafkaConnection(bootstrap_servers="k:1")),
    )
    with pytest.raises(ValidationError, match="name: must not contain '::'"):
        client.messaging_services.create(request)
    assert len(http.calls) == 0


def test_create_rejects_things_that_are_not_requests(client: OpenMetadataClient) -> None:
    with pytest.raises(TypeError, match="expected a CreateMessagingServiceRequest"):
        client.messaging_services.create({"name": "x"})  # type: ignore[arg-type]


def test_connection_builders_check_on_their_own() -> None:
    with pytest.raises(ValidationError) as info:
        kafka_connection().security_protocol("nope").build()
    assert {p.path for p in info.value.problems} == {"bootstrapServers", "securityProtocol"}


@pytest.mark.parametrize("name", ["a\nb", "a\rb", "a\u2028b", "end\n"])
def test_names_with_line_breaks_are_refused_like_the_server_pattern(name: str) -> None:
    assert problems(kafka(name=name))["name"] == "must not contain line breaks"


def test_a_built_request_changed_with_evolve_is_checked_again(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    import attrs

    http.add("POST", SERVICES_URL, status=201, json={})
    built = kafka(name="fine").build()
    changed = attrs.evolve(built, name="not::fine")
    with pytest.raises(ValidationError, match="must not contain '::'"):
        client.messaging_services.create(changed)
    assert len(http.calls) == 0
