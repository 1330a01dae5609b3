"""The events stage: for a relevant item, who did what with whom, when (see ``types``).

Public API (pure; plain strings in, an :class:`Event` out)::

    extract_event(title, text, published="2026-12-03") -> Event
"""

from __future__ import annotations

from classifiers.events.extract import extract_event
from classifiers.events.types import (
    NATIONAL_PARTY,
    PLACE_LEVELS,
    Event,
    EventType,
    Evidence,
    Partner,
    PartnerLevel,
    Person,
)

__all__ = [
    "NATIONAL_PARTY",
    "PLACE_LEVELS",
    "Event",
    "EventType",
    "Evidence",
    "Partner",
    "PartnerLevel",
    "Person",
    "extract_event",
]
