"""Traditional Chinese first: every string of the translated templates and of the marked Python code has a
translation in every catalogue (extracted with Babel's extractors, as a translator's tool would), the
catalogues agree with their placeholders, and dates take the office's local form."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from html import unescape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.extract import extract_from_dir
from helpers.asgi_client import TestClient
from helpers.review_seed import NOW, seed_samples
from sqlalchemy import Engine

from classifiers.events.types import EventType, PartnerLevel
from service.config import load_settings, with_overrides
from service.i18n import (
    CATALOGUE_LANGUAGES,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    PARTNER_LEVEL_NAMES,
    STORED_TERMS,
    country_name,
    local_date,
    local_datetime,
    read_catalogue,
    relative_time,
    translations,
)
from service.labels import EVENT_TYPE_NAMES, LABELS, TOPIC_TAGS
from service.states import DigestStatus, FeedHealthStatus, ItemOutcome, ItemRun, ItemStatus, TextSource
from service.storage import labels as label_store
from service.storage.alerts import AlertStatus
from service.storage.db import session_scope
from service.storage.schema import ItemVersion
from service.web.alerts_pages import STATUS_NAMES
from service.web.app import create_app

REPO = Path(__file__).resolve().parents[1]
# Where translated strings live: templates (Jinja2's i18n extension) and Python (_ / ngettext / N_): the
# digest, every review UI template and handler, every CLI command, the name tables of service/i18n.py, the
# retraining verdicts of service/classify.py. A _() added there without a translation in each catalogue fails
# here.
SOURCES = ("service/digest", "service/cli", "service/web", "service/i18n.py", "service/classify.py")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def extracted() -> dict[str | tuple[str, ...], list[str]]:
    found: dict[str | tuple[str, ...], list[str]] = {}
    method_map = [
        ("**.j2", "jinja2.ext:babel_extract"),
        ("**.html", "jinja2.ext:babel_extract"),
        ("**.py", "python"),
    ]
    jinja = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}
    options = {"**.j2": jinja, "**.html": jinja}
    for source in SOURCES:
        path = REPO / source
        folder, single = (path, None) if path.is_dir() else (path.parent, path.name)
        for filename, line, message, _comments, _context in extract_from_dir(
            folder, method_map, options, keywords=KEYWORDS
        ):
            if single is not None and filename != single:
                continue
            found.setdefault(message, []).append(f"{source}/{filename}:{line}" if single is None else source)
    for name in [*TOPIC_TAGS.values(), *EVENT_TYPE_NAMES.values(), *DigestStatus]:
        found.setdefault(name, []).append("service/labels.py")
    return found


def test_the_extractor_sees_the_digest() -> None:
    messages = extracted()
    assert "Also reported by: %(outlets)s" in messages and ("%(num)d story", "%(num)d stories") in messages
    assert "Back to the queue" in messages and "Keyboard shortcuts" in messages
    assert len(messages) > 60


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_every_string_has_a_translation(language: str) -> None:
    catalogue = read_catalogue(language)
    missing = []
    for message, where in extracted().items():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalogue.get(key)
        strings = (
            () if entry is None else (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        )
        if entry is None or not all(strings) or entry.fuzzy:
            missing.append(f"{message!r} ({where[0]})")
    assert not missing, f"{language}: no translation in service/locale for: " + "; ".join(missing)


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_catalogues_agree_with_their_placeholders(language: str) -> None:
    catalogue = read_catalogue(language)
    problems = [f"{message.id!r}: {errors}" for message, errors in catalogue.check()]
    assert not problems, problems


def test_event_types_and_topics_have_one_name_table() -> None:
    assert set(EVENT_TYPE_NAMES) == {kind.value for kind in EventType}
    assert translations("zh-Hant").gettext(TOPIC_TAGS["city_diplomacy"]) == "城市外交"
    assert translations("zh-Hant").gettext(EVENT_TYPE_NAMES["hosted_visit"]) == "外賓來訪"
    assert translations("ja").gettext(TOPIC_TAGS["taiwan_japan"]) == "日台関係"
    assert translations("en").gettext("Hosted visit") == "Hosted visit"


def test_traditional_chinese_is_the_default() -> None:
    assert DEFAULT_LANGUAGE == "zh-Hant" == LANGUAGES[0]
    assert load_settings().ui.language == "zh-Hant"


def test_dates_in_local_form() -> None:
    day = date(2026, 12, 3)
    assert local_date(day, "zh-Hant") == "2026年12月3日（週四）"
    assert local_date(day, "zh-Hant", roc=True) == "115年12月3日（週四）"
    assert local_date(day, "ja") == "2026年12月3日（木）"
    assert local_date(day, "en") == "Thu 3 Dec 2026"
    moment = datetime.fromisoformat("2026-12-02T23:30:00+00:00")
    assert local_datetime(moment, "zh-Hant", ZoneInfo("Asia/Taipei")) == "2026年12月3日 07:30"


def test_countries_in_the_interface_language() -> None:
    assert country_name("Japan", "zh-Hant") == "日本" and country_name("United States", "zh-Hant") == "美國"
    assert country_name("Japan", "en") == "Japan" and country_name("日本", "ja") == "日本"
    assert country_name("Atlantis", "zh-Hant") == "Atlantis"


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("zh-Hant", ("待審閱", "鍵盤快捷鍵", "回到待審閱清單", "過去的寄送")),
        ("en", ("Queue", "Close", "Past runs")),
    ],
)
def test_the_review_ui_speaks_the_configured_language(
    sqlite_engine: Engine, language: str, said: tuple[str, ...]
) -> None:
    settings = with_overrides(load_settings(), ui={"language": language})
    with TestClient(create_app(settings, sqlite_engine), follow_redirects=False) as client:
        page = "".join(client.get(path).text for path in ("/queue", "/items/999999", "/digests"))
    assert f'<html lang="{language}">' in page
    for text in said:
        assert text in page, text


# --- the review UI: every template, every page, in every language ------------------------------------

TEMPLATES = sorted((REPO / "service/web/templates").glob("*.html"))
# Text a template may show as it is: the product's name, key names, symbols, example values of a field.
AS_IS = {
    "newsmon",
    "j / k",
    "y",
    "n",
    "x",
    "o / Enter",
    "u",
    "/",
    "?",
    "JSONL",
    "高雄市",
    "臺南市",
    "熊本縣、Japan",
}
SHOWN_ATTRIBUTES = ("title", "placeholder", "aria-label", "data-busy", "alt")


def bare_text(template: str) -> list[str]:
    """Words a template shows that no _() carries: the text between tags and the shown attributes, once
    Jinja2's statements, expressions and comments are taken out."""
    source = re.sub(r"{% block body_class %}.*?{% endblock %}", " ", template)  # a CSS class
    # the chapter report is a document in Chinese whatever the interface language (service/chapter)
    source = re.sub(r'<(\w+)[^>]*\blang="zh-Hant"[^>]*>.*?</\1>', " ", source, flags=re.S)
    source = re.sub(r"{#.*?#}|{%.*?%}|{{.*?}}", " ", source, flags=re.S)
    found = [value for _name, value in re.findall(rf'({"|".join(SHOWN_ATTRIBUTES)})="([^"]*)"', source)]
    source = re.sub(r"<(script|style|code)\b.*?</\1>", " ", source, flags=re.S)  # commands stay as typed
    found += re.split(r"<[^>]*>", source)
    words = (unescape(text).strip(" \n·–—|:;,.()（）←→↗✓✗↳↔+-%") for text in found)
    return [
        word for word in words if re.search(r"[A-Za-z\u3040-\u30ff\u4e00-\u9fff]", word) and word not in AS_IS
    ]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_no_template_shows_text_outside_the_catalogues(template: Path) -> None:
    assert not bare_text(template.read_text(encoding="utf-8")), (
        f"{template.relative_to(REPO)}: text without _(): {bare_text(template.read_text(encoding='utf-8'))}"
    )


def test_the_bare_text_check_finds_bare_text() -> None:
    assert bare_text('<p title="Close it">{{ _("Fine") }} Queue</p>') == ["Close it", "Queue"]
    assert bare_text('<a href="/x">{{ _("Fine") }}</a> <kbd>?</kbd> newsmon') == []


def test_every_stored_word_the_ui_shows_has_a_name() -> None:
    assert set(PARTNER_LEVEL_NAMES) == set(PartnerLevel)
    assert {*ItemStatus, *ItemRun, *ItemOutcome, *TextSource, *FeedHealthStatus} <= set(STORED_TERMS)
    assert set(STATUS_NAMES) == set(AlertStatus)
    assert {*TOPIC_TAGS, "relevant"} == set(LABELS)


PAGES = ("/queue", "/items/{item}", "/search?q=熊本", "/feeds", "/extraction", "/digests", "/model",
         "/report", "/report?party=高雄市", "/alerts", "/login", "/items/999999")  # fmt: skip
SAID = {
    "zh-Hant": ("待審閱清單", "判定", "搜尋", "新聞來源", "檢查擷取", "過去的寄送", "重新訓練",
                "國際事務章節草稿", "提醒", "登入", "回到待審閱清單"),
    "ja": ("レビュー待ち一覧", "判定", "検索", "フィード", "抽出の確認", "再学習", "アラート", "ログイン"),
    "en": ("Review queue", "Decision", "Search", "Log in", "Feeds", "Check extraction", "Retrain", "Alerts"),
}  # fmt: skip


def english_sentences() -> set[str]:
    """The catalogues' longer English msgids (several words): none may show on a translated page."""
    messages = [message[0] if isinstance(message, tuple) else message for message in extracted()]
    return {
        text for message in messages for text in re.split(r"%\(\w+\)\w", message) if len(text.split()) >= 3
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_speaks_the_configured_language(sqlite_engine: Engine, language: str) -> None:
    item = seed_samples(sqlite_engine)[0]
    settings = with_overrides(load_settings(), ui={"language": language})
    with TestClient(create_app(settings, sqlite_engine), follow_redirects=False) as client:
        pages = {path: client.get(path.format(item=item)) for path in PAGES}
    assert [path for path, page in pages.items() if page.status_code not in (200, 404)] == []
    assert [path for path, page in pages.items() if f'<html lang="{language}">' not in page.text] == []
    text = "".join(unescape(page.text) for page in pages.values())
    assert [said for said in SAID[language] if said not in text] == []
    if language != "en":
        assert sorted(sentence for sentence in english_sentences() if sentence in text) == []


def test_relative_times_in_the_language() -> None:
    moment = datetime(2026, 12, 3, 7, 30, tzinfo=UTC)
    assert relative_time(moment - timedelta(minutes=5), "zh-Hant", moment) == "5 分鐘前"
    assert relative_time(moment + timedelta(hours=3), "ja", moment) == "3 時間後"
    assert relative_time(moment - timedelta(days=2), "en", moment) == "2 d ago"
    assert relative_time(None, "zh-Hant", moment) == "–"


def test_a_partial_event_date_is_shown_as_stored() -> None:
    assert local_date("2026-11", "zh-Hant") == "2026-11"
    assert local_date("2026-11-20", "zh-Hant") == "2026年11月20日（週五）"


def test_the_script_shows_no_text_of_its_own() -> None:
    """review.js takes what it says from the page (data attributes written through _()), never a literal."""
    script = (REPO / "service/web/static/review.js").read_text(encoding="utf-8")
    literal = r"""(?:alert|confirm|prompt)\(\s*["'`]|textContent\s*=\s*["'`][^"'`]*[A-Za-z]"""
    shown = re.findall(literal, script)
    assert shown == []


def test_the_api_answers_in_english_and_the_page_in_the_language(sqlite_engine: Engine) -> None:
    with TestClient(create_app(load_settings(), sqlite_engine), follow_redirects=False) as client:
        page = client.get("/alerts", params={"status": "lost"})
        api = client.get("/api/alerts", params={"status": "lost"})
    assert page.status_code == api.status_code == 400
    assert "不在 pending, sending, sent, failed, interrupted 之中" in unescape(page.text)
    assert api.json() == {"error": "status: 'lost' is not one of pending, sending, sent, failed, interrupted"}


def test_an_items_history_is_worded_in_the_language_and_the_api_keeps_english(sqlite_engine: Engine) -> None:
    """History is stored as data (service.storage.review.Event) and worded on the page; the API's ``text``
    stays the plain English it always was."""
    item = seed_samples(sqlite_engine)[0]
    with session_scope(sqlite_engine) as session:
        replaced_at = NOW + timedelta(hours=1)
        session.add(ItemVersion(item_id=item, title="舊標題", text="舊內文", recorded_at=replaced_at))
        label_store.record_label(session, item, "taiwan_japan", True, "alice")
    pages: dict[str, str] = {}
    for language in LANGUAGES:
        settings = with_overrides(load_settings(), ui={"language": language})
        with TestClient(create_app(settings, sqlite_engine), follow_redirects=False) as client:
            pages[language] = unescape(client.get(f"/items/{item}").text)
            api = client.get(f"/api/items/{item}").json()
    history = pages["zh-Hant"].split('<ol class="history">')[1].split("</ol>")[0]
    assert "首次出現（" in history and "保留較早的版本：舊標題" in history
    assert re.search(r"模型 [^：<]+：(台日關係|城市外交)[^（<]*（0\.\d\d）", history)
    assert "alice：台日關係 = 是" in history
    assert not re.search(r"first seen|earlier text|model |= yes|Taiwan–Japan", history)
    assert "初めて確認（" in pages["ja"] and "alice：日台関係 = はい" in pages["ja"]
    assert "earlier text kept: 舊標題" in pages["en"] and "alice: Taiwan–Japan = yes" in pages["en"]
    texts = [event["text"] for event in api["history"]]
    assert texts[0].startswith("first seen (") and "earlier text kept: 舊標題" in texts
    assert "alice: taiwan_japan = yes" in texts
    assert any(re.fullmatch(r"model \S+: [a-z_, ]+ \(0\.\d\d\)", text) for text in texts)
