"""``newsmon dedup --in F.jsonl --out F.jsonl`` on items we wrote."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from service.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "dedup"


def fixture(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def write_items(path: Path, items: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")


def test_dedup_command_writes_cluster_and_relation(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_items(
        source,
        [
            {"id": "a", "url": "https://www.tainan.gov.tw/1", "text": fixture("press_release"),
             "published": "2026-01-12T10:00:00+08:00"},
            {"id": "b", "url": "https://news.ltn.com.tw/2", "title": "台南鳥取交流",
             "text": fixture("press_release_ltn"), "published": "2026-01-12T11:00:00"},
            {"id": 3, "url": "https://example.org/3", "text": fixture("other_story"), "published": None},
            {"id": "d", "url": "https://example.net/4", "text": fixture("press_release_lead")},
        ],
    )  # fmt: skip
    result = CliRunner().invoke(main, ["dedup", "--in", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["cluster"], r["relation"]) for r in rows] == [
        ("a", "a", "original"),
        ("b", "a", "duplicate"),
        (3, "3", "original"),
        ("d", "a", "duplicate"),
    ]
    assert rows[1]["title"] == "台南鳥取交流"  # input fields are kept
    assert "4 則 -> 2 則新聞" in result.output  # ui.language zh-Hant


def test_bad_line_names_file_line_and_key(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text('{"id": "a", "text": "台南市長"}\n{"id": "b", "text": 5}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["dedup", "--in", str(source), "--out", str(out)])
    assert result.exit_code == 1
    assert f"{source}:2: key 'text' must be a string" in result.output
    assert not out.exists()  # nothing written for an invalid file


def test_bad_date_and_repeated_id_are_named(tmp_path: Path) -> None:
    source, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text('{"id": "a", "text": "x", "published": "yesterday"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["dedup", "--in", str(source), "--out", str(out)])
    assert "in.jsonl:1: key 'published' is not an ISO 8601 date-time" in result.output
    source.write_text('{"id": "a", "text": "x"}\n\n{"id": "a", "text": "y"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["dedup", "--in", str(source), "--out", str(out)])
    assert "in.jsonl:3: key 'id' repeats an earlier line" in result.output
