"""An item's home, read off its address (classifiers/events/home.py): a prefectural paper's bare 県 and
知事, a municipality's 本市 and 町長; a Taiwanese government's own 本府 and 本所. Sentences are our own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from classifiers.events import extract_event
from classifiers.events.home import home_of, taiwan_home_of
from service.classify import event_fields


@pytest.mark.parametrize(
    ("address", "home"),
    [
        ("https://kumanichi.com/articles/-/1234", "熊本縣"),  # 熊本日日新聞
        ("https://www.hokkoku.co.jp/articles/-/99", "石川縣"),  # 北國新聞
        ("https://www.toonippo.co.jp/articles/-/5", "青森縣"),  # 東奥日報
        ("www.saga-s.co.jp", "佐賀縣"),  # a bare host
        ("https://www.at-s.com/news/article/1", "靜岡縣"),  # 靜岡新聞: a short part, as a whole label
        ("https://www.topics.or.jp/articles/-/1", "德島縣"),  # 徳島新聞: a whole domain
        ("https://www.pref.gunma.jp/site/kokusai/1.html", "群馬縣"),
        ("https://www.pref.okinawa.lg.jp/x.html", "沖繩縣"),
        ("https://www.metro.tokyo.lg.jp/information/press/1.html", "東京都"),
        ("https://www.city.kameyama.mie.jp/docs/1.html", "龜山市"),
        ("https://www.town.kotohira.kagawa.jp/news/1.html", "琴平町"),
        # one romaji, two cities: the prefecture's label decides (出水 in Kagoshima, 和泉 in Osaka)
        ("https://www.city.izumi.kagoshima.jp/", "出水市"),
        ("https://www.city.izumi.osaka.jp/", "和泉市"),
    ],
)
def test_a_japanese_address_names_its_home(address: str, home: str) -> None:
    place = home_of(address)
    assert place is not None and place.name == home


@pytest.mark.parametrize(
    ("address", "home", "prefecture"),
    [
        # the address's kind word picks the city from the town of the same name (府中市, not 府中町)
        ("https://www.city.fuchu.hiroshima.jp/soshiki/1.html", "府中市", "廣島縣"),
        ("https://www.town.fuchu.hiroshima.jp/soshiki/1.html", "府中町", "廣島縣"),
        # ...the prefecture may come first in the name's own label
        ("https://www.town.fukui-mihama.lg.jp/soshiki/1.html", "美濱町", "福井縣"),
        # ...and Tokyo's wards are city. too
        ("https://www.city.ota.tokyo.jp/english/news/1.html", "大田區", "東京都"),
    ],
)
def test_an_address_s_kind_and_prefecture_pick_the_municipality(
    address: str, home: str, prefecture: str
) -> None:
    place = home_of(address)
    assert place is not None and (place.name, place.parent) == (home, prefecture)


def test_a_prefecture_in_brackets_is_its_town_s_address() -> None:
    text = "府中市（広島県）は22日、台湾中部・彰化県の田尾郷とオンラインで会談しました。"
    assert [p.name for p in extract_event(None, text, "2021-11-24").partners] == ["府中市"]


@pytest.mark.parametrize(
    "address",
    [
        None,
        "",
        "https://news.ltn.com.tw/news/life/paper/1612345",
        "https://www.city.taipei.gov.tw/",  # a Taiwanese host that looks municipal
        "https://www3.nhk.or.jp/news/html/20260101/k1.html",  # a national outlet has no home
        "https://www.city.nowhere.jp/",
        "https://news.topics-today.com/1",  # a whole domain is not a part of another
        "https://www.kumanichi.com.tw/",  # another country's site, whatever it spells
        "not a url at all",
    ],
)
def test_other_addresses_have_no_home(address: str | None) -> None:
    assert home_of(address) is None


PAPER = "https://www.oita-press.co.jp/1010000000/2026/03/12/x"
TOWN_SITE = "https://www.town.kotohira.kagawa.jp/news/2026/0312.html"


def _places(event: object) -> list[str]:
    return [p.name for p in event.partners]  # type: ignore[attr-defined]


def test_a_prefectural_paper_s_bare_prefecture_is_its_home() -> None:
    text = "県議会は11日、台湾との交流を深めるよう国に求める意見書を可決した。県は台中市と覚書を結んでいる。"
    assert _places(extract_event("県議会が意見書可決", text, "2026-03-12", PAPER)) == ["大分縣"]
    # without the address the text names no Japanese place
    assert "大分縣" not in _places(extract_event("県議会が意見書可決", text, "2026-03-12"))


def test_the_assembly_s_own_league_is_its_government() -> None:
    text = "県議会の日台友好議員連盟の訪問団12人が10日、台中市議会を表敬訪問した。知事の親書を手渡した。"
    assert _places(extract_event(None, text, "2026-03-12", PAPER)) == ["大分縣"]


def test_a_town_s_release_is_its_town() -> None:
    text = "台湾・新北市瑞芳区の区長ら訪問団10名が本町を訪問され、町長と懇談されました。"
    event = extract_event("訪問団が来町", text, "2026-03-12", TOWN_SITE)
    assert _places(event) == ["琴平町"]


def test_a_named_japanese_place_wins_over_the_home() -> None:
    text = "別府市の市長が10日、台南市を訪れ、黄偉哲市長と会談した。県も観光で協力する。"
    assert _places(extract_event(None, text, "2026-03-12", PAPER)) == ["別府市"]


def test_a_chinese_text_takes_no_home() -> None:
    text = "臺中市長今天接見日本大分縣議會訪問團。"
    assert _places(extract_event(None, "市長接見訪問團", "2026-03-12", PAPER)) == []
    assert _places(extract_event(None, text, "2026-03-12", PAPER)) == ["大分縣"]


def test_newsmon_classify_passes_the_address() -> None:
    record = {
        "title": "県議会が意見書可決",
        "text": "県議会は11日、台湾との交流を深めるよう国に求める意見書を可決した。",
        "published": "2026-03-12",
        "url": PAPER,
    }
    event = event_fields(record, UTC)["event"]
    assert [p["name"] for p in event["partners"]] == ["大分縣"]
    assert datetime(2026, 3, 12, tzinfo=UTC).date().isoformat() == record["published"]


@pytest.mark.parametrize(
    ("address", "home"),
    [
        ("https://www.tainan.gov.tw/News_Content.aspx?n=13370", "臺南市"),
        ("https://english.gov.taipei/News.aspx", "臺北市"),
        ("https://kcginfo.kcg.gov.tw/Publish.aspx", "高雄市"),  # a department's subdomain
        ("https://www.shoufeng.gov.tw/news/1", "花蓮縣壽豐鄉"),  # a township office: its romaji
        ("https://www.puli.gov.tw/", "南投縣埔里鎮"),
        ("https://www.zhongzheng.gov.tw/", None),  # 中正區 is in several cities: none
        ("https://www.city.kameyama.mie.jp/docs/1.html", None),  # a Japanese site
        ("https://news.ltn.com.tw/news/1", None),  # a paper: no government's own site
    ],
)
def test_a_taiwanese_governments_own_site(address: str, home: str | None) -> None:
    place = taiwan_home_of(address)
    name = None if place is None else f"{place.parent or ''}{place.name}"
    assert name == home


def test_a_release_that_calls_its_government_only_this_office() -> None:
    text = "日本北海道厚澤部町議會議長一行12人，昨日來訪本鄉，由鄉長在鄉公所接待，雙方就馬鈴薯栽培交換意見。"
    event = extract_event(None, text, "2026-01-20", "https://www.shoufeng.gov.tw/news/3345")
    assert event.taiwan_party == ("花蓮縣壽豐鄉",)
    assert extract_event(None, text, "2026-01-20").taiwan_party == ()


def test_a_configured_home_stands_where_the_address_tells_nothing() -> None:
    japanese = "台湾・台南市の訪問団12人が10日来県し、知事と会談した。"
    assert [p.name for p in extract_event(None, japanese, "2024-05-11", home="熊本縣").partners] == ["熊本縣"]
    assert [p.name for p in extract_event(None, japanese, "2024-05-11").partners] != ["熊本縣"]
    taiwanese = "日本北海道厚澤部町議會議長一行12人，昨日來訪本鄉，由鄉長在鄉公所接待。"
    assert extract_event(None, taiwanese, "2026-01-20", home="花蓮縣壽豐鄉").taiwan_party == ("花蓮縣壽豐鄉",)
    # the address wins over a configured home
    kumamoto = extract_event(None, japanese, "2024-05-11", "https://www.hokkoku.co.jp/articles/-/9", "熊本縣")
    assert [p.name for p in kumamoto.partners] == ["石川縣"]


# Read on the eighty-first batch: a Japanese city's "Municipal Government" names the city, as "City" does.
def test_a_municipal_government_in_english() -> None:
    event = extract_event(
        "Tainan firms pitch orchids in Fukuoka",
        "The Fukuoka Municipal Government co-organized the fair with Tainan on Wednesday.",
        "2023-06-15",
    )
    assert [p.name for p in event.partners] == ["福岡市"]
