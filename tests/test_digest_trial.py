"""A digest you can try, as a new user would: --test-send mails exactly what --preview shows and records
nothing; --send --date sends a previewed day early when asked; no recipients is an error that says what to
do; blind copies stay out of the headers. Real SQLite files and a real SMTP server (aiosmtpd) on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from helpers import digest_samples as samples
from helpers.smtp_server import RecordingHandler, SmtpServer
from sqlalchemy import Engine

from service.cli import main
from service.config import Settings, load_settings
from service.digest.job import preview_digest, run_digest, send_time
from service.storage import digests as store
from service.storage.db import make_engine, migrate, session_scope

DAY = date(2026, 11, 20)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with SmtpServer(RecordingHandler()) as server:
        yield server


def office(tmp_path: Path, port: int, **digest: Any) -> tuple[Path, Settings, Engine]:
    """A config file, its settings and a migrated database holding our sample day."""
    config = {
        "data_dir": str(tmp_path / "data"),
        "digest": {
            "recipients": ["office@example.tw"],
            "sender": "newsmon@example.tw",
            "public_base_url": "https://review.example.tw",
            "smtp": {"host": "127.0.0.1", "port": port, "retries": 0, "timeout_seconds": 5},
            **digest,
        },
        "feeds": [{"name": "sample", "url": "https://news.example.tw/rss"}],
    }
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    settings = load_settings(path)
    engine = make_engine(settings.database_url)
    migrate(engine)
    with session_scope(engine) as session:
        samples.insert_sample_day(session, send_time(settings, DAY) - timedelta(hours=20))
    return path, settings, engine


def invoke(config: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["--config", str(config), "digest", *args])


def test_test_send_mails_the_preview_and_records_nothing(tmp_path: Path, smtp_server: SmtpServer) -> None:
    config, _settings, engine = office(tmp_path, smtp_server.port)
    preview = tmp_path / "preview.html"

    shown = invoke(config, "--preview", str(preview), "--date", DAY.isoformat())
    tried = invoke(config, "--test-send", "me@example.tw", "--date", DAY.isoformat())

    assert shown.exit_code == 0 and tried.exit_code == 0, tried.output
    assert "me@example.tw" in tried.output and "未記錄" in tried.output
    [mail] = smtp_server.handler.received
    assert mail.recipients == ["me@example.tw"] and mail.message["To"] == "me@example.tw"
    html = mail.message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert html.replace("\r\n", "\n") == preview.read_text(encoding="utf-8")  # exactly the preview
    with session_scope(engine) as session:
        assert store.get_run(session, DAY) is None  # nothing claimed: the real digest still goes out
    sent = invoke(config, "--send", "--date", DAY.isoformat())
    assert sent.exit_code == 0 and "已寄出" in sent.output, sent.output
    assert len(smtp_server.handler.received) == 2
    engine.dispose()


def test_a_refused_test_send_says_why(tmp_path: Path) -> None:
    config, _settings, engine = office(tmp_path, 1)  # nothing listens on port 1
    result = invoke(config, "--test-send", "me@example.tw")
    assert result.exit_code == 1 and "digest.smtp" in result.output and "me@example.tw" in result.output
    bad = invoke(config, "--test-send", "not-an-address")
    assert bad.exit_code == 1 and "not a mail address" in bad.output
    engine.dispose()


def test_sending_with_no_recipients_is_an_error(tmp_path: Path, smtp_server: SmtpServer) -> None:
    config, _settings, engine = office(tmp_path, smtp_server.port, recipients=[])
    result = invoke(config, "--send", "--date", DAY.isoformat())
    assert result.exit_code == 1, result.output
    assert "digest.recipients" in result.output and "--test-send" in result.output
    assert smtp_server.handler.received == []
    with session_scope(engine) as session:
        assert store.get_run(session, DAY) is None
    engine.dispose()


def test_a_previewed_day_is_sent_early_on_request(tmp_path: Path, smtp_server: SmtpServer) -> None:
    _config, settings, engine = office(tmp_path, smtp_server.port)
    early = send_time(settings, DAY) - timedelta(hours=2)
    previewed, _rendered = preview_digest(engine, settings, DAY, now=early)

    refused = run_digest(engine, settings, now=early, digest_date=DAY)
    outcome = run_digest(engine, settings, now=early, digest_date=DAY, early=True)

    assert refused.status == "skipped" and "--send --date 2026-11-20" in refused.describe(settings.tz, "en")
    assert outcome.status == "sent" and outcome.story_count == previewed.story_count == 6, outcome
    assert outcome.window_end == early  # the window ends now: the next digest starts here, nothing lost
    said = outcome.describe(settings.tz, "zh-Hant")
    assert "(Asia/Taipei)" in said and "UTC" not in said and "2026年11月20日 05:30" in said
    later = run_digest(engine, settings, now=send_time(settings, DAY) + timedelta(minutes=1))
    assert later.status == "already_done" and len(smtp_server.handler.received) == 1
    too_far = run_digest(engine, settings, now=early, digest_date=DAY + timedelta(days=3), early=True)
    assert too_far.status == "skipped" and "only the next digest (2026-11-20)" in too_far.detail
    engine.dispose()


def test_blind_copies_are_delivered_but_not_shown(tmp_path: Path, smtp_server: SmtpServer) -> None:
    _config, settings, engine = office(tmp_path, smtp_server.port, bcc=["archive@example.tw"])
    outcome = run_digest(engine, settings, now=send_time(settings, DAY) + timedelta(minutes=1))
    assert outcome.status == "sent", outcome
    [mail] = smtp_server.handler.received
    assert sorted(mail.recipients) == ["archive@example.tw", "office@example.tw"]
    assert "archive@example.tw" not in mail.data.decode("utf-8", "replace")
    engine.dispose()
