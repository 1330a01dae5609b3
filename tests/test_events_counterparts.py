"""Who the counterpart is: the other side of an exchange, the destination of a joint mission (our own
sentences)."""

from __future__ import annotations

from classifiers.events import Event, extract_event


def names(event: Event) -> list[str]:
    return [p.name for p in event.partners]


def test_a_joint_mission_to_a_third_country_has_both_partners() -> None:
    event = extract_event(
        None,
        "台中市政府與日本靜岡縣組成聯合訪問團，今天啟程赴美，台中市長感謝靜岡縣知事指派副知事率團同行，"
        "靜岡縣副知事也在機場與市長對談，雙方盼深化觀光與產業合作。市府表示，靜岡縣長年是台中的重要夥伴，"
        "雙方在茶產業、觀光與教育交流都有深厚基礎，此行將擴大三方合作。"
        "此行台中與靜岡將與德克薩斯州產官學界交流，聚焦半導體與智慧製造。",
        "2026-03-11",
    )
    assert set(names(event)) == {"靜岡縣", "德州"}


def test_industry_government_and_academia_of_a_place_are_not_its_products() -> None:
    event = extract_event(None, "高雄市長今天表示，將率團與熊本縣產官學界交流半導體人才培育。", "2026-05-02")
    assert names(event) == ["熊本縣"]


def test_a_place_named_for_its_sister_cities_is_not_the_counterpart() -> None:
    event = extract_event(
        None,
        "新北市長今天接見美國加州鑽石吧市市長一行，盼未來安排新北與加州姊妹市互訪交流。",
        "2026-05-02",
    )
    assert names(event) == ["鑽石吧市"]


def test_a_government_acting_on_a_multilateral_body_is_a_partner_beside_it() -> None:
    event = extract_event(
        None,
        "外交部今天表示，台灣已正式申請加入CPTPP，並感謝日本政府多次公開表態歡迎台灣申請加入CPTPP。",
        "2026-09-23",
    )
    assert {(p.name, p.country) for p in event.partners} == {
        ("跨太平洋夥伴全面進步協定", "International"),
        ("日本", "Japan"),
    }


def test_also_from_somewhere_is_not_the_counterpart() -> None:
    event = extract_event(
        "台湾、地震の義援金 3日間で5億円 澳門からも1億円",
        "台湾当局は8日、地震の被災地支援のために設けた募金が5億円に達したと発表した。"
        "寄付金は外交部を通じて、日本当局との協議を経て渡される。",
        "2026-01-08",
    )
    assert {p.country for p in event.partners} == {"Japan"}


def test_every_place_a_delegation_calls_on_is_a_partner() -> None:
    event = extract_event(
        "花蓮縣長將赴日 與千葉縣成田市締結友好城市",
        "花蓮縣政府將與日本千葉縣成田市締結友好城市，縣長今天表示，希望提升花蓮的國際能見度。"
        "縣長率領的訪問團，10日將先造訪宮古島市，參加當地祭典，再轉往成田市簽署協定。",
        "2026-10-05",
    )
    assert set(names(event)) == {"成田市", "宮古島市"}


def test_a_wish_to_exchange_with_a_place_is_no_counterpart() -> None:
    event = extract_event(
        None,
        "桃園市長今天聽取城市交流工作報告，表示各區公所未來可以與日本成田市進行機場城市的交流。",
        "2026-10-05",
    )
    assert "成田市" not in names(event)
