"""The extract stage: decoded HTML in, an :class:`~service.models.Article` out.

The only module that imports trafilatura. Order of work:

1. parse the HTML once (lxml through trafilatura's loader) and read metadata from the untouched tree: title,
   published time, authors, language, canonical URL (:mod:`service.extraction.page_meta`);
2. remove structural clutter from the tree (:func:`service.extraction.clutter.prune_tree`), noting the page's
   byline block on the way;
3. let trafilatura pick the main text (``favor_precision``, no comments, tables kept; its fast mode, and its
   full cascade only when the fast result is small beside the page's prose estimate);
4. clean the lines (:func:`service.extraction.clutter.clean_lines`): captions, promos, notices, title repeats
   go; bylines and datelines move to ``Article.byline``; optionally lines this site has already shown on
   other pages go too (:class:`service.extraction.line_history.LineHistory`);
5. when that leaves less than ``min_text_chars``, a rescue pass asks trafilatura about the page with only
   captions removed and keeps the longer cleaned answer;
6. the recall guard (:mod:`service.extraction.recall_guard`): when our text is small beside the page's prose,
   trafilatura's recall-oriented extraction is asked too, and running prose ours lacks goes back in order;
7. a quality score (:func:`extraction_quality`) goes on the Article.

Callers decode bytes first (:func:`service.reader.charset.decode_bytes`): trafilatura guesses wrong on raw
GBK bytes. Extraction never returns ``None``: when it fails or yields less than
``ExtractSettings.min_text_chars`` characters the Article carries what there is and ``error`` says why, so the
pipeline can keep the feed summary instead.
"""

from __future__ import annotations

import logging
import re
import threading
from copy import copy
from dataclasses import replace
from functools import cache
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from lxml.etree import ParserError
from lxml.html import (
    HtmlComment,
    HtmlElement,
    HtmlEntity,
    HTMLParser,
    HtmlProcessingInstruction,
    document_fromstring,
)
from lxml.html import fromstring as html_fromstring
from trafilatura.settings import Extractor
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS, is_dubious_html

from service.config import ExtractSettings
from service.extraction.clutter import (
    CleanResult,
    Pruned,
    clean_lines,
    content_len,
    light_prune,
    prune_tree,
)
from service.extraction.line_history import LineHistory
from service.extraction.page_meta import PageMeta, read_page_meta
from service.extraction.recall_guard import GuardResult, has_prose, restore_prose, strip_links
from service.models import Article

log = logging.getLogger(__name__)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_UTF8_PARSER = HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


class _Parsers(threading.local):
    """trafilatura's parser settings, one parser per thread (an lxml parser serves one thread at a time).

    Every element is a plain ``HtmlElement`` chosen in C: lxml.html's own parser asks a Python method for
    each element's class (forms, inputs and labels get subclasses nobody here uses), every time a Python
    object is made for an element, in our passes and in trafilatura's alike (about a twentieth of the
    extraction time). Trees copied from ours keep the parser, and so the lookup."""

    def __init__(self) -> None:
        self.html = etree.HTMLParser(
            collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
        )
        self.html.set_element_class_lookup(
            etree.ElementDefaultClassLookup(
                element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
            )
        )


_PARSERS = _Parsers()


def _load_html(html: str) -> HtmlElement | None:
    """``trafilatura.load_html`` for a decoded page, step by step, with our parser (:class:`_Parsers`)."""
    beginning = html[:50].lower()
    dubious = is_dubious_html(beginning)
    html = _repair(html, beginning)
    parser = _PARSERS.html
    tree: HtmlElement | None = None
    retried = False
    try:
        tree = html_fromstring(html, parser=parser)
    except ValueError:  # a string with an encoding declaration: lxml wants bytes
        tree, retried = _from_bytes(html, parser), True
    except Exception as exc:  # lxml raises many kinds on broken pages; the next attempt may cope
        log.debug("lxml could not parse the page as text: %s", exc)
    if (tree is None or len(tree) < 1) and not retried:
        tree = _from_bytes(html, parser)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


# The characters of trafilatura's INVALID_XML_CHARS (tests/test_extract_speed.py checks they agree).
INVALID_XML_CHARACTERS = (
    *map(chr, range(0x00, 0x09)),
    "\x0b",
    "\x0c",
    *map(chr, range(0x0E, 0x20)),
    "\ufffe",
    "\uffff",
)


def _repair(html: str, beginning: str) -> str:
    """trafilatura's ``repair_faulty_html``, the same three repairs, but the page is searched for control
    characters one character at a time (fast substring search) before a regular expression goes through
    it: the expression alone takes about a millisecond on a large page, and almost no page has any."""
    if any(char in html for char in INVALID_XML_CHARACTERS):
        html = INVALID_XML_CHARS.sub("", html)
    if "doctype" in beginning:  # libxml2 chokes on some doctypes (lxml bug 1955915)
        first, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", first, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:  # a self-closing <html/> in the first lines
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", html, count=1)
    return html


def _from_bytes(html: str, parser: etree.HTMLParser) -> HtmlElement | None:
    try:
        tree = html_fromstring(html.encode("utf8", "surrogatepass"), parser=parser)
    except Exception as exc:  # as trafilatura: a page lxml cannot read as bytes either has no tree
        log.debug("lxml could not parse the page as bytes: %s", exc)
        return None
    return tree if isinstance(tree, HtmlElement) else None


def _parse(html: str) -> HtmlElement | None:
    tree = _load_html(html)
    if isinstance(tree, HtmlElement):
        return tree
    # trafilatura's loader rejects some old pages (odd prologues, stray bytes); lxml alone still copes.
    try:
        tree = document_fromstring(_XML_DECLARATION.sub("", html).encode("utf-8"), parser=_UTF8_PARSER)
    except (ValueError, ParserError):
        return None
    return tree if isinstance(tree, HtmlElement) else None


def _main_text(tree: HtmlElement, url: str | None, fast: bool) -> str:
    """trafilatura's main text of a (pruned) tree, one block per line; empty when it finds none.

    ``fast`` skips trafilatura's comparison with readability and jusText (about half its time)."""
    return _trafilatura_text(tree, url, recall=False, fast=fast)


def _recall_text(tree: HtmlElement, url: str | None) -> str:
    """trafilatura's recall-oriented main text, links kept as ``[text](url)`` (for link density)."""
    return _trafilatura_text(tree, url, recall=True, fast=True)


def _trafilatura_text(tree: HtmlElement, url: str | None, *, recall: bool, fast: bool) -> str:
    """The text of one ``bare_extraction`` with our fixed options (tables in; comments, images and
    metadata out): precision-oriented, or recall-oriented with links kept; empty when it finds none."""
    options = copy(_options(recall, fast))
    options.url = options.source = url
    document = trafilatura.bare_extraction(tree, options=options)
    text = getattr(document, "text", None) if document is not None else None
    return text or ""


@cache
def _options(recall: bool, fast: bool) -> Extractor:
    """The options of one kind of call, built once: building them reads trafilatura's configuration
    (about a millisecond a call). Each call takes a copy with its own URL."""
    return Extractor(
        output_format="python",
        fast=fast,
        precision=not recall,
        recall=recall,
        comments=False,
        tables=True,
        images=False,
        links=recall,
        with_metadata=False,
    )


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def extract_article(
    html: str,
    url: str | None = None,
    settings: ExtractSettings | None = None,
    history: LineHistory | None = None,
) -> Article:
    """Extract the article of one decoded HTML page.

    ``url`` (the final URL) helps resolve the canonical URL and per-site rules. ``history``, when given, is
    the cross-page state of lines already seen per site: lines repeated on other pages of the same site are
    dropped, and this page's lines are recorded into it (the caller keeps and persists it).
    """
    settings = settings or ExtractSettings.model_validate({})
    if not html or not html.strip():
        return Article(title=None, text="", error="empty page")
    tree = _parse(html)
    if tree is None:
        return Article(title=None, text="", error="not parseable as HTML")
    meta = read_page_meta(tree, url, settings.assume_timezone)
    host = _host(meta.canonical_url or url)
    try:
        pruned = prune_tree(tree)
        page_byline = pruned.byline
        cleaned = clean_lines(_main_text(tree, url, fast=True).splitlines(), title=meta.title, host=host)
        if (
            _size(cleaned) < FULL_CASCADE_SHARE * pruned.prose_chars
            or _size(cleaned) < settings.min_text_chars
        ):
            cleaned = clean_lines(_main_text(tree, url, fast=False).splitlines(), title=meta.title, host=host)
        light = _LightTree(html)
        if _size(cleaned) < settings.min_text_chars:
            cleaned = _rescue(light, url, meta, host, cleaned)
        guard = _recall_guard(light, url, meta, host, cleaned, pruned)
    except Exception as exc:  # trafilatura and lxml raise many kinds; the reason goes on the Article
        log.warning("extraction failed for %s: %s", url or "<no url>", exc)
        return _article(meta, "", (), f"extraction failed: {type(exc).__name__}: {exc}")
    lines = guard.lines
    if history is not None and host:
        lines = [line for line in lines if not history.repeated(host, line)]
        history.record(host, cleaned.raw)
    text = "\n".join(lines)
    size = content_len(text)
    bylines = tuple(cleaned.bylines) or ((page_byline,) if page_byline else ())
    quality = extraction_quality(size, cleaned, guard, settings.min_text_chars)
    return replace(_article(meta, text, bylines, _shortfall(size, settings.min_text_chars)), quality=quality)


def extraction_quality(size: int, cleaned: CleanResult, guard: GuardResult, min_chars: int) -> float:
    """How far to trust an extraction, 0 to 1: the product of

    - **coverage**: our text against the fallback's (trafilatura's recall-oriented extraction, cleaned) when
      the recall guard asked for it; 1 when our text already covered the page's prose estimate;
    - **clutter cut**: 1 minus half the share of extracted characters the line pass cut as clutter (a page
      that is mostly promos and captions is a page we may have misread);
    - **length**: our size against ``min_text_chars`` (capped at 1).

    Failures (empty or unparseable page, an exception) carry no score: their ``error`` says why. Items
    below :data:`service.models.LOW_EXTRACTION_QUALITY` are listed for checking, and keep the feed
    summary when it is longer."""
    coverage = min(1.0, size / guard.reference_chars) if guard.reference_chars else 1.0
    kept = cleaned.size
    cut = sum(content_len(line) for _, line in cleaned.dropped)
    cut_share = cut / (kept + cut) if kept + cut else 0.0
    length = min(1.0, size / min_chars) if min_chars else (1.0 if size else 0.0)
    return round(coverage * (1 - 0.5 * cut_share) * length, 3)


def _size(cleaned: CleanResult) -> int:
    return cleaned.size


class _LightTree:
    """The page with only invisible parts and captions removed (for the rescue pass and the recall guard),
    parsed on first use and shared: trafilatura works on its own copy."""

    def __init__(self, html: str) -> None:
        self._html = html
        self._tree: HtmlElement | None = None
        self._parsed = False

    def tree(self) -> HtmlElement | None:
        if not self._parsed:
            self._parsed = True
            self._tree = _parse(self._html)
            if self._tree is not None:
                light_prune(self._tree)
        return self._tree


def _rescue(
    light: _LightTree,
    url: str | None,
    meta: PageMeta,
    host: str | None,
    first: CleanResult,
) -> CleanResult:
    """Too little text: our pruning may have taken the article on an unusual layout. Ask trafilatura about
    the page with only captions and invisible parts removed, and keep its answer when that, once cleaned,
    is longer."""
    fresh = light.tree()
    if fresh is None:
        return first
    second = clean_lines(_main_text(fresh, url, fast=False).splitlines(), title=meta.title, host=host)
    return second if _size(second) > _size(first) else first


# trafilatura's fast mode differs from its full cascade (readability and jusText compared) only where it finds
# little: measured on every shared set (2026-12-06), all 27 pages where the two differ had a cleaned fast
# result below 0.23 of the page's prose estimate. Below this share we run the full cascade too (outputs on all
# 371 shared pages are the same as with the full cascade below 0.5; zyte runs it on 13 pages instead of 26).
FULL_CASCADE_SHARE = 0.3

# The guard asks trafilatura's recall mode only when our text is below this share of the page's prose estimate
# (runs of text outside links and removed link lists, :attr:`Pruned.prose_chars`), and restores lines only
# when ours is below ``GUARD_RESTORE_SHARE`` of the recall extraction (both cleaned). Measured on every shared
# set (2026-12-06): every page where the guard restored text had ours below 0.2 of the prose estimate, and
# with the guard run on every page F1 and clutter came out the same as gated, so the gate only saves time
# (the recall extraction costs about a trafilatura run; gated it runs on 2 of 14, 0 of 100, 4 of 69 and
# 4 of 181 pages of twnews_tw, newsmon_dev, cwced and zyte).
GUARD_TRIGGER_SHARE = 0.25
GUARD_RESTORE_SHARE = 0.6


def _recall_guard(
    light: _LightTree,
    url: str | None,
    meta: PageMeta,
    host: str | None,
    cleaned: CleanResult,
    pruned: Pruned,
) -> GuardResult:
    ours = _size(cleaned)
    # Ours without a line of prose on a page with prose: a data table kept while the article went must not
    # pass for complete (a page laid out in tables, where trafilatura keeps the data table only).
    tables_only = pruned.prose_chars > 0 and not has_prose(cleaned.lines)
    if ours >= GUARD_TRIGGER_SHARE * pruned.prose_chars and ours > 0 and not tables_only:
        return GuardResult(cleaned.lines)
    try:
        return _guard_with_recall(light, url, meta, host, cleaned, pruned)
    except Exception as exc:  # the guard only adds: when it fails, our text stands
        log.warning("recall guard failed for %s: %s: %s", url or "<no url>", type(exc).__name__, exc)
        return GuardResult(cleaned.lines)


def _guard_with_recall(
    light: _LightTree,
    url: str | None,
    meta: PageMeta,
    host: str | None,
    cleaned: CleanResult,
    pruned: Pruned,
) -> GuardResult:
    ours = _size(cleaned)
    fresh = light.tree()
    if fresh is None:
        return GuardResult(cleaned.lines)
    linked = _recall_text(fresh, url).splitlines()
    by_plain = {" ".join(strip_links(line).split()): line for line in linked}
    recall = clean_lines([strip_links(line) for line in linked], title=meta.title, host=host)
    reference = _size(recall)
    if ours >= GUARD_RESTORE_SHARE * reference:
        return GuardResult(cleaned.lines, reference_chars=reference)
    result = restore_prose(
        cleaned.lines, [by_plain.get(line, line) for line in recall.lines], pruned.removed_lists
    )
    result.reference_chars = reference
    for restored in result.restored:
        log.info(
            "recall guard on %s restored a line (%s): %.60s",
            url or "<no url>",
            restored.reason,
            restored.line,
        )
    return result


def _shortfall(size: int, min_chars: int) -> str | None:
    if size == 0:
        return "no article text found"
    if size < min_chars:
        return f"article text too short ({size} characters, minimum {min_chars})"
    return None


def _article(meta: PageMeta, text: str, bylines: tuple[str, ...], error: str | None) -> Article:
    return Article(
        title=meta.title,
        text=text,
        published=meta.published,
        authors=meta.authors,
        byline=" ".join(bylines) if bylines else None,
        lang=meta.language(text),
        canonical_url=meta.canonical_url,
        error=error,
    )
