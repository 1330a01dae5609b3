"""The event rule: what an item's event is, once the model and the reviewers have spoken. Pure.

The sibling of ``service.labels`` (the label rule). One definition for the digest, the review UI, the
review queue, ``items --json`` and the chapter report.

A reviewer may correct three fields of an item's event (:data:`CORRECTABLE`): ``taiwan_party`` (a list of
names), ``partners`` (a list of partners) and ``event_type``. Each correction is kept (``event_corrections``,
one row per field and decision); the newest per field wins. The rule:

1. Each corrected field is the reviewer's value; every other field (date, people, delegation size) is the
   model's.
2. Evidence the model gave for a corrected field no longer supports it and is dropped.
3. With no model event (the item was not relevant to the model, or the events stage failed), a correction
   still makes an event: the corrected fields, nothing else.
4. No model event and no correction: no event (None).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from classifiers.events.types import Event, EventType, Partner, PartnerLevel
from service.errors import ReviewError

CORRECTABLE = ("taiwan_party", "partners", "event_type")


class BadCorrection(ReviewError, ValueError):
    """A correction that cannot be stored; the message names the field and the value (the review UI
    answers 400 with it)."""


@dataclass(frozen=True)
class Corrections:
    """The newest reviewer correction per field (None: not corrected), and who made the newest one."""

    taiwan_party: tuple[str, ...] | None = None
    partners: tuple[Partner, ...] | None = None
    event_type: EventType | None = None
    reviewer: str | None = None
    at: datetime | None = None

    @property
    def given(self) -> bool:
        return self.taiwan_party is not None or self.partners is not None or self.event_type is not None

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for name in CORRECTABLE if getattr(self, name) is not None)


def effective_event(model: Event | None, corrections: Corrections | None) -> Event | None:
    """The item's event (see the module docstring for the rule)."""
    if corrections is None or not corrections.given:
        return model
    base = model or Event()
    changed: dict[str, Any] = {}
    if corrections.taiwan_party is not None:
        changed["taiwan_party"] = corrections.taiwan_party
    if corrections.partners is not None:
        changed["partners"] = corrections.partners
    if corrections.event_type is not None:
        changed["event_type"] = corrections.event_type
    kept = tuple(evidence for evidence in base.evidence if evidence.field not in changed)
    return replace(base, **changed, evidence=kept)


def corrections_from_rows(rows: Sequence[tuple[str, Any, str, datetime]]) -> Corrections:
    """Fold stored rows ``(field, value, reviewer, at)``, oldest first, into the newest per field."""
    found: dict[str, Any] = {}
    reviewer: str | None = None
    at: datetime | None = None
    for name, value, who, when in rows:
        if name not in CORRECTABLE:
            continue
        found[name] = parse_value(name, value)
        reviewer, at = who, when
    return Corrections(**found, reviewer=reviewer, at=at)


def parse_value(name: str, value: Any) -> Any:
    """A correction's value in the schema's types; raises :class:`BadCorrection` naming what is wrong.

    ``taiwan_party``: a list of names (or one string, split at commas and 、), written with 臺.
    ``partners``: a list of partner objects ``{name, name_en, country, level}``.
    ``event_type``: one of :class:`EventType`.
    """
    if name == "taiwan_party":
        names = _split_names(value) if isinstance(value, str) else value
        if not isinstance(names, list | tuple) or not all(isinstance(n, str) for n in names):
            raise BadCorrection(f"taiwan_party: expected a list of names, got {value!r}")
        return tuple(dict.fromkeys(canonical_party(n) for n in names if n.strip()))
    if name == "partners":
        if not isinstance(value, list | tuple):
            raise BadCorrection(f"partners: expected a list of partners, got {value!r}")
        partners = []
        for number, entry in enumerate(value, 1):
            try:
                partner = Partner.from_dict(dict(entry))
            except (KeyError, TypeError, ValueError) as exc:
                raise BadCorrection(f"partners: partner {number} ({entry!r}) is not usable: {exc}") from None
            if not partner.name.strip() or not partner.country.strip():
                raise BadCorrection(f"partners: partner {number} needs a name and a country")
            partners.append(partner)
        return tuple(partners)
    if name == "event_type":
        try:
            return EventType(value)
        except ValueError:
            choices = ", ".join(kind.value for kind in EventType)
            raise BadCorrection(f"event_type: {value!r} is not one of {choices}") from None
    raise BadCorrection(f"{name!r} cannot be corrected (only {', '.join(CORRECTABLE)})")


def canonical_party(name: str) -> str:
    """A Taiwanese party as the schema writes it: NFKC, trimmed; a place (a name ending in 市, 縣, 鄉, 鎮 or
    區) written with 臺 (台北市 -> 臺北市), other bodies as they name themselves (台積電 stays)."""
    folded = unicodedata.normalize("NFKC", name).strip()
    return folded.replace("台", "臺") if folded.endswith(_PLACE_ENDINGS) else folded


_PLACE_ENDINGS = ("市", "縣", "鄉", "鎮", "區")


def _split_names(text: str) -> list[str]:
    return [part for part in text.replace("、", ",").replace("，", ",").split(",") if part.strip()]


def partner_text(partners: Sequence[Partner]) -> str:
    """Partners as one editable line: ``熊本縣 | Kumamoto Prefecture | Japan | prefecture`` per partner,
    separated by ``;`` (the review form's format; :func:`parse_partner_text` reads it back)."""
    return "; ".join(" | ".join((p.name, p.name_en or "", p.country, p.level.value)) for p in partners)


def parse_partner_text(text: str) -> tuple[Partner, ...]:
    """The review form's partner line (see :func:`partner_text`) as partners. ``name | country`` is enough
    (level: city); ``name | name_en | country | level`` in full."""
    partners = []
    for number, chunk in enumerate((c for c in text.replace("\n", ";").split(";") if c.strip()), 1):
        parts = [part.strip() for part in chunk.split("|")]
        if len(parts) == 2:
            name, country = parts
            name_en, level = "", PartnerLevel.CITY.value
        elif len(parts) == 4:
            name, name_en, country, level = parts
        else:
            raise BadCorrection(
                f"partners: partner {number} ({chunk.strip()!r}) should read 'name | country' or "
                "'name | English name | country | level'"
            )
        entry = {"name": name, "name_en": name_en or None, "country": country, "level": level or "city"}
        partners.extend(parse_value("partners", [entry]))
    return tuple(partners)


def event_of(data: Mapping[str, Any] | None) -> Event | None:
    """A stored event (``Event.to_dict``) back as an :class:`Event`; None for none or an unreadable one."""
    if not data:
        return None
    try:
        return Event.from_dict(dict(data))
    except (KeyError, TypeError, ValueError):
        return None
