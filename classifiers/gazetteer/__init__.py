"""The gazetteer: places, actors and terms as data (YAML/CSV beside this file) and one fast matcher.

``Gazetteer.load()`` reads the bundled files once; ``Gazetteer.match(text)`` returns every entity found in
the *normalised* text (leftmost-longest, non-overlapping), each with its kind and span. The matcher is a
single regular expression compiled from a trie of all names, so its cost grows with the text, not with the
number of names.

Kinds: tw_city, tw_place, tw_person, tw_national (Taiwan); jp_pref, jp_city, jp_actor (Japan); country,
foreign_city (elsewhere); pact, action, local_gov, tj_relation, forum, national, sport, travel, market
(terms).
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from classifiers.errors import ModelError
from classifiers.normalize import normalize

DATA_DIR = Path(__file__).resolve().parent

PLACE_KINDS = frozenset({"tw_city", "tw_place", "tw_person", "jp_pref", "jp_city", "foreign_city", "country"})
TAIWAN_KINDS = frozenset({"tw_city", "tw_place", "tw_person"})
FOREIGN_PLACE_KINDS = frozenset({"jp_pref", "jp_city", "foreign_city"})
TERM_KINDS = ("pact", "action", "local_gov", "tj_relation", "forum", "national", "sport", "travel", "market")
_ASCII_WORD = re.compile(r"[a-z0-9]")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer record: a canonical name and what it is."""

    name: str
    kind: str
    country: str | None = None  # for places: the country they lie in
    city: str | None = None  # for Taiwanese places/people: their city or county
    en: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """An entry found in a text: ``start``/``end`` index the normalised text."""

    name: str
    kind: str
    surface: str
    start: int
    end: int
    country: str | None = None
    city: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "surface": self.surface,
            "span": [self.start, self.end],
            "country": self.country,
        }


@dataclass(frozen=True, slots=True)
class SisterPair:
    taiwan_party: str
    partner: str
    partner_en: str
    partner_country: str
    relation: str
    year: str
    sources: str


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, longest first at each position (built from a character trie)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        terminal = "" in node
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if terminal:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def read_yaml(name: str) -> dict[str, Any]:
    """A bundled gazetteer YAML file as a mapping; ModelError names the file when it is unreadable."""
    path = DATA_DIR / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ModelError(f"gazetteer file {path} unreadable: {exc}") from exc
    if not isinstance(data, dict):
        raise ModelError(f"gazetteer file {path}: expected a mapping at the top")
    return data


def _records(data: dict[str, Any], key: str, file: str) -> list[dict[str, Any]]:
    records = data.get(key) or []
    for index, record in enumerate(records):
        if not isinstance(record, dict) or "name" not in record:
            raise ModelError(f"gazetteer file {file}: {key}[{index}] needs a 'name'")
    return list(records)


def _load_entries() -> list[tuple[str, Entry]]:
    """(alias, entry) pairs from every bundled file; aliases not yet normalised."""
    pairs: list[tuple[str, Entry]] = []

    def add(record: dict[str, Any], entry: Entry) -> None:
        names = [record["name"], *(record.get("aliases") or [])]
        if record.get("en"):
            names.append(str(record["en"]))
        pairs.extend((str(alias), entry) for alias in names)

    taiwan = read_yaml("taiwan.yaml")
    for r in _records(taiwan, "cities", "taiwan.yaml"):
        add(r, Entry(r["name"], "tw_city", "Taiwan", r["name"], r.get("en")))
    for r in _records(taiwan, "places", "taiwan.yaml"):
        add(r, Entry(r["name"], "tw_place", "Taiwan", r.get("city")))
    for r in _records(taiwan, "people", "taiwan.yaml"):
        add(r, Entry(r["name"], "tw_person", "Taiwan", r.get("city")))
    for r in _records(taiwan, "national", "taiwan.yaml"):
        add(r, Entry(r["name"], "tw_national", "Taiwan"))
    japan = read_yaml("japan.yaml")
    for r in _records(japan, "prefectures", "japan.yaml"):
        add(r, Entry(r["name"], "jp_pref", "Japan", None, r.get("en")))
    for r in _records(japan, "cities", "japan.yaml"):
        add(r, Entry(r["name"], "jp_city", "Japan", r.get("pref"), r.get("en")))
    for r in _records(japan, "actors", "japan.yaml"):
        add(r, Entry(r["name"], "jp_actor", "Japan", None, r.get("en")))
    world = read_yaml("world.yaml")
    for r in _records(world, "countries", "world.yaml"):
        add(r, Entry(r["name"], "country", r["name"]))
    for r in _records(world, "cities", "world.yaml"):
        add(r, Entry(r["name"], "foreign_city", r.get("country"), None, r.get("en")))
    terms = read_yaml("terms.yaml")
    for kind in TERM_KINDS:
        for term in terms.get(kind) or []:
            pairs.append((str(term), Entry(str(term), kind)))
    return pairs


def _load_pairs() -> list[SisterPair]:
    path = DATA_DIR / "sister_cities.csv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [
        SisterPair(
            taiwan_party=normalize(row["taiwan_party"]),
            partner=normalize(row["partner"]),
            partner_en=row["partner_en"],
            partner_country=row["partner_country"],
            relation=row["relation"],
            year=row["year"],
            sources=row["sources"],
        )
        for row in csv.DictReader(lines)
    ]


def _ties(partner_name: Callable[[SisterPair], str]) -> dict[str, frozenset[str]]:
    """Taiwanese party -> the names ``partner_name`` gives its partners (empty names left out)."""
    ties: dict[str, set[str]] = {}
    for pair in _load_pairs():
        name = partner_name(pair)
        if name:
            ties.setdefault(pair.taiwan_party, set()).add(name)
    return {party: frozenset(partners) for party, partners in ties.items()}


@functools.cache
def sister_ties() -> dict[str, frozenset[str]]:
    """Taiwanese party -> its partners in every sister, friendship or MOU tie, both names normalised."""
    return _ties(lambda pair: pair.partner)


@functools.cache
def sister_ties_en() -> dict[str, frozenset[str]]:
    """Taiwanese party -> the English names of its partners, lower case and without a US state's code
    ("Reno, NV": reno): the ties whose Chinese name our sources do not give are known by these."""
    return _ties(lambda pair: pair.partner_en.split(",")[0].split("(")[0].strip().lower())


class Gazetteer:
    """All names compiled into one matcher. Build with :meth:`load` (cached)."""

    def __init__(self, pairs: list[tuple[str, Entry]], sister_pairs: list[SisterPair]) -> None:
        self._by_alias: dict[str, list[Entry]] = {}
        for alias, entry in pairs:
            key = normalize(alias)
            if key and entry not in self._by_alias.setdefault(key, []):
                self._by_alias[key].append(entry)
        # Two passes: names, then terms, so "台北市長" yields both 台北市 and 市長.
        terms = {alias for alias, entries in self._by_alias.items() if entries[0].kind in TERM_KINDS}
        names = set(self._by_alias) - terms
        self._patterns = [re.compile(_trie_pattern(names)), re.compile(_trie_pattern(terms))]
        self.sister_pairs = sister_pairs
        self._partners_of: dict[str, set[str]] = {}
        for pair in sister_pairs:
            self._partners_of.setdefault(pair.taiwan_party, set()).add(pair.partner)

    @classmethod
    @functools.cache
    def load(cls) -> Gazetteer:
        return cls(_load_entries(), _load_pairs())

    def __len__(self) -> int:
        return len(self._by_alias)

    def match(self, normalized_text: str) -> list[Entity]:
        """Entities in a text already passed through :func:`classifiers.normalize.normalize`."""
        return list(self._iter_matches(normalized_text))

    def _iter_matches(self, text: str) -> Iterator[Entity]:
        for pattern in self._patterns:
            yield from self._iter_pattern(pattern, text)

    def _iter_pattern(self, pattern: re.Pattern[str], text: str) -> Iterator[Entity]:
        for found in pattern.finditer(text):
            surface = found.group()
            if not surface:
                continue
            start, end = found.span()
            if _ASCII_WORD.match(surface[0]) and start > 0 and _ASCII_WORD.match(text[start - 1]):
                continue  # "taipei" inside "xtaipei": not a word of its own
            if _ASCII_WORD.match(surface[-1]) and end < len(text) and _ASCII_WORD.match(text[end]):
                continue
            for entry in self._by_alias[surface]:
                yield Entity(entry.name, entry.kind, surface, start, end, entry.country, entry.city)

    def is_sister_pair(self, taiwan_party: str, partner: str) -> bool:
        """True when the pair is in sister_cities.csv (names as the gazetteer's canonical names)."""
        partners = self._partners_of.get(normalize(taiwan_party), set())
        return normalize(partner) in partners
