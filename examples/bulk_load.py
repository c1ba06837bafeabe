"""Bulk-load messaging services from a JSON file.

    python examples/bulk_load.py [FILE.json] [--yes]

The file holds create requests as the REST API takes them:
``{"messagingServices": [{"name": ..., "serviceType": ..., "connection": ...}, ...]}``
(``services.json`` beside this script, used by default; ``openmetadata-fluent serve
--seed`` reads the same format).

Without OPENMETADATA_HOST it loads into an embedded offline server and lists what was
stored. Against a real server (OPENMETADATA_HOST, OPENMETADATA_JWT_TOKEN) loading creates
or overwrites the services named in the file, so it only says which it would create and
which it would update, until --yes is given.
"""

from __future__ import annotations

import json
import os
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from openmetadata_fluent import MessagingServiceBuilder, OpenMetadataClient
from openmetadata_fluent.errors import NotFoundError, OpenMetadataError

DEFAULT_FILE = Path(__file__).with_name("services.json")


def builders(client: OpenMetadataClient, path: Path) -> list[MessagingServiceBuilder]:
    """One builder per service in the file; ``bulk_upsert`` checks them all before sending."""
    data: Any = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for wire in data["messagingServices"]:
        builder = client.messaging_services.builder()
        for key, value in wire.items():
            builder.set(key, value)  # wire (camelCase) keys, checked like the setters
        out.append(builder)
    return out


def plan(client: OpenMetadataClient, items: list[MessagingServiceBuilder]) -> None:
    """Reads only: which services the load would create and which it would overwrite."""
    for item in items:
        name = item.build().name
        try:
            client.messaging_services.retrieve_by_name(name)
        except NotFoundError:
            print(f"would create {name}")
        else:
            print(f"would update {name} (it exists)")
    print("nothing was written; run again with --yes to load")


def load(client: OpenMetadataClient, items: list[MessagingServiceBuilder]) -> bool:
    result = client.messaging_services.bulk_upsert(items)
    print(
        f"bulk upsert {result.status.value}: {result.number_of_rows_passed} of "
        f"{result.number_of_rows_processed} stored"
    )
    for ok in result.succeeded:
        change = ok.service.change_type if ok.service is not None else None
        print(f"    {ok.item.name}: {change.value if change else ok.status}")
    for failure in result.failed:
        print(f"    FAILED {failure.item.name}: {failure.status} {failure.message}")
    return result.ok


def main(argv: list[str]) -> int:
    confirmed = "--yes" in argv
    files = [a for a in argv if a != "--yes"]
    path = Path(files[0]) if files else DEFAULT_FILE
    with ExitStack() as stack:
        real = bool(os.environ.get("OPENMETADATA_HOST"))
        if real:
            client = OpenMetadataClient.from_env()
        else:
            from openmetadata_fluent.testing import FakeOpenMetadata

            # Like current servers: no bulk route, so bulk_upsert falls back to one PUT each.
            server = stack.enter_context(FakeOpenMetadata(bulk_route=False).serve(port=0))
            client = OpenMetadataClient(server.base_url, token="example-token")
        stack.enter_context(client)
        print(f"loading {path.name} into {client.base_url}")
        try:
            items = builders(client, path)
            if real and not confirmed:
                plan(client, items)
                return 0
            ok = load(client, items)
        except OpenMetadataError as exc:
            print(f"load failed: {exc}", file=sys.stderr)
            return 1
        if not real:
            stored = sorted(s.name for s in client.messaging_services.list())
            print(f"the server now has {len(stored)} services: {', '.join(stored)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
