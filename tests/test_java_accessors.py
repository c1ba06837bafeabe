"""MessagingService as a Java user knows it: getters, setters, mutability and its limits."""

from __future__ import annotations

import copy
import pickle
import textwrap
import uuid
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from attrs.exceptions import FrozenAttributeError, FrozenInstanceError

import openmetadata_fluent as om
from openmetadata_fluent import models
from openmetadata_fluent.errors import OpenMetadataError, ValidationError
from openmetadata_fluent.models import (
    MASK,
    ChangeType,
    CreateMessagingServiceRequest,
    EntityReference,
    EntityStatus,
    ImmutableModelError,
    KafkaConnection,
    MessagingConnection,
    MessagingService,
    MessagingServiceType,
    NatsConnection,
    ReadOnlyFieldError,
    SecretStr,
    TagLabel,
    _java,
    _java_gen,
)
from openmetadata_fluent.testing import FakeOpenMetadata

SERVICE_ID = "469ef25e-9bdf-4d5f-8553-eb0ce8581f30"
USER_ID = "0b0c3e5e-52c6-4a84-9c3e-2ea4f1a7c0de"
DOMAIN_ID = "7d1b8f64-8a4e-4a53-9a55-3c1f4c0d2e11"


def ref(kind: str, ref_id: str = USER_ID, **more: Any) -> dict[str, Any]:
    return {"id": ref_id, "type": kind, **more}


# Every field of the entity set, so each getter has something to return.
FULL_RESPONSE: dict[str, Any] = {
    "id": SERVICE_ID,
    "name": "orders_kafka",
    "fullyQualifiedName": "orders_kafka",
    "serviceType": "Kafka",
    "displayName": "Orders",
    "description": "Order events",
    "connection": {
        "config": {"type": "Kafka", "bootstrapServers": "k:9092", "saslPassword": "*********"}
    },
    "pipelines": [ref("ingestionPipeline", name="orders_metadata")],
    "testConnectionResult": {"status": "Successful"},
    "tags": [
        {
            "tagFQN": "PII.Sensitive",
            "source": "Classification",
            "labelType": "Manual",
            "state": "Confirmed",
        }
    ],
    "style": {"color": "#ff0000"},
    "version": 0.3,
    "updatedAt": 1769982621031,
    "updatedBy": "admin",
    "impersonatedBy": "ingestion-bot",
    "owners": [ref("user", name="alice")],
    "href": f"http://localhost:8585/api/v1/services/messagingServices/{SERVICE_ID}",
    "changeDescription": {"fieldsAdded": [], "previousVersion": 0.2},
    "incrementalChangeDescription": {"fieldsAdded": [], "previousVersion": 0.2},
    "deleted": False,
    "entityStatus": "Approved",
    "dataProducts": [ref("dataProduct", DOMAIN_ID)],
    "dataContract": ref("dataContract", DOMAIN_ID),
    "domains": [ref("domain", DOMAIN_ID, name="Sales")],
    "followers": [ref("user")],
    "ingestionRunner": ref("ingestionRunner", DOMAIN_ID),
    "aNewerServerField": {"kept": True},
}


@pytest.fixture
def svc() -> MessagingService:
    service = MessagingService.from_dict(FULL_RESPONSE)
    service.change_type = ChangeType.UPDATED
    return service


def reference(kind: str, ref_id: str = USER_ID, **more: Any) -> EntityReference:
    return EntityReference(id=uuid.UUID(ref_id), type=kind, **more)


KAFKA = KafkaConnection(bootstrap_servers="k:9092", sasl_password=SecretStr("*********"))

# getter -> what it returns for FULL_RESPONSE, typed.
GETTERS: dict[str, Any] = {
    "getId": uuid.UUID(SERVICE_ID),
    "getName": "orders_kafka",
    "getServiceType": MessagingServiceType.KAFKA,
    "getFullyQualifiedName": "orders_kafka",
    "getDisplayName": "Orders",
    "getDescription": "Order events",
    "getConnection": MessagingConnection(config=KAFKA),
    "getPipelines": (reference("ingestionPipeline", name="orders_metadata"),),
    "getTestConnectionResult": {"status": "Successful"},
    "getTags": (TagLabel(tag_fqn="PII.Sensitive"),),
    "getStyle": {"color": "#ff0000"},
    "getVersion": 0.3,
    "getUpdatedAt": 1769982621031,
    "getUpdatedBy": "admin",
    "getImpersonatedBy": "ingestion-bot",
    "getOwners": (reference("user", name="alice"),),
    "getHref": FULL_RESPONSE["href"],
    "getChangeDescription": {"fieldsAdded": [], "previousVersion": 0.2},
    "getIncrementalChangeDescription": {"fieldsAdded": [], "previousVersion": 0.2},
    "getDeleted": False,
    "getEntityStatus": EntityStatus.APPROVED,
    "getDataProducts": (reference("dataProduct", DOMAIN_ID),),
    "getDataContract": reference("dataContract", DOMAIN_ID),
    "getDomains": (reference("domain", DOMAIN_ID, name="Sales"),),
    "getFollowers": (reference("user"),),
    "getIngestionRunner": reference("ingestionRunner", DOMAIN_ID),
    "getExtra": {"aNewerServerField": {"kept": True}},
    "getChangeType": ChangeType.UPDATED,
}

# Wire names of what the server owns: getters only, and assigning them is refused.
SERVER_OWNED = {
    "id",
    "name",
    "fullyQualifiedName",
    "serviceType",
    "version",
    "updatedAt",
    "updatedBy",
    "impersonatedBy",
    "href",
    "changeDescription",
    "incrementalChangeDescription",
    "deleted",
    "pipelines",
    "followers",
    "testConnectionResult",
}


def field_named(getter: str) -> attrs.Attribute[Any]:
    fields = {_java_gen.java_name(f): f for f in attrs.fields(MessagingService)}
    return fields[getter.removeprefix("get")]


# -- the generated file ---------------------------------------------------------------


def test_the_generated_accessors_are_what_the_generator_writes_now() -> None:
    with open(_java.__file__, encoding="utf-8") as handle:
        assert handle.read() == _java_gen.render()
    assert _java_gen.main(["--check"]) == 0


def test_the_generator_refuses_a_read_only_name_that_is_not_a_field(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entities = {"messaging.MessagingService": frozenset({"nmae"})}
    monkeypatch.setattr(_java_gen, "ENTITIES", entities)
    with pytest.raises(TypeError, match=r"no fields \['nmae'\]"):
        _java_gen.render()


# -- getters ------------------------------------------------------------------------------


def test_the_getter_table_covers_every_field() -> None:
    names = {f"get{_java_gen.java_name(f)}" for f in attrs.fields(MessagingService)}
    assert names == set(GETTERS)


@pytest.mark.parametrize(("getter", "expected"), GETTERS.items(), ids=list(GETTERS))
def test_each_getter_returns_its_field(
    svc: MessagingService, getter: str, expected: Any
) -> None:
    value = getattr(svc, getter)()
    assert value == expected
    assert value is getattr(svc, field_named(getter).name)


def test_boolean_getters_in_both_java_spellings(svc: MessagingService) -> None:
    assert svc.getDeleted() is False and svc.isDeleted() is False
    deleted = MessagingService.from_dict({**FULL_RESPONSE, "deleted": True})
    assert deleted.getDeleted() is True and deleted.isDeleted() is True
    unknown = MessagingService.from_dict({k: v for k, v in FULL_RESPONSE.items() if k != "deleted"})
    assert unknown.getDeleted() is None and unknown.isDeleted() is False


def test_getters_of_the_values_a_service_holds(svc: MessagingService) -> None:
    owner = (svc.getOwners() or ())[0]
    assert owner.getName() == "alice" and owner.getType() == "user"
    assert owner.getId() == uuid.UUID(USER_ID) and owner.isDeleted() is False
    tag = (svc.getTags() or ())[0]
    assert tag.getTagFQN() == "PII.Sensitive" and tag.getLabelType() == "Manual"
    connection = svc.getConnection()
    assert connection is not None and connection.getConfig() == KAFKA


# -- setters --------------------------------------------------------------------------------

ALICE = reference("user", name="alice")
SALES = reference("domain", DOMAIN_ID)
KAFKA_WIRE = {"type": "Kafka", "bootstrapServers": "b:9092"}
KAFKA_B = KafkaConnection(bootstrap_servers="b:9092")

# (setter, what a user passes, what the field then holds)
SETTERS: list[tuple[str, Any, Any]] = [
    ("setDisplayName", "Orders (prod)", "Orders (prod)"),
    ("setDisplayName", None, None),
    ("setDescription", "**Markdown** text", "**Markdown** text"),
    ("setDescription", "", ""),
    ("setDescription", None, None),
    ("setConnection", MessagingConnection(config=KAFKA_B), MessagingConnection(config=KAFKA_B)),
    ("setConnection", KAFKA_B, MessagingConnection(config=KAFKA_B)),
    ("setConnection", {"config": KAFKA_WIRE}, MessagingConnection(config=KAFKA_B)),
    ("setConnection", KAFKA_WIRE, MessagingConnection(config=KAFKA_B)),
    ("setConnection", {"bootstrapServers": "b:9092"}, MessagingConnection(config=KAFKA_B)),
    (
        "setConnection",
        {"config": {"type": "kafka", "bootstrapServers": "b:9092"}},
        MessagingConnection(config=KAFKA_B),
    ),
    ("setConnection", None, None),
    ("setTags", ["PII.Sensitive"], (TagLabel(tag_fqn="PII.Sensitive"),)),
    (
        "setTags",
        [{"tagFQN": "Tier.Tier1", "labelType": "Automated"}, TagLabel(tag_fqn="PII.None")],
        (TagLabel(tag_fqn="Tier.Tier1", label_type="Automated"), TagLabel(tag_fqn="PII.None")),
    ),
    ("setTags", [], ()),
    ("setTags", None, None),
    ("setStyle", {"color": "#00ff00"}, {"color": "#00ff00"}),
    ("setStyle", None, None),
    ("setOwners", [{"id": USER_ID, "type": "user", "name": "alice"}], (ALICE,)),
    ("setOwners", (ALICE,), (ALICE,)),
    ("setOwners", (r for r in [ALICE]), (ALICE,)),
    ("setOwners", [{"id": uuid.UUID(USER_ID), "type": "user", "name": "alice"}], (ALICE,)),
    ("setOwners", [], ()),
    ("setOwners", None, None),
    ("setEntityStatus", "Deprecated", EntityStatus.DEPRECATED),
    ("setEntityStatus", "in review", EntityStatus.IN_REVIEW),
    ("setEntityStatus", EntityStatus.ACTIVE, EntityStatus.ACTIVE),
    ("setEntityStatus", None, None),
    ("setDataProducts", [ref("dataProduct", DOMAIN_ID)], (reference("dataProduct", DOMAIN_ID),)),
    ("setDataProducts", [], ()),
    ("setDataProducts", None, None),
    ("setDataContract", ref("dataContract"), reference("dataContract")),
    ("setDataContract", reference("dataContract"), reference("dataContract")),
    ("setDataContract", None, None),
    ("setDomains", [ref("domain", DOMAIN_ID)], (SALES,)),
    ("setDomains", [SALES], (SALES,)),
    ("setDomains", None, None),
    ("setIngestionRunner", ref("ingestionRunner"), reference("ingestionRunner")),
    ("setIngestionRunner", None, None),
]


def test_the_setter_table_covers_every_editable_field() -> None:
    props = {_java_gen.java_name(f) for f in attrs.fields(MessagingService)}
    not_java = {"Extra", "ChangeType"}
    editable = {p for p in props - not_java if p[:1].lower() + p[1:] not in SERVER_OWNED}
    assert {setter.removeprefix("set") for setter, _, _ in SETTERS} == editable


@pytest.mark.parametrize(("setter", "given", "expected"), SETTERS, ids=lambda v: str(v)[:30])
def test_each_setter_stores_what_its_getter_returns(
    svc: MessagingService, setter: str, given: Any, expected: Any
) -> None:
    assert getattr(svc, setter)(given) is None  # Java setters return nothing
    stored = getattr(svc, "get" + setter.removeprefix("set"))()
    assert stored == expected
    assert type(stored) is type(expected)
    # and the wire JSON reads back into an equal service
    assert MessagingService.from_dict(svc.to_dict()) == svc


def test_setters_copy_maps_and_lists_so_later_changes_to_them_do_not_leak(
    svc: MessagingService,
) -> None:
    style = {"color": "#fff"}
    owners = [{"id": USER_ID, "type": "user"}]
    svc.setStyle(style)
    svc.setOwners(owners)
    style["color"] = "#000"
    owners.append({"id": DOMAIN_ID, "type": "team"})
    assert svc.getStyle() == {"color": "#fff"}
    assert svc.getOwners() == (reference("user"),)


def test_a_config_given_without_type_takes_the_service_type() -> None:
    nats = MessagingService.from_dict({**FULL_RESPONSE, "serviceType": "Nats", "connection": None})
    nats.setConnection({"natsServers": "nats://n:4222"})
    connection = nats.getConnection()
    assert connection is not None and connection.config == NatsConnection(
        nats_servers="nats://n:4222"
    )


def test_assignment_checks_and_converts_like_the_setter(svc: MessagingService) -> None:
    svc.owners = [{"id": USER_ID, "type": "user", "name": "alice"}]  # type: ignore[assignment]
    assert svc.owners == (ALICE,)
    svc.tags = ["PII.Sensitive"]  # type: ignore[assignment]
    assert svc.tags == (TagLabel(tag_fqn="PII.Sensitive"),)
    svc.description = "plain attribute assignment"
    assert svc.getDescription() == "plain attribute assignment"
    svc.change_type = "entityCreated"  # type: ignore[assignment]
    assert svc.change_type is ChangeType.CREATED
    with pytest.raises(ValidationError, match="description: must be a string, not int"):
        svc.description = 42  # type: ignore[assignment]
    assert svc.description == "plain attribute assignment"


CONFIG = "connection.config"
NATS = NatsConnection(nats_servers="nats://n:4222")

# (setter, bad input, problem path, problem code)
BAD_SETTER_INPUT: list[tuple[str, Any, str, str]] = [
    ("setDisplayName", 42, "displayName", "type"),
    ("setDescription", b"bytes", "description", "type"),
    ("setDescription", ["a"], "description", "type"),
    ("setConnection", "Kafka", "connection", "type"),
    ("setConnection", om.kafka_connection().bootstrap_servers("k"), "connection", "type"),
    ("setConnection", {"config": {"type": "Kafka"}}, f"{CONFIG}.bootstrapServers", "required"),
    ("setConnection", {**KAFKA_WIRE, "brokers": "k"}, f"{CONFIG}.brokers", "unknown"),
    ("setConnection", {"type": "Nats", "natsServers": "n"}, f"{CONFIG}.type", "mismatch"),
    ("setConnection", MessagingConnection(config=NATS), f"{CONFIG}.type", "mismatch"),
    ("setConnection", NATS, f"{CONFIG}.type", "mismatch"),
    ("setConnection", {"type": "Pulsar", "url": "p"}, f"{CONFIG}.type", "enum"),
    ("setTags", "PII.Sensitive", "tags", "type"),
    ("setTags", [42], "tags[0].tagFQN", "type"),
    ("setTags", [{"tagFqn": "PII.Sensitive"}], "tags[0].tagFqn", "unknown"),
    ("setTags", [{"tagFQN": "x", "labelType": "Manaul"}], "tags[0].labelType", "enum"),
    ("setTags", [ALICE], "tags[0]", "type"),
    ("setStyle", "red", "style", "type"),
    ("setStyle", {1: "red"}, "style", "type"),
    ("setOwners", {"id": USER_ID, "type": "user"}, "owners", "type"),
    ("setOwners", 42, "owners", "type"),
    ("setOwners", [{"id": "not-a-uuid", "type": "user"}], "owners[0].id", "uuid"),
    ("setOwners", [{"id": USER_ID}], "owners[0].type", "required"),
    ("setOwners", [ALICE, "alice"], "owners[1]", "type"),
    ("setOwners", [TagLabel(tag_fqn="x")], "owners[0]", "type"),
    ("setEntityStatus", "Aproved", "entityStatus", "enum"),
    ("setEntityStatus", 1, "entityStatus", "type"),
    ("setEntityStatus", MessagingServiceType.KAFKA, "entityStatus", "enum"),
    ("setDataProducts", ["sales"], "dataProducts[0]", "type"),
    ("setDataContract", [ref("dataContract")], "dataContract", "type"),
    ("setDomains", [ref("domain", DOMAIN_ID, href="not a url")], "domains[0].href", "uri"),
    ("setIngestionRunner", USER_ID, "ingestionRunner", "type"),
]


@pytest.mark.parametrize(
    ("setter", "given", "path", "code"), BAD_SETTER_INPUT, ids=lambda v: str(v)[:30]
)
def test_setters_refuse_wrong_types_and_keep_the_old_value(
    svc: MessagingService, setter: str, given: Any, path: str, code: str
) -> None:
    before = svc.to_dict()
    with pytest.raises(ValidationError) as info:
        getattr(svc, setter)(given)
    assert (path, code) in [(p.path, p.code) for p in info.value.problems]
    assert str(info.value).startswith("invalid MessagingService:")
    assert svc.to_dict() == before


def test_a_builder_given_to_set_connection_says_to_build_it(svc: MessagingService) -> None:
    with pytest.raises(ValidationError, match=r"call \.build\(\) on the builder first"):
        svc.setConnection(om.kafka_connection().bootstrap_servers("k"))  # type: ignore[arg-type]


def test_setter_errors_never_show_a_secret(svc: MessagingService) -> None:
    bad = {"type": "Kafka", "bootstrapServers": 9092, "saslPassword": "hunter2-secret"}
    with pytest.raises(ValidationError) as info:
        svc.setConnection(bad)
    assert "hunter2-secret" not in str(info.value)
    assert "hunter2-secret" not in repr(info.value.problems)


# -- what stays read-only --------------------------------------------------------------------


def test_server_owned_fields_have_getters_only_and_refuse_assignment(
    svc: MessagingService,
) -> None:
    wire_names = {_java_gen.java_name(f): f for f in attrs.fields(MessagingService)}
    for key in sorted(SERVER_OWNED):
        prop = key[:1].upper() + key[1:]
        field = wire_names[prop]
        assert callable(getattr(svc, f"get{prop}"))
        assert not hasattr(svc, f"set{prop}"), f"set{prop}"
        before = getattr(svc, field.name)
        with pytest.raises(ReadOnlyFieldError, match=rf"{field.name} is read-only"):
            setattr(svc, field.name, before)
        assert getattr(svc, field.name) is before


def test_read_only_errors_say_why() -> None:
    svc = MessagingService.from_dict(FULL_RESPONSE)
    with pytest.raises(ReadOnlyFieldError, match="the server ignores renames"):
        svc.name = "renamed"
    with pytest.raises(ReadOnlyFieldError, match="update\\(\\) never sends it"):
        svc.version = 9.0
    with pytest.raises(ReadOnlyFieldError, match="keys this SDK does not model"):
        svc.extra = {}
    error = ReadOnlyFieldError("x")
    assert isinstance(error, FrozenAttributeError)
    assert isinstance(error, AttributeError) and isinstance(error, OpenMetadataError)


def test_fields_cannot_be_deleted_only_cleared(svc: MessagingService) -> None:
    with pytest.raises(ReadOnlyFieldError, match="set it to None to clear it"):
        del svc.description
    assert svc.description == "Order events"
    svc.setDescription(None)
    assert "description" not in svc.to_dict()


def test_a_mutable_service_still_copies_pickles_and_compares(svc: MessagingService) -> None:
    for clone in (copy.copy(svc), copy.deepcopy(svc), pickle.loads(pickle.dumps(svc))):
        assert clone == svc
        assert clone.getName() == "orders_kafka"
    changed = copy.deepcopy(svc)
    changed.setDescription("other")
    assert changed != svc
    assert attrs.evolve(svc, description="via evolve").description == "via evolve"


# -- frozen requests and values ---------------------------------------------------------------


@pytest.fixture
def request_() -> CreateMessagingServiceRequest:
    return (
        om.MessagingServices.builder()
        .name("orders_kafka")
        .service_type("Kafka")
        .connection(om.kafka_connection().bootstrap_servers("k:9092"))
        .build()
    )


def test_a_request_refuses_assignment_with_a_hint(
    request_: CreateMessagingServiceRequest,
) -> None:
    with pytest.raises(ImmutableModelError) as info:
        request_.description = "x"  # type: ignore[misc]
    message = str(info.value)
    assert "requests are immutable" in message
    assert "MessagingServices.builder()" in message
    assert "attrs.evolve(request, description=...)" in message
    assert isinstance(info.value, FrozenInstanceError) and isinstance(info.value, OpenMetadataError)
    with pytest.raises(FrozenInstanceError):
        del request_.name  # type: ignore[misc]
    assert request_.description is None
    changed = attrs.evolve(request_, description="x")
    assert changed.description == "x" and changed.name == "orders_kafka"


def test_a_request_checked_once_still_sends_its_checked_body(
    request_: CreateMessagingServiceRequest,
) -> None:
    # The builder stores its checked body on the frozen request; the hint must not stop it.
    assert request_._checked_body is not None
    assert request_._checked_body["name"] == "orders_kafka"


MUTABLE = {_java_gen.model_class(name) for name in _java_gen.ENTITIES}


def frozen_models() -> Iterator[type]:
    for name in models.__all__:
        cls = getattr(models, name)
        if isinstance(cls, type) and attrs.has(cls) and cls not in MUTABLE:
            yield cls


@pytest.mark.parametrize("cls", list(frozen_models()), ids=lambda c: c.__name__)
def test_every_frozen_model_explains_itself(cls: type) -> None:
    value = object.__new__(cls)
    with pytest.raises(ImmutableModelError, match=rf"cannot change {cls.__name__}\.x"):
        value.x = 1  # type: ignore[attr-defined]
    with pytest.raises(ImmutableModelError, match=r"attrs\.evolve\((value|request), x=\.\.\.\)"):
        del value.x  # type: ignore[attr-defined]


def test_values_held_by_a_service_are_replaced_not_changed(svc: MessagingService) -> None:
    owner = (svc.getOwners() or ())[0]
    with pytest.raises(ImmutableModelError, match=r"attrs\.evolve\(value, name=\.\.\.\)"):
        owner.name = "bob"  # type: ignore[misc]
    svc.setOwners([attrs.evolve(owner, name="bob")])
    assert [o.getName() for o in svc.getOwners() or ()] == ["bob"]


# -- what mypy sees --------------------------------------------------------------------------

MYPY_SNIPPET = """
from openmetadata_fluent import MessagingService

def use(svc: MessagingService) -> None:
    reveal_type(svc.getOwners())
    reveal_type(svc.getServiceType())
    reveal_type(svc.isDeleted())
    svc.setOwners([{"id": "x", "type": "user"}])
    svc.setTags(["PII.Sensitive"])
    svc.setDescription(5)
    svc.setVersion(2.0)
"""


def test_mypy_sees_real_typed_accessors(
    tmp_path: Any, pytestconfig: pytest.Config
) -> None:
    api = pytest.importorskip("mypy.api")
    source = tmp_path / "use_accessors.py"
    source.write_text(textwrap.dedent(MYPY_SNIPPET), encoding="utf-8")
    config_cache = getattr(pytestconfig, "cache", None)
    cache = config_cache.mkdir("mypy-accessors") if config_cache else tmp_path / "mypy-cache"
    out, _, _ = api.run(["--strict", "--cache-dir", str(cache), str(source)])
    lines = out.splitlines()
    assert any('"tuple[openmetadata_fluent.models.common.EntityReference, ...] | None"' in line
               for line in lines)
    assert any('"openmetadata_fluent.models.connections.MessagingServiceType"' in line
               for line in lines)
    assert any('Revealed type is "bool"' in line for line in lines)
    errors = [line for line in lines if ": error:" in line]
    assert len(errors) == 2, out
    assert '"setDescription"' in errors[0] and 'incompatible type "int"' in errors[0]
    assert 'has no attribute "setVersion"' in errors[1]


# -- the flow a Java user ports ---------------------------------------------------------------


def test_fetch_set_and_update_reaches_the_server(openmetadata_fake: FakeOpenMetadata) -> None:
    services = openmetadata_fake.client().messaging_services
    services.create(
        om.MessagingServices.builder()
        .name("orders_kafka")
        .service_type("Kafka")
        .connection(
            om.kafka_connection()
            .bootstrap_servers("k:9092")
            .security_protocol("SASL_SSL")
            .sasl_password("pw")
        )
    )
    svc = services.retrieve_by_name("orders_kafka")
    svc.setDescription("Order events")
    svc.setDisplayName("Orders")
    config = {"bootstrapServers": "k2:9092", "securityProtocol": "SASL_SSL", "saslPassword": MASK}
    svc.setConnection(config)  # the masked password means "keep the stored one"
    updated = services.update(svc)
    assert updated.getDescription() == "Order events"
    assert updated.getDisplayName() == "Orders"
    assert (updated.getVersion() or 0) > (svc.getVersion() or 0)
    openmetadata_fake.add_token("bot-token", "ingestion-bot", bot=True)  # bots see secrets
    as_bot = openmetadata_fake.client(token="bot-token").messaging_services
    stored = as_bot.retrieve_by_name("orders_kafka")
    connection = stored.getConnection()
    stored_config = connection.getConfig() if connection else None
    assert isinstance(stored_config, KafkaConnection)
    assert stored_config.bootstrap_servers == "k2:9092"
    assert stored_config.sasl_password == SecretStr("pw")
