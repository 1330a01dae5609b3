"""Stories grouped into events (service.digest.events): cross-language write-ups, copies and follow-ups
join; different events stay apart. Every text here is our own."""

from __future__ import annotations

from datetime import UTC, datetime

from classifiers.events.types import Event, EventType, Partner, PartnerLevel, Person
from service.digest.events import StoryFacts, group_events, link, merge_events

KUMAMOTO_PREF = Partner("熊本縣", "Kumamoto Prefecture", "Japan", PartnerLevel.PREFECTURE)
KUMAMOTO_CITY = Partner("熊本市", "Kumamoto", "Japan", PartnerLevel.CITY)
JAPAN = Partner("日本", "Japan", "Japan", PartnerLevel.NATIONAL)
SENDAI = Partner("仙台市", "Sendai", "Japan", PartnerLevel.CITY)
PRAGUE = Partner("布拉格", "Prague", "Czech Republic", PartnerLevel.CITY)


def at(day: int, hour: int = 3) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def story(
    key: str,
    day: int,
    *,
    party: tuple[str, ...] = ("高雄市",),
    partners: tuple[Partner, ...] = (KUMAMOTO_PREF,),
    kind: EventType = EventType.HOSTED_VISIT,
    event_date: str | None = None,
    title: str = "",
    text: str = "",
    event: bool = True,
) -> StoryFacts:
    facts = Event(taiwan_party=party, partners=partners, event_type=kind, event_date=event_date)
    return StoryFacts(key, facts if event else None, at(day), title, text)


ZH = story(
    "zh",
    20,
    partners=(KUMAMOTO_PREF, KUMAMOTO_CITY),
    event_date="2026-11-20",
    title="熊本縣知事訪問高雄 兩地將慶祝交流十年",
    text="熊本縣知事今天率團抵達高雄市，與市長會面，討論明年的紀念活動與航班。",
)
EN = story(
    "en",
    20,
    partners=(KUMAMOTO_CITY,),  # the English write-up's extraction took the city level
    event_date="2026-11-19",
    title="Kumamoto governor calls on Kaohsiung mayor",
    text="The governor of Kumamoto led a delegation to Kaohsiung yesterday to prepare an anniversary.",
)


def keys(groups: list) -> list[list[object]]:  # type: ignore[type-arg]
    return [[s.key for s in group.stories] for group in groups]


def test_a_chinese_and_an_english_write_up_of_one_visit_join() -> None:
    assert link(ZH, EN) is not None
    groups = group_events([ZH, EN])
    assert keys(groups) == [["zh", "en"]]
    assert groups[0].lead.key == "zh"
    assert groups[0].day.isoformat() == "2026-11-19"
    merged = groups[0].event
    assert merged is not None
    assert [p.name for p in merged.partners] == ["熊本縣", "熊本市"]
    assert merged.event_date == "2026-11-19"


def test_copies_join_but_stories_without_an_event_never_do() -> None:
    copy = story("copy", 20, partners=(KUMAMOTO_PREF,), title=ZH.title or "", text=ZH.text or "")
    assert keys(group_events([ZH, copy])) == [["zh", "copy"]]
    no_event = story("no-event", 20, title=ZH.title or "", text=ZH.text or "", event=False)
    assert keys(group_events([ZH, no_event, no_event])) == [["zh"], ["no-event"], ["no-event"]]


def test_a_follow_up_two_days_later_joins_the_visit() -> None:
    update = story(
        "update",
        22,
        title="熊本訪問團參觀楠梓園區",
        text="熊本縣訪問團今天參訪高雄楠梓產業園區。",
    )
    assert keys(group_events([ZH, EN, update])) == [["zh", "en", "update"]]


def test_the_pact_signed_during_a_visit_is_the_same_event() -> None:
    signing = story("signing", 20, kind=EventType.AGREEMENT, title="高雄熊本續簽友好協定")
    groups = group_events([ZH, signing])
    assert keys(groups) == [["zh", "signing"]]
    assert groups[0].event is not None and groups[0].event.event_type is EventType.AGREEMENT


def test_a_visit_abroad_and_a_hosted_visit_are_two_events() -> None:
    # Kaohsiung councillors in Kumamoto while Kumamoto's governor is in Kaohsiung: same parties, same days.
    councillors = story(
        "councillors",
        19,
        kind=EventType.VISIT_ABROAD,
        title="高雄市議員訪問團抵達熊本",
        text="參訪半導體園區",
    )
    assert link(ZH, councillors) is None
    assert keys(group_events([ZH, councillors, EN])) == [["zh", "en"], ["councillors"]]


def test_a_theme_fits_any_type_but_a_donation_is_not_a_visit() -> None:
    # One outlet reports the governor's visit as the pact's anniversary, another as semiconductor investment.
    anniversary = story("anniversary", 20, kind=EventType.ANNIVERSARY, title="熊本高雄締盟十年")
    investment = story("investment", 20, kind=EventType.TRADE_INVESTMENT, title="Kumamoto chip ties")
    donation = story("donation", 20, kind=EventType.DONATION, title="熊本捐款高雄")
    assert keys(group_events([ZH, anniversary, investment, donation])) == [
        ["zh", "anniversary", "investment"],
        ["donation"],
    ]


def test_a_country_only_partner_joins_when_the_texts_agree() -> None:
    vague = story(
        "vague",
        20,
        partners=(JAPAN,),
        title="日本知事訪問高雄",
        text="熊本縣知事今天率團抵達高雄市，與市長會面。",
    )
    unrelated = story("unrelated", 20, partners=(JAPAN,), title="Typhoon relief", text="Flood aid arrives.")
    assert keys(group_events([ZH, vague, unrelated])) == [["zh", "vague"], ["unrelated"]]


def test_different_events_stay_apart() -> None:
    other_party = story("tainan", 20, party=("臺南市",), title=ZH.title or "", text=ZH.text or "")
    other_partner = story("sendai", 20, partners=(SENDAI,), title="仙台市長訪問高雄")
    other_kind = story("donation", 20, kind=EventType.DONATION, title="熊本捐款高雄")
    much_later = story("later", 28, title=ZH.title or "", text=ZH.text or "")
    other_country = story("prague", 20, partners=(PRAGUE,), title=ZH.title)
    groups = group_events([ZH, other_party, other_partner, other_kind, much_later, other_country])
    assert keys(groups) == [["zh"], ["tainan"], ["sendai"], ["donation"], ["later"], ["prague"]]


def test_no_chain_of_loose_links_joins_two_events() -> None:
    # "bridge" links to each by country only, but the two ends name different cities: they never join.
    sendai = story("sendai", 20, partners=(SENDAI,), title="高雄仙台交流", text="高雄市與仙台市交流")
    bridge = story(
        "bridge", 20, partners=(JAPAN,), title="高雄與日本城市交流", text="高雄市與仙台市、熊本縣交流"
    )
    groups = group_events([ZH, bridge, sendai])
    assert ["zh"] in keys(groups) or ["sendai"] in keys(groups)
    assert not any({"zh", "sendai"} <= set(group) for group in keys(groups))


def test_the_input_order_is_kept_and_every_story_lands_once() -> None:
    stories = [EN, ZH, story("sendai", 20, partners=(SENDAI,))]
    groups = group_events(stories)
    assert keys(groups) == [["en", "zh"], ["sendai"]]
    assert sorted(s.key for g in groups for s in g.stories) == ["en", "sendai", "zh"]  # type: ignore[type-var]
    assert group_events([]) == []


def test_merge_keeps_everyone_and_the_largest_delegation() -> None:
    one = Event(
        taiwan_party=("高雄市",),
        event_type=EventType.OTHER,
        people=(Person("甲", "知事", "partner"),),
        delegation_size=12,
    )
    two = Event(
        taiwan_party=("高雄市", "national"),
        event_type=EventType.HOSTED_VISIT,
        people=(Person("甲", "知事", "partner"), Person("乙", "市長", "taiwan")),
        delegation_size=40,
    )
    merged = merge_events([one, two])
    assert merged is not None
    assert merged.taiwan_party == ("高雄市", "national")
    assert merged.event_type is EventType.HOSTED_VISIT
    assert [p.name for p in merged.people] == ["甲", "乙"]
    assert merged.delegation_size == 40
    assert merge_events([]) is None


# --- the digest: one entry per event ------------------------------------------------------------------


def test_the_digest_lists_one_entry_per_event_with_every_source() -> None:
    from datetime import date
    from zoneinfo import ZoneInfo

    from service.digest.build import BuildOptions, DigestInput, build_digest
    from service.storage.digests import CandidateRow, StoryItem

    def candidate(item_id: int, outlet: str, partner: str, score: float) -> CandidateRow:
        return CandidateRow(
            item_id=item_id, first_seen_at=at(20), outlet=outlet, cluster_id=None, relation=None,
            model_version="m", scores={"city_diplomacy": score}, labels={"city_diplomacy": True},
            relevant=True, relevance_score=score, partner=partner, partner_country="Japan",
            taiwan_party="高雄市", explanation={},
        )  # fmt: skip

    rows = [candidate(1, "寶島社", "熊本縣", 0.9), candidate(2, "Herald", "熊本市", 0.8)]
    rows.append(candidate(3, "南方報", "仙台市", 0.7))
    items = {
        1: StoryItem(1, ZH.title, "https://a.example/1", "寶島社", at(20), ZH.text, None, "zh-Hant"),
        2: StoryItem(2, EN.title, "https://b.example/2", "Herald", at(20), EN.text, None, "en"),
        3: StoryItem(3, "仙台市長訪高雄", None, "南方報", at(20), "仙台市長今天訪問高雄。", None, "zh-Hant"),
    }
    sendai = Event(("高雄市",), (SENDAI,), EventType.HOSTED_VISIT)
    data = DigestInput(rows, {}, {}, [], items, events={1: ZH.event, 2: EN.event, 3: sendai})  # type: ignore[dict-item]
    options = BuildOptions(ZoneInfo("Asia/Taipei"), None, 50, {"city_diplomacy": 0.5}, 0.1, False)
    digest = build_digest(data, date(2026, 11, 20), at(19), at(20, 23), options)
    by_label = {group.label: group.stories for topic in digest.topics for group in topic.partners}
    assert {label: [s.title for s in found] for label, found in by_label.items()} == {
        "熊本縣 (Japan)": [ZH.title],
        "仙台市 (Japan)": ["仙台市長訪高雄"],
    }
    kumamoto = by_label["熊本縣 (Japan)"][0]
    assert [(s.item_id, s.outlet) for s in kumamoto.sources] == [(2, "Herald")]
    assert kumamoto.item_ids == (1, 2) and kumamoto.article_count == 2
    assert digest.story_count == 2 and digest.outlet_count == 3 and digest.item_ids == [1, 2, 3]


# --- quality gate on the development set (skipped without ../shared/data) -----------------------------


def test_grouping_quality_on_dev_stays_above_its_floor() -> None:
    """bench/event_grouping.py's figures for the grouping rule alone (our annotated events), both
    readings of the undated dev items; floors pinned a little under the measured 0.563 / 0.598 (baseline
    0.244). Raise them when the rule improves, never lower them silently."""
    from dataclasses import replace

    from conftest import shared_data

    from bench import event_grouping as bench
    from classifiers import read_jsonl

    rows = [row for row in read_jsonl(shared_data("labelled", "dev.jsonl")) if row.get("relevant")]
    dup_of = {str(r["id"]): str(r["dup_of"]) for r in rows if r.get("dup_of")}
    members: dict[str, list[str]] = {}
    for row in rows:
        members.setdefault(bench._root(str(row["id"]), dup_of), []).append(str(row["id"]))
    originals = [row for row in rows if str(row["id"]) in members]
    gold = {str(r["id"]): str(r.get("story_id") or f"alone:{r['id']}") for r in rows}
    annotated = {str(a["id"]): Event.from_dict(a) for a in read_jsonl(bench.ANNOTATION)}
    undated = {key: replace(event, event_date=None) for key, event in annotated.items()}
    baseline = bench.score(bench.text_only(list(bench.stories(originals, {}).values())), members, gold)[2]
    for events, floor in ((annotated, 0.55), (undated, 0.58)):
        facts = list(bench.stories(originals, dict(events)).values())
        f1 = bench.score([list(g.stories) for g in group_events(facts)], members, gold)[2]
        assert f1 >= floor and f1 >= 2 * baseline, (f1, floor, baseline)
