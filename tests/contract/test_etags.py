"""ETags and If-Match as the server has them (API_FACTS "ETags and If-Match" [corrected];
server: ETagResponseFilter.java, EntityETag.java, EntityETagTest.java)."""

from __future__ import annotations

import re

import pytest

from openmetadata_fluent.errors import PreconditionFailedError
from openmetadata_fluent.models import CreateMessagingServiceRequest
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.contract.conftest import Api, body

STRONG = re.compile(r'^"[0-9a-f]{16}"$')
STALE = re.compile(
    r'^The entity has been modified\. Current ETag: "[0-9a-f]{16}"\. '
    r"Please refresh and retry with the latest version\.$"
)
DESCRIBE = [{"op": "replace", "path": "/description", "value": "changed"}]


def test_single_entity_reads_carry_a_strong_etag_and_no_store(api: Api) -> None:
    """ETagResponseFilter: a 200 GET of one entity gets ETag (16 hex, EntityETag) and
    Cache-Control: no-store, by id and by name alike."""
    made = api.create(body())
    for path in (f"/{made['id']}", "/name/sample_kafka"):
        resp = api("GET", path)
        assert resp.status_code == 200
        assert STRONG.match(resp.headers["ETag"])
        assert resp.headers["Cache-Control"] == "no-store"


def test_the_strong_etag_follows_the_representation_sent(api: Api) -> None:
    """EntityETag.generateETag hashes the serialized entity: another ``fields`` is
    another representation, the same one is the same tag."""
    made = api.create(body())
    plain = api("GET", f"/{made['id']}").headers["ETag"]
    assert api("GET", f"/{made['id']}").headers["ETag"] == plain
    assert api("GET", f"/{made['id']}", params={"fields": "followers"}).headers["ETag"] != plain


@pytest.mark.parametrize("form", ["{tag}", "W/{tag}", '"0000000000000000", {tag}', "*"])
def test_if_none_match_of_the_current_etag_is_304_without_a_body(api: Api, form: str) -> None:
    """ETagResponseFilter: If-None-Match with the current tag (weak comparison, a list,
    or ``*``) turns the GET into a 304 with no body; the ETag header stays."""
    made = api.create(body())
    tag = api("GET", f"/{made['id']}").headers["ETag"]
    resp = api("GET", f"/{made['id']}", headers={"If-None-Match": form.format(tag=tag)})
    assert resp.status_code == 304
    assert resp.content == b""
    assert resp.headers["ETag"] == tag


def test_if_none_match_of_an_old_etag_reads_the_entity(api: Api) -> None:
    """ETagResponseFilter: a tag that no longer matches is answered in full, with the new tag."""
    made = api.create(body())
    old = api("GET", f"/{made['id']}").headers["ETag"]
    api.patch(f"/{made['id']}", DESCRIBE)
    resp = api("GET", f"/{made['id']}", headers={"If-None-Match": old})
    assert resp.status_code == 200 and resp.json()["description"] == "changed"
    assert resp.headers["ETag"] != old


def test_writes_and_lists_carry_no_etag(api: Api) -> None:
    """Only the GET filter adds an ETag: POST, PUT, PATCH and DELETE answers, and lists,
    have none (API_FACTS "Endpoints"; some server builds add one to PATCH answers,
    which clients must not rely on)."""
    created = api("POST", json=body())
    put = api("PUT", json=body(description="other"))
    patched = api.patch(f"/{created.json()['id']}", DESCRIBE)
    listed = api("GET")
    deleted = api("DELETE", f"/{created.json()['id']}")
    for resp in (created, put, patched, listed, deleted):
        assert resp.ok, resp.text
        assert "ETag" not in resp.headers, resp.request.method


@pytest.mark.parametrize("guard", ['W/"0.1"', "*", '"0000000000000000",W/"0.1"', 'W/"9.9", *'])
def test_if_match_takes_the_weak_version_star_and_lists(api: Api, guard: str) -> None:
    """EntityETag.validateETag: ``*``, or any tag of a comma list equal to
    ``W/"<version>"`` (the version as the shortest decimal) passes."""
    made = api.create(body())
    resp = api.patch(f"/{made['id']}", DESCRIBE, **{"If-Match": guard})
    assert resp.status_code == 200, resp.text
    assert resp.json()["version"] == 0.2


def test_a_stale_if_match_is_412_with_the_servers_message(api: Api) -> None:
    """EntityETag.validateETag: a tag that matches nothing is a 412 naming the current
    write-side tag, with WWW-Authenticate: om-auth; nothing is written."""
    made = api.create(body())
    api.patch(f"/{made['id']}", DESCRIBE)
    stale = api.patch(
        f"/{made['id']}", [{"op": "remove", "path": "/description"}], **{"If-Match": 'W/"0.1"'}
    )
    assert stale.status_code == 412
    assert STALE.match(stale.json()["message"]), stale.json()["message"]
    assert stale.headers["WWW-Authenticate"] == "om-auth"
    assert api("GET", f"/{made['id']}").json()["description"] == "changed"


def test_echoing_the_strong_etag_of_a_read_always_fails(api: Api) -> None:
    """EntityETagTest: a strong tag from a read projection never satisfies the write-side
    precondition; the weak version validator does."""
    made = api.create(body())
    strong = api("GET", f"/{made['id']}").headers["ETag"]
    assert api.patch(f"/{made['id']}", DESCRIBE, **{"If-Match": strong}).status_code == 412
    message = api.patch(f"/{made['id']}", DESCRIBE, **{"If-Match": strong}).json()["message"]
    assert strong not in message


def test_a_guarded_patch_is_never_merged_into_the_current_version(api: Api) -> None:
    """SessionConsolidationPolicy.canConsolidate: with If-Match (optimistic locking) a
    PATCH always makes a new version, even inside the session."""
    made = api.create(body())
    assert api.patch(f"/{made['id']}", DESCRIBE).json()["version"] == 0.2
    ops = [{"op": "replace", "path": "/displayName", "value": "Guarded"}]
    guarded = api.patch(f"/{made['id']}", ops, **{"If-Match": 'W/"0.2"'})
    assert guarded.json()["version"] == 0.3


def test_the_sdk_update_is_guarded_by_the_version_it_read(fake: FakeOpenMetadata) -> None:
    """End to end: update() sends W/"<version>" of the entity it holds; when someone
    else wrote first, the server's 412 reaches the caller and nothing is overwritten."""
    ops = fake.client().messaging_services
    held = ops.create(CreateMessagingServiceRequest.from_dict(body()))
    assert fake.requests[-1].headers.get("If-Match") is None
    ops.patch(held.id, DESCRIBE)  # a colleague's change: now 0.2
    mine = ops.fluent(held).with_display_name("Mine")
    with pytest.raises(PreconditionFailedError):
        mine.save()
    assert fake.requests[-1].headers["If-Match"] == 'W/"0.1"'
    fresh = ops.retrieve(held.id)
    assert (fresh.description, fresh.display_name) == ("changed", "Sample Kafka")
    saved = ops.fluent(fresh).with_display_name("Mine").save().entity
    assert saved.display_name == "Mine" and saved.version == 0.3


def test_the_sdk_update_of_an_edited_entity_succeeds_then_a_stale_one_is_refused(
    fake: FakeOpenMetadata,
) -> None:
    """EntityETag/EntityETagTest: W/"<version>" of the version held passes on the first
    try; once the server moved on, the same held entity is refused, and nothing of it is
    written."""
    ops = fake.client().messaging_services
    held = ops.create(CreateMessagingServiceRequest.from_dict(body()))
    held.description = "mine"
    updated = ops.update(held)
    assert (updated.description, updated.version) == ("mine", 0.2)
    assert fake.requests[-1].headers["If-Match"] == 'W/"0.1"'
    held.display_name = "Stale"  # still the entity read at 0.1
    with pytest.raises(PreconditionFailedError, match="fetch it again"):
        ops.update(held)
    assert ops.retrieve(held.id).display_name == "Sample Kafka"
