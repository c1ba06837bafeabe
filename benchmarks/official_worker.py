"""Times the official Python client (openmetadata-ingestion) in its own interpreter.

bench.py starts this file with the python of a separate virtual environment (see
official_venv.sh) and sends it one JSON request per line; each answer is one JSON line.
Batches are requested in turn with this project's own, so both sides share the same
moments of machine load.

    {"op": "info"}                          -> version, and what the two cases produce
    {"op": "time", "case": C, "loops": N}   -> {"seconds": per-call CPU seconds, N calls}

Cases: ``build`` (the pydantic request built from its classes and dumped as the official
client sends it), ``parse`` (``MessagingService.model_validate`` of the seeds' response),
``floor`` (the dict + json.dumps floor, to compare the two interpreters).
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from seeds import floor_request_bytes, response_bytes

warnings.simplefilter("ignore")  # the package warns about its own models on import

from metadata.generated.schema.api.services.createMessagingService import (  # noqa: E402
    CreateMessagingServiceRequest,
)
from metadata.generated.schema.entity.services.connections.messaging.kafkaConnection import (  # noqa: E402
    KafkaConnection,
    SecurityProtocol,
)
from metadata.generated.schema.entity.services.connections.messaging.saslMechanismType import (  # noqa: E402
    SaslMechanismType,
)
from metadata.generated.schema.entity.services.messagingService import (  # noqa: E402
    MessagingConnection,
    MessagingService,
    MessagingServiceType,
)

KNOWN = response_bytes(unknown_fields=False)
WITH_UNKNOWN = response_bytes(unknown_fields=True)


def build() -> bytes:
    """The seeds' request as a user of the official client writes it, serialized the way
    its ``create_or_update`` does before the PUT."""
    request = CreateMessagingServiceRequest(
        name="sample_kafka",
        displayName="Sample Kafka",
        serviceType=MessagingServiceType.Kafka,
        description="Production Kafka messaging service",
        connection=MessagingConnection(
            config=KafkaConnection(
                bootstrapServers="localhost:9092",
                securityProtocol=SecurityProtocol.PLAINTEXT,
                saslMechanism=SaslMechanismType.PLAIN,
                schemaRegistryTopicSuffixName="-value",
                supportsMetadataExtraction=True,
            )
        ),
    )
    data: str = request.model_dump_json(context={"mask_secrets": False}, by_alias=True)
    return data.encode("utf-8")


def parse() -> Any:
    return MessagingService.model_validate(json.loads(KNOWN))


CASES: dict[str, Callable[[], object]] = {
    "build": build,
    "parse": parse,
    "floor": floor_request_bytes,
}


def info() -> dict[str, Any]:
    from importlib.metadata import version

    try:
        MessagingService.model_validate(json.loads(WITH_UNKNOWN))
        unknown = "accepted"
    except Exception as exc:  # pydantic's ValidationError: extra fields are forbidden
        unknown = f"rejected ({type(exc).__name__})"
    return {
        "version": version("openmetadata-ingestion"),
        "pydantic": version("pydantic"),
        "python": sys.version.split()[0],
        "build": build().decode("utf-8"),
        "parse_roundtrip": json.loads(parse().model_dump_json(by_alias=True, exclude_none=True)),
        "unknown_fields": unknown,
    }


def timed(case: str, loops: int) -> float:
    """CPU seconds per call, the clock bench.py uses for its own side."""
    fn = CASES[case]
    start = time.process_time()
    for _ in range(loops):
        fn()
    return (time.process_time() - start) / loops


def main() -> int:
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "info":
            answer: dict[str, Any] = info()
        else:
            answer = {"seconds": timed(request["case"], int(request["loops"]))}
        print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
