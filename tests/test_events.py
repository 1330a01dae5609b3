"""The events stage on our own short articles (zh-Hant, ja, en): one test per error kind of issue 14,
plus dates, delegation sizes, people, evidence and the gazetteer's coverage."""

from __future__ import annotations

from datetime import date

import pytest

from classifiers.events import NATIONAL_PARTY, Event, EventType, PartnerLevel, extract_event
from classifiers.events.dates import event_date, find_dates
from classifiers.events.places import PlaceIndex
from classifiers.events.text import fold, read


def names(event: Event) -> list[str]:
    return [p.name for p in event.partners]


def countries(event: Event) -> set[str]:
    return {p.country for p in event.partners}


# --- error kinds from the issue ---------------------------------------------------------------------


def test_a_ship_named_after_a_county_is_not_the_county() -> None:
    event = extract_event(
        "海巡署雲林艦馳援日本漁船",
        "海巡署雲林艦昨天在東部海域救起三名日本籍船員，海巡署表示已通報日本台灣交流協會協助後續返國事宜。",
        "2026-05-02",
    )
    assert "雲林縣" not in event.taiwan_party
    assert event.taiwan_party == (NATIONAL_PARTY,)


def test_teams_and_products_named_after_places_are_not_actors() -> None:
    event = extract_event(
        "熊本熊現身台北 觀光局推廣九州旅遊",
        "交通部觀光署今天在台北舉辦九州觀光推廣會，熊本熊到場助陣；桃園隊與雲林隊的少棒比賽同日登場。",
        "2026-06-10",
    )
    assert event.taiwan_party == (NATIONAL_PARTY,)
    assert "桃園市" not in event.taiwan_party and "雲林縣" not in event.taiwan_party
    assert "熊本縣" not in names(event) and "熊本市" not in names(event)


def test_auckland_is_new_zealand_unless_the_text_is_american() -> None:
    nz = extract_event(
        "桃園市長訪紐西蘭奧克蘭",
        "桃園市長率市府團隊抵達紐西蘭奧克蘭，拜會奧克蘭市長，雙方討論機場城市的合作。",
        "2026-03-10",
    )
    assert countries(nz) == {"New Zealand"}
    us = extract_event(
        "高雄市副市長訪美國加州奧克蘭",
        "高雄市副市長率團赴美國加州，今天拜會奧克蘭市長，並與舊金山灣區僑界座談。",
        "2026-03-10",
    )
    assert ("奧克蘭", "United States") in {(p.name, p.country) for p in us.partners}


def test_a_taipei_dateline_does_not_make_taipei_the_party() -> None:
    event = extract_event(
        "外交部感謝日本支持台灣參與國際組織",
        "（中央社記者王小明台北5日電）外交部今天表示，感謝日本政府再次公開支持台灣參與國際民航組織大會。",
        "2026-09-05",
    )
    assert event.taiwan_party == (NATIONAL_PARTY,)
    assert "臺北市" not in event.taiwan_party
    bracket = extract_event(
        None,
        "[記者林大同/台中報導]\n日本岐阜縣知事一行今(8)日拜會彰化縣政府，縣長親自接待，雙方交換觀光合作意見。",
        "2026-04-08",
    )
    assert bracket.taiwan_party == ("彰化縣",)


def test_a_town_is_the_partner_not_its_prefecture() -> None:
    event = extract_event(
        "宮崎縣高千穗町長率團來訪",
        "日本宮崎縣高千穗町町長今天率團拜會嘉義縣政府，縣長接待訪團，雙方盼推動觀光交流。",
        "2026-06-01",
    )
    assert names(event) == ["高千穗町"]
    korea = extract_event(
        "韓國京畿道平澤市長訪台中",
        "韓國京畿道平澤市市長一行今日拜會台中市政府，副市長代表接待，雙方討論港灣合作。",
        "2026-06-01",
    )
    assert names(korea) == ["平澤市"]
    assert korea.partners[0].country == "South Korea"


def test_a_governor_means_the_prefecture_and_a_mayor_the_city() -> None:
    governor = extract_event(
        "熊本縣知事拜會高雄市長",
        "熊本縣知事今日率團拜會高雄市政府，與市長討論半導體人才交流，並參觀熊本市與高雄市合辦的展覽。",
        "2026-02-10",
    )
    assert names(governor)[0] == "熊本縣"
    assert governor.partners[0].level == PartnerLevel.PREFECTURE
    mayor = extract_event(
        "熊本市長訪高雄",
        "熊本市長今日率團拜會高雄市政府，雙方簽署經貿合作備忘錄。",
        "2026-02-10",
    )
    assert names(mayor) == ["熊本市"]
    assert mayor.partners[0].level == PartnerLevel.CITY
    both = extract_event(
        "熊本縣知事與熊本市長共同訪問高雄",
        "熊本縣知事與熊本市長今天一同拜會高雄市長，雙方盼擴大交流。",
        "2026-02-10",
    )
    assert set(names(both)) == {"熊本縣", "熊本市"}


def test_the_venue_is_not_the_counterpart() -> None:
    event = extract_event(
        "台日經貿會議在東京舉行 雙方簽署兩項合作文件",
        "台灣日本關係協會與日本台灣交流協會今天在東京舉行台日經濟貿易會議，雙方簽署智慧財產與防災合作備忘錄。",
        "2026-11-20",
    )
    assert names(event) == ["日本台灣交流協會"]
    assert "東京都" not in names(event)
    assert event.taiwan_party == ("臺灣日本關係協會",)
    assert event.event_type == EventType.AGREEMENT


def test_a_county_administered_city_keeps_its_county_prefix() -> None:
    event = extract_event(
        "花蓮市長率團訪沖繩與那國町",
        "花蓮縣花蓮市長今天率團抵達沖繩縣與那國町，慶祝兩地締結姊妹市多年的情誼，並與町長會談。",
        "2026-10-01",
    )
    assert event.taiwan_party == ("花蓮縣花蓮市",)
    assert names(event) == ["與那國町"]
    township = extract_event(
        "宜蘭縣羅東鎮公所與日本小鎮交流",
        "宜蘭縣羅東鎮長今日接待日本北海道白老町訪問團，雙方交換地方創生經驗。",
        "2026-10-01",
    )
    assert township.taiwan_party == ("宜蘭縣羅東鎮",)


@pytest.mark.parametrize(
    "text",
    [
        "總統今天在總統府接見日本眾議員訪問團，感謝日本長期支持台灣。",
        "行政院長今天接見日本台灣交流協會會長一行，盼深化雙邊經貿關係。",
        "外交部今天宣布捐贈日本能登半島地震災區賑災款。",
        "台北駐日經濟文化代表處今天在東京舉辦國慶酒會，日本國會議員出席。",
        "海巡署今天與日本海上保安廳舉行海難搜救聯合演練。",
    ],
)
def test_national_bodies_are_the_national_party(text: str) -> None:
    assert extract_event(None, text, "2026-01-05").taiwan_party == (NATIONAL_PARTY,)


def test_a_mainland_chinese_partner_is_kept_with_country_china() -> None:
    event = extract_event(
        "台北市長出席上海雙城論壇",
        "台北市長今天率團抵達上海，出席台北上海雙城論壇，並與上海市長會面。",
        "2026-12-20",
    )
    assert ("上海市", "China") in {(p.name, p.country) for p in event.partners}
    assert event.event_type == EventType.FORUM


@pytest.mark.parametrize(
    ("title", "text", "partner", "country"),
    [
        (
            "嘉義市長訪菲律賓布拉干省",
            "嘉義市長今天率團拜會菲律賓布拉干省省長，雙方討論農業合作。",
            "布拉干省",
            "Philippines",
        ),
        (
            "台中市長訪美國愛達荷州",
            "台中市長今天率團拜會美國愛達荷州州長，盼深化教育交流。",
            "愛達荷州",
            "United States",
        ),
        (
            "台北市長訪捷克布爾諾",
            "台北市長今天抵達捷克布爾諾，與布爾諾市長會談智慧城市合作。",
            "布爾諾",
            "Czech Republic",
        ),
        (
            "高雄市長接待韓國釜山市長",
            "韓國釜山廣域市市長今天率團拜會高雄市政府。",
            "釜山廣域市",
            "South Korea",
        ),
    ],
)
def test_places_once_missing_from_the_gazetteer(title: str, text: str, partner: str, country: str) -> None:
    event = extract_event(title, text, "2026-07-01")
    assert (partner, country) in {(p.name, p.country) for p in event.partners}


def test_a_school_is_a_party_of_its_own() -> None:
    event = extract_event(
        "高雄市陽明國中與日本陸奧市中學締結姊妹校",
        "高雄市陽明國中今天與日本青森縣陸奧市的中學締結姊妹校，高雄市教育局長到場見證。",
        "2026-10-26",
    )
    assert "高雄市立陽明國中" in event.taiwan_party
    assert event.event_type == EventType.EXCHANGE_PROGRAMME


def test_a_witness_is_not_the_counterpart() -> None:
    event = extract_event(
        None,
        "美國關島總督今天率團訪問高雄，與高雄市長共同簽署姊妹市協定，美國在台協會高雄分處處長出席見證。",
        "2026-03-05",
    )
    assert names(event) == ["關島"]
    assert event.event_type == EventType.AGREEMENT


# --- other languages --------------------------------------------------------------------------------


def test_japanese_item() -> None:
    event = extract_event(
        "台南市長が熊本県知事を表敬訪問",
        "台湾・台南市の市長ら一行12人が5日、熊本県庁を訪れ、県知事を表敬訪問した。両県市は観光と農業の交流を進める。",
        "2026-08-06",
    )
    assert event.taiwan_party == ("臺南市",)
    assert names(event) == ["熊本縣"]
    assert event.event_type == EventType.VISIT_ABROAD
    assert event.event_date == "2026-08-05"
    assert event.delegation_size == 12


def test_english_item() -> None:
    event = extract_event(
        "Tainan Mayor leads delegation to Kumamoto Prefecture",
        "TAINAN (CNA) -- Tainan City Mayor Huang Wei-che led a 12-member delegation to Kumamoto Prefecture "
        "on Dec. 3, where he met Governor Kimura, the city government said.",
        "2026-12-05",
    )
    assert event.taiwan_party == ("臺南市",)
    assert names(event) == ["熊本縣"]
    assert event.event_type == EventType.VISIT_ABROAD
    assert event.event_date == "2026-12-03"
    assert event.delegation_size == 12
    assert ("Huang Wei-che", "Mayor") in {(p.name, p.title) for p in event.people}


def test_a_sister_city_signing_is_an_agreement_even_on_a_visit() -> None:
    event = extract_event(
        "台中市長訪日 與岐阜縣簽署友好交流協定",
        "台中市長今天率團訪問日本岐阜縣，與岐阜縣知事共同簽署友好交流協定。",
        "2026-04-15",
    )
    assert event.event_type == EventType.AGREEMENT
    assert event.taiwan_party == ("臺中市",)
    assert names(event) == ["岐阜縣"]


def test_an_anniversary_of_an_old_pact_is_an_anniversary() -> None:
    event = extract_event(
        "台南與仙台締盟二十週年 雙方互贈紀念品",
        "台南市與日本仙台市締盟二十週年，台南市長今天在市府接待仙台市訪問團，雙方互贈紀念品。",
        "2026-04-15",
    )
    assert event.event_type == EventType.ANNIVERSARY


def test_courtesy_call_in_taiwan_is_a_hosted_visit() -> None:
    event = extract_event(
        None,
        "日本愛媛縣議會議長一行今天拜會台中市政府，由市長接待，雙方就農業與觀光交換意見。",
        "2026-03-03",
    )
    assert event.event_type == EventType.HOSTED_VISIT
    assert event.taiwan_party == ("臺中市",)
    assert names(event) == ["愛媛縣"]


def test_a_foreign_host_makes_a_visit_abroad() -> None:
    event = extract_event(
        None,
        "美國加州奧克蘭市長今天在市政府接待高雄市副市長一行，雙方討論港口城市的合作。",
        "2026-05-05",
    )
    assert event.event_type == EventType.VISIT_ABROAD
    assert event.taiwan_party == ("高雄市",)
    assert ("奧克蘭", "United States") in {(p.name, p.country) for p in event.partners}


def test_a_mission_location_is_not_an_actor() -> None:
    event = extract_event(
        None,
        "駐台北韓國代表部代表今天拜會台南市長，雙方討論觀光與教育交流。",
        "2026-05-05",
    )
    assert event.taiwan_party == ("臺南市",)
    assert event.event_type == EventType.HOSTED_VISIT


# --- dates and sizes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("民國115年3月4日舉行簽約儀式", None, "2026-03-04"),
        ("今（115）年5月20日雙方締盟", None, "2026-05-20"),
        ("市長今(4)日接見訪團", "2026-12-04", "2026-12-04"),
        ("市長昨(3)日接見訪團", "2026-12-04", "2026-12-03"),
        ("市長昨日接見訪團", "2026-12-04", "2026-12-03"),
        ("令和8年12月1日に協定を締結した", None, "2026-12-01"),
        ("The agreement was signed on December 1, 2026.", None, "2026-12-01"),
        ("The mayor arrived on 3 December.", "2026-12-05", "2026-12-03"),
        ("一行人13日拜會市長", "2026-12-15", "2026-12-13"),
        ("一行人30日拜會市長", "2027-01-02", "2026-12-30"),
        ("12月28日簽署備忘錄", "2027-01-03", "2026-12-28"),
    ],
)
def test_dates_resolve(text: str, published: str | None, expected: str) -> None:
    found = event_date(fold(text), date.fromisoformat(published) if published else None)
    assert found is not None
    assert found.value.isoformat() == expected


def test_datelines_and_stamps_are_not_the_event_date() -> None:
    event = extract_event(
        None,
        "（中央社記者王小明台中15日電）日本岐阜縣訪問團一行今天拜會台中市政府，雙方約定明年再訪。",
        "2026-03-15",
    )
    assert event.event_date == "2026-03-15"
    stamped = extract_event(
        None,
        "【本報2026年03月15日訊】台北市副市長表示，智慧城市首長高峰會22日開幕，日本多位市長將出席。",
        None,
    )
    assert stamped.event_date == "2026-03-22"  # the stamp anchors 22日 but is not the event


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("訪問團今天(12/21)拜會市議會", "2026-12-22", "2026-12-21"),
        ("記者報導 2016.11.07 日本訪問團拜會市府", None, "2016-11-07"),
        ("募金は3日間で1億円に達し、8日に発表した", "2026-01-09", "2026-01-08"),
        ("The delegation arrived on Monday.", "2026-12-03", "2026-11-30"),
        ("2019智慧城市首長高峰會將於3月26日登場", None, "2019-03-26"),
    ],
)
def test_more_date_forms(text: str, published: str | None, expected: str) -> None:
    found = event_date(fold(text), date.fromisoformat(published) if published else None)
    assert found is not None
    assert found.value.isoformat() == expected


def test_a_relative_date_needs_a_publication_date() -> None:
    assert find_dates(fold("市長今(4)日接見訪團"), None) == []


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("日本訪問團一行12人今天抵達", 12),
        ("由議長率領十五人的代表團來訪", 15),
        ("A 12-member delegation arrived", 12),
        ("訪問団一行12名が来訪", 12),
    ],
)
def test_delegation_size(text: str, size: int) -> None:
    assert extract_event(None, text, "2026-01-01").delegation_size == size


# --- evidence, people, gazetteer --------------------------------------------------------------------


def test_every_field_has_evidence_that_indexes_the_text() -> None:
    title = "熊本縣知事拜會台南市長"
    text = (
        "（中央社記者張三台南4日電）日本熊本縣知事今(4)日率團一行12人拜會台南市政府，"
        "市長黃偉哲接待，雙方簽署友好交流協定。"
    )
    event = extract_event(title, text, "2026-12-04")
    read_text = f"{title}\n{text}"
    fields = {e.field for e in event.evidence}
    assert {"taiwan_party", "partners", "event_type", "event_date", "delegation_size"} <= fields
    for evidence in event.evidence:
        assert evidence.start is not None and evidence.end is not None
        assert read_text[evidence.start : evidence.end] == evidence.text
    assert ("黃偉哲", "市長", "taiwan") in {(p.name, p.title, p.side) for p in event.people}
    assert Event.from_dict(event.to_dict()) == event


def test_former_names_map_to_the_current_bodies() -> None:
    old = extract_event(
        "亞東關係協會與交流協會簽署備忘錄",
        "亞東關係協會與財團法人交流協會今天簽署觀光合作備忘錄。",
        "2015-11-01",
    )
    assert old.taiwan_party == ("臺灣日本關係協會",)
    assert names(old) == ["日本台灣交流協會"]


def test_short_forms_of_city_governments() -> None:
    for short, party in (("北市府", "臺北市"), ("高市府", "高雄市"), ("竹市府", "新竹市")):
        event = extract_event(None, f"{short}今天接待日本靜岡縣訪問團，雙方交換觀光推廣經驗。", "2026-01-01")
        assert event.taiwan_party == (party,)


def test_people_on_both_sides_without_noise() -> None:
    event = extract_event(
        None,
        "日本熊本縣知事蒲島郁夫、熊本市長大西一史一行今天拜會台南市政府，市長黃偉哲表示歡迎，副市長王小明陪同。",
        "2026-02-10",
    )
    people = {(p.name, p.title, p.side) for p in event.people}
    assert ("蒲島郁夫", "知事", "partner") in people
    assert ("大西一史", "市長", "partner") in people
    assert ("黃偉哲", "市長", "taiwan") in people
    assert all(len(p.name) >= 2 and "表示" not in p.name and "熊本" not in p.name for p in event.people)


def test_the_gazetteer_covers_the_ground() -> None:
    index = PlaceIndex.load()
    kinds: dict[str, set[str]] = {}
    for place in index.places:
        kinds.setdefault(place.kind, set()).add(f"{place.parent or ''}{place.name}")
    assert len(kinds["tw_county"]) == 22
    assert len(kinds["tw_town"]) == 368
    assert len(kinds["jp_pref"]) == 47
    assert len(kinds["jp_muni"]) >= 1700
    foreign = {place.name for place in index.places if place.kind in ("foreign_sub", "foreign_city")}
    assert {"上海市", "加州", "布拉干省", "布爾諾", "京畿道", "平澤市"} <= foreign


def test_the_reading_keeps_every_offset() -> None:
    text = "ＡＢＣ臺北市…長崎県（２０２６）"
    reading = read(None, text)
    assert len(reading.folded) == len(reading.raw) == len(text)


@pytest.mark.parametrize(
    ("title", "text", "published"),
    [
        (None, "", None),
        ("", "   \n ", "2026-01-01"),
        ("x", "\x00\x01", "not a date"),
        (None, "今(99)日 32日 2月30日 民國0年1月1日", "2026-13-45"),
        (None, "…" * 300 + "熊本縣知事", None),
        ("ＴＡＩＰＥＩ", "ＴＡＩＰＥＩ (CNA) --", None),
    ],
)
def test_odd_input_gives_an_event_never_an_error(title: str | None, text: str, published: str | None) -> None:
    event = extract_event(title, text, published)
    assert Event.from_dict(event.to_dict()) == event


def test_an_anniversary_still_to_come_leaves_the_visit_as_the_event() -> None:
    visit = extract_event(
        "山形縣知事率團訪台南 籌備明年友好城市5週年",
        "日本山形縣知事今天率團抵達台南，拜會台南市長，雙方確認明年將共同舉辦締結友好城市5週年活動。",
        "2026-05-10",
    )
    assert visit.event_type == EventType.HOSTED_VISIT
    held = extract_event(
        "台南與山形友好城市5週年 兩地市民齊慶",
        "台南市與日本山形縣今天舉辦締結友好城市5週年紀念活動，兩地市民共同參加。",
        "2026-05-10",
    )
    assert held.event_type == EventType.ANNIVERSARY


def test_an_english_headline_in_the_present_tense_gives_the_visit_its_direction() -> None:
    event = extract_event(
        "Yamagata governor visits Tainan ahead of friendship pact's fifth year",
        "The governor of Yamagata Prefecture led a delegation of officials and business leaders to Tainan "
        "yesterday, where the two sides agreed to hold joint events next year.",
        "2026-05-10",
    )
    assert event.event_type == EventType.HOSTED_VISIT
