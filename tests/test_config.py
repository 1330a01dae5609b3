"""`newsmon check` accepts the shipped config and rejects bad ones with the file and key path."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from service.cli import main
from service.config import DEFAULT_CONFIG, load_settings, parse_settings
from service.errors import ConfigError


def write_config(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        node = data
        *parents, last = dotted.split("__")
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def run_check(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--config", str(path), "check"])
    return result.exit_code, result.output


def test_shipped_config_is_valid() -> None:
    settings = load_settings()
    assert len(settings.feeds) >= 20
    assert {feed.lang for feed in settings.feeds} >= {"zh-Hant", "en", "ja"}
    assert settings.timezone == "Asia/Taipei"


def test_check_prints_summary() -> None:
    result = CliRunner().invoke(main, ["--config", str(DEFAULT_CONFIG), "check"])
    assert result.exit_code == 0, result.output
    assert "設定正確" in result.output  # ui.language zh-Hant
    assert "來源：" in result.output


@pytest.mark.parametrize(
    ("changes", "key_path", "expectation"),
    [
        ({"fetch__max_bytez": 5}, "fetch.max_bytez", "unknown key"),
        ({"fetch__max_bytes": "lots"}, "fetch.max_bytes", "valid integer"),
        ({"feeds__2__url": "htp:/broken"}, "feeds[2].url", "URL"),
        ({"timezone": "Asia/Taipie"}, "timezone", "unknown time zone"),
        ({"feeds": []}, "feeds", "at least 1"),
        ({"digest__smtp__security": "tls"}, "digest.smtp.security", "'none', 'starttls' or 'ssl'"),
        ({"digest__time": "25:99"}, "digest.time", "time"),
    ],
)
def test_check_rejects_bad_config(
    tmp_path: Path, changes: dict[str, object], key_path: str, expectation: str
) -> None:
    path = write_config(tmp_path, **changes)
    code, output = run_check(path)
    assert code == 2, output
    assert str(path) in output
    assert f": {key_path}:" in output
    assert expectation in output


def test_missing_and_malformed_files_name_the_file(tmp_path: Path) -> None:
    code, output = run_check(tmp_path / "nope.yaml")
    assert code == 2 and "nope.yaml" in output and "cannot read" in output
    broken = tmp_path / "broken.yaml"
    broken.write_text("feeds: [\n  - {name: a\n", encoding="utf-8")
    code, output = run_check(broken)
    assert code == 2 and "broken.yaml" in output and "line" in output


def test_duplicate_feed_names_rejected() -> None:
    feed = {"name": "a", "url": "https://example.org/rss"}
    with pytest.raises(ConfigError, match=r"feeds: duplicate feed name 'a'"):
        parse_settings({"feeds": [feed, {**feed, "url": "https://example.org/other"}]}, "x.yaml")


def test_password_comes_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = parse_settings(
        {
            "database": {"url": "postgresql+psycopg://newsmon@db.example/newsmon"},
            "feeds": [{"name": "a", "url": "https://example.org/rss"}],
        },
        "x.yaml",
    )
    monkeypatch.setenv("NEWSMON_DB_PASSWORD", "s3cret")
    assert settings.database_url == "postgresql+psycopg://newsmon:s3cret@db.example/newsmon"


def test_relative_paths_follow_the_config_file(tmp_path: Path) -> None:
    settings = parse_settings(
        {"feeds": [{"name": "a", "url": "https://example.org/rss"}]}, str(tmp_path / "c.yaml")
    )
    assert settings.database_url == f"sqlite:///{tmp_path / 'newsmon-data' / 'newsmon.db'}"


def test_a_feeds_home_must_be_a_place_the_gazetteer_knows() -> None:
    feed = {"name": "a", "url": "https://example.org/rss", "home": "熊本縣"}
    assert parse_settings({"feeds": [feed]}, "x.yaml").feeds[0].home == "熊本縣"
    with pytest.raises(ConfigError, match=r"x\.yaml.*feeds.*home.*'Nowhere'"):
        parse_settings({"feeds": [{**feed, "home": "Nowhere"}]}, "x.yaml")
