"""Regenerate docs/chapter.png: the first page of the 國際事務 chapter that ``newsmon report --party 高雄市``
writes from our half-year fixtures (tests/helpers/chapter_fixtures.py), as Word, converted to PDF by
LibreOffice headless and to PNG by pdftoppm. Also prints the start of the Markdown (the README excerpt).

Needs ``libreoffice-writer-nogui``, ``poppler-utils`` and ``fonts-noto-cjk`` (scripts/install-system-deps).

    python docs/chapter_page.py [--out docs/chapter.png] [--excerpt-lines 30]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from helpers.chapter_fixtures import FIRST, LAST, fill  # noqa: E402
from helpers.office import docx_to_pdf, first_page_png  # noqa: E402

from service.chapter.load import load_chapter  # noqa: E402
from service.chapter.markdown import to_markdown  # noqa: E402
from service.chapter.word import to_docx  # noqa: E402
from service.config import load_settings  # noqa: E402
from service.storage.db import make_engine, migrate, session_scope  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "chapter.png")
    parser.add_argument("--party", default="高雄市")
    parser.add_argument("--excerpt-lines", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmon-chapter-") as folder:
        work = Path(folder)
        engine = make_engine(f"sqlite:///{work / 'chapter.db'}")
        migrate(engine)
        with session_scope(engine) as session:
            fill(session)
        chapter = load_chapter(engine, load_settings(), args.party, FIRST, LAST)
        engine.dispose()
        docx = work / "chapter.docx"
        docx.write_bytes(to_docx(chapter))
        pdf = docx_to_pdf(docx, work)
        first_page_png(pdf, args.out, dpi=90)
    print("\n".join(to_markdown(chapter).splitlines()[: args.excerpt_lines]))
    print(f"\nwrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
