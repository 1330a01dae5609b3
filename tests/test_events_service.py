"""The events stage in the service: stored with the classification (SQLite and PostgreSQL), corrected by
reviewers (newest per field wins), shown by `newsmon classify` and `items --json`. Texts are our own."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers.digest_samples import add_item, add_review_label
from sqlalchemy import Engine, select

import classifiers
from classifiers.events import Event, EventType, Evidence, Partner, PartnerLevel
from service import classify
from service.chapter.load import load_chapter
from service.cli import main
from service.config import load_settings
from service.events import BadCorrection, Corrections, effective_event, parse_partner_text, partner_text
from service.storage import classifications as store
from service.storage import events as event_store
from service.storage.db import make_engine, migrate, session_scope
from service.storage.schema import Classification, Feed, Item

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
VISIT = (
    "日本熊本縣知事率團訪高雄",
    "高雄市長今天接待日本熊本縣知事率領的訪問團，一行12人，雙方慶祝締盟週年並簽署交流備忘錄。",
)
STOCKS = ("台股收盤", "台股今天收盤下跌，外資賣超，電子股走弱，成交量萎縮。")
KUMAMOTO = Partner("熊本縣", "Kumamoto Prefecture", "Japan", PartnerLevel.PREFECTURE)
MODEL_EVENT = Event(
    taiwan_party=("高雄市",),
    partners=(Partner("熊本市", "Kumamoto", "Japan", PartnerLevel.CITY),),
    event_type=EventType.HOSTED_VISIT,
    event_date="2026-11-20",
    delegation_size=12,
    evidence=(Evidence("partners", "熊本市", 3, 6), Evidence("event_date", "今天")),
)


def verdict(event: Event | None) -> store.Verdict:
    return store.Verdict(
        scores={"relevant": 0.9},
        labels={"relevant": True, "taiwan_japan": True, "city_diplomacy": True},
        taiwan_party="高雄市",
        partner="熊本市",
        partner_country="Japan",
        explanation={},
        event=event.to_dict() if event else None,
    )


# --- the rule ----------------------------------------------------------------------------------------


def test_effective_event_takes_each_corrected_field_and_keeps_the_rest() -> None:
    assert effective_event(MODEL_EVENT, None) is MODEL_EVENT
    assert effective_event(None, None) is None
    corrected = effective_event(MODEL_EVENT, Corrections(partners=(KUMAMOTO,), reviewer="ana"))
    assert corrected is not None
    assert corrected.partners == (KUMAMOTO,)
    assert corrected.taiwan_party == ("高雄市",) and corrected.delegation_size == 12
    assert [e.field for e in corrected.evidence] == ["event_date"]  # the partner's evidence no longer holds
    only_correction = effective_event(None, Corrections(event_type=EventType.DONATION))
    assert only_correction == Event(event_type=EventType.DONATION)


def test_a_corrected_party_writes_places_with_臺_and_bodies_as_they_are() -> None:
    from service.events import parse_value

    assert parse_value("taiwan_party", "台北市、台積電, national，台東縣") == (
        "臺北市",
        "台積電",
        "national",
        "臺東縣",
    )


def test_partner_lines_round_trip_and_bad_ones_are_named() -> None:
    line = partner_text([KUMAMOTO, Partner("八王子市", None, "Japan", PartnerLevel.CITY)])
    assert line == "熊本縣 | Kumamoto Prefecture | Japan | prefecture; 八王子市 |  | Japan | city"
    assert parse_partner_text(line) == (KUMAMOTO, Partner("八王子市", None, "Japan", PartnerLevel.CITY))
    assert parse_partner_text("仙台市 | Japan") == (Partner("仙台市", None, "Japan", PartnerLevel.CITY),)
    with pytest.raises(BadCorrection, match="partner 1"):
        parse_partner_text("仙台市")
    with pytest.raises(BadCorrection, match="level"):
        parse_partner_text("仙台市 | | Japan | village")


# --- storage, both backends --------------------------------------------------------------------------


def test_events_and_corrections_round_trip(engine: Engine) -> None:
    with session_scope(engine) as session:
        item_id = add_item(session, title=VISIT[0], text=VISIT[1], outlet="測試報", first_seen=NOW)
        other_id = add_item(session, title=STOCKS[0], text=STOCKS[1], outlet="測試報", first_seen=NOW)
        store.record_classification(session, item_id, "m1", verdict(MODEL_EVENT))
        store.record_classification(session, other_id, "m1", verdict(None))
    with session_scope(engine) as session:
        row = session.scalars(select(Classification).where(Classification.item_id == item_id)).one()
        assert (row.event_type, row.event_date) == ("hosted_visit", "2026-11-20")
        assert event_store.model_events(session, [item_id, other_id]) == {item_id: MODEL_EVENT}
        assert event_store.effective_events(session, [other_id]) == {}

        event_store.record_event_correction(
            session, item_id, "ana", partners=[KUMAMOTO], event_type="agreement", at=NOW
        )
        later = datetime(2026, 11, 21, tzinfo=UTC)
        now_standing = event_store.record_event_correction(
            session,
            item_id,
            "ben",
            taiwan_party=["台南市", "高雄市"],
            event_type=EventType.HOSTED_VISIT,
            at=later,
        )
        assert now_standing.taiwan_party == ("臺南市", "高雄市")  # written with 臺
        assert now_standing.event_type is EventType.HOSTED_VISIT  # newest wins
        assert now_standing.partners == (KUMAMOTO,)  # older correction of another field stays
        assert (now_standing.reviewer, now_standing.at) == ("ben", later)
        with pytest.raises(BadCorrection, match="event_type"):
            event_store.record_event_correction(session, item_id, "ana", event_type="party")
        event_store.record_event_correction(session, other_id, "ana", event_type="donation", at=NOW)
    with session_scope(engine) as session:
        effective = event_store.effective_events(session, [item_id, other_id])
        assert effective[item_id].partners == (KUMAMOTO,)
        assert effective[item_id].taiwan_party == ("臺南市", "高雄市")
        assert effective[item_id].event_date == "2026-11-20"
        assert effective[other_id] == Event(event_type=EventType.DONATION)
        near = event_store.event_stories(session, [(NOW - timedelta(days=1), NOW + timedelta(days=1))])
        assert [(row.item_id, row.text) for row in near] == [(item_id, VISIT[1]), (other_id, STOCKS[1])]
        assert near[1].event == Event(event_type=EventType.DONATION)  # a correction alone makes an event
        assert event_store.event_stories(session, [(NOW + timedelta(days=1), NOW + timedelta(days=2))]) == []
        examples = event_store.event_type_examples(session)
        assert [(e["id"], e["event_type"], e["reviewer"]) for e in examples] == [
            (f"newsmon-{item_id}", "hosted_visit", "ben"),  # the newest correction of the type
            (f"newsmon-{other_id}", "donation", "ana"),
        ]
        assert examples[0]["text"] == VISIT[1]
        history = event_store.correction_rows(session, [item_id])[item_id]
        assert [(r.field, r.reviewer) for r in history] == [
            ("partners", "ana"),
            ("event_type", "ana"),
            ("taiwan_party", "ben"),
            ("event_type", "ben"),
        ]


# --- the pipeline's classify stage and the CLI -------------------------------------------------------


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "newsmon.yaml"
    path.write_text(
        f"data_dir: {tmp_path / 'data'}\nclassify:\n  model_dir: models\n"
        "feeds:\n  - {name: one, url: 'https://one.example.tw/rss'}\n",
        encoding="utf-8",
    )
    return path


def seeded(config: Path) -> tuple[Engine, int, int]:
    settings = load_settings(config)
    engine = make_engine(settings.database_url)
    migrate(engine)
    with session_scope(engine) as session:
        visit = add_item(
            session, title=VISIT[0], text=VISIT[1], outlet="測試報", first_seen=NOW, published=NOW
        )
        stocks = add_item(session, title=STOCKS[0], text=STOCKS[1], outlet="測試報", first_seen=NOW)
    return engine, visit, stocks


def test_classify_stage_stores_the_event_of_relevant_items(config: Path) -> None:
    settings = load_settings(config)
    engine, visit, stocks = seeded(config)
    model = classifiers.load_model(None)
    with session_scope(engine) as session:
        relevant = classify.classify_items(session, model, settings, [visit, stocks])
    assert relevant == {visit: True, stocks: False}
    with session_scope(engine) as session:
        events = event_store.model_events(session, [visit, stocks])
    assert set(events) == {visit}
    assert "高雄市" in events[visit].taiwan_party
    assert events[visit].event_date == "2026-11-20"  # 今天, resolved against the publication date
    engine.dispose()


def test_the_events_stage_reads_a_stored_item_s_address(config: Path) -> None:
    """A prefectural paper's 県 and 知事 are its home, which only the item's address names (home.py)."""
    settings = load_settings(config)
    engine = make_engine(settings.database_url)
    migrate(engine)
    text = "台湾・台南市の訪問団12人が10日来県し、知事と会談した。県と台南市は友好交流協定を結んでいる。"
    with session_scope(engine) as session:
        item = add_item(
            session,
            title="台南市の訪問団が来県",
            text=text,
            outlet="熊本日日新聞",
            first_seen=NOW,
            url="https://kumanichi.com/articles/-/20261120",
            lang="ja",
        )
    with session_scope(engine) as session:
        [stored] = store.item_texts(session, [item])
        event = classify.event_stage(stored, UTC)
    assert isinstance(event, Event)
    assert [p.name for p in event.partners] == ["熊本縣"]
    engine.dispose()


def test_a_failing_events_stage_loses_nothing(config: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(config)
    engine, visit, _ = seeded(config)

    def broken(
        title: str | None,
        text: str,
        published: date | str | None = None,
        source: str | None = None,
        home: str | None = None,
    ) -> Event:
        raise RuntimeError("gazetteer exploded")

    monkeypatch.setattr(classify, "extract_event", broken)  # one function's failure, unit-tested
    with session_scope(engine) as session:
        assert classify.classify_items(session, classifiers.load_model(None), settings, [visit]) == {
            visit: True
        }
    with session_scope(engine) as session:
        row = session.scalars(select(Classification).where(Classification.item_id == visit)).one()
        assert row.relevant and row.event is None
        assert row.explanation["event_error"] == "RuntimeError: gazetteer exploded"
    engine.dispose()


def run(config: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--config", str(config), *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_classify_command_and_items_json_show_the_event(config: Path, tmp_path: Path) -> None:
    rows: list[dict[str, Any]] = [
        {"id": 1, "title": VISIT[0], "text": VISIT[1], "published": "2026-11-20T09:00:00+08:00"},
        {"id": 2, "title": STOCKS[0], "text": STOCKS[1]},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run(config, "classify", "--in", str(source), "--out", str(out), "--model", "bundled")
    first, second = (json.loads(line) for line in out.read_text("utf-8").splitlines())
    assert Event.from_dict(first["event"]).taiwan_party == ("高雄市",)
    assert first["event"]["event_date"] == "2026-11-20"
    assert second["event"] is None

    engine, visit, stocks = seeded(config)
    with session_scope(engine) as session:
        classify.classify_items(session, classifiers.load_model(None), load_settings(config), [visit, stocks])
        event_store.record_event_correction(session, visit, "ana", event_type="agreement", at=NOW)
    engine.dispose()
    exported = {row["id"]: row for row in map(json.loads, run(config, "items", "--json").splitlines())}
    assert exported[visit]["event"]["event_type"] == "agreement"  # the reviewer's correction wins
    assert exported[visit]["model_event"] is not None
    assert exported[visit]["event_corrections"] == ["event_type"]
    assert exported[stocks]["event"] is None


def test_refresh_events_fills_relevant_items_and_keeps_corrections(config: Path) -> None:
    settings = load_settings(config)
    engine, visit, stocks = seeded(config)
    with session_scope(engine) as session:  # classified before the events stage existed: no event
        store.record_classification(session, visit, "old", verdict(None))
        store.record_classification(
            session, stocks, "old", replace(verdict(None), labels={"relevant": False})
        )
        event_store.record_event_correction(session, visit, "ana", event_type="agreement", at=NOW)
    assert classify.refresh_events(engine, settings) == 1
    with session_scope(engine) as session:
        assert set(event_store.model_events(session, [visit, stocks])) == {visit}
        add_review_label(session, stocks, "relevant", True, NOW)  # a reviewer's yes makes it the stage's
    assert classify.refresh_events(engine, settings) == 2
    with session_scope(engine) as session:
        assert event_store.effective_events(session, [visit])[visit].event_type is EventType.AGREEMENT
    engine.dispose()
    assert "重新擷取事件" in run(config, "reclassify", "--model", "bundled", "--events")


def test_a_feeds_configured_home_stands_where_the_address_tells_nothing(tmp_path: Path) -> None:
    """A regional paper the gazetteer's list lacks: its feed's ``home`` (config.yaml) is its items' 県."""
    path = tmp_path / "newsmon.yaml"
    path.write_text(
        f"data_dir: {tmp_path / 'data'}\n"
        "feeds:\n  - {name: kyushu-paper, url: 'https://paper.example.jp/rss', lang: ja, home: 熊本縣}\n",
        encoding="utf-8",
    )
    settings = load_settings(path)
    engine = make_engine(settings.database_url)
    migrate(engine)
    text = "台湾・台南市の訪問団12人が10日来県し、知事と会談した。県と台南市は友好交流協定を結んでいる。"
    with session_scope(engine) as session:
        feed = Feed(
            name="kyushu-paper", url="https://paper.example.jp/rss", next_check_at=NOW, created_at=NOW
        )
        session.add(feed)
        session.flush()
        item = add_item(
            session, title="台南市の訪問団が来県", text=text, outlet="九州新聞", first_seen=NOW, lang="ja"
        )
        session.get_one(Item, item).feed_id = feed.id
    with session_scope(engine) as session:
        [stored] = store.item_texts(session, [item])
        assert stored.feed == "kyushu-paper"
        bare = classify.event_stage(stored, UTC)
        homed = classify.event_stage(stored, UTC, None, settings.feed_homes)
    assert isinstance(bare, Event) and isinstance(homed, Event)
    assert [p.name for p in bare.partners] != ["熊本縣"]
    assert [p.name for p in homed.partners] == ["熊本縣"]
    # a relevant item stored without an event: the chapter reads it now, with the same home
    with session_scope(engine) as session:
        store.record_classification(session, item, "m1", verdict(None))
    chapter = load_chapter(engine, settings, "臺南市", date(2026, 11, 1), NOW.date())
    assert [[p.name for p in e.event.event.partners] for e in chapter.entries] == [["熊本縣"]]
    engine.dispose()
