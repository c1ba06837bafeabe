"""The Java snippets users copy, run in their Python form against the offline server
over HTTP; each is written after only mechanical changes (no ``;``, ``Type x =`` to
``x =``, ``List.of(a, b)`` to ``[a, b]``, ``for (T x : xs)`` to ``for x in xs:``,
``x -> f(x)`` to ``lambda x: f(x)``, ``.in(`` to ``.in_(``, static imports qualified),
and each test asserts what the server then holds.

Sources: the Java SDK's class docs of ``org.openmetadata.sdk.fluent.Topics`` and
``MessagingServices``, and the API reference pages ``data-assets/topics/versions`` and
``data-assets/topics/followers-votes``. Snippets marked "(from the documented call list)"
are the pages' calls whose full text was not at hand; their Python is written from those
calls alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from openmetadata_fluent import MessagingServices, Topics, set_default_client
from openmetadata_fluent.testing import FakeOpenMetadata
from tests.testing.conftest import payload

USER_ID = "0b0c3e5e-52c6-4a84-9c3e-2ea4f1a7c0de"


@pytest.fixture
def fake() -> Iterator[FakeOpenMetadata]:
    """A served fake with the docs' ``sample_kafka`` and its ``address_book`` topic; the
    facades' default client points at it."""
    server = FakeOpenMetadata()
    server.seed(payload("sample_kafka"))
    with server.serve():
        client = server.client()
        client.topics.builder().name("address_book").service("sample_kafka").partitions(1).create()
        set_default_client(client)
        try:
            yield server
        finally:
            set_default_client(None)


def stored(fake: FakeOpenMetadata, fqn: str, fields: str = "") -> dict[str, Any]:
    """What the server holds for a topic, read with plain HTTP through the fake's client."""
    topic = fake.client().topics.retrieve_by_name(fqn, fields or None, include="all")
    return topic.to_dict()


def topic_id(fake: FakeOpenMetadata) -> str:
    return str(fake.client().topics.retrieve_by_name("sample_kafka.address_book").id)


# -- messaging services ---------------------------------------------------------------


def test_list_messaging_services(fake: FakeOpenMetadata) -> None:
    # (from the documented call list)
    # var services = MessagingServices.list().fields("owners,tags").limit(50).execute().getData();
    # for (var svc : services) {
    #     System.out.println(svc.getName() + " - " + svc.getServiceType());
    # }
    printed = []
    services = MessagingServices.list().fields("owners,tags").limit(50).execute().getData()
    for svc in services:
        printed.append(svc.getName() + " - " + str(svc.getServiceType()))
    assert printed == ["sample_kafka - Kafka"]


def test_retrieve_update_and_versions_of_a_messaging_service(fake: FakeOpenMetadata) -> None:
    sid = str(MessagingServices.retrieveByName("sample_kafka").getId())
    # (from the documented call list)
    # var service = MessagingServices.retrieve(id);
    # service.setDescription("Updated Kafka messaging service");
    # MessagingServices.update(service);
    service = MessagingServices.retrieve(sid)
    service.setDescription("Updated Kafka messaging service")
    MessagingServices.update(service)
    assert MessagingServices.retrieveByName("sample_kafka").getDescription() == (
        "Updated Kafka messaging service"
    )
    # (from the documented call list)
    # var history = MessagingServices.getVersions(id);
    # var v1 = MessagingServices.getSpecificVersion(id, "0.1");
    # System.out.println(v1.getDescription());
    history = MessagingServices.getVersions(sid)
    v1 = MessagingServices.getSpecificVersion(sid, "0.1")
    assert [v.getVersion() for v in history.getVersions()] == [0.2, 0.1]
    assert v1.getDescription() != "Updated Kafka messaging service"


def test_fluent_update_of_a_messaging_service(fake: FakeOpenMetadata) -> None:
    # Java SDK class doc (MessagingServices):
    # MessagingService updated = fluent(messagingService)
    #     .withDescription("Updated")
    #     .save();
    messagingService = MessagingServices.retrieveByName("sample_kafka")
    updated = MessagingServices.fluent(messagingService).withDescription("Updated").save()
    assert updated.entity.getDescription() == "Updated"
    assert MessagingServices.retrieveByName("sample_kafka").getVersion() == 0.2


def test_delete_a_messaging_service_recursively_and_hard(fake: FakeOpenMetadata) -> None:
    sid = str(MessagingServices.retrieveByName("sample_kafka").getId())
    # Java SDK class doc (MessagingServices.delete):
    # MessagingServices.delete(id).recursive().hardDelete().execute();
    MessagingServices.delete(sid).recursive().hardDelete().execute()
    assert list(fake.client().messaging_services.list(include="all")) == []
    assert list(fake.client().topics.list(include="all")) == []


# -- topics -----------------------------------------------------------------------------


def test_create_a_topic_with_the_builder(fake: FakeOpenMetadata) -> None:
    # (from the documented call list)
    # Topic topic = Topics.builder()
    #     .name("orders")
    #     .service("sample_kafka")
    #     .partitions(1)
    #     .cleanupPolicies(List.of("delete"))
    #     .replicationFactor(1)
    #     .create();
    topic = (
        Topics.builder()
        .name("orders")
        .service("sample_kafka")
        .partitions(1)
        .cleanupPolicies(["delete"])
        .replicationFactor(1)
        .create()
    )
    held = stored(fake, "sample_kafka.orders")
    assert held["id"] == str(topic.getId())
    assert (held["partitions"], held["cleanupPolicies"], held["replicationFactor"]) == (
        1,
        ["delete"],
        1,
    )
    assert held["service"]["name"] == "sample_kafka"


def test_create_a_topic_with_the_java_sdk_creator(fake: FakeOpenMetadata) -> None:
    # Java SDK (Topics.TopicCreator): create().name(..).in(service).withPartitions(n)
    #     .withReplicationFactor(n).withDescription(..).execute()
    topic = (
        Topics.create()
        .name("payments")
        .in_("sample_kafka")
        .withPartitions(3)
        .withReplicationFactor(2)
        .withDescription("Payment events")
        .execute()
    )
    held = stored(fake, "sample_kafka.payments")
    assert held["id"] == str(topic.getId()) and held["partitions"] == 3
    assert held["description"] == "Payment events"


def test_list_topics(fake: FakeOpenMetadata) -> None:
    # (from the documented call list)
    # var topics = Topics.list().limit(50).execute();
    # var mine = Topics.list().service("sample_kafka").fields("owners,tags").limit(50).execute();
    # for (var t : mine.getData()) {
    #     System.out.println(t.getFullyQualifiedName());
    # }
    topics = Topics.list().limit(50).execute()
    mine = Topics.list().service("sample_kafka").fields("owners,tags").limit(50).execute()
    printed = []
    for t in mine.getData():
        printed.append(t.getFullyQualifiedName())
    assert [t.getName() for t in topics.getData()] == ["address_book"]
    assert printed == ["sample_kafka.address_book"]


def test_list_topics_with_for_each(fake: FakeOpenMetadata) -> None:
    # Java SDK class doc (Topics):
    # list()
    #     .limit(50)
    #     .forEach(topic -> process(topic));
    seen: list[str] = []
    Topics.list().limit(50).forEach(lambda topic: seen.append(topic.getName()))
    assert seen == ["address_book"]


def test_retrieve_a_topic(fake: FakeOpenMetadata) -> None:
    tid = topic_id(fake)
    # (from the documented call list)
    # var topic = Topics.retrieve(id);
    # var withFields = Topics.retrieve(id, "owners,tags");
    # var byName = Topics.retrieveByName("sample_kafka.address_book", "owners");
    # var full = Topics.retrieve(id, "owners,tags,messageSchema");
    topic = Topics.retrieve(tid)
    withFields = Topics.retrieve(tid, "owners,tags")
    byName = Topics.retrieveByName("sample_kafka.address_book", "owners")
    full = Topics.retrieve(tid, "owners,tags,messageSchema")
    assert topic.getId() == withFields.getId() == byName.getId() == full.getId()
    assert withFields.getOwners() == () and byName.getFullyQualifiedName() == (
        "sample_kafka.address_book"
    )


def test_find_a_topic_with_owners_and_tags(fake: FakeOpenMetadata) -> None:
    topicId = topic_id(fake)
    # Java SDK class doc (Topics):
    # Topic topic = find(topicId)
    #     .includeOwners()
    #     .includeTags()
    #     .fetch();
    topic = Topics.find(topicId).includeOwners().includeTags().fetch()
    assert topic.entity.getName() == "address_book"
    assert fake.requests[-1].query["fields"] == ["owners,tags"]


def test_update_a_topic(fake: FakeOpenMetadata) -> None:
    tid = topic_id(fake)
    # (from the documented call list)
    # var topic = Topics.retrieve(id);
    # topic.setDescription("Updated description");
    # Topics.update(topic);
    topic = Topics.retrieve(tid)
    topic.setDescription("Updated description")
    Topics.update(topic)
    held = stored(fake, "sample_kafka.address_book")
    assert (held["description"], held["version"]) == ("Updated description", 0.2)


def test_fluent_update_of_a_topic(fake: FakeOpenMetadata) -> None:
    topicId = topic_id(fake)
    # Java SDK class doc (Topics):
    # Topic updated = find(topicId)
    #     .fetch()
    #     .withDescription("Updated description")
    #     .save();
    updated = Topics.find(topicId).fetch().withDescription("Updated description").save()
    assert updated.entity.getDescription() == "Updated description"
    assert stored(fake, "sample_kafka.address_book")["version"] == 0.2


def test_delete_and_restore_a_topic(fake: FakeOpenMetadata) -> None:
    tid = topic_id(fake)
    # (from the documented call list)
    # Topics.delete(id).execute();
    # Topics.restore(id);
    Topics.delete(tid).execute()
    assert stored(fake, "sample_kafka.address_book")["deleted"] is True
    Topics.restore(tid)
    assert stored(fake, "sample_kafka.address_book")["deleted"] is False
    # (from the documented call list)
    # Topics.deleteByName("sample_kafka.address_book").execute();
    Topics.deleteByName("sample_kafka.address_book").execute()
    assert stored(fake, "sample_kafka.address_book")["deleted"] is True
    # (from the documented call list)
    # Topics.delete(id).hardDelete().execute();
    Topics.delete(tid).hardDelete().execute()
    assert list(fake.client().topics.list(include="all")) == []


def test_delete_a_topic_permanently_with_the_java_sdk_finder(fake: FakeOpenMetadata) -> None:
    topicId = topic_id(fake)
    # Java SDK (Topics.TopicDeleter):
    # find(topicId)
    #     .delete()
    #     .recursively()
    #     .permanently()
    #     .confirm();
    Topics.find(topicId).delete().recursively().permanently().confirm()
    assert fake.requests[-1].query == {"recursive": ["true"], "hardDelete": ["true"]}
    assert list(fake.client().topics.list(include="all")) == []


def test_topic_versions(fake: FakeOpenMetadata) -> None:
    Topics.update(_described(topic_id(fake), "Updated: enhanced schema"))
    tid = topic_id(fake)
    # API reference, data-assets/topics/versions:
    # var history = Topics.getVersions("0a021819-...");
    # for (var version : history.getVersions()) {
    #     System.out.println("Version: " + version);
    # }
    # var v1 = Topics.getSpecificVersion("0a021819-...", 0.1);
    # System.out.println("Description: " + v1.getDescription());
    history = Topics.getVersions(tid)
    printed = []
    for version in history.getVersions():
        printed.append("Version: " + str(version.getVersion()))
    v1 = Topics.getSpecificVersion(tid, 0.1)
    assert printed == ["Version: 0.2", "Version: 0.1"]
    assert v1.getDescription() is None and v1.getVersion() == 0.1


def _described(tid: str, text: str) -> Any:
    topic = Topics.retrieve(tid)
    topic.setDescription(text)
    return topic


def test_followers_and_votes(fake: FakeOpenMetadata) -> None:
    topicId = topic_id(fake)
    # API reference, data-assets/topics/followers-votes:
    # Topics.addFollower(topicId, userId);
    # Topics.removeFollower(topicId, userId);
    # Topics.vote(topicId, "votedUp");
    # (the page's text past addFollower was not at hand: the last two are from the call list)
    userId = fake.user_id("alice")  # a user the server knows
    Topics.addFollower(topicId, userId)
    held = stored(fake, "sample_kafka.address_book", "followers,votes")
    assert [f["id"] for f in held["followers"]] == [userId]
    Topics.removeFollower(topicId, userId)
    event = Topics.vote(topicId, "votedUp")
    held = stored(fake, "sample_kafka.address_book", "followers,votes")
    assert held["followers"] == [] and held["votes"]["upVotes"] == 1
    assert event.entity_type == "topic" and str(event.entity_id) == topicId
