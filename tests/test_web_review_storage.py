"""service.storage.review (queue order and filters, the item page), labels (decisions, export) and feed
health, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers.review_seed import NOW, SAMPLES, add_feed, add_item, seed_samples
from sqlalchemy import Engine

from service.errors import ReviewError, UnknownItemError
from service.labels import training_labels
from service.storage import feeds as feed_store
from service.storage import labels as label_store
from service.storage import review
from service.storage.db import session_scope
from service.storage.review import QueueFilters
from service.storage.schema import Classification, Item


def queue_titles(engine: Engine, **filters: object) -> list[str]:
    with session_scope(engine) as session:
        page = review.review_queue(session, QueueFilters(**filters))  # type: ignore[arg-type]
        return [row.title for row in page.rows]


def test_queue_puts_the_most_uncertain_first(engine: Engine) -> None:
    seed_samples(engine)
    titles = queue_titles(engine)
    scores = {sample["title"]: sample["score"] for sample in SAMPLES}
    ranked = [title for title in titles if title in scores]
    distances = [abs(scores[title] - review.DEFAULT_BOUNDARY) for title in ranked]
    assert distances == sorted(distances)
    assert ranked[0] == SAMPLES[2]["title"]  # 0.47 is the closest to the default threshold, 0.35
    with session_scope(engine) as session:  # a configured threshold moves what "uncertain" means
        moved = review.review_queue(session, QueueFilters(), boundary=0.6).rows
    assert moved[0].title == SAMPLES[4]["title"]  # 0.61


def test_queue_shows_one_row_per_story(engine: Engine) -> None:
    """ETtoday's copy of the Kaohsiung–Kumamoto story is hidden behind its canonical item; asking for
    copies, or for the story's cluster, shows it."""
    ids = seed_samples(engine)
    copy = "熊本縣知事訪高雄 簽署交流備忘錄"
    assert copy not in queue_titles(engine) and SAMPLES[0]["title"] in queue_titles(engine)
    assert copy in queue_titles(engine, copies=True)
    with session_scope(engine) as session:
        cluster = review.item_detail(session, ids[0]).cluster_id
        row = next(r for r in review.review_queue(session, QueueFilters()).rows if r.id == ids[0])
    assert row.cluster_size == 2  # the row says the story has another copy
    assert set(queue_titles(engine, cluster=cluster)) == {copy, SAMPLES[0]["title"]}


def test_queue_filters(engine: Engine) -> None:
    ids = seed_samples(engine)
    assert queue_titles(engine, label="city_diplomacy", copies=True) == [
        SAMPLES[4]["title"],
        "熊本縣知事訪高雄 簽署交流備忘錄",
        SAMPLES[0]["title"],
    ]
    assert set(queue_titles(engine, label="none")) == {SAMPLES[i]["title"] for i in (2, 3, 5)}
    assert set(queue_titles(engine, min_score=0.5, max_score=0.7)) == {
        SAMPLES[1]["title"],
        SAMPLES[4]["title"],
    }
    assert queue_titles(engine, outlet="Focus Taiwan") == [SAMPLES[4]["title"]]
    assert set(queue_titles(engine, since=NOW - timedelta(minutes=90), copies=True)) == {
        SAMPLES[0]["title"],
        "熊本縣知事訪高雄 簽署交流備忘錄",
        SAMPLES[1]["title"],
    }
    assert queue_titles(engine, until=NOW - timedelta(hours=4, minutes=30)) == [SAMPLES[5]["title"]]
    with session_scope(engine) as session:
        cluster = review.item_detail(session, ids[0]).cluster_id
    assert len(queue_titles(engine, cluster=cluster)) == 2
    assert queue_titles(engine, order="newest")[0] == SAMPLES[0]["title"]
    assert queue_titles(engine, order="score")[0] == SAMPLES[0]["title"]
    with pytest.raises(ReviewError, match="unknown label 'bogus'"):
        queue_titles(engine, label="bogus")


def test_search_matches_title_and_text_and_both_tai_characters(engine: Engine) -> None:
    seed_samples(engine)
    assert queue_titles(engine, query="臺北市議會") == [SAMPLES[2]["title"]]  # stored as 台北
    assert queue_titles(engine, query="供應鏈 能源") == [SAMPLES[1]["title"]]  # both words, one in text only
    assert queue_titles(engine, query="tottori") == [SAMPLES[4]["title"]]  # case-insensitive
    assert queue_titles(engine, query="100%") == []  # LIKE wildcards are literal


def test_a_label_takes_the_item_out_of_the_queue_and_implies_the_others(engine: Engine) -> None:
    ids = seed_samples(engine)
    with session_scope(engine) as session:
        assert label_store.record_label(session, ids[3], "relevant", False, "alice") == {
            "relevant": False,
            "taiwan_japan": False,
            "city_diplomacy": False,
        }
        assert label_store.record_label(session, ids[2], "city_diplomacy", True, "alice") == {
            "city_diplomacy": True,
            "relevant": True,
        }
        label_store.record_label(session, ids[5], "taiwan_japan", False, "bob")
        assert label_store.record_label(session, ids[5], "city_diplomacy", False, "bob") == {
            "city_diplomacy": False,
            "relevant": False,
        }
    titles = queue_titles(engine)
    assert SAMPLES[3]["title"] not in titles and SAMPLES[2]["title"] not in titles
    assert set(queue_titles(engine, reviewed="yes")) == {SAMPLES[i]["title"] for i in (2, 3, 5)}
    with session_scope(engine) as session:
        detail = review.item_detail(session, ids[2])
        assert detail.decisions["city_diplomacy"].reviewer == "alice"
        assert detail.effective_labels == {"taiwan_japan": False, "city_diplomacy": True, "relevant": True}
        assert [event.kind for event in detail.history].count("label") == 2


def test_reclassifying_never_overwrites_a_human_label(engine: Engine) -> None:
    ids = seed_samples(engine)
    with session_scope(engine) as session:
        label_store.record_label(session, ids[1], "taiwan_japan", False, "alice")
    with session_scope(engine) as session:  # what the classifier does: a new row, the item points at it
        newer = Classification(
            item_id=ids[1],
            model_version="test-v2",
            scores={"taiwan_japan": 0.99},
            labels={"taiwan_japan": True, "city_diplomacy": False},
            relevant=True,
            relevance_score=0.99,
            explanation={},
            created_at=NOW + timedelta(days=1),
        )
        session.add(newer)
        session.flush()
        session.get_one(Item, ids[1]).classification_id = newer.id
    with session_scope(engine) as session:
        detail = review.item_detail(session, ids[1])
        assert detail.model_labels["taiwan_japan"] is True
        assert detail.effective_labels["taiwan_japan"] is False
        assert detail.classification is not None and detail.classification.model_version == "test-v2"
        assert any("model test-v2" in event.text for event in detail.history)


def test_confirm_and_bulk(engine: Engine) -> None:
    ids = seed_samples(engine)
    with session_scope(engine) as session:
        assert label_store.confirm_model(session, ids[4], "alice") == {
            "taiwan_japan": True,
            "city_diplomacy": True,
            "relevant": True,
        }
        assert label_store.record_bulk(session, [ids[3], ids[5], ids[3]], "not_relevant", "alice") == 2
        with pytest.raises(ReviewError, match="unknown bulk action"):
            label_store.record_bulk(session, [ids[0]], "delete", "alice")
        with pytest.raises(UnknownItemError):
            label_store.record_label(session, 999_999, "relevant", True, "alice")
        with pytest.raises(ReviewError, match="unknown label"):
            label_store.record_label(session, ids[0], "sports", True, "alice")
        assert label_store.count_labels(session) == 3 + 3 + 3


def test_export_is_the_training_format(engine: Engine) -> None:
    ids = seed_samples(engine)
    with session_scope(engine) as session:
        label_store.record_label(session, ids[3], "relevant", False, "alice")
        # city_diplomacy from the model
        label_store.record_label(session, ids[1], "taiwan_japan", True, "bob")
        unclassified = add_item(session, "未分類", "內容", score=None)
        label_store.record_label(session, unclassified, "taiwan_japan", True, "bob")  # undecidable: left out
        rows = list(label_store.export_labels(session))
    assert [row["title"] for row in rows] == [SAMPLES[1]["title"], SAMPLES[3]["title"]]
    first = rows[0]
    assert {key: first[key] for key in ("taiwan_japan", "city_diplomacy", "relevant")} == {
        "taiwan_japan": True,
        "city_diplomacy": False,
        "relevant": True,
    }
    assert first["text"] == SAMPLES[1]["text"] and first["reviewer"] == "bob"
    assert rows[1]["relevant"] is False and rows[1]["taiwan_japan"] is False


def test_item_detail_has_cluster_members_and_history(engine: Engine) -> None:
    ids = seed_samples(engine)
    with session_scope(engine) as session:
        detail = review.item_detail(session, ids[0])
        assert [member.outlet for member in detail.members] == ["ETtoday", "中央社"]  # by publication time
        assert detail.classification is not None and detail.classification.partner == "熊本縣"
        assert detail.sources == ["cna-politics"]
        assert [event.kind for event in detail.history] == ["seen", "classified"]
        with pytest.raises(UnknownItemError):
            review.item_detail(session, 424242)


def test_feed_health(engine: Engine) -> None:
    seed_samples(engine)
    with session_scope(engine) as session:
        add_feed(session, "quiet", enabled=False)
        feeds = {feed.name: feed for feed in feed_store.feed_health(session, at=NOW + timedelta(hours=1))}
    assert feeds["broken-feed"].status == "failing" and "HTTP 503" in (feeds["broken-feed"].last_error or "")
    assert feeds["cna-politics"].status == "ok" and feeds["cna-politics"].items_total == 6
    assert feeds["cna-politics"].items_per_day == round(6 / 7, 1)
    assert feeds["quiet"].status == "disabled"


def test_training_labels() -> None:
    assert training_labels({"relevant": False}, None) == {
        "taiwan_japan": False,
        "city_diplomacy": False,
        "relevant": False,
    }
    assert training_labels({"taiwan_japan": True}, None) is None
    assert training_labels({"relevant": True}, {"taiwan_japan": False, "city_diplomacy": False}) is None
    assert training_labels({"relevant": True}, {"taiwan_japan": False, "city_diplomacy": True}) == {
        "taiwan_japan": False,
        "city_diplomacy": True,
        "relevant": True,
    }


def test_pages_of_the_uncertainty_walk_match_a_full_sort(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(engine) as session:
        scores = [round(0.03 * index, 2) for index in range(34)]  # 0.0 .. 0.99, both sides of the boundary
        ids = {
            add_item(session, f"item {score}", score=score, published=NOW - timedelta(minutes=index)): score
            for index, score in enumerate(scores)
        }
    expected = sorted(ids, key=lambda item_id: (abs(ids[item_id] - review.DEFAULT_BOUNDARY), -item_id))
    walked: list[int] = []
    with session_scope(engine) as session:
        for offset in range(0, 34, 10):
            walked += [
                row.id for row in review.review_queue(session, QueueFilters(), limit=10, offset=offset).rows
            ]
        monkeypatch.setattr(review, "COUNT_CAP", 20)
        capped = review.review_queue(session, QueueFilters(), limit=10, offset=20)
    assert walked == expected
    assert capped.total == 20 and capped.total_is_lower_bound and capped.has_next
