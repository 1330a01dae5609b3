"""Feeds out (service/web/feeds_out.py) and the alerts page, through the real app: Atom and JSON Feed 1.1
checked with feedparser and against the JSON Feed 1.1 required fields; escaping; tokens when a login is
required. Items are our own writing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import feedparser
import pytest
from helpers.asgi_client import TestClient
from helpers.review_seed import add_item
from sqlalchemy import Engine

from service.config import Settings, load_settings, with_overrides
from service.storage import alerts as alert_store
from service.storage.db import session_scope
from service.web import create_app
from service.web.auth import hash_password

NOW = datetime.now(UTC)
EVIL = '臺中市與日本<script>alert("x")</script> & ]]> 交流'


@pytest.fixture
def seeded(sqlite_engine: Engine) -> dict[str, int]:
    with session_scope(sqlite_engine) as session:
        ids = {
            "kumamoto": add_item(
                session,
                "高雄市長接見熊本縣訪問團",
                "熊本縣知事率團抵達高雄，雙方簽署友好交流備忘錄。",
                score=0.93,
                labels={"taiwan_japan": True, "city_diplomacy": True},
                partner="熊本縣",
                published=NOW - timedelta(hours=5),
            ),
            "national": add_item(
                session,
                "日本眾議員訪臺 會晤外交部長",
                "日本眾議員訪問團今天拜會外交部，雙方就區域安全交換意見。",
                score=0.88,
                labels={"taiwan_japan": True, "city_diplomacy": False},
                partner="日本",
                published=NOW - timedelta(hours=2),
            ),
            "evil": add_item(
                session,
                EVIL,
                "一段<b>文字</b>與 & 符號。",
                score=0.8,
                labels={"taiwan_japan": False, "city_diplomacy": True},
                published=NOW - timedelta(hours=1),
                url="javascript:alert(1)",
            ),
            "irrelevant": add_item(
                session,
                "颱風過後農產品價格上漲",
                "颱風過後，蔬菜價格明顯上漲。",
                score=0.1,
                published=NOW - timedelta(hours=3),
            ),
            "old": add_item(
                session,
                "去年的熊本交流",
                "很久以前的新聞。",
                score=0.9,
                labels={"taiwan_japan": True, "city_diplomacy": True},
                partner="熊本縣",
                published=NOW - timedelta(days=40),
            ),
        }
    return ids


@pytest.fixture
def client(sqlite_engine: Engine, seeded: dict[str, int]) -> Iterator[TestClient]:
    with TestClient(create_app(load_settings(), sqlite_engine), follow_redirects=False) as client:
        yield client


def parse(body: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def json_feed_problems(feed: dict[str, Any]) -> list[str]:
    """What breaks JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the required fields and the types of
    the optional ones used here (feedparser 6.0 reads RSS and Atom only, so JSON Feed is checked here)."""
    problems = []
    if feed.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append("version")
    if not isinstance(feed.get("title"), str):
        problems.append("title")
    for key in ("home_page_url", "feed_url", "language"):
        if key in feed and not isinstance(feed[key], str):
            problems.append(key)
    if not isinstance(feed.get("items"), list):
        return [*problems, "items"]
    for number, item in enumerate(feed["items"]):
        if not isinstance(item.get("id"), str) or not item["id"]:
            problems.append(f"items[{number}].id")
        if not isinstance(item.get("content_html"), str) and not isinstance(item.get("content_text"), str):
            problems.append(f"items[{number}]: content_html or content_text")
        for key in ("url", "external_url", "title", "summary", "date_published"):
            if key in item and not isinstance(item[key], str):
                problems.append(f"items[{number}].{key}")
        if "tags" in item and not all(isinstance(tag, str) for tag in item["tags"]):
            problems.append(f"items[{number}].tags")
        if "authors" in item and not all(isinstance(a.get("name"), str) for a in item["authors"]):
            problems.append(f"items[{number}].authors")
    return problems


def test_atom_feed_of_relevant_stories_newest_first(client: TestClient, seeded: dict[str, int]) -> None:
    response = client.get("/feeds/relevant.atom")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = parse(response.content)
    assert feed.version == "atom10"
    ids = [entry.id for entry in feed.entries]
    expected = [seeded["evil"], seeded["national"], seeded["kumamoto"]]  # newest first; no irrelevant, no old
    assert ids == [f"urn:newsmon:item:{item}" for item in expected]
    evil = feed.entries[0]
    assert evil.title == EVIL  # escaped on the way out, the same text on the way in
    assert all(
        link.href.startswith(("http://", "https://"))
        for entry in feed.entries
        for link in entry.get("links", [])
    )
    assert "javascript" not in response.text
    assert "<script>" not in response.text


def test_json_feed_1_1_has_the_required_fields(client: TestClient, seeded: dict[str, int]) -> None:
    response = client.get("/feeds/relevant.json")
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "application/feed+json"
    )
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert isinstance(feed["items"], list) and len(feed["items"]) == 3
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_html") or item.get("content_text"), str)
        assert "url" not in item or item["url"].startswith(("http://", "https://"))
        datetime.fromisoformat(item["date_published"].replace("Z", "+00:00"))
    assert feed["items"][0]["title"] == EVIL and "url" not in feed["items"][0]
    assert json_feed_problems(feed) == []


def test_topic_and_partner_feeds(client: TestClient, seeded: dict[str, int]) -> None:
    city = parse(client.get("/feeds/topic/city_diplomacy.atom").content)
    assert {entry.id for entry in city.entries} == {
        f"urn:newsmon:item:{seeded['kumamoto']}",
        f"urn:newsmon:item:{seeded['evil']}",
    }
    national = json.loads(client.get("/feeds/topic/taiwan_japan.json").content)
    assert [item["id"] for item in national["items"]] == [
        f"urn:newsmon:item:{seeded['national']}",
        f"urn:newsmon:item:{seeded['kumamoto']}",
    ]
    partner = parse(client.get("/feeds/partner/" + quote("熊本") + ".atom").content)
    assert [entry.id for entry in partner.entries] == [f"urn:newsmon:item:{seeded['kumamoto']}"]
    assert client.get("/feeds/topic/sports.atom").status_code == 404
    assert client.get("/feeds/relevant.rss").status_code == 404


def login_settings(alice: str) -> Settings:
    return with_overrides(load_settings(), web={"require_login": True, "users": {"alice": alice}})


def test_feeds_need_the_token_when_login_is_required(
    sqlite_engine: Engine, seeded: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = login_settings(hash_password("correct horse"))
    with TestClient(create_app(settings, sqlite_engine), follow_redirects=False) as client:
        monkeypatch.delenv("NEWSMON_FEED_TOKEN", raising=False)
        assert client.get("/feeds/relevant.atom?token=anything").status_code == 401
        monkeypatch.setenv("NEWSMON_FEED_TOKEN", "s3cret-feed-token")
        assert client.get("/feeds/relevant.atom").status_code == 401
        assert client.get("/feeds/relevant.atom?token=wrong").status_code == 401
        good = client.get("/feeds/relevant.atom?token=s3cret-feed-token")
        assert good.status_code == 200 and len(parse(good.content).entries) == 3
        assert "s3cret" not in good.text  # the feed's own links never repeat the token
        assert client.get("/feeds/relevant.json?token=s3cret-feed-token").status_code == 200
        # the feed token opens the feeds only, nothing else
        assert client.get("/queue?token=s3cret-feed-token").status_code == 303
        assert client.get("/api/alerts?token=s3cret-feed-token").status_code == 401


def test_alerts_page_and_api_show_the_delivery_state(client: TestClient, sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        alert_store.add_alerts(
            session,
            [
                {
                    "rule": "熊本",
                    "subject": "item:1",
                    "title": "[newsmon] 熊本：<b>高雄</b>",
                    "body": "x",
                    "item_id": 1,
                },
                {"rule": "來源故障", "subject": "feed:1:failing:x", "title": "cna 無法讀取", "body": "y"},
            ],
        )
        claimed = alert_store.claim_single(session, ["熊本"], lease_seconds=60)
        alert_store.record_sent(session, [claimed[0].id], ["abc"])
    page = client.get("/alerts")
    assert page.status_code == 200
    assert "提醒" in page.text and "已送出" in page.text and "待送出" in page.text
    assert "&lt;b&gt;高雄&lt;/b&gt;" in page.text and "<b>高雄</b>" not in page.text
    data = client.get("/api/alerts").json()
    assert data["counts"] == {"sent": 1, "pending": 1}
    assert {alert["status"] for alert in data["alerts"]} == {"sent", "pending"}
    assert client.get("/api/alerts?status=sent").json()["alerts"][0]["rule"] == "熊本"
    assert client.get("/api/alerts?status=bogus").status_code == 400


def test_a_person_resends_a_failed_alert_from_the_page(client: TestClient, sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        alert_store.add_alerts(session, [{"rule": "r", "subject": "item:9", "title": "t", "body": "b"}])
        row = alert_store.claim_single(session, ["r"], lease_seconds=60)[0]
        alert_store.record_failure(session, [row.id], [], "HTTP 500", 6, 6, 0)
    page = client.get("/alerts?status=failed")
    assert f'action="/alerts/{row.id}/retry"' in page.text and "重送" in page.text
    token = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert token is not None
    assert client.post(f"/alerts/{row.id}/retry").status_code == 403  # no CSRF token
    done = client.post(f"/alerts/{row.id}/retry", data={"csrf_token": token.group(1)})
    assert done.status_code == 303
    assert client.get("/api/alerts").json()["alerts"][0]["status"] == "pending"
    again = client.post(f"/alerts/{row.id}/retry", data={"csrf_token": token.group(1)})
    assert again.status_code == 409
    api = f"/api/alerts/{row.id}/retry"
    assert client.post(api).status_code == 403
    assert client.post(api, headers={"X-CSRF-Token": token.group(1)}).json() == {  # the API speaks English
        "error": f"Alert {row.id} is neither failed nor interrupted: it cannot be sent again"
    }
    with session_scope(sqlite_engine) as session:
        alert_store.claim_single(session, ["r"], lease_seconds=60)
        alert_store.record_failure(session, [row.id], [], "HTTP 500", 6, 6, 0)
    assert client.post(api, headers={"X-CSRF-Token": token.group(1)}).json() == {"queued": row.id}
