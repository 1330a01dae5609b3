"""The events extractor: title and text in, an :class:`Event` out (pure; no I/O after the first load)."""

from __future__ import annotations

from datetime import date

from classifiers.analysis import Doc, analyse
from classifiers.events.dates import find_dates, to_date
from classifiers.events.types import NATIONAL_PARTY, Event, EventType, Evidence, Partner, PartnerLevel
from classifiers.gazetteer import Gazetteer
from classifiers.parties import extract_parties

_TYPE_WORDS: tuple[tuple[EventType, tuple[str, ...]], ...] = (
    (EventType.AGREEMENT, ("締結", "締盟", "簽署", "簽訂", "備忘錄", "協定", "協議", "mou", "signed")),
    (EventType.VIDEO_CALL, ("視訊", "video call", "オンライン")),
    (EventType.FORUM, ("論壇", "高峰會", "summit", "forum")),
    (EventType.DONATION, ("捐贈", "捐款", "義捐", "donat")),
    (EventType.ANNIVERSARY, ("週年", "周年", "anniversary")),
    (EventType.VISIT_ABROAD, ("出訪", "率團", "赴日", "訪日")),
    (EventType.HOSTED_VISIT, ("拜會", "來訪", "訪台", "來台", "接見", "表敬")),
)


def _to_party(name: str) -> str:
    return name.replace("台", "臺") if name.endswith(("市", "縣")) else name


def extract_event(title: str | None, text: str, published: str | date | None = None) -> Event:
    """Who did what with whom, when, for one relevant item (see the package docstring)."""
    gazetteer = Gazetteer.load()
    doc = analyse(Doc(title, text), gazetteer)
    parties = extract_parties(doc, gazetteer)
    evidence: list[Evidence] = []
    party: tuple[str, ...] = ()
    if parties.taiwan_party:
        party = (_to_party(parties.taiwan_party),)
    elif any(e.kind == "national" for e in doc.entities):
        party = (NATIONAL_PARTY,)
    partners: tuple[Partner, ...] = ()
    if parties.partner and parties.partner_country:
        partners = (Partner(parties.partner, None, parties.partner_country, PartnerLevel.CITY),)
    elif parties.partner_country:
        partners = (
            Partner(
                parties.partner_country,
                parties.partner_country,
                parties.partner_country,
                PartnerLevel.NATIONAL,
            ),
        )
    event_type = EventType.OTHER
    for kind, words in _TYPE_WORDS:
        hit = next((w for w in words if w in doc.body), None)
        if hit:
            event_type = kind
            evidence.append(Evidence("event_type", hit, doc.body.find(hit), doc.body.find(hit) + len(hit)))
            break
    dates = find_dates(doc.body, to_date(published))
    event_date = dates[0].value.isoformat() if dates else None
    if dates:
        evidence.append(Evidence("event_date", dates[0].text, dates[0].start, dates[0].end))
    return Event(
        taiwan_party=party,
        partners=partners,
        event_type=event_type,
        event_date=event_date,
        evidence=tuple(evidence),
    )
