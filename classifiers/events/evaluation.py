"""Scoring the events stage against gold annotations, field by field and per language.

Gold rows are ``Event.to_dict()`` without evidence, keyed by ``id`` (tests/annotations/dev_events.jsonl:
the relevant items of ../shared/data/labelled/dev.jsonl). Fields and what counts as right:

- ``taiwan_party``: the set of parties equals the gold set.
- ``partner_country``: the set of partner countries equals the gold set.
- ``partner_city``: only items whose gold has a place partner (level city, prefecture, state or
  county): the set of those partners' names equals the gold set (names compared folded: 臺/台, 県/縣).
- ``event_type``: equal.
- ``event_date``: only items whose gold has a date: equal.
- ``all``: party, country, city (where it applies) and type all right.
- ``people`` (scored apart, not part of ``all``): the set of names (folded, spaces dropped) against the
  gold set, micro-averaged precision and recall over the items (``PeopleScore``).

``baseline_event`` wraps the relevance model's old ``extract_parties`` (one party, one partner) in an
Event, so both are scored the same way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from classifiers.analysis import Doc, analyse
from classifiers.events.text import fold_name
from classifiers.events.types import PLACE_LEVELS, Event, Partner, PartnerLevel
from classifiers.gazetteer import Gazetteer
from classifiers.parties import extract_parties

FIELDS = ("taiwan_party", "partner_country", "partner_city", "event_type", "event_date", "all")


@dataclass
class FieldScore:
    right: int = 0
    total: int = 0
    wrong_ids: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float | None:
        return self.right / self.total if self.total else None

    def add(self, item_id: str, ok: bool) -> None:
        self.total += 1
        if ok:
            self.right += 1
        else:
            self.wrong_ids.append(item_id)


@dataclass
class PeopleScore:
    """Names found against gold names, summed over items (micro-averaged)."""

    right: int = 0  # predicted and in the gold
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float | None:
        return self.right / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.right / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else None

    def add(self, predicted: set[str], gold: set[str]) -> None:
        self.right += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)


@dataclass
class EventScores:
    """Accuracy per field, overall (``fields``) and per language (``by_lang``); people's precision and
    recall (``people``, ``people_by_lang``); (language, gold type, predicted type) per item (``types``)."""

    fields: dict[str, FieldScore] = field(default_factory=lambda: {name: FieldScore() for name in FIELDS})
    by_lang: dict[str, dict[str, FieldScore]] = field(default_factory=dict)
    people: PeopleScore = field(default_factory=PeopleScore)
    people_by_lang: dict[str, PeopleScore] = field(default_factory=dict)
    types: list[tuple[str, str, str]] = field(default_factory=list)

    def accuracy(self, name: str, lang: str | None = None) -> float | None:
        table = self.fields if lang is None else self.by_lang.get(lang, {})
        score = table.get(name)
        return score.accuracy if score else None

    def to_dict(self) -> dict[str, Any]:
        def table(scores: Mapping[str, FieldScore]) -> dict[str, Any]:
            return {
                k: {"accuracy": v.accuracy, "right": v.right, "total": v.total} for k, v in scores.items()
            }

        return {"all": table(self.fields), "by_lang": {lang: table(s) for lang, s in self.by_lang.items()}}


def _parties(event: Event) -> set[str]:
    return {fold_name(p) for p in event.taiwan_party}


def _countries(partners: Iterable[Partner]) -> set[str]:
    return {p.country for p in partners}


def _places(partners: Iterable[Partner]) -> set[str]:
    return {fold_name(p.name) for p in partners if p.level in PLACE_LEVELS}


def _names(event: Event) -> set[str]:
    return {fold_name(p.name).replace(" ", "").replace("\u30fb", "").lower() for p in event.people}


def compare(predicted: Event, gold: Event) -> dict[str, bool | None]:
    """Field -> right (True/False), or None where the field does not apply to this item."""
    party = _parties(predicted) == _parties(gold)
    country = _countries(predicted.partners) == _countries(gold.partners)
    gold_places = _places(gold.partners)
    city: bool | None = _places(predicted.partners) == gold_places if gold_places else None
    kind = predicted.event_type == gold.event_type
    when: bool | None = predicted.event_date == gold.event_date if gold.event_date else None
    every = party and country and (city is not False) and kind
    return {
        "taiwan_party": party,
        "partner_country": country,
        "partner_city": city,
        "event_type": kind,
        "event_date": when,
        "all": every,
    }


def score(predicted: Mapping[str, Event], gold: Sequence[Mapping[str, Any]]) -> EventScores:
    """Score predictions (by item id) against gold rows (each with ``id`` and ``lang``)."""
    scores = EventScores()
    for row in gold:
        item_id = str(row["id"])
        lang = str(row.get("lang") or "unknown")
        expected = Event.from_dict(dict(row))
        result = compare(predicted.get(item_id, Event()), expected)
        per_lang = scores.by_lang.setdefault(lang, {name: FieldScore() for name in FIELDS})
        for name, ok in result.items():
            if ok is None:
                continue
            scores.fields[name].add(item_id, ok)
            per_lang[name].add(item_id, ok)
        found, wanted = _names(predicted.get(item_id, Event())), _names(expected)
        scores.people.add(found, wanted)
        scores.people_by_lang.setdefault(lang, PeopleScore()).add(found, wanted)
        kind = predicted.get(item_id, Event()).event_type
        scores.types.append((lang, str(expected.event_type), str(kind)))
    return scores


def evaluate(
    items: Iterable[Mapping[str, Any]],
    gold: Sequence[Mapping[str, Any]],
    extract: Callable[[str | None, str, Any, str | None], Event],
) -> EventScores:
    """Run ``extract(title, text, published, url)`` on the gold items (dev rows by id) and score them; an
    item without ``published`` gets the date in its URL, if any."""
    wanted = {str(row["id"]) for row in gold}
    predicted: dict[str, Event] = {}
    for item in items:
        item_id = str(item.get("id"))
        if item_id in wanted:
            published = item.get("published") or published_from_url(item.get("url"))
            text = str(item.get("text") or "")
            predicted[item_id] = extract(item.get("title"), text, published, item.get("url"))
    return score(predicted, gold)


# 2019/04/16, 2019-04-16, 20190416 and CNA's 202109300123 (a date, then a serial number).
_URL_DATE = re.compile(
    r"(?<!\d)(20\d\d|19\d\d)([/_-]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!/?\d{1,2}(?:[^\dA-Za-z]|$))"
)
# ROC dates start a path segment (/1100930/, TTV's /11301040001100W) or stand alone.
_URL_ROC = re.compile(
    r"(?:(?<=/)|(?<!\d))(1[01]\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=\d{0,9}[A-Za-z]?(?:[/.?]|$))"
)
# Epoch Times: /gb/13/9/6/ (year, month, day of the century).
_URL_SHORT = re.compile(r"/(?:gb|b5)/(\d{1,2})/(\d{1,2})/(\d{1,2})/")
_URL_UNIX = re.compile(r"(?<!\d)(1[2-7]\d{8})(?!\d)")


def published_from_url(url: str | None) -> date | None:
    """A publication date read from an item's URL (…/2019/04/16/…, 20190416, ROC 1100930, a Unix
    timestamp): the dev items carry no date, and their annotations resolved 今天/13日 against it."""
    if not url:
        return None
    for pattern, roc in ((_URL_DATE, False), (_URL_ROC, True)):
        for match in pattern.finditer(url):
            groups = [g for g in match.groups() if g and g.isdigit()]
            year, month, day = (int(g) for g in groups)
            try:
                return date(year + 1911 if roc else year, month, day)
            except ValueError:
                continue
    short = _URL_SHORT.search(url)
    if short:
        year, month, day = (int(g) for g in short.groups())
        try:
            return date(2000 + year, month, day)
        except ValueError:
            pass
    stamp = _URL_UNIX.search(url)
    if stamp:
        return datetime.fromtimestamp(int(stamp.group(1)), tz=UTC).date()
    return None


def baseline_event(title: str | None, text: str, published: Any = None, source: str | None = None) -> Event:
    """The old ``classifiers.parties.extract_parties`` answer, as an Event (party, one partner); it reads
    neither the date nor the address."""
    gazetteer = Gazetteer.load()
    parties = extract_parties(analyse(Doc(title, text), gazetteer), gazetteer)
    party = (parties.taiwan_party.replace("台", "臺"),) if parties.taiwan_party else ()
    partners: tuple[Partner, ...] = ()
    if parties.partner and parties.partner_country:
        partners = (Partner(parties.partner, None, parties.partner_country, PartnerLevel.CITY),)
    elif parties.partner_country:
        partners = (Partner(parties.partner_country, None, parties.partner_country, PartnerLevel.NATIONAL),)
    return Event(taiwan_party=party, partners=partners)


def embedded_gold(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Gold rows for items that carry their gold event in an ``event`` key (the written events-only
    batches, the fresh held-out items): ``{"id", "lang", **event}`` for each item with one."""
    return [{"id": row["id"], "lang": row["lang"], **row["event"]} for row in items if row.get("event")]


def by_id(rows: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    out: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        out[str(row["id"])] = row
    return out


def confusion(scores: EventScores, lang: str | None = None) -> dict[tuple[str, str], int]:
    """The event-type confusion matrix: (gold type, predicted type) -> items, for one language or all."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for item_lang, gold, predicted in scores.types:
        if lang is None or item_lang == lang:
            counts[(gold, predicted)] += 1
    return dict(counts)
