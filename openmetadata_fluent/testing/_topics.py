"""Topics as the fake serves them: children of messaging services named
``<service FQN>.<topic name>``, with the service as a reference, schema-field FQNs, and
the topic-only routes (votes, sample data); followers are every kind's."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from openmetadata_fluent.models._names import quote_name
from openmetadata_fluent.models.common import copy_json
from openmetadata_fluent.models.topics import CreateTopicRequest, Topic
from openmetadata_fluent.serialization import wire_fields
from openmetadata_fluent.testing._http import (
    INVALID_FORMAT,
    JSON,
    Answer,
    HttpError,
    one,
    parse_json,
)
from openmetadata_fluent.testing._mapping import Mapper
from openmetadata_fluent.testing._resource import Call, Resource, Route, name_violations, read_body
from openmetadata_fluent.testing._routes import field_change_event, record_for
from openmetadata_fluent.testing._store import Entity, Record, Store, read_etag

__all__ = ["Topics", "user_reference"]

_SERVICE_KIND = "messagingService"
_REQUEST = Mapper()


def _violations(body: dict[str, Any]) -> list[str]:
    found = name_violations(body.get("name"))
    partitions = body.get("partitions")
    if isinstance(partitions, int) and partitions < 1:
        found.append("partitions must be greater than or equal to 1")
    return found


_NO_VOTES = {"upVotes": 0, "downVotes": 0, "upVoters": [], "downVoters": []}
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
    fields = tuple(wire_fields(Topic))
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
    on_request = ("votes", "sampleData")
    """Kept beside the topic by the server (relationships and its own table), shown only
    when asked for; writes never version them."""

    def check(self, body: Any) -> dict[str, Any]:
        """The create body as Jackson and bean validation read it (``partitions`` has a
        minimum of 1 in the schema)."""
        return read_body(_REQUEST, body, CreateTopicRequest, _violations)

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
        record.entity["votes"] = copy_json(_NO_VOTES)
        record.history[-1]["votes"] = copy_json(_NO_VOTES)
        return record

    def update(
        self,
        store: Store,
        record: Record,
        content: Mapping[str, Any],
        user: str,
        *,
        patch: bool = False,
        optimistic: bool = False,
        deleted: bool | None = None,
    ) -> str:
        """As every kind, keeping what only the vote and sample-data routes change (a
        PUT or PATCH never sees them)."""
        kept = {k: record.entity[k] for k in self.on_request if k in record.entity}
        wanted = self._stored(content, record.parent)
        change = super().update(
            store, record, wanted, user, patch=patch, optimistic=optimistic, deleted=deleted
        )
        record.entity.update(kept)  # kept beside the topic: never part of a version
        return change

    def routes(self) -> tuple[Route, ...]:
        return (
            Route(("*", "vote"), {"PUT": _vote}),
            Route(("*", "sampleData"), {"PUT": _put_sample_data, "GET": _get_sample_data}),
        )


# -- topic-only routes -------------------------------------------------------------------


def _live(call: Call, key: str) -> Record:
    return record_for(call, key, "id")


def _plain(call: Call, record: Record) -> dict[str, Any]:
    """The topic as a read without ``fields`` shows it."""
    view: dict[str, Any] = call.resource.shown(record.entity, call.who.sees_secrets)
    # A copy: what shown() returns may be the stored entity itself.
    return {k: v for k, v in view.items() if k not in call.resource.on_request}


def _vote(call: Call, key: str) -> Answer:
    record = _live(call, key)
    body = parse_json(call.body)
    vote = body.get("updatedVoteType") if isinstance(body, Mapping) else None
    if vote not in _VOTE_TYPES:
        raise HttpError(400, INVALID_FORMAT)
    me = call.store.user(call.who.name)
    votes = record.entity["votes"]
    up = [v for v in votes["upVoters"] if v["id"] != me["id"]]
    down = [v for v in votes["downVoters"] if v["id"] != me["id"]]
    if vote == "votedUp":
        up.append(me)
    elif vote == "votedDown":
        down.append(me)
    votes.update(upVotes=len(up), downVotes=len(down), upVoters=up, downVoters=down)
    entry = {"name": "votes", "oldValue": None, "newValue": vote}
    return field_change_event(call, record, "fieldsUpdated", entry)


def _sample_answer(call: Call, record: Record, *, read: bool) -> Answer:
    """The topic with its sample data; a read carries the entity's ETag, a write none."""
    view = _plain(call, record)
    view["sampleData"] = copy_json(record.entity.get("sampleData", {"messages": []}))
    data = json.dumps(view).encode()
    return 200, ({**JSON, "ETag": read_etag(data)} if read else JSON), data


def _put_sample_data(call: Call, key: str) -> Answer:
    record = _live(call, key)
    data = parse_json(call.body)
    messages = data.get("messages") if isinstance(data, Mapping) else None
    if not isinstance(messages, list) or not all(isinstance(m, str) for m in messages):
        raise HttpError(400, INVALID_FORMAT)
    record.entity["sampleData"] = {"messages": list(messages)}
    return _sample_answer(call, record, read=False)


def _get_sample_data(call: Call, key: str) -> Answer:
    return _sample_answer(call, _live(call, key), read=True)
