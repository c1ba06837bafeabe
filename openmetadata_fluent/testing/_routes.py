"""The routes every entity collection shares (create, upsert, bulk, reads, lists, patch,
delete, restore, versions), written once against the ``Resource`` interface."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from openmetadata_fluent.testing._http import (
    INVALID_FORMAT,
    JSON,
    Answer,
    HttpError,
    flag,
    one,
    parse_json,
)
from openmetadata_fluent.testing._jsonpatch import JsonPatch
from openmetadata_fluent.testing._resource import Call, Resource, Route, RouteTable
from openmetadata_fluent.testing._store import (
    Record,
    cursor,
    etag,
    if_match_holds,
    included,
    uncursor,
    write_etag,
)

__all__ = ["ROUTES", "routes_for"]

_INCLUDES = ("non-deleted", "deleted", "all")
_MAX_LIMIT = 1_000_000
_PATCH_TYPE = "application/json-patch+json"


# -- answers -------------------------------------------------------------------------


def _view(call: Call, entity: Mapping[str, Any], fields: tuple[str, ...] = ()) -> dict[str, Any]:
    view: dict[str, Any] = call.resource.shown(entity, call.who.bot)
    for key in call.resource.on_request:
        if key not in fields:
            view.pop(key, None)
    for key in fields:
        view.setdefault(key, [])
    return view


def _entity_answer(
    call: Call,
    entity: Mapping[str, Any],
    status: int = 200,
    change: str | None = None,
    fields: tuple[str, ...] = (),
) -> Answer:
    headers = {**JSON, "ETag": etag(entity)}
    if change is not None:
        headers["X-OpenMetadata-Change"] = change
    if status == 201:
        headers["Location"] = entity["href"]
    return status, headers, json.dumps(_view(call, entity, fields)).encode()


def _json_answer(payload: Any) -> Answer:
    return 200, dict(JSON), json.dumps(payload).encode()


# -- query parameters ----------------------------------------------------------------


def _fields(call: Call) -> tuple[str, ...]:
    raw = one(call.query, "fields") or ""
    names = tuple(f.strip() for f in raw.split(",") if f.strip())
    for name in names:
        if name not in call.resource.fields:
            raise HttpError(400, f"Invalid field name {name}")
    return names


def _include(call: Call) -> str:
    include = one(call.query, "include") or "non-deleted"
    if include not in _INCLUDES:
        raise HttpError(400, INVALID_FORMAT)
    return include


def _limit(call: Call) -> int:
    try:
        limit = int(one(call.query, "limit") or "10")
    except ValueError:
        raise HttpError(400, INVALID_FORMAT) from None
    if not 0 <= limit <= _MAX_LIMIT:
        bound = f"less than or equal to {_MAX_LIMIT}" if limit > 0 else "greater than or equal to 0"
        raise HttpError(400, f"[query param limit must be {bound}]")
    return limit


def _record(call: Call, key: str, by: str, include: str = "non-deleted") -> Record:
    """The record a path names by id or by name, or the server's 404."""
    res, found = call.resource, None
    if by == "name":
        found = res.find(call.store, key)
    else:
        try:
            found = call.store.get(res.kind, str(uuid.UUID(key)))
        except ValueError:
            found = None
    if found is not None and included(found.entity, include):
        return found
    raise HttpError(404, f"{res.kind} instance for {key} not found")


# -- handlers ------------------------------------------------------------------------


def post_collection(call: Call) -> Answer:
    res = call.resource
    checked = res.check(parse_json(call.body))
    parent, found = res.existing(call.store, checked)
    if found is not None:
        raise HttpError(409, "Entity already exists")
    record = res.create(call.store, checked, call.who.name, call.base_url, parent)
    return _entity_answer(call, record.entity, 201, "entityCreated")


def put_collection(call: Call) -> Answer:
    res = call.resource
    body = res.check(parse_json(call.body))
    status, change, record = res.upsert(call.store, body, call.who.name, call.base_url)
    return _entity_answer(call, record.entity, status, change)


def put_bulk(call: Call) -> Answer:
    res = call.resource
    items = parse_json(call.body)
    if not isinstance(items, list):
        raise HttpError(400, INVALID_FORMAT)
    passed: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for item in items:
        echo = item if call.who.bot else res.shown(item, bot=False)
        try:
            status, _, _ = res.upsert(call.store, res.check(item), call.who.name, call.base_url)
        except HttpError as exc:
            failed.append({"request": echo, "status": exc.status, "message": exc.message})
        else:
            passed.append({"request": echo, "status": status})
    overall = "success" if not failed else "failure" if not passed else "partialSuccess"
    return _json_answer(
        {
            "status": overall,
            "numberOfRowsProcessed": len(items),
            "numberOfRowsPassed": len(passed),
            "numberOfRowsFailed": len(failed),
            "successRequest": passed,
            "failedRequest": failed,
        }
    )


def get_collection(call: Call) -> Answer:
    res = call.resource
    fields, include, limit = _fields(call), _include(call), _limit(call)
    after, before = one(call.query, "after"), one(call.query, "before")
    if after is not None and before is not None:
        raise HttpError(400, "Only one of before or after query parameter allowed")
    keep = res.row_filter(call.store, call.query)
    rows = sorted(
        (
            r
            for r in call.store.records(res.kind)
            if included(r.entity, include) and (keep is None or keep(r.entity))
        ),
        key=lambda r: r.key,
    )
    if before is not None:
        first = uncursor(before)
        earlier = [r for r in rows if r.key < first]
        page = earlier[max(0, len(earlier) - limit) :]
    else:
        last = uncursor(after) if after is not None else None
        page = [r for r in rows if last is None or r.key > last][:limit]
    paging: dict[str, Any] = {"total": len(rows)}
    if page and page[0] is not rows[0]:
        paging["before"] = cursor(page[0].key)
    if page and page[-1] is not rows[-1]:
        paging["after"] = cursor(page[-1].key)
    data = [_view(call, r.entity, fields) for r in page]
    return _json_answer({"data": data, "paging": paging})


def _get_one(call: Call, key: str, by: str) -> Answer:
    fields, include = _fields(call), _include(call)
    return _entity_answer(call, _record(call, key, by, include).entity, fields=fields)


def _patch(call: Call, key: str, by: str) -> Answer:
    res = call.resource
    kind = call.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != _PATCH_TYPE:
        raise HttpError(415, "HTTP 415 Unsupported Media Type")
    ops = parse_json(call.body)
    record = _record(call, key, by)
    expected = call.headers.get("if-match")
    if expected is not None and not if_match_holds(expected, record.entity):
        raise HttpError(
            412,
            f'The entity has been modified. Current ETag: "{write_etag(record.entity)}". '
            "Please refresh and retry with the latest version.",
        )
    patched = JsonPatch.apply(_view(call, record.entity), ops)
    if not isinstance(patched, dict):
        raise HttpError(400, INVALID_FORMAT)
    desired = res.check(res.as_create_body(patched))
    _, other = res.existing(call.store, desired)
    if other is not None and other is not record:
        raise HttpError(409, "Entity already exists")
    change = res.update(call.store, record, desired, call.who.name, replace=True)
    return _entity_answer(call, record.entity, change=change)


def _delete(call: Call, key: str, by: str) -> Answer:
    hard = flag(call.query, "hardDelete")
    record = _record(call, key, by, "all" if hard else "non-deleted")
    change = call.resource.delete(
        call.store, record, call.who.name, hard=hard, recursive=flag(call.query, "recursive")
    )
    return _entity_answer(call, record.entity, change=change)


def put_restore(call: Call) -> Answer:
    data = parse_json(call.body)
    if not isinstance(data, Mapping) or not isinstance(data.get("id"), str):
        raise HttpError(400, INVALID_FORMAT)
    record = _record(call, data["id"], "id", "all")
    change = call.resource.restore(call.store, record, call.who.name)
    return _entity_answer(call, record.entity, change=change)


def get_versions(call: Call, key: str) -> Answer:
    record = _record(call, key, "id", "all")
    versions = [json.dumps(_view(call, v)) for v in reversed(record.history)]
    return _json_answer({"entityType": call.resource.kind, "versions": versions})


def get_version(call: Call, key: str, version: str) -> Answer:
    record = _record(call, key, "id", "all")
    try:
        wanted = round(float(version), 1)
    except ValueError:
        wanted = -1.0
    for entity in record.history:
        if entity["version"] == wanted:
            return _json_answer(_view(call, entity))
    raise HttpError(404, f"{call.resource.kind} instance for {key} and version {version} not found")


def _by(by: str) -> dict[str, Any]:
    """GET, PATCH and DELETE of one entity, addressed by ``id`` or by ``name``."""
    return {
        "GET": lambda call, key: _get_one(call, key, by),
        "PATCH": lambda call, key: _patch(call, key, by),
        "DELETE": lambda call, key: _delete(call, key, by),
    }


ROUTES = (
    Route((), {"POST": post_collection, "PUT": put_collection, "GET": get_collection}),
    Route(("bulk",), {"PUT": put_bulk}, bulk=True),
    Route(("restore",), {"PUT": put_restore}),
    Route(("name", "+"), _by("name")),
    Route(("*",), _by("id")),
    Route(("*", "versions"), {"GET": get_versions}),
    Route(("*", "versions", "*"), {"GET": get_version}),
)
"""The shared route table, in matching order (``name/x`` before an id, say)."""


def routes_for(resource: Resource) -> RouteTable:
    """A resource's own routes first, then the shared ones it opts into."""
    return RouteTable([*resource.routes(), *(r for r in ROUTES if resource.bulk or not r.bulk)])
