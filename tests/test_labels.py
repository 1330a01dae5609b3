"""The label rule (service.labels) and every place that reads it: the same cases through the rule itself,
the item page (``effective_labels``), the daily digest, the period report and the training export, on a
real SQLite file. A consumer with its own copy of the rule would disagree with one of these rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers.review_seed import NOW, add_item
from sqlalchemy import Engine

import classifiers
from service import labels
from service.config import load_settings
from service.digest.build import BuildOptions, load_digest
from service.digest.report import load_report
from service.labels import LABELS, TOPICS, decide, training_labels
from service.storage import labels as label_store
from service.storage import review
from service.storage.db import make_engine, migrate, session_scope
from service.storage.labels import reviewer_labels
from service.storage.schema import ReviewLabel


@dataclass(frozen=True)
class Case:
    name: str
    model: dict[str, bool] | None  # the model's topic labels; None: not classified
    human: dict[str, bool]  # the reviewers' newest decision per label
    relevant: bool
    topics: tuple[str, ...]
    exported: bool  # a training example (reviewed, and every label known without a guess)


CASES = [
    Case("model yes, nobody reviewed", {"taiwan_japan": True, "city_diplomacy": False}, {}, True,
         ("taiwan_japan",), False),
    Case("model taiwan_japan, reviewer taiwan_japan = no", {"taiwan_japan": True, "city_diplomacy": False},
         {"taiwan_japan": False}, False, (), True),
    Case("model no, reviewer relevant without a topic", {"taiwan_japan": False, "city_diplomacy": False},
         {"relevant": True}, True, ("taiwan_japan",), False),
    Case("model no, reviewer city diplomacy", {"taiwan_japan": False, "city_diplomacy": False},
         {"city_diplomacy": True, "relevant": True}, True, ("city_diplomacy",), True),
    Case("model both, reviewer not relevant", {"taiwan_japan": True, "city_diplomacy": True},
         {"relevant": False, "taiwan_japan": False, "city_diplomacy": False}, False, (), True),
    Case("model both, reviewer only 'not relevant'", {"taiwan_japan": True, "city_diplomacy": True},
         {"relevant": False}, False, (), True),
    Case("reviewer moves the topic", {"taiwan_japan": True, "city_diplomacy": False},
         {"taiwan_japan": False, "city_diplomacy": True, "relevant": True}, True, ("city_diplomacy",), True),
    Case("relevant, the topic the reviewer rejected is not guessed",
         {"taiwan_japan": False, "city_diplomacy": False}, {"relevant": True, "taiwan_japan": False}, True,
         ("city_diplomacy",), False),
    Case("model no, nobody reviewed", {"taiwan_japan": False, "city_diplomacy": False}, {}, False, (), False),
    Case("not classified, reviewer taiwan_japan", None, {"taiwan_japan": True, "relevant": True}, True,
         ("taiwan_japan",), False),
]  # fmt: skip


# One distinct story per case (our own writing), so no two cases are one event or near copies in the digest.
STORIES = [
    ("高雄市長率團訪問熊本縣 洽談觀光合作", "高雄市長今日抵達熊本，與縣知事討論包機航線與觀光推廣。"),
    ("日本交流協會代表拜會經濟部 談半導體", "交流協會代表與經濟部次長會面，交換供應鏈韌性的看法。"),
    ("台中市議會考察團赴靜岡 參訪防災中心", "考察團參觀靜岡縣防災中心，了解地震預警與避難演練。"),
    ("台南市與松山市簽署友好交流協定", "兩市在台南市政府簽署協定，約定每年互派中學生交流。"),
    ("新竹市長接見仙台市議員訪問團", "雙方就科技園區與城市治理交換經驗，並互贈紀念品。"),
    ("嘉義縣與岩手縣續簽農產品行銷備忘錄", "縣府表示將在盛岡舉辦嘉義水果展售會，推廣鳳梨與芒果。"),
    ("外交部歡迎日本眾議員訪台 強調民主夥伴", "外交部長設宴款待訪問團，感謝日方長期支持台灣參與國際組織。"),
    ("桃園市與千葉市青少年棒球交流賽開打", "兩市少棒隊在桃園進行友誼賽，賽後交換球帽與隊旗。"),
    ("颱風過境 東部交通中斷", "強風豪雨造成東部多處道路坍方，公路局正搶修中。"),
    ("屏東縣長出席鹿兒島縣花卉博覽會開幕", "縣長在開幕典禮致詞，並參觀屏東蘭花展區。"),
]


def test_the_topic_list_is_the_classifiers_list() -> None:
    assert TOPICS == classifiers.model.LABELS and LABELS == classifiers.model.ALL_LABELS
    assert set(labels.TOPIC_TITLES) == set(TOPICS) == set(labels.TOPIC_TAGS)
    assert set(load_settings().classify.thresholds) == set(TOPICS)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_rule(case: Case) -> None:
    model = None if case.model is None else {**case.model, "relevant": any(case.model.values())}
    verdict = decide(case.human, model, {"taiwan_japan": 0.4, "city_diplomacy": 0.3})
    assert (verdict.relevant, verdict.topics) == (case.relevant, case.topics)
    assert verdict.labels["relevant"] == case.relevant
    if case.human:  # the export reads reviewed items only
        assert (training_labels(case.human, model) is not None) == case.exported


def test_a_person_s_decision_wins_and_no_means_no() -> None:
    verdict = decide({"taiwan_japan": False}, {"taiwan_japan": True, "city_diplomacy": False})
    assert not verdict.relevant and verdict.by_reviewer and not verdict.human_yes
    assert not verdict.human_no  # rejecting one topic is not rejecting the item (the digest's veto)
    assert decide({"taiwan_japan": False, "city_diplomacy": False}, None).human_no
    assert decide({}, {"taiwan_japan": True}).by_reviewer is False
    guessed = decide(
        {"relevant": True}, {"taiwan_japan": False}, {"taiwan_japan": 0.1, "city_diplomacy": 0.3}
    )
    assert guessed.topics == ("city_diplomacy",) and guessed.topic_guessed
    assert decide({"taiwan_japan": True}, None).complete is False
    assert decide({"relevant": False}, None).labels == dict.fromkeys(LABELS, False)


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[Engine, Path, dict[str, int]]:
    """One item per case, first seen at NOW, with its classification and its reviewers' rows."""
    config = tmp_path / "config.yaml"
    feeds = [{"name": "sample", "url": "https://news.example.tw/rss"}]
    config.write_text(yaml.safe_dump({"data_dir": str(tmp_path / "data"), "feeds": feeds}), encoding="utf-8")
    settings = load_settings(config)
    engine = make_engine(settings.database_url)
    migrate(engine)
    ids: dict[str, int] = {}
    with session_scope(engine) as session:
        for number, case in enumerate(CASES):
            title, text = STORIES[number]
            ids[case.name] = add_item(
                session,
                title,
                text,
                score=None if case.model is None else 0.9,
                labels=case.model,
                url=f"https://news.example.tw/case/{number}",
            )
            for label, value in case.human.items():
                session.add(
                    ReviewLabel(
                        item_id=ids[case.name], label=label, value=value, reviewer="t", created_at=NOW
                    )
                )
    return engine, config, ids


def test_every_consumer_reads_the_same_rule(seeded: tuple[Engine, Path, dict[str, int]]) -> None:
    engine, config, ids = seeded
    settings = load_settings(config)
    options = BuildOptions(settings.tz, None, 100, dict.fromkeys(TOPICS, 0.5), 0.15, maybe_section=False)
    with session_scope(engine) as session:
        digest = load_digest(session, NOW.date(), NOW - timedelta(hours=1), NOW + timedelta(hours=1), options)
        pages = {name: review.item_detail(session, item_id).effective_labels for name, item_id in ids.items()}
        exported: dict[str, Any] = {row["id"]: row for row in reviewer_labels(session)}
    day = NOW.astimezone(settings.tz).date()
    report = load_report(engine, settings, day, day)
    engine.dispose()
    in_digest = {s.item_id: s for t in digest.topics for p in t.partners for s in p.stories}
    in_report = {s.item_id: s for t in report.topics for p in t.partners for s in p.stories}
    for case in CASES:
        item_id = ids[case.name]
        page = pages[case.name]
        assert page["relevant"] == case.relevant, f"item page: {case.name}"
        assert tuple(t for t in TOPICS if page[t]) == case.topics, f"item page: {case.name}"
        assert (item_id in in_digest) == case.relevant, f"digest: {case.name}"
        assert (item_id in in_report) == case.relevant, f"report: {case.name}"
        if case.relevant:
            assert in_digest[item_id].tags == tuple(labels.TOPIC_TAGS[t] for t in case.topics), case.name
            assert in_report[item_id].topic == in_digest[item_id].topic == labels.primary_topic(case.topics)
        example = exported.get(f"newsmon-{item_id}")
        assert (example is not None) == case.exported, f"export: {case.name}"
        if example is not None:
            assert {name: example[name] for name in LABELS} == page, f"export: {case.name}"


def test_confirm_stores_what_the_page_shows(seeded: tuple[Engine, Path, dict[str, int]]) -> None:
    engine, _config, ids = seeded
    with session_scope(engine) as session:
        for case in CASES:
            if case.model is None:
                continue
            shown = review.item_detail(session, ids[case.name]).effective_labels
            later = NOW + timedelta(minutes=5)
            assert label_store.confirm_model(session, ids[case.name], "t2", later) == shown
            assert review.item_detail(session, ids[case.name]).effective_labels == shown, case.name
    engine.dispose()
