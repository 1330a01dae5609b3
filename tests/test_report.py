"""``newsmon report``: a period's relevant stories as Markdown or CSV, from a real SQLite file."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from pathlib import Path

import yaml
from click.testing import CliRunner, Result
from helpers import digest_samples as samples

from service.cli import main
from service.config import load_settings
from service.storage.db import make_engine, migrate, session_scope

FIRST = date(2026, 5, 1)
LAST = date(2026, 10, 31)


def seeded_config(tmp_path: Path) -> Path:
    """A config whose database holds the digest's sample day in May, plus one story in October whose title
    a spreadsheet would run as a formula, and one in November (outside the period)."""
    config = tmp_path / "config.yaml"
    feeds = [{"name": "sample", "url": "https://news.example.tw/rss"}]
    config.write_text(yaml.safe_dump({"data_dir": str(tmp_path / "data"), "feeds": feeds}), encoding="utf-8")
    settings = load_settings(config)
    engine = make_engine(settings.database_url)
    migrate(engine)
    may = datetime.combine(date(2026, 5, 12), time(9), settings.tz)
    with session_scope(engine) as session:
        samples.insert_sample_day(session, may)
        for title, day, url in (
            ('=HYPERLINK("http://evil.example") 臺南市與日本松山市 締結友好', date(2026, 10, 31), "/oct"),
            ("新竹市與日本福岡 交流", date(2026, 11, 1), "/nov"),
        ):
            seen = datetime.combine(day, time(23, 30), settings.tz)
            item_id = samples.add_item(
                session, title=title, text="雙方簽署協定。", outlet="中央社", first_seen=seen,
                url=f"https://news.example.tw{url}",
            )  # fmt: skip
            samples.add_classification(
                session, item_id, city_diplomacy=0.9, partner="松山市", partner_country="日本"
            )
    engine.dispose()
    return config


def test_markdown_report_of_a_period(tmp_path: Path) -> None:
    config = seeded_config(tmp_path)
    out = tmp_path / "reports" / "international-affairs.md"
    result = report(config, "--from", str(FIRST), "--to", str(LAST), "--out", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    # In ui.language (zh-Hant by default), dates in local form.
    assert text.startswith("# 台日關係與城市外交新聞，2026年5月1日（週五） – 2026年10月31日（週六）")
    assert "7 則報導" in text  # the sample day's six and October's one; November is outside
    assert "## 城市外交 · " in text and "## 台日關係 · " in text
    # one entry per story, with the outlets that also reported it
    assert text.count("臺北市與仙台市線上交流") == 1 and "(其他報導：自由時報、聯合新聞網)" in text
    assert "\\<script\\>alert" in text  # markup in a title is shown, not interpreted
    assert "福岡" not in text
    assert "已寫入" in result.output and "7 則報導" in result.output


def report(config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--config", str(config), "report", *args])


def test_csv_report_defuses_formulas(tmp_path: Path) -> None:
    config = seeded_config(tmp_path)
    result = report(config, "--from", "2026-10-01", "--to", "2026-10-31", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 1
    (row,) = rows
    assert row["title"].startswith("'=HYPERLINK(")  # a spreadsheet shows it as text
    assert row["date"] == "2026-10-31" and row["topic"] == "city_diplomacy" and row["partner"] == "松山市"


def test_bad_periods_are_refused(tmp_path: Path) -> None:
    config = seeded_config(tmp_path)
    backwards = report(config, "--from", "2026-10-31", "--to", "2026-05-01")
    assert backwards.exit_code == 2 and "before --from" in backwards.output
    not_a_date = report(config, "--from", "1.5.2026", "--to", "2026-05-01")
    assert not_a_date.exit_code == 2 and "not a date" in not_a_date.output
    unknown = report(config, "--from", str(FIRST), "--to", str(LAST), "--out", "x.pdf")
    assert unknown.exit_code == 2 and "--format md, docx or csv" in unknown.output


def test_a_partners_stories_read_oldest_first(tmp_path: Path) -> None:
    config = seeded_config(tmp_path)
    settings = load_settings(config)
    engine = make_engine(settings.database_url)
    with session_scope(engine) as session:  # a second, later Sendai story: listed after the first
        later = datetime.combine(date(2026, 6, 2), time(9), settings.tz)
        item_id = samples.add_item(
            session, title="仙台市訪問團再訪臺北", text="雙方續談防災合作。", outlet="中央社",
            first_seen=later, url="https://news.example.tw/sendai-june",
        )  # fmt: skip
        samples.add_classification(
            session, item_id, city_diplomacy=0.9, partner="仙台市", partner_country="日本"
        )
    engine.dispose()
    text = report(config, "--from", str(FIRST), "--to", str(LAST)).output
    assert "### 仙台市 · 日本 · 2" in text and ") (" not in text  # no doubled parentheses
    assert text.index("臺北市與仙台市線上交流") < text.index("仙台市訪問團再訪臺北")


def test_a_url_cannot_inject_html_into_the_markdown(tmp_path: Path) -> None:
    config = seeded_config(tmp_path)
    settings = load_settings(config)
    engine = make_engine(settings.database_url)
    with session_scope(engine) as session:
        seen = datetime.combine(date(2026, 6, 2), time(9), settings.tz)
        for title, text, partner, url in (
            (
                "臺南市與松山市交流",
                "雙方簽署協定。",
                "松山市",
                'https://news.example.tw/x?a=<script>alert(1)</script>&b=1 "c"',
            ),
            ("新竹市長出席福岡論壇", "市長分享智慧城市經驗。", "福岡市", "javascript:alert(1)"),
        ):
            item_id = samples.add_item(
                session, title=title, text=text, outlet="中央社", first_seen=seen, url=url
            )
            samples.add_classification(session, item_id, city_diplomacy=0.9, partner=partner)
    engine.dispose()
    text = report(config, "--from", "2026-06-01", "--to", "2026-06-30").output
    assert "<script" not in text and "](<javascript:" not in text
    assert "](<https://news.example.tw/x?a=%3Cscript%3Ealert(1)%3C/script%3E&b=1%20%22c%22>)" in text
    assert "**新竹市長出席福岡論壇**" in text  # shown, without a link
