"""Event types from the annotation conventions, on our own sentences (zh-Hant and ja)."""

from __future__ import annotations

import pytest

from classifiers.events import EventType, extract_event


@pytest.mark.parametrize(
    ("title", "text", "kind"),
    [
        (
            None,
            "衛福部今天公告，日本五縣食品即日起全面解禁，日本政府表示歡迎。",
            EventType.TRADE_INVESTMENT,
        ),
        (
            "新任駐日代表抵達東京履新",
            "新任駐日代表今天下午抵達羽田機場，將盡速到任，並強調台日在經濟、半導體與觀光的交流已達新高。",
            EventType.OTHER,
        ),
        (
            None,
            "台南市政府今天發表「台南走向世界：城市外交十年回顧」專刊，收錄市府前往日本與歐洲的交流紀錄。",
            EventType.OTHER,
        ),
        (
            None,
            "駐大阪辦事處今天舉辦新年餐會，處長與日本台灣交流協會理事同台致詞，感謝各界支持。",
            EventType.OTHER,
        ),
        (
            None,
            "教育部今天舉辦台日高中生教育旅行交流20周年紀念活動啟動儀式，回顧雙方師生互訪成果。",
            EventType.ANNIVERSARY,
        ),
        (
            "議會締盟10週年 台南與日本宮崎縣簽友好備忘錄",
            "台南市議會今天與日本宮崎縣議會舉行締盟十週年慶祝晚會，同時簽訂友好交流備忘錄。",
            EventType.AGREEMENT,
        ),
    ],
)
def test_event_types_of_the_conventions(title: str | None, text: str, kind: EventType) -> None:
    assert extract_event(title, text, "2026-01-06").event_type == kind


def test_without_a_taiwanese_party_a_japanese_item_is_seen_from_japan() -> None:
    event = extract_event(
        "アメリカの姉妹都市 鎌倉市長を表敬訪問",
        "鎌倉市 アメリカの姉妹都市から市長ら表敬\n"
        "アメリカ・シアトル市の市長らが5月7日、鎌倉市長を表敬訪問しました。",
        "2026-05-08",
    )
    assert event.taiwan_party == ()
    assert event.event_type == EventType.HOSTED_VISIT


def test_a_pact_signed_years_ago_is_not_the_event_of_an_english_visit_report() -> None:
    """'N years since they signed' tells of an old pact, as 以來 does after one: the visit is the news."""
    text = (
        "The governor of Saga Prefecture led a delegation to Taoyuan yesterday, where the two sides agreed to"
        " hold joint events next year to mark 10 years since they signed a friendship agreement."
    )
    event = extract_event("Saga governor visits Taoyuan", text, None)
    assert event.event_type == EventType.HOSTED_VISIT
