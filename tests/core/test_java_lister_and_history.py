"""The Java SDK's lister and history names on messaging services, pinned on the wire
(the API reference's ``MessagingServices.list().fields(..).limit(..).execute().getData()``,
``getVersions(id)`` and ``getSpecificVersion(id, "0.1")``)."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

import pytest
import responses

from openmetadata_fluent import (
    MessagingService,
    OpenMetadataClient,
    ValidationError,
)
from openmetadata_fluent.errors import OpenMetadataError
from tests.conftest import SEEDS_RESPONSE, SERVICES_URL

ID = SEEDS_RESPONSE["id"]


def _svc(name: str, **changes: Any) -> dict[str, Any]:
    return {**SEEDS_RESPONSE, "name": name, "fullyQualifiedName": name, **changes}


def _query(call: Any) -> dict[str, list[str]]:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(call.request.url).query)


def test_java_lister_sends_one_request_and_returns_one_page(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.get(
        SERVICES_URL,
        json={"data": [_svc("a"), _svc("b")], "paging": {"after": "Y3Vy", "total": 5}},
    )
    page = client.messaging_services.list().fields("owners", "tags").limit(50).execute()
    assert len(http.calls) == 1
    assert _query(http.calls[0]) == {"fields": ["owners,tags"], "limit": ["50"]}
    assert [s.getName() for s in page.getData()] == ["a", "b"]
    assert [s.name for s in page.data] == ["a", "b"]
    assert page.paging.after == "Y3Vy" and page.getPaging().getTotal() == 5


def test_java_lister_foreach_visits_every_entity_of_every_page(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.get(SERVICES_URL, json={"data": [_svc("a")], "paging": {"after": "c2"}})
    http.get(SERVICES_URL, json={"data": [_svc("b")], "paging": {}})
    seen: list[str] = []
    client.messaging_services.list().limit(1).forEach(lambda s: seen.append(s.name))
    assert seen == ["a", "b"]
    assert [_query(c).get("after") for c in http.calls] == [None, ["c2"]]
    assert all(_query(c)["limit"] == ["1"] for c in http.calls)


def test_java_lister_checks_its_settings_before_any_request(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    lister = client.messaging_services.list()
    with pytest.raises(ValidationError, match="limit"):
        lister.limit(-1)
    with pytest.raises(ValidationError, match="did you mean 'owners'"):
        lister.fields("ownrs")
    with pytest.raises(ValidationError, match="not a filter here"):
        lister.filter("service", "x")
    assert len(http.calls) == 0


def test_list_with_no_arguments_still_iterates_lazily_over_every_page(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    http.get(SERVICES_URL, json={"data": [_svc("a")], "paging": {"after": "n1"}})
    http.get(SERVICES_URL, json={"data": [_svc("b")], "paging": {}})
    listing = client.messaging_services.list()
    assert len(http.calls) == 0
    assert [s.name for s in listing] == ["a", "b"]


def test_endless_empty_pages_with_fresh_cursors_stop_with_an_sdk_error(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    counter = iter(range(1000))

    def empty(_: Any) -> tuple[int, dict[str, str], str]:
        return 200, {}, json.dumps({"data": [], "paging": {"after": f"c{next(counter)}"}})

    http.add_callback(responses.GET, SERVICES_URL, callback=empty)
    with pytest.raises(OpenMetadataError, match="empty pages in a row"):
        list(client.messaging_services.list())
    assert len(http.calls) == 10


def test_get_versions_gives_the_history_newest_first(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    versions = [json.dumps(_svc("a", version=0.2, description="new")),
                json.dumps(_svc("a", version=0.1))]
    http.get(
        f"{SERVICES_URL}/{ID}/versions",
        json={"entityType": "messagingService", "versions": versions},
    )
    history = client.messaging_services.getVersions(ID)
    assert [v.getVersion() for v in history.getVersions()] == [0.2, 0.1]
    assert history.versions[0].getDescription() == "new"
    assert history.entity_type == "messagingService"
    assert [v.version for v in client.messaging_services.versions(ID)] == [0.2, 0.1]


@pytest.mark.parametrize(("given", "sent"), [("0.1", "0.1"), (0.1, "0.1"), (1.25, "1.25"),
                                              (2.0, "2.0")])
def test_get_specific_version_renders_the_number_as_the_server_does(
    client: OpenMetadataClient, http: responses.RequestsMock, given: Any, sent: str
) -> None:
    http.get(f"{SERVICES_URL}/{ID}/versions/{sent}", json=_svc("a", version=float(sent)))
    service = client.messaging_services.getSpecificVersion(ID, given)
    assert isinstance(service, MessagingService) and service.version == float(sent)


@pytest.mark.parametrize("bad", ["latest", -0.1, float("nan"), True, "0.1; drop"])
def test_a_malformed_version_is_refused_before_any_request(
    client: OpenMetadataClient, http: responses.RequestsMock, bad: Any
) -> None:
    with pytest.raises(ValidationError, match="version"):
        client.messaging_services.get_specific_version(ID, bad)
    assert len(http.calls) == 0


def test_limit_zero_counts_without_fetching_entities(
    client: OpenMetadataClient, http: responses.RequestsMock
) -> None:
    # The server takes limit=0 (0..1000000) and answers only the total.
    http.get(SERVICES_URL, json={"data": [], "paging": {"total": 42}})
    page = client.messaging_services.list().limit(0).execute()
    assert page.paging.total == 42 and page.data == []
    assert _query(http.calls[0]) == {"limit": ["0"]}
