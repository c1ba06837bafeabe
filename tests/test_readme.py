"""The README's examples run as written, against the offline server."""

from __future__ import annotations

import contextlib
import io
import json
import pathlib
import re

from openmetadata_fluent import set_default_client
from openmetadata_fluent.testing import FakeOpenMetadata

from .conftest import SEEDS_PAYLOAD

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"


def python_block(after: str) -> str:
    """The first python code block after the line containing ``after``."""
    text = README.read_text()
    start = text.index(after)
    match = re.search(r"```python\n(.*?)```", text[start:], re.S)
    assert match is not None, f"no python block after {after!r}"
    return match.group(1)


def run(code: str, names: dict[str, object] | None = None) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(README), "exec"), dict(names or {}))
    return out.getvalue()


def test_create_example_runs_verbatim() -> None:
    fake = FakeOpenMetadata()
    with fake.mock("http://localhost:8585/api"):
        printed = run(python_block("## Create a messaging service"))
    assert printed == "Created: sample_kafka\n"
    [post] = [r for r in fake.requests if r.method == "POST"]
    assert post.json["connection"]["config"]["bootstrapServers"] == "localhost:9092"


def test_lifecycle_example_runs_verbatim() -> None:
    fake = FakeOpenMetadata()
    with fake.mock("http://localhost:8585/api"):
        printed = run(python_block("lifecycle-example")).splitlines()
    assert printed[0] == '"orders.kafka"'
    assert printed[1] == "0.2"  # the save bumped the version once
    assert printed[2] == '"orders.kafka"'  # the list saw the one service
    assert printed[3] == "True"  # soft-deleted, seen with include=deleted
    versions = [float(v) for v in printed[4].strip("[]").split(", ")]
    assert versions == sorted(versions, reverse=True) and versions[-1] == 0.1
    methods = [r.method for r in fake.requests]
    assert methods.count("PATCH") == 1
    assert methods[-1] == "DELETE"
    assert fake.requests[-1].query.get("hardDelete") == ["true"]
    assert fake.requests[-1].query.get("recursive") == ["true"]


def test_topics_example_runs_verbatim() -> None:
    fake = FakeOpenMetadata()
    avro = json.dumps({"type": "record", "name": "AddressBook", "fields": []})
    with fake.mock("http://localhost:8585/api"):
        fake.seed(SEEDS_PAYLOAD)
        set_default_client(fake.client())
        try:
            run(python_block("## Topics"), {"avro_json": avro})
        finally:
            set_default_client(None)
    [post] = [r for r in fake.requests if r.method == "POST"]
    assert post.path.endswith("/v1/topics") and post.json["service"] == "sample_kafka"
    assert post.json["messageSchema"]["schemaFields"][1]["children"][0]["name"] == "street"
    assert post.json["tags"][0]["tagFQN"] == "PII.Sensitive"
