"""The events extractor: title and text in, an :class:`Event` out (pure; the gazetteer loads once).

Steps, in order:

1. Read: title + newline + lead, folded without moving a character; datelines blanked (text.py).
2. Mentions: every place and body in the gazetteer (places.py), then dropped where the name is not an
   actor: a ship (雲林艦), a team (...隊), a school, port, station, airport, castle or product named after
   a place; an obscure Japanese municipality with nothing Japanese around it; a generic former name
   outside its years (交流協會 after 2017).
3. The Taiwanese party: governments with a government word beside their name (市長, 市府, 議會, 局,
   訪問團; "Tainan City Government"; 台南市長), heads of local government, national bodies (``national``),
   and other bodies as themselves. A council or bureau counts for its government; a township, district
   or county-administered city for itself with its county's prefix (花蓮縣花蓮市). Without any such
   actor, the place named most (titles count three times) that is not a venue.
4. Partners: foreign places and bodies, by the same weights. A town beats the prefecture or province
   that contains it unless that one acts itself (its governor, its assembly); a governor (知事) makes
   the prefecture the partner even when the city of the same name is written; a place that is only the
   venue (東京で開催, 在東京舉行) gives way to a body (日本台灣交流協會); 奧克蘭 is Auckland unless the
   text is about the United States. Without a place or body, the foreign country acting (日本, 美國).
5. Event type: keyword rules in priority order (agreement first); visits get their direction from who
   comes to whom.
6. Date, people, delegation size (dates.py, people.py); evidence spans for every field.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from classifiers.events.dates import find_dates, to_date
from classifiers.events.people import (
    find_delegation_size,
    find_people,
    is_partner_title,
    is_taiwan_title,
)
from classifiers.events.places import (
    COUNTRY,
    FOREIGN_PLACE_KINDS,
    JP_MUNI,
    JP_PREF,
    JP_WARD,
    PARTNER_BODY,
    TW_BODY,
    TW_COUNTY,
    TW_NATIONAL,
    TW_PERSON,
    TW_TOWN,
    Mention,
    Place,
    PlaceIndex,
)
from classifiers.events.text import Reading, read
from classifiers.events.types import NATIONAL_PARTY, Event, EventType, Evidence, Partner, PartnerLevel, Person

# A government word right after a place name: the place acts (台南市長, 熊本縣知事, 高市府, 京都市役所).
_GOV_AFTER = re.compile(
    r"(?:市|縣|府|都|道|町|村|區|鎮|鄉)?"
    r"(?:副?(?:市長|縣長|知事|町長|村長|區長|鎮長|鄉長|議長|首長)|政府|市府|縣府|府|廳|役所|役場|公所|"
    r"議會|議員|"
    r"團|代表團|訪問團|參訪團|考察團|交流團|一行|[^\s,，。、]{0,4}局|[^\s,，。、]{0,3}處|"
    r"當局|觀光|國際交流|"
    r" ?(?:city|county|prefectural|metropolitan)? ?(?:government|mayor|council|assembly|governor|"
    r"delegation|office))"
)
# A word after a place name that makes it something else: a ship, a team, a school, a building, a product.
_NOT_ACTOR_AFTER = re.compile(
    r"(?:艦|號|輪|隊|港|站|機場|空港|大學|大学|高中|高校|國中|國小|小學|醫院|銀行|城(?!市)|熊|丸|線|駅|"
    r"地震|車站|捷運|夜市|燈會|馬拉松|名產|特產|牛|拉麵|燒|產|製|  ?(?:university|port|station|airport|fc))"
)
_GOV_SURFACE = ("府", "議會", "市長", "government")
_NOT_ACTOR_BEFORE = re.compile(r"(?:往|至|經|飛|直飛|航線|班機|from|to)\s?$")
_VENUE_BEFORE = re.compile(r"(?:在|於|假|至|赴|抵達|前往|in|at)\s?$")
_VENUE_AFTER = re.compile(r"^(?:舉行|舉辦|召開|で開催|で開か|で行|にて|で|開幕|登場|展開)")
_JAPAN_CONTEXT = re.compile(r"日本|日方|[\u3041-\u3096\u30a1-\u30fa]|japan|縣|知事")
_US_CONTEXT = re.compile(r"美國|加州|加利福尼亞|united states|california|\bu\.s\.|美方")
_NZ_CONTEXT = re.compile(r"紐西蘭|new zealand|紐國")

_TITLE_WEIGHT = 3
_LEAD_CHARS = 300  # a party first named after this is a passing mention unless it acts


@dataclass
class _Candidate:
    """One party or partner, with the evidence gathered for it."""

    key: str
    place: Place
    weight: float = 0.0
    acts: bool = False
    first: int = 10**9
    mentions: list[Mention] | None = None
    venue_only: bool = True

    def add(self, mention: Mention, weight: float, acts: bool, venue: bool) -> None:
        self.weight += weight
        self.acts = self.acts or acts
        self.first = min(self.first, mention.start)
        self.venue_only = self.venue_only and venue
        if self.mentions is None:
            self.mentions = []
        self.mentions.append(mention)


def _after(reading: Reading, end: int, size: int = 12) -> str:
    return reading.folded[end : end + size]


def _before(reading: Reading, start: int, size: int = 6) -> str:
    return reading.folded[max(0, start - size) : start]


def _acts(reading: Reading, mention: Mention) -> bool:
    if mention.place.kind in (TW_NATIONAL, TW_BODY, PARTNER_BODY, TW_PERSON):
        return True
    if mention.surface.endswith(_GOV_SURFACE):  # the alias is a government form itself: 高市府, 北市議會
        return True
    if (
        mention.surface[-1] in "市縣都道府町村區鎮鄉"
        and reading.folded[mention.end : mention.end + 1] == "長"
    ):
        return True
    return _GOV_AFTER.match(reading.folded, mention.end) is not None or reading.folded[
        max(0, mention.start - 9) : mention.start
    ].endswith(("mayor of ", "governor of ", "city of "))


def _not_actor(reading: Reading, mention: Mention) -> bool:
    if mention.place.kind in (TW_NATIONAL, TW_BODY, PARTNER_BODY, TW_PERSON, COUNTRY):
        return False
    return _NOT_ACTOR_AFTER.match(reading.folded, mention.end) is not None


def _is_venue(reading: Reading, mention: Mention) -> bool:
    return bool(_VENUE_BEFORE.search(_before(reading, mention.start))) or bool(
        _VENUE_AFTER.match(_after(reading, mention.end))
    )


def _mentions(reading: Reading, index: PlaceIndex, published: date | None) -> list[Mention]:
    """Gazetteer mentions that can be actors (step 2)."""
    japan = _JAPAN_CONTEXT.search(reading.folded) is not None
    kept: list[Mention] = []
    for mention in index.find(reading.folded):
        place = mention.place
        if place.needs_context and not japan:
            continue
        if place.until is not None and published is not None and published >= place.until:
            continue
        if _not_actor(reading, mention):
            continue
        kept.append(mention)
    return kept


def _resolve_towns(mentions: list[Mention]) -> list[Mention]:
    """A township name shared by several counties (中正區) counts only with its county named; a town
    written right after its county (花蓮縣花蓮市) is one mention of the town."""
    counties = {m.place.name for m in mentions if m.place.kind == TW_COUNTY}
    towns_by_surface: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.place.kind == TW_TOWN:
            towns_by_surface[m.surface + str(m.start)].append(m)
    out: list[Mention] = []
    for m in mentions:
        if m.place.kind != TW_TOWN:
            out.append(m)
            continue
        same = towns_by_surface[m.surface + str(m.start)]
        if len(same) > 1 and m.place.parent not in counties:
            continue
        out.append(m)
    return out


def _party_key(place: Place) -> str:
    if place.kind == TW_TOWN:
        return f"{place.parent}{place.name}"
    if place.kind == TW_NATIONAL:
        return NATIONAL_PARTY
    return place.name


def _weigh(reading: Reading, mentions: Iterable[Mention]) -> dict[str, _Candidate]:
    candidates: dict[str, _Candidate] = {}
    for m in mentions:
        key = _party_key(m.place) if m.place.country == "Taiwan" else m.place.name + "|" + m.place.country
        candidate = candidates.setdefault(key, _Candidate(key, m.place))
        acts = _acts(reading, m)
        weight = (_TITLE_WEIGHT if m.start < reading.title_end else 1) * (2 if acts else 1)
        candidate.add(m, weight, acts, _is_venue(reading, m))
    return candidates


def _early(reading: Reading, position: int) -> bool:
    return position < reading.title_end + _LEAD_CHARS


def _taiwan_party(reading: Reading, mentions: list[Mention]) -> tuple[list[str], list[Mention]]:
    taiwan = [m for m in mentions if m.place.country == "Taiwan" and m.place.kind != COUNTRY]
    candidates = _weigh(reading, taiwan)
    # A town's county is not a party of its own when it only encloses the town.
    towns = {c.place.parent for c in candidates.values() if c.place.kind == TW_TOWN}
    acting = [c for c in candidates.values() if c.acts and _early(reading, c.first)]
    if acting:
        best = max(c.weight for c in acting)
        chosen = [c for c in acting if c.weight * 3 >= best or c.first < reading.title_end]
        chosen = [
            c
            for c in chosen
            if not (c.place.kind == TW_COUNTY and c.key in towns and not _county_acts(reading, c))
        ]
    else:
        places = [c for c in candidates.values() if not c.venue_only and _early(reading, c.first)]
        if not places:
            return [], []
        best_place = max(places, key=lambda c: (c.weight, -c.first))
        chosen = [best_place]
    chosen.sort(key=lambda c: c.first)
    evidence = [m for c in chosen for m in (c.mentions or [])[:1]]
    return [c.key for c in chosen], evidence


def _county_acts(reading: Reading, candidate: _Candidate) -> bool:
    return any(
        m.place.kind == TW_COUNTY and not m.place.short and _GOV_AFTER.match(reading.folded, m.end)
        for m in candidate.mentions or []
    )


def _foreign_candidates(reading: Reading, mentions: list[Mention]) -> dict[str, _Candidate]:
    foreign = [m for m in mentions if m.place.country != "Taiwan"]
    # 奧克蘭 is Auckland; in a text about the United States (and not New Zealand), Oakland.
    us = _US_CONTEXT.search(reading.folded) and not _NZ_CONTEXT.search(reading.folded)
    fixed: list[Mention] = []
    for m in foreign:
        if m.place.name == "奧克蘭" and us:
            oakland = Place(m.place.kind, "奧克蘭", "Oakland", "United States", "city", "加利福尼亞州")
            fixed.append(Mention(oakland, m.start, m.end, m.surface))
        else:
            fixed.append(m)
    return _weigh(reading, fixed)


def _partners(reading: Reading, mentions: list[Mention]) -> tuple[list[Partner], list[Mention]]:
    candidates = _foreign_candidates(reading, mentions)
    places = {
        k: c
        for k, c in candidates.items()
        if c.place.kind in FOREIGN_PLACE_KINDS and _early(reading, c.first)
    }
    bodies = {
        k: c for k, c in candidates.items() if c.place.kind == PARTNER_BODY and _early(reading, c.first)
    }
    # A governor makes the prefecture the partner (熊本縣知事 with 熊本市 also written): handled by
    # _acts on the prefecture; a town or city beats its enclosing prefecture unless that one acts.
    contained = {c.place.parent for c in places.values() if c.place.parent}
    for key, c in list(places.items()):
        if c.place.name in contained and not c.acts:
            del places[key]
    # Same name at two levels, neither acting through its own full name: the prefecture for a short form.
    if bodies:
        for key, c in list(places.items()):
            if (c.venue_only or not c.acts) and not _strong_place(c):
                del places[key]
    chosen = list(bodies.values()) + list(places.values())
    national_bodies = [c for c in chosen if c.place.level == "national"]
    if len(chosen) > len(national_bodies) and national_bodies:
        chosen = [c for c in chosen if c.place.level != "national"]
    if places:
        acting = [c for c in chosen if c.acts]
        if acting:
            best = max(c.weight for c in acting)
            chosen = [c for c in acting if c.weight * 3 >= best or c.first < reading.title_end]
        else:
            best_place = max(chosen, key=lambda c: (c.weight, -c.first))
            chosen = [best_place]
    if not chosen:
        countries = [c for c in candidates.values() if c.place.kind == COUNTRY and _early(reading, c.first)]
        if countries:
            chosen = [max(countries, key=lambda c: (c.weight, -c.first))]
    chosen = _dedupe_levels(reading, chosen)
    chosen.sort(key=lambda c: c.first)
    partners = [
        Partner(c.place.name, c.place.name_en, c.place.country, PartnerLevel(_level(c.place))) for c in chosen
    ]
    return partners, [m for c in chosen for m in (c.mentions or [])[:1]]


def _strong_place(candidate: _Candidate) -> bool:
    return candidate.acts and not candidate.venue_only


def _dedupe_levels(reading: Reading, chosen: list[_Candidate]) -> list[_Candidate]:
    """熊本縣 and 熊本市 both chosen from one short mention: keep the one the text makes act."""
    by_stem: dict[str, list[_Candidate]] = defaultdict(list)
    for c in chosen:
        if c.place.kind in (JP_PREF, JP_MUNI):
            by_stem[c.place.name[:-1]].append(c)
    drop: set[str] = set()
    for group in by_stem.values():
        if len(group) < 2:
            continue
        governor = any("知事" in _after(reading, m.end, 4) for c in group for m in c.mentions or [])
        keep = next((c for c in group if (c.place.kind == JP_PREF) == governor), group[0])
        drop.update(c.key for c in group if c is not keep)
    return [c for c in chosen if c.key not in drop]


def _level(place: Place) -> str:
    if place.kind == COUNTRY:
        return PartnerLevel.NATIONAL
    if place.kind == JP_WARD:
        return PartnerLevel.CITY
    return place.level if place.level in PartnerLevel.__members__.values() else PartnerLevel.CITY


# Event types: (type, words), in priority order. Words are matched on the folded text.
_SIGN = re.compile(
    r"簽署|簽訂|簽約|簽下|續簽|締結|締盟|結盟|締約|結為|調印|署名|締結式|協定を結|signed|signing|"
    r"sign an?|inked|renew"
)
_AGREEMENT_NOUN = re.compile(
    r"協定|協議|備忘錄|意向書|覺書|mou|memorandum|agreement|姊妹|友好城市|友好都市|友好交流|友誼市|"
    r"sister|friendship city|pact"
)
_ANNIVERSARY = re.compile(r"週年|周年|anniversary|周年記念")
_TYPE_RULES: tuple[tuple[EventType, re.Pattern[str]], ...] = (
    (
        EventType.VIDEO_CALL,
        re.compile(
            r"視訊|線上會議|線上會談|video ?call|video ?conference|videoconference|オンライン(?:会談|"
            r"会議|で)|ビデオ会議"
        ),
    ),
    (
        EventType.FORUM,
        re.compile(r"論壇|峰會|高峰會|summit|forum|サミット|フォーラム|city expo|世界城市|年會|大會(?!堂)"),
    ),
    (
        EventType.DONATION,
        re.compile(r"捐贈|捐款|捐助|捐出|賑災|善款|義捐|寄贈|寄付|義援金|donat|relief fund"),
    ),
    (EventType.ANNIVERSARY, _ANNIVERSARY),
    (
        EventType.EXCHANGE_PROGRAMME,
        re.compile(
            r"學生|青少年|少年|中學|高中|小學|校長|教育旅行|修學旅行|姊妹校|交換|留學|研修|棒球|球隊|"
            r"青年|student|youth|"
            r"school|exchange program|生徒|高校|中学|少年野球|スポーツ交流"
        ),
    ),
    (
        EventType.TRADE_INVESTMENT,
        re.compile(
            r"投資|招商|經貿會議|經貿|商機|貿易|出口|進口|拓銷|商談|媒合|產業合作|企業|廠商|農產|商品|"
            r"trade|investment|"
            r"export|business|貿易|輸出|商談会|物産"
        ),
    ),
    (
        EventType.POLICY_STATEMENT,
        re.compile(
            r"聲明|表態|呼籲|譴責|抗議|感謝|支持|反對|發表|表示|強調|statement|said|condemn|thank|声明|"
            r"表明|談話"
        ),
    ),
)
_HOSTED = re.compile(
    r"來訪|訪台|來台|抵台|接見|接待|歡迎|禮貌性拜會|表敬|拜會(?:[^。\n]{0,12})(?:市長|縣長|市府|縣府|"
    r"市政府|縣政府|總統|院長|部長)|"
    r"參訪(?:[^。\n]{0,6})(?:市府|縣府|市政府)|visit(?:ed|s|ing)? (?:to )?taiwan|visit(?:ed|s|"
    r"ing)? (?:the )?(?:taipei|taichung|tainan|kaohsiung|taoyuan)|"
    r"courtesy call|訪問團一行|來臺|台湾を訪問|訪台|表敬訪問"
)
_ABROAD = re.compile(
    r"出訪|率團(?:赴|前往|訪問|出訪)|赴日|訪日|前往日本|赴[^\s。，,]{1,6}(?:訪問|參訪|拜會|考察|出席|"
    r"參加)|率團|考察團|"
    r"visit(?:ed|s|ing)? (?:to )?japan|trip to|travel(?:led|ed)? to|訪問日本|日本を訪問|来日|訪日団"
)


def _event_type(
    reading: Reading, party: list[str], partners: list[Partner]
) -> tuple[EventType, Evidence | None]:
    text = reading.folded[: reading.title_end + 600]
    title = reading.folded[: reading.title_end]

    def found(kind: EventType, match: re.Match[str] | None) -> tuple[EventType, Evidence | None]:
        if match is None:
            return kind, None
        return kind, Evidence(
            "event_type", reading.raw[match.start() : match.end()], match.start(), match.end()
        )

    sign = _SIGN.search(text)
    anniversary = _ANNIVERSARY.search(title) or _ANNIVERSARY.search(text[: reading.title_end + 200])
    if (
        sign
        and _AGREEMENT_NOUN.search(text)
        and not (anniversary and not re.search(r"簽署|簽訂|續簽|renew|signed", text))
    ):
        return found(EventType.AGREEMENT, sign)
    # The title says what the item is about; the lead decides when the title says nothing.
    for scope in (title, text[: reading.title_end + 250]):
        if not scope:
            continue
        for kind, pattern in _TYPE_RULES[:5]:
            match = pattern.search(scope)
            if match:
                return found(kind, match)
        visit = _visit(reading, scope)
        if visit is not None:
            return visit
        for kind, pattern in _TYPE_RULES[5:]:
            match = pattern.search(scope)
            if match:
                return found(kind, match)
    return EventType.OTHER, None


def _visit(reading: Reading, scope: str) -> tuple[EventType, Evidence | None] | None:
    hosted = _HOSTED.search(scope)
    abroad = _ABROAD.search(scope)
    if hosted is None and abroad is None:
        return None
    if abroad is not None and (hosted is None or abroad.start() < hosted.start()):
        return EventType.VISIT_ABROAD, Evidence(
            "event_type", reading.raw[abroad.start() : abroad.end()], abroad.start(), abroad.end()
        )
    assert hosted is not None
    return EventType.HOSTED_VISIT, Evidence(
        "event_type", reading.raw[hosted.start() : hosted.end()], hosted.start(), hosted.end()
    )


def _people(reading: Reading, mentions: list[Mention]) -> list[Person]:
    people: list[Person] = []
    seen: set[str] = set()
    for found in find_people(reading.raw, reading.folded):
        if found.name in seen:
            continue
        # The body: the nearest place or body named just before the title.
        body_mention = next(
            (
                m
                for m in reversed(mentions)
                if (m.end <= found.start + 1 and found.start - m.end <= 8) or m.end == found.name_start
            ),
            None,
        )
        body_place = body_mention.place if body_mention else None
        if body_place is not None and body_place.country == "Taiwan":
            side, body = (
                "taiwan",
                (_party_key(body_place) if body_place.kind != TW_PERSON else body_place.name),
            )
        elif body_place is not None:
            side, body = "partner", body_place.name
        elif is_partner_title(found.title):
            side, body = "partner", None
        elif is_taiwan_title(found.title):
            side, body = "taiwan", NATIONAL_PARTY
        else:
            side = "partner" if reading.japanese and found.title in ("市長", "議長") else "taiwan"
            body = None
        seen.add(found.name)
        people.append(Person(found.name, found.title, side, body))
        if len(people) >= 8:
            break
    return people


def _evidence_of(reading: Reading, field: str, mentions: Iterable[Mention]) -> list[Evidence]:
    return [Evidence(field, reading.raw[m.start : m.end], m.start, m.end) for m in mentions]


def extract_event(title: str | None, text: str, published: str | date | None = None) -> Event:
    """Who did what with whom, when, for one relevant item (see the module docstring for the rules)."""
    reading = read(title, text)
    index = PlaceIndex.load()
    pub = to_date(published)
    mentions = _resolve_towns(_mentions(reading, index, pub))
    party, party_mentions = _taiwan_party(reading, mentions)
    partners, partner_mentions = _partners(reading, mentions)
    event_type, type_evidence = _event_type(reading, party, partners)
    evidence = [
        *_evidence_of(reading, "taiwan_party", party_mentions),
        *_evidence_of(reading, "partners", partner_mentions),
    ]
    if type_evidence is not None:
        evidence.append(type_evidence)
    dates = find_dates(reading.folded, pub)
    event_date = None
    if dates:
        first = dates[0]
        event_date = first.value.isoformat()
        evidence.append(Evidence("event_date", reading.raw[first.start : first.end], first.start, first.end))
    size = find_delegation_size(reading.folded)
    if size is not None:
        evidence.append(Evidence("delegation_size", reading.raw[size.start : size.end], size.start, size.end))
    people = _people(reading, mentions)
    return Event(
        taiwan_party=tuple(party),
        partners=tuple(partners),
        event_type=event_type,
        event_date=event_date,
        people=tuple(people),
        delegation_size=size.size if size else None,
        evidence=tuple(evidence),
    )


def count_kinds(mentions: Iterable[Mention]) -> Counter[str]:
    """How many mentions of each kind (a debugging aid for the bench and the tests)."""
    return Counter(m.place.kind for m in mentions)
