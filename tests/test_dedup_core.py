"""Unit tests of the pure dedup core on texts we wrote (tests/fixtures/dedup)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from service.dedup.core import (
    DUPLICATE,
    ORIGINAL,
    VERSION,
    Deduper,
    Document,
    Thresholds,
    judge,
    source_rank,
)
from service.dedup.fingerprint import band_keys, fingerprint, minhash, shingle_sequence
from service.dedup.normalize import normalize_numbers, normalize_text, numeral_value, strip_bylines

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dedup"
DAY = datetime(2026, 1, 12, 2, 0, tzinfo=UTC)


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("（中央社記者林小華台南12日電）台南市長", "台南市長"),
        ("中央社／ 台北5日電\n歐洲議會", "歐洲議會"),
        ("〔記者張美玲／台南報導〕台南市長", "台南市長"),
        ("【記者吳惠民桃園報導】桃園市長", "桃園市長"),
        ("【綜合報導】日本首相", "日本首相"),
        ("[記者張世昌/台中報導]\n副市長", "副市長"),
        ("記者賴文萱／高雄報導\n高雄市長", "高雄市長"),
        ("讓城市交流更加緊密。（編輯：陳大明）1150112", "讓城市交流更加緊密"),
        ("熊本縣廳組成訪美團。（高市府提供）", "熊本縣廳組成訪美團"),
        ("詳見 https://www.tainan.gov.tw/News.aspx?n=1&s=2 網站", "詳見網站"),
    ],
)
def test_bylines_datelines_footers_and_links_are_stripped(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_byline_stripping_leaves_ordinary_brackets_alone() -> None:
    text = "市長表示（詳見附件）將持續推動交流"
    assert strip_bylines(text) == text


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十萬四三四八", "104348"),
        ("10萬4348", "104348"),
        ("二0一六", "2016"),
        ("十九", "19"),
        ("三千二百", "3200"),
    ],
)
def test_numeral_values(numeral: str, value: str) -> None:
    assert numeral_value(numeral) == value


@pytest.mark.parametrize(
    "variants",
    [
        ("十萬四三四八人次", "10萬4348人次", "１０萬４３４８人次"),
        ("二0一六年", "2016年", "２０１６年"),
        ("上升百分之十一點九", "上升11.9%", "上升１１．９％"),
        ("今年第二周", "今年第2周"),
        ("臺南市", "台南市"),
    ],
)
def test_numbers_and_variants_written_differently_normalise_alike(variants: tuple[str, ...]) -> None:
    assert len({normalize_text(v) for v in variants}) == 1


def test_plain_numbers_are_untouched() -> None:
    assert normalize_numbers("0403大地震與3.5級餘震") == "0403大地震與3.5級餘震"


def test_fingerprints_are_stable_and_fit_signed_64_bit() -> None:
    norm = normalize_text(fixture("press_release"))
    sequence = shingle_sequence(norm)
    assert sequence.size == len(norm) - 4
    keys = band_keys(minhash(np.unique(sequence)))
    assert keys.dtype == np.int64
    assert keys.tolist() == band_keys(minhash(np.unique(shingle_sequence(norm)))).tolist()
    # pinned values: a change of hashing would orphan every band hash already stored in SQL
    assert int(shingle_sequence("台南市長今日")[0]) == 3783234706
    assert (
        int(band_keys(minhash(np.unique(shingle_sequence("台南市長今日接見訪問團"))))[0])
        == -1087494207547297432
    )


def test_copies_with_different_bylines_and_numbers_are_exact_duplicates() -> None:
    own = fingerprint(normalize_text(fixture("press_release")))
    cna = fingerprint(normalize_text(fixture("press_release_cna")))
    assert own.exact == cna.exact
    match = judge(cna, own, Thresholds())
    assert match is not None and match.reason == "exact"


def test_shortened_copy_is_a_near_duplicate() -> None:
    own = fingerprint(normalize_text(fixture("press_release")))
    ltn = fingerprint(normalize_text(fixture("press_release_ltn")))
    match = judge(ltn, own, Thresholds())
    assert match is not None and match.reason in {"jaccard", "containment"}


def test_unrelated_story_does_not_match() -> None:
    own = fingerprint(normalize_text(fixture("press_release")))
    other = fingerprint(normalize_text(fixture("other_story")))
    assert judge(other, own, Thresholds()) is None


def doc(name: str, **fields: object) -> Document:
    values: dict[str, object] = {"id": name, "text": fixture(name), "published": DAY}
    values.update(fields)
    return Document(**values)  # type: ignore[arg-type]


def test_outlets_join_the_first_items_cluster_and_cna_becomes_canonical() -> None:
    deduper = Deduper()
    first = deduper.add(doc("press_release", url="https://www.tainan.gov.tw/news/1"))
    assert (first.cluster, first.relation) == ("press_release", ORIGINAL)
    ltn = deduper.add(doc("press_release_ltn", url="https://news.ltn.com.tw/news/2"))
    cna = deduper.add(doc("press_release_cna", url="https://www.cna.com.tw/news/3"))
    other = deduper.add(doc("other_story", url="https://news.ltn.com.tw/news/4"))
    assert (ltn.cluster, ltn.relation) == ("press_release", DUPLICATE)
    assert (cna.cluster, cna.relation, cna.reason) == ("press_release", DUPLICATE, "exact")
    assert (other.cluster, other.relation) == ("other_story", ORIGINAL)
    # the city's own site already carries the original source, so it stays canonical
    assert deduper.canonical_of("press_release") == "press_release"


def test_cna_copy_becomes_canonical_over_a_reprint() -> None:
    deduper = Deduper()
    deduper.add(doc("press_release_ltn", url="https://news.ltn.com.tw/news/2"))
    deduper.add(doc("press_release_cna", url="https://www.cna.com.tw/news/3"))
    assert deduper.canonical_of("press_release_ltn") == "press_release_cna"
    assert source_rank(doc("press_release_cna")) == 1


def test_rss_lead_is_contained_in_the_full_article() -> None:
    deduper = Deduper()
    deduper.add(doc("press_release", url="https://example.org/a"))
    lead = deduper.add(doc("press_release_lead", url="https://example.net/b"))
    assert (lead.cluster, lead.relation, lead.reason) == ("press_release", DUPLICATE, "containment")


def test_updated_text_from_the_same_url_or_outlet_is_a_version() -> None:
    deduper = Deduper()
    deduper.add(doc("press_release", url="https://www.tainan.gov.tw/news/1"))
    update = deduper.add(
        doc("press_release_update", url="https://www.tainan.gov.tw/news/1?v=2", outlet="tainan.gov.tw")
    )
    assert (update.cluster, update.relation) == ("press_release", VERSION)
    assert deduper.canonical_of("press_release") == "press_release_update"  # the latest text is shown
    same_url = deduper.add(
        Document("p3", fixture("other_story"), url="https://www.tainan.gov.tw/news/1", published=DAY)
    )
    assert (same_url.cluster, same_url.relation, same_url.reason) == ("press_release", VERSION, "url")


def test_templated_weather_reports_of_different_days_are_not_merged() -> None:
    deduper = Deduper()
    deduper.add(doc("weather_day1"))
    next_day = deduper.add(doc("weather_day2", published=DAY + timedelta(days=1)))
    assert next_day.relation == ORIGINAL
    repeat = deduper.add(Document("again", fixture("weather_day1"), published=DAY + timedelta(days=1)))
    assert (repeat.cluster, repeat.relation) == ("weather_day1", DUPLICATE)  # same numbers: same report


def test_documents_outside_the_window_start_a_new_cluster() -> None:
    deduper = Deduper(window=timedelta(days=14))
    deduper.add(doc("press_release"))
    late = deduper.add(doc("press_release_cna", published=DAY + timedelta(days=15)))
    assert late.relation == ORIGINAL


def test_empty_text_falls_back_to_the_title() -> None:
    deduper = Deduper()
    deduper.add(Document("a", "", title="台南市長接見鳥取縣知事訪問團"))
    second = deduper.add(Document("b", " ", title="臺南市長接見鳥取縣知事訪問團"))
    assert second.cluster == "a"


def test_empty_texts_are_not_merged_with_each_other() -> None:
    deduper = Deduper()
    assert deduper.add(Document("a", "（圖／記者攝）")).relation == ORIGINAL
    assert deduper.add(Document("b", "。。。")).relation == ORIGINAL
