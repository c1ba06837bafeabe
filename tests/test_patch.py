"""The JSON Patch diff on its own: minimal operations, RFC 6901 escaping."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from openmetadata_fluent.patch import diff, pointer


def apply(doc: Any, ops: list[dict[str, Any]]) -> Any:
    """A small RFC 6902 applier (add/remove/replace) to check a diff round-trips."""
    doc = copy.deepcopy(doc)
    for op in ops:
        if op["path"] == "":
            doc = op["value"]
            continue
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in op["path"][1:].split("/")]
        parent = doc
        for token in tokens[:-1]:
            parent = parent[int(token)] if isinstance(parent, list) else parent[token]
        last: Any = tokens[-1]
        if isinstance(parent, list):
            last = int(last)
        if op["op"] == "add":
            if isinstance(parent, list):
                parent.insert(last, op["value"])
            else:
                parent[last] = op["value"]
        elif op["op"] == "remove":
            del parent[last]
        else:
            assert op["op"] == "replace"
            parent[last] = op["value"]
    return doc


def test_equal_documents_give_no_operations() -> None:
    doc = {"a": 1, "b": [1, {"c": None}], "d": {"e": "x"}}
    assert diff(doc, copy.deepcopy(doc)) == []


def test_changed_added_and_removed_keys() -> None:
    old = {"description": "old", "displayName": "Kafka", "tags": []}
    new = {"description": "new", "tags": [], "owners": [{"id": "u1", "type": "user"}]}
    assert diff(old, new) == [
        {"op": "remove", "path": "/displayName"},
        {"op": "replace", "path": "/description", "value": "new"},
        {"op": "add", "path": "/owners", "value": [{"id": "u1", "type": "user"}]},
    ]


def test_nested_change_touches_only_the_leaf() -> None:
    old = {"connection": {"config": {"type": "Kafka", "bootstrapServers": "a:9092"}}}
    new = {"connection": {"config": {"type": "Kafka", "bootstrapServers": "b:9092"}}}
    assert diff(old, new) == [
        {"op": "replace", "path": "/connection/config/bootstrapServers", "value": "b:9092"}
    ]


def test_list_grows_and_shrinks_by_index() -> None:
    assert diff({"t": ["a"]}, {"t": ["a", "b", "c"]}) == [
        {"op": "add", "path": "/t/1", "value": "b"},
        {"op": "add", "path": "/t/2", "value": "c"},
    ]
    # Highest index first, so every removal still points at the element meant.
    assert diff({"t": ["a", "b", "c"]}, {"t": ["a"]}) == [
        {"op": "remove", "path": "/t/2"},
        {"op": "remove", "path": "/t/1"},
    ]
    assert diff({"t": ["a", "b"]}, {"t": ["a", "x"]}) == [
        {"op": "replace", "path": "/t/1", "value": "x"}
    ]


def test_pointer_escapes_tilde_before_slash() -> None:
    assert pointer("a/b", "m~n", "~1", 0) == "/a~1b/m~0n/~01/0"
    assert pointer() == ""


def test_keys_with_tilde_and_slash_are_escaped_in_operations() -> None:
    old = {"consumerConfig": {"sasl/jaas": "x", "a~b": 1}}
    new = {"consumerConfig": {"sasl/jaas": "y"}}
    assert diff(old, new) == [
        {"op": "remove", "path": "/consumerConfig/a~0b"},
        {"op": "replace", "path": "/consumerConfig/sasl~1jaas", "value": "y"},
    ]


def test_true_and_one_are_different_json_values() -> None:
    assert diff({"v": 1}, {"v": True}) == [{"op": "replace", "path": "/v", "value": True}]
    assert diff({"v": False}, {"v": 0}) == [{"op": "replace", "path": "/v", "value": 0}]


def test_type_change_replaces_the_whole_value() -> None:
    assert diff({"v": {"a": 1}}, {"v": [1]}) == [{"op": "replace", "path": "/v", "value": [1]}]
    assert diff({"v": "s"}, {"v": None}) == [{"op": "replace", "path": "/v", "value": None}]


def test_whole_document_replaced_at_the_root_pointer() -> None:
    assert diff(1, 2) == [{"op": "replace", "path": "", "value": 2}]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ({"a": [1, 2, 3], "b": {"c": "d"}}, {"a": [3], "b": {"c": "e", "f/g": [True]}}),
        ({"x": [{"k": 1}, {"k": 2}]}, {"x": [{"k": 2}], "y~": None}),
        ({"a": {"b": {"c": [1, [2, 3]]}}}, {"a": {"b": {"c": [1, [2]]}, "z": 0}}),
    ],
)
def test_applying_the_diff_gives_the_new_document(old: Any, new: Any) -> None:
    assert apply(old, diff(old, new)) == new
