"""The events stage on lists of partners and participants (our own sentences, zh-Hant, ja and en)."""

from __future__ import annotations

from classifiers.events import Event, extract_event


def names(event: Event) -> list[str]:
    return [p.name for p in event.partners]


def test_an_english_list_with_a_serial_comma_keeps_its_last_member() -> None:
    event = extract_event(
        "Mayor heads to Japan to visit Kobe, Himeji, and Ashiya",
        "The Tainan City mayor leads a delegation to Kobe, Himeji, and Ashiya this week to talk about "
        "tourism and rail links.",
        "2026-05-04",
    )
    assert set(names(event)) == {"神戶市", "姬路市", "蘆屋市"}


def test_a_lone_country_stands_as_partner_even_without_an_event() -> None:
    event = extract_event(
        None,
        "新任駐日代表今天抵達羽田機場，表示上任後將與日本攜手深化經貿、觀光與文化各領域的關係。",
        "2026-07-09",
    )
    assert [(p.name, p.level) for p in event.partners] == [("日本", "national")]


def test_several_countries_side_by_side_are_an_overview_without_partner() -> None:
    event = extract_event(
        None,
        "桃園市政府今天發表城市外交專刊，收錄市府團隊近年前往日本、德國、法國、美國等地的交流紀錄，"
        "將放在市立圖書館供民眾借閱。",
        "2026-10-31",
    )
    assert event.taiwan_party == ("桃園市",)
    assert event.partners == ()


def test_a_country_as_the_nationality_of_commentators_is_not_a_partner() -> None:
    event = extract_event(
        "澳洲智庫專文肯定台南城市外交",
        "台南市長今天表示感謝澳洲智庫學者撰文指出，台南市近年與多個國際城市締結友好關係，是城市外交的成功案例。",
        "2026-08-01",
    )
    assert "Australia" not in {p.country for p in event.partners}


def test_produce_named_after_a_prefecture_is_not_the_prefecture() -> None:
    event = extract_event(
        None,
        "屏東縣長今天在縣府品嚐青森蘋果與宮崎芒果，日本政府也表示歡迎雙方擴大農產交流。",
        "2026-09-20",
    )
    assert {"青森縣", "宮崎縣"}.isdisjoint(names(event))
    assert "Japan" in {p.country for p in event.partners}
