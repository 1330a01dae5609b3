"""Who is engaging whom: the Taiwanese party and the foreign partner of an item, from its entities."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from classifiers.analysis import Analysed
from classifiers.gazetteer import FOREIGN_PLACE_KINDS, Gazetteer

_NOT_PARTNER_COUNTRIES = frozenset({"Taiwan", "China"})


@dataclass(frozen=True, slots=True)
class Parties:
    taiwan_party: str | None
    partner: str | None
    partner_country: str | None


def _weighted(names: list[tuple[str, int]], title_end: int) -> Counter[str]:
    """Count names, a mention in the title counting three times (titles name the main actors)."""
    counts: Counter[str] = Counter()
    for name, start in names:
        counts[name] += 3 if start < title_end else 1
    return counts


def _first_best(counts: Counter[str], order: list[str]) -> str | None:
    if not counts:
        return None
    best = max(counts.values())
    return next(name for name in order if counts[name] == best)


def taiwan_party(doc: Analysed) -> str | None:
    """The Taiwanese city, county or national Taiwan–Japan body most mentioned (a district or a mayor
    counts for their city). The bodies count so that a national meeting "next held in Taipei" is not
    credited to Taipei City."""
    names: list[tuple[str, int]] = []
    for entity in doc.entities:
        if entity.kind in ("tw_city", "tw_national"):
            names.append((entity.name, entity.start))
        elif entity.kind in ("tw_place", "tw_person") and entity.city:
            names.append((entity.city, entity.start))
    return _first_best(_weighted(names, doc.title_end), [name for name, _ in names])


def extract_parties(doc: Analysed, gazetteer: Gazetteer) -> Parties:
    """Taiwanese party and foreign partner (city or prefecture, with its country).

    A partner that is a known sister/friendship city of the Taiwanese party wins; otherwise the most
    mentioned foreign place; with no foreign place, only the country is given.
    """
    party = taiwan_party(doc)
    places = [(e.name, e.start) for e in doc.entities if e.kind in FOREIGN_PLACE_KINDS]
    country_of = {e.name: e.country for e in doc.entities if e.kind in FOREIGN_PLACE_KINDS}
    counts = _weighted(places, doc.title_end)
    if party:
        known = [name for name in counts if gazetteer.is_sister_pair(party, name)]
        if known:
            sister = max(known, key=lambda name: counts[name])
            return Parties(party, sister, country_of.get(sister))
    partner = _first_best(counts, [name for name, _ in places])
    if partner:
        return Parties(party, partner, country_of.get(partner))
    countries = [(e.name, e.start) for e in doc.entities if e.kind == "country"]
    countries = [(n, s) for n, s in countries if n not in _NOT_PARTNER_COUNTRIES]
    country = _first_best(_weighted(countries, doc.title_end), [name for name, _ in countries])
    return Parties(party, None, country)
