"""One document, analysed once: normalised text plus gazetteer entities, shared by features,
explanations and party extraction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from classifiers.gazetteer import Entity, Gazetteer
from classifiers.normalize import normalize


@dataclass(frozen=True, slots=True)
class Doc:
    """What the classifier reads: a title (may be missing) and the article text."""

    title: str | None
    text: str

    @classmethod
    def of(cls, value: Doc | Mapping[str, Any]) -> Doc:
        if isinstance(value, Doc):
            return value
        title = value.get("title")
        return cls(title=str(title) if title else None, text=str(value.get("text") or ""))


@dataclass(frozen=True, slots=True)
class Analysed:
    """A normalised document: ``body`` is title + newline + text; ``title_end`` where the title stops."""

    body: str
    title_end: int
    entities: tuple[Entity, ...]


# Only the start of an article is read: relevance shows in the lead, a passing mention deep in a long
# article is the commonest false alarm, and the labelled data are article starts (300-900 characters).
LEAD_CHARS = 1000


def analyse(doc: Doc, gazetteer: Gazetteer) -> Analysed:
    title = normalize(doc.title)
    text = normalize(doc.text[:LEAD_CHARS])
    body = f"{title}\n{text}" if title else text
    return Analysed(body=body, title_end=len(title), entities=tuple(gazetteer.match(body)))
