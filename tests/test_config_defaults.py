"""One source for the configuration's defaults: the pydantic fields in service/config.py. The shipped
config.yaml (inside the package, the repository's config.yaml links to it) and README's table repeat them
for people; these tests fail when either drifts from the code, misses a key or leaves one unexplained.
Also: the orderings the code checks, paths under data_dir, and `newsmon init`."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel

from service.cli import main
from service.config import DEFAULT_CONFIG, Settings, load_settings, parse_settings
from service.errors import ConfigError

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
SHIPPED = DEFAULT_CONFIG.read_text(encoding="utf-8")
FEED = {"name": "one", "url": "https://news.example.tw/rss"}


def defaults(model: type[BaseModel] = Settings, prefix: str = "") -> dict[str, Any]:
    """Dotted key -> the code's default, for every setting (list-valued sections such as ``feeds`` and
    ``alerts.rules`` count as one key; their items have no defaults to repeat)."""
    found: dict[str, Any] = {}
    instance = model.model_validate({"feeds": [FEED]}) if model is Settings else model()
    for name, field in model.model_fields.items():
        if field.exclude or name == "feeds":
            continue
        key = f"{prefix}{field.alias or name}"
        value = getattr(instance, name)
        if isinstance(value, BaseModel):
            found.update(defaults(type(value), key + "."))
        elif name == "thresholds":
            found.update({f"{key}.{topic}": threshold for topic, threshold in value.items()})
        else:
            found[key] = value
    return found


def flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict) and value and key != "users":
            found.update(flatten(value, f"{prefix}{key}."))
        else:
            found[f"{prefix}{key}"] = value
    return found


def same(code: Any, written: Any) -> bool:
    """The code's default and the file's (or README's) spelling of it, compared as values."""
    if isinstance(code, time):
        return isinstance(written, str) and written in (f"{code:%H:%M}", f"{code:%H:%M:%S}")
    if isinstance(code, bool) or code is None:
        return code is written or written == str(code).lower()
    if isinstance(code, int | float):
        try:
            return float(written) == float(code)
        except (TypeError, ValueError):
            return False
    return bool(code == written)


CODE = defaults()


def test_the_shipped_file_lists_every_key_with_the_code_s_default() -> None:
    shipped = flatten({k: v for k, v in yaml.safe_load(SHIPPED).items() if k != "feeds"})
    shipped["digest.time"] = re.search(r'^  time: "(.*)"', SHIPPED, re.M).group(1)  # type: ignore[union-attr]
    shipped["daemon.maintenance_time"] = re.search(r'maintenance_time: "(.*)"', SHIPPED).group(1)  # type: ignore[union-attr]
    missing = sorted(set(CODE) - set(shipped))
    assert not missing, f"{DEFAULT_CONFIG} lacks these keys (add each with a comment): {missing}"
    unknown = sorted(set(shipped) - set(CODE))
    assert not unknown, f"{DEFAULT_CONFIG} has keys the code does not know: {unknown}"
    drifted = {key: (CODE[key], shipped[key]) for key in CODE if not same(CODE[key], shipped[key])}
    assert not drifted, f"code default vs {DEFAULT_CONFIG.name}: {drifted}"


def test_every_key_in_the_shipped_file_is_explained() -> None:
    """A key line has a comment above it, or follows a commented sibling (a pair such as min/max)."""
    unexplained = []
    previous = ""
    explained = False
    for line in SHIPPED.split("\nfeeds:", 1)[0].splitlines():
        stripped = line.strip()
        if stripped.startswith("#"):
            explained = True
        elif re.match(r"^\s*[a-z_]+:", line):
            indent = len(line) - len(line.lstrip())
            sibling = re.match(r"^\s*[a-z_]+:", previous) and len(previous) - len(previous.lstrip()) == indent
            header = line.rstrip().endswith(":")  # a section, or a mapping whose comment covers its keys
            if not (explained or sibling or header):
                unexplained.append(stripped)
            explained = explained and header
        elif not stripped:
            explained = False
        previous = line if stripped and not stripped.startswith("#") else previous if stripped else ""
    assert not unexplained, f"keys without a comment in {DEFAULT_CONFIG.name}: {unexplained}"


def readme_table() -> dict[str, str]:
    rows = re.findall(r"^\| `([a-z_.\[\]]+)` \| `?([^|`]*)`? \|", README, re.M)
    return {key: value for key, value in rows if not key.startswith("feeds")}


def test_the_readme_table_has_every_key_with_the_code_s_default() -> None:
    table = readme_table()
    missing = sorted(key for key in CODE if key not in table)
    assert not missing, f"README.md's configuration table lacks: {missing}"
    drifted = {
        key: (CODE[key], table[key])
        for key in CODE
        if not same(CODE[key], table[key])
        and not same(CODE[key], yaml.safe_load(table[key]) if table[key] not in ("07:30", "03:30") else "")
    }
    assert not drifted, f"code default vs README.md table: {drifted}"


@pytest.mark.parametrize(
    ("section", "values", "message"),
    [
        ("polling", {"min_interval_minutes": 600, "max_interval_minutes": 5}, "intervals must be ordered"),
        ("polling", {"default_interval_minutes": 1, "min_interval_minutes": 5}, "intervals must be ordered"),
        ("fetch", {"connect_timeout_seconds": 90}, "connect_timeout_seconds (90) is longer than total"),
        ("fetch", {"read_timeout_seconds": 61}, "read_timeout_seconds (61) is longer than total"),
    ],
)
def test_orderings_are_checked(section: str, values: dict[str, float], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(f"my.yaml: {section}: ") + ".*" + re.escape(message)):
        parse_settings({section: values, "feeds": [FEED]}, "my.yaml")


def test_trained_models_live_under_data_dir_unless_set(tmp_path: Path) -> None:
    """With the README's advice (data_dir: /var/lib/newsmon, the config in /etc/newsmon) models must land in
    the data folder, which is writable under ProtectSystem=strict and inside a Docker volume."""
    config = tmp_path / "etc" / "config.yaml"
    settings = parse_settings({"data_dir": str(tmp_path / "var"), "feeds": [FEED]}, str(config))
    assert settings.model_path == tmp_path / "var" / "models"
    explicit = parse_settings({"classify": {"model_dir": "/srv/models"}, "feeds": [FEED]}, str(config))
    assert explicit.model_path == Path("/srv/models")
    relative = parse_settings({"data_dir": "state", "feeds": [FEED]}, str(config))
    assert relative.model_path == tmp_path / "etc" / "state" / "models"


def test_the_shipped_defaults_put_data_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    settings = load_settings()
    assert settings.source == str(DEFAULT_CONFIG) and DEFAULT_CONFIG.parent.name == "service"
    assert settings.data_path == tmp_path / "newsmon-data"  # not inside the installed package
    assert (REPO / "config.yaml").resolve() == DEFAULT_CONFIG  # the repository's file is the shipped one


def test_init_writes_a_commented_starter_that_checks(tmp_path: Path) -> None:
    folder = tmp_path / "newsmon"
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    written = folder / "config.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# newsmon configuration, written by `newsmon init`")
    assert text.split("\n\n", 1)[1] == SHIPPED.split("\n\n", 1)[1]  # every key and its comment
    checked = CliRunner().invoke(main, ["--config", str(written), "check"])
    assert checked.exit_code == 0 and "設定正確" in checked.output
    assert str(folder / "newsmon-data" / "newsmon.db") in checked.output
    again = CliRunner().invoke(main, ["init", str(folder)])
    assert again.exit_code == 2 and "already exists (newsmon init --force replaces it)" in again.output
    assert CliRunner().invoke(main, ["init", "--force", str(folder)]).exit_code == 0
