"""The item page's text with the events stage's evidence marked, so a reviewer sees why (pure).

Evidence carries offsets into the text the stage read, but the page may show a newer text; each span is
therefore looked up by its words (its first occurrence in a paragraph), and a span not found is simply
not marked: the event panel still quotes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from classifiers.events import Evidence

MIN_CHARS = 2  # one character (市, 日) would mark half the page


@dataclass(frozen=True)
class Segment:
    text: str
    field: str | None = None  # the evidence field that marks this segment, if any


def marked_paragraphs(text: str, evidence: Sequence[Evidence]) -> list[list[Segment]]:
    """The text's non-empty paragraphs (split at newlines), each as segments, evidence spans marked."""
    spans = [(e.text.strip(), e.field) for e in evidence if len(e.text.strip()) >= MIN_CHARS]
    spans.sort(key=lambda span: -len(span[0]))  # the longest first: 熊本縣知事 before 熊本縣
    paragraphs = []
    for paragraph in (line for line in text.split("\n") if line.strip()):
        marks: list[tuple[int, int, str]] = []
        for words, field in spans:
            start = paragraph.find(words)
            end = start + len(words)
            if start >= 0 and not any(start < e and s < end for s, e, _ in marks):
                marks.append((start, end, field))
        paragraphs.append(_segments(paragraph, sorted(marks)))
    return paragraphs


def _segments(paragraph: str, marks: list[tuple[int, int, str]]) -> list[Segment]:
    segments, at = [], 0
    for start, end, field in marks:
        if start > at:
            segments.append(Segment(paragraph[at:start]))
        segments.append(Segment(paragraph[start:end], field))
        at = end
    if at < len(paragraph):
        segments.append(Segment(paragraph[at:]))
    return segments
