"""GET by id, by name and the list: fields, include, paging cursors, domain filter."""

from __future__ import annotations

import urllib.parse

from openmetadata_fluent.testing import FakeOpenMetadata
from tests.testing.conftest import Wire, payload


def test_get_by_id_and_by_percent_encoded_fqn(wire: Wire) -> None:
    created = wire("POST", json=payload("team.kafka")).json()
    by_id = wire("GET", f"/{created['id']}")
    assert by_id.status_code == 200
    assert by_id.json() == created
    assert by_id.headers["ETag"]
    by_name = wire("GET", "/name/" + urllib.parse.quote('"team.kafka"', safe=""))
    assert by_name.status_code == 200
    assert by_name.json()["id"] == created["id"]


def test_unknown_id_and_name_are_404_with_the_server_message(wire: Wire) -> None:
    missing = "0b8d2a52-5f8e-4c3f-9b7e-1f6f2c1d0a11"
    resp = wire("GET", f"/{missing}")
    assert resp.status_code == 404
    assert resp.json() == {
        "code": 404,
        "message": f"messagingService instance for {missing} not found",
    }
    resp = wire("GET", "/name/nope")
    assert resp.json() == {"code": 404, "message": "messagingService instance for nope not found"}


def test_fields_adds_requested_lists_and_rejects_unknown_names(wire: Wire) -> None:
    created = wire("POST", json=payload()).json()
    assert "followers" not in created
    resp = wire("GET", f"/{created['id']}", params={"fields": "owners,followers,pipelines"})
    assert resp.json()["followers"] == [] and resp.json()["pipelines"] == []
    bad = wire("GET", f"/{created['id']}", params={"fields": "owners,colour"})
    assert bad.status_code == 400
    assert bad.json() == {"code": 400, "message": "Invalid field name colour"}
    assert wire("GET", "", params={"fields": "colour"}).status_code == 400


def test_list_defaults_to_ten_and_pages_with_cursors(fake: FakeOpenMetadata, wire: Wire) -> None:
    fake.seed(*(payload(f"svc_{i:02}") for i in range(25)))
    first = wire("GET").json()
    assert [s["name"] for s in first["data"]] == [f"svc_{i:02}" for i in range(10)]
    assert first["paging"]["total"] == 25
    assert "before" not in first["paging"]
    seen = [s["name"] for s in first["data"]]
    after = first["paging"]["after"]
    while after:
        page = wire("GET", params={"limit": 10, "after": after}).json()
        seen += [s["name"] for s in page["data"]]
        after = page["paging"].get("after")
    assert seen == [f"svc_{i:02}" for i in range(25)]
    second = wire("GET", params={"limit": 10, "after": first["paging"]["after"]}).json()
    back = wire("GET", params={"limit": 10, "before": second["paging"]["before"]}).json()
    assert back["data"] == first["data"]


def test_list_rejects_before_and_after_together(wire: Wire) -> None:
    resp = wire("GET", params={"before": "YQ", "after": "Yg"})
    assert resp.status_code == 400
    assert resp.json()["code"] == 400


def test_list_limit_bounds(fake: FakeOpenMetadata, wire: Wire) -> None:
    fake.seed(payload("a"), payload("b"))
    zero = wire("GET", params={"limit": 0}).json()
    assert zero["data"] == [] and zero["paging"]["total"] == 2
    assert wire("GET", params={"limit": -1}).status_code == 400
    # Changed deliberately: JAX-RS answers a limit that is no number with a 404.
    assert wire("GET", params={"limit": "ten"}).status_code == 404


def test_include_separates_deleted_services(fake: FakeOpenMetadata, wire: Wire) -> None:
    _, gone = fake.seed(payload("kept"), payload("gone"))
    assert wire("DELETE", f"/{gone['id']}").status_code == 200

    def names(include: str | None) -> list[str]:
        params = {"include": include} if include else {}
        return [s["name"] for s in wire("GET", params=params).json()["data"]]

    assert names(None) == ["kept"]
    assert names("non-deleted") == ["kept"]
    assert names("deleted") == ["gone"]
    assert names("all") == ["gone", "kept"]
    assert wire("GET", f"/{gone['id']}").status_code == 404
    assert wire("GET", f"/{gone['id']}", params={"include": "deleted"}).json()["deleted"] is True


def test_domain_filter(fake: FakeOpenMetadata, wire: Wire) -> None:
    fake.seed(
        payload("sales", domains=["Sales"]), payload("ops", domains=["Ops"]), payload("plain")
    )
    data = wire("GET", params={"domain": "Sales"}).json()
    assert [s["name"] for s in data["data"]] == ["sales"]
    assert data["paging"]["total"] == 1
