"""The fake's engine is generic: another entity type plugs in as one small ``Resource``,
children hang off a parent through the store, and the modules import one way."""

from __future__ import annotations

import ast
import pathlib
from collections.abc import Mapping
from typing import Any

import pytest
import requests

from openmetadata_fluent.testing import FakeOpenMetadata
from openmetadata_fluent.testing._http import HttpError
from openmetadata_fluent.testing._resource import Resource
from openmetadata_fluent.testing._store import Record, Store
from tests.conftest import BASE
from tests.testing.conftest import AUTH, COLLECTION, Wire, payload

TESTING = pathlib.Path(__file__).parents[2] / "openmetadata_fluent" / "testing"
PACKAGE = "openmetadata_fluent.testing."
CLIENT_FOR = {
    ("client_for", "openmetadata_fluent.client"),
    ("client_for", "openmetadata_fluent.transport"),
}
GENERIC = ("_http.py", "_store.py", "_jsonpatch.py", "_resource.py", "_routes.py", "_mounts.py")


class Widgets(Resource):
    """A toy entity type: all it states is its path, its check and its FQN rule."""

    kind = "widget"
    collection = "/v1/widgets"
    fields = ("owners",)

    def check(self, body: Any) -> dict[str, Any]:
        if not isinstance(body, Mapping) or not isinstance(body.get("name"), str):
            raise HttpError(400, "[name must not be null]")
        return {k: body[k] for k in ("name", "size") if k in body}

    def fqn(self, data: Mapping[str, Any], parent: Record | None) -> str:
        return str(data["name"])


class Gadgets(Widgets):
    """A toy child of messaging services, the way topics hang off them."""

    kind = "gadget"
    collection = "/v1/gadgets"

    def check(self, body: Any) -> dict[str, Any]:
        checked = super().check(body)
        if not isinstance(body.get("service"), str):
            raise HttpError(400, "[service must not be null]")
        return {**checked, "service": body["service"]}

    def parent_of(self, store: Store, body: Mapping[str, Any]) -> Record | None:
        found = store.find("messagingService", body["service"])
        if found is None:
            raise HttpError(404, f"messagingService instance for {body['service']} not found")
        return found

    def fqn(self, data: Mapping[str, Any], parent: Record | None) -> str:
        assert parent is not None
        return f"{parent.entity['fullyQualifiedName']}.{data['name']}"


def test_recorded_headers_answer_to_any_case(fake: FakeOpenMetadata, wire: Wire) -> None:
    wire("GET", headers={"X-Trace-Id": "abc"})
    headers = fake.requests[-1].headers
    assert headers["Authorization"] == headers["authorization"] == AUTH["Authorization"]
    assert headers["x-trace-id"] == headers["X-TRACE-ID"] == "abc"
    assert "AUTHORIZATION" in headers and headers.get("X-Missing") is None
    assert "any-token" not in repr(fake.requests[-1])


def test_a_toy_resource_is_served_over_http_next_to_services() -> None:
    fake = FakeOpenMetadata()
    fake.register(Widgets())
    with pytest.raises(ValueError, match="already registered"):
        fake.register(Widgets())
    fake.seed(payload())
    with fake.serve() as server, requests.Session() as http:
        http.headers.update(AUTH)
        url = server.base_url + "/v1/widgets"
        made = http.post(url, json={"name": "w1", "size": 3}, timeout=10)
        assert made.status_code == 201
        assert made.headers["Location"] == f"{url}/{made.json()['id']}"
        assert made.json()["size"] == 3 and made.json()["owners"] == []
        http.put(url, json={"name": "w2"}, timeout=10)
        assert http.post(url, json={"name": "w1"}, timeout=10).status_code == 409
        assert http.post(url, json={"size": 1}, timeout=10).status_code == 400
        wid = made.json()["id"]
        ops = [{"op": "replace", "path": "/size", "value": 4}]
        patch = {"Content-Type": "application/json-patch+json"}
        patched = http.patch(f"{url}/{wid}", json=ops, headers=patch, timeout=10).json()
        assert (patched["size"], patched["version"]) == (4, 0.2)
        assert http.get(f"{url}/{wid}", timeout=10).json()["name"] == "w1"
        assert http.get(f"{url}/name/w1", params={"fields": "owners"}, timeout=10).ok
        first = http.get(url, params={"limit": "1"}, timeout=10).json()
        assert [w["name"] for w in first["data"]] == ["w1"] and first["paging"]["total"] == 2
        after = {"limit": "1", "after": first["paging"]["after"]}
        assert [w["name"] for w in http.get(url, params=after, timeout=10).json()["data"]] == ["w2"]
        gone = http.delete(f"{url}/{wid}", timeout=10)
        assert gone.headers["X-OpenMetadata-Change"] == "entitySoftDeleted"
        missing = http.get(f"{url}/{wid}", timeout=10)
        assert missing.json() == {"code": 404, "message": f"widget instance for {wid} not found"}
        assert http.put(f"{url}/bulk", json=[], timeout=10).status_code == 405
        services = http.get(server.base_url + COLLECTION, timeout=10).json()
        assert [s["name"] for s in services["data"]] == ["sample_kafka"]
        assert http.get(server.base_url + f"{COLLECTION}/{wid}", timeout=10).status_code == 404


def test_children_make_a_parent_need_recursive_and_follow_its_delete_and_restore() -> None:
    fake = FakeOpenMetadata()
    fake.register(Gadgets())
    (svc,) = fake.seed(payload("my.kafka"))
    with fake.mock(BASE):
        http = Wire(BASE)
        gadgets = f"{BASE}/v1/gadgets"
        made = http.session.post(gadgets, json={"name": "g", "service": "my.kafka"}, headers=AUTH)
        assert made.json()["fullyQualifiedName"] == '"my.kafka".g'
        gid = made.json()["id"]
        orphan = http.session.post(gadgets, json={"name": "o", "service": "nope"}, headers=AUTH)
        assert orphan.status_code == 404
        refused = http("DELETE", f"/{svc['id']}")
        assert refused.json() == {"code": 400, "message": "messagingService is not empty"}
        assert http("DELETE", f"/{svc['id']}", params={"recursive": "true"}).ok
        child = http.session.get(f"{gadgets}/{gid}", params={"include": "all"}, headers=AUTH)
        assert child.json()["deleted"] is True and child.json()["version"] == 0.2
        restored = http("PUT", "/restore", json={"id": svc["id"]})
        assert restored.headers["X-OpenMetadata-Change"] == "entityRestored"
        child = http.session.get(f"{gadgets}/{gid}", headers=AUTH)
        assert child.json()["deleted"] is False and child.json()["version"] == 0.3
        hard = {"recursive": "true", "hardDelete": "true"}
        assert http("DELETE", f"/{svc['id']}", params=hard).ok
        assert http.session.get(f"{gadgets}/{gid}", headers=AUTH).status_code == 404
        again = http.session.post(gadgets, json={"name": "g", "service": "my.kafka"}, headers=AUTH)
        assert again.status_code == 404


def _imports(tree: ast.Module) -> tuple[list[str], list[tuple[str, str]]]:
    """Modules a file imports at run time from its top level, and (function, module) for
    imports inside functions; ``if TYPE_CHECKING:`` blocks are left out."""
    top: list[str] = []
    inner: list[tuple[str, str]] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            top += [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            top.extend(alias.name for alias in node.names)
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef):
            for found in ast.walk(func):
                if isinstance(found, ast.ImportFrom) and found.module:
                    inner.append((func.name, found.module))
                elif isinstance(found, ast.Import):
                    inner.extend((func.name, alias.name) for alias in found.names)
    return top, inner


def test_testing_modules_import_one_way_and_the_client_only_for_fake_client() -> None:
    stems = {path.stem for path in TESTING.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in TESTING.glob("*.py"):
        top, inner = _imports(ast.parse(path.read_text()))
        parts = {m[len(PACKAGE) :].partition(".")[0] for m in top if m.startswith(PACKAGE)}
        parts |= {"__init__" for m in top if m == PACKAGE[:-1]}
        graph[path.stem] = parts & stems
        assert not any(m.startswith(PACKAGE[:-1]) for _, m in inner), path.name
        late = {(f, m) for f, m in inner if m.startswith("openmetadata_fluent")}
        if late:
            assert (path.name, late) == ("_mounts.py", CLIENT_FOR), path.name
    assert graph["_mounts"] == {"_http"}
    done: set[str] = set()

    def visit(name: str, trail: tuple[str, ...]) -> None:
        assert name not in trail, f"import cycle: {' -> '.join((*trail, name))}"
        if name not in done:
            for dep in graph.get(name, ()):
                visit(dep, (*trail, name))
            done.add(name)

    for name in graph:
        visit(name, ())


@pytest.mark.parametrize("name", GENERIC)
def test_generic_modules_know_no_entity_type(name: str) -> None:
    assert "messagingservice" not in (TESTING / name).read_text().lower()
