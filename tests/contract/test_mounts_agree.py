"""The in-process mount and the HTTP mount give the same answers to the same calls: one
script of contract calls, run on both, compared after ids and addresses are named."""

from __future__ import annotations

import json
import re
from typing import Any

import requests

from openmetadata_fluent.testing import FakeClock, FakeOpenMetadata
from tests.contract.conftest import Api, body, sasl

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_TAG = re.compile(r"Current ETag: \\\"[0-9a-f]{16}\\\"")  # as it is escaped in JSON text
_HEADERS = (
    "Content-Type",
    "Cache-Control",
    "X-OpenMetadata-Change",
    "WWW-Authenticate",
)


def _script(api: Api, fake: FakeOpenMetadata) -> list[requests.Response]:
    made = api("POST", json=sasl("script"))
    sid = made.json()["id"]
    read = api("GET", f"/{sid}")
    out = [made, read, api("GET", f"/{sid}", headers={"If-None-Match": read.headers["ETag"]})]
    out += [
        api("PUT", json=sasl("script", description="second")),
        api("PUT", json=body("fresh")),
        api("PUT", json=body("script", connection=...)),
        api.patch(f"/{sid}", [{"op": "replace", "path": "/displayName", "value": "One"}]),
        api.patch(f"/{sid}", [{"op": "remove", "path": "/displayName"}]),
        api.patch(f"/{sid}", [], **{"If-Match": 'W/"0.1"'}),
        api("PATCH", f"/{sid}", json=[]),
        api("GET", params={"limit": "1", "fields": "owners,followers"}),
        api("GET", params={"limit": "x"}),
        api("PUT", f"/{sid}/followers", json=fake.user_id("ana")),
        api("GET", f"/{sid}", params={"fields": "*"}),
        api("DELETE", f"/{sid}"),
        api("DELETE", f"/{sid}"),
        api("PUT", "/restore", json={"id": sid}),
        api("PUT", "/restore", json={"id": sid}),
        api("GET", f"/{sid}/versions"),
        api("GET", f"/{sid}/versions/0.2"),
        api("GET", f"/{sid}/versions/x"),
        api("PUT", "/bulk", json=[]),
        api("POST", raw=b"{", headers={"Content-Type": "application/json"}),
        api("POST", json=body("bad::name")),
        api.as_user(None)("GET"),
        api("GET", "/not-a-uuid"),
        api("DELETE", f"/async/{sid}", params={"recursive": "true"}),
    ]
    return out


def _normal(resp: requests.Response, base: str) -> dict[str, Any]:
    text = _UUID.sub("<uuid>", resp.text.replace(base, "<base>"))
    text = _TAG.sub("Current ETag: <tag>", text)
    headers = {k: resp.headers.get(k) for k in _HEADERS}
    headers["ETag"] = "<etag>" if "ETag" in resp.headers else None
    headers["Location"] = _UUID.sub(
        "<uuid>", resp.headers.get("Location", "").replace(base, "<base>")
    )
    payload = json.loads(text) if text else None
    if isinstance(payload, dict) and "paging" in payload:
        for key in ("before", "after"):  # cursors hold an id, in base64
            if key in payload["paging"]:
                payload["paging"][key] = "<cursor>"
    return {"status": resp.status_code, "headers": headers, "body": payload}


def _run(mount: str) -> list[dict[str, Any]]:
    fake = FakeOpenMetadata(clock=FakeClock(start=1_769_982_621.031))
    with fake.mock() if mount == "in-process" else fake.serve():
        answers = _script(Api(fake), fake)
        return [_normal(resp, fake.base_url) for resp in answers]


def test_both_mounts_answer_the_same_script_alike() -> None:
    """Every answer of the script (status, the headers the contract names, the body)
    is the same through ``responses`` and over HTTP."""
    in_process, over_http = _run("in-process"), _run("http")
    assert len(in_process) == len(over_http) == 27
    for step, (one, other) in enumerate(zip(in_process, over_http, strict=True)):
        assert one == other, f"step {step}"
    statuses = [a["status"] for a in in_process]
    assert statuses == [
        201, 200, 304, 200, 201, 400, 200, 200, 412, 415, 200, 404, 200, 200,
        200, 200, 200, 500, 200, 200, 400, 405, 400, 400, 401, 404, 202,
    ]  # fmt: skip
