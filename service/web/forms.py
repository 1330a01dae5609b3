"""Turning query strings, form fields and JSON bodies into typed values, with errors naming the field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from starlette.convertors import Convertor

from classifiers.events import EventType
from service.errors import ReviewError
from service.i18n import N_, Said
from service.labels import LABELS
from service.storage.review import Order, QueueFilters, Reviewed
from service.storage.search import SearchFilters

REVIEWED_CHOICES = ("no", "yes", "any")
ORDER_CHOICES = ("uncertain", "newest", "score")
COPIES_CHOICES = ("hide", "show")
MAX_PAGE = 200


# The largest id a database integer column holds (2^63 - 1); a larger one is no item, not a server error.
MAX_ITEM_ID = 2**63 - 1


class ItemIdConvertor(Convertor[int]):
    """``{item_id:id}`` in a route: at most 18 digits, so an id past a 64-bit integer never reaches
    the database (it answered 500); such a path simply matches no route (404)."""

    regex = "[0-9]{1,18}"

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        return str(value)


OUTSIDE = N_("%(name)s: %(value)s is outside %(low)s..%(high)s")
NOT_ONE_OF = N_("%(name)s: %(value)r is not one of %(choices)s")


class BadInput(ReviewError):
    """A request parameter that cannot be used; the message names it. The message is a msgid with its
    values: ``str()`` is the English (the API's answer), :meth:`translated` the interface language's (the
    pages' error)."""

    def __init__(self, message: str, **values: object) -> None:
        self.said = Said(message, values)
        super().__init__(self.said.text())

    def translated(self, gettext: Callable[[str], str]) -> str:
        return self.said.text(gettext)


def _text(params: Mapping[str, Any], name: str) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadInput(N_("%(name)s: expected text, got %(kind)s"), name=name, kind=type(value).__name__)
    value = value.strip()
    return value or None


def _float(params: Mapping[str, Any], name: str, low: float, high: float) -> float | None:
    value = params.get(name)
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise BadInput(N_("%(name)s: %(value)r is not a number"), name=name, value=value) from None
    if not low <= number <= high:
        raise BadInput(OUTSIDE, name=name, value=number, low=low, high=high)
    return number


def integer(
    params: Mapping[str, Any], name: str, default: int | None, low: int = 0, high: int = 2**62
) -> int | None:
    value = params.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadInput(N_("%(name)s: %(value)r is not a whole number"), name=name, value=value) from None
    if not low <= number <= high:
        raise BadInput(OUTSIDE, name=name, value=number, low=low, high=high)
    return number


def _date(params: Mapping[str, Any], name: str, tz: ZoneInfo) -> datetime | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise BadInput(N_("%(name)s: %(value)r is not a date (YYYY-MM-DD)"), name=name, value=value) from None
    return datetime.combine(day, time(), tzinfo=tz).astimezone(UTC)


def _choice(params: Mapping[str, Any], name: str, choices: tuple[str, ...], default: str) -> str:
    value = _text(params, name) or default
    if value not in choices:
        raise BadInput(NOT_ONE_OF, name=name, value=value, choices=", ".join(choices))
    return value


def queue_filters(params: Mapping[str, Any], tz: ZoneInfo) -> QueueFilters:
    """Filters from a query string: label, min_score, max_score, since, until (local dates, inclusive),
    outlet, reviewed (no|yes|any), cluster, q, order (uncertain|newest|score), copies (hide|show)."""
    label = _text(params, "label")
    if label is not None and label not in (*LABELS, "none"):
        raise BadInput(NOT_ONE_OF, name="label", value=label, choices=", ".join((*LABELS, "none")))
    until = _date(params, "until", tz)
    return QueueFilters(
        label=label,
        min_score=_float(params, "min_score", 0.0, 1.0),
        max_score=_float(params, "max_score", 0.0, 1.0),
        since=_date(params, "since", tz),
        until=until + timedelta(days=1) if until else None,
        outlet=_text(params, "outlet"),
        reviewed=cast(Reviewed, _choice(params, "reviewed", REVIEWED_CHOICES, "no")),
        cluster=integer(params, "cluster", None),
        query=_text(params, "q"),
        order=cast(Order, _choice(params, "order", ORDER_CHOICES, "uncertain")),
        copies=_choice(params, "copies", COPIES_CHOICES, "hide") == "show",
    )


def page_window(params: Mapping[str, Any]) -> tuple[int, int]:
    limit = integer(params, "limit", 50, 1, MAX_PAGE)
    offset = integer(params, "offset", 0)
    return limit or 50, offset or 0


def label_name(value: Any) -> str:
    if value not in LABELS:
        raise BadInput(NOT_ONE_OF, name="label", value=value, choices=", ".join(LABELS))
    return cast(str, value)


def boolean(value: Any, name: str = "value") -> bool:
    """true/false from JSON, or yes/no, true/false, 1/0 from a form."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("yes", "true", "1"):
        return True
    if isinstance(value, str) and value.lower() in ("no", "false", "0"):
        return False
    raise BadInput(N_("%(name)s: %(value)r is not yes/no (true/false)"), name=name, value=value)


def item_ids(values: list[Any]) -> list[int]:
    ids = []
    for value in values:
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise BadInput(N_("ids: %(value)r is not an item id"), value=value) from None
        if not 1 <= number <= MAX_ITEM_ID:
            raise BadInput(
                N_("ids: %(value)s is not an item id (1..%(high)s)"), value=number, high=MAX_ITEM_ID
            )
        ids.append(number)
    if not ids:
        raise BadInput(N_("ids: no items selected"))
    return ids


MAX_QUERY_CHARS = 200


def search_request(params: Mapping[str, Any], tz: ZoneInfo) -> tuple[str, SearchFilters]:
    """The search page's and API's query and filters (dates are local days, ``to`` inclusive)."""
    query = _text(params, "q") or ""
    if len(query) > MAX_QUERY_CHARS:
        raise BadInput(N_("q: longer than %(limit)d characters"), limit=MAX_QUERY_CHARS)
    label = _text(params, "label")
    if label is not None and label not in LABELS:
        raise BadInput(NOT_ONE_OF, name="label", value=label, choices=", ".join(LABELS))
    event_type = _text(params, "event_type")
    if event_type is not None and event_type not in {str(kind) for kind in EventType}:
        raise BadInput(N_("event_type: %(value)r is not an event type"), value=event_type)
    until = _date(params, "to", tz)
    filters = SearchFilters(
        since=_date(params, "from", tz),
        until=until + timedelta(days=1) if until else None,
        outlet=_text(params, "outlet"),
        label=label,
        party=_text(params, "party"),
        partner=_text(params, "partner"),
        event_type=event_type,
    )
    return query, filters
