"""Attrs models mirroring the official OpenMetadata JSON Schemas. No I/O happens here."""

from openmetadata_fluent._typed import concrete_returns_all
from openmetadata_fluent.models._access import ImmutableModelError, ReadOnlyFieldError
from openmetadata_fluent.models.common import *  # noqa: F403
from openmetadata_fluent.models.common import __all__ as _common_all
from openmetadata_fluent.models.connections import *  # noqa: F403
from openmetadata_fluent.models.connections import __all__ as _connections_all
from openmetadata_fluent.models.messaging import *  # noqa: F403
from openmetadata_fluent.models.messaging import __all__ as _messaging_all
from openmetadata_fluent.models.results import *  # noqa: F403
from openmetadata_fluent.models.results import __all__ as _results_all
from openmetadata_fluent.models.topics import *  # noqa: F403
from openmetadata_fluent.models.topics import __all__ as _topics_all

__all__ = [
    *_common_all,
    *_connections_all,
    *_messaging_all,
    *_results_all,
    *_topics_all,
    "ImmutableModelError",
    "ReadOnlyFieldError",
]

# ``from_dict`` and ``parse`` are annotated with a class TypeVar; give every public model and
# enum copies that name the class itself, so ``help(Topic.from_dict)`` says ``-> Topic``.
# The two bases keep their TypeVars: they are what the copies are made from.
concrete_returns_all(
    (globals()[name] for name in __all__ if name not in ("WireEnum", "WireModel")),
    names=("from_dict", "parse"),
)
