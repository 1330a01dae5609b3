"""Our own decoding: declared charsets widened to what real pages use, undeclared CJK pages recognised."""

from __future__ import annotations

import pytest

from service.reader.charset import decode_bytes

TEXT = (
    "臺北市長與日本橫濱市簽署友好交流協定，雙方將在觀光、教育與防災等領域展開合作，這是兩市交流的重要里程碑。"
)
SIMPLIFIED = (
    "上海市与日本大阪府签署友好交流备忘录，双方将在经济、教育和环境保护等领域开展合作，"
    "这是两地交流的重要一步。"
)


@pytest.mark.parametrize(
    ("encoding", "codec"), [("big5", "cp950"), ("gb18030", "gb18030"), ("cp932", "cp932")]
)
def test_declared_charset_in_meta(encoding: str, codec: str) -> None:
    body = f'<html><head><meta charset="{encoding}"></head><body>{TEXT}</body></html>'.encode(encoding)
    text, used = decode_bytes(body)
    assert TEXT in text and used == codec


def test_header_wins_and_wrong_declaration_is_distrusted() -> None:
    body = f'<?xml version="1.0" encoding="utf-8"?><rss>{TEXT}</rss>'.encode("big5")
    assert TEXT in decode_bytes(body)[0]
    assert TEXT in decode_bytes(body, "text/xml; charset=big5")[0]


@pytest.mark.parametrize(
    ("text", "encoding"), [(TEXT * 2, "big5"), (SIMPLIFIED * 2, "gbk"), (TEXT * 2, "utf-8")]
)
def test_undeclared_pages(text: str, encoding: str) -> None:
    assert decode_bytes(f"<p>{text}</p>".encode(encoding))[0] == f"<p>{text}</p>"


def test_undeclared_gbk_page_with_stray_invalid_bytes() -> None:
    """A real GBK page with two invalid byte pairs was read as Kazakh ptcp154 by statistical detection."""
    body = (SIMPLIFIED * 6).encode("gbk")
    damaged = body[:40] + b"\xff\xff" + body[40:200] + b"\x80\x80" + body[200:]
    text, used = decode_bytes(damaged)
    assert used == "gb18030"
    assert "友好交流备忘录" in text


def test_big5_hkscs_characters_survive() -> None:
    text, _ = decode_bytes("<p>高雄市長訪問熊本 碁峯裏喆</p>".encode("big5hkscs"), "text/html; charset=big5")
    assert "碁峯裏喆" in text


@pytest.mark.parametrize("label", ["utf-16", "UTF-16LE", "utf-16be", "utf-32", "cp037"])
def test_ascii_incompatible_charset_is_checked_against_the_bytes(label: str) -> None:
    """A ``charset=utf-16`` header on UTF-8 bytes decoded without error into garbage (issue 16)."""
    body = f'<?xml version="1.0" encoding="utf-8"?><rss>{TEXT}</rss>'.encode()
    text, used = decode_bytes(body, f"application/rss+xml; charset={label}")
    assert text.startswith("<?xml") and TEXT in text and used == "utf-8"
    ascii_body = b"<?xml version='1.0'?><rss><channel><title>News</title></channel></rss>"
    assert decode_bytes(ascii_body, f"text/xml; charset={label}")[0] == ascii_body.decode()


def test_utf16_without_bom_is_still_read_in_either_byte_order() -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        body = f"<rss>{TEXT}</rss>".encode(codec)
        text, used = decode_bytes(body, "text/xml; charset=utf-16")
        assert text == f"<rss>{TEXT}</rss>" and used == codec
