"""Traditional Chinese first: every string of the translated templates and of the marked Python code has a
translation in every catalogue (extracted with Babel's extractors, as a translator's tool would), the
catalogues agree with their placeholders, and dates take the office's local form."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.extract import extract_from_dir
from helpers.asgi_client import TestClient
from sqlalchemy import Engine

from classifiers.events.types import EventType
from service.config import load_settings, with_overrides
from service.i18n import (
    CATALOGUE_LANGUAGES,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    country_name,
    local_date,
    local_datetime,
    read_catalogue,
    translations,
)
from service.labels import EVENT_TYPE_NAMES, TOPIC_TAGS
from service.states import DigestStatus
from service.web.app import create_app

REPO = Path(__file__).resolve().parents[1]
# Where translated strings live: templates (Jinja2's i18n extension) and Python (_ / ngettext / N_). Every
# review UI template is scanned: a _() added there without a translation fails here.
SOURCES = ("service/digest", "service/cli/digest.py", "service/web/templates")
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
