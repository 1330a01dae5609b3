"""Pure parts of the digest: leads, reason tags, verdicts, windows (no database, no SMTP)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from service.config import load_settings, with_overrides
from service.digest.job import due_date, plan_window, send_time
from service.digest.lead import make_lead, partner_label, reason_tags, safe_link, split_sentences
from service.digest.relevance import verdict_of as decide
from service.labels import primary_topic
from service.storage.digests import CandidateRow


def row(relevant: bool | None = True, **labels: bool) -> CandidateRow:
    return CandidateRow(
        item_id=1, first_seen_at=datetime(2026, 11, 19, tzinfo=UTC), outlet="中央社", cluster_id=None,
        relation=None, model_version="m", scores={"taiwan_japan": 0.7, "city_diplomacy": 0.2},
        labels=labels, relevant=relevant, relevance_score=0.7, partner=None, partner_country=None,
        taiwan_party=None, explanation={},
    )  # fmt: skip


def test_chinese_and_english_sentences_split_on_their_own_marks() -> None:
    assert split_sentences("市府今天宣布。雙方將互訪！是否續約？尚未決定") == [
        "市府今天宣布。", "雙方將互訪！", "是否續約？", "尚未決定",
    ]  # fmt: skip
    assert split_sentences("The mayor left on Monday. He met Gov. Kimura! Talks went well.") == [
        "The mayor left on Monday.", "He met Gov.", "Kimura!", "Talks went well.",
    ]  # fmt: skip
    assert split_sentences("他說：「我們會再來。」隨後離開。") == ["他說：「我們會再來。」", "隨後離開。"]
    assert split_sentences("Version 2.5 is out. Done.") == ["Version 2.5 is out.", "Done."]


def test_lead_drops_the_title_and_the_dateline_and_keeps_two_or_three_sentences() -> None:
    text = (
        "台中市長訪問大阪 （中央社記者王小明台中20日電）台中市長今天抵達大阪。"
        "與大阪府知事會面。雙方簽署備忘錄。第四句不該出現。"
    )
    lead = make_lead(text, "台中市長訪問大阪")
    assert lead.startswith("台中市長今天抵達大阪。") and "中央社記者" not in lead
    assert lead.count("。") in (2, 3) and "第四句" not in lead
    long_sentences = "甲" * 300 + "。" + "乙" * 200 + "。"
    assert make_lead(long_sentences).endswith("…") and len(make_lead(long_sentences)) <= 261
    assert make_lead(None) == "" and make_lead("") == ""
    table = (
        "市政新聞 | 標題 | 韓國代表團訪高雄 | | 發布單位 | 秘書處 | | 內容 | 副市長今日接待代表團。雙方交流。"
    )
    assert make_lead(table) == "副市長今日接待代表團。雙方交流。"
    english = "Short one. Another short one. A third sentence here. A fourth."
    assert make_lead(english) == "Short one. Another short one. A third sentence here."


def test_reason_tags_read_the_classifier_explanation() -> None:
    explanation = {
        "reasons": ["臺北市 ↔ 仙台市 (known partner cities)", "視訊會議"],
        "terms": ["視訊會議", "交流協定"],
        "taiwan_japan": [["chars:仙台", 0.4]],
    }
    assert reason_tags(explanation) == ("臺北市 ↔ 仙台市 (known partner cities)", "視訊會議")
    assert reason_tags({"entities": [{"name": "熊本縣", "kind": "jp_place"}, {"kind": "x"}]}) == ("熊本縣",)
    assert reason_tags({"reasons": ["赴日"], "entities": [{"name": "Japan"}]}) == ("赴日",)  # no padding
    assert reason_tags({}) == () and reason_tags({"reasons": "單一理由"}) == ("單一理由",)


def test_newest_human_labels_decide_and_both_topics_list_under_city_diplomacy() -> None:
    model_yes = row(True, taiwan_japan=True)
    assert decide(model_yes, {}).relevant
    assert not decide(model_yes, {"relevant": False}).relevant
    assert decide(row(False), {"relevant": True}).topics == ("taiwan_japan",)  # the model's stronger topic
    assert decide(row(False), {"city_diplomacy": True}).topics == ("city_diplomacy",)
    assert not decide(model_yes, {"taiwan_japan": False}).relevant
    assert primary_topic(("taiwan_japan", "city_diplomacy")) == "city_diplomacy"
    assert (
        partner_label("仙台市", "日本") == "仙台市 (日本)"
        and partner_label(None, None) == "Partner not identified"
    )
    assert safe_link("javascript:alert(1)") is None and safe_link(" https://a.tw/x ") == "https://a.tw/x"


def test_windows_follow_the_local_send_time_and_cap_catch_up() -> None:
    settings = with_overrides(load_settings(), digest={"catch_up_days": 3})
    day = date(2026, 11, 20)
    end = send_time(settings, day)
    assert end == datetime(2026, 11, 19, 23, 30, tzinfo=UTC)  # 07:30 in Taipei
    assert due_date(settings, end) == day and due_date(
        settings, end - timedelta(seconds=1)
    ) == day - timedelta(1)
    assert plan_window(settings, None, day) == (end - timedelta(days=1), end)
    assert plan_window(settings, end - timedelta(days=2), day) == (end - timedelta(days=2), end)
    assert plan_window(settings, end - timedelta(days=30), day) == (end - timedelta(days=3), end)
