"""Rows for digests that were never fetched: our own sample stories (written by us, in the style of Taiwanese
outlets; places and sister-city pairs are real facts, events are invented) and generated bulk rows.

Used by the digest, report and classification tests, ``bench/digest.py`` and ``docs/digest_screenshot.py``
(which put ``tests/`` on ``sys.path``). Not used by the service.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from classifiers import DEFAULT_THRESHOLDS
from service.storage.schema import Classification, Cluster, ClusterMember, Item, ReviewLabel


def add_item(
    session: Session,
    *,
    title: str,
    text: str,
    outlet: str,
    first_seen: datetime,
    url: str | None = None,
    published: datetime | None = None,
    lang: str = "zh-Hant",
) -> int:
    item = Item(
        identity_key=url or f"sample:{title}:{outlet}:{first_seen.isoformat()}",
        url=url,
        outlet=outlet,
        title=title,
        text=text,
        text_source="page",
        lang=lang,
        published_at=published or first_seen,
        first_seen_at=first_seen,
        updated_at=first_seen,
        status="done",
    )
    session.add(item)
    session.flush()
    return item.id


def add_classification(
    session: Session,
    item_id: int,
    *,
    taiwan_japan: float = 0.0,
    city_diplomacy: float = 0.0,
    threshold: float = 0.5,
    partner: str | None = None,
    partner_country: str | None = None,
    taiwan_party: str | None = None,
    reasons: Sequence[str] = (),
    model_version: str = "sample",
) -> int:
    """A model verdict from two probabilities; the item's current classification becomes this one."""
    labels = {"taiwan_japan": taiwan_japan >= threshold, "city_diplomacy": city_diplomacy >= threshold}
    labels["relevant"] = labels["taiwan_japan"] or labels["city_diplomacy"]
    row = Classification(
        item_id=item_id,
        model_version=model_version,
        scores={"taiwan_japan": taiwan_japan, "city_diplomacy": city_diplomacy},
        labels=labels,
        relevant=labels["relevant"],
        relevance_score=max(taiwan_japan, city_diplomacy),
        partner=partner,
        partner_country=partner_country,
        taiwan_party=taiwan_party,
        explanation={"reasons": list(reasons)},
        created_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    session.get_one(Item, item_id).classification_id = row.id
    return row.id


def add_cluster(session: Session, canonical_id: int, member_ids: Sequence[int]) -> int:
    """One story: ``canonical_id`` is the original, the others its duplicates (outlets from the items)."""
    stamp = datetime.now(UTC)
    cluster = Cluster(
        first_item_id=canonical_id, canonical_item_id=canonical_id, created_at=stamp, updated_at=stamp
    )
    session.add(cluster)
    session.flush()
    for item_id in (canonical_id, *[m for m in member_ids if m != canonical_id]):
        item = session.get_one(Item, item_id)
        session.add(
            ClusterMember(
                item_id=item_id,
                cluster_id=cluster.id,
                relation="original" if item_id == canonical_id else "duplicate",
                outlet=item.outlet,
                similarity=1.0 if item_id == canonical_id else 0.9,
                joined_at=stamp,
            )
        )
    session.flush()
    return cluster.id


def add_review_label(
    session: Session, item_id: int, label: str, value: bool, at: datetime, reviewer: str = "reviewer"
) -> None:
    session.add(ReviewLabel(item_id=item_id, label=label, value=value, reviewer=reviewer, created_at=at))
    session.flush()


# --- a realistic day --------------------------------------------------------------------------------------

SAMPLE_STORIES: list[dict[str, object]] = [
    {
        "title": "臺北市與仙台市線上交流 共商防災與觀光合作",
        "text": "（本報記者台北報導）臺北市長今天與日本仙台市長舉行視訊會議，"
        "雙方就防災經驗與觀光推廣交換意見。"
        "兩市自2006年簽署交流協定以來，在教育與文化領域往來密切。市府表示，明年將率團出席仙台的國際防災論壇！"
        "雙方也同意擴大中學生互訪。",
        "outlet": "中央社",
        "cd": 0.93,
        "tj": 0.71,
        "partner": "仙台市",
        "country": "日本",
        "party": "臺北市",
        "reasons": ["臺北市 ↔ 仙台市 (known partner cities)", "視訊會議", "交流協定"],
        "also": ["自由時報", "聯合新聞網"],
    },
    {
        "title": "高雄市長率團訪問熊本 簽署友好交流備忘錄",
        "text": "高雄市長率領市府團隊抵達熊本縣，與熊本縣知事簽署友好交流備忘錄。備忘錄涵蓋半導體人才培育、"
        "觀光與農產品行銷。知事表示，熊本與高雄的產業連結將更加緊密。",
        "outlet": "自由時報",
        "cd": 0.95,
        "tj": 0.66,
        "partner": "熊本縣",
        "country": "日本",
        "party": "高雄市",
        "reasons": ["高雄市 ↔ 熊本縣 (known partner cities)", "備忘錄", "率團"],
        "also": ["ETtoday"],
    },
    {
        "title": "桃園與美國加州聖塔克拉拉郡 慶祝締盟十週年",
        "text": "桃園市政府今天舉辦締盟十週年茶會，美國聖塔克拉拉郡代表團出席。"
        "雙方回顧十年來在科技產業與青年交流上的合作，"
        "並宣布明年互派實習生。",
        "outlet": "聯合新聞網",
        "cd": 0.88,
        "tj": 0.02,
        "partner": "Santa Clara County",
        "country": "United States",
        "party": "桃園市",
        "reasons": ["桃園市 ↔ Santa Clara County", "締盟", "代表團"],
        "also": [],
    },
    {
        "title": "日台交流協會新任代表拜會外交部 盼深化經貿合作",
        "text": "日本台灣交流協會新任台北事務所代表今天拜會外交部長。雙方就區域安全、經貿與能源合作交換意見。"
        "外交部表示，臺日關係持續穩定發展。",
        "outlet": "中央社",
        "cd": 0.05,
        "tj": 0.97,
        "partner": None,
        "country": "日本",
        "party": "外交部",
        "reasons": ["外交部 ↔ 日本", "日台交流協會", "拜會"],
        "also": ["公視新聞網", "中時新聞網", "自由時報"],
    },
    {
        "title": "Japanese lawmakers visit Taipei to discuss supply chain resilience",
        "text": "A delegation of Japanese Diet members arrived in Taipei on Monday for talks on chip "
        "supply chains. The group met the premier and visited a science park. Both sides pledged closer "
        "cooperation on export controls.",
        "outlet": "Taipei Times",
        "cd": 0.10,
        "tj": 0.94,
        "partner": None,
        "country": "日本",
        "party": "Executive Yuan",
        "reasons": ["Diet members", "delegation"],
        "also": ["Focus Taiwan"],
        "lang": "en",
    },
    {
        "title": "<script>alert('x')</script> 台日青年論壇在東京登場",
        "text": "台日青年論壇今天在東京舉行，兩地大學生討論氣候與數位轉型議題。"
        "主辦單位表示，論壇將每年輪流在兩地舉辦。",
        "outlet": "ETtoday",
        "cd": 0.20,
        "tj": 0.81,
        "partner": "東京都",
        "country": "日本",
        "party": None,
        "reasons": ["論壇"],
        "also": [],
    },
]

MAYBE_STORY: dict[str, object] = {
    "title": "日本觀光客回流 九份老街週末人潮湧現",
    "text": "隨著日本旅客回流，新北九份老街週末湧入大批遊客。業者表示，日語導覽需求明顯增加。",
    "outlet": "聯合新聞網",
    "cd": 0.05,
    "tj": DEFAULT_THRESHOLDS["taiwan_japan"] - 0.08,  # just below the default threshold: a "maybe"
    "partner": None,
    "country": "日本",
    "party": None,
    "reasons": [],
    "also": [],
}


def insert_sample_day(session: Session, first_seen: datetime, with_maybe: bool = True) -> list[int]:
    """The sample stories, all first seen around ``first_seen``; returns the canonical item ids."""
    canonical_ids: list[int] = []
    stories = [*SAMPLE_STORIES, MAYBE_STORY] if with_maybe else SAMPLE_STORIES
    for index, story in enumerate(stories):
        seen = first_seen + timedelta(minutes=7 * index)
        ids = _insert_story(session, story, seen, index)
        canonical_ids.append(ids[0])
    return canonical_ids


def _insert_story(session: Session, story: dict[str, object], seen: datetime, index: int) -> list[int]:
    title, text, outlet = str(story["title"]), str(story["text"]), str(story["outlet"])
    lang = str(story.get("lang", "zh-Hant"))
    also = [str(name) for name in story["also"]]  # type: ignore[attr-defined]
    ids = []
    for offset, name in enumerate([outlet, *also]):
        item_id = add_item(
            session,
            title=title if offset == 0 else f"{title}（{name}）",
            text=text,
            outlet=name,
            url=f"https://news.example.tw/{index}/{offset}",
            first_seen=seen + timedelta(minutes=offset),
            lang=lang,
        )
        add_classification(
            session,
            item_id,
            taiwan_japan=float(story["tj"]),  # type: ignore[arg-type]
            city_diplomacy=float(story["cd"]),  # type: ignore[arg-type]
            partner=story["partner"],  # type: ignore[arg-type]
            partner_country=story["country"],  # type: ignore[arg-type]
            taiwan_party=story["party"],  # type: ignore[arg-type]
            reasons=story["reasons"],  # type: ignore[arg-type]
        )
        ids.append(item_id)
    if len(ids) > 1:
        add_cluster(session, ids[0], ids)
    return ids


# --- bulk rows for the benchmark -------------------------------------------------------------------------

PARTNERS = [
    ("仙台市", "日本"),
    ("熊本縣", "日本"),
    ("東京都", "日本"),
    ("大阪市", "日本"),
    ("福岡市", "日本"),
    ("沖繩縣", "日本"),
    ("Santa Clara County", "United States"),
    ("Brisbane", "Australia"),
    (None, "日本"),
    (None, None),
]
OUTLETS = [
    "中央社",
    "自由時報",
    "聯合新聞網",
    "ETtoday",
    "中時新聞網",
    "公視新聞網",
    "Taipei Times",
    "Focus Taiwan",
]


def insert_generated(
    session: Session, count: int, start: datetime, end: datetime, seed: int = 7, cluster_size: int = 3
) -> None:
    """``count`` relevant items first seen in ``[start, end)``, in clusters of up to ``cluster_size``, with
    leads of a few sentences, partners, reasons and a few reviewer labels."""
    rng = random.Random(seed)
    span = (end - start).total_seconds()
    made = 0
    story = 0
    while made < count:
        size = min(rng.randint(1, cluster_size), count - made)
        partner, country = PARTNERS[story % len(PARTNERS)]
        tj, cd = rng.choice([(0.9, 0.1), (0.2, 0.9), (0.8, 0.85)])
        ids = []
        for member in range(size):
            seen = start + timedelta(seconds=rng.uniform(0, span * 0.999))
            text = "".join(f"第{story}則新聞的第{n}句說明雙方交流與合作的細節。" for n in range(1, 8))
            item_id = add_item(
                session,
                title=f"樣本新聞 {story}：{partner or country or '國際'}交流 {member}",
                text=text,
                outlet=OUTLETS[(story + member) % len(OUTLETS)],
                url=f"https://news.example.tw/gen/{story}/{member}",
                first_seen=seen,
            )
            add_classification(
                session,
                item_id,
                taiwan_japan=tj,
                city_diplomacy=cd,
                partner=partner,
                partner_country=country,
                taiwan_party="臺北市",
                reasons=["交流", "備忘錄"],
            )
            if rng.random() < 0.03:
                add_review_label(session, item_id, "relevant", rng.random() < 0.5, seen)
            ids.append(item_id)
        if len(ids) > 1:
            add_cluster(session, ids[0], ids)
        made += size
        story += 1
