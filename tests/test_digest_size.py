"""A digest that arrives whole: each part of the mail at most 100 KB, whatever the number of stories
(service/digest/fit.py). Stories are our own writing, made long on purpose (a busy day's worst case)."""

from __future__ import annotations

import pytest
from helpers.long_digest import BASE, START, digest_of, story

from service.digest.fit import LEADS_KEPT, MAX_PART_BYTES, part_sizes, ranked_stories, wire_sizes
from service.digest.render import build_message, render_digest, template_environment


@pytest.mark.parametrize("language", ["zh-Hant", "en", "ja"])
def test_sixty_stories_fit_in_100_kb_with_the_overflow_linked(language: str) -> None:
    digest = digest_of(60)
    unlimited = render_digest(digest, template_environment(), "[newsmon]", language, limit=None)
    assert max(part_sizes(unlimited)) > MAX_PART_BYTES  # the case the limit exists for

    rendered = render_digest(digest, template_environment(), "[newsmon]", language)

    html_bytes, text_bytes = part_sizes(rendered)
    assert html_bytes <= MAX_PART_BYTES and text_bytes <= MAX_PART_BYTES, (html_bytes, text_bytes)
    assert max(wire_sizes(rendered)) <= MAX_PART_BYTES  # even as sent, base64-encoded
    message = build_message(rendered, "newsmon@example.tw", ["office@example.tw"], "<a@example.tw>", START)
    assert all(len(str(part.get_payload())) <= MAX_PART_BYTES for part in message.iter_parts())
    ranked = ranked_stories(digest)
    best, last = ranked[0], ranked[-1]
    # The best stories in full (lead, sources), the rest by title with a link to the review UI.
    assert best.lead[:20] in rendered.html and best.sources[0].title in rendered.html
    assert last.title in rendered.html and f'href="{BASE}/items/{last.item_id}"' in rendered.html
    assert last.title in rendered.text and f"{BASE}/items/{last.item_id}" in rendered.text
    assert last.lead[:20] not in rendered.html
    # Every story is in the mail, in full or by title; the "maybe" section went first, and it says so.
    for s in ranked:
        assert s.title in rendered.html and s.title in rendered.text, s.item_id
    assert "九份" not in rendered.html and story(500).title not in rendered.html
    if language == "zh-Hant":
        assert "共 60 則，全文刊出" in rendered.html and "略低於門檻的 10 則未列出" in rendered.text
        assert "其他報導（僅列標題）" in rendered.html
    if language == "en":
        assert (
            "of 60 stories in full" in rendered.text
            and "10 stories just below the threshold left out" in (rendered.html)
        )


def test_a_small_digest_is_untouched() -> None:
    digest = digest_of(6, maybe=2)
    limited = render_digest(digest, template_environment(), "[newsmon]")
    unlimited = render_digest(digest, template_environment(), "[newsmon]", limit=None)
    assert limited == unlimited and story(501).title in limited.html


def test_leads_are_trimmed_before_stories_become_titles() -> None:
    digest = digest_of(25, maybe=0)
    full = render_digest(digest, template_environment(), "[newsmon]", limit=None)
    ranked = ranked_stories(digest)
    # A limit that the full digest passes but the digest without most leads meets.
    limit = max(wire_sizes(full)) - 2_000
    rendered = render_digest(digest, template_environment(), "[newsmon]", limit=limit)
    assert max(wire_sizes(rendered)) <= limit
    assert ranked[0].lead[:20] in rendered.html and ranked[LEADS_KEPT].lead[:20] not in rendered.html
    assert "其他報導（僅列標題）" not in rendered.html  # every story still in full


def test_a_thousand_stories_still_fit_and_the_rest_are_counted() -> None:
    digest = digest_of(1000, maybe=0)
    rendered = render_digest(digest, template_environment(), "[newsmon]", "en")
    assert max(wire_sizes(rendered)) <= MAX_PART_BYTES
    assert "more stories are not listed here" in rendered.text and "of 1000 stories in full" in rendered.text


def test_event_types_countries_and_roc_dates_in_the_office_language() -> None:
    from dataclasses import replace

    from classifiers.events.types import Event, EventType

    digest = digest_of(2, maybe=0)
    cities = digest.topics[1]  # stories 1 and 2: city diplomacy, 熊本市 and 仙台市
    first = cities.partners[0]
    event = Event(taiwan_party=("高雄市",), event_type=EventType.HOSTED_VISIT)
    visit = replace(first.stories[0], event=event)
    topic = replace(cities, partners=(replace(first, stories=(visit,)), *cities.partners[1:]))
    digest = replace(digest, topics=(digest.topics[0], topic))

    rendered = render_digest(digest, template_environment(), "[newsmon]", "zh-Hant", roc=True)

    assert rendered.subject.startswith("[newsmon] 115年12月3日（週四）")
    assert "外賓來訪</span>" in rendered.html and "事件類型：外賓來訪" in rendered.text
    assert "熊本市 <span" in rendered.html and ">日本</span>" in rendered.html
    japanese = render_digest(digest, template_environment(), "[newsmon]", "ja")
    assert japanese.subject.startswith("[newsmon] 2026年12月3日（木）") and "来訪受け入れ" in japanese.html
