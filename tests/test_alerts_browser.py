"""The alert list in a real browser (Debian's Chromium through Playwright, the real server, a SQLite file):
a reviewer logs in, sees each alert with its delivery state, and sends a failed one again.
``NEWSMON_UPDATE_SCREENSHOTS=1`` also writes docs/review-alerts.png."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, update
from test_web_browser import DOCS, browser, log_in, page, site

from service.storage import alerts as alert_store
from service.storage.db import session_scope
from service.storage.schema import AlertOutbox

__all__ = ["browser", "page", "site"]  # fixtures shared with test_web_browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def seed_alerts(engine: Engine) -> int:
    """Four alerts in four states; returns the failed one's id."""
    with session_scope(engine) as session:
        alert_store.add_alerts(
            session,
            [
                {
                    "rule": "熊本",
                    "subject": f"item:{n}",
                    "title": f"[newsmon] 熊本：{title}",
                    "body": title,
                    "link": "https://news.example.tw/a/1",
                    "item_id": n,
                }
                for n, title in (
                    (1, "高雄市長接見日本熊本縣訪問團"),
                    (2, "熊本縣知事率團抵達高雄"),
                    (3, "熊本市與臺南市青年交流"),
                )
            ]
            + [
                {
                    "rule": "來源故障",
                    "subject": "feed:1:failing:x",
                    "title": "[newsmon] 來源故障：cna 無法讀取",
                    "body": "x",
                }
            ],
        )
        sent, failed, interrupted = (
            alert_store.claim_single(session, ["熊本"], 60, limit=1)[0] for _ in range(3)
        )
        alert_store.record_sent(session, [sent.id], ["a"])
        alert_store.record_failure(session, [failed.id], [], "https://hooks.example.tw: HTTP 500", 6, 6, 0)
    with session_scope(engine) as session:
        # the sender that claimed it died: its lease ends
        ended = datetime.now(UTC) - timedelta(seconds=1)
        session.execute(update(AlertOutbox).where(AlertOutbox.id == interrupted.id).values(lease_until=ended))
        alert_store.interrupt_abandoned(session)
    return failed.id


def test_the_alert_list_shows_delivery_states_and_resends(
    page: Any, site: tuple[str, Engine], tmp_path: Path
) -> None:
    base, engine = site
    failed_id = seed_alerts(engine)
    log_in(page, base)
    page.click("nav >> text=提醒")
    page.wait_for_url(f"{base}/alerts")
    rows = page.locator("table.alerts tbody tr")
    assert rows.count() == 4
    text = page.locator("table.alerts").inner_text()
    for state in ("已送出", "失敗", "中斷（未知是否送達）", "待送出"):
        assert state in text
    shot = tmp_path / "review-alerts.png"
    page.screenshot(path=str(shot), full_page=True)
    if os.environ.get("NEWSMON_UPDATE_SCREENSHOTS") == "1":
        shutil.copy(shot, DOCS / "review-alerts.png")
    with page.expect_navigation():
        page.locator(f'form[action="/alerts/{failed_id}/retry"] button').click()
    assert f"提醒 {failed_id} 已排入重送" in page.locator(".flash").inner_text()
    assert page.locator(f'form[action="/alerts/{failed_id}/retry"]').count() == 0
