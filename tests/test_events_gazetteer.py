"""The events gazetteer's coverage abroad: every Philippine province, sister cities in the United States,
cities of European and Asian city diplomacy; English names that are ordinary words are not places."""

from __future__ import annotations

import pytest

from classifiers.events import extract_event
from classifiers.events.places import FOREIGN_SUB, PlaceIndex


def test_every_philippine_province_has_a_chinese_name() -> None:
    pycountry = pytest.importorskip("pycountry")
    provinces = {s.code for s in pycountry.subdivisions.get(country_code="PH") if s.type == "Province"}
    index = PlaceIndex.load()
    named = {p.name_en for p in index.places if p.kind == FOREIGN_SUB and p.country == "Philippines"}
    english = {pycountry.subdivisions.get(code=code).name for code in provinces}
    assert english <= named, sorted(english - named)


@pytest.mark.parametrize(
    ("text", "partner", "country"),
    [
        ("新北市長今天接見美國加州鑽石吧市市長，雙方盼擴大學生交流。", "鑽石吧市", "United States"),
        ("台南市長今天率團抵達美國佛羅里達州奧蘭多，拜會奧蘭多市長。", "奧蘭多", "United States"),
        ("台中市長今天接見荷蘭安荷芬市長，雙方簽署智慧城市合作備忘錄。", "安荷芬", "Netherlands"),
        ("屏東縣長今天率團拜會菲律賓北三寶顏省省長，討論農業技術合作。", "北三寶顏省", "Philippines"),
        ("高雄市長今天接見韓國統營市市長一行，雙方盼推動海洋觀光交流。", "統營市", "South Korea"),
        ("新竹市長今天接見以色列特拉維夫副市長，雙方交流新創產業經驗。", "特拉維夫", "Israel"),
        # (read on the seventy-ninth batch: German states, Polish voivodeships, US counties)
        ("新竹市長今天率團拜會德國薩克森邦經濟部，討論半導體人才合作。", "薩克森邦", "Germany"),
        ("新北市長今天率團拜會波蘭小波蘭省省長，雙方簽署觀光合作備忘錄。", "小波蘭省", "Poland"),
        ("高雄市今天宣布捐款協助夏威夷茂宜郡野火後重建。", "茂宜郡", "United States"),
        ("邁阿密戴德郡長今天拜會高雄市長，雙方交流郵輪港經驗。", "邁阿密戴德郡", "United States"),
    ],
)
def test_partners_abroad_are_in_the_gazetteer(text: str, partner: str, country: str) -> None:
    event = extract_event(None, text, "2026-07-01")
    assert (partner, country) in {(p.name, p.country) for p in event.partners}


def test_english_words_that_name_provinces_elsewhere_are_not_places() -> None:
    event = extract_event(
        "Taichung mayor opens antique fair",
        "The Taichung mayor opened an antique fair under the aurora lights of a winter festival with "
        "Japanese guests from Kumamoto.",
        "2026-02-01",
    )
    assert "Philippines" not in {p.country for p in event.partners}


def test_japans_representative_in_taiwan_speaks_for_the_exchange_association() -> None:
    event = extract_event(None, "台南市長今天接見日本駐台代表，雙方就觀光與教育交流交換意見。", "2026-03-03")
    assert [p.name for p in event.partners] == ["日本台灣交流協會"]
