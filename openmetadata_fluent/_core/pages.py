"""Listings: lazy iteration over every page, the pages themselves, and the Java lister
(``list().fields(..).limit(..).execute()``); also the versions answer."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from openmetadata_fluent._core.query import (
    Include,
    check_filter,
    check_limit,
    cursor,
    fields_param,
    include_param,
    invalid,
)
from openmetadata_fluent.errors import OpenMetadataError

if TYPE_CHECKING:
    from typing_extensions import Self

    from openmetadata_fluent._core.operations import EntityOperations

__all__ = ["MAX_EMPTY_PAGES", "EntityHistory", "EntityList", "Page", "Paging"]

E = TypeVar("E")

MAX_EMPTY_PAGES = 10
"""Empty pages in a row, each with a new cursor, after which a listing stops with an
error instead of asking forever."""


@attrs.frozen
class Paging:
    """The cursors of a page: ``after`` resumes a listing later from the next page."""

    after: str | None = None
    before: str | None = None
    total: int | None = None

    def getAfter(self) -> str | None:
        return self.after

    def getBefore(self) -> str | None:
        return self.before

    def getTotal(self) -> int | None:
        return self.total


@attrs.frozen
class Page(Generic[E]):
    """One page of a listing: ``items`` (also ``data`` / ``getData()``) and its cursors."""

    items: tuple[E, ...]
    after: str | None = None
    before: str | None = None
    total: int | None = None

    @property
    def data(self) -> list[E]:
        """The entities of this page, as the Java SDK's ``getData()`` gives them."""
        return list(self.items)

    @property
    def paging(self) -> Paging:
        """The cursors and total of this page, as the Java SDK's ``Paging``."""
        return Paging(self.after, self.before, self.total)

    def getData(self) -> list[E]:
        """Java-style ``getData()``: the entities of this page."""
        return self.data

    def getPaging(self) -> Paging:
        """Java-style ``getPaging()``: the page's cursors and total."""
        return self.paging

    def __iter__(self) -> Iterator[E]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def parse_page(body: Any, read: Callable[[Any, str], E]) -> Page[E]:
    data = body.get("data") if isinstance(body, Mapping) else None
    if not isinstance(data, list):
        raise OpenMetadataError("the server's list answer has no 'data' array")
    paging = body.get("paging")
    paging = paging if isinstance(paging, Mapping) else {}
    total = paging.get("total")
    return Page(
        items=tuple(read(item, f"data[{i}]") for i, item in enumerate(data)),
        after=_cursor_value(paging, "after"),
        before=_cursor_value(paging, "before"),
        total=total if isinstance(total, int) and not isinstance(total, bool) else None,
    )


def _cursor_value(paging: Mapping[str, Any], key: str) -> str | None:
    value = paging.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise OpenMetadataError(f"the server's paging.{key} is not a cursor string: {value!r:.80}")
    return value


class EntityList(Iterable[E]):
    """Every entity a listing matches, fetched one page at a time as iteration needs it.

    Iterating follows the server's ``after`` cursors to the last page; ``pages()`` gives
    the pages themselves. Java style works too: ``.fields(..).limit(50).execute()`` sends
    one request and returns that ``Page``, and ``.forEach(fn)`` visits every entity.
    """

    def __init__(
        self,
        operations: EntityOperations[E, Any],
        params: Mapping[str, str],
        after: str | None = None,
        before: str | None = None,
    ) -> None:
        if after is not None and before is not None:
            raise invalid("after", "give after or before, not both", "conflict")
        self._operations = operations
        self._params = dict(params)
        self._after = cursor("after", after)
        self._before = cursor("before", before)

    # -- the Java lister: each setter changes this listing and returns it ---------------

    def fields(self, *names: str | Iterable[str]) -> Self:
        """Extra fields to fetch, as names, lists or comma strings."""
        flat: list[str] = []
        for name in names:
            flat.extend(name.split(",") if isinstance(name, str) else name)
        return self._set("fields", fields_param(flat, self._operations.spec))

    def limit(self, value: int) -> Self:
        """Entities per page (0 to 1,000,000; the server's default is 10); ``limit(0)
        .execute().paging.total`` counts without fetching any."""
        return self._set("limit", check_limit(value))

    def include(self, value: Include | str) -> Self:
        """non-deleted (the default), deleted or all."""
        return self._set("include", include_param(value))

    def filter(self, name: str, value: str) -> Self:
        """A listing filter this entity type takes, such as ``service`` or ``domain``."""
        allowed = self._operations.spec.list_filters
        if name not in allowed:
            raise invalid(name, f"is not a filter here; use one of {', '.join(allowed)}")
        return self._set(name, check_filter(name, value))

    def after(self, value: str) -> Self:
        """Start from the page after this cursor (from a previous page's ``after``)."""
        self._after, self._before = cursor("after", value), None
        return self

    def before(self, value: str) -> Self:
        """Start from the page before this cursor (from a page's ``before``)."""
        self._before, self._after = cursor("before", value), None
        return self

    def _set(self, key: str, value: str | None) -> Self:
        if value is None:
            self._params.pop(key, None)
        else:
            self._params[key] = value
        return self

    def execute(self) -> Page[E]:
        """Send one request: the first page (or the one the cursor names)."""
        return next(self.pages())

    fetch = execute

    def for_each(self, action: Callable[[E], object]) -> None:
        """Call ``action`` with every entity of every page, in order."""
        for item in self:
            action(item)

    forEach = for_each

    # -- lazy iteration -----------------------------------------------------------------

    def pages(self) -> Iterator[Page[E]]:
        """The pages in order; only the current one is held."""
        position = {"after": self._after} if self._after else {}
        if self._before:
            position = {"before": self._before}
        seen: set[str] = {self._after} if self._after else set()
        empty_run = 0
        while True:
            page = self._operations._list_page({**self._params, **position})
            yield page
            if page.after is None:
                return
            if page.after in seen:
                raise OpenMetadataError(
                    f"the server gave the paging cursor {page.after!r:.80} twice; "
                    "stopping rather than repeating entities"
                )
            empty_run = 0 if page.items else empty_run + 1
            if empty_run >= MAX_EMPTY_PAGES:
                raise OpenMetadataError(
                    f"the server gave {empty_run} empty pages in a row, each with a new "
                    "cursor; stopping rather than asking forever"
                )
            seen.add(page.after)
            position = {"after": page.after}

    def __iter__(self) -> Iterator[E]:
        for page in self.pages():
            yield from page.items


@attrs.frozen
class EntityHistory(Generic[E]):
    """Every stored version of an entity, newest first (``getVersions()`` in Java)."""

    entity_type: str | None
    versions: tuple[E, ...]

    def getVersions(self) -> list[E]:
        """Java-style ``getVersions()``: every version, newest first, as a list."""
        return list(self.versions)

    def getEntityType(self) -> str | None:
        """Java-style ``getEntityType()``: the entity type the server named, if any."""
        return self.entity_type

    def __iter__(self) -> Iterator[E]:
        return iter(self.versions)

    def __len__(self) -> int:
        return len(self.versions)


def parse_versions(body: Any, read: Callable[[Any, str], E]) -> EntityHistory[E]:
    """The versions answer: each element is a JSON string of the entity (an object is
    taken as it is)."""
    listed = body.get("versions") if isinstance(body, Mapping) else None
    if not isinstance(listed, list):
        raise OpenMetadataError("the server's versions answer has no 'versions' array")
    items: list[E] = []
    for i, item in enumerate(listed):
        data = item
        if isinstance(item, str):
            try:
                data = json.loads(item)
            except (ValueError, RecursionError) as exc:
                raise OpenMetadataError(f"versions[{i}] is not valid JSON: {exc}") from None
        items.append(read(data, f"versions[{i}]"))
    kind = body.get("entityType")
    return EntityHistory(kind if isinstance(kind, str) else None, tuple(items))
