"""Rebuild ``places.tsv``, the events stage's gazetteer of places, from facts kept elsewhere.

Sources (nothing typed here but the joins):

- ``../shared/data/gazetteer/tw_divisions.csv``: Taiwan's 22 counties/cities and 368 townships/districts
  (NLSC, Open Government Data License v1.0; attribute 內政部國土測繪中心).
- ``../shared/data/gazetteer/jp_municipalities.csv``: Japan's 47 prefectures and every municipality and
  designated-city ward (出典：デジタル庁 アドレス・ベース・レジストリ, CC BY 4.0; processed: columns renamed,
  romaji suffixes cut, zh-Hant added).
- ``../shared/data/gazetteer/sister_cities.csv``: Chinese spellings of Japanese partners that differ from
  the mechanical zh-Hant form (むつ市 -> 陸奧市) and a check that every partner is covered.
- ``pycountry`` (ISO 3166-1/3166-2): codes, English names and types of foreign countries and
  subdivisions; ``foreign.yaml`` beside this file: their usual Traditional Chinese names (our table).

Run ``python -m classifiers.gazetteer.build_places [--shared ../shared]``; it stops with a message if a
check fails (counts, codes unknown to pycountry, sister-city partners not covered). The service reads only
the generated file, so it runs without ``../shared`` or pycountry.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from classifiers.normalize import japanese_form

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "places.tsv"
FOREIGN = HERE / "foreign.yaml"
DEFAULT_SHARED = HERE.parents[2] / "shared"
COLUMNS = ("kind", "name", "name_en", "country", "level", "parent", "aliases", "code")

# Taiwan's level names in tw_divisions.csv -> ours: county-level units and township-level units.
_TW_COUNTY_LEVELS = frozenset({"special_municipality", "provincial_city", "county"})
# English country names as sister_cities.csv and our annotations write them, where pycountry differs.
_COUNTRY_EN = {"CZ": "Czech Republic", "TR": "Turkey"}
_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
# Romaji of cities that are also English words or common names are not aliases.
_MIN_ROMAJI = 4
_MIN_ROMAJI_WITH_LEVEL = 3  # with its level word (Oma Town, the town of Oma) a short name is sure
_ENGLISH_WORDS = frozenset(
    {"Date", "Mine", "Ono", "Omura", "Kami", "Mito", "Nara", "Gifu", "Ise", "Tsu", "Seto"}
)
# English names of subdivisions and cities that are as often ordinary words, people or other places.
_AMBIGUOUS_ENGLISH = frozenset(
    {
        "Washington",
        "Georgia",
        "Victoria",
        "Western Australia",
        "South Australia",
        "Northern Territory",
        "District of Columbia",
        "Jersey",
        "Antique",
        "Aurora",
        "Rizal",
        "Isabela",
        "Quezon",
        "Laguna",
        "Mountain Province",
        "Nice",
        "Mesa",
        "Walnut",
        "Richmond",
        "Porto",
        "Bern",
        "Lexington",
        "Columbia",
        "Jackson",
        "Murray",
        "Reno",
        "Manchester",
        "Birmingham",
        "Florence",
        "Valencia",
        "Santa Cruz",
        "Clark",
    }
)
_KOREA_CITY_TYPES = frozenset({"Special city", "Metropolitan city", "Special self-governing city"})
_CHINA_CITY_TYPES = frozenset({"Municipality", "Special administrative region"})


class BuildError(Exception):
    """A source file is missing or a check failed."""


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise BuildError(f"{path}: not found (pass --shared DIR)")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _row(
    kind: str, name: str, name_en: str, country: str, level: str, parent: str = "", **kw: Any
) -> dict[str, str]:
    aliases = [a for a in dict.fromkeys(kw.get("aliases") or []) if a and a != name]
    return {
        "kind": kind,
        "name": name,
        "name_en": name_en,
        "country": country,
        "level": level,
        "parent": parent,
        "aliases": "|".join(aliases),
        "code": kw.get("code", ""),
    }


def taiwan_rows(shared: Path) -> list[dict[str, str]]:
    rows = _read_csv(shared / "data/gazetteer/tw_divisions.csv")
    out: list[dict[str, str]] = []
    for r in rows:
        aliases = [a for a in r["aliases"].split("|") if a]
        if r["level"] in _TW_COUNTY_LEVELS:
            out.append(
                _row(
                    "tw_county",
                    r["name"],
                    r["county_en"],
                    "Taiwan",
                    r["level"],
                    "",
                    aliases=aliases,
                    code=r["code"],
                )
            )
        else:
            # Japanese media write a township in Japanese forms (寿豊郷 for 壽豐鄉): an alias too
            aliases += [japanese_form(name) for name in (r["name"], *aliases)]
            out.append(
                _row(
                    "tw_town",
                    r["name"],
                    r["name_en"],
                    "Taiwan",
                    r["level"],
                    r["county"],
                    aliases=aliases,
                    code=r["code"],
                )
            )
    counties = sum(1 for r in out if r["kind"] == "tw_county")
    towns = len(out) - counties
    if (counties, towns) != (22, 368):
        raise BuildError(
            f"tw_divisions.csv: expected 22 counties and 368 townships, found {counties} and {towns}"
        )
    return out


def japan_rows(shared: Path) -> list[dict[str, str]]:
    rows = _read_csv(shared / "data/gazetteer/jp_municipalities.csv")
    usual: dict[
        tuple[str, str], str
    ] = {}  # (prefecture as in the sister list, Japanese name) -> Taiwanese spelling
    for r in _read_csv(shared / "data/gazetteer/sister_cities.csv"):
        if r["partner_country"] == "Japan" and r["partner_city_ja"] and r["partner_city"]:
            zh = r["partner_city"].split(" (")[0].split(" → ")[-1]
            # An assembly's tie spells its town too (水上町議會 for みなかみ町議会: みなかみ町 is 水上町).
            zh = zh.removesuffix("議會")
            for ja in r["partner_city_ja"].split("・"):
                usual[("", ja.removesuffix("議会"))] = zh
    prefectures = {r["prefecture"]: r["name_zh_hant"] for r in rows if r["level"] == "prefecture"}
    out: list[dict[str, str]] = []
    for r in rows:
        level = r["level"]
        name, zh = r["name"], r["name_zh_hant"]
        aliases = [name]
        extra = usual.get(("", name))
        if extra and extra not in (zh, name) and "議會" not in extra and "/" not in extra:
            if _KANA.search(zh):  # むつ市: the Taiwanese spelling (陸奧市) is the canonical name
                aliases.append(zh)
                zh = extra
            else:
                aliases.append(extra)
        if (
            level in ("city", "prefecture")
            and len(r["name_en"]) >= _MIN_ROMAJI
            and r["name_en"] not in _ENGLISH_WORDS
            # Chiba alone may be the prefecture or its capital: only "Chiba Prefecture" is sure
            and not (level == "city" and r["name_en"] == r["prefecture_en"])
        ):
            # Romaji for English items (Yonago, Matsue); prefectures also as "X Prefecture".
            aliases.append(r["name_en"] if level == "city" else f"{r['name_en']} Prefecture")
        # (Tokyo's 23 wards are municipalities, named with their level too: Ota Ward; a designated city's
        # wards share names, Naka Ward, and are not)
        with_level = level in ("city", "town", "village") or (level == "ward" and not r["parent"])
        if with_level and len(r["name_en"]) >= _MIN_ROMAJI_WITH_LEVEL:
            # English also names a municipality with its level (Kumamoto City, the town of Kamiita): sure
            # even where the romaji alone is the prefecture's, a word, an obscure town's or short (Oma Town).
            aliases += [f"{r['name_en']} {level.title()}", f"{level} of {r['name_en']}"]
            if level == "city":  # (the Fukuoka Municipal Government, municipal assembly)
                aliases.append(f"{r['name_en']} Municipal")
        if level == "prefecture":
            out.append(
                _row(
                    "jp_pref",
                    zh,
                    r["prefecture_en"],
                    "Japan",
                    "prefecture",
                    "",
                    aliases=aliases,
                    code=r["code"],
                )
            )
        elif level == "ward" and r["parent"]:  # a designated city's ward (Tokyo's 23 are municipalities)
            parent = r["parent"]
            out.append(
                _row("jp_ward", zh, r["name_en"], "Japan", "city", parent, aliases=aliases, code=r["code"])
            )
        else:
            prefecture = prefectures[r["prefecture"]]
            out.append(
                _row("jp_muni", zh, r["name_en"], "Japan", level, prefecture, aliases=aliases, code=r["code"])
            )
    counts = Counter(r["kind"] for r in out)
    if counts["jp_pref"] != 47 or counts["jp_muni"] != 1741:
        raise BuildError(
            f"jp_municipalities.csv: expected 47 prefectures and 1741 municipalities, found {dict(counts)}"
        )
    return out


def foreign_rows() -> list[dict[str, str]]:
    import pycountry  # build time only: the service reads the generated file

    table = yaml.safe_load(FOREIGN.read_text(encoding="utf-8"))
    out: list[dict[str, str]] = []
    for alpha2, names in table["countries"].items():
        country = pycountry.countries.get(alpha_2=str(alpha2))
        if country is None:
            raise BuildError(f"foreign.yaml: countries: {alpha2} is not an ISO 3166-1 code")
        english = _COUNTRY_EN.get(alpha2) or getattr(country, "common_name", None) or country.name
        out.append(
            _row(
                "country",
                names[0],
                english,
                english,
                "national",
                "",
                aliases=[*names[1:], english],
                code=alpha2,
            )
        )
    english_of = {alpha2: r["name_en"] for alpha2, r in zip(table["countries"], out, strict=True)}
    for code, names in table["subdivisions"].items():
        sub = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
        if sub is None:
            raise BuildError(f"foreign.yaml: subdivisions: {code} is not an ISO 3166-2 code")
        alpha2 = code.split("-")[0]
        if alpha2 == "US" or sub.type == "State":  # states by ISO 3166-2 (US, Australia ...)
            level = "state"
        elif sub.type in _KOREA_CITY_TYPES or sub.type in _CHINA_CITY_TYPES or code == "CZ-10":
            level = "city"
        else:
            level = "prefecture"
        english = _english_subdivision(sub.name, alpha2)
        out.append(
            _row(
                "foreign_sub",
                names[0],
                english,
                english_of[alpha2],
                level,
                "",
                # The English name is an alias too, unless it names something else as often (Georgia)
                # (then only as a state: Washington State, the state of Washington).
                aliases=[
                    *names[1:],
                    *(
                        _latin(english)
                        if english not in _AMBIGUOUS_ENGLISH
                        else [f"{english} State", f"State of {english}"]
                        if alpha2 == "US" and sub.type == "State"
                        else []
                    ),
                    *_korean_province_english(english),
                ],
                code=code,
            )
        )
    for index, city in enumerate(table["cities"]):
        alpha2 = city["country"]
        if alpha2 not in english_of:
            raise BuildError(f"foreign.yaml: cities[{index}]: country {alpha2} not in countries")
        parent = city.get("parent", "")
        if parent and pycountry.subdivisions.get(code=parent) is None:  # type: ignore[no-untyped-call]
            raise BuildError(f"foreign.yaml: cities[{index}]: parent {parent} is not an ISO 3166-2 code")
        zh = city["zh"]
        out.append(
            _row(
                "foreign_city",
                zh[0],
                city["en"],
                english_of[alpha2],
                city.get("level", "city"),
                parent,
                aliases=[*zh[1:], *([] if city["en"] in _AMBIGUOUS_ENGLISH else _latin(city["en"]))],
            )
        )
    return out


# Latin letters that Unicode does not decompose into a base letter and an accent.
_UNACCENTED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"})


def _latin(name: str) -> list[str]:
    """An English or local name, and the same without accents (Písek and Pisek, Wrocław and Wroclaw):
    news in English often drops them."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_UNACCENTED))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return [name] if plain == name else [name, plain]


def _korean_province_english(name: str) -> list[str]:
    """English news names Korea's provinces without the romanised -do (Gyeonggi Province, Gyeonggi; North
    Gyeongsang Province for Gyeongsangbuk-do)."""
    if not name.endswith("-do"):
        return []
    stem = name.removesuffix("-do")
    names = [f"{stem} Province", stem]
    for ending, side in (("buk", "North"), ("nam", "South")):
        if stem.endswith(ending):
            names.append(f"{side} {stem.removesuffix(ending)} Province")
    return names


def _english_subdivision(name: str, alpha2: str) -> str:
    """ISO names carry local type words (Busan-gwangyeoksi, Gansu Sheng): keep the place's own name."""
    for suffix in (" Sheng", " Shi", " Zizhiqu", " Huizu Zizhiqu", " Zhuangzu Zizhiqu", " Uygur Zizhiqu"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    for suffix in ("-teukbyeolsi", "-gwangyeoksi", "-teukbyeoljachido", "-teukbyeoljachisi"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if alpha2 == "CZ" and name.startswith("Praha"):
        return "Prague"
    return name


def check_sister_partners(shared: Path, rows: list[dict[str, str]]) -> list[str]:
    """Sister-city partners (with a Chinese name) that no row names: should be empty."""
    known = {r["name"] for r in rows} | {a for r in rows for a in r["aliases"].split("|") if a}
    missing = []
    for r in _read_csv(shared / "data/gazetteer/sister_cities.csv"):
        name = r["partner_city"].split(" (")[0].split(" → ")[-1].strip()
        if not name or r["level"] == "council" or name.endswith("議會"):
            continue
        if name not in known and name.removesuffix("市") not in known:
            missing.append(f"{r['taiwan_city']} -> {name} ({r['partner_country']})")
    return missing


def render(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    buffer.write(
        "# GENERATED by classifiers/gazetteer/build_places.py: do not edit; rebuild with\n"
        "#   python -m classifiers.gazetteer.build_places --shared ../shared\n"
        "# Sources: ../shared/data/gazetteer/tw_divisions.csv (內政部國土測繪中心 NLSC,\n"
        "#   OGDL v1.0); jp_municipalities.csv (出典：デジタル庁 アドレス・ベース・レジストリ,\n"
        "#   CC BY 4.0, processed: renamed columns, romaji suffixes cut, zh-Hant added);\n"
        "#   sister_cities.csv (Taiwanese spellings of partners); pycountry (ISO 3166-1/3166-2\n"
        "#   codes, English names, types) + foreign.yaml (Chinese names, ours).\n"
    )
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def build(shared: Path) -> str:
    rows = [*taiwan_rows(shared), *japan_rows(shared), *foreign_rows()]
    missing = check_sister_partners(shared, rows)
    if missing:
        raise BuildError("sister_cities.csv partners not covered: " + "; ".join(missing))
    return render(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument(
        "--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ folder (default: ../shared)"
    )
    parser.add_argument("--check", action="store_true", help="fail if places.tsv differs from a rebuild")
    args = parser.parse_args(argv)
    try:
        text = build(args.shared)
    except BuildError as exc:
        print(f"build_places: {exc}", file=sys.stderr)
        return 1
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"build_places: {OUTPUT} is out of date", file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({text.count(chr(10)) - 7} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
