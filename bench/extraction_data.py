"""Load the shared extraction sets (``../shared/data/extraction``) as pages with gold text.

Read-only: nothing here is copied into the repository. Each set has its own layout; this module hides it.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "extraction"
SETS = ("twnews_tw", "newsmon_dev", "cwced", "zyte", "readability_zh", "newspaper4k_zh")

# Evaluation convention for bylines. Our Article keeps bylines (記者…／…報導, 社會中心／綜合報導) out of the
# body, in ``Article.byline``. twnews_tw's gold KEEPS standalone byline lines, every other set's gold leaves
# them out. So on twnews_tw we score what a reader is shown: the byline line (when we found one) followed by
# the body; elsewhere the body alone. A byline we find that the gold lacks counts against us, as it should.
SETS_WITH_BYLINE_IN_GOLD = frozenset({"twnews_tw"})


def evaluated_text(set_name: str, text: str, byline: str | None) -> str:
    """The text scored against a set's gold (see ``SETS_WITH_BYLINE_IN_GOLD``)."""
    if byline and set_name in SETS_WITH_BYLINE_IN_GOLD:
        return f"{byline}\n{text}"
    return text


@dataclass(frozen=True)
class GoldPage:
    set_name: str
    page_id: str
    body: bytes
    gold: str
    url: str | None


def _url(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _meta_items(root: Path, set_name: str) -> Iterator[GoldPage]:
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    for item in meta["items"]:
        page_id = item["id"]
        yield GoldPage(
            set_name,
            page_id,
            (root / "html" / f"{page_id}.html").read_bytes(),
            (root / "gold" / f"{page_id}.txt").read_text(encoding="utf-8"),
            _url(item.get("url")),
        )


def _newsmon_dev(root: Path) -> Iterator[GoldPage]:
    for line in (root / "index.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        yield GoldPage(
            "newsmon_dev",
            row["id"],
            (root / row["file"]).read_bytes(),
            (root / row["gold"]).read_text(encoding="utf-8"),
            _url(row.get("url")),
        )


def _zyte(root: Path) -> Iterator[GoldPage]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id, row in sorted(truth.items()):
        body = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        yield GoldPage("zyte", page_id, body, row.get("articleBody") or "", _url(row.get("url")))


def load_set(set_name: str, base: Path = SHARED_DATA) -> list[GoldPage]:
    root = base / set_name
    if set_name == "newsmon_dev":
        return list(_newsmon_dev(root))
    if set_name == "zyte":
        return list(_zyte(root))
    return list(_meta_items(root, set_name))


def available(base: Path = SHARED_DATA) -> bool:
    return base.is_dir()
