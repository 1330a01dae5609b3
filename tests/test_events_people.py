"""People and dates of the events stage on our own short sentences (zh-Hant, ja, en): a title glued to a
place or a verb is no person; a year alone is no date."""

from __future__ import annotations

from datetime import date

import pytest

from classifiers.events import Event, extract_event
from classifiers.events.dates import event_date
from classifiers.events.evaluation import score


def people(event: Event) -> set[tuple[str, str | None]]:
    return {(p.name, p.title) for p in event.people}


def person_names(event: Event) -> set[str]:
    return {p.name for p in event.people}


# --- a title glued to a place or a verb is no person -----------------------------------------------


def test_a_title_before_a_day_or_a_word_it_is_glued_into_gives_no_person() -> None:
    """知事今天率領: a day, not a name, after the title; 縣長期支持: 長期 (long), not 縣長 and a name."""
    event = extract_event(
        None,
        "日本佐賀縣知事今天率領訪問團抵達桃園，拜會桃園市長。市長感謝佐賀縣長期支持雙方交流。",
        "2026-05-06",
    )
    assert not {"今天", "今天率領", "期支持"} & person_names(event), event.people


@pytest.mark.parametrize(
    "text",
    [
        "嘉義市副市長接待交流團一行，雙方就觀光合作交換意見。",
        "宜蘭縣政府今天指派副知事出席儀式，並致贈紀念品。",
        "市長高雄行程滿檔，下午轉往屏東。",
        "他感謝每個代表遠道而來，也期待雙方持續交流。",
        "市長論壇今天在臺南登場，各國城市代表出席。",
        "駐日代表處今天表示，將協助僑胞返國。",
    ],
)
def test_a_title_before_a_verb_or_a_place_gives_no_person(text: str) -> None:
    event = extract_event(None, text, "2026-05-06")
    assert not any(
        word in name
        for name in person_names(event)
        for word in ("接待", "出席", "高雄", "感謝", "代表", "處今", "指派", "期待", "論壇")
    ), event.people


def test_chinese_names_with_their_titles() -> None:
    event = extract_event(
        "嘉義市長訪問日本大垣市",
        "嘉義市長黃敏惠今(5)日率團抵達大垣市，大垣市長石田仁親自接待，立法院長韓國瑜也致電祝賀。",
        "2026-05-06",
    )
    found = people(event)
    assert ("黃敏惠", "市長") in found
    assert ("石田仁", "市長") in found
    assert ("韓國瑜", "立法院長") in found  # a name may start with a place's characters (韓國)


def test_japanese_names_with_san_shi_and_titles() -> None:
    event = extract_event(
        "知事が台湾を訪問",
        "岐阜県の古田肇知事は、嘉義市の黃敏惠市長と会談した。同行した山田太郎氏は交流の拡大を求めた。"
        "知事小池百合子も歓迎した。",
        "2026-05-06",
    )
    found = person_names(event)
    assert {"古田肇", "山田太郎", "小池百合子"} <= found, found  # five characters: 小池 + 百合子


def test_an_assembly_member_named_after_the_assembly() -> None:
    event = extract_event(None, "一行人拜會東京都議會宇田川聡史議長，並交換禮物。", "2026-05-06")
    assert "宇田川聡史" in person_names(event)


def test_a_wife_is_not_part_of_the_name() -> None:
    event = extract_event(None, "前首相安倍晉三夫人安倍昭惠今天抵達臺南，參觀市區古蹟。", "2026-05-06")
    assert "安倍晉三夫" not in person_names(event)


def test_a_person_mentioned_with_the_title_is_not_a_place() -> None:
    event = extract_event(None, "蔡英文總統今天接見日華議員懇談會會長古屋圭司。", "2026-05-06")
    assert "蔡英文" in person_names(event)


def test_english_titles_and_names_with_diacritics() -> None:
    event = extract_event(
        "Prague and Taipei renew ties",
        "Taipei Mayor Chiang Wan-an met Prague mayor Zdeněk Hřib and Vilnius Mayor Remigijus Šimašius.",
        "2026-05-06",
    )
    found = person_names(event)
    assert {"Chiang Wan-an", "Zdeněk Hřib", "Remigijus Šimašius"} <= found, found


def test_people_are_scored_by_name_overlap() -> None:
    gold_event = extract_event(None, "嘉義市長黃敏惠今天接待大垣市長石田仁。", "2026-05-06")
    gold = [{"id": "a", "lang": "zh-Hant", **gold_event.to_dict()}]
    scores = score({"a": Event()}, gold)
    assert scores.people.gold == len(gold_event.people) and scores.people.recall == 0.0
    assert score({"a": gold_event}, gold).people.f1 == 1.0


# --- a date needs a month and a day ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2025亞洲青少年棒球賽今天結束，冠軍賽明天登場。",
        "2019 youth exchange: the delegation arrives tomorrow.",
        "臺南市與京都市2023年締盟，13日將再度互訪。",
    ],
)
def test_a_year_alone_does_not_date_today_or_tomorrow(text: str) -> None:
    assert event_date(text, None) is None


def test_a_year_gives_the_year_of_a_month_and_day() -> None:
    found = event_date("2019智慧城市論壇 12月4日開幕", None)
    assert found is not None and found.value.isoformat() == "2019-12-04"
    assert extract_event(None, "113年臺南市與熊本市持續交流。", None).event_date is None


def test_relative_days_need_a_publication_date_not_any_date_in_the_text() -> None:
    # An absolute date stays a date; its year never dates 今天 or 13日.
    found = event_date("屏東縣與日本友好城市2024年3月1日締盟，縣長今天率團出訪。", None)
    assert found is not None and found.value == date(2024, 3, 1)
    assert event_date("縣長今天率團出訪，13日返國，2025年3月1日曾互訪。", None) is not None
    assert event_date("縣長今天率團出訪，13日返國。2025年曾互訪。", None) is None
    # ... but it dates a month and day written without a year.
    found = event_date("2025年3月1日締盟後，雙方5月2日再度互訪。", None)
    assert found is not None and found.value == date(2025, 3, 1)


def test_todays_bracketed_day_is_the_event_over_background_dates() -> None:
    text = "日本政府繼6月4日捐贈疫苗後，臺南市長今(5)日宣布回贈物資，1月5日至19日受理登記。"
    found = event_date(text, date(2026, 7, 5))
    assert found is not None and found.value == date(2026, 7, 5)
    written_with_tian = event_date("外交部今(4)天宣布捐款", date(2024, 1, 4))
    assert written_with_tian is not None and written_with_tian.value == date(2024, 1, 4)


def test_an_editors_roc_stamp_is_the_publication_date() -> None:
    event = extract_event(
        "臺南市獲日本友好城市捐款",
        "(中央社記者王小明臺南27日電)臺南市政府今天舉行受贈儀式，感謝日本熊本市捐款。(編輯:李大同)1130927",
    )
    assert event.event_date == "2024-09-27"


def test_katakana_names_and_japanese_given_names_with_wa() -> None:
    event = extract_event(
        "姉妹都市の市長が来訪",
        "米国の姉妹都市からジョン・スミス市長が訪れ、松山市の中村和之市長と会談した。",
        "2026-05-06",
    )
    assert {"ジョン・スミス", "中村和之"} <= person_names(event), event.people


def test_a_headline_verb_is_not_part_of_an_english_name_and_surnames_merge() -> None:
    event = extract_event(
        "Mayor Chen Chi-mai Welcomes Delegation",
        "Kaohsiung Mayor Chen Chi-mai welcomed Governor Shunji Kōno on Monday. Governor Kōno said the"
        " prefecture hopes for more flights.",
        "2026-05-06",
    )
    found = person_names(event)
    assert "Chen Chi-mai" in found and "Shunji Kōno" in found, found
    assert "Kōno" not in found and not any("Welcomes" in name for name in found)


def test_english_name_then_title_after_a_comma() -> None:
    event = extract_event(
        "Tainan and Sakai renew friendship pact",
        "Nagano Hideki (永野英樹), the Mayor of Sakai, met Huang Wei-che, mayor of Tainan, on Monday."
        " Tainan City, the organiser, said more visits would follow.",
        "2026-05-06",
    )
    found = person_names(event)
    assert {"Nagano Hideki", "Huang Wei-che"} <= found, found  # a surname may be a place's name (Nagano)
    assert not any("City" in name for name in found)
    sides = {p.name: (p.side, p.body) for p in event.people}
    assert sides["Huang Wei-che"] == ("taiwan", "臺南市")  # mayor of Tainan: the body after the title


def test_name_characters_that_are_also_stop_words_end_a_name_only_before_its_verb() -> None:
    event = extract_event(
        None,
        "日本台灣交流協會理事長谷崎泰明則以故事形容台日合作。高雄市副市長許立明今天表示歡迎，"
        "日本交流協會會長隅修三時表示感謝。",
        "2026-01-06",
    )
    found = {p.name for p in event.people}
    assert {"谷崎泰明", "許立明", "隅修三"} <= found
    assert not {"谷崎泰", "許立", "隅修三時"} & found


def test_adverbs_and_ministry_names_are_not_names() -> None:
    event = extract_event(
        None,
        "台南市長表示，很高興熊谷知事率團來訪；日本厚生勞動大臣也致賀詞，韓國代表首度出席。",
        "2026-01-06",
    )
    found = {p.name for p in event.people}
    assert not {"很高興熊谷", "厚生勞動", "首度"} & found


def test_bureau_chiefs_beside_their_head_are_staff_not_principals() -> None:
    event = extract_event(
        None,
        "高雄市長陳其邁今天接見日本熊本縣知事蒲島郁夫，教育局長吳立森、觀光局長高閔琳陪同。",
        "2026-01-06",
    )
    assert {"陳其邁", "蒲島郁夫"} <= person_names(event)
    assert not {"吳立森", "高閔琳"} & person_names(event)
    alone = extract_event(
        None, "高雄市教育局長吳立森今天率團訪問日本熊本縣，拜會熊本縣教育長。", "2026-01-06"
    )
    assert "吳立森" in person_names(alone)


# Words that follow a title whose holder was named before are no name (町長則說, 代表抵台); a Japanese given
# name may open with 和 (片山和之), which after a two-character surname is no "and".
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("白老町長大塚秀樹出席。大塚町長則說，兩地交流密切。", ["大塚秀樹"]),
        ("日本台灣交流協會代表片山和之昨天表示歡迎。", ["片山和之"]),
        ("市長陳其邁和議長康裕成出席。", ["陳其邁", "康裕成"]),
    ],
)
def test_names_after_titles(text: str, names: list[str]) -> None:
    assert [p.name for p in extract_event(None, text).people] == names
