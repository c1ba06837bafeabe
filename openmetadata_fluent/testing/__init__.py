"""An offline OpenMetadata for tests: one in-memory engine, two mounts, pytest fixtures.

fake = FakeOpenMetadata()
with fake.mock() as fake:              # in process, through ``responses``
    fake.client().messaging_services.upsert(...)
with fake.serve(port=0) as server:     # real HTTP on 127.0.0.1
    print(server.base_url)             # http://127.0.0.1:<port>/api
"""

from openmetadata_fluent.testing._engine import (
    DroppedConnection,
    FakeClock,
    FakeOpenMetadata,
    Fault,
    RecordedRequest,
)
from openmetadata_fluent.testing._mounts import HttpServer, MockMount

__all__ = [
    "DroppedConnection",
    "FakeClock",
    "FakeOpenMetadata",
    "Fault",
    "HttpServer",
    "MockMount",
    "RecordedRequest",
]
