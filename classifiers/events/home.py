"""Where an item comes from, read off its web address: the place its bare 県, 知事, 本市 or 町長 stand
for (Japanese), or its 本府, 本縣 or 本所 (a Taiwanese government's own release, :func:`taiwan_home_of`).

A prefectural paper writes 県 and 知事 for its own prefecture and never names it; a municipality's
release says 本市, 市長 and 町議会. The text alone cannot tell which; the address can:

- a regional paper's host (``kumanichi.com``: 熊本日日新聞, home 熊本縣; facts in
  ``classifiers/gazetteer/japan_papers.yaml``);
- a local government's own host, which spells the place in romaji (``www.city.kameyama.mie.jp``,
  ``www.town.kotohira.kagawa.jp``, ``www.pref.gunma.jp``, ``www.metro.tokyo.lg.jp``).

:func:`home_of` returns that place, or None. Pure: a string in, a gazetteer lookup, no I/O beyond the
cached gazetteer.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlsplit

from classifiers.events.places import JP_MUNI, JP_PREF, TW_BODY, TW_COUNTY, TW_TOWN, Place, PlaceIndex
from classifiers.events.text import fold_name
from classifiers.gazetteer import read_yaml

# www.city.kameyama.mie.jp, www.town.kotohira.kagawa.jp, www.vill.x.y.jp, www.pref.gunma.lg.jp
_MUNICIPAL_HOST = re.compile(r"(?:^|\.)(city|town|vill|village|pref)\.([a-z]+(?:-[a-z]+)*)(?:\.([a-z]+))?")
_TOKYO_HOST = re.compile(r"(?:^|\.)metro\.tokyo\.")
_NOT_LETTERS = re.compile(r"[^a-z0-9]")


def _romaji(name: str) -> str:
    """Kotohira, Ōita, Gunma-ken -> kotohira, oita, gunma (as a host spells it)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _NOT_LETTERS.sub("", plain)


@functools.cache
def _japanese_places() -> tuple[dict[str, list[Place]], dict[str, Place], dict[str, Place]]:
    """Municipalities by romaji, prefectures by romaji and by canonical name."""
    municipalities: dict[str, list[Place]] = {}
    prefectures: dict[str, Place] = {}
    by_name: dict[str, Place] = {}
    for place in PlaceIndex.load().places:
        if place.short or place.head or place.until or place.since or not place.name_en:
            continue
        if place.kind == JP_MUNI and place not in municipalities.get(_romaji(place.name_en), []):
            municipalities.setdefault(_romaji(place.name_en), []).append(place)
        elif place.kind == JP_PREF:
            prefectures.setdefault(_romaji(place.name_en.removesuffix(" Prefecture")), place)
            by_name.setdefault(place.name, place)
    return municipalities, prefectures, by_name


# A host part this long is matched within the host's letters; a shorter one only as a whole label (at-s);
# one with a dot as the whole domain (topics.or.jp).
_SUBSTRING_PART = 6


@functools.cache
def _paper_hosts() -> tuple[tuple[str, str], ...]:
    """(host part, home prefecture's canonical name) for every regional paper."""
    papers = read_yaml("japan_papers.yaml").get("papers") or []
    return tuple((str(h).lower(), str(p["prefecture"])) for p in papers for h in p["hosts"])


def _paper_home(host: str) -> str | None:
    labels = set(host.split("."))
    letters = _NOT_LETTERS.sub("", host)
    for part, prefecture in _paper_hosts():
        folded = _NOT_LETTERS.sub("", part)
        if "." in part:  # a whole domain: the host is it or under it
            if host == part or host.endswith("." + part):
                return prefecture
        elif part in labels or (len(folded) >= _SUBSTRING_PART and folded in letters):
            return prefecture
    return None


def _host(source: str) -> str:
    host = urlsplit(source if "//" in source else "//" + source).hostname or ""
    return host.lower().removesuffix(".example")  # (the reserved TLD our fixtures' made-up addresses end in)


def address_spells(source: str | None, name_en: str | None) -> bool:
    """Whether an item's web address spells a place's English name (www.tacomaweekly.com: Tacoma); names
    shorter than ADDRESS_NAME_MIN letters are inside too many words of an address to tell."""
    letters = _NOT_LETTERS.sub("", (name_en or "").lower())
    return (
        bool(source)
        and len(letters) >= ADDRESS_NAME_MIN
        and letters in _NOT_LETTERS.sub("", _host(source or ""))
    )


ADDRESS_NAME_MIN = 5


def _municipal_home(host: str) -> Place | None:
    _, prefectures, by_name = _japanese_places()
    if _TOKYO_HOST.search(host):
        return by_name.get("東京都")
    match = _MUNICIPAL_HOST.search(host)
    if match is None:
        return None
    level, name, next_label = match.groups()
    if level == "pref":
        return prefectures.get(_romaji(name))
    # city.izumi.kagoshima.jp: the one in that prefecture; town.fukui-mihama.lg.jp: the prefecture, then
    # the town
    first, _, rest = name.partition("-")
    name, prefecture = (rest, first) if rest and _romaji(first) in prefectures else (name, next_label)
    # city.fuchu.hiroshima.jp: 府中市, not 府中町 (Tokyo's wards are city. too: city.ota.tokyo.jp, 大田區)
    kind = "village" if level == "vill" else level
    return municipality_in(name, prefecture, kind) or municipality_in(name, prefecture)


_KIND_SUFFIX = {"town": "町", "village": "村", "city": "市"}


def municipality_in(name: str, prefecture: str | None, kind: str | None = None) -> Place | None:
    """The Japanese municipality a romaji name spells (Mugi, Kikuyo), in the prefecture a romaji name spells
    when given (Tokushima), of the kind an English word gives (Kusatsu, a town: 草津町, not 草津市): the only
    one, or None."""
    municipalities, prefectures, _ = _japanese_places()
    candidates = municipalities.get(_romaji(name), [])
    home = prefectures.get(_romaji(prefecture or ""))
    if home is not None:
        candidates = [c for c in candidates if c.parent == home.name]
    suffix = _KIND_SUFFIX.get(kind or "")
    if suffix:
        candidates = [c for c in candidates if c.name.endswith(suffix)]
    return candidates[0] if len(candidates) == 1 else None


def home_of(source: str | None) -> Place | None:
    """The Japanese place an item's address calls home (a prefecture for a regional paper, the
    municipality or prefecture for a local government's site), or None."""
    if not source:
        return None
    host = _host(source)
    if not host:
        return None
    country = host.rsplit(".", 1)[-1]
    if len(country) == 2 and country != "jp":
        return None  # another country's site (www.city.taipei.gov.tw), whatever its names spell
    municipal = _municipal_home(host)
    if municipal is not None:
        return municipal
    prefecture = _paper_home(host)
    return None if prefecture is None else _japanese_places()[2].get(prefecture)


_TOWN_SUFFIXES = (" township", " city")


@functools.cache
def _districts() -> dict[tuple[str, str], Place]:
    """(county or city, romaji of the English name) -> its township or district (石門區 of 新北市: shimen)."""
    found: dict[tuple[str, str], Place] = {}
    for place in PlaceIndex.load().places:
        if place.kind == TW_TOWN and not place.short and place.parent and place.name_en:
            found.setdefault((place.parent, _romaji(place.name_en.rsplit(" ", 1)[0])), place)
    return found


@functools.cache
def _taiwan_sites() -> tuple[tuple[tuple[str, Place], ...], dict[str, Place]]:
    """(county or city host, its place) and townships by the romaji of their English name (unique ones only:
    a name two townships share names neither)."""
    counties = {p.name: p for p in PlaceIndex.load().places if p.kind == TW_COUNTY and not p.short}
    hosts = tuple(
        (str(host).lower(), counties[name])
        for name, names in (read_yaml("taiwan_sites.yaml").get("counties") or {}).items()
        for host in names
        if name in counties
    )
    towns: dict[str, list[Place]] = {}
    for (_, key), place in _districts().items():
        if (place.name_en or "").lower().endswith(_TOWN_SUFFIXES):
            towns.setdefault(key, []).append(place)
    return hosts, {key: places[0] for key, places in towns.items() if len(places) == 1}


@functools.cache
def _counties_by_romaji() -> dict[str, str]:
    """Yilan -> 宜蘭縣: a county or city's canonical name by the romaji of its English name, whole (Hsinchu
    County) and without its last word where only one has that stem (Yilan, not Hsinchu: county and city)."""
    counties = [p for p in PlaceIndex.load().places if p.kind == TW_COUNTY and not p.short]
    stems: dict[str, set[str]] = {}
    for place in counties:
        stems.setdefault(_romaji((place.name_en or "").rsplit(" ", 1)[0]), set()).add(place.name)
    whole = {_romaji(place.name_en or ""): place.name for place in counties}
    return {stem: names.pop() for stem, names in stems.items() if len(names) == 1} | whole


def township_in(name: str, county: str) -> Place | None:
    """The Taiwanese township, city or district a romaji name spells (Suao, Su'ao) in the county or city an
    English name spells (Yilan, Yilan County, Hsinchu County: 新竹縣), or None."""
    home = _counties_by_romaji().get(_romaji(county))
    return None if home is None else _districts().get((home, _romaji(name)))


def townships_named(name: str) -> list[Place]:
    """Every Taiwanese township, city or district a romaji name spells (Suao, Su'ao: 宜蘭縣蘇澳鎮)."""
    return [place for (_, key), place in _districts().items() if key == _romaji(name)]


def county_named(name: str) -> str | None:
    """The Taiwanese county or city a romaji name spells (Penghu: 澎湖縣), or None."""
    return _counties_by_romaji().get(_romaji(name))


def taiwan_home_of(source: str | None) -> Place | None:
    """The Taiwanese county, city or township whose own site an item's address is (www.tainan.gov.tw,
    www.shoufeng.gov.tw), or the university's (www.ntou.edu.tw), or None."""
    host = _host(source) if source else ""
    if host.endswith(".edu.tw"):
        return next((body for domain, body in _university_sites() if _on(host, domain)), None)
    if not host.endswith((".gov.tw", ".gov.taipei")) and host != "gov.taipei":
        return None
    hosts, towns = _taiwan_sites()
    for domain, place in hosts:
        if _on(host, domain):
            # a district office's own subdomain (shimen.ntpc.gov.tw: 新北市石門區), else the government's
            label = host.removesuffix("." + domain).rsplit(".", 1)[-1] if host != domain else ""
            return _districts().get((place.name, label), place)
    labels = host.removesuffix(".gov.tw").split(".")
    return towns.get(labels[-1]) if labels else None


def _on(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


@functools.cache
def _university_sites() -> tuple[tuple[str, Place], ...]:
    """(a university's host, the university as a body) from taiwan_sites.yaml's bodies."""
    bodies = {p.name: p for p in PlaceIndex.load().places if p.kind == TW_BODY}
    return tuple(
        (str(host).lower(), bodies[name])
        for name, hosts in (read_yaml("taiwan_sites.yaml").get("bodies") or {}).items()
        for host in hosts
        if name in bodies
    )


@functools.cache
def _homes_by_name() -> dict[str, list[Place]]:
    """Japanese prefectures and municipalities, Taiwanese counties and townships, by folded canonical name
    (a township also with its county: 花蓮縣壽豐鄉)."""
    found: dict[str, list[Place]] = {}
    for place in PlaceIndex.load().places:
        if place.short or place.head or place.kind not in (JP_PREF, JP_MUNI, TW_COUNTY, TW_TOWN):
            continue
        names = [place.name] + (
            [f"{place.parent}{place.name}"] if place.kind == TW_TOWN and place.parent else []
        )
        for name in names:
            if place not in found.setdefault(fold_name(name), []):
                found[fold_name(name)].append(place)
    return found


def named_home(name: str) -> Place | None:
    """The place a feed's configured ``home`` names (熊本縣, 龜山市, 花蓮縣壽豐鄉), when the gazetteer knows
    exactly one; else None."""
    places = _homes_by_name().get(fold_name(name.strip()), [])
    return places[0] if len(places) == 1 else None
