"""A second entity type declared on the core in a few dozen lines (the block between the
markers) gets every call, typed, without touching the core."""

from __future__ import annotations

import json
import pathlib
import uuid
from collections.abc import Mapping
from typing import Any

import attrs
import pytest
import responses

from openmetadata_fluent import OpenMetadataClient, ValidationError
from openmetadata_fluent._core.operations import EntityOperations
from openmetadata_fluent._core.pages import EntityList
from openmetadata_fluent._core.spec import EntitySpec
from openmetadata_fluent.errors import Problem
from openmetadata_fluent.models.common import ChangeType, WireModel, extra_field
from openmetadata_fluent.validation import Checked
from tests.conftest import BASE

# --- the whole declaration of a new entity type --------------------------------------


@attrs.frozen(kw_only=True)
class CreateWidget(WireModel):
    name: str
    size: int | None = None
    extra: Mapping[str, Any] = extra_field()


@attrs.define(kw_only=True)
class Widget(WireModel):
    id: uuid.UUID
    name: str
    size: int | None = None
    version: float | None = None
    extra: Mapping[str, Any] = extra_field()
    change_type: ChangeType | None = attrs.field(default=None, eq=False, metadata={"wire": None})


def check_widget(body: Mapping[str, Any]) -> Checked:
    problems = [] if isinstance(body.get("name"), str) else [Problem("name", "is required")]
    return Checked(dict(body), problems)


WIDGETS: EntitySpec[Widget, CreateWidget] = EntitySpec(
    entity_type="widget",
    subject="widget",
    collection="/v1/widgets",
    entity_class=Widget,
    request_class=CreateWidget,
    check=check_widget,
    fields=("owners",),
    list_filters=("shelf",),
)


class WidgetOperations(EntityOperations[Widget, CreateWidget]):
    def __init__(self, client: OpenMetadataClient) -> None:
        super().__init__(WIDGETS, client)

    def list(self, limit: int | None = None, shelf: str | None = None) -> EntityList[Widget]:
        return self._list(limit, None, None, {"shelf": shelf}, None, None)


# --- end of the declaration ----------------------------------------------------------

URL = f"{BASE}/v1/widgets"
WID = "6f1c6a8e-8e0b-4a4e-9a59-3c1b0f6e2d11"
ENTITY = {"id": WID, "name": "w.1", "size": 3, "version": 0.1}


def test_the_declaration_is_a_few_dozen_lines() -> None:
    source = pathlib.Path(__file__).read_text()
    block = source.split("# --- the whole declaration")[1].split("# --- end of the declaration")[0]
    code = [line for line in block.splitlines() if line.strip()]
    assert len(code) <= 50


def test_a_second_entity_gets_every_call_on_the_wire(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    widgets = WidgetOperations(client)
    http.post(URL, json=ENTITY, status=201)
    http.get(f"{URL}/name/%22w.1%22", json=ENTITY)
    http.get(URL, json={"data": [ENTITY], "paging": {}})
    http.delete(f"{URL}/{WID}", json={**ENTITY, "deleted": True})
    http.put(f"{URL}/restore", json=ENTITY, headers={"X-OpenMetadata-Change": "entityRestored"})

    created = widgets.create(CreateWidget(name="w.1", size=3))
    assert created.change_type is ChangeType.CREATED and created.size == 3
    assert widgets.retrieve_by_name("w.1").name == "w.1"  # a dotted name is quoted
    assert [w.name for w in widgets.list(limit=5, shelf="top")] == ["w.1"]
    assert widgets.delete(WID).hard_delete().execute().name == "w.1"
    assert widgets.restore(WID).change_type is ChangeType.RESTORED

    sent = [(c.request.method, c.request.url.replace(BASE, "")) for c in http.calls]
    assert sent == [
        ("POST", "/v1/widgets"),
        ("GET", "/v1/widgets/name/%22w.1%22"),
        ("GET", "/v1/widgets?limit=5&shelf=top"),
        ("DELETE", f"/v1/widgets/{WID}?hardDelete=true&recursive=false"),
        ("PUT", "/v1/widgets/restore"),
    ]
    assert json.loads(http.calls[0].request.body) == {"name": "w.1", "size": 3}
    assert json.loads(http.calls[4].request.body) == {"id": WID}


def test_a_second_entity_gets_its_checks_before_any_request(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    widgets = WidgetOperations(client)
    with pytest.raises(ValidationError, match="name: is required"):
        widgets.bulk_upsert([{"size": 1}])
    with pytest.raises(ValidationError, match="'tags' is not a field of a widget"):
        widgets.retrieve(WID, fields="tags")
    assert len(http.calls) == 0
