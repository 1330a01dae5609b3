"""Places that are no actors (where goods come from, a disaster, a plant) and sister-school pacts, on our
own short sentences (zh-Hant, ja, en)."""

from __future__ import annotations

import pytest

from classifiers.events import EventType, extract_event


@pytest.mark.parametrize(
    ("title", "text"),
    [
        ("衛福部解禁日本青森等3縣食品", "衛福部今天公告，日本青森等3縣食品即日起恢復一般輸入查驗。"),
        ("日本食品輸入新制", "衛福部表示，青森、岩手與宮城三縣食品將比照其他地區，日本方面表示歡迎。"),
        ("外交部回應日本核災食品", "外交部表示，日本宮城發生核電廠事故多年後，政府依科學證據檢討食品輸入。"),
        ("台灣企業在日本設廠", "台灣晶片廠商在日本長崎二廠動工，日本政府表示將提供補助。"),
    ],
)
def test_origins_disasters_and_plants_are_not_partners(title: str, text: str) -> None:
    event = extract_event(title, text, "2026-05-06")
    assert [p.name for p in event.partners] == ["日本"], event.partners


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "南投國中與日本出水中學締結姊妹校",
            "南投縣立國中校長今天與日本出水市立中學校長簽署姊妹校協定，推動學生互訪。",
        ),
        ("中学校が台湾の中学と姉妹校締結", "出水市の中学校は5日、南投県の中学校と姉妹校協定を締結した。"),
        (
            "Sister school agreement signed",
            "A Nantou junior high school signed a sister school agreement with a school in Izumi, Japan,"
            " on Monday.",
        ),
    ],
)
def test_a_sister_school_pact_is_a_school_exchange(title: str, text: str) -> None:
    assert extract_event(title, text, "2026-05-06").event_type == EventType.EXCHANGE_PROGRAMME


def test_a_body_whose_officer_speaks_for_it_is_a_party() -> None:
    event = extract_event(
        "外交部說明台日漁業合作",
        "外交部今天舉行例行記者會，說明台日漁業會談的進展。發言人指出，雙方將持續溝通。"
        "會中也談到觀光與教育交流的成果，以及明年的合作方向。"
        "臺灣日本關係協會秘書長陳大文今天在記者會上表示，協會將與日方保持密切聯繫。",
        "2026-05-06",
    )
    assert event.taiwan_party == ("national", "臺灣日本關係協會"), event.taiwan_party


def test_a_firm_whose_chairman_speaks_is_not_made_a_party_by_it() -> None:
    event = extract_event(
        "經濟部長訪日",
        "經濟部長今天抵達東京，拜會日本經濟產業省。台積電董事長在隨後的座談會上表示，將擴大在日投資。",
        "2026-05-06",
    )
    assert "台積電" not in event.taiwan_party


@pytest.mark.parametrize(
    ("title", "text", "body"),
    [
        (
            "嘉義市加入健康城市聯盟",
            "嘉義市政府今天宣布，市長率團出席健康城市聯盟大會並發表演說。",
            "健康城市聯盟",
        ),
        (
            "市長が健康都市連合の総会に出席",
            "大垣市の市長は5日、健康都市連合の総会に出席し、台湾の都市と意見を交わした。",
            "健康城市聯盟",
        ),
        (
            "Taoyuan joins GO SMART",
            "Taoyuan Mayor Chang San-cheng attended the GO SMART general assembly on Monday.",
            "全球智慧城市聯盟",
        ),
    ],
)
def test_international_city_networks_are_partners(title: str, text: str, body: str) -> None:
    event = extract_event(title, text, "2026-05-06")
    assert body in [p.name for p in event.partners], event.partners
    assert "International" in {p.country for p in event.partners}


def test_a_prefecture_listed_beside_its_towns_is_a_partner_and_an_address_is_not() -> None:
    listed = extract_event(
        "桃園市長訪日",
        "桃園市長明日起率團赴日本訪問千葉縣、成田市及銚子市，洽談觀光合作。",
        "2026-05-06",
    )
    assert {"千葉縣", "成田市", "銚子市"} <= {p.name for p in listed.partners}, listed.partners
    address = extract_event(
        "蘇澳鎮長訪日",
        "蘇澳鎮長明日起率團赴日本千葉縣館山市訪問，洽談締結姊妹市。",
        "2026-05-06",
    )
    assert [p.name for p in address.partners] == ["館山市"], address.partners


@pytest.mark.parametrize(
    "text",
    [
        "嘉義市積極推動城市外交，至今締盟國際城市12座，市長表示將持續訪日，接待更多日本訪賓。",
        "疫情後各縣市首長恢復出訪，某市長上任以來出訪近20次，另一位市長則較少出國訪問日本。",
    ],
)
def test_a_tally_of_trips_or_ties_is_an_overview(text: str) -> None:
    assert extract_event(None, text, "2026-05-06").event_type == EventType.OTHER


def test_a_signing_is_not_an_overview_because_it_counts_ties() -> None:
    event = extract_event(
        "嘉義市與大垣市締結姊妹市",
        "嘉義市長今(5)日與大垣市長簽署姊妹市協定，這是嘉義市第12座締盟城市。",
        "2026-05-06",
    )
    assert event.event_type == EventType.AGREEMENT


def test_a_school_named_without_its_owner_belongs_to_the_one_county_of_the_item() -> None:
    event = extract_event(
        None,
        "光華國中今天與日本青森縣八戶市3所中學締結姊妹校，台南市教育局表示，交流將擴及音樂與運動。",
        "2026-11-26",
    )
    assert "臺南市立光華國中" in event.taiwan_party
    two = extract_event(
        None, "光華國中今天與日本八戶市中學締結姊妹校，台南市與高雄市教育局都派員出席。", "2026-11-26"
    )
    assert not any(name.endswith("光華國中") for name in two.taiwan_party)  # whose, is not said
    students = extract_event(None, "台南市長今天接見日本國中生訪問團，歡迎國中小學生交流。", "2026-11-26")
    assert not any("國中" in name for name in students.taiwan_party)
