"""Scoring events against annotations (our own small cases) and reading a publication date from a URL."""

from __future__ import annotations

from datetime import date

import pytest

from classifiers.events import Event, EventType, Partner, PartnerLevel
from classifiers.events.evaluation import compare, published_from_url, score

KUMAMOTO = Partner("熊本縣", "Kumamoto", "Japan", PartnerLevel.PREFECTURE)
JAPAN = Partner("日本", "Japan", "Japan", PartnerLevel.NATIONAL)


def gold_row(item_id: str, lang: str, event: Event) -> dict[str, object]:
    return {"id": item_id, "lang": lang, **event.to_dict()}


def test_compare_fields() -> None:
    gold = Event(("臺南市",), (KUMAMOTO,), EventType.HOSTED_VISIT, "2026-01-02")
    right = Event(
        ("台南市",), (Partner("熊本県", None, "Japan", PartnerLevel.PREFECTURE),), EventType.HOSTED_VISIT
    )
    result = compare(right, gold)
    assert result["taiwan_party"] and result["partner_country"] and result["partner_city"] and result["all"]
    assert result["event_date"] is False
    national = Event(("national",), (JAPAN,), EventType.POLICY_STATEMENT)
    assert compare(national, national)["partner_city"] is None  # no place partner: the field does not apply


def test_score_per_language() -> None:
    gold = [
        gold_row("a", "zh-Hant", Event(("臺南市",), (KUMAMOTO,), EventType.HOSTED_VISIT)),
        gold_row("b", "ja", Event(("national",), (JAPAN,), EventType.DONATION)),
    ]
    predicted = {"a": Event(("臺南市",), (KUMAMOTO,), EventType.HOSTED_VISIT), "b": Event(("national",))}
    scores = score(predicted, gold)
    assert scores.accuracy("taiwan_party") == 1.0
    assert scores.accuracy("partner_country") == 0.5
    assert scores.accuracy("all", "zh-Hant") == 1.0
    assert scores.accuracy("all", "ja") == 0.0
    assert scores.fields["all"].wrong_ids == ["b"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.tw/aipl/202109300123.aspx", date(2021, 9, 30)),
        ("https://example.com/2019/04/16/story", date(2019, 4, 16)),
        ("https://example.com/news/20160610/123", date(2016, 6, 10)),
        ("https://example.com/gb/13/9/6/n123.htm", date(2013, 9, 6)),
        ("https://example.tw/news/11301040001100W", date(2024, 1, 4)),
        ("https://example.com/a?t=1470766645", date(2016, 8, 9)),
        ("https://example.com/post/151782.html", None),
        (None, None),
    ],
)
def test_published_from_url(url: str | None, expected: date | None) -> None:
    assert published_from_url(url) == expected
