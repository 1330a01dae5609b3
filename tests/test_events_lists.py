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


def test_a_list_of_participating_heads_names_partners_and_parties() -> None:
    event = extract_event(
        "城市首長論壇今登場",
        "為期兩天的亞洲城市首長論壇今天開幕，包括德國Heidelberg市、美國Tempe、荷蘭Utrecht、"
        "捷克Pisek及新竹市、嘉義市等多位國內外城市首長出席，分享城市治理經驗。",
        "2026-04-20",
    )
    assert set(names(event)) == {"海德堡", "坦佩", "烏特勒支", "皮塞克"}
    assert {"新竹市", "嘉義市"} <= set(event.taiwan_party)


def test_a_set_the_lead_counts_is_spelt_out_later() -> None:
    event = extract_event(
        "港都論壇邀大陸5城市",
        "高雄市今年舉辦港都城市論壇，邀請對象包括中國大陸上海等5個城市，市府副市長今天表示態度積極。"
        "市府表示，論壇籌備已近一年，國內外已有40多個城市代表報名，議程涵蓋港口轉型、綠色航運與智慧物流，"
        "並安排參訪高雄港新建的洲際貨櫃中心與亞洲新灣區，讓各國代表了解高雄近年的城市轉型與產業發展成果。"
        "市府在今年春天就發函給上海、深圳、廈門、福州、天津等城市，邀請參加論壇。",
        "2026-08-24",
    )
    assert {"上海市", "深圳市", "廈門市", "福州市", "天津市"} <= set(names(event))


def test_a_late_background_list_stays_background() -> None:
    event = extract_event(
        None,
        "日本熊本縣議會訪問團今天拜會高雄市議會，議長親自接待，雙方盼深化半導體與觀光交流。"
        "市議會表示，今年下半年陸續接待多個日本訪團，議長感謝日本友人長期支持台灣，"
        "未來也將持續推動城市交流，並邀請更多日本地方議會來訪，讓雙方在觀光、教育與農業等領域有更多合作。"
        "今年來訪的還有東京都八王子市、山梨縣、橫濱市等地的議員。",
        "2026-12-21",
    )
    assert names(event) == ["熊本縣"]


def test_at_a_forum_every_city_whose_head_takes_part_is_a_partner() -> None:
    event = extract_event(
        None,
        "亞太城市高峰會今天在高雄開幕，市長在開幕式致詞，歡迎各城市代表到高雄參加高峰會。"
        "市長表示，高峰會在高雄舉行，不僅與國際同步，也是城市角色的再定位，讓年輕人願意留在高雄追求夢想。"
        "澳洲布里斯本市長也在會中分享城市面對環境汙染與垃圾處理的經驗，盼與各城市共同努力。"
        "中國大陸這次有4個城市參加高峰會，深圳市由市長率團與會，福州市長、天津市副市長、日照市長等都將參與交流。",
        "2026-11-06",
    )
    assert {"深圳市", "福州市", "天津市", "日照市"} <= set(names(event))
