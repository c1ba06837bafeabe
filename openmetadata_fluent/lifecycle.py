"""Names that lived here before the entity core; they are the core's now, kept importable
from this module for existing callers."""

from __future__ import annotations

from openmetadata_fluent._core.fluent import DeleteRequest, changes
from openmetadata_fluent._core.fluent import Finder as MessagingServiceFinder
from openmetadata_fluent._core.pages import EntityList as ServiceList
from openmetadata_fluent._core.pages import Page, parse_versions
from openmetadata_fluent._core.query import (
    FieldsArg,
    Include,
    fields_param,
    include_param,
    list_query,
    read_query,
)
from openmetadata_fluent.messaging import ALLOWED_FIELDS, FluentMessagingService
from openmetadata_fluent.patch import JSON_PATCH, check_operations

__all__ = [
    "ALLOWED_FIELDS",
    "JSON_PATCH",
    "DeleteRequest",
    "FieldsArg",
    "FluentMessagingService",
    "Include",
    "MessagingServiceFinder",
    "Page",
    "ServiceList",
    "changes",
    "check_operations",
    "fields_param",
    "include_param",
    "list_query",
    "parse_versions",
    "read_query",
]
