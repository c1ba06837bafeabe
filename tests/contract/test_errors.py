"""Error answers in the server's own words (API_FACTS "Error answers" [corrected];
server: CatalogGenericExceptionMapper, CatalogExceptionMessage, SecretsUtil.java,
SecretsManager.java, PasswordEntityMasker.java, MessagingServiceResource.java)."""

from __future__ import annotations

from typing import Any

import pytest

from openmetadata_fluent.errors import BadRequestError, EntityAlreadyExistsError, NotFoundError
from openmetadata_fluent.models import CreateMessagingServiceRequest
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.contract.conftest import Api, body

UNKNOWN_ID = "0b8d2a52-5f8e-4c3f-9b7e-1f6f2c1d0a11"


def _config(**changes: Any) -> dict[str, Any]:
    out = body()
    out["connection"]["config"].update(changes)
    return out


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        (body(serviceType=...), "[query param serviceType must not be null]"),
        (body(name=""), "[query param name size must be between 1 and 256]"),
        (body(name="x" * 257), "[query param name size must be between 1 and 256]"),
        (body(name="a::b"), '[query param name must match "^((?!::).)*$"]'),
        (body(name="line\nbreak"), '[query param name must match "^((?!::).)*$"]'),
        (body(tags=[{"source": "Glossary"}]), "[query param tags[0].tagFQN must not be null]"),
    ],
    ids=["serviceType", "empty", "long", "colons", "line-break", "nested"],
)
def test_bean_violations_are_a_bracketed_query_param_list(
    api: Api, sent: dict[str, Any], message: str
) -> None:
    """Dropwizard lists each violation prefixed "query param ", body fields included."""
    resp = api("POST", json=sent)
    assert resp.json() == {"code": 400, "message": message}


def test_a_name_is_measured_in_java_chars(api: Api) -> None:
    """@Size counts UTF-16 units: 128 characters outside the BMP are 256 units."""
    assert api("POST", json=body("\U0001f600" * 128)).status_code == 201
    assert api("POST", json=body("\U0001f600" * 129)).status_code == 400


def test_several_violations_share_one_list(api: Api) -> None:
    """Dropwizard joins every violation of one body into one bracketed list."""
    resp = api("POST", json={"displayName": "nameless"})
    message = resp.json()["message"]
    assert message.startswith("[") and message.endswith("]")
    assert sorted(message[1:-1].split(", ")) == [
        "query param name must not be null",
        "query param serviceType must not be null",
    ]


@pytest.mark.parametrize(
    "sent",
    [
        body(colour="blue"),
        body(domain="Sales"),
        body(serviceType="kafka"),
        body(serviceType="Kafkaa"),
        body(tags="PII"),
        body(owners=[{"id": "not-a-uuid", "type": "user"}]),
        body(connection="Kafka"),
        ["not", "an", "object"],
    ],
    ids=["unknown", "domain", "enum-case", "enum", "type", "uuid", "connection", "array"],
)
def test_what_jackson_cannot_map_is_invalid_request_format(api: Api, sent: Any) -> None:
    """An unknown top-level property (``domain`` too), a bad enum value, a wrong JSON type
    or a malformed UUID: 400 "Invalid request format"."""
    assert api("PUT", json=sent).json() == {"code": 400, "message": "Invalid request format"}


def test_malformed_json_is_unable_to_process_json_with_details(api: Api) -> None:
    """Dropwizard's JsonProcessingExceptionMapper (high confidence, not proven on the
    newest build)."""
    resp = api("POST", raw=b'{"name": ', headers={"Content-Type": "application/json"})
    assert resp.status_code == 400
    assert resp.json()["message"] == "Unable to process JSON"
    assert resp.json()["details"]


def test_an_unknown_config_key_is_named_when_storing(api: Api) -> None:
    """SecretsManager.encryptServiceConnectionConfig + SecretsUtil: Jackson's
    "Unrecognized field" becomes the encrypt message."""
    resp = api("POST", json=_config(bootstrapServer="x:1"))
    assert resp.json() == {
        "code": 400,
        "message": "Failed to encrypt 'Kafka' connection stored in DB due to an "
        "unrecognized field: 'bootstrapServer'",
    }


def test_an_unknown_config_key_in_a_put_of_a_live_service_fails_to_unmask(api: Api) -> None:
    """ServiceEntityResource.unmask converts the request's config first, so an update
    says "unmask"."""
    api.create(body())
    resp = api("PUT", json=_config(colour="blue"))
    assert resp.json()["message"] == (
        "Failed to unmask 'Kafka' connection stored in DB due to an unrecognized field: 'colour'"
    )


def test_a_wrong_type_inside_a_config_fails_to_convert(api: Api) -> None:
    """SecretsUtil.convert: "Failed to convert [name] to type [Kafka]. Review the
    connection." then Jackson's own message on a second line."""
    resp = api("POST", json=_config(bootstrapServers=9092))
    assert resp.status_code == 400
    first, _, detail = resp.json()["message"].partition("\n")
    assert first == "Failed to convert [sample_kafka] to type [Kafka]. Review the connection."
    assert detail


def test_a_wrong_type_in_a_put_of_a_live_service_fails_to_load(api: Api) -> None:
    """SecretsUtil.convert without a name (the unmask step): "Failed to load ..."."""
    api.create(body())
    resp = api("PUT", json=_config(saslMechanism="MAGIC"))
    first = resp.json()["message"].partition("\n")[0]
    assert first == "Failed to load the connection of type [Kafka]. Did migrations run properly?"


def test_a_query_parameter_that_is_no_number_is_404(api: Api) -> None:
    """JAX-RS cannot convert ``limit=abc`` to an int: a 404, not a 400."""
    resp = api("GET", params={"limit": "abc"})
    assert resp.json() == {"code": 404, "message": "HTTP 404 Not Found"}


@pytest.mark.parametrize(
    ("limit", "bound"),
    [("1000001", "less than or equal to 1000000"), ("-1", "greater than or equal to 0")],
)
def test_limit_bounds_are_bean_violations(api: Api, limit: str, bound: str) -> None:
    """@Min(0) and @Max(1000000) on ``limit`` (MessagingServiceResource.list)."""
    resp = api("GET", params={"limit": limit})
    assert resp.json() == {"code": 400, "message": f"[query param limit must be {bound}]"}


def test_unknown_ids_and_names_are_404_in_the_servers_words(api: Api) -> None:
    """CatalogExceptionMessage.entityNotFound; a path id that is no UUID never reaches
    the resource (JAX-RS: "HTTP 404 Not Found")."""
    assert api("GET", f"/{UNKNOWN_ID}").json() == {
        "code": 404,
        "message": f"messagingService instance for {UNKNOWN_ID} not found",
    }
    assert api("GET", "/name/nope").json()["message"] == (
        "messagingService instance for nope not found"
    )
    for path in ("/not-a-uuid", "/not-a-uuid/versions"):
        assert api("GET", path).json() == {"code": 404, "message": "HTTP 404 Not Found"}


def test_the_name_of_a_soft_deleted_service_is_taken(api: Api) -> None:
    """The soft-deleted row keeps its FQN, so a POST of that name is 409."""
    made = api.create(body())
    api("DELETE", f"/{made['id']}")
    assert api("POST", json=body()).json() == {"code": 409, "message": "Entity already exists"}


def test_challenged_statuses_carry_www_authenticate(api: Api, fake: FakeOpenMetadata) -> None:
    """401, 403, 404, 409 and 412 answers carry WWW-Authenticate: om-auth; others not."""
    fake.add_token("viewer-token", "viewer", read_only=True)
    made = api.create(body())
    answers = {
        401: api.as_user(None)("GET"),
        403: api.as_user("viewer-token")("POST", json=body("other")),
        404: api("GET", f"/{UNKNOWN_ID}"),
        409: api("POST", json=body()),
        412: api.patch(f"/{made['id']}", [], **{"If-Match": 'W/"9.9"'}),
    }
    for status, resp in answers.items():
        assert resp.status_code == status
        assert resp.headers["WWW-Authenticate"] == "om-auth", status
    assert "WWW-Authenticate" not in api("POST", json=body(name="")).headers


def test_403_names_the_operation_the_call_needs(api: Api, fake: FakeOpenMetadata) -> None:
    """CatalogExceptionMessage.operationNotAllowed: Create for a create (a POST, a PUT of
    a new name, a test connection result), EditAll for an update (a PUT of an existing
    name, a PATCH, a restore), Delete for a delete, sync or async."""
    fake.add_token("viewer-token", "x", read_only=True)
    made = api.create(body())
    viewer = api.as_user("viewer-token")
    result = {"steps": [{"name": "CheckAccess", "mandatory": True, "passed": True}]}
    calls = {
        "Create": [
            viewer("POST", json=body("other")),
            viewer("PUT", json=body("other")),
            viewer("PUT", f"/{made['id']}/testConnectionResult", json=result),
        ],
        "EditAll": [
            viewer("PUT", json=body()),
            viewer.patch(f"/{made['id']}", []),
            viewer("PUT", "/restore", json={"id": made["id"]}),
        ],
        "Delete": [viewer("DELETE", f"/{made['id']}"), viewer("DELETE", f"/async/{made['id']}")],
    }
    for operation, answers in calls.items():
        for resp in answers:
            assert resp.json() == {
                "code": 403,
                "message": f"Principal: CatalogPrincipal{{name='x'}} operations [{operation}] "
                "not allowed",
            }, resp.request.method
    assert viewer("GET", f"/{made['id']}").status_code == 200


def test_the_sdk_raises_the_servers_errors(fake: FakeOpenMetadata) -> None:
    """End to end: 409, 404 and a conversion 400 reach the caller as the SDK's errors with
    the server's words."""
    ops = fake.client().messaging_services
    made = ops.create(CreateMessagingServiceRequest.from_dict(body()))
    with pytest.raises(EntityAlreadyExistsError, match="Entity already exists"):
        ops.create(CreateMessagingServiceRequest.from_dict(body()))
    with pytest.raises(NotFoundError, match=f"messagingService instance for {UNKNOWN_ID}"):
        ops.retrieve(UNKNOWN_ID)
    ops_add = [{"op": "add", "path": "/connection/config/colour", "value": "blue"}]
    with pytest.raises(BadRequestError, match="unrecognized field: 'colour'"):
        ops.patch(made.id, ops_add)
