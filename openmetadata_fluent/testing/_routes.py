"""The routes every entity collection shares (create, upsert, bulk, reads, lists, patch,
delete, async delete, restore, versions, followers), written once against the
``Resource`` interface."""

from __future__ import annotations

import contextlib
import decimal
import json
import math
import re
import uuid
from collections.abc import Mapping
from typing import Any

from openmetadata_fluent.models.common import copy_json
from openmetadata_fluent.testing._http import (
    INVALID_FORMAT,
    JSON,
    Answer,
    HttpError,
    flag,
    forbid,
    one,
    parse_json,
)
from openmetadata_fluent.testing._jsonpatch import JsonPatch
from openmetadata_fluent.testing._resource import (
    NOT_FOUND,
    Call,
    Resource,
    Route,
    RouteTable,
    bean_error,
)
from openmetadata_fluent.testing._store import (
    Record,
    cursor,
    if_match_holds,
    included,
    read_etag,
    uncursor,
    write_etag,
)

__all__ = ["ROUTES", "java_double", "record_for", "routes_for", "written"]

_INCLUDES = ("non-deleted", "deleted", "all")
_MAX_LIMIT = 1_000_000
_INT_MAX = 2**31 - 1
_INTEGER = re.compile(r"^[+-]?\d+$")
# What Java's Double.parseDouble takes (hexadecimal floats left out).
_JAVA_DOUBLE = re.compile(r"^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$")
_PATCH_TYPE = "application/json-patch+json"
_NO_STORE = {"Cache-Control": "no-store"}
_CHANGE = "X-OpenMetadata-Change"
# EntityRepository.restoreEntity answers null for an entity that is not soft-deleted
# (or does not exist) and EntityResource.restoreEntity dereferences it: a 500 with the
# JVM's message (read from the server source, fairly sure; not run against a server).
RESTORE_NOT_DELETED = (
    'Cannot invoke "org.openmetadata.service.util.RestUtil$PutResponse.getEntity()" '
    'because "response" is null'
)


# -- answers -------------------------------------------------------------------------


def _view(
    call: Call,
    record: Record,
    entity: Mapping[str, Any] | None = None,
    fields: tuple[str, ...] = (),
    incremental: bool = False,
) -> dict[str, Any]:
    """An entity as this caller sees it, with the relation fields it asked for; after a
    write, ``incremental`` shows the change this request made as changeDescription."""
    shown = entity if entity is not None else record.entity
    view: dict[str, Any] = call.resource.shown(shown, call.who.sees_secrets)
    hidden = [key for key in call.resource.on_request if key not in fields and key in view]
    if hidden:  # a copy: what shown() returns may be the stored entity itself
        view = {k: v for k, v in view.items() if k not in hidden}
    extra: dict[str, Any] = {}
    for key in fields:
        if key == "followers":
            extra[key] = list(record.followers.values())
        elif key in call.resource.relation_fields and view.get(key) is None:
            extra[key] = []
    if incremental and "incrementalChangeDescription" in view:
        extra["changeDescription"] = view["incrementalChangeDescription"]
    return {**view, **extra} if extra else view


def _json_answer(
    payload: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> Answer:
    return status, {**JSON, **(headers or {})}, json.dumps(payload).encode()


def written(call: Call, record: Record, status: int, change: str | None) -> Answer:
    """A write's answer: the entity, and what the write did; no ETag, only reads have
    one (API_FACTS "Endpoints"; some server builds also tag PATCH answers, so clients
    must not count on either)."""
    headers = {} if change is None else {_CHANGE: change}
    view = _view(call, record, incremental=change == "entityUpdated")
    return _json_answer(view, status, headers)


def _read(call: Call, payload: dict[str, Any]) -> Answer:
    """A single-entity read: a strong ETag of exactly these bytes, ``no-store``, and a
    304 without a body when If-None-Match names it (ETagResponseFilter)."""
    body = json.dumps(payload).encode()
    tag = read_etag(body)
    headers = {"ETag": tag, **_NO_STORE}
    wanted = call.headers.get("if-none-match")
    if wanted is not None and _none_match(wanted, tag):
        return 304, headers, b""
    return 200, {**JSON, **headers}, body


def _none_match(header: str, tag: str) -> bool:
    """RFC 7232 weak comparison over ``*`` or a comma list, as the server's filter does."""
    if header.strip() == "*":
        return True
    bare = tag.removeprefix("W/")
    return any(part.strip().removeprefix("W/") == bare for part in header.split(","))


# -- query parameters ----------------------------------------------------------------


def _fields(call: Call) -> tuple[str, ...]:
    """``fields``: properties of the entity, or ``*`` for all of them; another name is
    the server's 400 (CatalogExceptionMessage.invalidField)."""
    raw = one(call.query, "fields") or ""
    names = tuple(f for f in raw.replace(" ", "").split(",") if f)
    allowed = call.resource.fields
    if "*" in names:
        return allowed
    for name in names:
        if name not in allowed:
            raise HttpError(400, f"Invalid field name {name}")
    return names


def _include(call: Call) -> str:
    include = one(call.query, "include") or "non-deleted"
    if include not in _INCLUDES:
        # How the server answers an unknown Include value is not proven: kept as it was.
        raise HttpError(400, INVALID_FORMAT)
    return include


def _limit(call: Call) -> int:
    """``limit``: JAX-RS turns a value that is no int into a 404; bean validation
    bounds it to 0..1000000."""
    raw = (one(call.query, "limit") or "10").strip()
    if not _INTEGER.match(raw) or not -_INT_MAX - 1 <= int(raw) <= _INT_MAX:
        raise HttpError(404, NOT_FOUND)
    limit = int(raw)
    if limit > _MAX_LIMIT:
        raise bean_error([f"limit must be less than or equal to {_MAX_LIMIT}"])
    if limit < 0:
        raise bean_error(["limit must be greater than or equal to 0"])
    return limit


def java_double(value: float) -> str:
    """``value`` as Java's ``Double.toString`` writes it (how the server names versions
    in messages): shortest digits, a decimal point always, E notation outside 1e-3..1e7."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0 or 1e-3 <= abs(value) < 1e7:
        return repr(value)
    sign, digits, exponent = decimal.Decimal(repr(value)).normalize().as_tuple()
    assert isinstance(exponent, int)
    head, rest = str(digits[0]), "".join(map(str, digits[1:])) or "0"
    return f"{'-' if sign else ''}{head}.{rest}E{len(digits) - 1 + exponent}"


def record_for(call: Call, key: str, by: str, include: str = "non-deleted") -> Record:
    """The record a path names by id or by name, or the server's 404 (a path id that is
    no UUID never reaches the resource: JAX-RS answers "HTTP 404 Not Found")."""
    res = call.resource
    if by == "name":
        found = res.find(call.store, key)
        shown = res.lookup_name(key)
    else:
        try:
            shown = str(uuid.UUID(key))
        except ValueError:
            raise HttpError(404, NOT_FOUND) from None
        found = call.store.get(res.kind, shown)
    if found is not None and included(found.entity, include):
        return found
    raise HttpError(404, f"{res.kind} instance for {shown} not found")


# -- handlers ------------------------------------------------------------------------


def post_collection(call: Call) -> Answer:
    """POST: 201 with Location and the entity; no change header (the server's create
    answer has none); an existing name, soft-deleted too, is 409. EntityResource.create
    authorizes first; storing converts the config, then meets the unique FQN."""
    res = call.resource
    checked = res.check(parse_json(call.body))
    forbid(call.who, "Create")
    body = res.prepare(call.store, None, checked, "post")
    parent, found = res.existing(call.store, body)
    if found is not None:
        raise HttpError(409, "Entity already exists")
    record = res.create(call.store, body, call.who.name, call.base_url, parent)
    status, headers, raw = written(call, record, 201, None)
    return status, {**headers, "Location": record.entity["href"]}, raw


def put_collection(call: Call) -> Answer:
    """PUT: 201 entityCreated (no Location), or 200 entityUpdated / entityNoChange."""
    res = call.resource
    body = res.check(parse_json(call.body))
    status, change, record = res.upsert(call.store, body, call.who, call.base_url)
    return written(call, record, status, change)


def put_bulk(call: Call) -> Answer:
    res = call.resource
    items = parse_json(call.body)
    if not isinstance(items, list):
        raise HttpError(400, INVALID_FORMAT)
    passed: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for item in items:
        echo = res.shown(item, call.who.sees_secrets)
        try:
            status, _, _ = res.upsert(call.store, res.check(item), call.who, call.base_url)
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

    def wanted(record: Record) -> bool:
        return included(record.entity, include) and (keep is None or keep(record.entity))

    rows = [r for r in call.store.ordered(res.kind) if wanted(r)]
    if before is not None:
        first = uncursor(before)
        earlier = [r for r in rows if r.order < first]
        page = earlier[max(0, len(earlier) - limit) :]
    else:
        last = uncursor(after) if after is not None else None
        page = [r for r in rows if last is None or r.order > last][:limit]
    paging: dict[str, Any] = {"total": len(rows)}
    if page and page[0] is not rows[0]:
        paging["before"] = cursor(*page[0].order)
    if page and page[-1] is not rows[-1]:
        paging["after"] = cursor(*page[-1].order)
    data = [_view(call, r, fields=fields) for r in page]
    return _json_answer({"data": data, "paging": paging})


def _get_one(call: Call, key: str, by: str) -> Answer:
    fields, include = _fields(call), _include(call)
    record = record_for(call, key, by, include)
    return _read(call, _view(call, record, fields=fields))


def _patch(call: Call, key: str, by: str) -> Answer:
    res = call.resource
    kind = call.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != _PATCH_TYPE:
        raise HttpError(415, "HTTP 415 Unsupported Media Type")
    ops = parse_json(call.body)
    if not isinstance(ops, list):  # a JsonPatch is read before the resource runs
        raise HttpError(400, INVALID_FORMAT)
    record = record_for(call, key, by)
    forbid(call.who, "EditAll")
    expected = call.headers.get("if-match") or None
    if expected is not None and not if_match_holds(expected, record.entity):
        raise HttpError(
            412,
            f'The entity has been modified. Current ETag: "{write_etag(record.entity)}". '
            "Please refresh and retry with the latest version.",
        )
    patched = JsonPatch.apply(copy_json(res.shown(record.entity, call.who.sees_secrets)), ops)
    if not isinstance(patched, dict):
        raise HttpError(400, INVALID_FORMAT)
    # The name is put back before anything reads the patched entity: renames are ignored.
    # The fake then reads the result as a create body would be read (an approximation:
    # the server maps the patched entity without bean validation).
    patched["name"] = record.entity["name"]
    desired = res.prepare(call.store, record, res.check(res.as_create_body(patched)), "patch")
    content = res.patch_content(record.entity, desired)
    change = res.update(
        call.store, record, content, call.who.name, patch=True, optimistic=expected is not None
    )
    return written(call, record, 200, change)


def _delete(call: Call, key: str, by: str) -> Answer:
    """DELETE by id or name; an entity already soft-deleted can be deleted again (the
    server finds it with include=all), which changes nothing but a hard delete."""
    record = record_for(call, key, by, "all")
    forbid(call.who, "Delete")
    change = call.resource.delete(
        call.store,
        record,
        call.who.name,
        hard=flag(call.query, "hardDelete"),
        recursive=flag(call.query, "recursive"),
    )
    return _json_answer(_view(call, record), headers={_CHANGE: change})


def delete_async(call: Call, key: str) -> Answer:
    """DELETE .../async/{id}: 202 with the job at once; the delete runs right away here,
    and a failure (say, not empty) is only announced over the server's websocket."""
    record = record_for(call, key, "id", "all")
    forbid(call.who, "Delete")
    hard, recursive = flag(call.query, "hardDelete"), flag(call.query, "recursive")
    # A failure is announced over the websocket; the caller has its 202 either way.
    with contextlib.suppress(HttpError):
        call.resource.delete(call.store, record, call.who.name, hard=hard, recursive=recursive)
    name = record.entity["name"]
    job = {
        "jobId": str(uuid.uuid4()),
        "message": f"Delete operation initiated for {name}",
        "entityName": name,
        "hardDelete": hard,
        "recursive": recursive,
    }
    return _json_answer(job, 202)


def _uuid_value(raw: Any) -> str:
    """A UUID read from a JSON body; anything else is a mapping failure."""
    try:
        if isinstance(raw, str):
            return str(uuid.UUID(raw))
    except ValueError:
        pass
    raise HttpError(400, INVALID_FORMAT)


def put_restore(call: Call) -> Answer:
    """PUT .../restore: 200 entityRestored, +0.1, soft-deleted children too; an entity
    that is not soft-deleted (or unknown) is the server's 500."""
    data = parse_json(call.body)
    if not isinstance(data, Mapping) or not set(data) <= {"id"}:
        raise HttpError(400, INVALID_FORMAT)
    if data.get("id") is None:
        raise bean_error(["id must not be null"])
    entity_id = _uuid_value(data["id"])
    forbid(call.who, "EditAll")
    record = call.store.get(call.resource.kind, entity_id)
    change = "entityNoChange"
    if record is not None:
        change = call.resource.restore(call.store, record, call.who.name)
    if record is None or change != "entityRestored":
        raise HttpError(500, RESTORE_NOT_DELETED)
    return _json_answer(_view(call, record), headers={_CHANGE: change})


def get_versions(call: Call, key: str) -> Answer:
    """Every version as a JSON-encoded string, newest first."""
    record = record_for(call, key, "id", "all")
    versions = [json.dumps(_view(call, record, v)) for v in reversed(record.history)]
    return _json_answer({"entityType": call.resource.kind, "versions": versions})


def get_version(call: Call, key: str, version: str) -> Answer:
    """One version: a number Java cannot parse is a 400 (NumberFormatException), a
    missing one the server's 404 with the version as a Java double."""
    record = record_for(call, key, "id", "all")
    text = version.strip()
    if not _JAVA_DOUBLE.match(text):
        raise HttpError(400, f'For input string: "{version}"')
    wanted = float(text.rstrip("fFdD").replace("Infinity", "inf"))
    for entity in reversed(record.history):
        if float(entity["version"]) == wanted:
            return _read(call, _view(call, record, entity))
    raise HttpError(
        404,
        f"{call.resource.kind} instance for {record.id} and version {java_double(wanted)} "
        "not found",
    )


def _follower(call: Call, user_id: str) -> dict[str, Any]:
    found = call.store.users.get(user_id)
    if found is None:
        raise HttpError(404, f"user instance for {user_id} not found")
    return found


def field_change_event(
    call: Call, record: Record, where: str, entry: dict[str, Any]
) -> Answer:
    """The ChangeEvent the follower and vote calls answer (EntityRepository.addFollower,
    deleteFollower, updateVote): one change under ``where`` (fieldsAdded, fieldsUpdated
    or fieldsDeleted); the entity's version does not move."""
    version = record.entity["version"]
    change = {"fieldsAdded": [], "fieldsUpdated": [], "fieldsDeleted": [], where: [entry]}
    change["previousVersion"] = version
    event = {
        "id": str(uuid.uuid4()),
        "eventType": "entityUpdated",
        "entityType": call.resource.kind,
        "entityId": record.id,
        "entityFullyQualifiedName": record.entity["fullyQualifiedName"],
        "userName": call.who.name,
        "timestamp": call.store.now_ms(),
        "currentVersion": version,
        "previousVersion": version,
        "changeDescription": change,
        "incrementalChangeDescription": change,
        "entity": _view(call, record),
    }
    return _json_answer(event, headers={_CHANGE: "entityFieldsChanged"})


def _follow_event(call: Call, record: Record, where: str, user: dict[str, Any]) -> Answer:
    key = "newValue" if where == "fieldsAdded" else "oldValue"
    return field_change_event(call, record, where, {"name": "followers", key: [user]})


def put_follower(call: Call, key: str) -> Answer:
    """PUT .../{id}/followers with the user's id as a JSON string."""
    user_id = _uuid_value(parse_json(call.body))
    record = record_for(call, key, "id")
    user = _follower(call, user_id)
    record.followers[user_id] = user
    return _follow_event(call, record, "fieldsAdded", user)


def delete_follower(call: Call, key: str, user_key: str) -> Answer:
    """DELETE .../{id}/followers/{userId}; the user id is parsed by the resource, so a
    bad one is a 400 (UUID.fromString)."""
    try:
        user_id = str(uuid.UUID(user_key))
    except ValueError:
        raise HttpError(400, f"Invalid UUID string: {user_key}") from None
    record = record_for(call, key, "id")
    user = _follower(call, user_id)
    record.followers.pop(user_id, None)
    return _follow_event(call, record, "fieldsDeleted", user)


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
    Route(("async", "*"), {"DELETE": delete_async}),
    Route(("*",), _by("id")),
    Route(("*", "versions"), {"GET": get_versions}),
    Route(("*", "versions", "*"), {"GET": get_version}),
    Route(("*", "followers"), {"PUT": put_follower}),
    Route(("*", "followers", "*"), {"DELETE": delete_follower}),
)
"""The shared route table, in matching order (``name/x`` before an id, say)."""


def routes_for(resource: Resource) -> RouteTable:
    """A resource's own routes first, then the shared ones."""
    return RouteTable([*resource.routes(), *ROUTES])
