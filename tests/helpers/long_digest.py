"""A long digest of our own writing (a busy day's worst case: long leads, many sources, outlets), for the
size tests (tests/test_digest_size.py) and the long-digest screenshot (digest_screenshot.py --stories)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from service.digest.build import Digest, PartnerGroup, Source, Story, TopicGroup, partner_order

DAY = date(2026, 12, 3)
START = datetime(2026, 12, 2, 23, 30, tzinfo=UTC)
BASE = "https://newsmon.example.tw"
PARTNERS = (("熊本縣", "Japan", "prefecture"), ("熊本市", "Japan", "city"), ("仙台市", "Japan", "city"),
            ("首爾特別市", "South Korea", "city"), ("加州", "United States", "state"))  # fmt: skip


def story(number: int) -> Story:
    partner, country, level = PARTNERS[number % len(PARTNERS)]
    lead = (
        f"第{number}則：高雄市與{partner}的交流團今天抵達，雙方就半導體人才、觀光與農產品行銷交換意見。"
        "市府表示，明年將互派青年實習生，並在防災與醫療領域擴大合作。" * 2
    )
    when = START + timedelta(minutes=7 * number)
    return Story(
        item_id=number,
        cluster_id=number,
        topic="city_diplomacy" if number % 3 else "taiwan_japan",
        title=f"高雄市長率團訪問{partner} 簽署友好交流備忘錄（第{number}則）",
        url=f"https://news.example.tw/{number}",
        outlet=("中央社", "自由時報", "聯合新聞網", "公視新聞網")[number % 4],
        published_at=when,
        published_local=f"{when:%Y-%m-%d %H:%M}",
        lead=lead,
        partner_label=partner,
        partner=partner,
        partner_country=country,
        taiwan_party="高雄市",
        tags=("City diplomacy", "Taiwan–Japan"),
        reasons=("高雄市 ↔ 熊本縣 (known partner cities)", "備忘錄", "率團", "友好交流"),
        party_tags=(partner, "高雄市"),
        also_reported_by=("ETtoday", "中時新聞網", "民視新聞", "TVBS"),
        item_ids=(number,),
        article_count=5,
        score=0.99 - number / 1000,
        by_reviewer=False,
        review_url=f"{BASE}/items/{number}",
        sources=tuple(
            Source(
                1000 + number * 10 + k,
                f"{partner}知事會見高雄訪問團（報導{k}）",
                f"https://other.example.jp/{number}/{k}",
                "熊本日日新聞",
                f"{when:%Y-%m-%d %H:%M}",
                None,
                when - timedelta(hours=k + 1),
            )
            for k in range(3)
        ),
        partner_level=level,
    )


def digest_of(count: int, maybe: int = 10) -> Digest:
    stories = [story(n) for n in range(1, count + 1)]
    topics = []
    for key in ("taiwan_japan", "city_diplomacy"):
        mine = [s for s in stories if s.topic == key]
        groups: dict[str, list[Story]] = {}
        for s in mine:
            groups.setdefault(s.partner_label, []).append(s)
        partners = tuple(
            sorted(
                (
                    PartnerGroup(name, tuple(items), name, items[0].partner_country, items[0].partner_level)
                    for name, items in groups.items()
                ),
                key=partner_order,
            )
        )
        topics.append(TopicGroup(key, key, partners))
    return Digest(
        digest_date=DAY,
        window_start=START,
        window_end=START + timedelta(days=1),
        timezone="Asia/Taipei",
        topics=tuple(topics),
        maybe=tuple(story(500 + n) for n in range(maybe)),
        story_count=count,
        article_count=5 * count,
        outlet_count=12,
        review_base_url=BASE,
    )
