"""Office holders whose post changed: the party their name stands for follows the item's date or the title
beside the name (our own sentences)."""

from __future__ import annotations

import pytest

from classifiers.events import NATIONAL_PARTY, extract_event

_CALL = "{name}今天接見日本群馬縣知事一行，雙方就觀光與產業交流交換意見。"


@pytest.mark.parametrize(
    ("name", "published", "party"),
    [
        ("賴清德", "2025-03-02", NATIONAL_PARTY),  # President since 2024
        ("賴清德", "2015-03-02", "臺南市"),  # Tainan's mayor then
        ("林佳龍", "2016-05-10", "臺中市"),
        ("林佳龍", "2025-05-10", NATIONAL_PARTY),  # foreign minister
        ("陳菊", "2012-11-01", "高雄市"),
    ],
)
def test_a_name_stands_for_the_post_held_when_the_item_was_published(
    name: str, published: str, party: str
) -> None:
    assert extract_event(None, _CALL.format(name=name), published).taiwan_party == (party,)


def test_a_title_beside_the_name_names_the_post_without_a_date() -> None:
    local = extract_event(None, "台南市長賴清德今天接見日本群馬縣知事一行。", None)
    assert local.taiwan_party == ("臺南市",)
    national = extract_event(None, "賴清德總統今天接見日本群馬縣知事一行。", None)
    assert national.taiwan_party == (NATIONAL_PARTY,)
    # the title once, then the bare name: the same post
    event = extract_event(
        "賴清德接見群馬縣知事",
        "台南市長賴清德今天在市府接見日本群馬縣知事一行，賴清德表示歡迎雙方擴大交流。",
        None,
    )
    assert event.taiwan_party == ("臺南市",)


def test_without_a_date_the_years_the_item_names_date_it() -> None:
    event = extract_event(None, "2013年亞太城市高峰會前夕，陳菊接見日本熊本縣知事一行。", None)
    assert event.taiwan_party == ("高雄市",)


def test_a_person_whose_name_starts_with_a_country_is_not_that_country() -> None:
    event = extract_event(
        "韓國瑜率團出訪", "立法院長韓國瑜今天率團出訪，韓國瑜表示此行將拜會多位友台議員。", "2025-04-01"
    )
    assert "South Korea" not in {p.country for p in event.partners}
    assert event.taiwan_party == (NATIONAL_PARTY,)


def test_a_former_officer_of_a_county_does_not_make_it_a_party() -> None:
    event = extract_event(
        "日高校生修學旅行 鹿港高中熱情交流",
        "日本大阪一所高校師生昨日專程到彰化縣鹿港鎮，與國立鹿港高中交流，鹿港高中安排表演歡迎。"
        "促成此行的彰化縣政府前觀光處長表示，日本高校修學旅行一團就一、二百人，未來可望更多。",
        "2026-03-02",
    )
    assert "彰化縣" not in event.taiwan_party


def test_a_party_branch_speaking_makes_the_party_a_party() -> None:
    event = extract_event(
        None,
        "台中市議會民進黨團今天指出，台中市政府與日本宮崎縣締結友好協定時，台中市長應使用台灣名稱，"
        "台中市議會也將持續監督。民主進步黨台中市黨部主任委員王大明表示，城市交流應回歸對等原則。",
        "2026-12-06",
    )
    assert set(event.taiwan_party) == {"臺中市", "民主進步黨"}


def test_a_candidate_travels_for_the_party_not_for_the_city_he_runs() -> None:
    event = extract_event(
        None,
        "國民黨總統參選人盧秀燕明天赴日本訪問3天，競辦今天表示，此行將拜訪日華議員懇談會。"
        "競辦表示，台中市與東京都長年有防災合作，盧秀燕在台中市副市長任內也曾推動台日交流。",
        "2027-07-30",
    )
    assert event.taiwan_party == ("中國國民黨",)


def test_a_former_president_acts_for_no_government() -> None:
    event = extract_event(
        None, "前總統馬英九今天率團抵達東京，將與日本學者座談，並參訪早稻田大學。", "2023-04-01"
    )
    assert NATIONAL_PARTY not in event.taiwan_party
