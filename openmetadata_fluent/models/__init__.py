"""Attrs models mirroring the official OpenMetadata JSON Schemas. No I/O happens here.

Services, their connections and the shared values load with the package; the topic models
and the answers of the less common calls (``results``) load on first use.
"""

from typing import TYPE_CHECKING

from openmetadata_fluent._lazy import attach
from openmetadata_fluent.models._access import ImmutableModelError, ReadOnlyFieldError
from openmetadata_fluent.models.common import *  # noqa: F403
from openmetadata_fluent.models.common import __all__ as _common_all
from openmetadata_fluent.models.connections import *  # noqa: F403
from openmetadata_fluent.models.connections import __all__ as _connections_all
from openmetadata_fluent.models.messaging import *  # noqa: F403
from openmetadata_fluent.models.messaging import __all__ as _messaging_all

if TYPE_CHECKING:
    from openmetadata_fluent.models.results import *  # noqa: F403
    from openmetadata_fluent.models.topics import *  # noqa: F403

# Each module's ``__all__``, written out so that listing them does not import them; a test
# checks these lists against the modules.
LAZY_MODULES: dict[str, tuple[str, ...]] = {
    "openmetadata_fluent.models.results": (
        "ChangeDescription",
        "ChangeEvent",
        "DeleteJob",
        "EventType",
        "FieldChange",
        "TestConnectionResult",
        "TestConnectionResultStatus",
        "TestConnectionStepResult",
    ),
    "openmetadata_fluent.models.topics": (
        "AccessDetails",
        "AssetCertification",
        "CleanupPolicy",
        "CreateTopicRequest",
        "FieldDataType",
        "LifeCycle",
        "MessageSchema",
        "SchemaField",
        "SchemaType",
        "Topic",
        "TopicSampleData",
        "VoteRequest",
        "VoteType",
        "Votes",
    ),
}

__all__ = [
    *_common_all,
    *_connections_all,
    *_messaging_all,
    *(name for names in LAZY_MODULES.values() for name in names),
    "ImmutableModelError",
    "ReadOnlyFieldError",
]

# Hidden from type checkers, which see the imports above instead and still flag a typo.
if not TYPE_CHECKING:
    __getattr__, __dir__ = attach(
        __name__,
        globals(),
        {name: module for module, names in LAZY_MODULES.items() for name in names},
    )
