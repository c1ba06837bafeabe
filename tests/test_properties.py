"""Property tests: what any input does, not just the examples we thought of."""

from __future__ import annotations

import copy
import json
import string
import uuid
from typing import Any

import responses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openmetadata_fluent import (
    CreateMessagingServiceRequest,
    MessagingService,
    MessagingServices,
    OpenMetadataClient,
    ValidationError,
    kafka_connection,
)
from openmetadata_fluent.models import LabelType, SaslMechanism, SecurityProtocol, TagState

from .conftest import SEEDS_RESPONSE, SERVICES_URL

LINE_BREAKS = "\n\r\u0085\u2028\u2029"
# Valid text: anything but NUL (surrogates are never drawn); both are refused by design.
sendable = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))
names = st.text(
    st.characters(blacklist_characters=LINE_BREAKS + "\x00", blacklist_categories=("Cs",)),
    min_size=1,
    max_size=256,
).filter(lambda s: "::" not in s and s.strip() != "")
texts = st.text(sendable, max_size=40)
hosts = st.text(string.ascii_lowercase + string.digits + ".-:,", min_size=1, max_size=40)
fqns = st.text(sendable, min_size=1, max_size=30).filter(lambda s: s.strip() != "")


@st.composite
def valid_builders(draw: st.DrawFn) -> Any:
    conn = kafka_connection().bootstrap_servers(draw(hosts))
    if draw(st.booleans()):
        conn.security_protocol(draw(st.sampled_from([p.value for p in SecurityProtocol])))
        if conn.to_dict()["securityProtocol"].startswith("SASL"):
            conn.sasl_username(draw(texts)).sasl_password(draw(texts))
    if draw(st.booleans()):
        conn.schema_registry_url(
            "https://" + draw(st.from_regex(r"[a-z]{1,10}\.[a-z]{2,4}", fullmatch=True))
        )
    if draw(st.booleans()):
        conn.consumer_config(
            draw(
                st.dictionaries(
                    st.sampled_from(["a.b", "c", "d.e"]),
                    st.integers() | st.text(sendable, max_size=5),
                )
            )
        )
    if draw(st.booleans()):
        conn.topic_filter_pattern(includes=draw(st.lists(texts, max_size=3)))
    if draw(st.booleans()):
        conn.supports_metadata_extraction(draw(st.booleans()))
    builder = MessagingServices.builder().name(draw(names)).connection(conn)
    if draw(st.booleans()):
        builder.description(draw(st.text(sendable, max_size=200)))
    if draw(st.booleans()):
        builder.display_name(draw(texts))
    for _ in range(draw(st.integers(0, 3))):
        builder.tag(
            draw(fqns),
            label_type=draw(st.sampled_from([t.value for t in LabelType])),
            state=draw(st.sampled_from([s.value for s in TagState])),
        )
    for _ in range(draw(st.integers(0, 2))):
        builder.owner(draw(st.uuids()), type=draw(st.sampled_from(["user", "team"])))
    for _ in range(draw(st.integers(0, 2))):
        builder.domain(draw(fqns))
    return builder


@settings(max_examples=150, deadline=None)
@given(valid_builders())
def test_any_valid_input_round_trips(builder: Any) -> None:
    request = builder.build()
    assert CreateMessagingServiceRequest.from_dict(request.to_dict()) == request
    assert json.loads(json.dumps(request.to_dict())) == request.to_dict()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(builder=valid_builders())
def test_any_valid_input_is_schema_valid(builder: Any, create_schema_validator: Any) -> None:
    errors = list(create_schema_validator.iter_errors(builder.build().to_dict()))
    assert errors == [], [e.message for e in errors]


junk = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=10),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
bad_enum = st.text(max_size=12).filter(
    lambda s: s.upper() not in {p.value for p in SecurityProtocol}
)


@settings(max_examples=150, deadline=None)
@given(
    name=st.one_of(
        st.just(""),
        st.text(min_size=257, max_size=300),
        st.text(max_size=10).map(lambda s: s + "::" + s),
        st.integers(),
        st.sampled_from(LINE_BREAKS).map(lambda c: f"a{c}b"),
    ),
    protocol=bad_enum,
    mechanism=st.text(max_size=12).filter(
        lambda s: s.upper() not in {m.value for m in SaslMechanism}
    ),
    extra_key=st.text(string.ascii_letters, min_size=1, max_size=12),
    extra_value=junk,
)
def test_any_invalid_input_raises_only_validation_error_and_sends_nothing(
    name: Any, protocol: str, mechanism: str, extra_key: str, extra_value: Any
) -> None:
    client = OpenMetadataClient("http://om.test/api", "t")
    conn = (
        kafka_connection()
        .bootstrap_servers("k:1")
        .security_protocol(protocol)
        .sasl_mechanism(mechanism)
    )
    conn.set("zz" + extra_key, extra_value)
    builder = client.messaging_services.builder().name(name).connection(conn)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as http:
        http.add("POST", "http://om.test/api/v1/services/messagingServices", status=201, json={})
        try:
            builder.create()
        except ValidationError as exc:
            paths = {p.path for p in exc.problems}
            assert "name" in paths
            assert "connection.config.securityProtocol" in paths
        else:
            raise AssertionError("invalid input was accepted")
        assert len(http.calls) == 0


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
optional_keys = [
    "displayName",
    "description",
    "tags",
    "version",
    "updatedAt",
    "updatedBy",
    "href",
    "deleted",
    "owners",
    "domains",
    "connection",
    "fullyQualifiedName",
]


@settings(max_examples=200, deadline=None)
@given(
    extra=st.dictionaries(
        st.text(string.ascii_letters, min_size=1, max_size=10).map(lambda s: "x" + s),
        json_values,
        max_size=4,
    ),
    drop=st.sets(st.sampled_from(optional_keys)),
    nulls=st.sets(st.sampled_from(optional_keys)),
    service_id=st.uuids(),
)
def test_any_server_json_parses_without_loss(
    extra: dict[str, Any], drop: set[str], nulls: set[str], service_id: uuid.UUID
) -> None:
    data = copy.deepcopy(SEEDS_RESPONSE)
    data["id"] = str(service_id)
    data.update(extra)
    for key in drop:
        data.pop(key, None)
    for key in nulls - drop:
        data[key] = None
    assert MessagingService.from_dict(data).to_dict() == data


def test_parsing_a_server_answer_through_the_client_keeps_extra_fields(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    answer = {**SEEDS_RESPONSE, "brandNewField": {"a": [1, None]}, "description": None}
    http.add("PUT", SERVICES_URL, json=answer, status=200)
    svc = client.messaging_services.upsert(
        MessagingServices.builder()
        .name("sample_kafka")
        .connection(kafka_connection().bootstrap_servers("k:1"))
        .build()
    )
    assert svc.to_dict() == answer


@settings(max_examples=150, deadline=None)
@given(valid_builders())
def test_a_built_requests_checked_body_is_what_the_model_unstructures_to(builder: Any) -> None:
    from openmetadata_fluent.serialization import unstructure

    request = builder.build()
    shortcut = request.to_dict()
    assert json.dumps(shortcut) == json.dumps(unstructure(request))  # same keys, order, types
    shortcut["connection"]["config"]["type"] = "changed"  # a copy: the request is untouched
    assert request.to_dict()["connection"]["config"]["type"] == "Kafka"
