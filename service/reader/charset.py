"""Turn fetched bytes into text ourselves, so no parser has to guess.

Order of evidence: byte-order mark, the HTTP ``Content-Type`` charset, the XML declaration, an HTML
``<meta charset>`` (or ``http-equiv``), then strict UTF-8, then statistical detection (charset-normalizer).
A declared charset that does not decode cleanly is distrusted and we keep looking: Taiwanese sites
still label Big5 pages as UTF-8 and the reverse.

Legacy labels are widened to the codec that real pages use: Big5 pages contain CP950 and HKSCS
characters, GB2312/GBK pages contain GB18030 characters, Shift_JIS pages contain CP932 ones.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Each legacy label, with the codecs to try in order: the widest first.
_WIDER = {
    "big5": ("cp950", "big5hkscs"),
    "big5-hkscs": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
    "x-x-big5": ("cp950", "big5hkscs"),
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "gb18030": ("gb18030",),
    "x-gbk": ("gb18030",),
    "shift_jis": ("cp932", "shift_jis_2004"),
    "shift-jis": ("cp932", "shift_jis_2004"),
    "sjis": ("cp932", "shift_jis_2004"),
    "x-sjis": ("cp932", "shift_jis_2004"),
    "windows-31j": ("cp932",),
    "euc-jp": ("euc_jis_2004", "euc_jp"),
    "iso-8859-1": ("cp1252",),  # browsers read Latin-1 labels as windows-1252
    "latin-1": ("cp1252",),
    "us-ascii": ("utf-8", "cp1252"),
    "ascii": ("utf-8", "cp1252"),
}

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)

_SNIFF_BYTES = 4096


def charset_from_content_type(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    if not content_type:
        return None
    match = _HEADER_CHARSET.search(content_type)
    return match.group(1) if match else None


def declared_charsets(body: bytes, content_type: str | None = None) -> list[str]:
    """Every charset the response declares, in order of authority (header, XML declaration, meta)."""
    found: list[str] = []
    header = charset_from_content_type(content_type)
    if header:
        found.append(header)
    head = body[:_SNIFF_BYTES]
    xml = _XML_DECL.search(head)
    if xml:
        found.append(xml.group(1).decode("ascii", "replace"))
    meta = _META_CHARSET.search(head)
    if meta:
        found.append(meta.group(1).decode("ascii", "replace"))
    return found


def _candidate_codecs(label: str) -> tuple[str, ...]:
    key = label.strip().lower().replace("_", "-") if label else ""
    if key in _WIDER:
        return _WIDER[key]
    try:
        return (codecs.lookup(label).name,)
    except LookupError:
        return ()


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode ``body`` and return ``(text, codec used)``. Never raises: the last resort replaces bytes."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return body.decode(codec, errors="replace"), codec
    for label in declared_charsets(body, content_type):
        for codec in _candidate_codecs(label):
            text = _strict(body, codec)
            if text is not None:
                return text, codec
    text = _strict(body, "utf-8")
    if text is not None:
        return text, "utf-8"
    best = charset_normalizer.from_bytes(body).best()
    if best is not None and best.encoding:
        for codec in _candidate_codecs(best.encoding) or (best.encoding,):
            text = _strict(body, codec)
            if text is not None:
                return text, codec
        return str(best), best.encoding
    return body.decode("utf-8", errors="replace"), "utf-8"
