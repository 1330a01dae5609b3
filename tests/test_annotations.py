"""The dev events annotation (tests/annotations/dev_events.jsonl) is well formed and complete.

The file holds our own annotations of the relevant items of ../shared/data/labelled/dev.jsonl, keyed by
item id (see tests/annotations/README.md). These checks keep it usable as the events stage's development
measure: it parses, speaks the schema of classifiers/events/types.py, covers every relevant dev item, and
carries no article text. The checks against dev.jsonl skip cleanly when the shared data is absent.
"""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import shared_data

from classifiers import read_jsonl
from classifiers.events.types import NATIONAL_PARTY, Event, EventType, PartnerLevel

ANNOTATIONS = Path(__file__).resolve().parent / "annotations" / "dev_events.jsonl"
KEYS = {
    "id",
    "lang",
    "taiwan_party",
    "partners",
    "event_type",
    "event_date",
    "people",
    "delegation_size",
    "note",
}
PARTNER_KEYS = {"name", "name_en", "country", "level"}
PERSON_KEYS = {"name", "title", "side", "body"}
SIDES = {"taiwan", "partner"}
LANGS = {"zh-Hant", "zh-Hans", "ja", "en"}
# Taiwanese administrative names end so; they must be written with 臺, never 台.
ADMIN_SUFFIXES = ("市", "縣", "鎮", "鄉", "區")
# A note is our own words: it may share a name or a short phrase with the item's text, but no run of
# this many characters (Latin script) or this many non-ASCII characters (Chinese, Japanese).
MAX_SHARED_RUN = 40
MAX_SHARED_CJK_RUN = 12


def _records() -> list[dict[str, Any]]:
    records = []
    with ANNOTATIONS.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise AssertionError(f"{ANNOTATIONS.name} line {number}: not JSON ({exc})") from exc
            assert isinstance(record, dict), f"{ANNOTATIONS.name} line {number}: not an object"
            records.append(record)
    return records


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return _records()


@pytest.fixture(scope="module")
def dev() -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in read_jsonl(shared_data("labelled", "dev.jsonl"))}


def test_one_object_per_id_sorted(records: list[dict[str, Any]]) -> None:
    ids = [str(record.get("id")) for record in records]
    assert records, "the annotation file is empty"
    assert ids == sorted(ids), "records must be sorted by id"
    assert len(ids) == len(set(ids)), "an id is annotated twice"


def test_keys_and_values_match_the_schema(records: list[dict[str, Any]]) -> None:
    event_types = {str(value) for value in EventType}
    levels = {str(value) for value in PartnerLevel}
    for record in records:
        where = f"{ANNOTATIONS.name} id {record.get('id')}"
        assert set(record) == KEYS, f"{where}: keys {sorted(set(record) ^ KEYS)} wrong"
        assert record["lang"] in LANGS, f"{where}: lang {record['lang']!r}"
        assert record["event_type"] in event_types, f"{where}: event_type {record['event_type']!r}"
        for name in record["taiwan_party"]:
            assert isinstance(name, str) and name, f"{where}: empty party name"
            if name.endswith(ADMIN_SUFFIXES):
                assert "台" not in name, f"{where}: party {name!r} must be written with 臺"
        assert len(set(record["taiwan_party"])) == len(record["taiwan_party"]), f"{where}: party repeated"
        for partner in record["partners"]:
            assert set(partner) == PARTNER_KEYS, f"{where}: partner keys {sorted(partner)}"
            assert partner["level"] in levels, f"{where}: partner level {partner['level']!r}"
            assert partner["name"] and partner["country"], f"{where}: partner without name or country"
        for person in record["people"]:
            assert set(person) == PERSON_KEYS, f"{where}: person keys {sorted(person)}"
            assert person["side"] in SIDES, f"{where}: side {person['side']!r}"
            assert person["name"], f"{where}: person without a name"
        if person_bodies := [p["body"] for p in record["people"] if p["side"] == "taiwan"]:
            assert all(body for body in person_bodies), f"{where}: a Taiwanese participant without a body"
        if record["event_date"] is not None:
            datetime.date.fromisoformat(record["event_date"])
        size = record["delegation_size"]
        assert size is None or (isinstance(size, int) and size > 0), f"{where}: delegation_size {size!r}"
        assert record["note"] is None or isinstance(record["note"], str), f"{where}: note"
        # The same data must load through the schema's own reader.
        event = Event.from_dict(record)
        assert [str(p.level) for p in event.partners] == [p["level"] for p in record["partners"]]


@pytest.mark.quality
def test_place_parties_are_taiwanese_divisions(records: list[dict[str, Any]]) -> None:
    """A party named like a place is one of the 22 counties and cities or a unit with its parent prefix."""
    known = {NATIONAL_PARTY}
    with shared_data("gazetteer", "tw_divisions.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            known.add(row["county"] if row["name"] == row["county"] else row["county"] + row["name"])
    for record in records:
        for name in record["taiwan_party"]:
            if name == NATIONAL_PARTY or name.endswith(ADMIN_SUFFIXES):
                assert name in known, f"id {record['id']}: party {name!r} is not a Taiwanese division"


@pytest.mark.quality
def test_ids_exist_and_every_relevant_item_is_annotated(
    records: list[dict[str, Any]], dev: dict[str, dict[str, Any]]
) -> None:
    annotated = {record["id"] for record in records}
    unknown = sorted(annotated - set(dev))
    assert not unknown, f"ids not in dev.jsonl: {unknown}"
    relevant = {item_id for item_id, item in dev.items() if item["relevant"]}
    missing = sorted(relevant - annotated)
    assert not missing, f"relevant dev items without an annotation: {missing}"
    not_relevant = sorted(annotated - relevant)
    assert not not_relevant, f"annotated items that dev.jsonl does not mark relevant: {not_relevant}"
    for record in records:
        assert record["lang"] == dev[record["id"]]["lang"], f"id {record['id']}: lang differs from dev.jsonl"


@pytest.mark.quality
def test_notes_carry_no_article_text(records: list[dict[str, Any]], dev: dict[str, dict[str, Any]]) -> None:
    for record in records:
        note = record["note"]
        if not note:
            continue
        item = dev[record["id"]]
        text = f"{item.get('title') or ''}\n{item['text']}"
        for size in (MAX_SHARED_RUN, MAX_SHARED_CJK_RUN):
            for start in range(len(note) - size + 1):
                run = note[start : start + size]
                if size == MAX_SHARED_CJK_RUN and not all(ord(char) > 127 for char in run):
                    continue
                assert run not in text, f"id {record['id']}: note copies article text ({run!r})"
