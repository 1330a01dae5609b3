"""The events schema: who did what with whom, when. One definition, imported by the extractor, the
service (storage, review UI, report) and the quality gates.

An :class:`Event` is what the events stage returns for one relevant item. Every field is plain data
(``to_dict``/``from_dict`` round-trip through JSON), so storage keeps it as a JSON column and the
review UI, the report and the annotation file speak the same shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class EventType(StrEnum):
    """What happened, seen from the Taiwanese side. ``agreement`` wins over the visit it was signed on."""

    AGREEMENT = "agreement"
    VISIT_ABROAD = "visit_abroad"
    HOSTED_VISIT = "hosted_visit"
    FORUM = "forum"
    DONATION = "donation"
    EXCHANGE_PROGRAMME = "exchange_programme"
    POLICY_STATEMENT = "policy_statement"
    TRADE_INVESTMENT = "trade_investment"
    ANNIVERSARY = "anniversary"
    VIDEO_CALL = "video_call"
    OTHER = "other"


class PartnerLevel(StrEnum):
    """How high the foreign partner sits. Japanese towns (町) and cities are ``city``; 東京都 and
    北海道 are ``prefecture``; a US state is ``state``; multilateral bodies are ``organisation``."""

    CITY = "city"
    PREFECTURE = "prefecture"
    STATE = "state"
    COUNTY = "county"
    NATIONAL = "national"
    ORGANISATION = "organisation"


# The evidence field saying a model learnt from reviewed items, not a phrase, gave the event type.
LEARNED_TYPE = "event_type_learned"
# The Taiwanese party for the central government and its agencies.
NATIONAL_PARTY = "national"
# Partner levels that count as a sub-national place (the "partner city" measure).
PLACE_LEVELS = frozenset(
    {PartnerLevel.CITY, PartnerLevel.PREFECTURE, PartnerLevel.STATE, PartnerLevel.COUNTY}
)


@dataclass(frozen=True, slots=True)
class Partner:
    """A foreign partner: ``name`` in its usual Traditional Chinese form, ``country`` in English
    (``China`` for mainland cities, ``International`` for multilateral bodies, ``European Union``)."""

    name: str
    name_en: str | None
    country: str
    level: PartnerLevel

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "name_en": self.name_en, "country": self.country, "level": str(self.level)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Partner:
        return cls(
            name=str(data["name"]),
            name_en=data.get("name_en"),
            country=str(data["country"]),
            level=PartnerLevel(data["level"]),
        )


@dataclass(frozen=True, slots=True)
class Person:
    """A principal participant: ``side`` is ``taiwan`` or ``partner``."""

    name: str
    title: str | None
    side: str
    body: str | None = None  # the government or body they speak for (臺南市, 熊本縣, 日本台灣交流協會)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Person:
        return cls(
            name=str(data["name"]), title=data.get("title"), side=str(data["side"]), body=data.get("body")
        )


@dataclass(frozen=True, slots=True)
class Evidence:
    """The text behind a field: ``field`` names it (taiwan_party, partners, event_type, event_date,
    people, delegation_size); ``text`` is the span as written; ``start``/``end`` index the text the
    stage read (title + newline + body), or are None when the field was inferred."""

    field: str
    text: str
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(
            field=str(data["field"]), text=str(data["text"]), start=data.get("start"), end=data.get("end")
        )


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what with whom, when: the events stage's answer for one item.

    ``taiwan_party``: canonical names written with 臺 (臺北市, 花蓮縣花蓮市, ``national``, 臺灣日本關係協會);
    empty when no Taiwanese party takes part. ``event_date`` is ISO (YYYY-MM-DD) or None.
    """

    taiwan_party: tuple[str, ...] = ()
    partners: tuple[Partner, ...] = ()
    event_type: EventType = EventType.OTHER
    event_date: str | None = None
    people: tuple[Person, ...] = ()
    delegation_size: int | None = None
    evidence: tuple[Evidence, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "taiwan_party": list(self.taiwan_party),
            "partners": [p.to_dict() for p in self.partners],
            "event_type": str(self.event_type),
            "event_date": self.event_date,
            "people": [p.to_dict() for p in self.people],
            "delegation_size": self.delegation_size,
            "evidence": [e.to_dict() for e in self.evidence],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(
            taiwan_party=tuple(str(name) for name in data.get("taiwan_party") or ()),
            partners=tuple(Partner.from_dict(p) for p in data.get("partners") or ()),
            event_type=EventType(data.get("event_type") or EventType.OTHER),
            event_date=data.get("event_date"),
            people=tuple(Person.from_dict(p) for p in data.get("people") or ()),
            delegation_size=data.get("delegation_size"),
            evidence=tuple(Evidence.from_dict(e) for e in data.get("evidence") or ()),
        )
