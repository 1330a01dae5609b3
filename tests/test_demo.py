"""`newsmon demo` runs the main job offline and reports what it did; its result matches the demo manifest."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

from click.testing import CliRunner
from sqlalchemy import func, select

from service.cli import main
from service.config import load_settings
from service.demo.manifest import load_manifest
from service.digest.job import preview_digest
from service.storage.db import make_engine, session_scope
from service.storage.schema import ClusterMember, Item, ItemVersion


def test_demo_runs_offline_and_matches_the_manifest(tmp_path: Path) -> None:
    expected = load_manifest().expected
    result = CliRunner().invoke(main, ["demo", "--dir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "第 1 輪：輪詢 6 個來源" in result.output  # ui.language zh-Hant
    assert "1 個格式有誤但仍採用" in result.output
    assert f"項目：共儲存 {expected['round2']['items']} 則" in result.output
    assert (tmp_path / "demo" / "digest.html").exists()

    engine = make_engine(f"sqlite:///{tmp_path / 'demo' / 'newsmon.db'}")
    with session_scope(engine) as session:
        assert session.scalar(select(func.count(Item.id))) == expected["round2"]["items"]
        assert session.scalar(select(func.count()).where(Item.status != "done")) == 0
        summary_only = session.scalars(select(Item).where(Item.text_source == "summary")).all()
        assert len(summary_only) == expected["round1"]["pages_not_found"]
        assert all(item.text for item in summary_only)
        repeats = session.scalar(select(func.count()).where(ClusterMember.relation != "original"))
        assert repeats == expected["round1"]["near_duplicates"]
        assert session.scalar(select(func.count(ItemVersion.id))) >= expected["round2"]["updated_items"]
        outlets = set(session.scalars(select(Item.outlet)))
        assert "127.0.0.1" not in outlets
    engine.dispose()

    exported = CliRunner().invoke(
        main, ["--config", str(tmp_path / "demo" / "config.yaml"), "items", "--json"]
    )
    assert exported.exit_code == 0, exported.output
    rows = [json.loads(line) for line in exported.output.splitlines()]
    assert len(rows) == expected["round2"]["items"]
    assert all(row["cluster"] is not None for row in rows)
    assert all(row["labels"] is not None for row in rows)

    manifest = {item.url: item for item in load_manifest().items}
    truth = {row["id"]: manifest[_site_path(row["url"])] for row in rows}
    missed = [
        truth[row["id"]].id for row in rows if truth[row["id"]].relevant and not row["labels"]["relevant"]
    ]
    assert missed == [], f"relevant demo items not flagged: {missed}"
    false_alarms = [
        truth[row["id"]].id for row in rows if row["labels"]["relevant"] and not truth[row["id"]].relevant
    ]
    assert false_alarms == [], f"demo items flagged wrongly: {false_alarms}"

    # One event, one entry: the write-ups of one event (the manifest's `story`: the Chinese and the English
    # report of the Kumamoto governor's visit, which the classifier files under 熊本縣 and 熊本市) never
    # appear as two entries of the digest.
    settings = load_settings(tmp_path / "demo" / "config.yaml")
    engine = make_engine(settings.database_url)
    digest, _rendered = preview_digest(engine, settings)
    engine.dispose()
    story_of = {row["id"]: truth[row["id"]].story for row in rows if truth[row["id"]].story}
    entries = [story for topic in digest.topics for group in topic.partners for story in group.stories]
    for tag in set(story_of.values()):
        showing = [entry.title for entry in entries if any(story_of.get(i) == tag for i in entry.item_ids)]
        assert len(showing) <= 1, f"story {tag} shown as {len(showing)} entries: {showing}"
    assert any(story_of.get(i) == "kumamoto-visit" for entry in entries for i in entry.item_ids)


def _site_path(url: str) -> str:
    split = urlsplit(url)
    return split.path + (f"?{split.query}" if split.query else "")
