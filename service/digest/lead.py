"""An entry's words: its lead (two or three sentences from the article's start, without a repeated title, a
dateline or a press page's field table), the "why" tags from the classifier's explanation, the partner's
label, and a link only when it is http(s). Pure functions of text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

NO_PARTNER = "Partner not identified"
MAX_REASON_TAGS = 4
LEAD_SENTENCES = 3
LEAD_MIN_CHARS = 60  # two sentences at least, a third only while the lead is shorter than this...
LEAD_MAX_CHARS = 260  # ...and never past this (cut at a word or character boundary with an ellipsis)
LEAD_SCAN_CHARS = 1500  # sentences are looked for in the article's start only
FIELD_TABLE_SCAN = 300  # a "field | value |" header is looked for this far

_DATELINE = re.compile(r"^\s*[（(〔【\[][^）)〕】\]]{1,60}[）)〕】\]]\s*")
_SENTENCE = re.compile(r"[^。！？!?]+?(?:[。！？]+[」』”’）)]*|[.!?]+[\"'”’)]*(?=\s|$)|$)", re.S)
_SPACES = re.compile(r"\s+")


def split_sentences(text: str) -> list[str]:
    """Sentences of Chinese (。！？) or English (. ! ? before a space) text; closing quotes stay attached."""
    flat = _SPACES.sub(" ", text).strip()
    return [part.strip() for part in _SENTENCE.findall(flat) if part.strip()]


def make_lead(text: str | None, title: str | None = None) -> str:
    """Two or three sentences from the start of the article, without a repeated title or a dateline."""
    if not text:
        return ""
    body = _SPACES.sub(" ", text).strip()
    if title and body.startswith(title.strip()):
        body = body[len(title.strip()) :].lstrip(" :：-—")
    body = _DATELINE.sub("", _after_field_table(body[:LEAD_SCAN_CHARS]), count=1)
    lead = ""
    for count, sentence in enumerate(split_sentences(body), start=1):
        joiner = "" if not lead or _is_cjk(lead[-1]) else " "
        candidate = lead + joiner + sentence
        if len(candidate) > LEAD_MAX_CHARS and lead:
            break
        lead = candidate
        if count >= LEAD_SENTENCES or (count >= 2 and len(lead) >= LEAD_MIN_CHARS):
            break
    return _shorten(lead, LEAD_MAX_CHARS)


def _after_field_table(body: str) -> str:
    """Government press pages often extract as "市政新聞 | 標題 | … | 發布單位 | … | 內容 | text": start after
    the last field separator of such a header."""
    head = body[:FIELD_TABLE_SCAN]
    if head.count("|") < 3:
        return body
    return body[head.rfind("|") + 1 :].strip()


def _is_cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef"


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not _is_cjk(cut[-1]) and " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,，、;；") + "…"


def reason_tags(explanation: Mapping[str, Any], limit: int = MAX_REASON_TAGS) -> tuple[str, ...]:
    """Short "why" tags from a classification's explanation.

    Read, in order: ``reasons`` (the classifier's: "臺北市 ↔ 仙台市 (known partner cities)", then exchange
    terms) / ``why``, else ``terms`` / ``matched_terms``, else ``entities`` (strings, or objects with
    ``text``/``name``/``term``/``feature``): the first of these that has any, without duplicates.
    """
    for key in ("reasons", "why", "terms", "matched_terms", "entities"):
        tags: list[str] = []
        for value in _as_list(explanation.get(key)):
            text = _tag_text(value)
            if text and text not in tags:
                tags.append(text)
        if tags:  # the first key that has any is the classifier's chosen list: do not pad it with others
            return tuple(tags[:limit])
    return ()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, str | dict):
        return [value]
    if isinstance(value, list | tuple):
        return list(value)
    return []


def _tag_text(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("text", "name", "term", "feature", "label"):
            if isinstance(value.get(key), str):
                return str(value[key]).strip()[:48]
        return ""
    return str(value).strip()[:48] if isinstance(value, str | int | float) else ""


def safe_link(url: str | None) -> str | None:
    """Only http(s) links are rendered as links (a feed could carry ``javascript:``)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def partner_label(partner: str | None, country: str | None) -> str:
    if partner and country and country not in partner:
        return f"{partner} ({country})"
    return partner or country or NO_PARTNER
