"""The extract stage's shortcuts give exactly what the slower ways they replace gave.

Speed work (bench/extract.py measures it) replaced a few library calls and regular expressions with faster
equivalents: our own copy of trafilatura's HTML loader with a C element-class lookup, a search for control
characters before trafilatura's repair expression, options built once, byte-level counting of ASCII text.
Each is checked here against the thing it replaces, on our fixture pages and on awkward inputs.
"""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest
import trafilatura
from lxml import etree
from trafilatura.utils import INVALID_XML_CHARS, repair_faulty_html

from service.extraction.clutter import _own_len, content_len, squash
from service.extraction.extract import (
    INVALID_XML_CHARACTERS,
    _load_html,
    _repair,
    _trafilatura_text,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"
PAGES = sorted(FIXTURES.glob("*.html"))

AWKWARD = [
    "<html><body><p>plain</p></body></html>",
    '<?xml version="1.0" encoding="utf-8"?><html><body><p>declared</p></body></html>',
    "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN' 'x.dtd'/>\n<html><body><p>doctype</p></body></html>",
    "<html lang='en'/>\n<body><p>self-closing html</p></body>",
    "<html><body><p>control\x00chars\x0b and \ufffe here</p></body></html>",
    "just some text, no markup at all",
    "<p>a fragment</p>",
    "<html><body><form><input value='x'><label>l</label><select><option>o</option></select></form>"
    "</body></html>",
]


def _serialised(tree: object) -> bytes | None:
    return None if tree is None else etree.tostring(tree, encoding="utf-8")  # type: ignore[arg-type]


@pytest.mark.parametrize("html", AWKWARD)
def test_our_loader_builds_the_tree_trafilatura_builds(html: str) -> None:
    assert _serialised(_load_html(html)) == _serialised(trafilatura.load_html(html))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_our_loader_builds_the_tree_trafilatura_builds_on_fixtures(page: Path) -> None:
    html = page.read_bytes().decode("utf-8", "replace")
    assert _serialised(_load_html(html)) == _serialised(trafilatura.load_html(html))


def test_invalid_characters_are_those_of_trafilaturas_expression() -> None:
    expected = {chr(code) for code in range(0x110000) if INVALID_XML_CHARS.match(chr(code))}
    assert set(INVALID_XML_CHARACTERS) == expected


@pytest.mark.parametrize("html", AWKWARD)
def test_repair_equals_trafilaturas(html: str) -> None:
    beginning = html[:50].lower()
    assert _repair(html, beginning) == repair_faulty_html(html, beginning)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_options_built_once_extract_what_fresh_options_extract(page: Path) -> None:
    html = page.read_bytes().decode("utf-8", "replace")
    for recall in (False, True):
        ours = _trafilatura_text(
            trafilatura.load_html(html), "https://example.org/a", recall=recall, fast=True
        )
        fresh = trafilatura.bare_extraction(
            trafilatura.load_html(html),
            url="https://example.org/a",
            favor_precision=not recall,
            favor_recall=recall,
            fast=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=recall,
            with_metadata=False,
        )
        assert ours == (getattr(fresh, "text", None) or "")


_CONTENT = re.compile(r"[^\W_]+")
_DATEISH = re.compile(r"[0-9０-９年月日時分秒:/.\-]+")


def _random_texts() -> list[str]:
    rng = random.Random(19)
    alphabet = [chr(c) for c in range(128)] + list("é’“”—　，。記者年月日０９ﬁ①㈱_\u00a0")
    texts = ["", " ", "abc", "2026年12月6日", "Hello, world_2", "ﬁne ①"]
    for _ in range(3000):
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))))
    return texts


def test_character_counts_equal_their_regular_expression_definitions() -> None:
    for text in _random_texts():
        assert content_len(text) == sum(map(len, _CONTENT.findall(text))), text
        assert _own_len(text) == sum(map(len, _CONTENT.findall(_DATEISH.sub("", text)))), text
        normal = unicodedata.normalize("NFKC", text).lower()
        assert squash(text) == "".join(_CONTENT.findall(normal)), text
