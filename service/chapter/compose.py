"""Events -> the chapter (pure): sections by event type, totals, the principal visitors and one entry per
event, written in Traditional Chinese with ROC dates.

Every sentence is built from the event's fields (party, partners, type, date, people, delegation size)
and, where the news says so, from its text: the fields of cooperation, the bureau in charge, the name of
a pact, whether a pact was signed or is still being negotiated, whether a meeting was remote. What the
text does not say is left out, never guessed; each section keeps a marked place (【本處補充】) for the
office's own additions.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import yaml

from classifiers.events import Event, EventType, Partner, PartnerLevel, Person
from classifiers.gazetteer import DATA_DIR, Gazetteer
from classifiers.normalize import looks_simplified, normalize, to_traditional
from service.chapter.types import Chapter, Entry, Note, ReportEvent, Section, Source, Totals
from service.dates import roc_date, roc_period

DEFAULT_HEADING = "貳拾陸、國際事務"
OFFICE_ADDITIONS = "【本處補充】"
OFFICE_ADDITIONS_HINT = "（新聞未載之活動、數據及說明，請於此補充。）"
NO_EVENTS = "本期新聞未見相關活動。"
OWN_SIDE = "本府"
MAX_PEOPLE = 3  # principal participants named per side in an entry


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    types: frozenset[EventType]


# The chapter's sections in order; every event type belongs to exactly one (a test checks it).
SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("visits", "外賓來訪", frozenset({EventType.HOSTED_VISIT})),
    SectionSpec(
        "exchanges",
        "姊妹市及友好城市交流",
        frozenset({EventType.VISIT_ABROAD, EventType.VIDEO_CALL, EventType.ANNIVERSARY}),
    ),
    SectionSpec("agreements", "協定簽署及洽談", frozenset({EventType.AGREEMENT})),
    SectionSpec(
        "forums", "國際論壇、組織及城市行銷", frozenset({EventType.FORUM, EventType.TRADE_INVESTMENT})
    ),
    SectionSpec("aid", "捐贈援助及交流計畫", frozenset({EventType.DONATION, EventType.EXCHANGE_PROGRAMME})),
    SectionSpec("other", "其他國際事務", frozenset({EventType.POLICY_STATEMENT, EventType.OTHER})),
)

# Fields of cooperation, each with the words (normalised: lower case, 臺 -> 台) that show it.
FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("觀光", ("觀光", "旅遊", "tourism", "tourist")),
    ("經貿", ("經貿", "貿易", "投資", "產業", "trade", "investment", "business")),
    ("教育", ("教育", "學校", "校園", "education", "school")),
    ("文化", ("文化", "藝術", "藝文", "culture", "cultural", "arts")),
    ("體育", ("體育", "運動", "棒球", "馬拉松", "sport")),
    ("防災", ("防災", "救災", "災害", "disaster")),
    ("農業", ("農業", "農產", "agricultur")),
    ("醫療衛生", ("醫療", "衛生", "醫院", "medical", "health")),
    ("環境", ("環保", "環境", "減碳", "淨零", "environment")),
    ("科技", ("科技", "半導體", "智慧城市", "technology")),
    ("交通", ("交通", "港口", "港灣", "航線", "airline", "port")),
    ("青年", ("青年", "青少年", "youth")),
)
# Bureaus of a Taiwanese city or county government (the one in charge of an exchange).
_BUREAU = re.compile(
    r"(觀光傳播局|觀光旅遊局|文化觀光局|觀光局|經濟發展局|經發局|產業發展局|產發局|教育局|文化局|運動發展局|"
    r"體育局|體育處|農業局|衛生局|環境保護局|環保局|海洋局|交通局|民政局|新聞局|研究發展考核委員會|研考會|"
    r"國際及兩岸事務處|國際事務處|秘書處|觀光處|教育處|文化處|農業處|青年局|數位發展局|都市發展局|"
    r"客家事務委員會|原住民族事務委員會|消防局|社會局|勞工局)"
)
_OWN_GOVERNMENT = ("市府", "縣府", "市政府", "縣政府", "本府")
_PACT = re.compile(
    r"(?:簽署|簽訂|簽定|締結|續簽|洽談|研議|擬簽)(?:了)?(「[^」]{2,30}」|[^，。、；：\s「」()（）]{0,24}?"
    r"(?:協定書|協議書|協定|協議|備忘錄|意向書|盟約|宣言|MOU))"
)
_FORUM_QUOTED = re.compile(r"「([^」]{2,40}?(?:論壇|峰會|會議|大會|年會|博覽會|展|節|週|研討會|聯盟))」")
# An unquoted name counts only right after a verb of taking part, so a sentence is never taken for a name.
_FORUM_PLAIN = re.compile(
    r"(?:出席|參加|參與|舉辦|主辦|前往)([^，。、；：「」()（）\s]{2,16}?"
    r"(?:國際論壇|論壇|高峰會|峰會|年會|博覽會|旅展|商展|展覽會|研討會))"
)
_REMOTE = ("視訊", "線上", "遠距", "video", "online", "virtual", "オンライン")
_SIGNED: tuple[str, ...] = (
    "簽署儀式",
    "正式簽署",
    "完成簽署",
    "已簽署",
    "共同簽署",
    "雙方簽署",
    "簽訂",
    "締結",
)
_SIGNED += ("續簽", "signed")
_NEGOTIATING = ("洽談", "研議", "擬簽", "規劃簽署", "可望簽署", "將簽署", "盼簽署", "磋商", "negotiat")
_RECEIVED = ("獲贈", "受贈", "捐贈本市", "捐贈本縣", "捐給本市", "贈予本市", "致贈本市", "捐贈給本市")
_EXCHANGE_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("體育", ("棒球", "運動", "體育", "馬拉松", "baseball", "sport")),
    ("青少年", ("青少年", "青年", "youth")),
    ("教育", ("學生", "學校", "教育", "校", "student", "school")),
    ("文化", ("文化", "藝術", "音樂", "culture")),
)
_NUMERALS = "〇一二三四五六七八九"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def compose_chapter(
    events: Sequence[ReportEvent], party: str, first: date, last: date, heading: str = DEFAULT_HEADING
) -> Chapter:
    """The chapter for ``party`` from its events of the period (already selected; see ``select.py``)."""
    counter = iter(range(1, 10**9))
    sections: list[Section] = []
    for number, spec in enumerate(SECTIONS, start=1):
        chosen = [item for item in events if item.event.event_type in spec.types]
        chosen.sort(key=lambda item: (item.day, item.item_ids))
        entries = tuple(
            Entry(
                number=index,
                heading=entry_heading(item, party),
                paragraph=entry_paragraph(item, party),
                notes=tuple(Note(next(counter), source) for source in item.sources),
                event=item,
            )
            for index, item in enumerate(chosen, start=1)
        )
        sections.append(_section(spec, number, entries))
    hosted = [item for item in events if item.event.event_type is EventType.HOSTED_VISIT]
    sizes = [item.event.delegation_size for item in hosted if item.event.delegation_size is not None]
    totals = Totals(
        events=len(events),
        sources=sum(len(item.sources) for item in events),
        visits_hosted=len(hosted),
        visitors=sum(sizes),
        visits_size_unknown=len(hosted) - len(sizes),
    )
    return Chapter(
        heading=clean(heading) or DEFAULT_HEADING,
        party=party,
        first=first,
        last=last,
        period=roc_period(first, last),
        sections=tuple(sections),
        totals=totals,
    )


def _section(spec: SectionSpec, number: int, entries: tuple[Entry, ...]) -> Section:
    title = f"{chinese_number(number)}、{spec.title}"
    if not entries:
        return Section(spec.key, number, title, NO_EVENTS, entries)
    count = len(entries)
    if spec.key == "visits":
        sizes = [e.event.event.delegation_size for e in entries if e.event.event.delegation_size is not None]
        unknown = count - len(sizes)
        summary = f"本期計{count}案、{sum(sizes)}人到訪"
        summary += f"（其中{unknown}案人數未載）。" if unknown else "。"
        listing = tuple(f"{principal_visitor(e.event)}（{roc_date(e.event.day)}）" for e in entries)
        return Section(spec.key, number, title, summary, entries, listing, "重要外賓：")
    if spec.key == "agreements":
        open_count = sum(1 for e in entries if pact_status(e.event.texts) == "negotiating")
        summary = f"本期計簽署{count - open_count}件、洽談中{open_count}件。"
    elif spec.key == "forums":
        sizes = [e.event.event.delegation_size for e in entries if e.event.event.delegation_size is not None]
        people = f"、{sum(sizes)}人次參與" if sizes else ""
        summary = f"本期計參與{count}場{people}。"
    else:
        summary = f"本期計{count}案。"
    return Section(spec.key, number, title, summary, entries)


# --- numbers and names ------------------------------------------------------------------------------------


def chinese_number(number: int) -> str:
    """一 … 九十九, as section (一、) and entry (（一）) numbers are written."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _NUMERALS[ones]
    head = "" if tens == 1 else _NUMERALS[tens]
    return f"{head}十{_NUMERALS[ones] if ones else ''}"


def clean(text: str | None) -> str:
    """One line of plain text: control characters dropped, whitespace collapsed."""
    return " ".join(_CONTROL.sub("", text or "").split())


@functools.cache
def _country_names() -> dict[str, str]:
    """English country name -> its usual Traditional Chinese name (the gazetteer's first CJK alias)."""
    try:
        data = yaml.safe_load((DATA_DIR / "world.yaml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        data = {}
    names = {"Taiwan": "臺灣", "International": "", "China": "中國"}
    for record in data.get("countries") or []:
        if not isinstance(record, dict) or "name" not in record:
            continue
        alias = next((a for a in record.get("aliases") or [] if re.search(r"[\u4e00-\u9fff]", str(a))), None)
        if alias:
            names.setdefault(str(record["name"]), str(alias))
    return names


def country_name(country: str) -> str:
    """日本 for Japan; the English name when the gazetteer has no Chinese one."""
    return _country_names().get(country, country)


def partner_label(partner: Partner) -> str:
    """Country + name (日本京都市), unless the name already says its country (日本台灣交流協會)."""
    country = country_name(partner.country)
    name = clean(partner.name)
    if (
        not country
        or name.startswith(country)
        or (partner.level is PartnerLevel.NATIONAL and name == country)
    ):
        return name
    return country + name


def partners_label(event: Event) -> str:
    labels = list(dict.fromkeys(partner_label(p) for p in event.partners))
    return "、".join(labels[:3]) if labels else "外國友人"


def _title_after(body: str, title: str) -> str:
    """高雄市 + 市長 -> 高雄市長; 熊本縣 + 知事 -> 熊本縣知事."""
    if body and title and body[-1] == title[0] and title[0] in "市縣町村都道府州區鎮鄉":
        return body + title[1:]
    return joined(body, title)


def joined(*parts: str) -> str:
    """Parts written together as Chinese is, with a space only between two Latin words (Governor Tasso)."""
    text = ""
    for part in parts:
        if (
            text
            and part
            and text[-1].isascii()
            and text[-1].isalnum()
            and part[0].isascii()
            and part[0].isalnum()
        ):
            text += " "
        text += part
    return text


def person_label(person: Person, event: Event, party: str) -> str:
    """A participant as the chapter names them: the partner side with country and body (日本熊本縣知事
    木村敬), our own side with title and name (市長陳其邁), another Taiwanese body with its name."""
    title, name = clean(person.title), clean(person.name)
    body = clean(person.body)
    if person.side == "taiwan":
        if not body or normalize(body) == normalize(party):
            return joined(title, name)
        return joined(_title_after(body, title), name)
    partner = _partner_of(person, event)
    if not body:
        body = partner_label(partner) if partner else ""
    elif partner is not None:
        country = country_name(partner.country)
        if country and not body.startswith(country):
            body = country + body
    return joined(_title_after(body, title), name)


def _partner_of(person: Person, event: Event) -> Partner | None:
    if person.body:
        for partner in event.partners:
            if normalize(partner.name) == normalize(person.body):
                return partner
    return event.partners[0] if event.partners else None


def _people(event: Event, side: str, party: str) -> list[str]:
    """The side's principal participants as the chapter names them: at most ``MAX_PEOPLE``, each once."""
    labels = [hant(person_label(p, event, party)) for p in event.people if p.side == side and clean(p.name)]
    return list(dict.fromkeys(labels))[:MAX_PEOPLE]


def hant(text: str) -> str:
    """Traditional Chinese: a text copied from a Simplified source is converted (the chapter is zh-Hant)."""
    return to_traditional(text) if looks_simplified(text) else text


def principal_visitor(item: ReportEvent, party: str = "") -> str:
    """The first visitor named (country + body + title + name), else the partner's delegation."""
    visitors = _people(item.event, "partner", party)
    return visitors[0] if visitors else f"{partners_label(item.event)}訪問團"


# --- what the text says -----------------------------------------------------------------------------------


def _normalised(texts: Iterable[str]) -> str:
    return normalize("\n".join(texts))


def cooperation_fields(texts: Sequence[str]) -> list[str]:
    found = _normalised(texts)
    return [name for name, words in FIELDS if any(word in found for word in words)]


def bureau(texts: Sequence[str]) -> str | None:
    """The bureau in charge: one named right after 市府/縣府 first, else the first one named."""
    joined = "\n".join(texts)
    matches = list(_BUREAU.finditer(joined))
    for found in matches:
        if joined[max(0, found.start() - 4) : found.start()].endswith(_OWN_GOVERNMENT):
            return found.group(1)
    return matches[0].group(1) if matches else None


def is_remote(texts: Sequence[str]) -> bool:
    found = _normalised(texts)
    return any(word in found for word in _REMOTE)


def pact_status(texts: Sequence[str]) -> str:
    """``signed``, or ``negotiating`` when the news speaks of talks and of no signing."""
    found = _normalised(texts)
    if any(word in found for word in _NEGOTIATING) and not any(word in found for word in _SIGNED):
        return "negotiating"
    return "signed"


def pact_name(texts: Sequence[str]) -> str:
    for text in texts:
        found = _PACT.search(clean(text))
        if found and found.group(1).strip("「」"):
            return hant(found.group(1))
    return "合作協定"


def forum_name(texts: Sequence[str]) -> str | None:
    for pattern in (_FORUM_QUOTED, _FORUM_PLAIN):
        for text in texts:
            found = pattern.search(clean(text))
            if found:
                return f"「{hant(found.group(1).strip('「」'))}」"
    return None


def _sister_relation(party: str, partner: Partner) -> str:
    """姊妹市 or 友好城市 when the gazetteer records the tie (city-level partners only)."""
    if partner.level is not PartnerLevel.CITY:
        return ""
    gazetteer = Gazetteer.load()
    for pair in gazetteer.sister_pairs:
        if pair.taiwan_party == normalize(party) and pair.partner == normalize(partner.name):
            if pair.relation.startswith("sister"):
                return "姊妹市"
            if pair.relation.startswith("friendship"):
                return "友好城市"
    return ""


# --- entries ----------------------------------------------------------------------------------------------


def entry_heading(item: ReportEvent, party: str) -> str:
    """What happened with whom, in a line: 與日本京都市簽署友好交流協定書."""
    event = item.event
    partner = partners_label(event)
    own = _people(event, "taiwan", party)
    kind = event.event_type
    if kind is EventType.HOSTED_VISIT:
        return f"{principal_visitor(item, party)}{'率團' if event.delegation_size else ''}來訪"
    if kind is EventType.VISIT_ABROAD:
        return f"{own[0] if own else OWN_SIDE}率團訪問{partner}"
    if kind is EventType.VIDEO_CALL:
        return f"與{_related(event, party)}視訊交流"
    if kind is EventType.ANNIVERSARY:
        return f"與{_related(event, party)}慶祝交流週年"
    if kind is EventType.AGREEMENT:
        verb = "洽談" if pact_status(item.texts) == "negotiating" else "簽署"
        return f"與{partner}{verb}{pact_name(item.texts)}"
    if kind in (EventType.FORUM, EventType.TRADE_INVESTMENT):
        name = forum_name(item.texts)
        if name:
            return f"參與{name}"
        return f"參與{partner}{'經貿及城市行銷活動' if kind is EventType.TRADE_INVESTMENT else '國際論壇'}"
    if kind is EventType.DONATION:
        return f"獲{partner}捐贈" if _received(item) else f"捐助{partner}"
    if kind is EventType.EXCHANGE_PROGRAMME:
        return f"與{partner}辦理{_exchange_kind(item)}交流"
    title = hant(clean(item.sources[0].title)) if item.sources else ""
    return title[:60] or f"與{partner}相關事務"


def _related(event: Event, party: str) -> str:
    labels = []
    for partner in event.partners[:3]:
        labels.append(_sister_relation(party, partner) + partner_label(partner))
    return "、".join(dict.fromkeys(labels)) or partners_label(event)


def _received(item: ReportEvent) -> bool:
    found = "\n".join(item.texts)
    return any(word in found for word in _RECEIVED)


def _exchange_kind(item: ReportEvent) -> str:
    found = _normalised(item.texts)
    return next((name for name, words in _EXCHANGE_KINDS if any(w in found for w in words)), "")


def entry_paragraph(item: ReportEvent, party: str) -> str:
    """One paragraph: the ROC date, who took part on both sides with their titles, the mode, then the
    fields of cooperation and the bureau where the news names them."""
    event = item.event
    own_people = _people(event, "taiwan", party)
    own = "、".join(own_people) if own_people else OWN_SIDE
    visitors = _people(event, "partner", party)
    partner = partners_label(event)
    counterpart = "、".join(visitors) if visitors else partner  # a visitor's label carries country and body
    size = f"一行{event.delegation_size}人" if event.delegation_size else ""
    remote = is_remote(item.texts)
    kind = event.event_type
    if kind is EventType.HOSTED_VISIT:
        guests = "、".join(visitors) if visitors else f"{partner}訪問團"
        action = f"{guests}{'率團' if visitors and size else ''}{size}來訪，由{own}接待"
        if remote:
            action = f"{own}與{counterpart}以視訊方式會談"
    elif kind is EventType.VISIT_ABROAD:
        met = f"，與{'、'.join(visitors)}會面" if visitors else ""
        action = f"{own}率團{size}赴{partner}實地訪問{met}"
    elif kind is EventType.VIDEO_CALL:
        action = f"{own}與{counterpart}以視訊方式交流"
    elif kind is EventType.ANNIVERSARY:
        mode = "以視訊方式" if remote else ""
        action = f"{own}與{counterpart}{mode}共同慶祝締結交流週年"
    elif kind is EventType.AGREEMENT:
        pact = pact_name(item.texts)
        if pact_status(item.texts) == "negotiating":
            action = f"{own}與{counterpart}洽談{pact}，目前尚在洽談中"
        else:
            action = f"{own}與{counterpart}{'以遠距方式' if remote else ''}簽署{pact}"
    elif kind in (EventType.FORUM, EventType.TRADE_INVESTMENT):
        name = forum_name(item.texts) or f"{partner}舉辦之國際活動"
        mode = "以視訊方式" if remote else ""
        people = f"，計{event.delegation_size}人參與" if event.delegation_size else ""
        action = f"{own}{mode}參與{name}{people}"
    elif kind is EventType.DONATION:
        action = f"{counterpart}捐贈本府" if _received(item) else f"{own}捐助{counterpart}"
    elif kind is EventType.EXCHANGE_PROGRAMME:
        action = f"{own}與{counterpart}辦理{_exchange_kind(item)}交流活動{('，' + size) if size else ''}"
    else:
        title = hant(clean(item.sources[0].title)) if item.sources else ""
        action = f"{own}：{title}" if title else f"{own}與{counterpart}相關事務"
    sentences = [f"{roc_date(item.day)}，{action}。"]
    fields = cooperation_fields(item.texts)
    if fields:
        sentences.append(f"雙方就{'、'.join(fields)}等領域交流合作。")
    office = bureau(item.texts)
    if office:
        sentences.append(f"承辦機關：{office}。")
    return "".join(sentences)


def source_line(source: Source) -> str:
    """A footnote as plain text: outlet, ROC date, title and URL."""
    parts = [clean(source.outlet) or "（來源不明）", roc_date(source.published), f"〈{clean(source.title)}〉"]
    if source.url:
        parts.append(clean(source.url))
    return "，".join(parts)
