"""The review UI shows an item's event with its evidence as the reason, and a reviewer corrects it (CSRF
as for labels); the correction is kept and wins. In process over a real SQLite file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from helpers.asgi_client import TestClient
from helpers.review_seed import seed_samples
from sqlalchemy import Engine, select, update

from classifiers.events import LEARNED_TYPE, Event, EventType, Evidence, Partner, PartnerLevel, Person
from service.config import load_settings
from service.storage import events as event_store
from service.storage.db import session_scope
from service.storage.schema import Classification, EventCorrection, Item
from service.web import create_app

EVENT = Event(
    taiwan_party=("高雄市",),
    partners=(Partner("熊本市", "Kumamoto", "Japan", PartnerLevel.CITY),),
    event_type=EventType.HOSTED_VISIT,
    event_date="2026-11-20",
    people=(Person("蒲島", "知事", "partner", "熊本縣"),),
    delegation_size=12,
    evidence=(
        Evidence("partners", "熊本市訪問團"),
        Evidence("delegation_size", "一行12人"),
        Evidence("event_type", "簽署友好交流備忘錄"),
    ),
)


@pytest.fixture
def seeded(sqlite_engine: Engine) -> tuple[Engine, int]:
    ids = seed_samples(sqlite_engine)
    with session_scope(sqlite_engine) as session:
        classification_id = session.scalar(select(Item.classification_id).where(Item.id == ids[0]))
        session.execute(
            update(Classification)
            .where(Classification.id == classification_id)
            .values(event=EVENT.to_dict(), event_type="hosted_visit", event_date="2026-11-20")
        )
    return sqlite_engine, ids[0]


@pytest.fixture
def client(seeded: tuple[Engine, int]) -> Iterator[TestClient]:
    with TestClient(create_app(load_settings(), seeded[0]), follow_redirects=False) as client:
        yield client


def token_of(client: TestClient) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/queue").text)
    assert found
    return found.group(1)


def test_item_page_shows_the_event_with_its_evidence(client: TestClient, seeded: tuple[Engine, int]) -> None:
    page = client.get(f"/items/{seeded[1]}").text
    event = page[page.index("<h2>事件</h2>") : page.index("<summary>更正事件</summary>")]
    assert "高雄市" in event and "熊本市" in event and "外賓來訪" in event
    assert "2026年11月20日（週五）" in event
    assert "知事 蒲島" in event and ">12<" in event.replace(" ", "")
    assert "“熊本市訪問團”" in event and "“一行12人”" in event  # the evidence, as the reason
    assert '<mark class="evidence" title="依據：類型">簽署友好交流備忘錄</mark>' in page  # in the text
    assert "top features" not in page  # raw model features only in the debug view
    assert "top features" in client.get(f"/items/{seeded[1]}?debug=1").text


def test_a_learnt_event_type_says_so(client: TestClient, seeded: tuple[Engine, int]) -> None:
    """A type a model learnt from reviewers' corrections shows as such, not as a phrase of the text."""
    engine, item_id = seeded
    learnt = replace(
        EVENT,
        event_type=EventType.TRADE_INVESTMENT,
        evidence=(*EVENT.evidence[:2], Evidence(LEARNED_TYPE, "")),
    )
    with session_scope(engine) as session:
        classification_id = session.scalar(select(Item.classification_id).where(Item.id == item_id))
        session.execute(
            update(Classification)
            .where(Classification.id == classification_id)
            .values(event=learnt.to_dict())
        )
    page = client.get(f"/items/{item_id}").text
    event = page[page.index("<h2>事件</h2>") : page.index("<summary>更正事件</summary>")]
    assert "由審閱學得" in event and "此類型由依審閱者更正所學得的模型判斷" in event


def test_a_reviewer_corrects_the_event_and_the_correction_wins(
    client: TestClient, seeded: tuple[Engine, int]
) -> None:
    engine, item_id = seeded
    form = {
        "taiwan_party": "高雄市",
        "partners": "熊本縣 | Kumamoto Prefecture | Japan | prefecture",
        "event_type": "agreement",
    }
    assert client.post(f"/items/{item_id}/event", data=form).status_code == 403  # no CSRF token
    answer = client.post(f"/items/{item_id}/event", data={**form, "csrf_token": token_of(client)})
    assert answer.status_code == 303 and answer.headers["location"] == f"/items/{item_id}"
    page = client.get(f"/items/{item_id}").text
    assert "已更正事件：對方、類型" in page  # the unchanged party is not stored
    event = page[page.index("<h2>事件</h2>") : page.index("<summary>更正事件</summary>")]
    assert "熊本縣" in event and "簽署協定" in event and "熊本市" not in event
    assert event.count(">審閱者</span>") == 2
    with session_scope(engine) as session:
        assert sorted(session.scalars(select(EventCorrection.field))) == ["event_type", "partners"]
        effective = event_store.effective_events(session, [item_id])[item_id]
    assert effective.event_type is EventType.AGREEMENT
    assert effective.event_date == "2026-11-20"  # the model's other fields stay
    assert [p.name for p in effective.partners] == ["熊本縣"]


def test_a_bad_correction_is_refused_naming_the_field(client: TestClient, seeded: tuple[Engine, int]) -> None:
    token = token_of(client)
    data = {"csrf_token": token, "taiwan_party": "高雄市", "partners": "熊本縣", "event_type": "visit"}
    answer = client.post(f"/items/{seeded[1]}/event", data=data)
    assert answer.status_code == 400 and "partner 1" in answer.text
    data["partners"] = ""
    answer = client.post(f"/items/{seeded[1]}/event", data=data)
    assert answer.status_code == 400 and "event_type" in answer.text


def test_the_queue_groups_the_stories_of_one_event(client: TestClient, seeded: tuple[Engine, int]) -> None:
    engine, kumamoto_zh = seeded
    english = Event(
        taiwan_party=("高雄市",),
        partners=(Partner("熊本縣", "Kumamoto Prefecture", "Japan", PartnerLevel.PREFECTURE),),
        event_type=EventType.AGREEMENT,
        event_date="2026-11-19",
    )
    with session_scope(engine) as session:
        other = session.scalar(select(Item).where(Item.outlet == "Focus Taiwan"))
        assert other is not None
        other_id = other.id
        session.execute(
            update(Classification)
            .where(Classification.id == other.classification_id)
            .values(event=english.to_dict(), event_type="agreement", event_date="2026-11-19")
        )
    page = client.get("/queue").text
    assert f'同一事件： <a href="/items/{other_id}">' in page
    assert f'同一事件： <a href="/items/{kumamoto_zh}">' in page
    assert page.count("same-event-follower") == 1 and "同一事件，見 <a href=" in page
    assert "↔ 熊本市</span>" in page
    assert "外賓來訪 · 2026年11月20日（週五）" in page  # the row shows its event
    item_page = client.get(f"/items/{kumamoto_zh}").text
    assert "同一事件（另有 1 則報導）" in item_page and f'<a href="/items/{other_id}">' in item_page


def test_the_api_item_carries_the_event(client: TestClient, seeded: tuple[Engine, int]) -> None:
    data = client.get(f"/api/items/{seeded[1]}").json()
    assert data["event"] == data["model_event"] == EVENT.to_dict()
    assert data["event_corrections"] == []


def test_the_api_corrects_the_event(client: TestClient, seeded: tuple[Engine, int]) -> None:
    token = token_of(client)
    url = f"/api/items/{seeded[1]}/event"
    body = {
        "partners": [{"name": "熊本縣", "country": "Japan", "level": "prefecture"}],
        "event_type": "agreement",
    }
    assert client.post(url, json=body).status_code == 403  # no CSRF token
    answer = client.post(url, json=body, headers={"X-CSRF-Token": token})
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert data["event"]["event_type"] == "agreement" and data["event"]["partners"][0]["name"] == "熊本縣"
    assert data["model_event"]["event_type"] == "hosted_visit"
    assert sorted(data["event_corrections"]) == ["event_type", "partners"]
    refused = client.post(url, json={"event_type": "party"}, headers={"X-CSRF-Token": token})
    assert refused.status_code == 400 and "event_type" in refused.json()["error"]
    assert client.post(url, json={}, headers={"X-CSRF-Token": token}).status_code == 400


def test_evidence_is_marked_in_the_text_longest_span_first() -> None:
    from service.web.evidence import Segment, marked_paragraphs

    text = "熊本縣知事今天抵達高雄。\n\n高雄市長接待熊本縣訪問團。"
    evidence = [Evidence("partners", "熊本縣"), Evidence("people", "熊本縣知事"), Evidence("x", "不在文中")]
    assert marked_paragraphs(text, evidence) == [
        [Segment("熊本縣知事", "people"), Segment("今天抵達高雄。")],
        [Segment("高雄市長接待"), Segment("熊本縣", "partners"), Segment("訪問團。")],
    ]
    assert marked_paragraphs("市", [Evidence("partners", "市")]) == [[Segment("市")]]  # too short to mark


def test_an_untouched_form_on_an_item_without_an_event_stores_nothing(
    client: TestClient, seeded: tuple[Engine, int]
) -> None:
    engine = seeded[0]
    with session_scope(engine) as session:
        stocks = session.scalar(select(Item.id).where(Item.title == "股市收盤 台股小漲"))
    page = client.get(f"/items/{stocks}").text
    assert '<option value="other" selected>' in page  # the form shows "other", the empty event's type
    form = {"csrf_token": token_of(client), "taiwan_party": "", "partners": "", "event_type": "other"}
    client.post(f"/items/{stocks}/event", data=form)
    assert "事件未變更：未儲存任何內容" in client.get(f"/items/{stocks}").text
    with session_scope(engine) as session:
        assert session.scalar(select(EventCorrection.id).where(EventCorrection.item_id == stocks)) is None
