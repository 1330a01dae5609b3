"""Event dates: the first date the text gives for the event, resolved against the publication date.

Forms read (text already NFKC-normalised, so full-width digits and brackets are ASCII):

- absolute: 2026年12月4日, 2026/12/4, 2026-12-04; ROC years 民國115年12月4日, 115年12月4日;
  Japanese eras 令和8年12月4日 (and 平成); English "December 4, 2026", "4 December 2026", "Dec. 4".
- year in brackets: 今(115)年12月4日, 今(2026)年12月4日.
- month and day without a year: 12月4日, 12/4 (the year of publication; the year before when that
  would put the date more than two months after publication).
- relative: 今(4)日, 今(4)天, 今日, 今天, 本日, 昨(3)日, 昨日, 昨天, 前天, 明(5)日, 明天; Japanese 4日 alone;
  English today, yesterday, tomorrow.

A day in brackets (今(4)日) is trusted over the publication day when they disagree by a few days (an item
published after midnight about "today"). Without a publication date only absolute dates resolve.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

ROC_OFFSET = 1911
JAPANESE_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}  # era -> the year before its first
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_WORD = "|".join(sorted(_MONTHS, key=len, reverse=True))

# One alternation, tried left to right at each position; named groups say which form matched.
_DATE = re.compile(
    # A date starts with a digit or one of these characters: skip every other position quickly.
    r"(?=[\d今昨明前本上下週周星禮令平昭民中a-z])(?:"
    r"(?P<era>令和|平成|昭和)(?P<era_year>\d{1,2}|元)年(?P<era_month>\d{1,2})月(?P<era_day>\d{1,2})日"
    r"|(?:民國|中華民國)?(?P<year>\d{4}|\d{2,3})年(?P<month>\d{1,2})月(?P<day>\d{1,2})[日號]"
    r"|(?:今|本)\((?P<br_year>\d{2,4})\)年(?P<br_month>\d{1,2})月(?P<br_day>\d{1,2})[日號]"
    r"|(?<![\d/])(?P<iso_year>20\d\d)[/.-](?P<iso_month>\d{1,2})[/.-](?P<iso_day>\d{1,2})(?![\d/])"
    r"|(?:今天|今日)\((?P<slash_month>1[0-2]|0?[1-9])/(?P<slash_day>3[01]|[12]\d|0?[1-9])\)"
    r"|(?<![\d年/])(?P<md_month>1[0-2]|0?[1-9])月(?P<md_day>3[01]|[12]\d|0?[1-9])[日號]"
    # a government release's "this (4) month": 本(4)月15日
    r"|(?:今|本)\s?\((?P<brm_month>1[0-2]|0?[1-9])\)\s?月\s?(?P<brm_day>3[01]|[12]\d|0?[1-9])[日號]"
    r"|(?P<rel>今|昨|明|前|本)\s?\((?P<rel_day>\d{1,2})\)\s?[日天]"
    # a day of last, this or next month (下月12日, 上個月5日, 本月3日)
    r"|(?P<mrel>上|本|下)個?月\s?(?P<mrel_day>3[01]|[12]\d|0?[1-9])[日號]"
    r"|(?P<en_month>"
    + _MONTH_WORD
    + r")\.?\s+(?P<en_day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<en_year>20\d\d))?\b"
    r"|\b(?P<en_day2>\d{1,2})\s+(?P<en_month2>" + _MONTH_WORD + r")\.?(?:\s+(?P<en_year2>20\d\d))?\b"
    r"|(?P<word>今天|今日|本日|今晚|今早|今晨|昨天|昨日|昨晚|昨夜|前天|明天|明日|"
    r"\btoday\b|\byesterday\b|\btomorrow\b)"
    r"|(?:上|本|下)?(?:週|周|星期|禮拜)(?P<zh_weekday>[一二三四五六日天])"
    r"|\b(?:on |last |this |next )?(?P<en_weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|(?<![\d月/.\-])(?P<bare_day>3[01]|[12]\d|0?[1-9])日(?![電电間间內内]|[專专](?!程)))",
    re.IGNORECASE,
)
_WORD_OFFSET = {
    "今天": 0,
    "今日": 0,
    "本日": 0,
    "今晚": 0,
    "今早": 0,
    "今晨": 0,
    "today": 0,
    "昨天": -1,
    "昨晚": -1,
    "昨夜": -1,
    "昨日": -1,
    "yesterday": -1,
    "前天": -2,
    "明天": 1,
    "明日": 1,
    "tomorrow": 1,
}
_REL_OFFSET = {"今": 0, "本": 0, "昨": -1, "前": -2, "明": 1}
_MONTH_OFFSET = {"上": -1, "本": 0, "下": 1}
_FUTURE_SLACK = timedelta(days=62)


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: date
    start: int
    end: int
    text: str
    absolute: bool = False  # gave its own year


def to_date(value: str | date | datetime | None) -> date | None:
    """A publication date from a date, a datetime or an ISO string (date or datetime); else None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_year(raw: str) -> int:
    year = int(raw)
    return year + ROC_OFFSET if year < 1000 else year


def _year_for(month: int, day: int, published: date) -> date | None:
    """A month and day without a year: the publication year, or the one before if that lies too far ahead."""
    found = _make(published.year, month, day)
    if found is not None and found - published > _FUTURE_SLACK:
        found = _make(published.year - 1, month, day)
    return found


def _in_month(published: date, offset: int, day: int) -> date | None:
    """Day ``day`` of the month ``offset`` months from publication's (下月12日: offset 1)."""
    index = published.year * 12 + published.month - 1 + offset
    return _make(index // 12, index % 12 + 1, day)


def _day_near(day: int, offset: int, published: date) -> date | None:
    """今(4)日 style: the day of month nearest to publication + offset that has that number."""
    anchor = published + timedelta(days=offset)
    best: date | None = None
    for delta in range(-4, 5):
        candidate = anchor + timedelta(days=delta)
        if candidate.day == day and (best is None or abs(delta) < abs((best - anchor).days)):
            best = candidate
    return best


_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_EN_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_BARE_DAY_BEFORE = 25  # 13日 alone: a day from 25 days before publication to 10 days after
_BARE_DAY_AFTER = 10


def _bare_day(day: int, published: date) -> date | None:
    candidates = [
        published + timedelta(days=offset)
        for offset in range(-_BARE_DAY_BEFORE, _BARE_DAY_AFTER + 1)
        if (published + timedelta(days=offset)).day == day
    ]
    return min(candidates, key=lambda c: abs((c - published).days)) if candidates else None


def _resolve(match: re.Match[str], published: date | None) -> date | None:
    g = match.groupdict()
    if g["era"]:
        year = 1 if g["era_year"] == "元" else int(g["era_year"])
        return _make(JAPANESE_ERAS[g["era"]] + year, int(g["era_month"]), int(g["era_day"]))
    if g["year"]:
        return _make(_full_year(g["year"]), int(g["month"]), int(g["day"]))
    if g["br_year"]:
        return _make(_full_year(g["br_year"]), int(g["br_month"]), int(g["br_day"]))
    if g["iso_year"]:
        return _make(int(g["iso_year"]), int(g["iso_month"]), int(g["iso_day"]))
    if g["en_month"] or g["en_month2"]:
        month = _MONTHS[(g["en_month"] or g["en_month2"]).lower()]
        day = int(g["en_day"] or g["en_day2"])
        en_year = g["en_year"] or g["en_year2"]
        if en_year:
            return _make(int(en_year), month, day)
        return _year_for(month, day, published) if published else None
    if published is None:
        return None
    if g["slash_month"]:
        return _year_for(int(g["slash_month"]), int(g["slash_day"]), published)
    if g["md_month"]:
        return _year_for(int(g["md_month"]), int(g["md_day"]), published)
    if g["brm_month"]:
        return _year_for(int(g["brm_month"]), int(g["brm_day"]), published)
    if g["rel"]:
        return _day_near(int(g["rel_day"]), _REL_OFFSET[g["rel"]], published)
    if g["mrel"]:
        return _in_month(published, _MONTH_OFFSET[g["mrel"]], int(g["mrel_day"]))
    if g["word"]:
        return published + timedelta(days=_WORD_OFFSET[g["word"].lower()])
    if g["zh_weekday"] or g["en_weekday"]:
        weekday = _ZH_WEEKDAYS.get(g["zh_weekday"] or "")
        if weekday is None:
            weekday = _EN_WEEKDAYS.index((g["en_weekday"] or "").lower())
        # The nearest such weekday within the week before publication (news reports what happened).
        return published - timedelta(days=(published.weekday() - weekday) % 7)
    if g["bare_day"]:
        return _bare_day(int(g["bare_day"]), published)
    return None


_BACKGROUND_DAYS = 45  # a date this long before publication is background (締盟 in 2011), not the event


def event_date(
    text: str, published: date | None, title_end: int = 0, stamps: Sequence[tuple[int, int]] = ()
) -> FoundDate | None:
    """The event's date: the first date in the title, else the first in the text that is not background
    (more than 45 days before publication); the first date of all when every one is background.

    ``stamps`` are spans of datelines and publication stamps (中央社台北15日電, 2016年03月15日訊): their
    dates are never the event's, but without a publication date the latest one anchors 今天 and 13日;
    other absolute dates only give their year to a month and day written without one."""
    if published is not None:
        published = _local_day(text, stamps, published)
    found = find_dates(text, published)
    if published is None:
        # Only a publication stamp is a publication date (2016年03月15日訊): relative days (今天, 13日)
        # resolve against it and nothing else. Another absolute date, or a year named early
        # ("2019智慧城市首長高峰會"), only gives its year to months and days written without one.
        stamped = [
            d.value for d in found if d.absolute and (_in_stamp(d, stamps) or _STAMP_AFTER.match(text, d.end))
        ]
        if stamped:
            published = max(stamped)
            found = find_dates(text, published)
        else:
            year = _EARLY_YEAR.search(text, 0, title_end + _EARLY_YEAR_CHARS)
            absolute = [d for d in found if d.absolute]
            end_of_year = (
                date(max(d.value for d in absolute).year, 12, 31)
                if absolute
                else date(int(year.group()), 12, 31)
                if year is not None
                else None
            )
            if end_of_year is not None:
                # Only forms that name their month (12月4日, Dec. 4): a year gives no month or day, so
                # 明天 or 13日 must not resolve against its 31 December (2025 ... 明天 is not 2026-01-01).
                found = [
                    d for d in find_dates(text, end_of_year) if d.absolute or _NAMES_MONTH.search(d.text)
                ]
    found = [d for d in found if not _in_stamp(d, stamps) and not _STAMP_AFTER.match(text, d.end)]
    if not found:
        return None
    # The day a source speaks (文化局今天表示, 縣府今(8)日宣布) is not the event's when the same sentence
    # dates an event of its own with 於 or to a day still to come (已於昨天起派駐, 20日在市府簽署); a day
    # before it told without 於 (眾議院17日通過決議) is what the statement answers, the statement the news.
    found = [d for i, d in enumerate(found) if not _said_on(text, d, found[i + 1 :])]
    # The day a disaster struck (4月3日に発生した地震) or a release was issued (記者発表資料 令和8年3月6日) is
    # not the event's own, when the item gives another date.
    found = [d for d in found if not _not_the_event(text, d)] or found
    in_title = [d for d in found if d.start < title_end]
    if in_title:
        return in_title[0]
    if published is not None:
        # 今(5)日 is how Taiwanese news dates its own event; a month and day before it is background
        # (日本政府繼6月4日贈台…今(5)日), one after it a later step (1月5日至19日接受捐款).
        bracketed = [d for d in found if _BRACKETED_DAY.match(d.text)]
        if bracketed:
            return bracketed[0]
        recent = [d for d in found if (published - d.value).days <= _BACKGROUND_DAYS]
        if recent:
            return recent[0]
    return found[0]


# A dispatch's dateline day (中央社記者…布里斯本8日專電, 台北15日電): the day where it was written, which
# its 今天 means; a report filed abroad is often published the next day at home.
_DATELINE_DAY = re.compile(r"(\d{1,2})日(?:專)?電")
_DATELINE_LAG_DAYS = 2


def _local_day(text: str, stamps: Sequence[tuple[int, int]], published: date) -> date:
    for start, end in stamps:
        match = _DATELINE_DAY.search(text, start, end)
        local = _bare_day(int(match.group(1)), published) if match else None
        if local is not None and 0 < (published - local).days <= _DATELINE_LAG_DAYS:
            return local
    return published


_DISASTER_AFTER = re.compile(
    # the day a disaster struck: 4月3日に台湾東部沖で発生した, 3日の地震, 元旦下午發生規模7.6強震
    r"(?:[^。.\n、，,今]{0,10}?(?:発生|發生|に起き|起きた)|の(?:大)?(?:地震|強震|台風|豪雨|火災))"
    # ...or a place it struck (首里城10月31日遭大火焚毀, 被颱風重創)
    r"|(?:遭|被)(?:大火|祝融|火災|地震|強震|颱風|豪雨|海嘯|水災)"
    r"|(?:,? \d{4})?(?:'s)? (?:magnitude[- ][\d.]+ )?(?:earthquake|quake|typhoon|tsunami)\b"
)
# ...and in English, the disaster told first (struck by a powerful earthquake on April 3, Typhoon Faxai,
# which tore through the prefecture on Sept. 9), or right after the day (the April 3 earthquake).
_DISASTER_WORDS = r"(?:earthquake|quake|typhoon|storm|floods?|flooding|tsunami|wildfires?|landslides?)"
_DISASTER_BEFORE = re.compile(rf"\b{_DISASTER_WORDS}\b[^.\n]{{0,60}}?\bon $")
# ...and the day a body reporting its own deed speaks, in English (the city government said yesterday,
# prefectural officials said Tuesday); a person's statement (Kato said Friday) is the news itself.
_SAID_BEFORE = re.compile(
    r"\b(?:government|office|bureau|officials|department|council|association|agency)\s(?:said|says)\s(?:on\s)?$"
)
_RELEASE_BEFORE = re.compile(
    r"(?:記者[発發]表資料|報道[発發]表|報道資料|[発發]表日|發布日期|新聞稿|press release|release date"
    r"|(?:^|\n)date)[\s,:：]*$",
    re.IGNORECASE,
)


# A release's short header line closing on its date, its parts set apart by bars or dashes (Taoyuan City
# Government | November 18, 2025; Hsinchu City Government | News release | 2019-07-30; Shiraoi Town,
# Hokkaido — Town news, June 7, 2023), or an office's name and a space.
_HEADER_BEFORE = re.compile(
    r"(?:^|\n)(?:(?=[^\n]{0,110}$)[^\n|—–]{2,80}\s?[|—–][^\n]{0,90}"
    # ... or an office's name and a space (臺南市政府新聞及國際關係處　113年1月17日, 彰化縣政府新聞稿 ...)
    r"|[^\n，。、,.!?:;「」]{2,30}?(?:處|局|府|室|課|科|所|新聞稿|新聞|news|release)\s)$",
    re.IGNORECASE,
)
_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
# ... or a line opening on its date and closing on the issuing body's name (2025年10月3日 公益財団法人日本台湾
# 交流協会), on one line or two (a release's head; not a ministry's numbered statement, 第 124 號, whose
# date is the statement's own).
_HEADER_AFTER = re.compile(
    r"[ \t\u3000]+[^\n。、，,.!?：:]{2,40}?[ \t]*(?:\n|$)"
    r"|[ \t\u3000]*\n[ \t\u3000]*[^\n。、，,.!?：:]{2,40}?"
    r"(?:協會|協会|事務所|政府|市役所|役場|[縣県]?庁|廳)[ \t]*(?:\n|$)"
)


def _not_the_event(text: str, found: FoundDate) -> bool:
    return bool(
        _DISASTER_AFTER.match(text, found.end)
        or _DISASTER_BEFORE.search(text, max(0, found.start - 80), found.start)
        or _SAID_BEFORE.search(text, max(0, found.start - 24), found.start)
        or _RELEASE_BEFORE.search(text, max(0, found.start - 24), found.start)
        or (
            _HEADER_BEFORE.search(text, max(0, found.start - 180), found.start) is not None
            and _LINE_END.match(text, found.end) is not None
        )
        or (
            (found.start == 0 or text[found.start - 1] == "\n")
            and _HEADER_AFTER.match(text, found.end) is not None
        )
    )


_TODAY = re.compile(r"今天|今日|本日|今\s?\(\d{1,2}\)\s?[日天]")
_SPEAKS_AFTER = re.compile(r"\s?(?:表示|宣布|宣佈|指出|說|透露|強調|發布|公布|發表)")
_SENTENCE_END = re.compile(r"[。\n]")
# What the later date is for must be an event of its own (將於下月12日率團, 20日在市府簽署, 已於昨天起
# 派駐), not a change the statement announces (將自明年1月1日起更名: the announcement is the news).
_EVENT_VERB_AFTER = re.compile(
    r"[^。，,\n]{0,12}?(?:簽|率團|率隊|訪|前往|抵達|舉行|舉辦|派駐|進駐|出發|啟程|參加|出席|拜會|來台|赴)"
)


def _said_on(text: str, found: FoundDate, later: Sequence[FoundDate]) -> bool:
    if not (_TODAY.fullmatch(found.text) and _SPEAKS_AFTER.match(text, found.end)):
        return False
    end = _SENTENCE_END.search(text, found.end)
    stop = end.start() if end else len(text)
    dated_there = [d for d in later if d.start < stop and _EVENT_VERB_AFTER.match(text, d.end)]
    return any(text[d.start - 1 : d.start] == "於" or d.value > found.value for d in dated_there)


def _in_stamp(found: FoundDate, stamps: Sequence[tuple[int, int]]) -> bool:
    return any(start <= found.start < end for start, end in stamps)


# A date right before these is the item's own stamp (【大紀元2016年03月15日訊】), not the event's.
_EARLY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_EARLY_YEAR_CHARS = 100
_BRACKETED_DAY = re.compile(r"[今昨明前本]\s?\(\d{1,2}\)")
_NAMES_MONTH = re.compile(r"\d月|\b(?:" + _MONTH_WORD + r")\b", re.IGNORECASE)
_ABSOLUTE_GROUPS = ("year", "iso_year", "era", "br_year", "en_year", "en_year2")
_STAMP_AFTER = re.compile(r"\s?(?:訊|讯|報導|报导|電|电|更新|發布|发布)")


# CNA closes an article with the editor and an ROC stamp: (編輯:王小明)1130927 -> 2024-09-27.
_CLOSING_STAMP = re.compile(r"[(]編輯[:][^()]{1,12}[)]\s*(1[01]\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")


def closing_stamp(text: str) -> date | None:
    """The publication date of an item that ends with an editor's ROC stamp (CNA), else None."""
    match = _CLOSING_STAMP.search(text)
    if match is None:
        return None
    year, month, day = (int(g) for g in match.groups())
    return _make(year + ROC_OFFSET, month, day)


# A weekday said of what is still to come: "will depart on Sunday", "next Tuesday", 下週三, 將於週五.
_COMING_BEFORE = re.compile(
    r"(?:\b(?:will|is to|are to|(?:is|are) (?:scheduled|set|due|expected) to|plans? to)\b[^.!?\n]{0,50}"
    r"|將於?[^。!?\n]{0,8}|預計[^。!?\n]{0,8})$",
    re.IGNORECASE,
)
_WEEK_WORD = re.compile(r"(?P<next>next |下)|(?P<last>last |上)", re.IGNORECASE)


def _weekday_in_context(match: re.Match[str], text: str, published: date) -> date | None:
    """A weekday that its words place: "next Tuesday" and 下週三 in the week after publication, "last
    Tuesday" and 上週三 before it, "will depart on Sunday" and 將於週五 the next one to come; else None (the
    plain weekday, which news reports as past)."""
    if not (match.group("zh_weekday") or match.group("en_weekday")):
        return None
    word = _WEEK_WORD.match(match.group())
    coming = _COMING_BEFORE.search(text, max(0, match.start() - 60), match.start()) is not None
    if word is None and not coming:
        return None
    weekday = _ZH_WEEKDAYS.get(match.group("zh_weekday") or "")
    if weekday is None:
        weekday = _EN_WEEKDAYS.index(match.group("en_weekday").lower())
    ahead = (weekday - published.weekday()) % 7
    calendar_week = bool(match.group("zh_weekday"))  # 下週三: Wednesday of next week, whatever today is
    if word is not None and word.group("last"):
        if calendar_week:
            return published - timedelta(days=published.weekday() + 7 - weekday)
        return published - timedelta(days=(published.weekday() - weekday) % 7 or 7)
    if word is not None:
        if calendar_week:
            return published + timedelta(days=7 - published.weekday() + weekday)
        return published + timedelta(days=ahead or 7)
    return published + timedelta(days=ahead)


def find_dates(text: str, published: date | None) -> list[FoundDate]:
    """Every resolvable date in a normalised text, in order."""
    found: list[FoundDate] = []
    for match in _DATE.finditer(text):
        value = (published and _weekday_in_context(match, text, published)) or _resolve(match, published)
        if value is not None:
            absolute = any(match.group(name) for name in _ABSOLUTE_GROUPS)
            found.append(FoundDate(value, match.start(), match.end(), match.group(), absolute))
    return found
