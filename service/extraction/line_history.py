"""Cross-page signal: lines a site repeats across its pages are boilerplate, not article text.

Media Cloud drops sentences it has already seen from the same outlet that week; :class:`LineHistory` does the
same for us. It is plain state that the caller owns and passes in explicitly (``extract_article(...,
history=...)``); nothing is global.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from service.extraction.clutter import squash


def _line_key(line: str) -> str:
    return hashlib.blake2b(squash(line).encode("utf-8"), digest_size=8).hexdigest()


@dataclass
class LineHistory:
    """Lines already seen per site: boilerplate that one page cannot reveal but a week of pages can.

    Media Cloud drops sentences it has already seen from the same outlet that week; so do we. The state is
    plain data (``site -> line key -> number of pages``) that the caller owns: :meth:`to_dict` and
    :meth:`from_dict` let the pipeline keep it in the database, and the caller decides the window (start a
    new history each week, or keep one per week and merge). A line counts as boilerplate once it was seen on
    ``min_pages`` other pages of the same site. Only lines up to ``max_line_chars`` are tracked: a long
    paragraph repeated across pages is a syndicated article, not furniture.
    """

    min_pages: int = 3
    max_line_chars: int = 200
    seen: dict[str, dict[str, int]] = field(default_factory=dict)

    def repeated(self, site: str, line: str) -> bool:
        if len(line) > self.max_line_chars:
            return False
        return self.seen.get(site, {}).get(_line_key(line), 0) >= self.min_pages

    def record(self, site: str, lines: Iterable[str]) -> None:
        """Count this page's lines once each (call after :meth:`repeated` for the same page)."""
        counts = self.seen.setdefault(site, {})
        for key in {_line_key(line) for line in lines if line.strip() and len(line) <= self.max_line_chars}:
            counts[key] = counts.get(key, 0) + 1

    def to_dict(self) -> dict[str, object]:
        return {"min_pages": self.min_pages, "max_line_chars": self.max_line_chars, "seen": self.seen}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineHistory:
        return cls(
            min_pages=int(data.get("min_pages", 3)),
            max_line_chars=int(data.get("max_line_chars", 200)),
            seen={
                str(site): {str(k): int(v) for k, v in lines.items()}
                for site, lines in data.get("seen", {}).items()
            },
        )
