"""The classification stage in the service: CLI commands, storage, training and reclassifying."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers.digest_samples import add_item, add_review_label
from sqlalchemy import Engine, select

import classifiers
from service import classify
from service.cli import main
from service.config import Settings, load_settings
from service.errors import ModelError
from service.i18n import gettext_for
from service.storage import classifications as store
from service.storage import events as event_store
from service.storage.db import make_engine, migrate, session_scope
from service.storage.schema import Classification, Item, ModelVersion, ReviewLabel

NOW = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
VISIT = (
    "日本熊本縣知事率團訪高雄",
    "高雄市長陳其邁今天接待日本熊本縣知事率領的訪問團，雙方慶祝締盟週年並簽署交流備忘錄。",
)
STOCKS = ("台股收盤", "台股今天收盤下跌，外資賣超，電子股走弱，成交量萎縮。")


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "newsmon.yaml"
    path.write_text(
        f"data_dir: {tmp_path / 'data'}\n"
        "classify:\n  model_dir: models\n"
        "feeds:\n  - {name: one, url: 'https://one.example.tw/rss'}\n",
        encoding="utf-8",
    )
    return path


def run(config: Path, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(main, ["--config", str(config), *args])
    assert result.exit_code == code, result.output
    return result.output


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def small_training_set() -> list[dict[str, Any]]:
    return classifiers.bundled_examples()[::8]


def test_classify_command_round_trip(config: Path, tmp_path: Path) -> None:
    source = write_jsonl(
        tmp_path / "in.jsonl",
        [{"id": 1, "title": VISIT[0], "text": VISIT[1]}, {"id": "b", "title": None, "text": STOCKS[1]}],
    )
    out = tmp_path / "out.jsonl"
    output = run(config, "classify", "--in", str(source), "--out", str(out), "--model", "bundled")
    assert "分類 2 則" in output and "1 則相關" in output  # ui.language zh-Hant
    first, second = (json.loads(line) for line in out.read_text("utf-8").splitlines())
    assert first["id"] == 1 and first["title"] == VISIT[0]  # input kept
    assert first["labels"] == {"taiwan_japan": True, "city_diplomacy": True, "relevant": True}
    assert (first["taiwan_party"], first["partner"]) == ("高雄市", "熊本縣")
    assert set(first["scores"]) == {"taiwan_japan", "city_diplomacy", "relevant"}
    assert first["entities"] and first["why"]["reasons"]
    assert second["labels"]["relevant"] is False


def test_classify_command_names_bad_input(config: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    source = write_jsonl(tmp_path / "in.jsonl", [{"title": "x", "text": "ok"}, {"title": "no text"}])
    output = run(config, "classify", "--in", str(source), "--out", str(out), "--model", "bundled", code=2)
    assert "object 2 has no 'text' string" in output
    source.write_text('{"text": "ok"}\nnot json\n', encoding="utf-8")
    output = run(config, "classify", "--in", str(source), "--out", str(out), "--model", "bundled", code=1)
    assert f"{source}:2: not valid JSON" in output
    assert not out.exists()
    write_jsonl(source, [{"title": "x", "text": "ok"}])
    output = run(config, "classify", "--in", str(source), "--out", str(out), "--model", "/tmp", code=1)
    assert "not inside a trusted model directory" in output


def test_evaluate_prints_ours_beside_both_baselines_per_language(config: Path, tmp_path: Path) -> None:
    rows = small_training_set()[:60]
    for number, row in enumerate(rows):
        row["lang"] = "ja" if number % 3 == 0 else "zh-Hant"
    data = write_jsonl(tmp_path / "labelled.jsonl", rows)
    output = run(config, "evaluate", "--data", str(data), "--model", "bundled")
    assert "60 筆樣本" in output and "keyword P" in output and "tfidf P" in output
    table = [line.split() for line in output.splitlines()[2:]]
    assert {(row[0], row[1]) for row in table} == {
        (lang, label)
        for lang in ("all", "zh-Hant", "ja")
        for label in ("taiwan_japan", "city_diplomacy", "relevant")
    }
    figures = json.loads(run(config, "evaluate", "--data", str(data), "--model", "bundled", "--json"))
    assert set(figures) == {"model", "ours", "keyword", "tfidf"}
    assert set(figures["ours"]) == {"all", "zh-Hant", "ja"}
    assert figures["ours"]["all"]["relevant"]["f1"] > figures["keyword"]["all"]["relevant"]["f1"]


def test_evaluate_by_folds_never_scores_an_item_with_a_model_that_saw_its_story(
    config: Path, tmp_path: Path
) -> None:
    rows = labelled_stories(40)
    data = write_jsonl(tmp_path / "labelled.jsonl", rows)
    args = ("evaluate", "--data", str(data), "--folds", "2", "--no-bundled", "--json")
    figures = json.loads(run(config, *args))
    assert figures["model"] == "2-fold (other folds)"
    assert set(figures) == {"model", "ours", "keyword", "tfidf"}
    assert 0.5 < figures["ours"]["all"]["relevant"]["f1"] <= 1.0


def seeded_engine(settings: Settings) -> Engine:
    engine = make_engine(settings.database_url)
    migrate(engine)
    with session_scope(engine) as session:
        for title, text in (VISIT, STOCKS):
            add_item(session, title=title, text=text, outlet="測試報", first_seen=NOW)
    return engine


def test_train_without_a_comparison_keeps_the_model_inactive_then_activate_and_reclassify(
    config: Path, tmp_path: Path
) -> None:
    settings = load_settings(config)
    engine = seeded_engine(settings)
    with session_scope(engine) as session:
        stock_id = session.scalar(select(Item.id).where(Item.title == STOCKS[0]))
        assert stock_id is not None
        add_review_label(session, stock_id, "relevant", False, NOW, reviewer="ana")  # implies both topics
    # Too few labelled stories to hold out MIN_HELDOUT items: nothing is compared, so nothing is activated,
    # and the output says so instead of claiming the new model was worse.
    extra = classifiers.bundled_examples()[::75][: classify.MIN_HELDOUT - 2]
    data = write_jsonl(tmp_path / "extra.jsonl", extra)
    output = run(config, "train", "--data", str(data), "--no-bundled")
    assert "未比較：保留評估的項目只有" in output and "已儲存，未啟用" in output  # ui.language: zh-Hant
    assert "低於原模型" not in output  # never "worse" without a comparison
    with session_scope(engine) as session:
        versions = session.scalars(select(ModelVersion)).all()
        assert len(versions) == 1 and not versions[0].active
        assert versions[0].metrics["heldout"]["examples"] == 0
        assert versions[0].metrics["heldout"]["shortfall"].startswith("only")
        assert versions[0].metrics["sources"] == {"bundled": 0, "data": len(extra), "reviews": 1}
        assert Path(versions[0].path).parent == settings.path("models")
        version = versions[0].version
    assert "未比較（保留評估的項目只有" in run(config, "models", "list")  # the reason, in zh-Hant too
    assert f"已啟用 {version}" in run(config, "models", "activate", version)
    assert "no model version 'nope'" in run(config, "models", "activate", "nope", code=1)

    assert "重新分類 2 則" in run(config, "reclassify")
    assert "重新分類 0 則" in run(config, "reclassify")  # nothing left for this model
    with session_scope(engine) as session:
        rows = session.scalars(select(Classification)).all()
        assert {row.model_version for row in rows} == {version}
        labels = session.scalars(select(ReviewLabel)).all()
        assert [(row.label, row.value, row.reviewer) for row in labels] == [("relevant", False, "ana")]
    # The same data again: nothing is trained and no folder is written.
    output = run(config, "train", "--data", str(data), "--no-bundled")
    assert output.startswith(f"未訓練：這 {len(extra) + 1} 筆樣本與 {version} 訓練時所用的相同")
    assert len(list(settings.path("models").iterdir())) == 1
    engine.dispose()


def labelled_stories(count: int, seed: int = 0) -> list[dict[str, Any]]:
    """Labelled examples of our own, two write-ups per story, half of the stories relevant."""
    bundled = classifiers.bundled_examples()
    relevant = [e for e in bundled if e.get("taiwan_japan") or e.get("city_diplomacy")][seed::7]
    other = [e for e in bundled if not (e.get("taiwan_japan") or e.get("city_diplomacy"))][seed::7]
    rows: list[dict[str, Any]] = []
    for number in range(count):
        source = (relevant if number % 2 else other)[number // 2]
        for copy in ("", "（更新）"):
            rows.append({**source, "title": f"{source.get('title') or ''}{copy}", "story_id": f"s{number}"})
    return rows


def test_heldout_keeps_whole_stories_apart_and_states_its_minimum() -> None:
    examples = labelled_stories(60)
    held = classify.split_heldout(examples, None)
    assert held.heldout and not held.shortfall and held.how == "stories"
    assert len(held.heldout) >= classify.MIN_HELDOUT
    assert {e["story_id"] for e in held.heldout}.isdisjoint({e["story_id"] for e in held.fit})
    assert len(held.fit) + len(held.heldout) == len(examples)
    small = classify.split_heldout(labelled_stories(8), None)
    assert small.heldout == [] and small.shortfall is not None
    assert "a comparison needs at least 30" in small.shortfall.text()


def test_train_compares_on_heldout_stories_and_prunes_old_versions(config: Path, tmp_path: Path) -> None:
    config.write_text(
        config.read_text("utf-8").replace("model_dir: models\n", "model_dir: models\n  keep_models: 1\n")
    )
    settings = load_settings(config)
    engine = seeded_engine(settings)
    messages = []
    for seed in range(3):
        data = write_jsonl(tmp_path / f"labelled-{seed}.jsonl", labelled_stories(40, seed))
        messages.append(run(config, "train", "--data", str(data), "--no-bundled"))
    for output in messages:
        assert "保留評估（" in output
        assert ("已啟用：在" in output) or ("沿用目前的模型：在" in output)
    with session_scope(engine) as session:
        versions = session.scalars(select(ModelVersion)).all()
        inactive = [v for v in versions if not v.active]
        assert len(inactive) <= 1  # keep_models: 1 (the active one is always kept)
        assert all(v.metrics["heldout"]["examples"] >= classify.MIN_HELDOUT for v in versions)
        kept = {Path(v.path).name for v in versions}
    assert {folder.name for folder in settings.path("models").iterdir()} == kept
    engine.dispose()


def test_classify_stage_records_and_reclassify_keeps_human_labels(engine: Engine, tmp_path: Path) -> None:
    settings = load_settings(None).model_copy(update={"data_dir": str(tmp_path)})
    model = classifiers.load_model()
    with session_scope(engine) as session:
        visit = add_item(session, title=VISIT[0], text=VISIT[1], outlet="甲報", first_seen=NOW)
        stocks = add_item(session, title=STOCKS[0], text=STOCKS[1], outlet="乙報", first_seen=NOW)
        add_review_label(session, stocks, "relevant", False, NOW)
    stage = classify.classify_stage(model, settings)
    with session_scope(engine) as session:
        assert stage(session, visit) is True
        assert stage(session, stocks) is False
    with session_scope(engine) as session:
        row = session.get_one(Classification, session.get_one(Item, visit).classification_id)
        assert row.relevant and row.model_version == model.version and row.partner == "熊本縣"
        assert row.explanation["reasons"][0].startswith("高雄市 ↔ 熊本縣")
        assert store.items_to_classify(session, model.version) == []
    # Running again replaces the row for the same model version rather than adding one.
    assert classify.reclassify(engine, settings, model) == 0
    with session_scope(engine) as session:
        classify.classify_items(session, model, settings, [visit, stocks])
    with session_scope(engine) as session:
        assert len(session.scalars(select(Classification)).all()) == 2
        assert [(r.label, r.value) for r in session.scalars(select(ReviewLabel))] == [("relevant", False)]


def test_untrusted_active_model_is_refused_with_the_service_error(engine: Engine, tmp_path: Path) -> None:
    settings = load_settings(None).model_copy(update={"data_dir": str(tmp_path)})
    with session_scope(engine) as session:
        store.record_model_version(session, "v-evil", "/tmp/evil", {}, active=True)
    with session_scope(engine) as session, pytest.raises(ModelError, match="trusted model directory"):
        classify.load_active_model(session, settings)


def test_reviewer_labels_win_over_other_sources() -> None:
    bundled = [{"title": "t", "text": "same", "taiwan_japan": False, "city_diplomacy": False}]
    extra = [{"title": "t", "text": "same", "taiwan_japan": True, "city_diplomacy": False}]
    reviewed = [{"title": "t", "text": "same", "taiwan_japan": False, "city_diplomacy": True}]
    merged = classify.merge_examples(bundled, extra, reviewed)
    assert len(merged) == 1 and merged[0]["city_diplomacy"] is True
    assert classify.merge_examples(bundled, extra, [])[0]["taiwan_japan"] is True


def test_an_active_model_from_another_format_gives_way_to_the_bundled_one(
    engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = load_settings(None).model_copy(update={"data_dir": str(tmp_path)})
    folder = classify.model_dir(settings) / "old-format"
    classifiers.save_model(classifiers.load_model(), folder)
    metadata = folder / "metadata.json"
    metadata.write_text(metadata.read_text("utf-8").replace('"format": 2', '"format": 1'), "utf-8")
    with session_scope(engine) as session:
        store.record_model_version(session, "old-format", str(folder), {}, active=True)
    with session_scope(engine) as session:
        model = classify.load_active_model(session, settings)
    assert model.version == classifiers.load_model().version
    assert "cannot be used" in caplog.text and "old-format" in caplog.text


# Reviewers who type tourism talks with a visiting city as trade (a house rule the rules do not know), and
# trips abroad as visits: 20 of each, in our own words.
CITIES = ("仙台", "金澤", "松山", "熊本", "高松", "函館", "青森", "鹿兒島", "長崎", "岡山")


def tourism_talks(number: int) -> tuple[str, str]:
    city = CITIES[number % len(CITIES)]
    return (
        f"{city}市觀光團隊來訪 第{number}場觀光推廣洽談",
        f"臺南市長今天接待日本{city}市訪問團，雙方就觀光客源、包機航線與旅遊套票進行第{number}次洽談。",
    )


def trip_abroad(number: int) -> tuple[str, str]:
    city = CITIES[number % len(CITIES)]
    return (
        f"臺南市長率團訪問{city}市 第{number}天行程",
        f"臺南市長今天率領市府團隊前往日本{city}市訪問，拜會{city}市長並參觀當地第{number}座文化設施。",
    )


def test_train_learns_the_event_type_from_reviewers_corrections(config: Path) -> None:
    settings = load_settings(config)
    engine = seeded_engine(settings)
    with session_scope(engine) as session:
        for number in range(20):
            for write, kind in ((tourism_talks, "trade_investment"), (trip_abroad, "visit_abroad")):
                title, text = write(number)
                item = add_item(session, title=title, text=text, outlet="測試報", first_seen=NOW)
                event_store.record_event_correction(session, item, "ana", event_type=kind, at=NOW)
    report = classify.train_model(
        engine, settings, small_training_set(), include_bundled=False, force_activate=True
    )
    assert "事件類型改由 40 筆審閱項目學得的模型判斷" in report.text(gettext_for("zh-Hant"))
    with session_scope(engine) as session:
        model = classify.load_active_model(session, settings)
        [version] = session.scalars(select(ModelVersion)).all()
        assert version.metrics["event_type"]["chosen"] == "learned"
        assert (
            version.metrics["event_type"]["rules_accuracy"]
            < version.metrics["event_type"]["learned_accuracy"]
        )
        title, text = tourism_talks(99)
        new = add_item(session, title=title, text=text, outlet="測試報", first_seen=NOW)
    assert model.event_type is not None
    with session_scope(engine) as session:
        [stored] = store.item_texts(session, [new])
        event = classify.event_stage(stored, UTC, model.event_type)
        by_rules = classify.event_stage(stored, UTC)
    assert isinstance(event, classifiers.events.Event) and isinstance(by_rules, classifiers.events.Event)
    assert by_rules.event_type != "trade_investment"  # the rules' own reading
    assert event.event_type == "trade_investment"
    assert [e.field for e in event.evidence if e.field.startswith("event_type")] == ["event_type_learned"]
    # The same labels and corrections again: nothing is trained; one more correction is new data.
    assert (
        classify.train_model(engine, settings, small_training_set(), include_bundled=False).new_version
        is None
    )
    with session_scope(engine) as session:
        event_store.record_event_correction(session, new, "ben", event_type="trade_investment", at=NOW)
    assert (
        classify.train_model(engine, settings, small_training_set(), include_bundled=False).new_version
        is not None
    )
    engine.dispose()


def test_too_few_corrections_leave_the_event_type_to_the_rules(config: Path) -> None:
    settings = load_settings(config)
    engine = seeded_engine(settings)
    report = classify.train_model(
        engine, settings, small_training_set(), include_bundled=False, force_activate=True
    )
    assert "事件類型仍由規則判斷：已審閱 0 筆，學習模型需要 30 筆" in report.text(gettext_for("zh-Hant"))
    with session_scope(engine) as session:
        assert classify.load_active_model(session, settings).event_type is None
    engine.dispose()
