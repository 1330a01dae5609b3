"""The 國際事務 chapter (``newsmon report --party``): from half a year of our own fixtures in a real
database (tests/helpers/chapter_fixtures.py) to Markdown, CSV and DOCX, and through LibreOffice to PDF."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from docx import Document
from helpers.chapter_fixtures import FIRST, LAST, PARTIES, Manifest, fill, fill_one_without_event
from helpers.office import docx_to_pdf, first_page_png, soffice
from sqlalchemy import Engine

from classifiers.events import Event, EventType, Partner, PartnerLevel, Person
from service.chapter.compose import (
    SECTIONS,
    chinese_number,
    compose_chapter,
    country_name,
    forum_name,
    joined,
)
from service.chapter.load import load_chapter
from service.chapter.markdown import to_markdown
from service.chapter.select import resolve_party
from service.chapter.table import to_csv
from service.chapter.types import Chapter, ReportEvent, Source
from service.chapter.word import to_docx
from service.cli import main
from service.config import Settings, load_settings
from service.dates import roc_date, roc_year
from service.storage import events as event_store
from service.storage.db import make_engine, migrate, session_scope

SECTION_OF = {kind: spec.key for spec in SECTIONS for kind in spec.types}


# --- the pure parts ---------------------------------------------------------------------------------------


def test_roc_dates() -> None:
    assert roc_date(date(2026, 9, 8)) == "115年9月8日"
    assert roc_date(date(2021, 12, 31)) == "110年12月31日"
    assert roc_date(date(1912, 1, 1)) == "1年1月1日"
    with pytest.raises(ValueError, match="before the ROC calendar"):
        roc_year(1911)


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 26, 99)] == [
        "一", "九", "十", "十一", "二十", "二十六", "九十九",
    ]  # fmt: skip


def test_every_event_type_has_exactly_one_section() -> None:
    for kind in EventType:
        assert sum(kind in spec.types for spec in SECTIONS) == 1, kind


def test_countries_are_named_in_chinese_from_the_gazetteer() -> None:
    names = [country_name(c) for c in ("Japan", "South Korea", "United States", "Czech Republic", "Taiwan")]
    assert names == ["日本", "韓國", "美國", "捷克", "臺灣"]


def test_parties_resolve_through_the_gazetteer() -> None:
    assert resolve_party("台南") == "臺南市"
    assert resolve_party("北市") == "臺北市"
    assert resolve_party("Kaohsiung") == "高雄市"
    assert resolve_party("高雄市") == "高雄市"
    assert resolve_party("national") == "national"


def _event(
    url: str, title: str = "高雄市長接待熊本縣知事", kind: EventType = EventType.HOSTED_VISIT
) -> ReportEvent:
    event = Event(
        taiwan_party=("高雄市",),
        partners=(Partner("熊本縣", "Kumamoto", "Japan", PartnerLevel.PREFECTURE),),
        event_type=kind,
        event_date="2026-09-08",
        people=(
            Person("森田浩二", "知事", "partner", "熊本縣"),
            Person("林志遠", "市長", "taiwan", "高雄市"),
        ),
        delegation_size=12,
    )
    source = Source(1, "中央社", date(2026, 9, 8), url, title)
    return ReportEvent(event, date(2026, 9, 8), (source,), (f"{title}\n雙方就觀光交流。",))


def _chapter(*events: ReportEvent) -> Chapter:
    return compose_chapter(list(events), "高雄市", FIRST, LAST)


def test_markdown_link_targets_cannot_inject_html() -> None:
    hostile = 'https://news.example.tw/a?q=<script>alert(1)</script> x"y'
    text = to_markdown(_chapter(_event(hostile, title="<img src=x onerror=alert(1)>")))
    assert "<script" not in text
    assert not re.search(r"(?<!\\)<(?!https?://)", text)  # every other "<" is escaped
    assert "<https://news.example.tw/a?q=%3Cscript%3Ealert(1)%3C/script%3E%20x%22y>" in text
    assert "\\<img src=x onerror=alert(1)\\>" in text  # shown as text
    not_web = to_markdown(_chapter(_event("javascript:alert(1)")))
    assert "<javascript:" not in not_web and "javascript:alert(1)" in not_web  # text, never a link


def test_an_entry_reads_like_the_chapter() -> None:
    chapter = _chapter(_event("https://news.example.tw/1"))
    (entry,) = chapter.entries
    assert entry.heading == "日本熊本縣知事森田浩二率團來訪"
    assert entry.paragraph.startswith(
        "115年9月8日，日本熊本縣知事森田浩二率團一行12人來訪，由市長林志遠接待。"
    )
    assert "觀光" in entry.paragraph
    visits = chapter.sections[0]
    assert visits.title == "一、外賓來訪" and visits.summary == "本期計1案、12人到訪。"
    assert visits.listing == ("日本熊本縣知事森田浩二（115年9月8日）",)


def test_simplified_names_become_traditional_and_principals_are_few() -> None:
    item = _event("https://news.example.tw/3")
    crowd = tuple(Person(f"議員{n}", "市议员", "taiwan", "台湾高雄市议会") for n in range(5))
    event = replace(item.event, people=item.event.people + crowd)
    (entry,) = _chapter(replace(item, event=event)).entries
    assert "市議員" in entry.paragraph and "议" not in entry.paragraph
    assert "議員1" in entry.paragraph and "議員2" not in entry.paragraph  # the mayor and two councillors


def test_latin_titles_and_names_keep_a_space_and_forums_need_a_verb() -> None:
    assert (
        joined("Governor", "Takuya Tasso") == "Governor Takuya Tasso"
        and joined("知事", "木村敬") == "知事木村敬"
    )
    assert forum_name(["副市長率團出席亞太城市高峰會，分享經驗。"]) == "「亞太城市高峰會」"
    assert (
        forum_name(["各國向來支持臺灣參加世界衛生大會的立場不變"]) is None
    )  # a sentence, not a forum's name


def test_csv_cells_are_formula_safe() -> None:
    other = _event(
        "https://news.example.tw/2", title='=HYPERLINK("http://evil.example")', kind=EventType.OTHER
    )
    rows = list(csv.DictReader(io.StringIO(to_csv(_chapter(other)))))
    assert rows[0]["heading"].startswith("'=HYPERLINK(")
    assert rows[0]["date_roc"] == "115年9月8日" and rows[0]["section"] == "六、其他國際事務"


# --- half a year in a real database -----------------------------------------------------------------------


def _config(folder: Path, database_url: str | None = None) -> Path:
    config = folder / "config.yaml"
    data: dict[str, object] = {
        "data_dir": str(folder / "data"),
        "feeds": [{"name": "sample", "url": "https://news.example.tw/rss"}],
    }
    if database_url is not None:
        data["database"] = {"url": database_url}
    config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Settings, Engine, Manifest]]:
    """One SQLite file with the half year, shared by the tests below (they only read it)."""
    folder = tmp_path_factory.mktemp("chapter")
    config = _config(folder)
    settings = load_settings(config)
    engine = make_engine(settings.database_url)
    migrate(engine)
    with session_scope(engine) as session:
        manifest = fill(session)
    yield config, settings, engine, manifest
    engine.dispose()


def _check_chapter(chapter: Chapter, manifest: Manifest, party: str) -> None:
    expected = {frozenset(event.item_ids): event for event in manifest.of(party)}
    entries = {frozenset(entry.event.item_ids): entry for entry in chapter.entries}
    # exactly that party's events, one entry per event, with all its sources
    assert set(entries) == set(expected)
    assert len(chapter.entries) == len(expected)
    for ids, entry in entries.items():
        want = expected[ids]
        section = next(s for s in chapter.sections if entry in s.entries)
        assert section.key == SECTION_OF[want.event_type], want.key  # the right section
        assert entry.event.day == want.day, want.key
        assert entry.paragraph.startswith(roc_date(want.day) + "，"), want.key  # ROC date first
        assert sorted(note.source.item_id for note in entry.notes) == sorted(want.item_ids)
    excluded = set(manifest.excluded_item_ids)
    assert not excluded & {item_id for ids in entries for item_id in ids}
    # totals that match the events
    hosted = [e for e in manifest.of(party) if e.event_type is EventType.HOSTED_VISIT]
    sizes = [e.delegation_size for e in hosted if e.delegation_size is not None]
    totals = chapter.totals
    assert (totals.visits_hosted, totals.visitors) == (len(hosted), sum(sizes))
    assert totals.visits_size_unknown == len(hosted) - len(sizes)
    assert totals.events == len(expected)
    assert totals.sources == sum(len(e.item_ids) for e in expected.values())
    visits = chapter.sections[0]
    assert visits.summary.startswith(f"本期計{len(hosted)}案、{sum(sizes)}人到訪")
    assert [line.split("（")[0] for line in visits.listing] == [
        e.visitor for e in sorted(hosted, key=lambda e: e.day)
    ]
    numbers = [note.number for entry in chapter.entries for note in entry.notes]
    assert numbers == list(range(1, len(numbers) + 1))  # footnotes numbered through the chapter


@pytest.mark.parametrize("party", PARTIES)
def test_each_partys_chapter_holds_exactly_its_events(
    filled: tuple[Path, Settings, Engine, Manifest], party: str
) -> None:
    _config_path, settings, engine, manifest = filled
    chapter = load_chapter(engine, settings, party, FIRST, LAST)
    assert chapter.party == party and chapter.heading == "貳拾陸、國際事務"
    assert chapter.period == "115年7月1日至115年12月31日"
    _check_chapter(chapter, manifest, party)


def test_reviewers_corrections_win(filled: tuple[Path, Settings, Engine, Manifest]) -> None:
    _config_path, settings, engine, manifest = filled
    kaohsiung = load_chapter(engine, settings, "高雄", FIRST, LAST)
    corrected = {e.key: e for e in manifest.of("高雄市")}
    by_ids = {frozenset(entry.event.item_ids): entry for entry in kaohsiung.entries}
    party_fixed = by_ids[frozenset(corrected["高雄市-party-corrected"].item_ids)]
    assert party_fixed.event_type is EventType.HOSTED_VISIT
    type_fixed = by_ids[frozenset(corrected["高雄市-type-corrected"].item_ids)]
    assert type_fixed.event_type is EventType.DONATION
    tainan = load_chapter(engine, settings, "臺南市", FIRST, LAST)
    tainan_ids = {item_id for entry in tainan.entries for item_id in entry.event.item_ids}
    assert not set(corrected["高雄市-party-corrected"].item_ids) & tainan_ids


def test_a_shorter_period_keeps_only_its_events(filled: tuple[Path, Settings, Engine, Manifest]) -> None:
    _config_path, settings, engine, manifest = filled
    chapter = load_chapter(
        engine, settings, "高雄市", date(2026, 9, 1), date(2026, 9, 30), heading="參、國際事務"
    )
    want = {frozenset(e.item_ids) for e in manifest.of("高雄市") if e.day.month == 9}
    assert {frozenset(entry.event.item_ids) for entry in chapter.entries} == want
    assert chapter.heading == "參、國際事務" and chapter.period == "115年9月1日至115年9月30日"


def test_the_chapter_on_both_backends(engine: Engine, tmp_path: Path) -> None:
    with session_scope(engine) as session:
        manifest = fill(session)
    settings = load_settings(_config(tmp_path))
    _check_chapter(load_chapter(engine, settings, "臺南", FIRST, LAST), manifest, "臺南市")


def test_a_reviewers_partner_correction_names_the_entry(sqlite_engine: Engine, tmp_path: Path) -> None:
    with session_scope(sqlite_engine) as session:
        manifest = fill(session)
        first = manifest.of("臺北市")[0]  # a hosted visit from 橫濱市
        fukuoka = Partner("福岡市", "Fukuoka", "Japan", PartnerLevel.CITY)
        for item_id in first.item_ids:
            event_store.record_event_correction(session, item_id, "reviewer", partners=[fukuoka])
    chapter = load_chapter(sqlite_engine, load_settings(_config(tmp_path)), "臺北市", FIRST, LAST)
    (entry,) = [e for e in chapter.entries if set(e.event.item_ids) == set(first.item_ids)]
    assert [p.name for p in entry.event.event.partners] == ["福岡市"]
    rows = [row for row in csv.DictReader(io.StringIO(to_csv(chapter))) if row["heading"] == entry.heading]
    assert [row["partners"] for row in rows] == ["日本福岡市"]  # people stay the model's (the event rule)


def test_a_story_without_a_stored_event_is_not_lost(sqlite_engine: Engine, tmp_path: Path) -> None:
    with session_scope(sqlite_engine) as session:
        manifest = fill(session)
        lost = fill_one_without_event(session)
    settings = load_settings(_config(tmp_path))
    chapter = load_chapter(sqlite_engine, settings, "高雄市", FIRST, LAST)
    found = [entry for entry in chapter.entries if lost in entry.event.item_ids]
    assert len(found) == 1 and found[0].paragraph.startswith("115年8月")
    assert len(chapter.entries) == len(manifest.of("高雄市")) + 1


# --- the command and the formats ------------------------------------------------------------------------


def report(config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--config", str(config), "report", *args])


def test_markdown_and_csv_from_the_command(
    filled: tuple[Path, Settings, Engine, Manifest], tmp_path: Path
) -> None:
    config, _settings, _engine, manifest = filled
    period = ("--from", str(FIRST), "--to", str(LAST))
    result = report(config, "--party", "高雄市", *period)
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("# 貳拾陸、國際事務\n")
    titles = re.findall(r"^## (.+)$", text, re.M)
    assert titles == [f"{chinese_number(n)}、{spec.title}" for n, spec in enumerate(SECTIONS, start=1)]
    assert titles[:3] == ["一、外賓來訪", "二、姊妹市及友好城市交流", "三、協定簽署及洽談"]
    assert text.count("【本處補充】") == len(titles)
    assert len(re.findall(r"^### （[一二三四五六七八九十]+）", text, re.M)) == len(manifest.of("高雄市"))
    assert len(re.findall(r"^\[\^\d+\]: ", text, re.M)) == sum(len(e.item_ids) for e in manifest.of("高雄市"))
    assert "2026-" not in text.replace("/2026", "")  # ROC dates everywhere (URLs aside)
    out = tmp_path / "chapter.csv"
    result = report(config, "--party", "高雄", *period, "--out", str(out))
    assert result.exit_code == 0 and "已寫入" in result.output, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == len(manifest.of("高雄市"))
    assert all(row["date_roc"].startswith("115年") for row in rows)


def test_the_readme_excerpt_is_what_the_fixtures_give(
    filled: tuple[Path, Settings, Engine, Manifest],
) -> None:
    _config_path, settings, engine, _manifest = filled
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### The 國際事務 chapter") :]
    excerpt = section[section.index("```markdown\n") + 12 : section.index("\n```\n")]
    generated = to_markdown(load_chapter(engine, settings, "高雄市", FIRST, LAST)).splitlines()
    for line in excerpt.splitlines():
        assert line == "..." or line in generated, line


def test_refusals(filled: tuple[Path, Settings, Engine, Manifest]) -> None:
    config = filled[0]
    period = ("--from", str(FIRST), "--to", str(LAST))
    no_party = report(config, *period, "--format", "docx")
    assert no_party.exit_code == 2 and "--party" in no_party.output
    no_file = report(config, "--party", "高雄市", *period, "--format", "docx")
    assert no_file.exit_code == 2 and "--out" in no_file.output


def test_docx_opens_and_has_real_footnotes(
    filled: tuple[Path, Settings, Engine, Manifest], tmp_path: Path
) -> None:
    config, _settings, _engine, manifest = filled
    out = tmp_path / "國際事務.docx"
    result = report(config, "--party", "高雄市", "--from", str(FIRST), "--to", str(LAST), "--out", str(out))
    assert result.exit_code == 0, result.output
    document = Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "貳拾陸、國際事務" and document.paragraphs[0].style.name == "Heading 1"
    assert "一、外賓來訪" in texts and any(t.startswith("（一）") for t in texts)
    assert sum("【本處補充】" in t for t in texts) == len(SECTIONS)
    sources = sum(len(e.item_ids) for e in manifest.of("高雄市"))
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode("utf-8")
        notes = package.read("word/footnotes.xml").decode("utf-8")
        types = package.read("[Content_Types].xml").decode("utf-8")
    assert body.count("<w:footnoteReference ") == sources
    assert len(re.findall(r'<w:footnote w:id="[1-9]\d*"', notes)) == sources
    assert "footnotes+xml" in types and "news.example.tw" in notes
    assert 'w:eastAsia="標楷體"' in package_styles(out)


def test_docx_survives_hostile_text(tmp_path: Path) -> None:
    hostile = _event("https://news.example.tw/a?x=1&y=<2>", title="標題\x01<w:t>&amp;\x0b]]>")
    path = tmp_path / "hostile.docx"
    path.write_bytes(to_docx(_chapter(hostile)))
    document = Document(str(path))  # opens
    assert document.paragraphs[0].text == "貳拾陸、國際事務"
    with zipfile.ZipFile(path) as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
    assert "&lt;w:t&gt;&amp;amp;]]&gt;" in notes and "\x01" not in notes
    assert "https://news.example.tw/a?x=1&amp;y=&lt;2&gt;" in notes


def package_styles(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/styles.xml").decode("utf-8")


@pytest.mark.slow
def test_docx_converts_to_pdf_with_libreoffice(tmp_path: Path) -> None:
    if soffice() is None:
        pytest.skip(
            "LibreOffice is not installed (scripts/install-system-deps installs libreoffice-writer-nogui)"
        )
    docx = tmp_path / "chapter.docx"
    docx.write_bytes(to_docx(_chapter(_event("https://news.example.tw/1"))))
    pdf = docx_to_pdf(docx, tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    try:
        png = first_page_png(pdf, tmp_path / "page.png")
    except FileNotFoundError:
        return  # poppler absent: the PDF alone is the check
    assert png.read_bytes().startswith(b"\x89PNG")
