"""The recall guard: running prose that a recall-oriented extraction keeps and ours lost goes back, in order.

Our clutter layer is strict; on a layout it has never seen it can take the article with the clutter (a long
feature cut at an embedded post, an encyclopedia page cut at its first table). A missed paragraph is worse
than a leaked headline, so :func:`restore_prose` compares our cleaned lines with the cleaned lines of a
recall-oriented extraction of the same page (trafilatura's ``favor_recall``, links kept as ``[text](url)``
so that link density can be read) and puts back:

1. **prose**: a line of running text (:func:`is_prose`: long, sentence-like, links under a third of it,
   not a list item or table row) that ours lacks;
2. **structure inside the body**: a heading, list item or table row that ours lacks, when it lies between
   two lines of body prose in the recall extraction's order (kept or restored) and is not mostly links.
   Lists, link rows and short lines before the body or after it stay out: that is where related-news lists,
   menus and footers live.

Lines come back at their place in the recall extraction's order. Every restored line carries its reason
(:class:`Restored`), which the extract stage logs. Pure: lines in, lines out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from service.extraction.clutter import content_len, squash

_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"[。！？!?；;…]|[.](?:\s|$|[\"'”’)）])|[.][\"'”’]?$")
_LATIN_WORD = re.compile(r"[^\W\d_]+|\d+")

# Prose thresholds: a line this long, with sentence punctuation, is running text. CJK lines count characters,
# others words. Measured on the shared sets (bench/extract.py --guard-report): below these, the lines ours
# lacks are mostly captions, credits and teasers.
PROSE_MIN_CJK_CHARS = 24
PROSE_MIN_WORDS = 12
PROSE_MAX_LINK_SHARE = 0.34
# Structure lines between prose: mostly links means a link row (related stories), not the article's own list.
STRUCTURE_MAX_LINK_SHARE = 0.5


def strip_links(line: str) -> str:
    """``[text](url)`` back to ``text``."""
    return _MD_LINK.sub(lambda m: m.group(1), line)


def link_share(line: str) -> float:
    """Share of a line's letters and digits that sit inside links (``[text](url)``)."""
    plain = strip_links(line)
    total = content_len(plain)
    if not total:
        return 0.0
    linked = sum(content_len(m.group(1)) for m in _MD_LINK.finditer(line))
    return linked / total


def is_structure(line: str) -> bool:
    """A list item or table row as trafilatura writes them."""
    stripped = line.lstrip()
    return stripped.startswith(("- ", "* ", "• ", "|")) or stripped.endswith("|")


def has_prose(lines: Sequence[str]) -> bool:
    """Whether any line is running prose, a table row holding nothing but prose (:func:`layout_cell`)
    included."""
    return any(layout_cell(line) or is_prose(line) for line in lines)


_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")  # trafilatura writes a pipe inside a cell as \|


def layout_cell(line: str) -> str | None:
    """The text of a table row whose only non-empty cell is running prose: a table laying out the page
    (an article in one cell), not data. ``None`` for any other line."""
    stripped = line.strip()
    if len(stripped) < 2 or not (stripped.startswith("|") and stripped.endswith("|")):
        return None
    cells = [cell.strip() for cell in _CELL_SEPARATOR.split(stripped[1:-1]) if cell.strip()]
    if len(cells) != 1:
        return None
    return cells[0] if is_prose(cells[0]) else None


def prose_size(line: str) -> int:
    """CJK characters, or words, whichever the line is made of (links already stripped)."""
    cjk = len(_CJK.findall(line))
    if cjk >= 0.3 * max(1, content_len(line)):
        return cjk
    return len(_LATIN_WORD.findall(line))


def is_prose(line: str) -> bool:
    """Running text: long, sentence-like, few links, neither a list item nor a table row."""
    if is_structure(line) or link_share(line) > PROSE_MAX_LINK_SHARE:
        return False
    plain = strip_links(line)
    if not _SENTENCE_END.search(plain):
        return False
    size = prose_size(plain)
    cjk = len(_CJK.findall(plain)) >= 0.3 * max(1, content_len(plain))
    return size >= (PROSE_MIN_CJK_CHARS if cjk else PROSE_MIN_WORDS)


@dataclass(frozen=True)
class Restored:
    line: str
    reason: str  # "prose" or "structure inside the body"


@dataclass
class GuardResult:
    lines: list[str]
    restored: list[Restored] = field(default_factory=list)
    reference_chars: int | None = None  # size of the cleaned recall extraction, when the guard asked for it

    @property
    def restored_chars(self) -> int:
        return sum(content_len(r.line) for r in self.restored)


PRESENT_SHARE = 0.6  # a recall line whose character pairs are mostly in our text is there already


def _pairs(key: str) -> set[str]:
    return {key[i : i + 2] for i in range(len(key) - 1)} or {key}


def _present(key: str, ours_keys: set[str], ours_joined: str, ours_pairs: set[str]) -> bool:
    """In our text: the same line, a part of one of ours, or (a line joining title, date, share bar and
    body, as some layouts give it) mostly made of our text."""
    if key in ours_keys or (len(key) >= 6 and key in ours_joined):
        return True
    pairs = _pairs(key)
    return len(pairs & ours_pairs) >= PRESENT_SHARE * len(pairs)


def restore_prose(
    ours: Sequence[str], recall: Sequence[str], removed_lists: Sequence[str] = ()
) -> GuardResult:
    """Our lines, with the prose (and the structure between prose) that ``recall`` has and ours lacks put
    back at their place. ``recall`` lines may hold ``[text](url)`` links; restored lines are written
    without them. Lines from ``removed_lists`` (the text of link lists the tree pass took out: headline
    lists with their teasers) never come back."""
    ours = list(ours)
    # Ours without prose of its own (almost no text, or only tables and lists): missing prose is the body,
    # and a table row holding nothing but prose is the article laid out in a table (ours kept the wrong
    # table). Beside prose of ours, such rows stay rows (a blog's other posts, one per row).
    no_prose = sum(map(content_len, ours)) < LONE_PROSE_MAX_CHARS or not has_prose(ours)
    if no_prose:
        recall = [layout_cell(line) or line for line in recall]
    keys = [squash(line) for line in ours]
    ours_keys = set(keys)
    ours_joined = "\u0000".join(keys)
    ours_pairs = set().union(*map(_pairs, keys)) if keys else set()
    plain = [strip_links(line) for line in recall]
    recall_keys = [squash(line) for line in plain]
    count = len(recall)
    present = [_present(k, ours_keys, ours_joined, ours_pairs) if k else True for k in recall_keys]
    if removed_lists:
        listed = [squash(text) for text in removed_lists]
        listed_keys, listed_joined = set(listed), "\u0000".join(listed)
        listed_pairs = set().union(*map(_pairs, listed))
        present = [
            p or _present(k, listed_keys, listed_joined, listed_pairs)
            for p, k in zip(present, recall_keys, strict=True)
        ]
    prose = [bool(k) and is_prose(line) for k, line in zip(recall_keys, recall, strict=True)]
    # 1. prose: next to body (ours, or other missing prose), between body lines, or anywhere when ours is
    #    (nearly) empty. A lone paragraph among links before or after the body is a teaser.
    body = [(present[i] and _is_body_line(plain[i])) or prose[i] for i in range(count)]
    restore = [False] * count
    for i in range(count):
        if prose[i] and not present[i]:
            restore[i] = (
                no_prose
                or (i > 0 and body[i - 1])
                or (i + 1 < count and body[i + 1])
                or (any(body[:i]) and any(body[i + 1 :]))
            )
    kept = [
        (present[i] and bool(recall_keys[i]) and _is_body_line(plain[i])) or restore[i] for i in range(count)
    ]
    # 2. structure: list items and table rows in a run between two body lines; a heading just before one.
    reasons = ["prose" if restore[i] else "" for i in range(count)]
    i = 0
    while i < count:
        if present[i] or restore[i] or not is_structure(plain[i]):
            i += 1
            continue
        end = i
        while end < count and is_structure(plain[end]) and not present[end]:
            end += 1
        before = any(kept[:i])
        after = end < count and _next_kept(kept, present, plain, end)
        for j in range(i, end):
            if before and after and link_share(recall[j]) <= STRUCTURE_MAX_LINK_SHARE:
                reasons[j] = "structure inside the body"
        i = end
    for i in range(count):
        if reasons[i] or present[i] or not recall_keys[i] or not _is_heading(recall[i]):
            continue
        following = i + 1 < count and (kept[i + 1] or bool(reasons[i + 1]))
        if following and any(kept[:i]):
            reasons[i] = "heading inside the body"
    chosen = [(i, Restored(plain[i], reasons[i])) for i in range(count) if reasons[i]]
    if not chosen:
        return GuardResult(ours)
    return GuardResult(_merge(ours, keys, recall_keys, chosen), [r for _, r in chosen])


LONE_PROSE_MAX_CHARS = 50  # below this much text of ours, any missing prose comes back, neighbours or not
HEADING_MAX_CHARS = 60
_CREDIT_LIKE = re.compile(r"^\s*[—–―-]|@")  # "— name (@handle) date" under an embedded post: no heading


def _is_heading(line: str) -> bool:
    plain = strip_links(line)
    return (
        not is_structure(plain)
        and not _CREDIT_LIKE.search(plain)
        and 2 <= content_len(plain) <= HEADING_MAX_CHARS
        and not _SENTENCE_END.search(plain)
        and link_share(line) <= STRUCTURE_MAX_LINK_SHARE
    )


def _next_kept(kept: list[bool], present: list[bool], plain: list[str], start: int) -> bool:
    """The first line after a run that is body text (a heading in between may be skipped)."""
    for j in range(start, min(start + 2, len(kept))):
        if kept[j]:
            return True
        if not _is_heading(plain[j]):
            return False
    return False


def _is_body_line(line: str) -> bool:
    return is_prose(line)


def _merge(
    ours: list[str], keys: list[str], recall_keys: list[str], chosen: list[tuple[int, Restored]]
) -> list[str]:
    """Place each chosen line after the last of our lines that comes before it in the recall order."""
    position = {key: i for i, key in enumerate(recall_keys) if key}
    anchor: list[float] = []
    current = -1.0
    for key in keys:
        found = position.get(key)
        if found is None:
            found = next((i for i, k in enumerate(recall_keys) if len(key) >= 6 and key in k), None)
        current = max(current, float(found)) if found is not None else current
        anchor.append(current)
    merged: list[tuple[float, int, str]] = [
        (a, n, line) for n, (a, line) in enumerate(zip(anchor, ours, strict=True))
    ]
    merged += [(float(i) + 0.5, len(ours) + n, r.line) for n, (i, r) in enumerate(chosen)]
    merged.sort(key=lambda row: (row[0], row[1]))
    return [line for _, _, line in merged]
