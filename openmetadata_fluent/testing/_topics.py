"""Topics as the fake serves them: children of messaging services named
``<service FQN>.<topic name>``, with the service as a reference, schema-field FQNs, and
the topic-only routes (followers, votes, sample data)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from openmetadata_fluent._core.spec import quote_name
from openmetadata_fluent.testing._http import (
    INVALID_FORMAT,
    JSON,
    Answer,
    HttpError,
    one,
    parse_json,
)
from openmetadata_fluent.testing._resource import Call, Resource, Route, server_body
from openmetadata_fluent.testing._store import Entity, Record, Store, clone, etag, now_ms
from openmetadata_fluent.topics import ALLOWED_FIELDS
from openmetadata_fluent.validation import check_create_topic

__all__ = ["Topics", "user_reference"]

_SERVICE_KIND = "messagingService"
_SOCIAL = ("followers", "votes")
"""Kept beside the entity by the server (relationships), so writes never version them."""
_VOTE_TYPES = ("votedUp", "votedDown", "unVoted")


def user_reference(name: str, user_id: str | None = None) -> dict[str, Any]:
    """A user as an entity reference. The fake keeps no users: a caller's id is derived
    from its name, and any other id stands for a user named by that id."""
    own = str(uuid.uuid5(uuid.NAMESPACE_URL, f"openmetadata:user:{name}"))
    if user_id is not None and user_id != own:
        return {"id": user_id, "type": "user", "name": user_id, "fullyQualifiedName": user_id}
    return {"id": own, "type": "user", "name": name, "fullyQualifiedName": quote_name(name)}


def _with_fqns(fields: Any, parent: str) -> Any:
    """Schema fields with ``fullyQualifiedName`` set as the server sets it: the parent's
    FQN plus the field's name (quoted if dotted), down through every child."""
    if not isinstance(fields, list):
        return fields
    out = []
    for field in fields:
        done = dict(field)
        done["fullyQualifiedName"] = f"{parent}.{quote_name(field['name'])}"
        done.setdefault("tags", [])
        if "children" in done:
            done["children"] = _with_fqns(done["children"], done["fullyQualifiedName"])
        out.append(done)
    return out


class Topics(Resource):
    """``/v1/topics``: each topic lives under a messaging service, which a create names by
    its FQN; an unknown service is the server's 404."""

    kind = "topic"
    collection = "/v1/topics"
    fields = ALLOWED_FIELDS
    bulk = True
    create_keys = (
        "name",
        "displayName",
        "description",
        "service",
        "messageSchema",
        "partitions",
        "cleanupPolicies",
        "replicationFactor",
        "retentionTime",
        "maximumMessageSize",
        "minimumInSyncReplicas",
        "retentionSize",
        "topicConfig",
        "owners",
        "tags",
        "extension",
        "sourceUrl",
        "lifeCycle",
        "sourceHash",
    )
    on_request = (*_SOCIAL, "sampleData")

    def check(self, body: Any) -> dict[str, Any]:
        """The SDK's own topic check in the server's (strict) view."""
        if not isinstance(body, Mapping):
            raise HttpError(400, INVALID_FORMAT)
        checked = check_create_topic(body, strict=True)
        return server_body(checked.body, checked.problems)

    def fqn(self, data: Mapping[str, Any], parent: Record | None) -> str:
        if parent is None:  # only a stored topic is named, and it always has its service
            raise HttpError(500, "a topic without its service")
        return f"{parent.entity['fullyQualifiedName']}.{quote_name(data['name'])}"

    def parent_of(self, store: Store, body: Mapping[str, Any]) -> Record | None:
        service = body["service"]
        found = store.find(_SERVICE_KIND, service)
        if found is None or found.entity["deleted"]:
            raise HttpError(404, f"{_SERVICE_KIND} instance for {service} not found")
        return found

    def row_filter(
        self, store: Store, query: Mapping[str, list[str]]
    ) -> Callable[[Entity], bool] | None:
        """The ``service`` filter (the service's FQN, as given) beside the shared ones."""
        shared = super().row_filter(store, query)
        wanted = one(query, "service")
        if wanted is None:
            return shared
        return lambda e: e["service"]["fullyQualifiedName"] == wanted and (
            shared is None or shared(e)
        )

    def as_create_body(self, entity: Mapping[str, Any]) -> dict[str, Any]:
        body = super().as_create_body(entity)
        service = body.get("service")
        if isinstance(service, Mapping):
            body["service"] = service.get("fullyQualifiedName")
        return body

    def _stored(self, body: Mapping[str, Any], parent: Record | None) -> dict[str, Any]:
        """A checked body as the entity holds it: the service as a reference, its type,
        and every schema field's FQN."""
        out = dict(body)
        if parent is not None:
            svc = parent.entity
            out["service"] = {
                "id": svc["id"],
                "type": _SERVICE_KIND,
                "name": svc["name"],
                "fullyQualifiedName": svc["fullyQualifiedName"],
                "deleted": svc["deleted"],
            }
            out["serviceType"] = svc.get("serviceType")
            schema = out.get("messageSchema")
            if isinstance(schema, Mapping) and "schemaFields" in schema:
                topic = self.fqn(out, parent)
                out["messageSchema"] = {
                    **schema,
                    "schemaFields": _with_fqns(schema["schemaFields"], topic),
                }
        return out

    def create(
        self, store: Store, body: Mapping[str, Any], user: str, base_url: str, parent: Record | None
    ) -> Record:
        record = super().create(store, self._stored(body, parent), user, base_url, parent)
        record.entity.update(_no_social())
        record.history[-1].update(_no_social())
        return record

    def update(
        self,
        store: Store,
        record: Record,
        desired: Mapping[str, Any],
        user: str,
        *,
        replace: bool,
        restore: bool = False,
    ) -> str:
        """As every kind, keeping what only the follower, vote and sample-data routes
        change (a PATCH never sees them)."""
        kept = {k: record.entity[k] for k in self.on_request if k in record.entity}
        wanted = {**self._stored(desired, record.parent), **kept}
        return super().update(store, record, wanted, user, replace=replace, restore=restore)

    def routes(self) -> tuple[Route, ...]:
        return (
            Route(("*", "followers"), {"PUT": _add_follower}),
            Route(("*", "followers", "*"), {"DELETE": _remove_follower}),
            Route(("*", "vote"), {"PUT": _vote}),
            Route(("*", "sampleData"), {"PUT": _put_sample_data, "GET": _get_sample_data}),
        )


def _no_social() -> dict[str, Any]:
    return {
        "followers": [],
        "votes": {"upVotes": 0, "downVotes": 0, "upVoters": [], "downVoters": []},
    }


# -- topic-only routes -------------------------------------------------------------------


def _live(call: Call, key: str) -> Record:
    try:
        found = call.store.get(call.resource.kind, str(uuid.UUID(key)))
    except ValueError:
        found = None
    if found is None or found.entity["deleted"]:
        raise HttpError(404, f"{call.resource.kind} instance for {key} not found")
    return found


def _plain(call: Call, entity: Mapping[str, Any]) -> dict[str, Any]:
    """The entity as a read without ``fields`` shows it."""
    view: dict[str, Any] = call.resource.shown(entity, call.who.bot)
    for key in call.resource.on_request:
        view.pop(key, None)
    return view


def _event(call: Call, record: Record, change: dict[str, list[dict[str, Any]]]) -> Answer:
    """The server's answer to a follower or vote call: a ChangeEvent; the topic's version
    does not move, so current and previous are the same."""
    entity = record.entity
    description = {
        "fieldsAdded": [],
        "fieldsUpdated": [],
        "fieldsDeleted": [],
        **change,
        "previousVersion": entity["version"],
    }
    event = {
        "id": str(uuid.uuid4()),
        "eventType": "entityUpdated",
        "entityType": call.resource.kind,
        "entityId": entity["id"],
        "entityFullyQualifiedName": entity["fullyQualifiedName"],
        "userName": call.who.name,
        "timestamp": now_ms(),
        "currentVersion": entity["version"],
        "previousVersion": entity["version"],
        "changeDescription": description,
        "incrementalChangeDescription": clone(description),
        "entity": _plain(call, entity),
    }
    headers = {**JSON, "X-OpenMetadata-Change": "entityFieldsChanged"}
    return 200, headers, json.dumps(event).encode()


def _user_id(raw: Any) -> str:
    try:
        return str(uuid.UUID(raw))
    except (TypeError, ValueError, AttributeError):
        raise HttpError(400, INVALID_FORMAT) from None


def _add_follower(call: Call, key: str) -> Answer:
    record = _live(call, key)
    user = user_reference(call.who.name, _user_id(parse_json(call.body)))
    followers: list[dict[str, Any]] = record.entity["followers"]
    if all(f["id"] != user["id"] for f in followers):
        followers.append(user)
    return _event(call, record, {"fieldsAdded": [{"name": "followers", "newValue": [user]}]})


def _remove_follower(call: Call, key: str, user_id: str) -> Answer:
    record = _live(call, key)
    user = user_reference(call.who.name, _user_id(user_id))
    followers: list[dict[str, Any]] = record.entity["followers"]
    followers[:] = [f for f in followers if f["id"] != user["id"]]
    return _event(call, record, {"fieldsDeleted": [{"name": "followers", "oldValue": [user]}]})


def _vote(call: Call, key: str) -> Answer:
    record = _live(call, key)
    body = parse_json(call.body)
    vote = body.get("updatedVoteType") if isinstance(body, Mapping) else None
    if vote not in _VOTE_TYPES:
        raise HttpError(400, INVALID_FORMAT)
    me = user_reference(call.who.name)
    votes = record.entity["votes"]
    up = [v for v in votes["upVoters"] if v["id"] != me["id"]]
    down = [v for v in votes["downVoters"] if v["id"] != me["id"]]
    if vote == "votedUp":
        up.append(me)
    elif vote == "votedDown":
        down.append(me)
    votes.update(upVotes=len(up), downVotes=len(down), upVoters=up, downVoters=down)
    return _event(
        call, record, {"fieldsUpdated": [{"name": "votes", "oldValue": None, "newValue": vote}]}
    )


def _sample_answer(call: Call, entity: Entity) -> Answer:
    view = _plain(call, entity)
    view["sampleData"] = clone(entity.get("sampleData", {"messages": []}))
    return 200, {**JSON, "ETag": etag(entity)}, json.dumps(view).encode()


def _put_sample_data(call: Call, key: str) -> Answer:
    record = _live(call, key)
    data = parse_json(call.body)
    messages = data.get("messages") if isinstance(data, Mapping) else None
    if not isinstance(messages, list) or not all(isinstance(m, str) for m in messages):
        raise HttpError(400, INVALID_FORMAT)
    record.entity["sampleData"] = {"messages": list(messages)}
    return _sample_answer(call, record.entity)


def _get_sample_data(call: Call, key: str) -> Answer:
    return _sample_answer(call, _live(call, key).entity)
