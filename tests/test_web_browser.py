"""The review UI in a real browser: Debian's headless Chromium driven by Playwright, against the real
server (uvicorn in a thread on 127.0.0.1) over a real SQLite file.

Needs ``/usr/bin/chromium`` and CJK fonts (``apt-get install chromium fonts-noto-cjk``); skipped with that
reason when Chromium is missing. ``NEWSMON_UPDATE_SCREENSHOTS=1`` also writes docs/review-queue.png and
docs/review-item.png.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers.review_seed import MORE_SAMPLES, SAMPLES, seed_more, seed_samples
from sqlalchemy import Engine

from service.config import load_settings, with_overrides
from service.storage import labels as label_store
from service.storage import review
from service.storage.db import make_engine, migrate, session_scope
from service.web.auth import hash_password
from service.web.server import ServerThread, make_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real Chromium process

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DOCS = Path(__file__).resolve().parents[1] / "docs"
PASSWORD = "browser-test-password"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """The real server, login required, over a seeded SQLite file; yields its base URL."""
    settings = with_overrides(
        load_settings(),
        web={"require_login": True, "users": {"alice": hash_password(PASSWORD)}, "port": 0},
        classify={"model_dir": str(tmp_path / "models")},  # trained versions go here, not into the repo
        data_dir=str(tmp_path),  # type: ignore[arg-type]
    )
    engine = make_engine(f"sqlite:///{tmp_path / 'newsmon.db'}")
    migrate(engine)
    seed_samples(engine, with_model=False)  # the real bundled model is the active one
    seed_more(engine)
    server = ServerThread(make_server(settings, engine, host="127.0.0.1", port=0))
    server.start()
    try:
        yield f"http://127.0.0.1:{server.port}", engine
    finally:
        server.stop()
        engine.dispose()


@pytest.fixture
def page(browser: Any, site: tuple[str, Engine]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="zh-TW")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def log_in(page: Any, base: str) -> None:
    page.goto(f"{base}/queue")
    assert "/login" in page.url
    page.fill("input[name=name]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(re.compile(r".*/queue$"))


def queue_titles(page: Any) -> list[str]:
    return [text.strip() for text in page.locator("table.queue td.title > a").all_inner_texts()]


def test_log_in_review_from_the_queue_and_see_labels_change(page: Any, site: tuple[str, Engine]) -> None:
    base, engine = site
    log_in(page, base)
    titles = queue_titles(page)
    total = len(SAMPLES) + len(MORE_SAMPLES)  # one row per story: the seeded copy is hidden
    assert len(titles) == total
    # most uncertain first: the scores nearest the labelling threshold (0.35 by default), 0.36 and 0.44
    assert titles[:2] == [MORE_SAMPLES[3]["title"], MORE_SAMPLES[1]["title"]]
    assert page.get_by_text(f"符合 {total} 則").is_visible()  # the office's language (ui.language default)

    page.keyboard.press("j")  # the first row is current
    assert "current" in (page.locator("tr[data-row]").first.get_attribute("class") or "")
    with page.expect_navigation():
        page.keyboard.press("n")  # not relevant
    titles = queue_titles(page)
    assert MORE_SAMPLES[3]["title"] not in titles and len(titles) == total - 1

    page.click(f"text={titles[0]}")  # open the now most uncertain item
    page.wait_for_url(re.compile(r".*/items/\d+$"))
    item_url = page.url
    row = page.locator('tr[data-label="city_diplomacy"]')
    with page.expect_navigation():
        row.get_by_role("button", name="是").click()
    row = page.locator('tr[data-label="city_diplomacy"]')
    assert (
        "是" in row.locator("td.decision").inner_text() and "alice" in row.locator("td.decision").inner_text()
    )
    assert "yes" in (page.locator('tr[data-label="relevant"]').get_attribute("class") or "")
    with page.expect_navigation():
        page.keyboard.press("y")  # confirm (this item is reviewed already: it stays so) & next
    assert page.url != item_url and "/items/" in page.url

    page.goto(f"{base}/queue")
    assert len(queue_titles(page)) == total - 2
    boxes = page.locator('input[name="ids"]')
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.select_option("select[name=action]", "not_relevant")
    with page.expect_navigation():
        page.click("button[name=bulk]")
    assert page.get_by_text("2 則：不相關").is_visible()
    assert len(queue_titles(page)) == total - 4
    with session_scope(engine) as session:
        assert label_store.count_labels(session) > 0
        reviewed = review.review_queue(session, review.QueueFilters(reviewed="yes")).total
    assert reviewed == 4


def test_screenshots_of_the_queue_and_an_item(page: Any, site: tuple[str, Engine], tmp_path: Path) -> None:
    base, _engine = site
    log_in(page, base)
    page.keyboard.press("j")
    queue_shot = tmp_path / "review-queue.png"
    page.screenshot(path=str(queue_shot), full_page=False)
    page.click(f"text={SAMPLES[0]['title']}")
    page.wait_for_url(re.compile(r".*/items/\d+$"))
    with page.expect_navigation():
        page.locator('tr[data-label="taiwan_japan"]').get_by_role("button", name="是").click()
    item_shot = tmp_path / "review-item.png"
    page.screenshot(path=str(item_shot), full_page=True)
    assert queue_shot.stat().st_size > 20_000 and item_shot.stat().st_size > 20_000
    if os.environ.get("NEWSMON_UPDATE_SCREENSHOTS") == "1":
        DOCS.mkdir(exist_ok=True)
        (DOCS / "review-queue.png").write_bytes(queue_shot.read_bytes())
        (DOCS / "review-item.png").write_bytes(item_shot.read_bytes())


def test_retrain_says_it_compared_nothing_then_a_person_activates(
    page: Any, site: tuple[str, Engine], tmp_path: Path
) -> None:
    """The real trainer: bundled set plus the three labels given here. Three labels are too few to hold out,
    so nothing is compared: the new version is kept inactive, the page says why, and a click activates it."""
    base, _engine = site
    log_in(page, base)
    for _ in range(3):  # three decisions from the queue
        page.keyboard.press("j")
        with page.expect_navigation():
            page.keyboard.press("n")
    page.goto(f"{base}/model")
    assert page.locator("#active-version").inner_text() == "內建"
    with page.expect_navigation(timeout=180_000):
        page.click("text=立即重新訓練", timeout=180_000)
    assert page.locator("#active-version").inner_text() == "內建"
    assert page.locator(".result.kept").is_visible()
    assert "未比較：保留評估的項目只有 3 則" in page.locator(".result.kept").inner_text()
    assert page.locator("table.versions tr.active").count() == 0
    with page.expect_navigation():
        page.click("table.versions button:has-text('啟用')")
    assert page.locator("#active-version").inner_text() != "內建"
    assert page.locator("table.versions tr.active").count() == 1
    page.screenshot(path=str(tmp_path / "review-model.png"), full_page=True)
    if os.environ.get("NEWSMON_UPDATE_SCREENSHOTS") == "1":
        (DOCS / "review-model.png").write_bytes((tmp_path / "review-model.png").read_bytes())


def test_search_two_chinese_characters_open_correct_and_see_the_alerts(
    page: Any, site: tuple[str, Engine], tmp_path: Path
) -> None:
    """The flow a reviewer in the office follows: log in, search 熊本 (two characters: no trigram), open a
    hit, correct a label, then look at the alert list."""
    base, _engine = site
    log_in(page, base)
    page.click("nav >> text=搜尋")
    page.wait_for_url(re.compile(r".*/search$"))
    page.fill("input[name=q]", "熊本")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "熊本" in page.locator("#search-count").inner_text()
    first = page.locator("ol.results li.result-row").first
    assert first.locator("mark").first.inner_text() == "熊本"
    search_shot = tmp_path / "review-search.png"
    page.screenshot(path=str(search_shot), full_page=True)
    with page.expect_navigation():
        first.locator("a.title").click()
    assert "/items/" in page.url
    row = page.locator('tr[data-label="taiwan_japan"]')
    with page.expect_navigation():
        row.get_by_role("button", name="否").click()
    row = page.locator('tr[data-label="taiwan_japan"]')
    assert (
        "否" in row.locator("td.decision").inner_text() and "alice" in row.locator("td.decision").inner_text()
    )
    page.goto(f"{base}/alerts")
    assert page.locator("h1").first.inner_text().strip() != ""
    assert "提醒" in page.content()
    if os.environ.get("NEWSMON_UPDATE_SCREENSHOTS") == "1":
        (DOCS / "review-search.png").write_bytes(search_shot.read_bytes())
