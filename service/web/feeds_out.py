"""Feeds out: Atom and JSON Feed 1.1 of relevant stories, so researchers follow newsmon in their reader.

    /feeds/relevant.atom   /feeds/relevant.json             every relevant story
    /feeds/topic/{topic}.atom|json                           taiwan_japan, city_diplomacy
    /feeds/partner/{name}.atom|json                          a partner (熊本 matches 熊本縣 and 熊本市)

The stories are the digest's (``service.digest.build.load_digest``: the label rule decides, one entry per
story and event, reviewers' corrections win) over the last ``syndication.days``, newest first, at most
``syndication.max_entries``.

Access: when the UI needs no login, neither do the feeds. When it does, a feed needs a logged-in session or
``?token=`` equal to the environment variable named by ``syndication.token_env`` (compared in constant time;
change the variable to revoke every reader at once). A reader cannot carry a session cookie, hence the
token; the feeds' own links never repeat it.

Everything is escaped: Atom is built with ElementTree, JSON with ``json``; text goes in as text
(``content_text``, Atom ``type="text"``), and links are kept only when they are http(s).
"""

from __future__ import annotations

import hmac
import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from service.alerts.rules import fold
from service.config import Settings, secret
from service.digest.build import Story, load_digest, options_from
from service.labels import TOPIC_TAGS, TOPIC_TITLES, TOPICS
from service.web.state import in_session, state_of, web_link

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
JSON_TYPE = "application/feed+json; charset=utf-8"
TOPIC_OF_TAG = {tag: topic for topic, tag in TOPIC_TAGS.items()}
FORMATS = ("atom", "json")


def routes() -> list[BaseRoute]:
    return [
        Route("/feeds/relevant.{fmt}", relevant_feed, name="feed_relevant"),
        Route("/feeds/topic/{topic}.{fmt}", topic_feed, name="feed_topic"),
        Route("/feeds/partner/{name}.{fmt}", partner_feed, name="feed_partner"),
    ]


# --- access ---------------------------------------------------------------------------------------------


def allowed(request: Request) -> bool:
    """A logged-in session, no login required, or the configured token in ``?token=``."""
    state = state_of(request)
    if not state.login_required or request.session.get("user"):
        return True
    expected = secret(state.settings.syndication.token_env)
    given = request.query_params.get("token")
    return bool(expected and given) and hmac.compare_digest(
        str(given).encode("utf-8"), str(expected).encode("utf-8")
    )


# --- stories --------------------------------------------------------------------------------------------


def story_topics(story: Story) -> tuple[str, ...]:
    return tuple(TOPIC_OF_TAG[tag] for tag in story.tags if tag in TOPIC_OF_TAG) or (story.topic,)


def partner_names(story: Story) -> list[str]:
    names = [story.partner or ""]
    if story.event is not None:
        for partner in story.event.partners:
            names += [partner.name, partner.name_en or ""]
    return [name for name in names if name]


def relevant_stories(session: Session, settings: Settings, now: datetime) -> list[Story]:
    """Relevant stories first seen in the last ``syndication.days``, newest first (uncut)."""
    options = replace(
        options_from(settings.digest, settings.classify, settings.tz),
        maybe_section=False,
        max_stories=100_000,
    )
    start = now - timedelta(days=settings.syndication.days)
    digest = load_digest(session, now.astimezone(settings.tz).date(), start, now, options)
    stories = [story for topic in digest.topics for group in topic.partners for story in group.stories]
    return sorted(stories, key=lambda story: (story.published_at, story.item_id), reverse=True)


def select(stories: Sequence[Story], topic: str | None = None, partner: str | None = None) -> list[Story]:
    chosen = list(stories)
    if topic is not None:
        chosen = [story for story in chosen if topic in story_topics(story)]
    if partner is not None:
        wanted = fold(partner)
        chosen = [story for story in chosen if any(wanted in fold(name) for name in partner_names(story))]
    return chosen


# --- rendering (pure) -----------------------------------------------------------------------------------


def http_link(url: str | None) -> str | None:
    """An absolute http(s) URL, else None (the review UI's own rule, ``service.web.app.web_link``)."""
    return web_link(url)


def entry_id(story: Story) -> str:
    return f"urn:newsmon:item:{story.item_id}"


def entry_text(story: Story) -> str:
    lines = [story.lead] if story.lead else []
    facts = [f"來源：{story.outlet}", f"發布時間：{story.published_local}"]
    if story.partner:
        facts.append(f"交流對象：{story.partner_label}")
    if story.taiwan_party:
        facts.append(f"臺灣方：{story.taiwan_party}")
    if story.also_reported_by:
        facts.append("其他報導：" + "、".join(story.also_reported_by))
    return "\n".join([*lines, *facts])


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def review_link(home_url: str, story: Story) -> str | None:
    """The story's page in the review UI (under the feed's own address)."""
    return http_link(f"{home_url.rstrip('/')}/items/{story.item_id}")


def render_atom(title: str, self_url: str, home_url: str, stories: Sequence[Story], now: datetime) -> bytes:
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    sub(feed, "id", self_url)
    sub(feed, "title", title)
    sub(feed, "updated", _iso(stories[0].published_at if stories else now))
    sub(feed, "link", rel="self", href=self_url, type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=home_url, type="text/html")
    sub(sub(feed, "author"), "name", "newsmon")
    sub(feed, "generator", "newsmon")
    for story in stories:
        entry = sub(feed, "entry")
        sub(entry, "id", entry_id(story))
        sub(entry, "title", story.title, type="text")
        sub(entry, "updated", _iso(story.published_at))
        sub(entry, "published", _iso(story.published_at))
        link = http_link(story.url)
        if link:
            sub(entry, "link", rel="alternate", href=link, type="text/html")
        review = review_link(home_url, story)
        if review:
            sub(entry, "link", rel="related", href=review, type="text/html", title="newsmon")
        sub(sub(entry, "author"), "name", story.outlet)
        for topic in story_topics(story):
            sub(entry, "category", term=topic, label=TOPIC_TITLES.get(topic, topic))
        sub(entry, "summary", entry_text(story), type="text")
    body: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return body


def render_json(title: str, self_url: str, home_url: str, stories: Sequence[Story]) -> bytes:
    items = []
    for story in stories:
        item: dict[str, object] = {
            "id": entry_id(story),
            "title": story.title,
            "content_text": entry_text(story),
            "summary": story.lead,
            "date_published": _iso(story.published_at),
            "authors": [{"name": story.outlet}],
            "tags": list(story_topics(story)),
        }
        link = http_link(story.url)
        if link:
            item["url"] = link
        review = review_link(home_url, story)
        if review:
            item["external_url"] = review
        items.append(item)
    feed = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": home_url,
        "feed_url": self_url,
        "language": "zh-Hant",
        "authors": [{"name": "newsmon"}],
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8")


# --- handlers -------------------------------------------------------------------------------------------


async def _serve(
    request: Request, title: str, topic: str | None = None, partner: str | None = None
) -> Response:
    fmt = request.path_params["fmt"]
    if fmt not in FORMATS:
        raise HTTPException(404, f"no such feed format {fmt!r} (atom or json)")
    if not allowed(request):
        raise HTTPException(401, "this feed needs a login or ?token= (see README, Feeds out)")
    state = state_of(request)
    settings = state.settings
    now = datetime.now(UTC)

    def load(session: Session) -> list[Story]:
        return select(relevant_stories(session, settings, now), topic, partner)[
            : settings.syndication.max_entries
        ]

    stories = await in_session(request, load)
    base = (settings.digest.public_base_url or str(request.base_url)).rstrip("/")
    self_url = base + quote(request.url.path)
    if fmt == "atom":
        return Response(render_atom(title, self_url, base + "/", stories, now), media_type=ATOM_TYPE)
    return Response(render_json(title, self_url, base + "/", stories), media_type=JSON_TYPE)


async def relevant_feed(request: Request) -> Response:
    return await _serve(request, "newsmon：相關新聞")


async def topic_feed(request: Request) -> Response:
    topic = request.path_params["topic"]
    if topic not in TOPICS:
        raise HTTPException(404, f"no topic {topic!r} (one of {', '.join(TOPICS)})")
    return await _serve(request, f"newsmon：{TOPIC_TITLES[topic]}", topic=topic)


async def partner_feed(request: Request) -> Response:
    name = request.path_params["name"].strip()
    if not name or len(name) > 100:
        raise HTTPException(404, "a partner feed needs a partner name")
    return await _serve(request, f"newsmon：{name}", partner=name)
