"""One chapter, one format: the CLI and the review UI pick a writer here."""

from __future__ import annotations

from service.chapter.markdown import to_markdown
from service.chapter.table import to_csv
from service.chapter.types import Chapter

FORMATS = ("docx", "md", "csv")  # Word first: offices edit the chapter in Word
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def render_chapter(chapter: Chapter, fmt: str) -> bytes:
    """The chapter as ``md``, ``csv`` (UTF-8) or ``docx`` bytes."""
    if fmt == "docx":
        from service.chapter.word import to_docx  # python-docx is loaded only for Word output

        return to_docx(chapter)
    if fmt == "csv":
        return to_csv(chapter).encode("utf-8")
    if fmt == "md":
        return to_markdown(chapter).encode("utf-8")
    raise ValueError(f"unknown chapter format {fmt!r} (expected one of {', '.join(FORMATS)})")
