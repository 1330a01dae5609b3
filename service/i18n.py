"""The interface languages: message catalogues, local dates, Jinja2's i18n extension (Babel: here only).

``ui.language`` chooses one of :data:`LANGUAGES` (Traditional Chinese first). Strings are written in English
in the code and templates (the msgids) and translated by gettext catalogues shipped as ``.po`` files in
``service/locale/<language>/LC_MESSAGES/messages.po``. The ``.po`` files are the only copy: they are compiled
in memory on first use (Babel's ``pofile`` and ``mofile``), so a plain ``pip install`` needs no build step
and a compiled file can never disagree with its source. ``tests/test_i18n.py`` fails when a template or a
marked Python string has no translation in a catalogue.

Python strings that are translated later (topic titles, event types, countries) are marked with :func:`N_`
where they are defined, so the extractor finds them.

Dates are written the way the language writes them: ``2026年12月3日（週四）``, with the ROC year
(``115年12月3日（週四）``, ``service.dates``) when ``ui.roc_dates`` is on; ``2026年12月3日（木）`` in
Japanese; ``Thu 3 Dec 2026`` in English.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo

import babel
import babel.dates
from babel.messages import mofile, pofile

from classifiers.events.types import LEARNED_TYPE, PartnerLevel
from service.dates import roc_date
from service.labels import EVENT_TYPE_NAMES, TOPIC_TAGS

Language = Literal["zh-Hant", "en", "ja"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "zh-Hant"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
# Babel's locale names for our language tags.
_BABEL_LOCALE = {"zh-Hant": "zh_Hant_TW", "en": "en", "ja": "ja"}
# Languages with a catalogue (English is the source language: its strings are the msgids).
CATALOGUE_LANGUAGES: tuple[Language, ...] = ("zh-Hant", "ja")


def N_(message: str) -> str:
    """Mark a string for extraction without translating it here."""
    return message


# Names shown for values stored in English. Topics and event types have theirs in service.labels; these
# are the rest the interface shows. tests/test_i18n.py checks each table covers its enumeration.
LABEL_NAMES: dict[str, str] = {**TOPIC_TAGS, "relevant": N_("Relevant")}
PARTNER_LEVEL_NAMES: dict[str, str] = {
    PartnerLevel.CITY: N_("city"),
    PartnerLevel.PREFECTURE: N_("prefecture"),
    PartnerLevel.STATE: N_("state"),
    PartnerLevel.COUNTY: N_("county"),
    PartnerLevel.NATIONAL: N_("national"),
    PartnerLevel.ORGANISATION: N_("organisation"),
}
# Stored words the interface shows through ``translate``: item states (service.states.ItemStatus) and what
# a cycle did with an item (ItemRun, in the CLI's summary) and what the stages made of it (ItemOutcome), where
# an item's text came from (TextSource), feed health on the feeds page, a copy's relation to its story
# (service.dedup.core) and the kinds of an item's history. tests/test_i18n.py checks the enumerations.
STORED_TERMS: tuple[str, ...] = (
    *(N_("new"), N_("fetched"), N_("extracted"), N_("fetch_failed"), N_("done"), N_("failed")),
    *(N_("deferred"), N_("abandoned"), N_("updated"), N_("unchanged"), N_("recheck_failed")),
    *(N_("page"), N_("summary")),
    *(N_("ok"), N_("failing"), N_("never polled"), N_("malformed"), N_("disabled")),
    *(N_("original"), N_("duplicate"), N_("version")),
    *(N_("relevant"), N_("irrelevant"), N_("kept_summary")),
    *(N_("seen"), N_("classified"), N_("label")),
)
# A model version's metrics as the model page lists them (classifiers' metadata, service.classify's
# held-out comparison); a key not here is shown as it is, its underscores as spaces.
METRIC_NAMES: dict[str, str] = {
    "examples": N_("examples"),
    "sources": N_("sources"),
    "data": N_("data"),
    "reviews": N_("reviews"),
    "created": N_("created"),
    "heldout": N_("held out"),
    "how": N_("how"),
    "shortfall": N_("shortfall"),
    "before": N_("before"),
    "after": N_("after"),
    "artifact_bytes": N_("artifact bytes"),
    "relevant_f1": N_("relevant F1"),
    "taiwan_japan_f1": N_("Taiwan–Japan F1"),
    "city_diplomacy_f1": N_("city diplomacy F1"),
}
# An event's fields (classifiers.events.types.Event), as the evidence and the corrections name them.
EVENT_FIELD_NAMES: dict[str, str] = {
    "taiwan_party": N_("Taiwan side"),
    "partners": N_("Partners"),
    "event_type": N_("Type"),
    "event_date": N_("Date"),
    "people": N_("People"),
    "delegation_size": N_("Delegation"),
}


def english(message: str) -> str:
    """The msgid itself: the English, for logs, stored metadata and the JSON API."""
    return message


@dataclass(frozen=True)
class Said:
    """A sentence made below the interface (a stage, a job) for a person to read, kept as a msgid (marked
    with :func:`N_`) and its values, so the CLI and the review UI word it in ``ui.language``; :meth:`text`
    without a gettext gives the English. A value that is itself a ``Said`` is worded first, in the same
    language."""

    msgid: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def text(self, gettext: Callable[[str], str] = english) -> str:
        values = {
            key: value.text(gettext) if isinstance(value, Said) else value
            for key, value in self.values.items()
        }
        return gettext(self.msgid) % values if values else gettext(self.msgid)

    def as_dict(self) -> dict[str, Any]:
        """JSON for metadata; :meth:`of` reads it back."""
        return {"msgid": self.msgid, "values": dict(self.values)}

    @classmethod
    def of(cls, stored: Mapping[str, Any]) -> Said:
        return cls(str(stored["msgid"]), dict(stored.get("values") or {}))


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(language: str) -> Any:
    """The parsed ``.po`` catalogue of a language (a ``babel.messages.Catalog``)."""
    with catalogue_path(language).open("rb") as handle:
        return pofile.read_po(handle, locale=_BABEL_LOCALE[language], domain=DOMAIN)


@cache
def translations(language: str) -> gettext.NullTranslations:
    """gettext translations for ``language``, compiled from its ``.po`` file in memory; English (and an
    unknown language) gets the identity translation."""
    if language not in CATALOGUE_LANGUAGES:
        return gettext.NullTranslations()
    buffer = io.BytesIO()
    mofile.write_mo(buffer, read_catalogue(language))
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(language: str) -> Callable[[str], str]:
    """``_`` for one language (for Python code outside templates)."""
    return translations(language).gettext


def ngettext_for(language: str) -> Callable[[str, str, int], str]:
    return translations(language).ngettext


def install(environment: Any, language: str, tz: ZoneInfo | None = None, roc: bool = False) -> None:
    """Add Jinja2's i18n extension to ``environment`` with ``language``'s catalogue (new-style gettext:
    ``_("%(n)d stories", n=3)``), the filter ``translate`` (for a msgid held in a variable, such as a topic
    tag), the date filters ``local_date`` and ``local_time``, and the globals ``topic_name(key)``,
    ``event_type_name(kind)``, ``country_name(name)`` (the one table of each: ``service.labels``, CLDR),
    ``label_name``, ``level_name``, ``field_name`` (the tables above), ``metric_name`` and
    ``learned_type`` (the evidence field of a learnt event type)."""
    environment.add_extension("jinja2.ext.i18n")
    environment.globals["language"] = language  # <html lang="{{ language }}">
    _ = translations(language).gettext
    environment.globals["topic_name"] = lambda key: _(TOPIC_TAGS.get(str(key), str(key)))  # 台日關係
    environment.globals["event_type_name"] = lambda kind: _(EVENT_TYPE_NAMES.get(str(kind), str(kind)))
    environment.globals["country_name"] = lambda name: country_name(str(name), language)  # Japan -> 日本
    environment.globals["label_name"] = lambda key: _(LABEL_NAMES.get(str(key), str(key)))
    environment.globals["level_name"] = lambda key: _(PARTNER_LEVEL_NAMES.get(str(key), str(key)))
    environment.globals["field_name"] = lambda key: _(EVENT_FIELD_NAMES.get(str(key), str(key)))
    environment.globals["metric_name"] = lambda key: _(METRIC_NAMES.get(str(key), str(key).replace("_", " ")))
    environment.globals["learned_type"] = LEARNED_TYPE  # the evidence field of a learnt event type
    environment.install_gettext_translations(translations(language), newstyle=True)
    environment.filters["translate"] = translations(language).gettext  # a msgid held in a variable
    environment.filters["local_date"] = lambda value: local_date(value, language, roc=roc)
    environment.filters["local_time"] = lambda value: local_datetime(value, language, tz, roc=roc)


def _weekday(day: date, language: str) -> str:
    return str(babel.dates.format_date(day, "EEE", locale=_BABEL_LOCALE.get(language, "en")))


def local_date(day: date | str, language: str, roc: bool = False) -> str:
    """``2026年12月3日（週四）`` (``115年12月3日（週四）`` with ``roc``), ``2026年12月3日（木）``,
    ``Thu 3 Dec 2026``."""
    if isinstance(day, str):  # an ISO date as stored (digest_runs.digest_date, an event's date)
        try:
            day = date.fromisoformat(day)
        except ValueError:
            return str(day)  # not a whole date (an event dated only to its month): shown as stored
    if isinstance(day, datetime):
        day = day.date()
    if language == "en":
        return str(babel.dates.format_date(day, "EEE d MMM y", locale="en"))
    written = roc_date(day) if roc and language == "zh-Hant" else f"{day.year}年{day.month}月{day.day}日"
    return f"{written}（{_weekday(day, language)}）"


def local_datetime(moment: datetime, language: str, tz: ZoneInfo | None = None, roc: bool = False) -> str:
    """A moment in local time: ``2026年12月3日 07:30`` (ROC year with ``roc``), ``3 Dec 2026 07:30``."""
    local = moment.astimezone(tz) if tz is not None else moment
    day = local.date()
    if language == "en":
        return f"{babel.dates.format_date(day, 'd MMM y', locale='en')} {local:%H:%M}"
    written = roc_date(day) if roc and language == "zh-Hant" else f"{day.year}年{day.month}月{day.day}日"
    return f"{written} {local:%H:%M}"


def relative_time(moment: datetime | None, language: str, now: datetime) -> str:
    """How far ``moment`` is from ``now``: ``5 分鐘前``, ``3 小時後``; ``5 min ago``, ``in 3 h``."""
    if moment is None:
        return "–"
    _ = translations(language).gettext
    seconds = (moment - now).total_seconds()
    span = abs(seconds)
    if span < 90:
        amount = _("%(n)s s") % {"n": f"{span:.0f}"}
    elif span < 5400:
        amount = _("%(n)s min") % {"n": f"{span / 60:.0f}"}
    elif span < 129600:
        amount = _("%(n)s h") % {"n": f"{span / 3600:.0f}"}
    else:
        amount = _("%(n)s d") % {"n": f"{span / 86400:.0f}"}
    return (_("in %(span)s") if seconds > 0 else _("%(span)s ago")) % {"span": amount}


def local_window(start: datetime, end: datetime, language: str, tz: ZoneInfo, roc: bool = False) -> str:
    """A window in local time with its zone: ``2026年12月1日 07:30 – 2026年12月2日 07:30 (Asia/Taipei)``."""
    return f"{local_datetime(start, language, tz, roc)} – {local_datetime(end, language, tz, roc)} ({tz.key})"


@cache
def _territory_codes() -> dict[str, str]:
    """English country name -> ISO code, from Babel's CLDR data (``Japan`` -> ``JP``)."""
    names: dict[str, str] = {}
    for code, name in babel.Locale.parse("en").territories.items():
        if code.isalpha():
            names.setdefault(str(name), str(code))
    return names | {"South Korea": "KR", "Czech Republic": "CZ", "United States": "US"}


def country_name(name: str, language: str) -> str:
    """A partner's country (stored in English: ``Japan``) in ``language`` (``日本``, CLDR's names); a name
    CLDR does not know, or one already written in another script, is returned as it is."""
    code = _territory_codes().get(name)
    if code is None or language == "en":
        return name
    return str(babel.Locale.parse(_BABEL_LOCALE[language]).territories.get(code, name))
