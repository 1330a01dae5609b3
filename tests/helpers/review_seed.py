"""Rows for review-UI tests and benchmarks, inserted directly (the stages that normally write them run
elsewhere). The article texts below are our own writing about real kinds of events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from service.storage.db import session_scope
from service.storage.schema import (
    Classification,
    Cluster,
    ClusterMember,
    DigestRun,
    Feed,
    Item,
    ModelVersion,
)

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)

SAMPLES: list[dict[str, Any]] = [
    {
        "title": "高雄市長接見日本熊本縣訪問團 簽署友好交流備忘錄",
        "text": "熊本縣知事率團抵達高雄,與高雄市長在市府簽署友好交流備忘錄,雙方將在觀光、教育與農產品行銷"
        "方面擴大合作。\n市長表示,高雄與熊本自二〇一三年締結友好交流以來往來密切,未來將推動中學生互訪。",
        "outlet": "中央社",
        "score": 0.93,
        "labels": {"taiwan_japan": True, "city_diplomacy": True},
        "partner": "熊本縣",
        "explanation": {
            "entities": ["高雄市", "熊本縣", "知事"],
            "top_features": {
                "taiwan_japan": [["熊本", 0.41], ["知事", 0.22]],
                "city_diplomacy": [["市長", 0.3]],
            },
        },
    },
    {
        "title": "日台交流協會代表拜會外交部 談半導體供應鏈合作",
        "text": "日本台灣交流協會代表今天拜會外交部,雙方就半導體供應鏈韌性與能源合作交換意見。",
        "outlet": "自由時報",
        "score": 0.55,
        "labels": {"taiwan_japan": True, "city_diplomacy": False},
        "partner": "日本台灣交流協會",
        "explanation": {"entities": ["日本台灣交流協會", "外交部"]},
    },
    {
        "title": "台北市議會考察團赴姊妹市美國舊金山 交流智慧城市經驗",
        "text": "台北市議會考察團抵達姊妹市舊金山,參訪市政府智慧城市中心,討論交通號誌資料開放。",
        "outlet": "聯合新聞網",
        "score": 0.47,
        "labels": {"taiwan_japan": False, "city_diplomacy": False},
        "partner": "San Francisco",
        "explanation": {"entities": ["台北市議會", "舊金山"]},
    },
    {
        "title": "颱風逼近 東部山區豪雨特報",
        "text": "氣象署發布豪雨特報,東部山區今明兩天可能有局部大雨,民眾應注意落石。",
        "outlet": "中央社",
        "score": 0.04,
        "labels": {"taiwan_japan": False, "city_diplomacy": False},
        "explanation": {},
    },
    {
        "title": "Taichung mayor welcomes delegation from Japan's Tottori Prefecture",
        "text": "The mayor of Taichung received a delegation from Tottori Prefecture led by its governor, "
        "renewing a friendship agreement signed in 2017 and announcing a student exchange.",
        "outlet": "Focus Taiwan",
        "score": 0.61,
        "labels": {"taiwan_japan": True, "city_diplomacy": True},
        "partner": "Tottori",
        "explanation": {"entities": ["Taichung", "Tottori Prefecture"]},
    },
    {
        "title": "股市收盤 台股小漲",
        "text": "台股今天在電子股帶動下小漲,成交量較昨日略增。",
        "outlet": "聯合新聞網",
        "score": 0.12,
        "labels": {"taiwan_japan": False, "city_diplomacy": False},
        "explanation": {},
    },
]


def add_feed(session: Session, name: str, **state: Any) -> int:
    values: dict[str, Any] = {
        "name": name,
        "url": f"https://news.example.tw/{name}.xml",
        "publisher": state.pop("publisher", name),
        "enabled": True,
        "interval_seconds": 900,
        "next_check_at": NOW + timedelta(minutes=10),
        "error_count": 0,
        "created_at": NOW - timedelta(days=30),
    }
    values.update(state)
    feed = Feed(**values)
    session.add(feed)
    session.flush()
    return feed.id


def add_item(
    session: Session,
    title: str,
    text: str = "",
    *,
    outlet: str | None = "中央社",
    score: float | None = 0.5,
    labels: dict[str, bool] | None = None,
    partner: str | None = None,
    explanation: dict[str, Any] | None = None,
    published: datetime | None = None,
    feed_id: int | None = None,
    model_version: str = "test-v1",
    url: str | None = None,
) -> int:
    """One item; with a ``score`` also its current classification."""
    moment = published or NOW
    item = Item(
        identity_key=f"test:{title}:{moment.isoformat()}",
        feed_id=feed_id,
        url=url or f"https://news.example.tw/a/{abs(hash((title, moment))) % 10**9}",
        outlet=outlet,
        title=title,
        summary=text[:80],
        text=text,
        text_source="page",
        lang="zh-Hant",
        published_at=moment,
        first_seen_at=moment,
        updated_at=moment,
        status="done",
    )
    session.add(item)
    session.flush()
    if score is not None:
        topic_labels = labels or {"taiwan_japan": score >= 0.5, "city_diplomacy": False}
        classification = Classification(
            item_id=item.id,
            model_version=model_version,
            scores={name: score if value else score / 2 for name, value in topic_labels.items()},
            labels=topic_labels,
            relevant=any(topic_labels.values()),
            relevance_score=score,
            partner=partner,
            explanation=explanation or {},
            created_at=moment + timedelta(minutes=1),
        )
        session.add(classification)
        session.flush()
        item.classification_id = classification.id
    return item.id


def add_cluster(session: Session, item_ids: Sequence[int]) -> int:
    first = item_ids[0]
    cluster = Cluster(first_item_id=first, canonical_item_id=first, created_at=NOW, updated_at=NOW)
    session.add(cluster)
    session.flush()
    for position, item_id in enumerate(item_ids):
        outlet = session.get_one(Item, item_id).outlet
        session.add(
            ClusterMember(
                item_id=item_id,
                cluster_id=cluster.id,
                relation="original" if position == 0 else "duplicate",
                outlet=outlet,
                similarity=None if position == 0 else 0.9,
                joined_at=NOW,
            )
        )
    session.flush()
    return cluster.id


def add_model(
    session: Session, version: str, active: bool = True, metrics: dict[str, Any] | None = None
) -> None:
    session.add(
        ModelVersion(
            version=version,
            path=f"/models/{version}",
            metrics=metrics or {"relevant_f1": 0.8},
            active=active,
            created_at=NOW,
        )
    )
    session.flush()


def add_digest_run(session: Session, day: str, status: str = "sent", **values: Any) -> None:
    session.add(
        DigestRun(
            digest_date=day,
            window_start=NOW - timedelta(days=1),
            window_end=NOW,
            status=status,
            recipients=values.pop("recipients", ["office@city.example.tw"]),
            item_ids=values.pop("item_ids", [1, 2]),
            story_count=values.pop("story_count", 2),
            attempts=values.pop("attempts", 1),
            created_at=NOW,
            sent_at=NOW if status == "sent" else None,
            **values,
        )
    )
    session.flush()


def seed_samples(engine: Engine, with_model: bool = True) -> list[int]:
    """The sample items (two in one story), a feed, a model version (a row only: no artifact behind it,
    so leave it out where the real classifier runs) and a digest run; returns item ids."""
    with session_scope(engine) as session:
        feed_id = add_feed(
            session, "cna-politics", publisher="中央社", last_polled_at=NOW, last_success_at=NOW
        )
        add_feed(
            session,
            "broken-feed",
            error_count=3,
            last_error="https://broken.example.tw/rss: HTTP 503",
            last_error_at=NOW,
            last_polled_at=NOW,
        )
        ids = [
            add_item(
                session,
                sample["title"],
                sample["text"],
                outlet=sample["outlet"],
                score=sample["score"],
                labels=sample["labels"],
                partner=sample.get("partner"),
                explanation=sample["explanation"],
                published=NOW - timedelta(hours=index),
                feed_id=feed_id,
            )
            for index, sample in enumerate(SAMPLES)
        ]
        copy = add_item(
            session,
            "熊本縣知事訪高雄 簽署交流備忘錄",
            SAMPLES[0]["text"],
            outlet="ETtoday",
            score=0.9,
            labels=SAMPLES[0]["labels"],
            published=NOW - timedelta(minutes=30),
        )
        add_cluster(session, [ids[0], copy])
        if with_model:
            add_model(
                session, "test-v1", metrics={"relevant": {"f1": 0.81, "precision": 0.84, "recall": 0.78}}
            )
        add_digest_run(session, "2026-11-20")
        return [*ids, copy]


MORE_SAMPLES: list[dict[str, Any]] = [
    {
        "title": "台南市與日本仙台市線上會議 討論防災合作",
        "text": "台南市長與仙台市長透過視訊會議交換地震防災經驗,雙方同意明年互派消防人員研習。",
        "outlet": "自由時報",
        "score": 0.58,
        "labels": {"taiwan_japan": True, "city_diplomacy": True},
        "partner": "仙台市",
    },
    {
        "title": "日本のIT企業、台湾中部に研究開発拠点を開設",
        "text": "日本のIT企業が台中市に研究開発拠点を開設し、現地の大学と人材育成で協力すると発表した。",
        "outlet": "フォーカス台湾",
        "score": 0.44,
        "labels": {"taiwan_japan": False, "city_diplomacy": False},
        "partner": None,
    },
    {
        "title": "新竹縣長率團訪問美國德州 洽談半導體人才交流",
        "text": "新竹縣長率領縣府團隊訪問德州奧斯汀,與當地市府討論半導體人才培訓與學生交換計畫。",
        "outlet": "中時新聞網",
        "score": 0.52,
        "labels": {"taiwan_japan": False, "city_diplomacy": True},
        "partner": "Austin",
    },
    {
        "title": "日本職棒球隊來台春訓 球迷湧入球場",
        "text": "日本職棒球隊來台進行春季訓練,吸引大批球迷到場觀看,球團表示明年仍將來台。",
        "outlet": "ETtoday",
        "score": 0.36,
        "labels": {"taiwan_japan": False, "city_diplomacy": False},
        "partner": None,
    },
    {
        "title": "桃園市與日本千葉縣成田市續簽友好城市協定",
        "text": "桃園市與成田市在市府舉行續約儀式,雙方將持續推動機場城市觀光與青少年交流。",
        "outlet": "中央社",
        "score": 0.66,
        "labels": {"taiwan_japan": True, "city_diplomacy": True},
        "partner": "成田市",
    },
    {
        "title": "立法院三讀通過預算案",
        "text": "立法院今天三讀通過明年度中央政府總預算案,刪減幅度較去年略低。",
        "outlet": "公視新聞網",
        "score": 0.08,
        "labels": {"taiwan_japan": False, "city_diplomacy": False},
        "partner": None,
    },
]


def seed_more(engine: Engine) -> list[int]:
    """Further sample items (for a fuller queue in the browser tests and screenshots)."""
    with session_scope(engine) as session:
        return [
            add_item(
                session,
                sample["title"],
                sample["text"],
                outlet=sample["outlet"],
                score=sample["score"],
                labels=sample["labels"],
                partner=sample["partner"],
                explanation={"entities": [sample["partner"]] if sample["partner"] else []},
                published=NOW - timedelta(hours=8 + index),
            )
            for index, sample in enumerate(MORE_SAMPLES)
        ]
