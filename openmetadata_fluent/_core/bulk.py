"""Bulk and batch writes: every item checked before anything is sent, and every item's
outcome reported exactly once, in input order."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from openmetadata_fluent.errors import APIError, OpenMetadataError, Problem, ValidationError
from openmetadata_fluent.models.common import ApiStatus
from openmetadata_fluent.models.messaging import BulkFailure, BulkResult, BulkSuccess

__all__ = ["bulk_result", "check_items", "failure", "match_bulk_result", "send_each"]

NO_BULK_ROUTE = frozenset({404, 405})


def failure(item: Any, exc: OpenMetadataError) -> BulkFailure:
    """An item's failure from the error its request raised."""
    if isinstance(exc, APIError):
        return BulkFailure(item=item, status=exc.status, message=exc.message, error=exc)
    return BulkFailure(item=item, status=None, message=str(exc), error=exc)


def check_items(
    items: Iterable[Any], check: Callable[[Any], dict[str, Any]], subject: str
) -> list[dict[str, Any]]:
    """Every item's checked body; all problems of all items reported at once."""
    bodies: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        try:
            bodies.append(check(item))
        except ValidationError as exc:
            problems.extend(
                Problem(f"items[{i}].{p.path}", p.message, p.code) for p in exc.problems
            )
    if problems:
        raise ValidationError(problems, subject=subject)
    return bodies


def send_each(
    send: Callable[[int], BulkSuccess],
    items: Sequence[Any],
    max_workers: int,
) -> tuple[builtins.list[BulkSuccess], builtins.list[BulkFailure]]:
    """Send one request per item; each answer or SDK error becomes that item's outcome."""

    def one(index: int) -> BulkSuccess | BulkFailure:
        try:
            return send(index)
        except OpenMetadataError as exc:
            return failure(items[index], exc)

    if max_workers == 1 or len(items) <= 1:
        outcomes = [one(i) for i in range(len(items))]
    else:
        with ThreadPoolExecutor(max_workers=max_workers) as pool:
            outcomes = builtins.list(pool.map(one, range(len(items))))
    ok = [o for o in outcomes if isinstance(o, BulkSuccess)]
    bad = [o for o in outcomes if isinstance(o, BulkFailure)]
    return ok, bad


def _request_key(entry: Any) -> str | None:
    """The name a BulkOperationResult entry refers to (it echoes the body or the FQN)."""
    request = entry.get("request") if isinstance(entry, Mapping) else None
    if isinstance(request, Mapping):
        name = request.get("name")
        return name if isinstance(name, str) else None
    if isinstance(request, str):
        return request[1:-1] if len(request) > 1 and request[0] == request[-1] == '"' else request
    return None


def match_bulk_result(
    body: Any, items: Sequence[Any], names: Sequence[str]
) -> tuple[list[BulkSuccess], list[BulkFailure]]:
    """Pair the server's per-item answers with the items sent; none is lost or doubled."""
    pending: dict[str, list[int]] = {}
    for i, name in enumerate(names):
        pending.setdefault(name, []).append(i)
    outcome: dict[int, BulkSuccess | BulkFailure] = {}
    result = body if isinstance(body, Mapping) else {}
    for kind in ("successRequest", "failedRequest"):
        entries = result.get(kind)
        for entry in entries if isinstance(entries, list) else ():
            key = _request_key(entry)
            if key is None or not pending.get(key):
                continue
            i = pending[key].pop(0)
            status = entry.get("status") if isinstance(entry.get("status"), int) else None
            if kind == "successRequest":
                outcome[i] = BulkSuccess(item=items[i], status=status or 200)
            else:
                message = entry.get("message") or "rejected by the server"
                outcome[i] = BulkFailure(item=items[i], status=status or 400, message=str(message))
    for i, item in enumerate(items):
        if i not in outcome:
            # Never counted as stored on the strength of an overall "success" alone.
            outcome[i] = BulkFailure(
                item=item,
                status=None,
                message="the server's bulk result did not confirm this item; it may or may "
                "not be stored (read it back to know)",
            )
    ok = [o for _, o in sorted(outcome.items()) if isinstance(o, BulkSuccess)]
    bad = [o for _, o in sorted(outcome.items()) if isinstance(o, BulkFailure)]
    return ok, bad


def bulk_result(succeeded: Sequence[BulkSuccess], failed: Sequence[BulkFailure]) -> BulkResult:
    if not failed:
        status = ApiStatus.SUCCESS
    else:
        status = ApiStatus.FAILURE if not succeeded else ApiStatus.PARTIAL_SUCCESS
    return BulkResult(status=status, succeeded=tuple(succeeded), failed=tuple(failed))
