"""One worker process for the several-workers politeness test: claims due feeds ten at a time and polls
them with the real pipeline (``service.pipeline.poll_feeds`` and the fetcher ``service.jobs`` builds, with
the database-held per-host limits), until no feed is due.

    python tests/helpers/poll_worker.py CONFIG
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from service.config import load_settings
from service.jobs import pipeline_stages
from service.pipeline import FEED_LEASE_SECONDS, poll_feeds
from service.reader.parse_pool import ParserPool
from service.storage import feeds as feed_store
from service.storage.db import make_engine, session_scope

BATCH = 10


def main(config: str) -> int:
    settings = load_settings(config)
    engine = make_engine(settings.database_url)
    polled = 0
    try:
        with ParserPool(0) as parsers, pipeline_stages(engine, settings, parsers) as stages:
            while True:
                with session_scope(engine) as session:
                    due = feed_store.due_feeds(session, limit=BATCH)
                    claimed = feed_store.claim_due(session, due, FEED_LEASE_SECONDS)
                if not claimed:
                    break
                polled += len(poll_feeds(engine, settings, stages, claimed))
    finally:
        engine.dispose()
    print(f"polled {polled}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
