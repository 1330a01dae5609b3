"""``newsmon demo``: the main job, offline, on the bundled demo site.

It serves the demo feeds on 127.0.0.1, points a configuration at them and at a SQLite file in the demo
folder, runs two polling cycles (the second after the site has changed: one story updated, a press release
added, everything else answering 304), writes the digest preview, and reports what happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sqlalchemy import Engine

from service.config import Settings, parse_settings
from service.demo.server import DemoServer
from service.jobs import poll_once
from service.pipeline import CycleReport
from service.storage import feeds as feed_store
from service.storage.db import make_engine, migrate, session_scope
from service.storage.labels import count_labels
from service.storage.overview import StoryCounts, story_counts


@dataclass
class DemoSummary:
    directory: Path
    config_path: Path
    database: Path
    cycles: list[CycleReport] = field(default_factory=list)
    counts: StoryCounts = field(default_factory=lambda: StoryCounts(0, 0, 0, 0, 0))
    digest_html: Path | None = None
    digest_subject: str | None = None
    reset: str | None = None  # what a rerun removed from the previous run, said aloud


def demo_settings(server: DemoServer, directory: Path) -> Settings:
    """A configuration for the demo: its own data folder, the demo feeds, loopback allowed."""
    outlets = {feed.name: feed.outlet for feed in server.manifest.feeds}
    data = {
        "data_dir": str(directory),
        "fetch": {"allow_loopback": True, "per_host_min_gap_seconds": 0, "page_retry_limit": 1},
        "classify": {"model_dir": str(directory / "models")},
        "feeds": [
            {"name": feed.name, "url": feed.url, "lang": feed.lang, "publisher": outlets.get(feed.name)}
            for feed in server.feed_urls
        ],
    }
    return parse_settings(data, str(directory / "config.yaml"))


def write_config(settings: Settings, path: Path) -> None:
    """Keep the demo's configuration beside its database, so `newsmon --config ... items --json` works."""
    data = settings.model_dump(mode="json", by_alias=True, exclude={"source"})
    header = (
        "# Written by `newsmon demo`: the demo's settings (its feed server is gone once the demo ends).\n"
    )
    path.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def run_demo(directory: Path) -> DemoSummary:
    directory = directory.resolve()
    directory.mkdir(parents=True, exist_ok=True)
    with DemoServer() as server:
        settings = demo_settings(server, directory)
        database = settings.data_path / "newsmon.db"
        reset = reset_previous(database, settings.model_path)
        engine = make_engine(settings.database_url)
        migrate(engine)
        summary = DemoSummary(directory, directory / "config.yaml", database, reset=reset)
        write_config(settings, summary.config_path)
        summary.cycles.append(poll_once(engine, settings))
        server.set_round(2)
        with session_scope(engine) as session:
            feed_store.schedule_all_now(session)
        summary.cycles.append(poll_once(engine, settings))
        with session_scope(engine) as session:
            summary.counts = story_counts(session)
        _write_digest(engine, settings, summary)
        engine.dispose()
    return summary


def reset_previous(database: Path, models: Path) -> str | None:
    """Remove the previous run's database (a demo starts from nothing: its URLs change with each port) and
    say what went with it, reviewers' labels included; trained models stay (say so too). None: first run."""
    if not database.exists():
        return None
    try:
        engine = make_engine(f"sqlite:///{database}")
        with session_scope(engine) as session:
            held = f"{story_counts(session).items} item(s), {count_labels(session)} reviewer label(s)"
        engine.dispose()
    except Exception:  # an older or damaged demo database: removed all the same
        held = "contents unreadable"
    for stale in (database, database.with_name("newsmon.db-wal"), database.with_name("newsmon.db-shm")):
        stale.unlink(missing_ok=True)
    folders = sorted(path.name for path in models.iterdir() if path.is_dir()) if models.is_dir() else []
    kept = f"; {len(folders)} trained model folder(s) in {models} kept" if folders else ""
    return f"reset: the previous demo database was removed ({held}){kept}"


def _write_digest(engine: Engine, settings: Settings, summary: DemoSummary) -> None:
    from service.digest.job import preview_digest

    _digest, rendered = preview_digest(engine, settings)
    summary.digest_html = summary.directory / "digest.html"
    summary.digest_html.write_text(rendered.html, encoding="utf-8")
    summary.digest_html.with_suffix(".txt").write_text(rendered.text, encoding="utf-8")
    summary.digest_subject = rendered.subject
