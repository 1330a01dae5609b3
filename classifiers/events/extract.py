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

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from classifiers.events.dates import JAPANESE_ERAS, ROC_OFFSET, closing_stamp, to_date
from classifiers.events.dates import event_date as event_date_of
from classifiers.events.home import (
    address_spells,
    county_named,
    home_of,
    municipality_in,
    named_home,
    taiwan_home_of,
    township_in,
    townships_named,
)
from classifiers.events.people import (
    find_delegation_size,
    find_people,
    is_partner_title,
    is_taiwan_title,
    same_person,
)
from classifiers.events.places import (
    COUNTRY,
    FIRM,
    FOREIGN_CITY,
    FOREIGN_PLACE_KINDS,
    FOREIGN_SUB,
    JP_MUNI,
    JP_PREF,
    JP_WARD,
    PARTNER_BODY,
    TW_BODY,
    TW_COUNTY,
    TW_NATIONAL,
    TW_PERSON,
    TW_SCHOOL,
    TW_TOWN,
    Mention,
    Place,
    PlaceIndex,
    tw_name,
)
from classifiers.events.text import GOVERNOR_ABBREVIATION, Reading, fold_name, fold_pattern, read
from classifiers.events.types import (
    NATIONAL_PARTY,
    PLACE_LEVELS,
    Event,
    EventType,
    Evidence,
    Partner,
    PartnerLevel,
    Person,
)
from classifiers.gazetteer import sister_ties, sister_ties_en
from classifiers.normalize import normalize, traditional_form


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Patterns match the folded text, so they are folded too (台湾を訪問 matches 台灣を訪問)."""
    return re.compile(fold_pattern(pattern), flags)


# A government word right after a place name: the place acts (台南市長, 熊本縣知事, 高市府, 京都市役所).
_GOV_AFTER = _compile(
    r"(?:市|縣|府|都|道|町|村|區|鎮|鄉)?"
    r"(?:(?:由)?副?(?:市長|縣長|知事|町長|村長|區長|鎮長|鄉長|議長|首長|總督|州長|省長|郡長|首席部長)|政府|市府|縣府|府|"
    r"廳(?!所在)|役所|役場|公所|"
    r"議會|議員|(?:市民|鎮民|鄉民|民)?代表會|"  # (a township's council: 頭份市民代表會, 壽豐鄉民代表會)
    r"團|代表團|訪問團|參訪團|考察團|交流團|一行|[^\s,，。、]{0,4}局|[^\s,，。、]{0,3}處|(?:教育|警察|觀光|文化|農業|產業)廳|"
    r"當局|觀光|國際交流|"
    r"(?: on [a-z]+day| yesterday| today)? (?:signs?|signed|inks?|inked|agreed|agrees|becomes?|became|"
    # (not a passive: a reception in Taipei held by the association)
    r"visits?|visited|welcomes?|welcomed|hosts?|hosted|receives?|received|held|and [a-z]+ sign)\b(?! by\b)|"
    r" ?(?:city|county|prefectural|metropolitan)? ?(?:government|mayor|council|assembly|governor|"
    # (a county head who only witnesses or hosts a dinner does not make the county a party)
    r"(?:deputy )?(?:magistrate|commissioner)(?![^.\n]{0,80}\b(?:witness|looked on|dinner))|"
    r"(?:(?<=district )|(?<=township ))chief\b|"  # (Shanhua District Chief Chen: a district's head)
    + GOVERNOR_ABBREVIATION
    + r"|"
    r"delegation|office|legislators?|lawmakers?|senators?|officials|assembly members?))"
)
# A word after a place name that makes it something else: a ship, a team, a school, a building, a product.
_NOT_ACTOR_AFTER = _compile(
    r"(?:艦|號|輪|隊|港|站|機場|空港|大學|大学|高中|高校|國中|國小|小學|醫院|銀行|城(?!市)|熊|丸|線|駅|"
    r"地震|肺炎|車站|捷運|夜市|燈會|馬拉松|名產|特產|牛|拉麵|燒|產(?!官學|業)|製|"
    # produce and food named after where it grows (青森蘋果, 宮崎芒果, 靜岡茶, 新潟米)
    r"蘋果|芒果|草莓|葡萄|水蜜桃|哈密瓜|水果|和牛|清酒|燒酎|茶(?!會)|米(?!蘭)|酒(?!店)|美食|料理|"
    r"からも|"  # 香港からも: "also from Hong Kong", someone beside the main actors
    # 福岡分處, 札幌分処, 大阪辦事處, 札幌市中央区の分処: Taiwan's branch office there, not the place
    r"の?(?:分處|分処|辦事處|弁事処)|"
    r"鎖|"  # 最大連鎖超市: a word (連鎖, a chain) across a short name, not Dalian
    # 台北と佐賀を結ぶ定期便, 那覇と台湾各地を結ぶ航空路線: a route's ends
    r"(?:と[^。、\n]{1,6})?を結ぶ(?:航空|空の)?(?:定期便|路線|航路|直行便|便)|"
    r"  ?(?:university|port|station|airport|fc))"
)
# Taiwan's office in a foreign city, in English (the Taipei Economic and Cultural Office in Fukuoka, in
# Houston; Taiwan's Fukuoka office): where Taiwan's own office sits, not the city, as 福岡分處 above.
_TAIWAN_OFFICE_BEFORE = _compile(r"(?:cultural|representative) office in (?:the )?$")
_TAIWAN_OFFICE_AFTER = _compile(r" (?:(?:branch )?office|branch)\b")
_TAIWAN_OFFICE_OWNER = _compile(r"(?:taiwan's|the|office's) $")
# A country named as the nationality of people or firms who are not its government (澳洲智庫, 日本媒體,
# 日本遊客, 美國企業): they comment, travel or trade; the government does not act through them.
_NATIONALITY_AFTER = _compile(
    r"(?:智庫|媒體|學者|專家|網友|民眾|遊客|觀光客|旅客|僑民|企業|廠商|業者|藝人|歌手|球員|選手|球隊|"
    r"籍|think[- ]tank|media|tourists|firms|companies)"
)
# A political party named as a politician's affiliation (民進黨籍立委, DPP lawmaker, a veteran of the ruling
# Democratic Progressive Party), not as the party acting.
_PARTY_MEMBER_AFTER = _compile(
    r"籍|\)?(?:'s)? ?(?:lawmakers?|legislators?|politicians?|councill?ors?|veterans?|heavyweights?)\b"
)
_PARTY_MEMBER_BEFORE = _compile(
    r"\b(?:veteran|member|stalwart|politician|heavyweight|lawmaker|legislator)s? of the "
    r"(?:ruling |opposition |main opposition )?$"
)
# Regions named as where goods come from (福島等5縣食品, 福島、茨城與千葉五縣): origins, not actors;
# places named for a disaster there (福島核災, 福島發生核電廠事故).
_ORIGIN_AFTER = _compile(
    r"(?:[、與和及][\u4e00-\u9fff]{1,3}){0,6}?(?:等|など)?\s?[\d一二三四五六七八九十]{1,2}\s?[縣県](?![長議政府])"
    r"|(?:等|地區|地区)?(?:核食|食品|農產品|農水產品|水產品|食材|產品)"
    r"|的[^。，,\n]{1,12}?等(?:產品|商品|食品|農產品)"  # (福島的水蜜桃與日本酒等產品)
    r"|(?:第一)?(?:核電廠|核電|核災|震災|原発|事故|發生)"  # a disaster named after its place, as 地震
    r"|[一二三\d]?(?:廠|工場)"  # a plant named after its place (熊本廠, 熊本二廠)
)
# An officer of a body speaking for it, right after the body's name (…協會秘書長周學佑今天於記者會表示).
_SPOKESPERSON = _compile(
    r"(?:[\u4e00-\u9fff]{2,4}(?:黨部|分會|支部|分部))?"  # a branch speaks for its body (國民黨台北市黨部)
    r"(?:副?秘書長|副?會長|理事長|副?董事長|主委|主任委員|執行長|發言人)[\u4e00-\u9fff]{2,4}[^。，,\n]{0,16}?"
    r"(?:表示|指出|說明|強調|致詞|說)"
)
# (within its clause: 鄉長…共同簽字，縣長也到場見證 makes the county head the witness, not the township head;
# the folded text's Chinese comma is ",", an English one ", ")
# An office that only sends staff along (鄉公所也派員隨行) escorts, like a witness.
_WITNESS = _compile(
    r"(?:[^。,\n]|, )*?"
    r"(?:見證|觀禮|列席|立ち會|立會|witness|派員(?:隨行|陪同|同行)|隨團|隨行|[也亦]派員(?:出席|參加)|同行し"
    # ...or who only sends a message (祝電, ビデオメッセージを寄せ, 錄影致詞, sent a video message)
    r"|祝電|ビデオメッセージ|メッセージを寄せ|書面で|賀電|錄影致詞|影片致詞|致賀電"
    r"|sent (?:a )?(?:congratulatory |video )?message)"
)
# A head kept away who sends a telegram or a recorded video instead (知事因公無法出席，致送賀電; 未能前來，
# 錄製了祝賀影片): no part, though a comma parts the two.
_ABSENT_SENDS = _compile(
    r"[^。\n]{0,24}?(?:無法出席|未能出席|未出席|未到場|未能前來|未能到場|不克出席|不克前來|缺席)"
    r"[^。\n]{0,24}?(?:賀電|影片|錄影|錄製|書面|致函|信函)"
)
# ...and a Taiwanese head who only sends words, in English (Magistrate Wang, who could not make the trip, sent
# a recorded video greeting; sent a congratulatory letter that was read aloud). (A foreign mayor's message
# still tells which of the city and its prefecture is the partner.)
_ONLY_SENDS_WORDS = _compile(
    r"[^.\n]{0,70}?\bsent (?:a |an )?(?:[a-z-]+ ){0,2}?(?:greeting|message|letter|note)s?\b"
)
_NAME_THEN_TITLE = _compile(
    r"の?[^\s與和及、的,，。:：「」()a-z0-9]{2,4}?(?:副?(?:知事|市長|縣長|町長|村長|議長|區長|鎮長|鄉長))"
)
_GOV_SURFACE = ("府", "議會", "市長", "government")
_NOT_ACTOR_BEFORE = _compile(r"(?:往|至|經|飛|直飛|航線|班機|from|to)\s?$")
_VENUE_BEFORE = _compile(r"(?:在|於|假|至|到|赴|抵達|前往|現身|in|at)\s?$")
_VENUE_AFTER = _compile(r"^(?:舉行|舉辦|召開|で開催|で開か|で行|にて|で|開幕|登場|展開)")
_JAPAN_CONTEXT = _compile(r"日本|日方|[\u3041-\u3096\u30a1-\u30fa]|japan|縣|知事")
_US_CONTEXT = _compile(r"美國|加州|加利福尼亞|united states|california|\bu\.s\.|美方")
_NZ_CONTEXT = _compile(r"紐西蘭|new zealand|紐國")

_TITLE_WEIGHT = 3
_PLACE_KINDS = frozenset({TW_COUNTY, TW_TOWN, JP_PREF, JP_MUNI, JP_WARD, FOREIGN_SUB, FOREIGN_CITY})
# Last characters of Japanese prefectural department names (産業経済部, 観光文化部, 環境生活部 ...), which
# end in the same 部 as Taiwan's ministries.
_DEPARTMENT_PREFIX = frozenset("業光働化境活祉產産備畫画務工林水土民")
_BODY_LEAD = 60
_TOGETHER_CHARS = 30
_LIST_GAP_CHARS = 6
_LIST_SCOPE = 150  # lists of partners count in the title and the first sentences; later ones are background
# Dates, people and delegation sizes are read in the title and this many characters of text: the event's
# own come first, later ones are background (and reading less keeps the stage fast).
_DETAIL_CHARS = 600
_MAX_PEOPLE = 8
_EXTRA_PARTY_SHARE = 0.75  # a second party must weigh this share of the first (or act in the title)
_TAIWAN_WHOLE = _compile(
    r"(?:訪台|來台|抵台|赴台|捐(?:贈|助)?(?:給)?台灣|援助台灣|支持台灣|台灣政府|台灣當局|台湾当局|我國|我方|"
    r"visits? taiwan|visited taiwan|visiting taiwan|to taiwan|taiwan's government|台湾を訪問|台湾を訪れ|"
    r"訪台|台湾政府)"
)
_WHOLE_TAIWAN = Place(TW_NATIONAL, NATIONAL_PARTY, None, "Taiwan", "national")
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
    pinned: bool = False  # kept whatever its weight (both levels of one name acting)
    acting_at: list[int] = field(default_factory=list)  # where its acting mentions start

    def add(self, mention: Mention, weight: float, acts: bool, venue: bool) -> None:
        self.weight += weight
        self.acts = self.acts or acts
        if acts:
            self.acting_at.append(mention.start)
        self.first = min(self.first, mention.start)
        self.venue_only = self.venue_only and venue
        if self.mentions is None:
            self.mentions = []
        self.mentions.append(mention)


def _after(reading: Reading, end: int, size: int = 12) -> str:
    return reading.folded[end : end + size]


def _before(reading: Reading, start: int, size: int = 6) -> str:
    return reading.folded[max(0, start - size) : start]


def _acts(reading: Reading, mention: Mention, starts: frozenset[int] = frozenset()) -> bool:
    """Whether the text makes this mention act (``starts``: where other mentions begin)."""
    if mention.place.kind == PARTNER_BODY and mention.place.country == "International":
        # A city network or summit is a partner when the item opens with it, not when it is history.
        return mention.start < reading.title_end + _BODY_LEAD * 2 * reading.scale
    if (
        _WITNESS.match(reading.folded, mention.end, mention.end + 40)
        or _ABSENT_SENDS.match(reading.folded, mention.end)
        or (mention.place.country == "Taiwan" and _ONLY_SENDS_WORDS.match(reading.folded, mention.end))
    ):
        # 美國在台協會…出席見證, 経済部の担当者が立ち会った, 宮崎県の河野知事も立ち会いました: witnesses
        return False
    if mention.place.head:
        return not _witness_anywhere(reading, mention.place.head)  # a governor or mayor named acts
    if reading.english and _FORMER_EN.search(reading.folded, max(0, mention.start - 12), mention.start):
        return False  # a former premier, an ex-mayor of Tainan: a speaker's past post, not the place acting
    if mention.place.kind in (TW_NATIONAL, PARTNER_BODY, TW_PERSON, TW_SCHOOL):
        return True  # (schools are only looked for in the lead)
    if reading.folded[max(0, mention.start - 1) : mention.start] == "前" and (
        reading.folded[mention.end : mention.end + 1] != "往"
    ):
        return False  # 前倫敦市長: a former mayor, a speaker's title, not the place acting
    if mention.place.name.endswith("黨") and (
        _PARTY_MEMBER_AFTER.match(reading.folded, mention.end)
        or _PARTY_MEMBER_BEFORE.search(reading.folded, max(0, mention.start - 40), mention.start)
    ):
        return False  # a politician's party (民進黨籍立委, a veteran of the ruling DPP): no act of the party
    if mention.place.kind == TW_BODY:
        # A body (a company, a party, an association) acts when the item opens with it; named later, it is
        # background (台積電 in a city's visit story).
        return mention.start < reading.title_end + _BODY_LEAD * reading.scale
    if mention.surface.endswith(_GOV_SURFACE) and not fold_name(mention.place.name).startswith(
        mention.surface
    ):  # the alias is a government form itself (高市府, 北市議會); 別府 and 大阪府 are names
        return True
    if (
        mention.surface[-1] in "市縣都道府町村區鎮鄉"
        and reading.folded[mention.end : mention.end + 1] == "長"
    ):
        return True
    if (  # 熊本縣蒲島郁夫知事; but 宮崎縣高千穗町町長 is the town's head, not the prefecture's
        mention.place.country != "Taiwan"
        and not _address_of_next(reading, mention, starts)
        and _NAME_THEN_TITLE.match(reading.folded, mention.end)
    ):
        return True
    if (
        mention.place.country != "Taiwan"
        and mention.place.kind in _PLACE_KINDS
        and _VISITED_BEFORE.search(reading.folded, max(0, mention.start - 9), mention.start)
        and not _address_of_next(reading, mention, starts)
    ):
        return True  # 31日將造訪石垣市: the place a delegation calls on is a counterpart
    if (
        mention.place.country != "Taiwan"
        and _WITH_BEFORE.search(reading.folded, max(0, mention.start - 10), mention.start)
        # 與佐賀縣嬉野市締結: an address, the town is the counterpart
        and not _address_of_next(reading, mention, starts)
        and _EXCHANGE_AFTER.match(reading.folded, mention.end)
    ):
        return True  # 將與亞利桑那州產官學界交流: the counterpart of an exchange
    if (
        mention.place.kind in _PLACE_KINDS
        and _JA_CALLED_ON_AFTER.match(reading.folded, mention.end)
        and not _YOUNG_TRAVELLERS.search(
            reading.folded, _sentence_start(reading, mention.start), mention.start
        )
    ):
        # 姉妹町の虎尾鎮を訪問, 県庁を訪れ: the place a Japanese report's visitors call on hosts them (where
        # pupils go, 生徒らが埔里鎮を訪問, is their trip's destination)
        return True
    if (
        mention.place.country != "Taiwan"
        and mention.place.kind in _PLACE_KINDS
        and reading.folded[mention.end : mention.end + 1] in ("は", "が")
        and _sentence_start(reading, mention.start) == mention.start
    ):
        return True  # 玉川村は1日、…を任命した: the place opening a Japanese sentence as its subject
    if reading.folded[max(0, mention.start - 3) : mention.start] == "'s ":
        return False  # the JTEA's Taipei office: where a body's office is, not the place acting
    government = _GOV_AFTER.match(reading.folded, mention.end)
    if government is not None:
        # 南投縣政府前觀光處長: a former officer speaks for no one
        return not _FORMER.match(reading.folded, government.end())
    return reading.folded[max(0, mention.start - 13) : mention.start].endswith(_HEAD_OF)


# Mayor of Fukuoka, the head of Xiulin Township: the place a head governs acts.
_HEAD_OF = (
    "mayor of ",
    "governor of ",
    "city of ",
    "mayor of the ",
    "governor of the ",
    "head of ",
    "chief of ",
)


def _witness_anywhere(reading: Reading, name: str) -> bool:
    """A head who witnesses the signing (平井伸治也親自出席見證) came for it, whatever they say later."""
    folded = fold_name(name)
    start = reading.folded.find(folded)
    while start >= 0:
        end = start + len(folded)
        if _WITNESS.match(reading.folded, end, end + 40) or _ABSENT_SENDS.match(reading.folded, end):
            return True
        start = reading.folded.find(folded, start + 1)
    return False


_JA_CALLED_ON_AFTER = _compile(r"(?:役所|役場|公所|政府|庁)?を(?:表敬)?(?:訪問|訪れ|表敬)")
_TOKYO_BEFORE = _compile(r"(?:東京都?|tokyo'?s?)\s?$")
_FORMER = _compile(r"前(?!往|來|進|夕|天|年|日)|任內")
# ... and in English, right before the post (a former premier, the ex-mayor)
_FORMER_EN = _compile(r"\b(?:former |ex-|ex )(?:[a-z]+ )?$")


_CAPITAL_GAP = _compile(r"(?:首府|首都|省會|州都|縣廳所在地)?")


def _address_of_next(reading: Reading, mention: Mention, starts: frozenset[int]) -> bool:
    """The place is written as the address of the next one (佐賀縣嬉野市, 昆士蘭州首府布里斯本)."""
    gap = _CAPITAL_GAP.match(reading.folded, mention.end)
    return mention.end in starts or (gap is not None and gap.end() in starts)


_HEAD_AFTER = _compile(r"(?:長|\s?(?:mayor\b|governor\b|" + GOVERNOR_ABBREVIATION + "))")


def _headed(reading: Reading, candidate: _Candidate) -> bool:
    """A foreign place whose head takes part (陸奧市長, 銚子市の越川信一市長, Mutsu Mayor Kazunori Yamamoto,
    the mayor of the town of Kamiita): a participant, however rarely named."""
    if candidate.place.kind not in FOREIGN_PLACE_KINDS:
        return False
    stem = candidate.place.name[:-1]
    if len(stem) >= 2 and re.search(re.escape(stem) + _GIVEN_NAME_THEN_TITLE.pattern, reading.folded):
        return False  # 村上市長 beside 村上大祐市長: the mayor's surname, not the city of that name
    for m in candidate.mentions or []:
        if m.start >= reading.title_end + _LEAD_CHARS * reading.scale:
            continue
        if m.place.head and _acts(reading, m):
            return True  # 宮下宗一郎知事: the governor, named
        # (a full name: 村上 alone before 大祐市長 is the mayor's surname)
        if (m.surface[-1] in "市縣都道府町村州" or m.surface.isascii()) and (
            _HEAD_AFTER.match(reading.folded, m.end) or _NAME_THEN_TITLE.match(reading.folded, m.end)
        ):
            return True
        if _HEAD_OF_BEFORE.search(reading.folded, max(0, m.start - 17), m.start):
            return True  # the mayor of the town of Kamiita
    return False


# A prefecture's or province's own government named after it (熊本縣知事, 石川縣議會, 宮崎縣政府, Oita
# Prefectural Government, Gov.).
_GOVERNMENT_AFTER = _compile(
    r"(?:縣|県|府|都|道|省|州)?(?:副?知事|政府|縣府|府廳|縣廳|縣庁|都庁|道庁|廳|庁|議會|議会|議員|當局|副?省長|副?州長)"
    r"|[\u4e00-\u9fff]{1,4}局"  # 亞利桑那州商務局, 群馬縣觀光局: a bureau of its government
    r"|(?: prefecture| province| state)?(?:'s)? ?(?:prefectural |provincial |state )?"
    r"(?:government|governor|assembly|gov\u2024|legislat\w*|lawmakers?|senators?)"
)


def _governed(reading: Reading, candidate: _Candidate) -> bool:
    """The place's own government or head takes part: its governor, office or assembly is named."""
    if _headed(reading, candidate):
        return True
    # (a government that only witnesses, 千葉縣副知事到場見證, takes no part)
    return any(
        _GOVERNMENT_AFTER.match(reading.folded, m.end)
        and not _WITNESS.match(reading.folded, m.end, m.end + 40)
        and not _ABSENT_SENDS.match(reading.folded, m.end)
        for m in candidate.mentions or []
    )


# Where a meeting is: in Sapporo, at the association's Tokyo headquarters.
_AT_OR_IN_BEFORE = _compile(r"\b(?:in|at)\b[^,.;\n]{0,25}$")
_HEAD_OF_BEFORE = _compile(r"\b(?:mayor|governor|head) of (?:the )?$")


def _called_on(reading: Reading, candidate: _Candidate) -> bool:
    """A delegation calls on the place (造訪石垣市): a stop of the trip, however briefly named."""
    return any(
        _VISITED_BEFORE.search(reading.folded, max(0, m.start - 9), m.start) for m in candidate.mentions or []
    )


# A visit verb right before a foreign place: the place called on (造訪石垣市, 拜訪熊本市).
_VISITED_BEFORE = _compile(
    r"(?:造訪|拜訪|拜會|參訪|訪問)(?:日本|美國|韓國)?(?:[\u4e00-\u9fff]{2,3}[縣州省道府都])?$"
)
# A foreign place right after 與/和/跟/同 whose clause goes on to an exchange, a talk or a pact is the
# counterpart (與亞利桑那州產官學界交流, 和熊本縣簽署備忘錄).
# A wish is no event (可以與成田市交流); an address counts for its town (與千葉縣館山市).
_WITH_BEFORE = _compile(
    r"(?<!可以)(?<!可)(?<!應)(?<!能)(?<!盼)(?<!希望)(?<!期待)(?<!期盼)"
    r"[與和跟同](?:日本|美國|韓國|菲律賓|捷克)?(?:[\u4e00-\u9fff]{2,4}?[縣州省道府都])?$"
)
_EXCHANGE_AFTER = _compile(
    r"(?!姊妹|姐妹|友好|各|的|境內|地區)(?:(?!之間|\d{4}|曾|已)[^。，,；;\n]){0,8}?"
    r"(?:交流|合作|會談|會晤|座談|對談|洽談|簽署|簽訂|締結|締盟|結盟|互訪)"
)


def _not_actor(reading: Reading, mention: Mention) -> bool:
    if mention.place.kind == COUNTRY:
        return _NATIONALITY_AFTER.match(reading.folded, mention.end) is not None
    if mention.place.kind in (TW_NATIONAL, TW_BODY, PARTNER_BODY):
        return _a_go_between(reading, mention) or _escorting(reading, mention)
    if mention.place.kind == TW_PERSON:
        return False
    if _a_surname(reading, mention):
        return True
    return (
        _NOT_ACTOR_AFTER.match(reading.folded, mention.end) is not None
        or _ORIGIN_AFTER.match(reading.folded, mention.end) is not None
        or (mention.place.country != "Taiwan" and _taiwans_office_there(reading, mention))
    )


def _taiwans_office_there(reading: Reading, mention: Mention) -> bool:
    if _TAIWAN_OFFICE_BEFORE.search(reading.folded, max(0, mention.start - 30), mention.start):
        return True
    owner = _TAIWAN_OFFICE_OWNER.search(reading.folded, max(0, mention.start - 10), mention.start)
    return owner is not None and _TAIWAN_OFFICE_AFTER.match(reading.folded, mention.end) is not None


# A Japanese place's bare name opening a person's name before their title, after a possessive, a list
# mark or a sentence's start (別府市的長野恭紘市長, 、福島瑞穗議員, 宮崎謙介氏), or right after a title
# (福岡市長高島宗一郎): a surname, not the place.
# The given name may not open with a level or rank word (熊本市議員, 福岡副市長: the places' own officers).
_GIVEN_NAME_THEN_TITLE = _compile(
    r"(?![市町村縣都道府區郡副前新])[\u4e00-\u9fff]{1,3}"
    r"(?:市長|町長|村長|知事|議員|議長|氏|さん|先生|大使|社長|會長|監督|選手|部長|局長|教授)"
)
_LEVEL_ENDINGS = ("縣", "市", "町", "村", "都", "道", "府", "區")
_TITLE_BEFORE = _compile(r"(?:市長|知事|町長|村長|議長|議員|大使|首相|總理|大臣)$")
_GIVEN_NAME = _compile(r"(?![市町村縣都道府區郡])[\u4e00-\u9fff]{1,3}")
_NAME_OPENERS = frozenset("的の、與和及,，。「『(（ \n")


# Another place named before a head's surname and title (福岡市の高島市長): the surname is no town.
_ANOTHER_PLACE_S_HEAD = _compile(r"[\u4e00-\u9fff]{1,4}[市町村縣県]の$")


def _a_surname(reading: Reading, mention: Mention) -> bool:
    if mention.place.kind not in (JP_PREF, JP_MUNI) or mention.place.head:
        return False  # (a head's own name, 大西一史, stands for their place)
    if _ANOTHER_PLACE_S_HEAD.search(reading.folded, max(0, mention.start - 8), mention.start) and (
        reading.folded[mention.end : mention.end + 1] == "長"
    ):
        return True  # 福岡市の高島市長: Fukuoka's mayor by his surname, not the city of 高島
    if mention.surface.endswith(_LEVEL_ENDINGS):
        return False
    if _TITLE_BEFORE.search(reading.folded, max(0, mention.start - 4), mention.start):
        # 福岡市長高島宗一郎: the name a title introduces
        return _GIVEN_NAME.match(reading.folded, mention.end) is not None
    if mention.start > 0 and reading.folded[mention.start - 1] not in _NAME_OPENERS:
        return False  # 訪沖繩拜會知事: a verb before the place, whose sentence goes on
    return _GIVEN_NAME_THEN_TITLE.match(reading.folded, mention.end) is not None


# A body money or a message passes through (捐款將透過台灣日本關係協會…轉交熊本縣政府, 交給交流協會…再
# 轉交長野縣): a go-between, neither a party nor a partner.
_THROUGH_BEFORE = _compile(r"(?:透過|經由|藉由|委由|交給|交由|送交|via|through)[^。，,\n]{0,16}$")
_HANDED_AFTER = _compile(r"[^。\n]{0,30}?(?:轉交|轉贈|轉達|轉致|轉送|passed on|forwarded|handed on)")


# English escorts and side meetings with one's own side (accompanied by officials of the Taipei Economic and
# Cultural Office, to meet staff of the office), and an office that carries a gift on another's behalf: the
# office goes along, it does not act.
_ESCORT_BEFORE = _compile(
    r"\b(?:accompanied|escorted|joined) by (?:(?:officials?|staff|representatives?|members?) (?:of|from) )?"
    r"(?:the )?$|\bmeet (?:with )?(?:officials?|staff) (?:of|from) (?:the )?$"
)
_ON_BEHALF_AFTER = _compile(
    r"[^.\n]{0,60}?\b(?:carried|delivered|handed|passed|conveyed|presented)\b"
    r"[^.\n]{0,20}?\bon [^.\n]{1,30}?behalf"
)


def _escorting(reading: Reading, mention: Mention) -> bool:
    return (
        _ESCORT_BEFORE.search(reading.folded, max(0, mention.start - 50), mention.start) is not None
        or _ON_BEHALF_AFTER.match(reading.folded, mention.end) is not None
    )


def _a_go_between(reading: Reading, mention: Mention) -> bool:
    if _JA_THROUGH_AFTER.match(reading.folded, mention.end):
        return True  # 代表処を通じて花蓮県に届ける: the money passes through it
    if _BROKER_AFTER.match(reading.folded, mention.end) or _BROKER_BEFORE.search(
        reading.folded, max(0, mention.start - 30), mention.start
    ):
        return True  # 交流協会の仲介で実現, 両者を引き合わせたのは…: it brought the sides together
    through = _THROUGH_BEFORE.search(reading.folded, max(0, mention.start - 20), mention.start)
    return through is not None and _HANDED_AFTER.match(reading.folded, mention.end) is not None


# A body that brought the two sides together (日本台湾交流協会の仲介で, 交流協會牽線, 經由…, introduced by).
_BROKER_AFTER = _compile(
    r"(?:[^。\n]{0,6}?事務所)?(?:の|が)?(?:仲介|紹介で|橋渡し|引き合わせ|斡旋|牽線|媒合)"
)
_BROKER_BEFORE = _compile(
    r"(?:引き合わせたのは|仲介したのは)[^。、，\n]{0,14}$|(?:經由|\bbrokered by|\bintroduced by)\s?(?:the )?$"
)
# Money passing through a body in Japanese (を通じて…届ける, に託した): read right after a body's name here,
# and after Taiwan's office named by a short form anywhere in the text (_OFFICE_PASSES_ON).
_JA_THROUGH = r"を(?:通じ|通し|介し)て[^。\n]{0,20}?(?:届け|贈|渡|送)|に託(?:し|す|され)"
_JA_THROUGH_AFTER = _compile(_JA_THROUGH)


def _is_venue(reading: Reading, mention: Mention) -> bool:
    return bool(_VENUE_BEFORE.search(_before(reading, mention.start))) or bool(
        _VENUE_AFTER.match(_after(reading, mention.end))
    )


def _in_time(place: Place, published: date | None) -> bool:
    """A generic former name before its end, a person's post while they held it; without a date, the
    person's last post."""
    if published is None:
        return place.latest
    if place.until is not None and published >= place.until:
        return False
    return place.since is None or published >= place.since


# A title beside a person's name tells which of their posts the item means (市長陳菊, 賴清德總統).
_LOCAL_TITLE_BEFORE = _compile(r"(?:市長|縣長|mayor|magistrate)\s?$")
_LOCAL_TITLE_AFTER = _compile(r"\s?(?:,\s?)?(?:市長|縣長|mayor|magistrate)")
_NATIONAL_TITLE_BEFORE = _compile(
    r"(?:總統|副總統|院長|閣揆|部長|秘書長|代表|president|premier|minister|speaker)\s?$"
)
_NATIONAL_TITLE_AFTER = _compile(r"\s?(?:總統|副總統|院長|閣揆|部長|秘書長|代表)")
_YEAR = _compile(r"(?<!\d)((?:19[5-9]|20[0-4])\d)(?=\s?年|[/.-]\d)")


def _text_year(reading: Reading) -> date | None:
    """Without a publication date, the latest year the item names (2013亞太城市高峰會) dates it roughly."""
    years = [int(y) for y in _YEAR.findall(reading.dated)]
    return date(max(years), 7, 1) if years else None


def _post_titles(reading: Reading, mentions: list[Mention]) -> dict[str, bool]:
    """Person -> whether the item titles them with a national post (True) or a local one (False), read
    from the first mention with a title (市長陳菊, 賴清德總統); later bare mentions mean the same post."""
    titled: dict[str, bool] = {}
    for mention in mentions:
        person = mention.place.parent
        if mention.place.kind != TW_PERSON or person is None or person in titled:
            continue
        before = _before(reading, mention.start, 10)
        after = reading.folded[mention.end : mention.end + 6]
        local = _LOCAL_TITLE_BEFORE.search(before) or _LOCAL_TITLE_AFTER.match(after)
        national = _NATIONAL_TITLE_BEFORE.search(before) or _NATIONAL_TITLE_AFTER.match(after)
        if bool(local) != bool(national):
            titled[person] = bool(national)
    return titled


def _person_post(mention: Mention, titled: dict[str, bool], when: date | None) -> bool:
    """Whether this reading of a person (one of their posts) is the one the item means: the post its
    title names, else the post held when the item was written."""
    place = mention.place
    national = titled.get(place.parent or "")
    if national is not None:
        return (place.name == NATIONAL_PARTY) == national
    return _in_time(place, when)


_CANDIDATE_BEFORE = _compile(r"(?:總統|副總統)?(?:參選人|候選人)\s?$")
_CANDIDATE_AFTER = _compile(r"\s?(?:參選人|候選人|大選|選舉)")
_FORMER_BEFORE = _compile(r"前(?:任)?(?:總統|副總統|行政院長|院長|部長|市長|縣長)?\s?$")


def _not_in_office(reading: Reading, mention: Mention) -> bool:
    """A post named for a candidacy (總統參選人, 總統大選) or a former holder (前總統馬英九)."""
    if mention.place.kind == TW_NATIONAL and _CANDIDATE_AFTER.match(reading.folded, mention.end):
        return True
    before = reading.folded[max(0, mention.start - 5) : mention.start]
    return bool(_FORMER_BEFORE.search(before)) and not before.endswith(("前往", "日前", "目前", "之前"))


def _candidates_running(reading: Reading, mentions: list[Mention]) -> set[str]:
    """Office holders the item presents as a party's candidate (國民黨總統參選人侯友宜)."""
    return {
        m.place.parent
        for m in mentions
        if m.place.kind == TW_PERSON
        and m.place.parent
        and _CANDIDATE_BEFORE.search(reading.folded, max(0, m.start - 8), m.start)
    }


def _mentions(
    reading: Reading, index: PlaceIndex, published: date | None, japanese_source: bool = False
) -> list[Mention]:
    """Gazetteer mentions that can be actors (step 2). A Japanese paper's or municipality's own item
    (``japanese_source``) is in Japan's context, whatever its words (Tsuruoka City's English release)."""
    found = _oakland_or_auckland(reading, list(index.find(reading.folded)))
    # (an English item may name Japan only through a prefecture: Bihoro Town in Hokkaido)
    japan = (
        japanese_source
        or _JAPAN_CONTEXT.search(reading.folded) is not None
        or any(m.place.kind == JP_PREF for m in found)
    )
    kept: list[Mention] = []
    when = published or _text_year(reading)
    titled = _post_titles(reading, found)
    candidates = _candidates_running(reading, found)
    for mention in found:
        place = mention.place
        if place.needs_context and not japan:
            continue
        if place.needs_context and mention.surface.isascii() and not _capitalised(reading, mention):
            continue  # romaji of an obscure town must be capitalised (Matsue, not "matsue" in a word list)
        if place.kind == TW_PERSON and place.parent in candidates:
            continue  # 國民黨總統參選人侯友宜: a candidate travels for the party, not for the city he runs
        if place.kind == TW_SCHOOL and mention.start >= reading.title_end + _SCHOOL_LEAD:
            continue  # schools are parties in the lead only, as those found by pattern (_schools)
        if place.kind in (TW_NATIONAL, TW_PERSON) and _not_in_office(reading, mention):
            continue  # 總統參選人, 前總統馬英九: a candidate or a former holder acts for no government
        if place.kind == TW_PERSON and not (place.latest and place.since is None and place.until is None):
            if not _person_post(mention, titled, when):
                continue
        elif not _in_time(place, published):
            continue
        if _not_actor(reading, mention):
            continue
        if (
            place.kind == JP_MUNI
            and place.parent == "東京都"
            and place.name.endswith("區")
            and not mention.surface.endswith(" ward")
            and not _TOKYO_BEFORE.search(reading.folded, max(0, mention.start - 9), mention.start)
        ):
            # 港區, 中央區: Tokyo's wards are named with Tokyo; alone they are words (the port area). English
            # names one by its kind (Ota Ward Mayor).
            continue
        if place.kind in _PLACE_KINDS and _inside_a_name(reading, mention):
            continue  # Deputy Mayor Lee Ssu-chuan (李四川): a person's given name, not Sichuan
        if (
            place.kind in _PLACE_KINDS
            and reading.folded[mention.start - 1 : mention.start] == "駐"
            and mention.start
        ):
            continue  # 駐台北韓國代表部, 駐舊金山辦事處: where a mission sits, not who acts
        if (
            place.kind == TW_NATIONAL
            and mention.surface.endswith("部")
            and reading.folded[mention.start - 1 : mention.start] in _DEPARTMENT_PREFIX
            and mention.start > 0
        ):
            continue  # 群馬県産業経済部: a Japanese prefecture's department, not Taiwan's ministry
        kept.append(_city_by_its_head(reading, index, _mayor_by_surname(reading, mention, found)))
    return kept


def _mayor_by_surname(reading: Reading, mention: Mention, found: list[Mention]) -> Mention:
    """高島市長 in an item that names 高島宗一郎, mayor of Fukuoka: Mayor Takashima, not Takashima City."""
    if mention.place.kind != JP_MUNI or reading.folded[mention.end : mention.end + 1] != "長":
        return mention
    stem = mention.surface[:-1]
    heads = [
        m.place for m in found if m.place.head and m.place.head.startswith(stem) and m.place != mention.place
    ]
    return (
        Mention(heads[0], mention.start, mention.end, mention.surface)
        if len(stem) >= 2 and heads
        else mention
    )


def _inside_a_name(reading: Reading, mention: Mention) -> bool:
    """A place written as the given name of a Chinese name: in brackets after its romanisation (Lee
    Ssu-chuan (李四川)), or after a surname that a title or a sentence's start opens and before what a
    person does (副市長李四川率領, 。李四川表示); or a town opening on a title's 長 (鎮長與町長: 長與町)."""
    if _TITLE_THEN_AND.match(reading.folded, max(0, mention.start - 1)) and mention.surface.startswith("長"):
        return True
    before = reading.folded[max(0, mention.start - 2) : mention.start].rjust(2, "\n")  # (the text's start)
    after = reading.folded[mention.end : mention.end + 1]
    if before[1] not in _SURNAMES:
        return False
    if before[0] in "(（" and after in (")", "）"):
        return True
    opened = before[0] in _NAME_OPENERS or _CHINESE_TITLE_BEFORE.search(
        reading.folded, max(0, mention.start - 4), mention.start - 1
    )
    return (
        bool(opened)
        and len(mention.surface) == 2
        and not mention.surface.endswith(_LEVEL_ENDINGS)
        and _DOES_AFTER_NAME.match(reading.folded, mention.end) is not None
    )


# Two heads joined (鎮長與町長, 市長和町長): the 長 ends the first title, not a town's name.
_TITLE_THEN_AND = _compile(r"[鎮鄉市區町村縣會社處局部]長[與和及]")
# What a title ends with before a name (副市長, 局長, 議員, 主任委員, 董事長), and what a person does right
# after their name (率領, 表示, 說, 今天…): with both, a surname and a place's bare name make a person.
_CHINESE_TITLE_BEFORE = _compile(r"(?:長|員|委|任|理|書|師|人)$")
_DOES_AFTER_NAME = _compile(
    r"(?:率|表示|說|指出|強調|認為|致詞|則|也|今|昨|日前|於|在|與|和|、|，|,|。|出席|前往|接見|拜會|會見|"
    r"等|及|親自|特別|上午|下午|晚間|隨後|一行|代表|主持|宣布|答詢|回應|"
    r"副|(?:市|縣|局|處|院|部|署|會|社|校|鄉|鎮|區|團)長|主委|議員|委員)"
)


# An English item naming a Japanese town by its bare romaji and then placing it (Mugi, a coastal town in
# Japan's Tokushima Prefecture; Kikuyo, the town in Kumamoto Prefecture that hosts ...; a village of some
# 6,000 people in Fukushima Prefecture): that town.
# (also placed further on, "a town at the northern tip of Aomori Prefecture", or before, "the Kumamoto
# Prefecture town where ...")
_REGION = r"(?:north|south)?(?:east|west)?ern |central "  # (northern, southwestern, central)
_WHERE_IN_JAPAN = rf"(?:japan's |{_REGION})*"
_TOWN_IN_PREFECTURE = _compile(
    r"\b([a-z][a-z-]{2,}), (?:a|the) (?:[a-z-]+ ){0,3}?(?:town|city|village|port) (?:in|at|on|of) "
    r"(?:[a-z0-9,-]+ ){0,5}?" + _WHERE_IN_JAPAN + r"([a-z]+)(?: prefecture|(?<=hokkaido))"
)
_PREFECTURE_TOWN = _compile(
    r"\b([a-z][a-z-]{2,}), (?:a|the) (?:[a-z-]+ ){0,2}?([a-z]+) prefecture "
    r"(?:[a-z-]+ ){0,2}?(?:town|village)\b"
)
# ...or only called a town (in Assabu, a farming town that ...): the one Japanese town of that name (the
# empty group stands for the prefecture these two name none of).
_A_TOWN = _compile(r"\b([a-z][a-z-]{2,}), (?:a|the) (?:[a-z-]+ ){0,3}?(?P<kind>town|village)\b()(?! in\b)")
# ...or called a town right after its name (Kusatsu hot spring town signs ...: 草津町, not Shiga's 草津市).
_NAME_THEN_TOWN = _compile(r"\b([a-z][a-z-]{3,}) (?:[a-z-]+ ){0,3}?(?P<kind>town|village)\b()(?! of\b)")
# ...or "the town of Higashikawa in Hokkaido", "the town of Oma in Japan's Aomori Prefecture".
_TOWN_OF = _compile(
    r"\b(?:town|village) of ([a-z][a-z-]{2,})(?: in "
    + _WHERE_IN_JAPAN
    + r"([a-z]+)(?: prefecture|(?<=hokkaido)))?"
)


# ...and a Taiwanese township the same way (Suao, a fishing and port town in Yilan County).
_TOWN_IN_COUNTY = _compile(
    r"\b([a-z][a-z'-]{2,}), (?:a|the) (?:[a-z-]+ ){0,4}?(?:town|township|city) in "
    rf"(?:taiwan's |{_REGION})*([a-z]+ (?:county|city))\b"
)


def _english_towns(reading: Reading, mentions: list[Mention]) -> list[Mention]:
    """The mentions with each town an English text places in its prefecture read as that town (Ikeda, a town
    in Hokkaido: 池田町, not Osaka's 池田市)."""
    if not reading.english:
        return mentions
    # (a Japanese prefecture named in the phrase is the town's address and goes too; a Taiwanese county stays)
    places = (
        (_TOWN_IN_COUNTY, township_in, 1),
        (_TOWN_IN_PREFECTURE, municipality_in, 0),
        (_PREFECTURE_TOWN, municipality_in, 0),
        (_A_TOWN, municipality_in, 1),
        (_TOWN_OF, municipality_in, 0),
        (_NAME_THEN_TOWN, municipality_in, 1),
    )
    for pattern, lookup, dropped in places:
        for match in pattern.finditer(reading.folded):
            kind = match.groupdict().get("kind")
            town = (
                lookup(match.group(1), match.group(2))
                if kind is None
                else municipality_in(match.group(1), match.group(2), kind)
            )
            if town is None:
                continue
            span = range(match.start(dropped), match.end(dropped))
            # (a town the gazetteer read there keeps its mention: the mayor of the town of Kamiita; the same
            # bare name elsewhere is this town too, not another place it spells: Kusatsu, the Gunma town, not
            # Shiga's Kusatsu City)
            mentions = [
                m
                for m in mentions
                if (m.start not in span or m.place == town)
                and not (m.surface == match.group(1) and m.place.country == "Japan" and m.place != town)
            ]
            mentions += _named_again(reading, mentions, town, match.group(1))
    return mentions


def _named_again(reading: Reading, mentions: list[Mention], town: Place, name: str) -> list[Mention]:
    """Every bare use of a placed town's name (Zhubei Mayor Cheng, after "Zhubei, a city in Hsinchu
    County"): the gazetteer knows such names only with their kind (Zhubei City)."""
    taken = [(m.start, m.end) for m in mentions]
    return [
        Mention(town, match.start(), match.end(), name)
        for match in re.finditer(rf"\b{re.escape(name)}\b", reading.folded)
        if not any(start <= match.start() < end for start, end in taken)
    ]


def _capitalised(reading: Reading, mention: Mention) -> bool:
    """The romaji name itself starts with a capital (Matsue; the town of Kamiita: its last word)."""
    words = reading.raw[mention.start : mention.end].split()
    name_start = mention.end - len(words[-1]) if words else mention.start
    if mention.surface.endswith((" town", " village")) and len(words) > 1:
        name_start = mention.start
    return reading.raw[name_start : name_start + 1].isupper()


# A mayor or a city named right beside a short name (Kyoto Mayor, mayor of Fukuoka, Okayama City, 熊本市長
# read as 熊本 + 市長): the city, not the prefecture the short name is read as.
_MAYOR_AFTER = _compile(r"\s?(?:city\b|mayor\b|市長|市役所|市政府|市議會)")
_MAYOR_BEFORE = _compile(r"(?:mayor of|city of)\s?(?:the )?$")


def _city_by_its_head(reading: Reading, index: PlaceIndex, mention: Mention) -> Mention:
    place = mention.place
    if place.kind != JP_PREF or not place.short:
        return mention
    if not (
        _MAYOR_AFTER.match(reading.folded, mention.end)
        or _MAYOR_BEFORE.search(reading.folded, max(0, mention.start - 14), mention.start)
    ):
        return mention
    city = _japanese_city(index, place.name[:-1] + "市")
    if city is None:
        return mention
    return Mention(city, mention.start, mention.end, mention.surface)


def _japanese_city(index: PlaceIndex, name: str) -> Place | None:
    """The Japanese city of that name (熊本市), or None."""
    return next((p for p in index.lookup(fold_name(name)) if p.kind == JP_MUNI), None)


# Taiwanese schools, a party of their own when the item opens with them (sister-school pacts, school
# trips): 高雄市陽明國中, 南投縣立大成國中, 國立暨大附中. Named with their owner: 高雄市立陽明國中.
_SCHOOL = _compile(
    r"(市立|縣立|國立|私立)?([\u4e00-\u9fff]{2,4}?)(國民中學|國民小學|高級中學|高中|國中|國小|附中|高工|高商"
    r"|(?<=國立..)大學|(?<=國立...)大學)"  # (a university only with 國立: 國立中興大學)
)
_SCHOOL_LEAD = 100


def _schools(reading: Reading, mentions: list[Mention]) -> list[Mention]:
    found: list[Mention] = []
    end = reading.title_end + _SCHOOL_LEAD
    for county in (m for m in mentions if m.place.kind == TW_COUNTY and not m.place.short and m.start < end):
        # 南投縣立大成國中; Japanese 嘉義県の民雄国民中学
        after = county.end + (reading.folded[county.end : county.end + 1] in ("立", "の"))
        match = _SCHOOL.match(reading.folded, after)
        if match is None or match.group(1):
            continue
        owner = county.place.name + "立"  # 高雄市 -> 高雄市立, 南投縣 -> 南投縣立
        found.append(_school(reading, f"{owner}{match.group(2)}{match.group(3)}", county.start, match))
    for match in _SCHOOL.finditer(reading.folded, 0, end):
        if match.group(1) == "國立" and not _foreign_national(reading, mentions, match):
            # a national school needs no county (國立暨大附中)
            found.append(_school(reading, f"國立{match.group(2)}{match.group(3)}", match.start(), match))
    found += _bare_schools(reading, mentions, end)
    listed = [m for m in mentions if m.place.kind == TW_SCHOOL]  # (known by their usual names: 北一女中)
    return [
        m
        for m in found
        if not any(ch in m.place.name for ch in "的與和及在、")
        and not any(s.start < m.end and m.start < s.end for s in listed)
    ]


def _foreign_national(reading: Reading, mentions: list[Mention], match: re.Match[str]) -> bool:
    """日本國立鹿兒島大學: a Japanese national university, named after a foreign place or after 日本."""
    return reading.folded[max(0, match.start() - 2) : match.start()] == "日本" or any(
        match.start(2) <= m.start < match.end(2) and m.place.country != "Taiwan" for m in mentions
    )


# A junior high or primary school named without its owner (陽明國中今天與…): those are run by the county or
# city, so in an item about one county or city it is that one's (高雄市立陽明國中).
_BARE_SCHOOL = _compile(
    r"(?:^|(?<=[\s,，。、:：「（(與和及]))([\u4e00-\u9fff]{2,3}?)(國中|國小|國民中學|國民小學)(?!小|生|學生|部|階段|教育)"
)


def _bare_schools(reading: Reading, mentions: list[Mention], end: int) -> list[Mention]:
    counties = {
        m.place.name
        for m in mentions
        if m.place.kind == TW_COUNTY and m.start < reading.title_end + _LEAD_CHARS * reading.scale
    }
    if len(counties) != 1:
        return []
    owner = next(iter(counties)) + "立"
    starts = {m.start for m in mentions}
    return [
        _school(reading, f"{owner}{match.group(1)}{match.group(2)}", match.start(1), match)
        for match in _BARE_SCHOOL.finditer(reading.folded, 0, end)
        if match.start(1) not in starts  # 日本國中生: a place, not a school's name
        and match.group(1)[-1] not in "市縣區鄉鎮省州內"  # (市內國中: the city's schools)
        and match.group(1)[0] not in _NOT_NAME_START
    ]


_NOT_NAME_START = frozenset("但而並也就都還又再與和及的在是由從")
# A school under its usual short name, as the conventions write it (國立嘉義高級中學 -> 國立嘉義高中).
_SCHOOL_SHORT_FORMS = (("高級中學", "高中"), ("國民中學", "國中"), ("國民小學", "國小"))


# An association is named after its township, county or city (嘉義縣農會, 臺中市商業會,
# 高雄市旅行商業同業公會): a body of its own, not the government (annotation conventions).
_ASSOCIATION_AFTER = _compile(
    r"(?:地區)?(?:農會|漁會)|商業會|工業會|[\u4e00-\u9fff]{0,6}?同業公會|(?:工)?商會|觀光協會"
)
# Farmers' and fishermen's associations, often named by their township's bare stem (西螺農會, 東港區漁會,
# 大湖地區農會): read back from the word, and named in full with the county's prefix, as the annotation
# conventions do (雲林縣西螺鎮農會, 屏東縣東港區漁會, 苗栗縣大湖地區農會; 澎湖區漁會 is a county's own).
_FARM_BODY = _compile(r"農會|漁會")
_TOWN_UNITS = "鄉鎮市"


def _associations(reading: Reading, mentions: list[Mention]) -> list[Mention]:
    """The mentions with each farmers' or fishermen's association, and each Taiwanese township, county or
    city that names another association, read as the association (the places inside their names
    dropped)."""
    farm = _farm_bodies(reading, mentions)
    kept: list[Mention] = list(farm)
    for mention in mentions:
        if any(body.start <= mention.start < body.end for body in farm):
            continue  # 東港 in 東港區漁會: part of the body's name
        match = _ASSOCIATION_AFTER.match(reading.folded, mention.end)
        if mention.place.kind not in (TW_COUNTY, TW_TOWN) or match is None:
            kept.append(mention)
            continue
        body = Place(TW_BODY, _party_key(mention.place) + match.group(), None, "Taiwan", "organisation")
        kept.append(Mention(body, mention.start, match.end(), reading.folded[mention.start : match.end()]))
    return sorted(kept, key=lambda m: m.start)


def _farm_bodies(reading: Reading, mentions: list[Mention]) -> list[Mention]:
    # (the counties an item names, also as the county of a township it names: 臺東縣成功鎮)
    counties = set(_county_stems().values())
    named = {name for m in mentions for name in (m.place.name, m.place.parent) if name in counties}
    found: list[tuple[Mention, bool]] = []  # (the mention, whether it writes its area or unit)
    for word in _FARM_BODY.finditer(reading.folded):
        start, area, unit = word.start(), "", ""
        start -= reading.folded[start - 1 : start] == "の"  # (Japanese: 高樹郷の農会, 東港の漁会)
        if reading.folded[start - 2 : start] == "地區":
            area, start = "地區", start - 2
        elif reading.folded[start - 1 : start] == "區":
            area, start = "區", start - 1
        elif reading.folded[start - 1 : start] in _TOWN_UNITS:
            unit, start = reading.folded[start - 1], start - 1
        for size in (2, 3):
            stem = reading.folded[max(0, start - size) : start]
            name = _farm_body_name(stem, area, unit, word.group(), named)
            if name is not None:
                begin = _with_its_county(reading, start - size, name)
                body = Place(TW_BODY, name, None, "Taiwan", "organisation")
                found.append(
                    (Mention(body, begin, word.end(), reading.folded[begin : word.end()]), bool(area))
                )
                break
    found += [(m, False) for m in _english_farm_bodies(reading)]
    bodies = _in_its_fullest_form(found)
    return bodies + _referred_to(reading, bodies)


# ...and in English (the Su'ao Fishermen's Association, Madou District Farmers' Association).
_EN_FARM_BODY = _compile(
    r"\b([a-z][a-z'’-]+) (?:(?:district|township|town|city|county) )?"
    r"(farmers|fishermen)['’]?s?['’]? association"
)


def _english_farm_bodies(reading: Reading) -> list[Mention]:
    found = []
    for match in _EN_FARM_BODY.finditer(reading.folded):
        word = "農會" if match.group(2) == "farmers" else "漁會"
        county, towns = county_named(match.group(1)), townships_named(match.group(1))
        if county is None and len(towns) != 1:
            continue
        name = _county_association(word, county) if county else _township_association(word, towns[0])
        body = Place(TW_BODY, name, None, "Taiwan", "organisation")
        found.append(Mention(body, match.start(), match.end(), match.group()))
    return found


def _in_its_fullest_form(found: list[tuple[Mention, bool]]) -> list[Mention]:
    """One association written in several forms (大湖農會, 苗栗縣大湖地區農會) takes the form that writes its
    area (annotation conventions: the fullest form the item writes)."""
    fullest = {_farm_key(m.place.name): m.place for m, explicit in found if explicit}
    return [replace(m, place=fullest.get(_farm_key(m.place.name), m.place)) for m, _ in found]


def _farm_key(name: str) -> str:
    return re.sub(r"(?:鄉|鎮|市)?(?:地區|區)?(?=[農漁]會$)", "", name)


# A bare 農會, 漁會 or 本會 after one association is named (由農會總幹事…陪同參觀農會的…): that one
# again.
_FARM_REFERENCE = _compile(r"(?:(?<=[\s,，。、:：「由到在與和及])|^)(?:該|本)?區?(?:農會|漁會)|本會")


def _referred_to(reading: Reading, bodies: list[Mention]) -> list[Mention]:
    if len({m.place.name for m in bodies}) != 1:
        return []
    first = bodies[0]
    return [
        Mention(first.place, match.start(), match.end(), match.group())
        for match in _FARM_REFERENCE.finditer(reading.folded)
        if not any(m.start <= match.start() < m.end for m in bodies)
        and (match.start() < reading.title_end or match.start() > first.start)
    ]


def _farm_body_name(stem: str, area: str, unit: str, word: str, named: set[str]) -> str | None:
    """The association's full name, or None when the stem names no one township or county."""
    county = _county_stems().get(stem)
    if county is not None and not unit:
        return _county_association(word, county)
    towns = [t for t in _township_stems().get(stem, []) if not unit or t.name.endswith(unit)]
    if len(towns) > 1:
        towns = [t for t in towns if t.parent in named]
    if len(towns) != 1:
        return None
    if named and towns[0].parent not in named:
        # 新港區漁會 in a Taitung item: not 嘉義縣新港鄉's; a name of its own, as written
        return f"{stem}{area}{unit}{word}"
    return _township_association(word, towns[0], area)


def _county_association(word: str, county: str) -> str:
    """A county's own association: 澎湖區漁會, 屏東縣農會."""
    return f"{county[:-1]}區漁會" if word == "漁會" else f"{county}農會"


def _township_association(word: str, town: Place, area: str = "") -> str:
    """A township's association with its county's prefix (雲林縣西螺鎮農會, 苗栗縣大湖地區農會); a fishermen's
    association serves a fishing area (宜蘭縣蘇澳區漁會)."""
    if area or word == "漁會":
        return f"{town.parent}{town.name[:-1]}{area or '區'}{word}"
    return f"{town.parent}{town.name}{word}"


def _with_its_county(reading: Reading, start: int, name: str) -> int:
    """Where the body's name begins: at its county when the text writes it right before (屏東縣東港區漁會)."""
    for county, stem in ((c, s) for s, c in _county_stems().items() if name.startswith(c)):
        for form in (fold_name(county), fold_name(stem)):
            if reading.folded[max(0, start - len(form)) : start] == form:
                return start - len(form)
    return start


@functools.cache
def _township_stems() -> dict[str, list[Place]]:
    """A township's name without its last character (西螺鎮 -> 西螺) -> the townships of that stem."""
    stems: dict[str, list[Place]] = defaultdict(list)
    for place in PlaceIndex.load().places:
        if place.kind == TW_TOWN and not place.short and place not in stems[fold_name(place.name[:-1])]:
            stems[fold_name(place.name[:-1])].append(place)
    return dict(stems)


@functools.cache
def _county_stems() -> dict[str, str]:
    """A county's or city's name without its last character (屏東, 澎湖, 臺東) -> its canonical name."""
    return {
        fold_name(p.name[:-1]): p.name
        for p in PlaceIndex.load().places
        if p.kind == TW_COUNTY and not p.short
    }


# A Japanese report cuts a Taiwanese university's name short (台湾・嘉義大, 台湾の静宜大): the university.
_UNIVERSITY_CUT_SHORT = _compile(r"(?:台灣|台湾)(?:・|の)(?:國立)?([\u4e00-\u9fff]{2,6}?)大(?![學学])")


def _universities_cut_short(reading: Reading, mentions: list[Mention]) -> list[Mention]:
    if not reading.japanese:
        return mentions
    found = []
    for match in _UNIVERSITY_CUT_SHORT.finditer(reading.folded):
        university = _universities().get(match.group(1))
        if university is not None:
            found.append(Mention(university, match.start(1), match.end(), match.group()))
    inside = [m for m in mentions if not any(u.start <= m.start < u.end for u in found)]
    return sorted(inside + found, key=lambda m: m.start)


@functools.cache
def _universities() -> dict[str, Place]:
    """A Taiwanese university's stem (嘉義, 成功, 靜宜) -> the university (actors.yaml taiwan_bodies)."""
    return {
        fold_name(place.name).removeprefix("國立").removesuffix("大學"): place
        for place in PlaceIndex.load().places
        if place.kind == TW_BODY and place.name.endswith("大學")
    }


# A Taiwanese firm a Japanese report introduces by its trade (台湾の電子部品メーカー、晶彩精密は;
# 台湾の食品輸入商社「昇陽貿易」; 台中市に本社を置く青果輸入商社「豊果国際」): a firm of its own, named as
# written, in Traditional characters.
_FIRM_INTRODUCED = _compile(
    r"(?:台湾|台灣|本社を置く)[^。「」\n]{0,16}?(?:メーカー|商社|会社|百貨店|企業|業者|大手)"
    r"(?:「([^」\n]{2,14})」|、([\u4e00-\u9fff]{2,10})(?=[（(はがと、]))"
    # (or named with its head office: 台湾の欣曜科技（本社・新竹県竹北市）)
    r"|(?:台湾|台灣)の([\u4e00-\u9fff]{2,10})(?=[（(]本社)"
)


# ...and a Chinese report's Taiwanese firm named with its trade word (台廠聯鉅材料, 台灣華揚材料將在…)
_FIRM_TRADE = r"(?:材料|精密|精工|科技|電子|化學|化工|食品|工業|實業|貿易)"
_FIRM_NAMED = _compile(
    rf"(?:台廠|台灣廠商|臺灣廠商|台商|台灣|臺灣)「?([\u4e00-\u9fff]{{2,4}}{_FIRM_TRADE})(?=[」將在於與宣赴前，,、])"
    # (or after the kind of works it is, placed in Taiwan: 台中大雅的精密機械廠「宏碩精工」,
    # 竹北市的半導體材料廠晶昱材料昨天宣布)
    r"|(?:台|臺|縣|市|鄉|鎮|區)[^。，,「」\n]{0,14}?(?:廠|公司|企業|業者|廠商)「([^」\n]{2,10})」"
    r"|(?:台|臺|縣|市|鄉|鎮|區)[^。，,「」\n]{0,10}?(?:材料|設備|機械|零件|化學品|電子|半導體)大?廠"
    rf"([\u4e00-\u9fff]{{2,4}}{_FIRM_TRADE})"
    r"(?=[將在於與宣赴前昨今，,、])"
    # (an English report's Taiwanese firm with its Chinese name in brackets: Taiwanese specialty chemicals
    # maker Hsin Yuan Chemical Co. (信元化學))
    r"|taiwan(?:ese|'s)? (?:[a-z-]+ ){0,4}?(?:maker|supplier|company|firm|producer|manufacturer) "
    r"(?:[a-z][a-z.&'-]* ){1,5}?\(([\u4e00-\u9fff]{2,10})\)"
)
# Where a firm has its head office is its address, not a party: 桃園市に本社を置く, （本社・新竹県竹北市）,
# 總部位於新竹縣竹北市的, 台中大雅的精密機械廠, the Hsinchu-based company.
_HEAD_OFFICE_AFTER = _compile(
    r"[^。、，,\n]{0,4}?に本社|[^。，,「\n]{0,4}的[^。，,「\n]{0,8}?(?:廠|公司|企業|業者|廠商)|-based\b"
)
_HEAD_OFFICE_BEFORE = _compile(r"(?:總部|總公司|本社)(?:位於|設於|設在|在|[・:：])\s?$")


_READING_AFTER = _compile(r"[（(][^）)]*[）)]?$")


def _named_firms(reading: Reading, mentions: list[Mention]) -> list[Mention]:
    pattern = _FIRM_INTRODUCED if reading.japanese else _FIRM_NAMED
    firms = []
    for match in pattern.finditer(reading.folded):
        group = next(i for i in range(1, (match.lastindex or 1) + 1) if match.group(i))  # (the name's form)
        start, end = match.span(group)
        if any(start <= m.start < end for m in mentions):
            continue  # a firm the gazetteer knows (新光三越)
        # (without a reading in brackets: 雄獅旅遊（ライオントラベル）)
        name = traditional_form(_READING_AFTER.sub("", reading.raw[start:end]))
        firms.append(Mention(Place(TW_BODY, name, None, "Taiwan", FIRM), start, end, match.group(group)))
    if not firms and not any(m.place.level == FIRM for m in mentions):
        return mentions
    return sorted([m for m in mentions if not _head_office(reading, m)] + firms, key=lambda m: m.start)


def _head_office(reading: Reading, mention: Mention) -> bool:
    return mention.place.kind in (TW_COUNTY, TW_TOWN) and (
        _HEAD_OFFICE_AFTER.match(reading.folded, mention.end) is not None
        or _HEAD_OFFICE_BEFORE.search(reading.folded, max(0, mention.start - 6), mention.start) is not None
    )


# A Taiwanese government's release calls itself 本府, 本縣 or 本所 (本鄉熱情接待); a university's, 本校.
_OWN_WORDS = _compile(r"本(?:市府|縣府|府|市|縣|鄉|鎮|區|公所|所)")
_OWN_BODY_WORDS = _compile(r"本校")


def _own_government(reading: Reading, mentions: list[Mention], home: Place | None) -> list[Mention]:
    """A release on a Taiwanese government's own site that never names itself: its 本府, 本鄉 and 本所 are
    that government (its address tells which, home.py), whatever other governments it names; on a
    university's own site, its 本校 is the university."""
    if home is None:
        return mentions
    words = _OWN_BODY_WORDS if home.kind == TW_BODY else _OWN_WORDS
    own = [Mention(home, m.start(), m.end(), m.group()) for m in words.finditer(reading.folded)]
    return sorted(mentions + own, key=lambda m: m.start)


@functools.cache
def _seat_cities() -> dict[str, Place]:
    """A Japanese prefecture's canonical name -> the city of the same name (福岡縣 -> 福岡市)."""
    cities = {p.name: p for p in PlaceIndex.load().places if p.kind == JP_MUNI and not p.short and not p.head}
    prefectures = {p.name for p in PlaceIndex.load().places if p.kind == JP_PREF}
    return {name: cities[name[:-1] + "市"] for name in prefectures if name[:-1] + "市" in cities}


def _ties_of(party: Iterable[str], table: Callable[[], dict[str, frozenset[str]]] = sister_ties) -> set[str]:
    """Every place the Taiwanese parties have a sister, friendship or MOU tie with (normalised names; with
    ``sister_ties_en``, the partners' English names). A county-administered city or township is also looked
    up by its own name (花蓮縣花蓮市 as 花蓮市)."""
    names = {normalize(name) for name in party}
    names |= {_COUNTY_PREFIX.sub("", name) for name in names}
    return set().union(*(table().get(name, frozenset()) for name in names))


_COUNTY_PREFIX = re.compile(r"^\w{2}[縣县](?=\w{2,}[市鎮鄉區镇乡区]$)")


def _tied_cities(mentions: list[Mention], party: list[str]) -> list[Mention]:
    """A short name (福岡, Kumamoto) read as the prefecture is the city of that name when the Taiwanese party
    has a tie with the city and none with the prefecture (臺北市 and 福岡市: an MOU; gazetteer facts)."""
    tied = _ties_of(party)
    if not tied:
        return mentions
    out = []
    for mention in mentions:
        city = _seat_cities().get(mention.place.name) if mention.place.kind == JP_PREF else None
        if (
            city is not None
            and mention.place.short
            and normalize(city.name) in tied
            and normalize(mention.place.name) not in tied
        ):
            mention = replace(mention, place=city)
        out.append(mention)
    return out


def _school(reading: Reading, name: str, start: int, match: re.Match[str]) -> Mention:
    for long, short in _SCHOOL_SHORT_FORMS:
        name = name.removesuffix(long) + short if name.endswith(long) else name
    body = Place(TW_SCHOOL, tw_name(name), None, "Taiwan", "organisation")  # (built from the folded text)
    return Mention(body, start, match.end(), reading.folded[start : match.end()])


_HOMONYM_KINDS = frozenset({TW_TOWN, JP_MUNI})


def _resolve_towns(reading: Reading, mentions: list[Mention]) -> list[Mention]:
    """A town name shared by several places counts as the one whose county or prefecture the item names: a
    Taiwanese township only then (中正區 is in six cities), a Japanese city also when none of theirs is
    named (Izumi: 和泉市 in Osaka, 出水市 in Kagoshima); an obscure town whose name also names a known place
    (Yamagata: 山形縣, 山形市; 山県市 in Gifu) only with its prefecture. A town written right after its county
    (花蓮縣花蓮市) is one mention of the town; a district written right after a foreign city (橫濱市中區) is
    none of Taiwan's."""
    named = {m.place.name for m in mentions if m.place.kind in (TW_COUNTY, JP_PREF)}
    homonyms: dict[tuple[int, int, str], list[Mention]] = defaultdict(list)
    spans = Counter((m.start, m.end) for m in mentions if m.place.kind in (JP_PREF, JP_MUNI))
    for m in mentions:
        if m.place.kind in _HOMONYM_KINDS:
            homonyms[(m.start, m.end, m.place.kind)].append(m)
    # a ward written right after its foreign city (橫濱市中區, 東京都板橋區) is that city's, not Taiwan's, and
    # so is the same ward named bare elsewhere in the item (a title's 中區區長)
    foreign = [m for m in mentions if m.place.country not in ("Taiwan", "")]
    foreign_ends = {m.end for m in foreign}
    foreign_wards = {m.place.name for m in foreign if m.place.kind == JP_WARD}
    out: list[Mention] = []
    for m in mentions:
        if m.place.kind == TW_TOWN and (
            m.start in foreign_ends or any(w.endswith(m.surface) and w != m.surface for w in foreign_wards)
        ):
            continue
        same = homonyms.get((m.start, m.end, m.place.kind), [])
        if (
            len(same) > 1
            and m.place.parent not in named
            and (m.place.kind == TW_TOWN or any(o.place.parent in named for o in same))
        ):
            continue
        if m.place.needs_context and m.place.parent not in named and spans[(m.start, m.end)] > 1:
            # its prefecture unnamed, an obscure town's name that also names a known place (Yamagata: 山形市
            # or 山形縣, not 山県市 in Gifu) is the known place
            continue
        out.append(m)
    return _without_addresses(reading, _short_forms_of_the_seat(out))


def _short_forms_of_the_seat(mentions: list[Mention]) -> list[Mention]:
    """An item that names a county's seat in full (花蓮市) and the county only by its short form (花蓮)
    means the seat by that short form too (町長が花蓮を訪れて: Hualien City, the sister city)."""
    seats = {
        (m.place.parent, m.place.name[:-1]): m.place
        for m in mentions
        if m.place.kind == TW_TOWN and m.place.parent and m.place.name[:-1] == m.place.parent[:-1]
    }
    full_counties = {m.place.name for m in mentions if m.place.kind == TW_COUNTY and not m.place.short}
    out = []
    for m in mentions:
        seat = seats.get((m.place.name, m.surface)) if m.place.kind == TW_COUNTY else None
        if seat is not None and m.place.short and m.place.name not in full_counties:
            m = Mention(seat, m.start, m.end, m.surface)
        out.append(m)
    return out


# What may stand between a county and its own town when the county is the town's address: nothing
# (宜蘭縣蘇澳鎮), の (嘉義県の阿里山郷) or the English possessive (Kaohsiung's Tianliao District).
_ADDRESS_GAPS = ("", "の", "'s ")
# ... and between a town and its county written after it, in English (Huwei Township in Yunlin County,
# Luodong Township, Yilan County) or in brackets (府中市（広島県）).
_TAIWAN_REGIONS = ("", "northern ", "central ", "southern ", "eastern ", "western ", "southwestern ")
_ADDRESS_AFTER_GAPS = (
    " in ",
    ", ",
    " of ",
    "(",
    # (Huwei Township in Taiwan's Yunlin County, Lugu Township in central Taiwan's Nantou County)
    *(f" in {region}taiwan's " for region in _TAIWAN_REGIONS),
)


# An English prefecture that only says what kind of town the item is about (visit Hokkaido potato town; Tokyo
# ward officials).
_PREFECTURE_AS_KIND = _compile(r"(?: prefecture)? (?:[a-z-]+ ){0,2}?(?:town|village|ward)s?\b")
# ...and a Taiwanese county or city the same way (Nantou township's tea fair, when Lugu Township is named).
_COUNTY_AS_KIND = _compile(r"(?: county| city)? (?!and |or )(?:[a-z-]+ )?(?:township|district|village)s?\b")


def _without_addresses(reading: Reading, mentions: list[Mention]) -> list[Mention]:
    """A county written right before one of its own towns is the town's address, not an actor; so is a
    Japanese prefecture or a state written with 's before one of its own (Tokyo's Ota Ward, Oita's Beppu:
    a short name read as the prefecture's seat counts by its stem), a prefecture written right before one
    of its own towns (長崎縣五島市; not in a list of towns each with its prefecture) or after one
    (Kumamoto City in Kumamoto Prefecture, 府中市（広島県）), and an English prefecture describing a town of
    its own that the item names (Hokkaido potato town ... the town of Assabu)."""
    towns_of = {m.place.parent for m in mentions if m.place.kind == JP_MUNI}
    jp_towns = [m for m in mentions if m.place.kind == JP_MUNI and not m.place.head]
    jp_town_ends = {(m.end, m.place.parent) for m in jp_towns}
    # (not in a list of towns each with its prefecture, 鹿兒島縣阿久根市、福井縣南越前町: a list)
    jp_town_starts = {
        (m.start, m.place.parent) for m in jp_towns if reading.folded[m.end : m.end + 1] not in ("、", ",")
    }
    mentions = [
        m
        for m in mentions
        if not (
            m.place.kind == JP_PREF
            and m.place.name in towns_of
            and (
                (reading.english and _PREFECTURE_AS_KIND.match(reading.folded, m.end) is not None)
                # (長崎縣五島市, 長崎県の五島市: the town's address)
                or any(
                    reading.folded[m.start - 1 : m.start] not in ("、", ",")
                    and (m.end + len(gap), m.place.name) in jp_town_starts
                    and reading.folded[m.end : m.end + len(gap)] == gap
                    for gap in _ADDRESS_GAPS
                )
                or any(
                    (m.start - len(gap), m.place.name) in jp_town_ends
                    and reading.folded[m.start - len(gap) : m.start] == gap
                    for gap in _ADDRESS_AFTER_GAPS
                )
            )
        )
    ]
    town_starts = {(m.start, m.place.parent) for m in mentions if m.place.kind == TW_TOWN}
    town_ends = {(m.end, m.place.parent) for m in mentions if m.place.kind == TW_TOWN}
    foreign_starts = {
        (m.start, (m.place.parent or "")[:-1]) for m in mentions if m.place.kind in (JP_MUNI, FOREIGN_CITY)
    }
    return [
        m
        for m in mentions
        if not (
            m.place.kind in (JP_PREF, JP_MUNI, FOREIGN_SUB)
            and reading.folded[m.end : m.end + 3] == "'s "
            and (m.end + 3, m.place.name[:-1]) in foreign_starts
        )
        and not (
            m.place.kind == TW_COUNTY
            and (
                (
                    reading.english
                    and any(county == m.place.name for _, county in town_starts)
                    and _COUNTY_AS_KIND.match(reading.folded, m.end) is not None
                )
                or any(
                    (m.end + len(gap), m.place.name) in town_starts
                    and reading.folded[m.end : m.end + len(gap)] == gap
                    for gap in _ADDRESS_GAPS
                )
                or any(
                    (m.start - len(gap), m.place.name) in town_ends
                    and reading.folded[m.start - len(gap) : m.start] == gap
                    for gap in _ADDRESS_AFTER_GAPS
                )
            )
        )
    ]


def _party_key(place: Place) -> str:
    if place.kind == TW_TOWN:
        return f"{place.parent}{place.name}"
    if place.kind == TW_NATIONAL:
        return NATIONAL_PARTY
    return place.name


def _weigh(
    reading: Reading, mentions: Iterable[Mention], participants: frozenset[int] = frozenset()
) -> dict[str, _Candidate]:
    """Candidates by key, with their weights; ``participants``: where mentions start that a list of
    participants names (they act)."""
    candidates: dict[str, _Candidate] = {}
    mentions = list(mentions)
    starts = frozenset(m.start for m in mentions)
    for m in mentions:
        key = _party_key(m.place) if m.place.country == "Taiwan" else m.place.name + "|" + m.place.country
        candidate = candidates.setdefault(key, _Candidate(key, m.place))
        acts = m.start in participants or _acts(reading, m, starts)
        weight = (_TITLE_WEIGHT if m.start < reading.title_end else 1) * (2 if acts else 1)
        candidate.add(m, weight, acts, _is_venue(reading, m))
    return candidates


def _early(reading: Reading, position: int, scaled: bool = True) -> bool:
    """Named in the lead (for the Taiwanese party, English leads are longer; partners read the same)."""
    return position < reading.title_end + _LEAD_CHARS * (reading.scale if scaled else 1.0)


def _bodies_acting(
    candidates: dict[str, _Candidate], chosen: list[_Candidate], acts: Callable[[Mention], bool]
) -> list[_Candidate]:
    """Taiwanese bodies (not companies) not chosen yet with a mention that ``acts``."""
    return [
        c
        for c in candidates.values()
        if c not in chosen
        and c.place.kind == TW_BODY
        and c.place.level != FIRM
        and any(acts(m) for m in c.mentions or [])
    ]


def _taiwan_party(
    reading: Reading, mentions: list[Mention], participants: frozenset[int] = frozenset()
) -> tuple[list[str], list[Mention]]:
    taiwan = [m for m in mentions if m.place.country == "Taiwan" and m.place.kind != COUNTRY]
    counterparts = {(m.start, m.end) for m in mentions if m.place.kind == PARTNER_BODY}
    candidates = _weigh(reading, taiwan, participants)
    _township_by_its_head(reading, candidates)
    if _OFFICE_PASSES_ON.search(reading.folded) and any(
        c.place.kind in (TW_COUNTY, TW_TOWN) and _early(reading, c.first) for c in candidates.values()
    ):
        # Taiwan's office passes the gift on to a township or county the text names (分処を通じて秀林郷へ届け
        # られる): the office is a go-between, the named place the party.
        candidates = {k: c for k, c in candidates.items() if not _an_office(c)}
    # Actors: governments with a government word, heads, national bodies and other bodies; a place named
    # in the title (not as a venue) too, since titles name the main actors ("Prague, Taipei Sign ...").
    pool = [c for c in candidates.values() if _early(reading, c.first) and c.acts]
    if not pool:  # no actor: a place the title names (not as a venue) is the main one
        pool = [c for c in candidates.values() if c.first < reading.title_end and not c.venue_only]
    if pool:
        best = max(pool, key=lambda c: (c.weight, -c.first))
        chosen = [best] + [
            c
            for c in pool
            if c is not best
            and c.acts
            and (
                (c.first < reading.title_end and best.acts)
                # a second party weighs nearly as much, and is in the title if the first one is
                or (c.weight >= _EXTRA_PARTY_SHARE * best.weight and not best.first < reading.title_end)
            )
        ]
        # A school named in the lead is a party of its own (a sister-school pact, a school trip), unless it is
        # one of several schools a city's programme visits (到市立台中一中、台中女中隨班上課).
        schools = [c for c in pool if c.place.kind == TW_SCHOOL and c not in chosen]
        chosen += [c for c in schools if not _among_schools(reading, c)]
        # A body paired with its foreign counterpart (臺灣日本關係協會與日本臺灣交流協會換文, co-chaired by
        # the TJRA and the JTEA) or inviting the visitors (台湾日本関係協会の招待で) acts, also past the lead.
        chosen += _bodies_acting(
            candidates,
            chosen,
            lambda m: (
                m.start < reading.title_end + _DETAIL_CHARS * reading.scale
                and bool(_paired(reading, m, counterparts) or _HOST_AFTER.match(reading.folded, m.end))
            ),
        )
        # A body whose officer speaks for it (臺灣日本關係協會秘書長周學佑表示) acts, also past the lead.
        chosen += _bodies_acting(
            candidates,
            chosen,
            lambda m: (
                m.start < reading.title_end + _DETAIL_CHARS
                and bool(_SPOKESPERSON.match(reading.folded, m.end))
            ),
        )
    else:
        places = [c for c in candidates.values() if not c.venue_only and _early(reading, c.first)]
        if not places:
            # Taiwan as a whole on the receiving or acting end (日本捐贈台灣, lawmakers visit Taiwan).
            whole = _TAIWAN_WHOLE.search(
                reading.folded, 0, int(reading.title_end + _LEAD_CHARS * reading.scale)
            )
            if whole is not None:
                return [NATIONAL_PARTY], [Mention(_WHOLE_TAIWAN, whole.start(), whole.end(), whole.group())]
            return [], []
        chosen = [max(places, key=lambda c: (c.weight, -c.first))]
    local = [c for c in pool if c.acts and c.place.kind in (TW_COUNTY, TW_TOWN, TW_PERSON)] if pool else []
    if local and any(c.place.level == FIRM for c in chosen) and not _leads_alone(reading, chosen[0], local):
        # A firm beside a local government that acts (a town "home to TSMC's plant" signs with a county):
        # the firm is the setting, the governments are the parties.
        chosen = [c for c in chosen if c.place.level != FIRM]
        if not chosen:
            chosen = [max(local, key=lambda c: (c.weight, -c.first))]
    chosen += _joined_parties(reading, candidates, chosen)
    if len(chosen) > 1:
        # a head who only hosts a dinner for the guests (縣長晚間設宴款待訪問團) takes no part
        chosen = [c for c in chosen if not _only_at_dinner(reading, c)] or chosen
    chosen.sort(key=lambda c: c.first)
    evidence = [m for c in chosen for m in (c.mentions or [])[:1]]
    return [c.key for c in chosen], evidence


# Schools in a list (臺中一中、臺中女中等4所高中; 第一高級中学や文華高級中学): the stops of a programme.
# (與 and 和 pair a school with its counterpart abroad: 馬公國中與宮古島市立平良中學校)
_SCHOOL_WORD = r"(?:高級中學|高中|國中|國小|中學|女中|一中|高校)"
_NEXT_SCHOOL = _compile(r"[、や][^,，。\n]{0,10}?" + _SCHOOL_WORD)
_SCHOOL_BEFORE = _compile(_SCHOOL_WORD + r"[、や](?:市立|縣立)?$")


def _among_schools(reading: Reading, school: _Candidate) -> bool:
    """Whether the school is named in a list beside another school."""
    return any(
        _NEXT_SCHOOL.match(reading.folded, m.end)
        or _SCHOOL_BEFORE.search(reading.folded, max(0, m.start - 12), m.start)
        for m in school.mentions or []
    )


def _leads_alone(reading: Reading, firm: _Candidate, local: list[_Candidate]) -> bool:
    """Whether the principal party is a firm the title names, named far more than any local government and
    none of them in the title (高雄銀行與日本肥後銀行…簽署備忘錄: 高雄 is only its head office's city)."""
    return (
        firm.place.level == FIRM
        and firm.first < reading.title_end
        and all(c.first >= reading.title_end for c in local)
        and firm.weight >= _FIRM_LEAD * max(c.weight for c in local)
    )


_FIRM_LEAD = 3


# Taiwan's office in Japan passing a gift on (分処を通じて…届けられる, 処長に託した); the Chinese form
# (透過駐日代表處轉交) is read at the mention (_a_go_between).
_OFFICE_PASSES_ON = _compile(
    r"(?:処|處|所)(?:長)?(?:" + _JA_THROUGH + r"|経由で[^。\n]{0,20}?(?:届け|贈|渡|送))"
    r"|(?:処|處)(?:長)?に[^。\n]{0,12}?託"
    # ...or its staff hand the gift over (代表処の担当者が市役所を訪れ、市長に目録を手渡した)
    r"|(?:処|處)(?:長|の担当者|の職員|の幹部)?が[^。\n]{0,30}?(?:手渡|手交|届け)"
)
_TAIWAN_OFFICE_WORDS = ("処", "處", "office", "事務所")


def _an_office(candidate: _Candidate) -> bool:
    return candidate.place.kind == TW_NATIONAL and any(
        word in m.surface for m in candidate.mentions or [] for word in _TAIWAN_OFFICE_WORDS
    )


# A township's head or office named alone (鎮長は…述べ, 郷公所で) after the township is: the township acts,
# unless it only goes along or witnesses (鄉長也隨團出訪, 鄉公所也派員隨行: _WITNESS).
_TOWNSHIP_HEAD = {level: _compile(f"{level}長|{level}公所") for level in "鎮鄉區"}


def _township_by_its_head(reading: Reading, candidates: dict[str, _Candidate]) -> None:
    towns = [c for c in candidates.values() if c.place.kind == TW_TOWN]
    levels = Counter(fold_name(town.place.name)[-1:] for town in towns)
    for town in towns:
        level = fold_name(town.place.name)[-1:]
        pattern = _TOWNSHIP_HEAD.get(level)
        if town.acts or pattern is None or levels[level] > 1:
            continue  # (two townships of one level: whose head is meant is not told)
        heads = pattern.finditer(reading.folded, town.first)
        acting = [h for h in heads if not _WITNESS.match(reading.folded, h.end(), h.end() + 40)]
        if acting and _early(reading, acting[0].start()):
            town.acts = True
            town.weight += 1


_DINNER = _compile(r"設宴|晚宴|午宴|餐敘|宴請")


def _only_at_dinner(reading: Reading, candidate: _Candidate) -> bool:
    named = [m.start for m in candidate.mentions or []]
    return bool(named) and all(
        start >= reading.title_end and _DINNER.search(_sentence(reading, start)) for start in named
    )


# Something lying across two places (新竹市と新竹県にまたがる園区, 橫跨兩縣市): their span, not a subject.
_SPANS = _compile(r"にまたが|橫跨|跨越|之間|の間")
# Two Taiwanese governments named as one subject (台東県と宜蘭県の幹部が参加, 花蓮県や台南市の担当者): both
# take part.
_JOINED = _compile(r"\s?(?:と|や|及|與|和|、|・|,|\band\b|&)\s?")


def _joined_parties(
    reading: Reading,
    candidates: dict[str, _Candidate],
    chosen: list[_Candidate],
    kinds: frozenset[str] = frozenset({TW_COUNTY, TW_TOWN}),
) -> list[_Candidate]:
    """Places of ``kinds`` named as one subject with a chosen one in the lead: parties (and, on the
    foreign side, partners: 白老町と浦河町は…見舞金を送った)."""
    local = [m for c in chosen if c.place.kind in kinds for m in c.mentions or []]
    if not local or not any(c not in chosen and c.place.kind in kinds for c in candidates.values()):
        return []  # (nothing to join: the lead is not looked for)
    lead_start, lead_end = _lead_sentence(reading, count=2)
    ends = {m.end for m in local}
    starts = {m.start for m in local}
    joined: list[_Candidate] = []
    grown = True
    while grown:  # a list joins link by link (台南市・高雄市・屏東県)
        grown = False
        for candidate in candidates.values():
            if (
                candidate in chosen
                or candidate in joined
                or candidate.place.kind not in kinds
                or candidate.venue_only
            ):
                continue
            for mention in candidate.mentions or []:
                if _is_venue(reading, mention) or not lead_start <= mention.start < lead_end:
                    continue  # 在台北與高雄市長會面: where they met; later lists are background or plans
                if _SPANS.search(reading.folded, mention.end, mention.end + 12):
                    continue  # 新竹市と新竹県にまたがり: what lies across them, not two actors
                after = _JOINED.match(reading.folded, mention.end)
                before = any(
                    _JOINED.fullmatch(reading.folded, end, mention.start)
                    for end in ends
                    if end < mention.start
                )
                if (after and after.end() in starts) or before:
                    joined.append(candidate)
                    ends.add(mention.end)
                    starts.add(mention.start)
                    grown = True
                    break
    return joined


_PAIR_GAP = _compile(r"\s?(?:與|和|及|跟|と|、|,? and (?:the )?|/)\s?")
_HOST_AFTER = _compile(r"\s?(?:の招待|の招き|之邀|邀請|'s invitation)")


def _paired(reading: Reading, mention: Mention, counterparts: set[tuple[int, int]]) -> bool:
    """The mention and a foreign body written side by side (A與B, B and the A)."""
    for start, end in counterparts:
        if start >= mention.end:
            gap = reading.folded[mention.end : start]
        elif end <= mention.start:
            gap = reading.folded[end : mention.start]
        else:
            continue
        last = max(end, mention.end)
        if len(gap) <= 8 and _PAIR_GAP.fullmatch(gap) and reading.folded[last : last + 1] != "的":
            return True  # (…協會與…協會的既有管道: their channel, not an act of theirs)
    return False


def _oakland_or_auckland(reading: Reading, mentions: list[Mention]) -> list[Mention]:
    """奧克蘭 is Auckland; in a text about the United States (and not New Zealand), Oakland. Read from every
    mention, also those that will not count as actors (駐舊金山辦事處 still says the story is American)."""
    if not any(m.place.name == "奧克蘭" for m in mentions):
        return mentions
    us_place = any(m.place.country == "United States" and m.place.name != "奧克蘭" for m in mentions)
    nz_place = any(m.place.country == "New Zealand" and m.place.name != "奧克蘭" for m in mentions)
    us = (us_place or _US_CONTEXT.search(reading.folded)) and not (
        nz_place or _NZ_CONTEXT.search(reading.folded)
    )
    if not us:
        return mentions
    oakland = Place(FOREIGN_CITY, "奧克蘭", "Oakland", "United States", "city", "加州")
    return [Mention(oakland, m.start, m.end, m.surface) if m.place.name == "奧克蘭" else m for m in mentions]


_LIST_SEPARATOR = _compile(r"\s?(?:[、,，及與和]|and (?:the )?)\s?")


def _listed_beside(reading: Reading, container: _Candidate, places: dict[str, _Candidate]) -> bool:
    """Some mention of ``container`` is followed by a list separator and then one of its own towns."""
    towns = [c for c in places.values() if c.place.parent == container.place.name]
    starts = {m.start for c in towns for m in c.mentions or []}
    for mention in container.mentions or []:
        gap = _LIST_SEPARATOR.match(reading.folded, mention.end)
        if gap is not None and gap.end() in starts:
            return True
    return False


_ADDRESS_COMMA = _compile(r"(?:,\s?| in )$")
_KIND_OF_TOWN_AFTER = _compile(r" (?:town|village)s?\b")


def _only_as_an_address(reading: Reading, container: _Candidate, places: dict[str, _Candidate]) -> bool:
    """Every mention of ``container`` follows one of its own towns after a comma or "in" (English
    addresses: Burnaby, British Columbia; Houston, Texas; Bihoro Town in Hokkaido), or says what kind of
    town one is (a Hokkaido town)."""
    towns = [c for c in places.values() if c.place.parent == container.place.name]
    ends = {m.end for c in towns for m in c.mentions or []}
    # (later mentions are background: Hokkaido's kindness)
    mentions = [m for m in container.mentions or [] if _early(reading, m.start, scaled=False)]
    return bool(mentions) and all(
        (
            (gap := _ADDRESS_COMMA.search(reading.folded, max(0, m.start - 4), m.start)) is not None
            and gap.start() in ends
        )
        or (bool(towns) and _KIND_OF_TOWN_AFTER.match(reading.folded, m.end) is not None)
        for m in mentions
    )


def _partners(
    reading: Reading,
    mentions: list[Mention],
    has_party: bool,
    forum: bool = False,
    participants: frozenset[int] = frozenset(),
) -> tuple[list[Partner], list[Mention], bool]:
    """Partners, the mentions behind them, and whether any of them acts. At a forum (``forum``), every
    foreign place whose head or government takes part is a partner, wherever the text names it."""
    candidates = _weigh(reading, [m for m in mentions if m.place.country != "Taiwan"], participants)
    early = {k: c for k, c in candidates.items() if _early(reading, c.first, scaled=False)}
    places = {k: c for k, c in early.items() if c.place.kind in FOREIGN_PLACE_KINDS}
    bodies = {k: c for k, c in early.items() if c.place.kind == PARTNER_BODY and c.place.level != "national"}
    _merge_levels(reading, places)
    # A town or city beats the prefecture or province that contains it, unless that one acts itself.
    contained = {c.place.parent for c in places.values() if c.place.parent}
    # A prefecture listed beside its towns (千葉縣、成田市及銚子市) is a partner of its own, not an address.
    # A prefecture the title names gives way only to a town that acts or is in the title too (大分県 in
    # the title, 別府 only as where tourists go).
    strong_towns = {
        t.place.parent for t in places.values() if t.place.parent and (t.acts or t.first < reading.title_end)
    }
    for key, c in list(places.items()):
        if c.place.name in contained and _only_as_an_address(reading, c, places):
            del places[key]  # Burnaby, British Columbia: the province is the city's address
            continue
        if (
            c.place.kind in (JP_PREF, FOREIGN_SUB)
            and c.place.name in strong_towns
            and not _governed(reading, c)
            and not _listed_beside(reading, c, places)
        ):
            # 訪問日本廣島縣，拜會尾道市 (訪問美國加州姊妹市聖地牙哥): the prefecture (state) is where
            # the town is, with no governor or office of its own in the news
            del places[key]
            continue
        if c.place.name in contained and not c.acts and not _listed_beside(reading, c, places):
            if c.first < reading.title_end and c.place.name not in strong_towns:
                continue
            del places[key]
    # A body is the counterpart: a place only named as the venue, or not acting, gives way to it.
    if bodies:
        for key, c in list(places.items()):
            if c.venue_only or not c.acts:
                del places[key]
    pool = list(bodies.values()) + list(places.values())
    acting = [c for c in pool if c.acts]
    chosen: list[_Candidate] = []
    if acting:
        best = max(acting, key=lambda c: (c.weight, -c.first))
        chosen = [best] + [
            c
            for c in acting
            if c is not best
            and (
                c.weight >= 0.5 * best.weight
                or c.first < reading.title_end
                or c.pinned
                or _called_on(reading, c)
                or _headed(reading, c)
            )
        ]
    else:
        if pool:
            chosen = [max(pool, key=lambda c: (c.weight, -c.first))]
        # No place or body acts, but the foreign government does through one of its agencies (海上保安廳,
        # 外務省): the country is a counterpart beside the place named.
        chosen += _government_through_a_body(early)
    if not has_party:
        # No Taiwanese side: both foreign sides are the partners (a Japanese city and its US sister city).
        chosen += [
            c for c in places.values() if c not in chosen and (c.first < reading.title_end or c.weight >= 2)
        ]
    chosen += _joined_parties(reading, places, chosen, FOREIGN_PLACE_KINDS)
    chosen += _town_beside_its_prefecture(reading, places, chosen)
    chosen += _third_country(reading, chosen, candidates)
    if forum:
        chosen += [
            c
            for c in candidates.values()
            if c not in chosen
            and c.place.kind in FOREIGN_PLACE_KINDS
            and c.acts
            and not c.venue_only
            and c.key not in early  # (an early one had its chance above, with the prefecture rules)
        ]
    # Lists read every foreign place, except early ones the prefecture and venue rules dropped.
    every = {
        k: c
        for k, c in candidates.items()
        if c.place.kind in FOREIGN_PLACE_KINDS and (k in places or k not in early)
    }
    chosen += _enumerated(reading, chosen, every, reading.title_end + _LIST_SCOPE, _qualifiers(mentions))
    if len(chosen) > 1:
        # a stop still to come on the trip (此行還將訪問舊金山): background, when another partner stands
        chosen = [c for c in chosen if not _a_later_stop(reading, c)] or chosen
    if any(c.place.country == "International" for c in chosen):
        # A summit written with the city it met in (布里斯本亞太城市高峰會): the body is the partner, the city
        # (unless its head takes part) only where it met.
        international = [c for c in chosen if c.place.country == "International"]
        body_starts = {m.start for c in international for m in c.mentions or []}
        chosen = [
            c
            for c in chosen
            if c.place.kind not in FOREIGN_PLACE_KINDS
            or _headed(reading, c)
            or not (c.venue_only or bool(c.mentions and c.mentions[0].end in body_starts))
        ]
    if not chosen:
        chosen = _national_partner(reading, early)
    elif all(c.place.country == "International" for c in chosen):
        # A multilateral body (CPTPP, a city network) and a government that acts on it (日本政府歡迎台灣
        # 申請加入): the government is the bilateral counterpart beside the body.
        chosen += _government_through_a_body(early)
    chosen.sort(key=lambda c: c.first)
    partners = [_as_partner(c.place) for c in chosen]
    return partners, [m for c in chosen for m in (c.mentions or [])[:1]], any(c.acts for c in chosen)


# A prefecture's paper writes its own prefecture bare, one subject with a town of its own:
# 県、合志市と立地協定を結んだ, 県と合志市が.
_BARE_PREFECTURE_BEFORE = _compile(r"(?:^|[、。はで\s])[県縣](?:、|と|及び|および)$")


def _town_beside_its_prefecture(
    reading: Reading, places: dict[str, _Candidate], chosen: list[_Candidate]
) -> list[_Candidate]:
    prefectures = {c.place.name for c in chosen if c.place.kind == JP_PREF}
    if not prefectures or not reading.japanese:
        return []
    return [
        c
        for c in places.values()
        if c not in chosen
        and c.place.kind == JP_MUNI
        and c.place.parent in prefectures
        and any(
            _BARE_PREFECTURE_BEFORE.search(reading.folded, max(0, m.start - 6), m.start)
            # (not in a pact of the past: 去年、県とむつ市を交えて協定を結んだ高雄市)
            and not _JA_BACKGROUND.search(reading.folded, _sentence_start(reading, m.start), m.start)
            for m in c.mentions or []
        )
    ]


def _as_partner(place: Place) -> Partner:
    if place.kind == JP_WARD and place.parent:
        # A designated city's ward (北九州市門司區, 橫濱市中區) has no government of its own: its city is the
        # partner (annotation conventions; Tokyo's 23 wards are municipalities and stay themselves).
        place = _japanese_city(PlaceIndex.load(), place.parent) or place
    return Partner(place.name, place.name_en, place.country, PartnerLevel(_level(place)))


# A trip to a country (赴美, 訪美團, 前往日本): places acting there are its destination.
_DESTINATION = _compile(r"(?:赴|訪|前往|抵達)(美|日|韓|英|法|德|捷克|菲律賓|澳洲|紐西蘭|加拿大|立陶宛|波蘭)")
_DESTINATION_COUNTRY = {
    "美": "United States",
    "日": "Japan",
    "韓": "South Korea",
    "英": "United Kingdom",
    "法": "France",
    "德": "Germany",
    "捷克": "Czech Republic",
    "菲律賓": "Philippines",
    "澳洲": "Australia",
    "紐西蘭": "New Zealand",
    "加拿大": "Canada",
    "立陶宛": "Lithuania",
    "波蘭": "Poland",
}


# A trip's stop still to come, told after the news (此行還將訪問舊金山, 隨後將轉往福岡, will also visit
# Kyoto).
_LATER_STOP = _compile(
    r"(?:還將|也將|並將|隨後將?|接著將?|之後將|稍後將|將轉往|轉往|下一站|"
    r"will (?:also|then|later) (?:visit|travel|stop|head|go)|will (?:visit|travel to) [^.\n]{0,30} later|"
    r"next stop)[^。，,.\n]{0,12}$"
)


def _a_later_stop(reading: Reading, candidate: _Candidate) -> bool:
    """Every mention of the place comes after a later-stop word in its clause, and none in the title."""
    mentions = candidate.mentions or []
    return bool(mentions) and all(
        m.start >= reading.title_end
        and (
            _LATER_STOP.search(reading.folded, _clause_start(reading, m.start), m.start) is not None
            or (reading.japanese and _JA_LATER_STOP_AFTER.match(reading.folded, m.end) is not None)
        )
        for m in mentions
    )


# ...and a Japanese report's stop still to come (11日には駒ケ根市を訪れ、市長と懇談する予定).
_JA_LATER_STOP_AFTER = _compile(
    r"[^。\n]{0,24}?(?:訪れ|訪問|立ち寄|視察|懇談|会談|表敬)[^。\n]{0,30}?(?:予定|見通し|方向で調整)"
)


def _government_through_a_body(early: dict[str, _Candidate]) -> list[_Candidate]:
    """The first early foreign government that acts through one of its bodies (海上保安廳, 外務省): the
    bilateral counterpart when no place acts, or beside a multilateral body."""
    return [
        c
        for c in early.values()
        if c.place.level == "national"
        and c.acts
        and any(m.place.kind == PARTNER_BODY for m in c.mentions or [])
    ][:1]


def _third_country(
    reading: Reading, chosen: list[_Candidate], candidates: dict[str, _Candidate]
) -> list[_Candidate]:
    """A joint mission to a third country (高雄與熊本聯合訪美, 將與亞利桑那州產官學界交流): the places that
    act in the country of destination are partners beside the co-traveller, however often it is named."""
    if not chosen:
        return []
    countries = {c.place.country for c in chosen}
    destinations = {
        _DESTINATION_COUNTRY[m.group(1)]
        for m in _DESTINATION.finditer(
            reading.folded, 0, int(reading.title_end + _LEAD_CHARS * reading.scale)
        )
    } - countries
    return [
        c
        for c in candidates.values()
        if c.place.country in destinations
        and c.first < reading.title_end + _DETAIL_CHARS
        and c.place.kind in FOREIGN_PLACE_KINDS
        and c.acts
        and not c.venue_only
        and c not in chosen
    ]


def _national_partner(reading: Reading, early: dict[str, _Candidate]) -> list[_Candidate]:
    """No foreign place or body: the one foreign country the item names stands as partner (a trip "to
    Japan", donations "from Japan"); several countries named side by side (日本、荷蘭、法國等地) are an
    overview, with no partner. China counts only when it acts (mainland pressure is background)."""
    national = [
        c for c in early.values() if c.place.level == "national" and (c.place.country != "China" or c.acts)
    ]
    if not national:
        return []
    best = max(national, key=lambda c: (c.weight, -c.first))
    others = [c for c in national if c.place.country != best.place.country]
    if _in_country_list(reading, best, early) or (others and not (best.weight >= 2 or best.acts)):
        return []
    return [best]


def _in_country_list(reading: Reading, candidate: _Candidate, early: dict[str, _Candidate]) -> bool:
    """Some mention of the country stands in a list of three or more countries (日本、荷蘭、法國等地)."""
    spans = sorted(
        (m.start, m.end)
        for c in early.values()
        if c.place.kind == COUNTRY or c.place.level == "national"
        for m in c.mentions or []
    )
    mine = {m.start for m in candidate.mentions or []}
    for chain in _chains(reading, spans):
        if len(chain) >= _COUNTRY_LIST and mine & {start for start, _ in chain}:
            return True
    return False


def _chains(reading: Reading, spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Spans (sorted by start) grouped into lists: neighbours joined by a list gap (、, and, 及 ...)."""
    chains: list[list[tuple[int, int]]] = []
    for span in spans:
        if chains:
            last = chains[-1][-1]
            if 0 <= span[0] - last[1] <= _LIST_GAP_CHARS and _LIST_GAP.fullmatch(
                reading.folded, last[1], span[0]
            ):
                chains[-1].append(span)
                continue
            if span[0] < last[1]:
                continue  # the same name read twice (a country and its government)
        chains.append([span])
    return chains


_COUNTRY_LIST = 3
# "Kobe, Himeji, and Ashiya": the serial comma before "and" is one gap.
_LIST_GAP = _compile(r"\s*(?:,\s*and|、|,|，|及|與|和|以及|and|&|/)\s*(?:the )?")


def _enumerated(
    reading: Reading,
    chosen: list[_Candidate],
    places: dict[str, _Candidate],
    scope: int,
    qualifiers: dict[int, int],
) -> list[_Candidate]:
    """Places listed with a chosen one (米子市、松江市及出雲市; Yonago, Matsue and Izumo) are partners too.
    A list counts in the title and the first sentences; a later one only when it spells out a set the
    lead counted with a chosen partner in it (上海等5個城市 ... 上海、深圳、廈門、福州、天津)."""
    members = sorted(((m.start, m.end, c) for c in places.values() for m in c.mentions or []), key=_first)
    counted = {id(c) for c in chosen if any(_COUNTED.match(reading.folded, m.end) for m in c.mentions or [])}
    chains = [
        chain
        for chain in _member_chains(reading, members, qualifiers)
        if chain[0][0] < scope or any(id(c) in counted for _, _, c in chain)
    ]
    inside = {id(c) for c in chosen}
    found: list[_Candidate] = []
    changed = True
    while changed:
        changed = False
        for chain in chains:
            if not any(id(c) in inside for _, _, c in chain):
                continue
            for _, _, c in chain:
                if id(c) not in inside:
                    inside.add(id(c))
                    found.append(c)
                    changed = True
    return found


def _first(member: tuple[int, int, object]) -> int:
    return member[0]


_M = TypeVar("_M")


def _member_chains(
    reading: Reading, members: list[tuple[int, int, _M]], qualifiers: dict[int, int]
) -> list[list[tuple[int, int, _M]]]:
    """Members (sorted by start) grouped into lists: neighbours joined by a list gap, which may close a
    member with a level word or a head and their name (Grenoble區、; 福州市長楊益民、) and open the next
    with its country (、美國Orlando: ``qualifiers`` maps a place's start to its country's)."""
    chains: list[list[tuple[int, int, _M]]] = []
    for member in members:
        if chains:
            last = chains[-1][-1]
            start = qualifiers.get(member[0], member[0])
            if member[0] < last[1]:
                continue  # the same name read twice (a town and its homonym)
            if 0 <= start - last[1] <= _MEMBER_GAP_CHARS and _MEMBER_GAP.fullmatch(
                reading.folded, last[1], start
            ):
                chains[-1].append(member)
                continue
        chains.append([member])
    return chains


def _qualifiers(mentions: list[Mention]) -> dict[int, int]:
    """A place's start -> the start of the country or its own prefecture written right before it (法國
    Grenoble, 美國加州, 福井縣南越前町, 日本熊本縣宇土市)."""
    countries = {m.end: m.start for m in mentions if m.place.kind == COUNTRY}
    parents = {(m.end, m.place.name): m.start for m in mentions if m.place.kind in (JP_PREF, FOREIGN_SUB)}
    found: dict[int, int] = {}
    for m in mentions:
        if m.place.kind not in _PLACE_KINDS:
            continue
        start = parents.get((m.start, m.place.parent or ""), m.start)
        start = countries.get(start, start)
        if start != m.start:
            found[m.start] = start
    return found


def _participants(reading: Reading, mentions: list[Mention]) -> frozenset[int]:
    """Places a list names as participants: the list closes with 等 and the heads or cities it counts
    (包括法國Grenoble、美國Orlando及桃園市、台東縣等多位國內外城市首長; 熊本市、鹿兒島市等九州各市代表)."""
    places = sorted(((m.start, m.end, m) for m in mentions if m.place.kind in _PLACE_KINDS), key=_first)
    found: set[int] = set()
    for chain in _member_chains(reading, places, _qualifiers(mentions)):
        if len(chain) >= 2 and _PARTICIPANTS_AFTER.match(reading.folded, chain[-1][1]):
            found.update(start for start, _, _ in chain)
    return frozenset(found)


# Between two members of a list: what may close a member (a level word after a Latin name; a head and
# their name), then the separator.
_MEMBER_GAP = _compile(
    r"[市區州縣省郡]?(?:副?(?:市長|縣長|知事|州長|省長|町長|區長|長)[\u4e00-\u9fff·‧]{2,4}?)?"
    r"\s*(?:,\s*and|、|,|，|及|與|和|以及|and|&|/)\s*(?:the )?"
)
_MEMBER_GAP_CHARS = 12
# A set the lead counts (上海等5個城市, 熊本等3縣): a later list that spells it out names partners.
_COUNTED = _compile(r"\s?等\s?[\d一二三四五六七八九十]{1,2}\s?(?:個|座)?(?:城市|都市|市|縣|州|國)")
# A list closing on the participants it names (等多位國內外城市首長, 等城市代表, 等5個城市).
_PARTICIPANTS_AFTER = _compile(
    r"[市區州縣省]?\s?(?:等|など)\s?(?:多位|多個|各|[\d一二三四五六七八九十]{1,2}\s?(?:位|個|座|名)?)?"
    r"(?:國內外|國際|海內外|各國|各地)?(?:(?:城市|都市|縣市|自治體)(?:首長|市長|代表)?|首長|市長|代表)"
)


def _named_together(first: _Candidate, second: _Candidate) -> bool:
    """Two candidates acting within a few characters of each other (熊本縣知事、熊本市長)."""
    return any(abs(a - b) <= _TOGETHER_CHARS for a in first.acting_at for b in second.acting_at)


def _full_acting(candidate: _Candidate) -> bool:
    """Some mention acts through the full name (岡山縣政府, 岡山市長), not a short form."""
    acting = set(candidate.acting_at)
    return any(m.start in acting and not m.place.short for m in candidate.mentions or [])


def _merge_levels(reading: Reading, places: dict[str, _Candidate]) -> None:
    """熊本縣 and 熊本市 both found: a governor (知事) or the prefecture's full name makes it the
    prefecture, a mayor or the city's full name the city; a bare short form leans to the full form
    written elsewhere. Both stay when both act through their full names."""
    stems: dict[str, list[str]] = defaultdict(list)
    for key, c in places.items():
        if c.place.kind in (JP_PREF, JP_MUNI) and c.place.country == "Japan":
            stems[c.place.name[:-1]].append(key)
    for keys in stems.values():
        if len(keys) != 2:
            continue
        pref_key, city_key = sorted(keys, key=lambda k: places[k].place.kind != JP_PREF)
        pref, city = places[pref_key], places[city_key]
        governor = any(
            "知事" in _after(reading, m.end, 3)
            or "governor" in _before(reading, m.start, 12)
            or _after(reading, m.end, 10).startswith(" governor")
            or GOVERNOR_ABBREVIATION in _after(reading, m.end, 6)
            for c in (pref, city)
            for m in c.mentions or []
        )
        pref_full = any(not m.place.short for m in pref.mentions or [])
        city_full = any(not m.place.short for m in city.mentions or [])
        if (
            pref_full
            and city_full
            and pref.acts
            and city.acts
            and (_named_together(pref, city) or (_full_acting(pref) and _full_acting(city)))
        ):
            pref.pinned = city.pinned = True  # 熊本縣知事 and 熊本市長 together: both are partners
            continue
        if city_full and city.acts and not pref.acts:
            keep, drop = city, pref  # (a governor who only witnesses or sends a telegram: the city's news)
        elif governor or (pref_full and not city_full):
            keep, drop = pref, city
        elif (city_full and not pref_full) or (
            city_full and (city.weight, -city.first) > (pref.weight, -pref.first)
        ):
            keep, drop = city, pref  # 山形市長 ... 山形縣廳所在: the one the text makes act most
        else:
            keep, drop = pref, city
        keep.weight += drop.weight
        keep.acts = keep.acts or drop.acts
        keep.first = min(keep.first, drop.first)
        keep.venue_only = keep.venue_only and drop.venue_only
        del places[drop.key]


def _strong_place(candidate: _Candidate) -> bool:
    return candidate.acts and not candidate.venue_only


def _level(place: Place) -> str:
    if place.kind == COUNTRY:
        return PartnerLevel.NATIONAL
    if place.kind == JP_WARD:
        return PartnerLevel.CITY
    return place.level if place.level in PartnerLevel.__members__.values() else PartnerLevel.CITY


# Event types. Each pattern is looked for in the title (weight 3) and the first sentences of the text
# (weight 1); the best score wins, ties going to the type listed first. A signing (agreement) wins over
# the visit it happened on, unless it is an anniversary of an old one; statements (表示, 感謝) are so
# common in any item that they count for little in the text.
_AGREEMENT = _compile(
    r"(?:簽署|簽訂|簽約|簽下|續簽|簽盟|締結|締約|結為|締盟|結盟|調印|署名|signed|signs|signing|sign|inked|"
    r"seal(?:s|ed|ing)?|conclud(?:e|es|ed|ing)|"
    r"renew(?:ed|s|ing)?|ink|更新|續約|exchanged)"
    # English words between (renewed a friendship exchange memorandum); never across an anniversary's
    # years (締盟2週年 馬鈴薯牽起友誼: the tie's second year, no pact signed)
    r"(?:(?:(?!週年|周年)[^。.\n]){0,14}?|[a-z' -]{15,32}?)"
    r"(?:協定|協議|備忘錄|意向書|覺書|覚書|mou|memorandum|agreement|letter of intent|姊妹(?!校)|友好|友誼|"
    r"pact|sister|"
    r"合作文件)"
    r"|(?:協定|協議|備忘錄|意向書|覺書|覚書|協定書|文書|合作文件|mou|agreement|arrangement|姊妹(?:都)?市|友好(?:交流)?都市|友好城市|"
    r"sister cit(?:y|ies))"
    r"(?:(?!週年|周年)[^。.\n]){0,8}?(?:簽署|簽訂|締結|を締結|調印|署名|signed|簽約|儀式|become|became|を結び|"
    r"を結ん|結んだ|"
    r"に結び|を交わ|を取り交わ|で交わ|を更新|更新|續約|renewed|を改定|改定|修訂|amended)"
    # an exchange of notes or letters between the two sides is how their agreements are concluded
    r"|換文|交換公文|exchange of (?:notes|letters)|書簡を交換|書簡の交換"
    r"|簽[^。\n]{0,4}?(?:備忘錄|協定|協議|mou)|締盟|締結|結盟|調印|sister[- ]city (?:agreement|pact|deal)"
    # a Japanese council passing the pact (協定を結ぶ議案を可決, 友好協定案を可決)
    r"|(?:協定|覚書|覺書)[^。\n]{0,12}?(?:議案|案)を[^。\n]{0,10}?可決"
    # approved or concluded: a council passes the pact, two cities become sister cities
    r"|通過[^。\n]{0,12}?(?:姊妹市|締盟|協定|備忘錄)"
    r"|(?:approv\w*|passe[sd]) [^.\n]{0,30}?(?:agreement|sister|mou)"
    r"|bec(?:o|a)mes? (?:an? )?(?:sister|friendship|friendly) (?:cit(?:y|ies)|towns?)"
    r"|friend(?:ly|ship) city agreement"
)
_BARE_SIGN = frozenset({"締盟", "締結", "結盟", "調印"})
# An anniversary still to come (籌備明年10週年, 敲定7月互訪慶締盟42年, ahead of the pact's 10th
# anniversary) is not the event.
_UPCOMING = _compile(
    r"(?:籌備|籌劃|規劃|敲定|明年|迎接|預計|前夕|ahead of|in preparation for)[^。.\n]{0,14}$"
)
_UPCOMING_AFTER = _compile(r"\s?(?:を前に|を控え|に向け|前夕)")
# (所簽署: "the pact signed by"; but 鎮公所簽署, 市役所で: where the signing is)
_NOT_NOW = _compile(
    r"(?:洽談|促|盼|希望|爭取|推動|以來|至今|曾|計畫|研議|討論|探討|商討|研商|評估|考慮|質詢|數|座|of|與其|可望|"
    r"(?<!公)(?<!役)(?<!務)所)$"
)
# English "since" before a signing (10 years since they signed an agreement, since signing the pact): a pact
# of the past, as 以來 is after one.
_SINCE_SIGNING = _compile(r"\bsince\b[^.\n]{0,40}$|\b(?:days?|weeks?|months?|years?) after\b[^.\n]{0,24}$")
_AFTER_AGREEMENT = _compile(
    r"[^。\n]{0,6}?(?:\d+|[一二三四五六七八九十百]+)\s?(?:多|餘|幾)?\s?(?:週年|周年|年)"
    r"|[^。\n]{0,4}?(?:半年|[\d一二三四五六七八九十]+\s?個月)"  # (締盟半年再相聚: half a year after it)
    # a count or list of tied cities (締盟城市數, 締結友好城市達53座, 締盟的城市), not the digital word
    # (數位) or a pair of towns (兩座「松山」) after a signing told in full
    r"|[^。\n]{0,6}(?:以來|的城市|多年|長年)|[^。\n]{0,4}城市(?=[^。\n]{0,3}(?:數|達|共|有|中|之一|包括|、))"
    r"|[^。\n]{0,2}數(?!位)|[^。\n]{0,8}?[\d一二三四五六七八九十百]\s?座(?!「)"
    r"|[^。\n]{0,3}(?:關係|の)|[^。\n]{0,2}姊妹校"
    # a pact that describes the partner (與臺南市締結友好協定的日本石川縣金澤市): who it is, not the news
    r"|[^。，,\n]{0,6}?的(?:日本|南韓|韓國|美國|[^。，,\n]{1,8}?[市町村縣県州郡](?![府政長民議]))"
    # the first visit "since" the signing (覚書締結後初めて, 締約後首次), what followed it
    # (締結友好交流協定後，包機旅客明顯增加), a signing still possible (探討簽署…備忘錄的可能): background
    r"|後で?(?:初|首|的)|[^。\n]{0,6}?(?:之後|以後|後)(?:[，,、]|\s)|[^。\n]{0,3}(?:的可能|可能性)"
    # the pact's anniversary or commemoration (締盟週年, 簽署週年, 締結姊妹市紀念活動): an old pact
    r"|[^。\n]{0,4}(?:週年|周年|紀念|記念|anniversary)"
    # ... and in Japanese: what followed it (結んでから初めて), its years (締結して本年12月で10年), a standing
    # tie (結んでいる), a pact that describes the partner (協定を結んだ台湾・高雄市から)
    r"|[でて](?:から|以降|以來)|[でて](?:おり|いる|います)|して[^。\n]{0,10}?\d{1,3}\s?(?:年|周年)"
    r"|[でて]\s?[\d一二三四五六七八九十]{1,2}\s?(?:か月|ヶ月|カ月|ケ月|年)"  # (協定を結んで2か月: since)
    r"|(?:だ|した)(?:台湾|台灣|日本)?・?[^。、\n]{0,8}?[市町村縣県州郡區鎮鄉](?![府政長民議])"
)
# In a Japanese text, a signing in the plain past is the news (協定を結んだ, 覚書を交わした); one the
# sentence dates to a past year or month (a full date is the event's day) or tells as a standing state
# (2018年に結んでおり, 結んでいる) is background.
_JA_BACKGROUND = _compile(
    r"(?:(?:19|20)\d\d|(?:令和|平成|昭和)\s?(?:\d{1,2}|元))年(?!\d{1,2}月\d{1,2}日)"
    r"|(?:今年|ことし)\d{1,2}月(?!\d{1,2}日)|昨年|去年|先月|前年|[てで](?:おり|いる|います)|以来|てきた|締結後"
    r"|[てで]いた"  # (覚書を交わしていた: had signed, before today's news)
)
# In the text (not the title), a signing counts when its sentence says when or marks the act.
_NOW = _compile(
    r"今|昨|日前|\d{1,2}日|正式|儀式|today|yesterday|on (?:monday|tuesday|wednesday|thursday|friday)|式典"
    # an English month and day (on Nov. 3: the abbreviation's stop is written \u2024 by text.read)
    r"|\bon (?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)[a-z]*[.\u2024]? \d{1,2}\b"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    # English news told in the present perfect (have signed a letter of intent, the city said this week)
    r"|\bha(?:ve|s) (?:just |now )?(?:signed|concluded)\b"
)
_TYPE_RULES: tuple[tuple[EventType, re.Pattern[str], float], ...] = (
    (
        EventType.VIDEO_CALL,
        _compile(
            r"視訊|線上[^。，,\n]{0,4}(?:會議|會談|相會|會晤|交流會)|"
            r"video ?call|video ?conference|videoconference|"
            r"online (?:meeting|talks|call)|(?:by|via|over|on) (?:a )?(?:video(?: link)?|zoom)\b|video link|"
            r"virtual meeting|video (?:meeting|talks)|"
            r"ウェブ(?:會議|會談)|web(?:會議|會談)|テレビ會議|リモート(?:會議|會談)|オンライン(?:會談|會議|"
            r"で|交流會議|交流會)|ビデオ會議"
        ),
        1.0,
    ),
    (
        EventType.FORUM,
        _compile(
            r"論壇|峰會|高峰會|summit|forum(?!s)|サミット|フォーラム|シンポジウム|symposium|城市會議|都市會議|"
            r"シティ會議|國際會議|"
            r"world congress|(?:city|cities) (?:expo )?(?:world )?congress|"
            # a city network's yearly meeting (GO SMART年會, the alliance's annual meeting)
            # (and its workshops: 健康城市聯盟主辦的國際工作坊, ICLEI's East Asian workshop)
            r"(?:uclg|iclei)[^。\n]{0,8}?理事會|"  # a city network's council meeting (UCLG亞太理事會)
            # a network named by itself and its meeting (ICLEI東亞會議, 國際慢城亞太會議, 海灣組織年會)
            r"(?:uclg|iclei|イクレイ|慢城|cittaslow|海灣組織|most beautiful bays|健康城市|healthy cities)"
            r"[^。.\n]{0,10}?(?:會議|年會|大會|conference|general assembly)|"
            r"smart cit(?:y|ies) conference|智慧城市會議|"
            r"(?:聯盟|連合|理事會|協議會|iclei|イクレイ|ネットワーク|network|alliance)[^。\n]{0,30}?"
            r"(?:年會|年度(?:會員)?大會|會員大會|全球大會|世界大會|國際大會|工作坊|區域會議|"
            r"annual (?:meeting|conference)|workshop|"
            r"global (?:conference|congress)|general assembly)|"
            r"(?:general assembly|annual meeting|conference) of the [a-z ]{0,30}"
            r"(?:alliance|network|league|association)|"
            # a network's own regional meeting (the network's Asia-Pacific meeting)
            r"\b(?:network|alliance|association)'s [a-z -]{0,20}(?:meeting|conference|assembly)\b|"
            # a body's yearly general meeting (Cittaslow International's annual general assembly, 国際組織
            # 「GO SMART」の年次総会)
            r"annual general assembly|(?:國際組織|網絡|ネットワーク|連盟|連合)[^。\n]{0,30}?年次總會"
        ),
        1.0,
    ),
    (
        EventType.DONATION,
        _compile(
            r"捐|贈台|贈送|贈與|贈呈|提供疫苗|賑災|善款|寄贈|寄付|義援金|募金|慰問金|救災物資|援助物資|見舞金|支援金|"
            r"救援物資|防疫物資|贈書|賑款|"
            r"贈(?<=[町市縣県鄉鎮村府都道]贈)(?![品獎勳])|"  # a headline's 白老町贈愛努繪本: the town gives
            # a quantity of doses, masks, vehicles or money given (日本贈124萬劑疫苗; not a shop's 贈200元
            # 積點 or a courtesy call's gifts), a government's grant aid (緊急無償資金協力, 緊急支援)
            r"(?<![加買])[贈送](?=\s?[\d一二兩三四五六七八九十百千]+\s?萬?\s?(?:劑|片|個口罩|箱|台|輛|萬元|億元|美元|日圓))|"
            r"無償資金協力|緊急(?:支援|援助)(?!隊)|"
            r"donat|relief|"
            # money sent or pledged (sent ¥2 million to help, pledged NT$1 million)
            r"(?:sent|sends|send|pledged|pledges|gave|gives|raised) [^.\n]{0,20}(?:¥|yen|nt\$|us\$|\$|funds)|"
            # goods given (has given 100 cherry saplings, gave two ambulances)
            r"\b(?:gave|gives|given|sent|presented|brings|brought|delivers|delivered) [^.\n]{0,20}?"
            r"\b(?:saplings|seedlings|trees|ambulances?|fire engines?|masks|vaccines?|doses|"
            r"(?:picture )?books)\b|"
            # aid after a disaster sent (sends quake aid, delivers typhoon aid; not talks "on disaster aid")
            r"\b(?:sends?|sent|delivers?|delivered|gives?|gave|brings?|brought|donates?|donated) "
            r"(?:[a-z0-9$,.-]+ ){0,3}?"
            r"(?:quake|earthquake|typhoon|flood|disaster|relief|emergency|recovery) aid\b|"
            r"(?<!as )\bgift(?:ed|s)?\b|handed over"  # (not apples "popular as gifts")
        ),
        1.0,
    ),
    (
        EventType.ANNIVERSARY,
        _compile(
            r"週年|周年|anniversary|周年記念|(?:慶|滿|屆滿)\s?\d{1,3}\s?年"
            # a tie's commemoration, its years counted (締結姊妹市紀念活動, 友好交流協定10年, 10年の節目)
            r"|(?:締結|締盟|結盟|姊妹市|友好城市)[^。\n]{0,4}(?:紀念|記念)"
            r"|(?:協定|締結|締盟|提携)\s?\d{1,3}\s?年(?![前に度目\d])|\d{1,3}\s?年の節目"
            r"|celebrat\w*[^.\n]{0,40}(?:sister|friendship|ties)"
            r"|\d{1,3}\s?年[^。\n]{0,3}(?:紀念|記念)(?:式典|儀式|典禮|活動|事業)"
            # a Japanese report's years of a tie (交流20年, 結んでから10年を迎え)
            r"|交流\s?\d{1,3}\s?年(?![前に度目\d\u4e00-\u9fff])"
            r"|(?:結んで|締結して|となって|提携して)(?:から)?\s?\d{1,3}\s?年(?:を迎え|に?なる|となった|の節目)"
            r"|\bmark(?:s|ed|ing)? (?:the |exactly |just )?(?:\d{1,3}|\w+)(?:st|nd|rd|th)? years? "
            r"(?:since|of)"
            # a tie's years in English (the relationship turned 65, sister cities for 65 years)
            r"|(?:relationship|ties|partnership|friendship)\b[^.\n]{0,30}\bturned \d{1,3}\b"
            r"|sister cit(?:y|ies) for \d{1,3} years\b|(?<=\d )years as sister"
        ),
        1.0,
    ),
    (
        EventType.EXCHANGE_PROGRAMME,
        _compile(
            r"學生[^。，,\n]{0,4}(?:交流|訪問|團)|[高國]中生|師生|度假打工|打工度假|working holiday|"
            # schoolchildren and young people travelling as such (學童赴姊妹鄉, 青年舞團, children's exchange)
            r"學童|學子|小學生|青年(?:舞團|團|代表團|交流)|(?:青年|學生)[^。，,\n]{0,6}赴|schoolchildren|children's|"
            r"pupils|"
            r"ワーキングホリデー|青少年|若者(?:たち|ら)|教育旅行|修學旅行|姊妹校|交換學生|留學|少棒|棒球交流|"
            r"體育交流|運動交流|研習營|ホームステイ|homestay|親善試合|友誼賽|friendly (?:match|game)|"
            r"students?|youth|school exchange|exchange program|生徒|修学旅行|姉妹校|少年野球|スポーツ交流"
        ),
        1.0,
    ),
    (
        EventType.TRADE_INVESTMENT,
        _compile(
            r"投資|招商|經貿|商機|貿易|拓銷|商談|媒合|產業合作|農產品|出口|進口|半導體|設廠|解禁|輸入規制|"
            r"邊境管制|邊境查驗|邊境抽驗|輸入(?!規制)|trade|investment|imports?\b|"
            r"exports?|business|輸出|商談會|物産|経済交流|"
            # selling, plants and investing (販路, 常設販売, 着工, will invest, a new plant)
            r"販路|販売|売り込|トップセールス|着工|工場|進出|銷售通路|invest(?:s|ed|ing)?\b|"
            r"(?:new|build|chip|semiconductor) (?:plant|factory|fab)"
        ),
        0.6,
    ),
    (
        EventType.POLICY_STATEMENT,
        _compile(
            r"聲明|表態|呼籲|譴責|抗議|感謝|支持|反對|立場|發言人|statement|condemn|thank|声明|表明|談話"
        ),
        0.4,
    ),
)
_TYPE_CUES = {kind: pattern for kind, pattern, _ in _TYPE_RULES}
# Visits with a direction of their own (from the Taiwanese side)...
# (coming to Taiwan to invest, work, study or sightsee is no visit: 吸引日本企業來台設廠, 訪台旅客)
_NOT_A_VISIT = (
    r"(?!設廠|投資|發展|工作|就業|就學|留學|旅遊|觀光|旅客|遊客|人次|觀光客|定居|[^。，,]{0,2}商談"
    r"|積電)"  # 參訪台積電: a call on TSMC, wherever its plant is
)
_HOSTED = _compile(
    rf"來訪|訪台{_NOT_A_VISIT}|來台{_NOT_A_VISIT}|抵台|訪華|禮貌性拜會|蒞臨|來臺{_NOT_A_VISIT}|"
    r"visits? taiwan|visited taiwan|visiting taiwan|arriv(?:ed|es|e) in taiwan|(?:visit|trip) to taiwan|"
    r"(?:\bmet|\bmeets|held talks)\b[^.\n]{0,60}? in taiwan\b|courtesy call|received|"
    rf"台湾を訪問|台湾を訪れ|来台{_NOT_A_VISIT}"
)
# Japan as the second character of a trip (赴日, 訪日, 来日), not the first of 日月潭 (訪日月潭: the lake).
_JAPAN_NOT_THE_LAKE = r"日(?!月潭)"
_ABROAD = _compile(
    r"出訪|率團(?:赴|前往|訪問|出訪|抵達)|[赴訪来]" + _JAPAN_NOT_THE_LAKE + r"|前往日本|"
    r"赴[^\s。，,]{1,8}(?:訪問|參訪|拜會|考察|出席|參加)|"
    r"抵達日本|啟程|來縣|来縣|(?:visit|trip|delegation|travel(?:led|ed)?|heads?) to (?!taiwan)|訪問日本|"
    r"日本を訪問|"
    r"訪日団"
)
# ...and visits whose direction depends on who comes: the side named just before the verb or group.
_VISIT = _compile(
    r"拜會|拜訪|會見|會晤|參訪|抵達(?!日本)|前往(?!日本)|を表敬訪問|を表敬|表敬訪問|表敬|を訪問|を訪れ|が訪れ|"
    r"を訪ね|visited|visits|visiting|(?<!will )(?<!\bto )\bvisit\b|met with|\bmet\b|\bmeets\b|held talks|"
    r"called on|calling on|calls on|arrived in|arrives in|arriving in|"
    r"訪(?!問團|團|日|台|華|問)|"
    # Japanese talks (知事と会談, 代表が面会): where they were held gives the direction
    r"と(?:會談|面會|顔を合わせ)|が(?:會談|面會)"
)
# Receptions: the host is the sentence's first party (接見, 接待, 歡迎 ... 訪團); a Taiwanese host means a
# visit hosted in Taiwan, a foreign host (奧克蘭市長接待高雄市副市長) a visit abroad.
_RECEPTION = _compile(
    r"接見|接待|款待|設宴|迎接|歡迎[^。\n]{0,8}(?:訪團|來訪|蒞臨|一行|到訪|到來)"
    # English: welcoming or hosting visitors (not an application: "welcomes Taiwan's bid")
    r"|\b(?:welcom(?:ed|es|ing)|hosted)\b"
    r"(?![^.\n]{0,30}?\b(?:application|bid|decision|move|plan|support)\b)"
    r"(?=[^.\n]{0,60}?\b(?:delegations?|visitors?|governor|mayor|speaker|"
    r"lawmakers|legislators|group|councill?ors|council members|officials|envoys?|ministers?|"
    r"representatives?|ambassadors?)\b)"
)
_GUESTS_WITHIN = 45
_PASSIVE_BEFORE = _compile(r"\b(?:was|were|been|being|be)\s$")


def _guests_side(mentions: list[Mention], match: re.Match[str]) -> str | None:
    after = [m for m in mentions if match.end() <= m.start < match.end() + _GUESTS_WITHIN]
    return _side(after[0].place) if after else None


def _other_side(side: str | None) -> str | None:
    return {"taiwan": "foreign", "foreign": "taiwan"}.get(side or "")


_RECEPTION_BEFORE = _compile(r"(?:接待|接見|歡迎|款待|迎接)[^。，,]{0,2}$")
_PRESENCE_AFTER = _compile(r"[^。，,\n]{0,20}?(?:主持|出席|參加|拜會|會見|會談|會晤|會面)")
_ABROAD_PRESENCE = _compile(r"(?:在|於)日本[^。，,\n]{0,12}(?:主持|出席|參加|舉行|拜會|會見)")
_GROUP = _compile(
    r"(?:推廣|交流|行銷|經貿)團(?!體)|"
    r"訪問團|參訪團|訪團|代表團|考察團|議員團|一行|訪問団|代表団|delegations? (?:from|of|led by)|delegation"
)
_GROUP_FROM = _compile(r"delegations? (?:from|of)")
# Where a group goes, right after it: to Taiwan, abroad, or to a named place (を台南市に派遣).
_GROUP_GOES = _compile(
    r"[^。，,、\n]{0,6}?(?:(?P<here>來台|來臺|抵台|抵臺|訪台|訪臺|在台|在臺)|(?P<abroad>[赴訪]"
    + _JAPAN_NOT_THE_LAKE
    + r"|抵日)"
    r"|を[^。、\n]{1,12}?に(?:派遣|送))"
)
_FOREIGN_PEOPLE = _compile(
    r"\s?(?:[a-z-]+ ){0,2}(?:japanese|korean|american|u\.s\.|czech|lithuanian|filipino|australian|european|"
    r"german|french|british|canadian|polish|indian|thai|vietnamese|indonesian)\b"
)
_SENTENCE_MARKS = ("。", "\n", ". ", "!", "?", "，", ",")
_SENTENCE_STOPS = ("。", "\n", ". ")  # what ends a sentence when looking forward

_TALLY = _compile(
    r"(?:出訪|訪日|訪問|締盟|締結|姊妹市|姐妹市|友好城市|國際城市|城市)[^。，,\n]{0,6}?(?:近|逾|超過|共|達|有)?"
    r"\s?\d{1,3}\s?(?:次|座|趟|個(?:國際)?城市)"
)
_SCHOOL_PACT = _compile(r"(?:姊妹|姐妹|姉妹|友好|交流)(?:學校|校)|sister[- ]schools?|姉妹校")

_TEXT_SCOPE = 250
_ENGLISH_SCALE = 2.5
_AGREEMENT_TITLE = 5.0
_SPECIFIC_TITLE = 3.5
_AGREEMENT_LEAD = 3.7
# A pact document named in a title, with or without its verb (高雄市と県、むつ市が三者協定). Documents only:
# a tie's name (姉妹都市, sister-city ties) is its history.
_PACT_IN_TITLE = _compile(r"協定|協議書|覚書|備忘錄|意向書|\bmou\b|memorandum|\bpact\b|agreement")
# What may stand between a pact and the words that make it still to come (覚書の更新へ: _JA_PLANNED_AFTER).
_PACT_STEP = _compile(r"\s?(?:の?(?:更新|締結))?")


def _pact_in_title(reading: Reading) -> bool:
    """The title names a pact document that is not still to come (三者協定, but not 覚書の更新へ)."""
    for pact in _PACT_IN_TITLE.finditer(reading.folded, 0, reading.title_end):
        step = _PACT_STEP.match(reading.folded, pact.end())
        if step is not None and not _JA_PLANNED_AFTER.match(reading.folded, step.end()):
            return True
    return False


def _is_english(reading: Reading) -> bool:
    return reading.english


def _agreement(reading: Reading, scope_end: int, published: date | None = None) -> re.Match[str] | None:
    """The first signing the item reports as its news (title or lead), or None."""
    for match in _AGREEMENT.finditer(reading.folded, 0, scope_end):
        if _signed_now(reading, match, published):
            return match
    return None


_ENDED_OR_PAST = _compile(r"至今|迄今|以來|終止|廢止|解除|中止")


def _signed_now(reading: Reading, match: re.Match[str], published: date | None) -> bool:
    """A signing told as this item's news: not a pact of the past (以來, 2018年締結, 平成21年に結んでおり),
    planned or wished for (覚書の更新へ, 議員籲…締盟), nor "renewing ties"; in the text, its sentence (or
    the lead's) says when."""
    before = reading.folded[max(0, match.start() - 4) : match.start()]
    if _NOT_NOW.search(before) or _AFTER_AGREEMENT.match(reading.folded, match.end()):
        return False
    if _ENDED_OR_PAST.search(match.group()):
        return False  # 簽約至今已快5年，協定…; 通過終止與北京的姊妹市: a tie's years, or its end
    if _SINCE_SIGNING.search(reading.folded, max(0, match.start() - 32), match.start()):
        return False
    if reading.japanese and _JA_PLANNED_AFTER.match(reading.folded, match.end()):
        return False  # 覚書の更新へ, 協定締結に向けて: a pact still to come
    if _WISH_BEFORE.search(reading.folded, _clause_start(reading, match.start()), match.start()):
        return False  # 議員籲與神奈川升級締盟: a pact asked or hoped for
    if match.group().startswith("通過") and _WISH_BEFORE.search(match.group()):
        return False  # 通過提案 促縣府與宮古島市締盟: a motion passed that asks for a pact
    if _RENEWED_TIES.match(reading.folded, match.start()):
        return False  # "renewing ties between the sister cities": a visit's words, no pact renewed
    if match.start() < reading.title_end:
        return True
    if match.group() in _BARE_SIGN or not _told_as_now(reading, match):
        return False  # in the text: a signing with its pact, in a sentence that says when
    return not _dated_to_a_past_year(reading, match, published)


def _told_as_now(reading: Reading, match: re.Match[str]) -> bool:
    context = _ja_context(reading, match) if reading.japanese else _sentence(reading, match.start())
    if _is_english(reading):  # "on Tuesday (Dec. 24) passed": abbreviations cut English sentences short
        context = reading.folded[max(0, match.start() - 60) : match.start()] + context
    if reading.japanese:
        return not _JA_BACKGROUND.search(context)
    if _NOW.search(context):
        return True
    # the lead says when once (智慧局昨天宣布…); its paragraph's signing is that news
    return _in_first_paragraph(reading, match.start()) and bool(
        _NOW.search(_sentence(reading, reading.title_end))
    )


_WISH_BEFORE = _compile(
    r"籲|要求|盼|希望|爭取|有意|樂見|朝與|朝向|建請|促(?!進|成|銷|使)|敦促|建議|\burg(?:e|es|ed|ing)\b|\bpursue"
)
# Buying and selling (採購, 訂購, a purchase agreement): a sale signed is trade.
_PURCHASE = _compile(
    r"採購|購買|訂購|採買|供貨|進貨|purchas|procure|(?:立地|進出|進駐|設廠)(?:協定|協議)|"
    r"siting (?:agreement|pact|deal)|"
    r"投資(?:意向書|協議|協定|備忘錄|契約)"
    r"|取引|販売(?:拡大|協力)|輸出(?:拡大|促進)|輸出入"
    # an export or sales memorandum (外銷備忘錄, 交易備忘錄, an export memorandum with a wholesaler)
    r"|(?:出口|外銷|交易|銷售|供貨|供銷|貿易|輸出|行銷)(?:合作)?(?:備忘錄|合約|契約|意向書)"
    r"|\b(?:export|supply|sales) (?:memorandum|deal|contract|agreement)"
    # Japanese purchases (購入に関する覚書, 買い取り契約)
    r"|購入|買い?取|仕入"
)
_JA_PLANNED_AFTER = _compile(r"\s?(?:へ|に向け|を目指|する方針|する予定|を予定|の予定|を検討|を視野)")
# ...and a pact whose stated purpose, in its sentence, is to sell more (販路の拡大に向けた覚書, a memorandum
# to expand two-way sales of farm products, 拓展外銷通路的備忘錄).
_SALE_PURPOSE = _compile(
    r"(?<!や)(?:販路|販売|輸出)の?(?:拡大|拡充|開拓|促進)"  # (not one topic of several: 技術や販売促進)
    r"|(?:拓展|擴大|增加)[^。，,\n]{0,6}?(?:外銷|銷售|出口|銷路|通路)"
    # (not trade at large: a county's pact to promote trade and investment is a pact between governments)
    r"|\bto (?:expand|boost|promote|increase|grow) (?:[a-z-]+ ){0,3}?(?:sales|exports|shipments)\b"
    r"|\b(?:memorandum|deal|agreement) (?:[a-z-]+ ){0,6}?to (?:export|ship|sell)\b"
)
# English "renew" counts with a pact (renewed a memorandum), not with ties or friendship.
_RENEWED_TIES = _compile(r"renew\w*(?![^.\n]*?(?:agreement|memorandum|mou|pact|accord|letter))")
# A signing its own clause dates to a year alone (2018年締結, 於1979年締結, signed ... in 2006): the tie's
# history, told beside today's news; so is one dated "since" (自1966年6月30日締結). A full date
# (2026年3月5日簽署) is the event's own day.
_PAST_YEAR_BEFORE = _compile(
    r"(?:(?:19|20)\d\d|民國\s?\d{2,3}|(?<=[於在])\s?\d{2,3})\s?年(?!\s?\d{1,2}\s?月\s?\d)|回顧|(?:自|從)\s?(?:19|20)\d\d"
    # years past or a pact still being drafted (近年與多個縣市簽署, 研擬與岡山市簽署…的草案)
    r"|近年|多年來|歷年|研擬|研議|草擬|早(?:已|在|就|與|於)|去年|前年|上個?月"
    # a count of partners signed with (已與多個日本縣市簽署): the tie's history
    r"|多個|多座"
)
# A full date, its year written out or in the ROC era (民國68年10月10日: 1979).
# ... or a Japanese era's (平成30年4月19日: 2018).
_FULL_DATE_YEAR = _compile(
    r"(?:((?:19|20)\d\d)|民國\s?(\d{2,3})|(令和|平成|昭和)\s?(\d{1,2}|元))\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日"
)
_EN_FULL_DATE_AFTER = _compile(r"[^.\n]{0,40}?\bon [a-z]+[.\u2024]? \d{1,2}, ((?:19|20)\d\d)\b")
# English: a year past named right after (signed ... in 2006; donated after the 2011 quake), not a span
# running on to now (in 2006 and ..., in 2006 to ...).
_PAST_YEAR_AFTER = _compile(
    r"[^.\n]{0,40}?\b(?:in|after|since|during) (?:the )?"
    # (a month before the year: concluded agreements with Gunma in December 2012)
    r"(?:(?:jan|feb|march|april|may|june|july|aug|sept?|oct|nov|dec)[a-z]*[.\u2024]? )?"
    r"(?:19|20)\d\d\b(?! ?,? ?(?:and|to) )"
)


def _full_date_year(full: re.Match[str]) -> int:
    """The year of a full date (_FULL_DATE_YEAR, or _EN_FULL_DATE_AFTER's one group)."""
    western, roc, era, era_year = (*full.groups(), None, None, None)[:4]
    if western:
        return int(western)
    if roc:
        return int(roc) + ROC_OFFSET
    return JAPANESE_ERAS[str(era)] + (1 if era_year == "元" else int(str(era_year)))


def _dated_to_a_past_year(reading: Reading, match: re.Match[str], published: date | None = None) -> bool:
    clause = reading.folded[_clause_start(reading, match.start()) : match.start()]
    # (a sentence may open on the date, its own clause: 1961年6月15日，台北市與休士頓締結姊妹市)
    opening = _FULL_DATE_YEAR.match(reading.folded, _sentence_start(reading, match.start()), match.start())
    full = (
        opening
        or _FULL_DATE_YEAR.search(clause)
        or (_EN_FULL_DATE_AFTER.match(reading.folded, match.end()) if reading.english else None)
    )
    year = None if full is None else _full_date_year(full)
    if year is not None and published is not None and year < published.year:
        # 2016年12月14日與台中市簽署, signed their agreement on June 15, 1961, in an item of 2026: the tie's
        # first day, not the news
        return True
    if reading.japanese:
        return False  # Japanese tells its background by its own forms (_JA_BACKGROUND)
    if _PAST_YEAR_BEFORE.search(clause):
        return True
    return reading.english and _PAST_YEAR_AFTER.match(reading.folded, match.end()) is not None


def _ja_context(reading: Reading, match: re.Match[str]) -> str:
    """A Japanese signing's sentence, from after any earlier signing in it: a year told of that one
    (2011年に締結した取り決めの見直しで合意し、覚書に署名した) is not this one's."""
    start = _sentence_start(reading, match.start())
    earlier = [
        m.end() for m in _AGREEMENT.finditer(reading.folded, start, match.start()) if m.end() <= match.start()
    ]
    sentence = _sentence(reading, match.start())
    return sentence[max(earlier) - start :] if earlier else sentence


def _in_first_paragraph(reading: Reading, position: int) -> bool:
    end = reading.folded.find("\n", reading.title_end + 1)
    return end < 0 or position < end


def _sentence(reading: Reading, position: int) -> str:
    start = max(reading.folded.rfind(mark, 0, position) for mark in ("。", "\n", ". ", "!", "？"))
    ends = [e for e in (reading.folded.find(mark, position) for mark in _SENTENCE_STOPS) if e >= 0]
    return reading.folded[start + 1 : min(ends) if ends else len(reading.folded)]


def _clause_start(reading: Reading, position: int) -> int:
    return (
        max(reading.folded.rfind(mark, 0, position) for mark in ("。", "\n", ". ", ",", "，", ";", "；")) + 1
    )


def _sentence_start(reading: Reading, position: int) -> int:
    return max(reading.folded.rfind(mark, 0, position) for mark in ("。", "\n", ". ", "!", "？")) + 1


def _sentence_end(reading: Reading, position: int) -> int:
    """Where the sentence at ``position`` ends; a title ends at the title's end."""
    ends = [i for i in (reading.folded.find(mark, position) for mark in _SENTENCE_STOPS) if i >= 0]
    end = min(ends, default=len(reading.folded))
    return min(end, reading.title_end) if position < reading.title_end else end


def _side(place: Place | None) -> str | None:
    if place is None:
        return None
    return "taiwan" if place.country == "Taiwan" else "foreign"


def _direction(reading: Reading, match: re.Match[str], mentions: list[Mention]) -> EventType | None:
    """拜會/visited: who moves. The sentence's first party is the subject; the one right after the verb
    (right before it in Japanese: 熊本県を訪問) is the one visited. Hosted when a foreign side visits a
    Taiwanese one; abroad when a Taiwanese side visits a foreign one."""
    start = _sentence_start(reading, match.start())
    before = [m for m in mentions if start <= m.start and m.end <= match.start()]
    if match.group() == "が訪れ":
        # 台南市の市長ら約40人が訪れ: in a Japanese report, Taiwanese visitors came to Japan.
        return EventType.VISIT_ABROAD if before and _side(before[-1].place) == "taiwan" else None
    if match.group().startswith("を"):
        # The place visited is the one written right before を (熊本県を訪問); 市長が8日、縣庁を訪れ names a
        # Japanese office instead (縣庁, 市役所): the place visited is Japanese.
        adjacent = bool(before) and match.start() - before[-1].end <= 1
        target = before[-1].place if adjacent else None
        # 嘉義県の阿里山郷を訪れ: the county before の is the address of the place visited, no subject.
        others = before[:-1] if adjacent else before
        if adjacent and others and reading.folded[others[-1].end : before[-1].start] == "の":
            others = others[:-1]
        subject = others[0].place if others else None
        office_of = (
            before[-1] if before and reading.folded[before[-1].end : match.start()] in _OFFICE_WORDS else None
        )
        if target is None and office_of is not None and _side(office_of.place) == "taiwan":
            target = office_of.place  # 台北市役所を訪れ: Taipei's city hall, not a Japanese office
            others = [m for m in before if m is not office_of]
            subject = others[0].place if others else None
        elif target is None and _JA_OFFICE_BEFORE.search(
            reading.folded, max(0, match.start() - 4), match.start()
        ):
            target = _JAPANESE_OFFICE
            # 上天草市と協定を結ぶ台湾・瑞芳区の区長らが市役所を訪れ: whoever from Taiwan is named came
            taiwanese = [m.place for m in before if _side(m.place) == "taiwan"]
            subject = taiwanese[0] if taiwanese else subject
    elif match.group()[1:] in ("會談", "面會", "顔を合わせ"):
        # 県庁で知事と面会, 来県した市長と会談: in Japan; 台北市で会談: in Taiwan. No venue, no direction.
        start = _sentence_start(reading, match.start())
        sentence = reading.folded[start : match.start()]
        sides = {_side(m.place) for m in before}
        office = _JA_IN_JAPAN.search(sentence)
        if office is not None and any(
            m.start < start + office.start() + 1 <= m.end + 1 and _side(m.place) == "taiwan" for m in before
        ):
            office = None  # 台北市役所を訪れ: Taipei's city hall
            if "foreign" in sides:
                return EventType.HOSTED_VISIT
        if office is not None and "taiwan" in sides:
            return EventType.VISIT_ABROAD
        if _JA_IN_TAIWAN.search(sentence) and "foreign" in sides:
            return EventType.HOSTED_VISIT
        return None
    elif match.group() in ("met", "meets", "held talks"):
        # "met" tells no direction by itself: only a foreign subject meeting here is a visit (hosted), or
        # a Taiwanese one meeting "in" a foreign place (met Hokkaido's governor in Sapporo: abroad). A place
        # after "to" is where someone is posted or going (Taiwan's envoy to Japan meets ...), no subject.
        subjects = [m for m in before if reading.folded[max(0, m.start - 3) : m.start] != "to "]
        subject = subjects[0].place if subjects else None
        end = reading.folded.find(". ", match.end())
        venues = [
            m.place
            for m in mentions
            if match.end() <= m.start < (end if end >= 0 else len(reading.folded))
            and _AT_OR_IN_BEFORE.search(reading.folded, max(match.end(), m.start - 30), m.start)
        ]
        if venues and _side(venues[0]) == "foreign" and any(_side(m.place) == "taiwan" for m in before):
            return EventType.VISIT_ABROAD
        if venues and _side(venues[0]) == "taiwan" and any(_side(m.place) == "foreign" for m in before):
            return EventType.HOSTED_VISIT  # Okinawa's governor held talks with the president in Taipei
        return EventType.HOSTED_VISIT if _side(subject) == "foreign" else None
    else:
        # The one visited is named in the same sentence (a title's verb never reaches into the text).
        limit = min(match.end() + (3 if match.group() == "訪" else 25), _sentence_end(reading, match.end()))
        after = [m for m in mentions if match.end() <= m.start <= limit]
        subject = before[0].place if before else None
        target = after[0].place if after else None
        if target is None and _OWN_OFFICE.match(reading.folded, match.end()):
            target = _TAIWANESE_OFFICE  # 拜會本府: a Taiwanese release's own government
    who, whom = _side(subject), _side(target)
    if who == "foreign" and whom != "foreign":
        return EventType.HOSTED_VISIT
    if who is None and whom == "taiwan":
        return EventType.HOSTED_VISIT
    if (who == "taiwan" and whom == "foreign") or (who is None and whom == "foreign"):
        return EventType.VISIT_ABROAD
    return None


_GOES_TO_CALL = _compile(r"[^。，,\n]{1,12}?(?:拜會|拜訪|訪問|參訪|考察)")
# Who arrives (抵達) is a delegation or its leader: 町長率…20人，昨日抵達阿里山鄉.
_PEOPLE_ARRIVING = _compile(r"率|帶領|一行|[團長]|\d+\s?人|議員")
# A Japanese government office named without its place (縣庁を訪れ, 市役所を訪問), its governor (知事を
# 表敬訪問; Taiwan has none) or the place the report is about (同町を訪れ, 本市を訪問): a place in Japan.
_JA_OFFICE_BEFORE = _compile(
    r"(?:縣庁|県庁|都庁|府庁|道庁|市役所|町役場|村役場|役場|議會|議会|知事|同[市町村縣県]|本[市町村縣県])$"
)
_JAPANESE_OFFICE = Place(JP_PREF, "", None, "Japan", "prefecture")
_OFFICE_WORDS = frozenset({"役所", "市役所", "政府", "市政府", "縣政府", "庁", "議會"})
# A Taiwanese release names its own government without its place (拜會本府, 拜會市府, 拜訪鄉公所).
_OWN_OFFICE = _compile(r"(?:本府|本市府|本縣府|市府|縣府|[鄉鎮市區]公所|本所)")
_TAIWANESE_OFFICE = Place(TW_BODY, "", None, "Taiwan", "organisation")
# Where Japanese talks are held: a Japanese office, or a visitor who came to the prefecture or city (来県,
# 来庁, 来市, 来日); or a place in Taiwan (台北市内で, 市政府で, 訪台中).
_JA_IN_JAPAN = _compile(
    r"(?:縣庁|都庁|道庁|府庁|市役所|町役場|村役場|役場|知事室|市長室)(?:で|を訪)|[来來](?:縣|庁|市|町|村|日|道|都|府)"
)
_JA_IN_TAIWAN = _compile(r"(?:台北|台灣|台湾|市政府|縣政府|總統府|行政院|外交部)[^。、\n]{0,6}で|訪台")


def _group_direction(reading: Reading, match: re.Match[str], mentions: list[Mention]) -> EventType | None:
    """A delegation belongs to the side named just before it (熊本縣議會訪問團) or after "from"; where
    it goes, said right after it, outweighs both (一行13人來台, 議員団を台南市に派遣)."""
    going = _GROUP_GOES.match(reading.folded, match.end())
    if going is not None:
        if going.group("here"):
            return EventType.HOSTED_VISIT
        if going.group("abroad"):
            return EventType.VISIT_ABROAD
        places = [m for m in mentions if match.end() <= m.start and m.end <= going.end()]
        if places:
            return EventType.HOSTED_VISIT if _side(places[0].place) == "taiwan" else EventType.VISIT_ABROAD
    if _GROUP_FROM.match(match.group()):
        after = [m for m in mentions if match.end() <= m.start <= match.end() + 25]
        owner = after[0].place if after else None
        if owner is None and _FOREIGN_PEOPLE.match(reading.folded, match.end()):
            return EventType.HOSTED_VISIT  # a delegation of Japanese lawmakers
    else:
        if _OWN_OFFICE.match(reading.folded, _clause_start(reading, match.start())):
            return EventType.VISIT_ABROAD  # …締結姊妹市，鎮公所今年組成16人的交流團: the office's own group
        start = _sentence_start(reading, match.start())
        before = [m for m in mentions if max(start, match.start() - 30) <= m.start and m.end <= match.start()]
        owner = before[-1].place if before else None
    side = _side(owner)
    if side == "foreign":
        return EventType.HOSTED_VISIT
    if side == "taiwan":
        return EventType.VISIT_ABROAD
    return None


# What a more specific kind of news (a school exchange, a donation, an anniversary ceremony) weighs over the
# visit it happened on: the visit's weight and this much more.
_OVER_THE_VISIT = 0.5


def _visit_weight(found: dict[EventType, tuple[float, re.Match[str]]]) -> float:
    return max(
        (found[k][0] for k in (EventType.HOSTED_VISIT, EventType.VISIT_ABROAD) if k in found), default=0.0
    )


# The young travellers themselves: pupils, young players, trainees (棒球少年, 中学生15人, trainees).
_YOUNG_TRAVELLERS = _compile(
    r"學生|[高國]中生|師生|青少年|少棒|棒球少年|少年棒球|少年野球|[小中高]学生|高校生|生徒|兒童|球員|選手團|選抜|"
    r"students?|youth|players|pupils|trainees|athletes|teens|teenagers"
)
_TRAVELLERS_GAP = 40
# Officials led beside the young (率領町議會議員與中學生): the delegation is theirs; an office leading its
# pupils and teachers (鎮公所率鎮內國中學生及教師) sends the young.
_OFFICIALS = _compile(
    r"議員|議長|局長|處長|市長|縣長|鎮長|鄉長|町長|官員|團隊|幹部|代表|councilors?|officials"
)
_SENT = _compile(r"派遣|送り出|\bsen[dt]\b|dispatch")
# A cue told as what once happened (雙方都曾互相捐款, 過去曾舉辦論壇) is the tie's history, not the news.
_ONCE_BEFORE = _compile(r"(?:曾經?|過去|以往|當年|先前)[^。，,\n]{0,6}$")


def _in_the_past(reading: Reading, match: re.Match[str], kind: EventType | None = None) -> bool:
    if (
        reading.english
        and kind != EventType.ANNIVERSARY  # (an anniversary names the year it counts from)
        and _PAST_YEAR_AFTER.match(reading.folded, match.end())
    ):
        return True  # donated generously after the 2011 earthquake: background to today's news
    return _ONCE_BEFORE.search(reading.folded, max(0, match.start() - 10), match.start()) is not None


# Exchanges and trade as the topics of talks (雙方就觀光、經貿與青年交流交換意見; 北市與松山市談少棒交流) or
# as wishes (她希望讓兩地高中生互訪) are what was discussed or hoped for, not the event.
_TOPIC_KINDS = frozenset({EventType.EXCHANGE_PROGRAMME, EventType.TRADE_INVESTMENT, EventType.ANNIVERSARY})
_TOPIC_OPENS = _compile(r"(?:就|針對)[^。\n]{0,80}$")
_TOPIC_CLOSES = _compile(r"[^。\n]{0,30}?(?:交換意見|意見交換|交換心得|進行討論|等議題|等事宜)")
# (洽談進口 is trade itself)
_TALKED_OF = _compile(
    r"(?:(?<!洽)談|討論|商討|研商|希望|盼|期待)[^。，,\n]{0,10}$"
    r"|\b(?:discuss\w*|talks? (?:about|on|covered)|covered)\b[^.\n]{0,60}$"
    # (an exchange planned or agreed at a meeting: meet to plan youth baseball series, agreed to start)
    r"|\b(?:to|will) (?:plan|discuss|explore)\b[^.\n]{0,40}$|\bagreed to (?:start|launch|hold)\b[^.\n]{0,40}$"
)
# ...and in Japanese, talked of after the topic: 高校生の相互派遣について意見を交わした, 教育旅行の拡大を協議
_JA_TOPIC_CLOSES = _compile(
    r"[^。\n]{0,40}?(?:について|を巡り|をめぐり|などを|を)[^。\n]{0,8}?"
    r"(?:意見を交わ|話し合|協議|議論|意見交換|懇談|要請|求め)"
)


def _a_topic(reading: Reading, match: re.Match[str], kind: EventType) -> bool:
    if kind not in _TOPIC_KINDS:
        return False
    before = reading.folded[_sentence_start(reading, match.start()) : match.start()]
    if _TALKED_OF.search(before):
        return True
    if reading.japanese and _JA_TOPIC_CLOSES.match(reading.folded, match.end()):
        return True
    return bool(_TOPIC_OPENS.search(before)) and _TOPIC_CLOSES.match(reading.folded, match.end()) is not None


# A disaster's anniversary (基督城地震十週年, the 10th anniversary of the earthquake) is no tie's.
_DISASTER_BEFORE = _compile(
    r"(?:地震|震災|強震|海嘯|風災|水災|核災|空難|earthquake|quake|tsunami)[^。\n]{0,6}$"
)
_CENTURIES_BEFORE = _compile(r"(?<!\d)[1-9]\d\d\s?(?:th|st|nd|rd)?\s?(?:週|周)?$")
_DISASTER_AFTER = _compile(r"\s?(?:of|since) (?:the )?[^.\n]{0,30}?(?:earthquake|quake|tsunami|disaster)")


def _a_disaster_s(reading: Reading, match: re.Match[str], kind: EventType) -> bool:
    """A disaster's anniversary, or a city's own (臺南400年, Tainan's 400th anniversary: no tie is a
    hundred years old)."""
    if kind != EventType.ANNIVERSARY:
        return False
    if _CENTURIES_BEFORE.search(reading.folded, max(0, match.start() - 8), match.start()):
        return True
    before = _DISASTER_BEFORE.search(reading.folded, max(0, match.start() - 14), match.start())
    return before is not None or _DISASTER_AFTER.match(reading.folded, match.end()) is not None


_LED_BEFORE = _compile(r"率|帶領|led by|\bleads?\b|\bheaded by")


_BYLINE_CHARS = 16  # a shorter first line is a byline, not the lead sentence (English: x2.5)


def _lead_sentence(reading: Reading, count: int = 1) -> tuple[int, int]:
    """Where the text's first ``count`` real sentences start and end (past bylines, blank lines and the
    title repeated as the text's first line)."""
    start, first, found = reading.title_end, None, None
    title = reading.folded[: reading.title_end].strip()
    while start < len(reading.folded):
        stops = [e for e in (reading.folded.find(mark, start + 1) for mark in _SENTENCE_STOPS) if e >= 0]
        end = min(stops) if stops else len(reading.folded)
        first = first or (start, end)
        sentence = reading.folded[start:end].strip()
        if len(sentence) >= _BYLINE_CHARS * reading.scale and sentence != title:
            found = (found[0] if found else start, end)
            count -= 1
            if not count:
                return found
        start = end + 1
    return found or first or (reading.title_end, len(reading.folded))


def _second_sentence_end(reading: Reading) -> int:
    end = reading.title_end
    for _ in range(2):
        stops = [e for e in (reading.folded.find(mark, end + 1) for mark in _SENTENCE_STOPS) if e >= 0]
        end = min(stops) if stops else len(reading.folded)
    return end


def _young_travellers(
    reading: Reading,
    found: dict[EventType, tuple[float, re.Match[str]]],
    visits: list[re.Match[str]],
    end: int,
) -> None:
    """Students, young players or trainees who are the ones travelling (中学生15人が台中市を訪れ, 少棒訪問團,
    players arrived in Taoyuan): the visit is the exchange programme, so it takes the visit's weight and
    a little more. A school exchange mentioned beside an official's visit does not: it must come first,
    as the subject of the visit word, in the same sentence."""
    visit_weight = _visit_weight(found)
    if not visit_weight:
        return
    news_end = _second_sentence_end(reading)
    for young in _YOUNG_TRAVELLERS.finditer(reading.folded, 0, end):
        if young.start() >= reading.title_end and young.start() > news_end:
            break  # the news is told first; later students are background or plans
        led = _LED_BEFORE.search(reading.folded, _sentence_start(reading, young.start()), young.start())
        if led and _OFFICIALS.search(reading.folded, led.end(), young.start()):
            continue  # 町長率領町議會議員與中學生: students in an official's delegation
        if _a_topic(reading, young, EventType.EXCHANGE_PROGRAMME):
            continue  # 市長盼學生互訪再擴大: a wish, beside the official's visit
        sent = _SENT.search(reading.folded, young.end(), young.end() + _TRAVELLERS_GAP)
        for visit in [*visits, *([sent] if sent else [])]:
            gap = reading.folded[young.end() : visit.start()]
            if young.end() <= visit.start() <= young.end() + _TRAVELLERS_GAP and not any(
                mark in gap for mark in _SENTENCE_STOPS
            ):
                _raise_to(found, EventType.EXCHANGE_PROGRAMME, visit_weight + _OVER_THE_VISIT, young)
                return


def _forum_attended(reading: Reading, found: dict[EventType, tuple[float, re.Match[str]]]) -> None:
    """A forum or summit the title or the lead sentence tells is what the trip or the hosting was for: it
    wins over the visit (conventions: attending, hosting or bidding for a forum). One a visitor attends
    later in a programme of calls is a stop on the visit."""
    forum = found.get(EventType.FORUM)
    visit_weight = _visit_weight(found)
    if forum is None or not visit_weight:
        return
    lead_start, lead_end = _lead_sentence(reading)
    if forum[1].start() < reading.title_end or lead_start <= forum[1].start() < lead_end:
        _raise_to(found, EventType.FORUM, visit_weight + _OVER_THE_VISIT, forum[1])


def _raise_to(
    found: dict[EventType, tuple[float, re.Match[str]]], kind: EventType, weight: float, match: re.Match[str]
) -> None:
    """Give a kind at least this weight; one the title already weighs more keeps its weight and match."""
    if kind not in found or found[kind][0] < weight:
        found[kind] = (weight, match)


# Money given (not souvenirs: 贈送 is also a courtesy call's gift).
_MONEY = _compile(r"慰問金|義援金|善款|捐款|見舞金|寄付|募金|donation|donated")


def _money_brought(
    reading: Reading,
    found: dict[EventType, tuple[float, re.Match[str]]],
    visits: list[re.Match[str]],
    end: int,
) -> None:
    """A delegation that comes or goes to hand over money (率議員一行抵達高雄，將…慰問金親手交給市長): the
    donation is the news, so it takes the visit's weight and a little more (conventions: a donation wins
    over the visit it was brought on)."""
    visit_weight = _visit_weight(found)
    if not visit_weight:
        return
    for money in _MONEY.finditer(reading.folded, 0, end):
        start = _sentence_start(reading, money.start())
        if any(start <= visit.start() < money.start() for visit in visits):
            _raise_to(found, EventType.DONATION, visit_weight + _OVER_THE_VISIT, money)
            return


# A business event held as the news (投資說明會, 產業媒合會, 投資セミナー, an investment seminar): trade,
# over the visit of those who came to hold it.
_BUSINESS_EVENT = _compile(
    r"(?:投資|招商|產業|商務|經貿|貿易|商機|產品)[^。，,\n]{0,10}(?:說明會|媒合會|商談會|洽談會)|投資セミナー|商談会|"
    r"investment (?:seminar|forum|conference)|business matching|matchmaking|trade mission|"
    r"\b(?:go|goes|went) on sale\b|"
    # a fair selling one side's produce (物產展, 展售會, a food fair at a department store)
    r"物產展|物産展|物產展售|展售會|物産フェア|(?:produce|food|product|trade|fruit|sales) fair|"
    r"buyers'? meeting|"
    r"(?:trade|food) shows?"
    # a sales mission, a trade show, produce sold (拓銷團, 國際食品展, 推銷彰化農產)
    r"|拓銷|(?:食品|農產品?|工業|機械|產品|商品|物產)展(?!示館|演)|推銷[^。，,\n]{0,6}(?:農產|水果|產品|商品|特產)"
    # a produce sales mission (農產行銷團, 蘋果行銷團), not a city's tourism promotion
    r"|(?:農產品?|農特產|水果|蘋果|芒果|鳳梨|產品|商品|物產|特產)(?:行銷|促銷|推銷)團"
)


def _business_held(reading: Reading, found: dict[EventType, tuple[float, re.Match[str]]]) -> None:
    """A visit made to hold a business event (熊本縣來台舉辦投資說明會): the event is trade, when the title
    or the lead sentence tells it (a fair held on the side of a visit is the visit's)."""
    held = _BUSINESS_EVENT.search(reading.folded, 0, reading.title_end) or _BUSINESS_EVENT.search(
        reading.folded, *_lead_sentence(reading)
    )
    if held is not None and EventType.AGREEMENT not in found:
        weight = max(_visit_weight(found) + _OVER_THE_VISIT, found.get(EventType.TRADE_INVESTMENT, (1.0,))[0])
        found[EventType.TRADE_INVESTMENT] = (weight, held)


def _event_type(
    reading: Reading, mentions: list[Mention], party_is_company: bool = False, published: date | None = None
) -> tuple[EventType, Evidence | None]:
    title_end = reading.title_end
    # English says in 600 characters what Chinese says in 250.
    scale = reading.scale
    lead_end = title_end + int(_TEXT_SCOPE * scale)

    def evidence(match: re.Match[str]) -> Evidence:
        return Evidence("event_type", reading.raw[match.start() : match.end()], match.start(), match.end())

    found: dict[EventType, tuple[float, re.Match[str]]] = {}

    def weigh(
        kind: EventType, pattern: re.Pattern[str], lead_weight: float, title_weight: float = 3.0
    ) -> None:
        in_title = next(
            (
                m
                for m in pattern.finditer(reading.folded, 0, title_end)
                if not _a_disaster_s(reading, m, kind) and not _a_topic(reading, m, kind)
            ),
            None,
        )
        in_lead = next(
            (
                m
                for m in pattern.finditer(reading.folded, title_end, lead_end)
                if not _in_the_past(reading, m, kind)
                and not _a_disaster_s(reading, m, kind)
                and not _a_topic(reading, m, kind)
            ),
            None,
        )
        weight = (title_weight if in_title else 0.0) + (lead_weight if in_lead else 0.0)
        first = in_title or in_lead
        if weight and first is not None:
            _raise_to(found, kind, weight, first)  # (a sale signed is trade already, at a signing's weight)

    # Japanese reports tell the background first (2014年に締結している) and the news after it.
    signed = _agreement(
        reading, lead_end if reading.japanese else min(lead_end, title_end + int(200 * scale)), published
    )
    if signed is not None:
        # A signing outweighs any other word in the title: the pact is the news of the visit it closed.
        # A sister-school pact is the school exchange itself (annotation conventions).
        schools = _SCHOOL_PACT.search(reading.folded, max(0, signed.start() - 16), signed.end() + 10)
        # A title naming the pact (三者協定, 締結MOU) tells the signing its lead reports as the news.
        titled = signed.start() < title_end or _pact_in_title(reading)
        # A purchase signed with a buyer (採購合作意向書, 簽署採購協議) is a sale: trade, not a pact.
        sale = _PURCHASE.search(reading.folded, max(0, signed.start() - 8), signed.end() + 8) or (
            _SALE_PURPOSE.search(_sentence(reading, signed.start()))
            # (a signing in the title: the lead tells what the pact is for)
            or (signed.start() < title_end and _SALE_PURPOSE.search(_sentence(reading, title_end + 1)))
            # letters signed at a business event named before them (商機媒合會簽3份合作意向書): its deals
            or _BUSINESS_EVENT.search(
                reading.folded, _sentence_start(reading, signed.start()), signed.start()
            )
        )
        kind = (
            EventType.EXCHANGE_PROGRAMME
            if schools
            else EventType.TRADE_INVESTMENT
            if sale
            else EventType.AGREEMENT
        )
        found[kind] = (_AGREEMENT_TITLE if titled else _AGREEMENT_LEAD, signed)
    for kind, pattern, lead_weight in _TYPE_RULES[:5]:
        # A forum, donation, anniversary ... in the title says more than a visit word there.
        weigh(kind, pattern, lead_weight, 3.0 if kind == EventType.EXCHANGE_PROGRAMME else _SPECIFIC_TITLE)
    if EventType.ANNIVERSARY in found and (
        _UPCOMING.search(
            reading.folded,
            max(0, found[EventType.ANNIVERSARY][1].start() - 16),
            found[EventType.ANNIVERSARY][1].start(),
        )
        or _UPCOMING_AFTER.match(reading.folded, found[EventType.ANNIVERSARY][1].end())
    ):
        # 籌備明年10週年, 1周年を前に, 9週年前夕: the news is what happens now, not the anniversary
        del found[EventType.ANNIVERSARY]
    # Visits: every cue with its direction; the title's cues count 3, the text's 1, as for the other types.
    cues: list[tuple[re.Match[str], EventType]] = []
    for pattern, kind in ((_HOSTED, EventType.HOSTED_VISIT), (_ABROAD, EventType.VISIT_ABROAD)):
        for match in pattern.finditer(reading.folded, 0, lead_end):
            if kind == EventType.VISIT_ABROAD and match.group().endswith("to "):
                # a visit to Taipei City Hall is a visit to Taiwan
                here = next((m for m in mentions if match.end() <= m.start <= match.end() + 4), None)
                if here is not None and _side(here.place) == "taiwan":
                    cues.append((match, EventType.HOSTED_VISIT))
                    continue
            if kind == EventType.VISIT_ABROAD and match.group().startswith("率團"):
                # 率團訪問台中: who leads the group decides (a governor's group comes to Taiwan).
                start = _sentence_start(reading, match.start())
                leaders = [m for m in mentions if start <= m.start and m.end <= match.start()]
                if leaders and _side(leaders[0].place) == "foreign":
                    cues.append((match, EventType.HOSTED_VISIT))
                    continue
            cues.append((match, kind))
    cues += [
        (m, EventType.VISIT_ABROAD) for m in _ABROAD_PRESENCE.finditer(reading.folded, title_end, lead_end)
    ]
    # 駐日代表在東京出席…: a Taiwanese subject taking part in something at a foreign place.
    for place in mentions:
        if (
            place.place.country != "Taiwan"
            and place.place.kind in _PLACE_KINDS
            and title_end <= place.start < lead_end
            and reading.folded[place.start - 1 : place.start] in ("在", "於")
        ):
            presence = _PRESENCE_AFTER.match(reading.folded, place.end)
            start = _sentence_start(reading, place.start)
            subject = next((m for m in mentions if start <= m.start < place.start), None)
            if presence is not None and subject is not None and _side(subject.place) == "taiwan":
                cues.append((presence, EventType.VISIT_ABROAD))
    for match in _RECEPTION.finditer(reading.folded, 0, lead_end):
        start = _clause_start(reading, match.start())
        hosts = [m for m in mentions if start <= m.start and m.end <= match.start()]
        side = _side(hosts[0].place) if hosts else None
        if side is None and reading.english and not _PASSIVE_BEFORE.search(reading.folded, 0, match.start()):
            # no host named (Lacuna welcomes Taipei delegation): the guests right after tell (but after "was
            # welcomed", the host)
            side = _other_side(_guests_side(mentions, match))
        cues.append((match, EventType.VISIT_ABROAD if side == "foreign" else EventType.HOSTED_VISIT))
    for match in _VISIT.finditer(reading.folded, 0, lead_end):
        if match.group() == "訪" and match.start() >= title_end:
            continue  # a bare 訪 counts in a title only (訪中市教育局); in the text it is too common
        if match.group() == "前往" and not _GOES_TO_CALL.match(reading.folded, match.end()):
            continue  # 前往外交部辭行: a farewell, not a call; 前往和歌山縣廳拜會知事 is one
        if match.group() == "抵達" and not _PEOPLE_ARRIVING.search(
            reading.folded, _sentence_start(reading, match.start()), match.start()
        ):
            continue  # 疫苗下午抵達桃園機場: goods arrive, nobody visits
        direction = _direction(reading, match, mentions)
        if direction is not None:
            cues.append((match, direction))
    for match in _GROUP.finditer(reading.folded, 0, lead_end):
        if _RECEPTION_BEFORE.search(reading.folded, max(0, match.start() - 4), match.start()):
            continue  # 接待訪團: the group received, whose owner the reception already told
        direction = _group_direction(reading, match, mentions)
        if direction is not None:
            cues.append((match, direction))
    for kind in (EventType.HOSTED_VISIT, EventType.VISIT_ABROAD):
        mine = sorted((m for m, k in cues if k == kind), key=lambda m: m.start())
        if mine:
            in_title = any(m.start() < title_end for m in mine)
            in_lead = any(m.start() >= title_end for m in mine)
            found[kind] = ((3.0 if in_title else 0.0) + (1.0 if in_lead else 0.0), mine[0])
    _forum_attended(reading, found)
    _young_travellers(reading, found, [m for m, _ in cues], lead_end)
    _money_brought(reading, found, [m for m, _ in cues], lead_end)
    for kind, pattern, lead_weight in _TYPE_RULES[5:]:
        weigh(kind, pattern, lead_weight)
    _business_held(reading, found)
    # Postings, publications and receptions are news of their own kind (other), as specific as a forum.
    weigh(EventType.OTHER, _OCCASION, 1.0, _SPECIFIC_TITLE)
    statement = found.get(EventType.POLICY_STATEMENT)
    weigh(EventType.POLICY_STATEMENT, _STANCE, 1.0, _SPECIFIC_TITLE)
    if statement is not None and found[EventType.POLICY_STATEMENT][0] < statement[0]:
        found[EventType.POLICY_STATEMENT] = statement
    ceremony = _COMMEMORATION.search(reading.folded, 0, lead_end)
    if (
        EventType.ANNIVERSARY in found
        and EventType.AGREEMENT not in found  # a pact signed at the ceremony is still the news
        and ceremony is not None
        # a ceremony planned for next year (將在明年舉辦十週年紀念攝影展) is not this event
        and not _UPCOMING.search(reading.folded, max(0, ceremony.start() - 16), ceremony.start())
    ):
        # A ceremony held for the anniversary is the event, also when a delegation travels to it (a visit
        # made for the anniversary: conventions).
        weight, match = found[EventType.ANNIVERSARY]
        found[EventType.ANNIVERSARY] = (max(weight + 1.0, _visit_weight(found) + _OVER_THE_VISIT), match)
    session = _COUNCIL_SESSION.search(reading.folded, *_lead_sentence(reading, count=2))
    if session is not None:
        # An item opening on a council session (市議會今日進行總質詢, told the city council yesterday; its
        # first two sentences)
        # reports what was said there, whatever visits, pacts or anniversaries the questions and answers
        # name (a pact the council approves is one: 議會通過…締盟案, conventions).
        weight = found.get(EventType.POLICY_STATEMENT, (0.0, session))[0] + _SPECIFIC_TITLE
        if not _COUNCIL_APPROVES.search(reading.folded, 0, lead_end):
            weight = max([weight, *(w + _OVER_THE_VISIT for w, _ in found.values())])
        found[EventType.POLICY_STATEMENT] = (weight, session)
    if not found:
        return EventType.OTHER, None
    pact, call = found.get(EventType.AGREEMENT), found.get(EventType.VIDEO_CALL)
    if pact and call and _TYPE_CUES[EventType.VIDEO_CALL].search(_sentence(reading, pact[1].start())):
        # a pact signed by video link is the pact (conventions: agreement wins over the call it was signed on)
        _raise_to(found, EventType.AGREEMENT, call[0] + _OVER_THE_VISIT, pact[1])
    tally = _TALLY.search(reading.folded, 0, lead_end)
    if tally is not None and EventType.AGREEMENT not in found and EventType.FORUM not in found:
        # A count of trips or ties (出訪近40次, 締盟國際城市53座): an overview, not one event.
        return EventType.OTHER, evidence(tally)
    order = [kind for kind in _PRIORITY if kind in found]

    # Highest weight; among equals, the one the text says first (its news comes first), then the order.
    def rank(kind: EventType) -> tuple[float, int, int]:
        weight, match = found[kind]
        return (weight, -match.start(), -order.index(kind))

    if party_is_company and EventType.AGREEMENT not in found:
        # A firm's dealings abroad (a fab, a call on a prime minister) are trade and investment.
        trade = _TYPE_CUES[EventType.TRADE_INVESTMENT].search(reading.folded, 0, lead_end)
        if trade is not None:
            return EventType.TRADE_INVESTMENT, evidence(trade)

    best = max(order, key=rank)
    return best, evidence(found[best][1])


_PRIORITY = (
    EventType.AGREEMENT,
    EventType.VIDEO_CALL,
    EventType.FORUM,
    EventType.DONATION,
    EventType.ANNIVERSARY,
    EventType.EXCHANGE_PROGRAMME,
    EventType.HOSTED_VISIT,
    EventType.VISIT_ABROAD,
    EventType.TRADE_INVESTMENT,
    EventType.POLICY_STATEMENT,
    EventType.OTHER,
)
# A new representative taking up a post (新任駐日代表抵達, 着任), a publication (發表專刊), a New Year or
# National Day reception: other, by the annotation conventions.
_OCCASION = _compile(
    r"(?:新任|新たな|新)[^。\n]{0,10}(?:代表|大使|處長|所長)[^。\n]{0,14}(?:到任|上任|履新|就任|着任|赴任|到着|抵達|抵台)"
    r"|(?:new|incoming)[^.\n]{0,40}(?:envoy|representative|ambassador|chief)[^.\n]{0,60}arriv"
    r"|will (?:become|take over as|succeed)[^.\n]{0,40}(?:head|chief|representative|envoy)"
    # an envoy appointed (has chosen Lee ... as its new top representative in Japan, replacing ...)
    r"|\b(?:cho(?:se|sen|oses?)|names?|named|appoint(?:s|ed)?|pick(?:s|ed)?|tap(?:s|ped)?)\b[^.\n]{0,120}?"
    r"\bas (?:its |the )?(?:new )?(?:top )?"
    r"(?:representative|envoy|ambassador)\b"
    # (a call made on taking up the post is the call: 着任あいさつ, 先月着任した処長が県庁を訪れ; 着任以来:
    # the years since)
    r"|着任(?!の?(?:あいさつ|挨拶)|した[^。、\n]|以来|以來)|赴任|履新|到任"
    # a civil servant posted to the partner for a term (派遣的職員…進駐縣府, 國際交流員報到)
    r"|職員[^。\n]{0,10}(?:進駐|常駐|派駐)|派駐[^。\n]{0,10}(?:職員|人員|公務員|市役所|縣廳|縣庁|市府)"
    r"|交流員[^。\n]{0,10}(?:報到|到任|着任)|派員駐|交流公務員|公務員交流|互派職員"
    r"|職員[^。\n]{0,30}研修を(?:始め|開始)|研修員"  # civil servants' year of training there
    r"|(?:派遣|選派|派)[^。\n]{0,10}(?:職員|公務人員|公務員)[^。\n]{0,24}(?:研修|研習|進駐|服務|報到)|派員(?:長駐|進駐)"
    r"|(?:1|一)年間[^。\n]{0,24}派遣|派遣[^。\n]{0,12}(?:1|一)年間"
    # staff sent to train there for months (職員赴山形市役所研習半年)
    r"|職員[^。\n]{0,4}?(?:赴|前往|到)[^。\n]{0,16}?(?:研習|研修)[^。\n]{0,4}?(?:為期)?\s?(?:[\d一二三四五六兩]+\s?個月|半年|一年)"
    # staff sent to work or train there (町職員を寿豊郷へ派遣, 市職員を台中に派遣し実務を学ぶ)
    r"|職員[^。\n]{0,4}を[^。\n]{0,14}?派遣"
    # staff sent to train there for months (派員赴姊妹市役場研習 為期3個月)
    r"|派員[^。\n]{0,16}(?:研習|研修)[^。\n]{0,6}?(?:為期)?\s?[\d一二三四五六兩半]+\s?(?:個月|年)"
    r"|(?:合編|合出|編印|出版|發行)[^。\n]{0,20}(?:手冊|專刊|專書|導覽書)"
    r"|\b(?:published|released|launched) (?:a|an|the) [^.\n]{0,40}\b(?:book|guide|guidebook|handbook)\b"
    r"|\b(?:year-long |one-year |a )?posting (?:at|to|with)\b|\bseconded to\b|\bsecondment\b"
    r"|\b(?:begins?|began|starts?|started) (?:a )?(?:[a-z-]+ ){0,2}?training\b"
    r"|共同(?:で)?(?:制作|作成|発行|編集|作っ|作り|作る)[^。\n]{0,30}(?:マップ|ガイドブック|冊子|パンフレット)"
    r"|(?:マップ|ガイドブック|ガイド冊子|冊子|パンフレット)[^。\n]{0,12}共同で(?:制作|作成|発行|編集|作っ|作り|作る)"
    r"|共同で?[^。\n]{0,4}(?:ガイド冊子|ガイドブック|マップ)"
    r"|(?:マップ|ガイドブック|冊子)[^。\n]{0,6}完成"
    # a departing representative's farewell and decoration (辭行, 頒贈勳章, 叙勲)
    r"|辭行|惜別|授勳|叙勲|頒贈[^。\n]{0,12}(?:勳章|獎章)|decorated|farewell"
    # receptions (a National Day or the Emperor's Birthday reception)
    r"|酒會|祝賀會|レセプション|交流の夕べ|天皇誕辰|天皇誕生日|emperor's birthday|\breception\b"
    r"|發表[^。\n]{0,24}(?:專刊|專書|白皮書|年報)|出版[^。\n]{0,8}(?:專刊|專書)"
    r"|新年(?:餐)?會|賀詞交換會|國慶酒會|賀詞交歓會|new year reception|年終(?:感謝)?餐會|感謝餐會|春酒"
    # exhibitions and books about a tie (写真展, 特展, 攝影展, a book chronicling ...)
    r"|写真展|寫真展|特展|攝影展|文物展|展覧会|展覽會|新書發表|\bexhibition\b"
    r"|\b(?:publishes|published|launched|launches) an? [a-z -]{0,20}book"
    # an honour conferred (an honorary citizen, a foreign minister's commendation, 榮譽市民, 名誉市民)
    r"|honorary citizen|commendation|榮譽市民|名譽市民|名誉市民"
    # a guide or map put out together (Taichung, Nakatsu publish joint cycling guide)
    r"|\b(?:jointly )?publish(?:es|ed)? (?:a |an |the )?(?:joint|bilingual) [a-z -]{0,20}?"
    r"\b(?:guide|guidebook|map)s?\b"
)
# A council's interpellation and its answer, in the stance words and in question time.
_INTERPELLATION = r"質詢|答詢|議[会會]の?質疑|interpellation"  # (質疑 alone is "doubts" in Chinese)
# A stance taken on the other side's bid or participation (歡迎台灣申請加入, voiced support for Taiwan's
# participation): a statement, more specific than the trade or body it is about.
_STANCE = _compile(
    # a council's interpellation and the answer (議員質詢, 市長答詢): statements on a tie (conventions)
    _INTERPELLATION + r"|インタビュー|\binterview\b|"
    # a government's own weekly meeting, where its head instructs
    r"(?:市政|縣務|市務|府務)會議|主管會報|(?:city|county) (?:administration|government) meeting|"
    # a policy address, a regular press conference, words said in an assembly or committee
    r"施政報告|施政方針|定例(?:記者)?会見|regular press conference|"
    # a government's head answering at a press conference (市長今日在市府記者會回應媒體提問時表示; not a
    # firm's boss at its investment's)
    r"(?:市長|縣長|鄉長|鎮長|區長|議長|部長|院長|首相|知事)[^。\n]{0,16}?記者會[^。\n]{0,12}?"
    r"(?:表示|回應|指出|透露|強調)|"
    r"(?:議会|議會|委員会)で[^。\n]{0,40}?(?:述べ|表明|考えを示|方針を示)|"
    # a city's wish for ties, said (Tainan wants sister-city ties with Kaunas, mayor says)
    # ("seeks deeper ties" is a visit's words about ties that exist)
    r"\b(?:wants?|seeks?|would seek|will seek|hopes? for)\b"
    r"(?![^.\n]{0,30}\b(?:deeper|closer|stronger|broader)\b)[^.\n]{0,30}\b(?:ties|relations)\b|"
    r"歡迎[^。\n]{0,12}(?:申請|加入)|welcom\w* [^.\n]{0,40}(?:bid|application)"
    r"|(?:voiced|expressed|reiterated|reaffirmed) (?:its |their )?support|支持[^。\n]{0,16}(?:加入|參與|入會)"
    r"|(?:加入|参加|參加)(?:申請)?を支持"
    # a council's motion or resolution (縣議會通過提案建請…, 市民代表會通過臨時動議, 意見書を可決, passed a
    # resolution)
    r"|(?:議會|代表會)[^。\n]{0,10}通過[^。\n]{0,10}(?:提案|決議|臨時動議)|意見書[^。\n]{0,6}可決"
    r"|(?:促す|求める)決議|決議[^。\n]{0,4}(?:を)?(?:可決|採択)"  # (a council's resolution, in Japanese)
    r"|提案[^。\n]{0,60}?(?:照案)?通過"
    r"|(?:passed|adopted|approved) (?:a |the )?(?:resolution|motion)"
)
# A council approving a pact (議會…通過…締盟, 協定案を可決): the pact's news, not a question time's.
_COUNCIL_APPROVES = _compile(
    r"通過[^。\n]{0,16}(?:締盟|締結|協定|備忘錄|姊妹)|(?:協定|覚書|覺書)[^。\n]{0,12}可決|approv"
)
# A council's question time, as the frame of an item's first sentence.
_COUNCIL_SESSION = _compile(
    _INTERPELLATION + r"|一般質問|代表質問|總質問|答弁|question (?:time|session)|"  # (総質問 folds to 總)
    r"\btold (?:the )?[a-z ]{0,20}(?:city|county|municipal) council\b|"
    r"council (?:grilling|session|questioning)|"
    r"\bcouncill?ors?\b[^.\n]{0,25}\b(?:questioned|asked|grilled|criticized|criticised|pressed|urged?)\b"
)
# A ceremony or celebration held for an anniversary (20周年紀念活動, 慶祝締盟10週年).
_COMMEMORATION = _compile(
    r"(?:週年|周年)[^。\n]{0,6}(?:紀念|慶祝|慶典|典禮|記念)|慶祝[^。\n]{0,10}(?:週年|周年)"
    r"|anniversary celebration|(?<!signing )\bceremony\b|\d{1,3}\s?年[^。\n]{0,3}(?:紀念|記念)"
    r"|(?:締結|締盟|結盟)[^。\n]{0,6}(?:紀念|記念)(?:活動|儀式|典禮|式典|茶會)"
    r"|(?:出席|參加|舉行|舉辦)(?:週年|周年)?(?:紀念|記念)(?:活動|儀式|典禮|式典|茶會)|記念の?式典"
    r"|記念し[^。\n]{0,30}式典"
)


# The commonest Taiwanese surnames (a Chinese name on the Taiwanese side starts with one of them).
_SURNAMES = frozenset(
    "陳林黃張李王吳劉蔡楊許鄭謝洪郭邱曾廖賴徐周葉蘇莊呂江何蕭羅高潘簡朱鍾游彭詹胡施沈余盧梁趙顏柯翁魏孫戴范方宋"
    "鄧杜傅侯曹薛丁卓阮馬董温温唐藍蔣石古紀姚連馮歐程湯黄田康姜白汪鄒尤巫鐘涂龔嚴韓袁金童陸夏柳凃邵錢伍倪溫于譚"
    "駱熊任甘秦顧毛章史官萬俞雷粘饒張殷符"
)
# Characters that never appear in a name: verbs and function words a greedy match picks up (表示, 率團).
_NOT_NAME = frozenset(
    "表示歡迎率團參訪邀請此次隔年共同產業媒體強調重另也並與和及的在於將已為是由等日本市縣府"
)
_ENGLISH_NOT_NAME = frozenset({"Receives", "Visits", "Meets", "Signs", "Leads", "Welcomes", "Hosts", "City"})


_OF = _compile(r" of (?:the )?")
_KANA = _compile(r"[\u3040-\u30ff]")


def _plausible(name: str, side: str, covered: set[int], start: int) -> bool:
    latin = all(char < "\u2e80" for char in name)  # Zdeněk Hřib, Shunji Kōno: Latin letters, any accents
    if start + len(name) - 1 in covered:
        # A place name (熊本 市長, 市長高雄), not a person; a name may start with a place's characters
        # and go on (韓國瑜, 高市早苗).
        return False
    if latin:
        return not any(token in _ENGLISH_NOT_NAME for token in name.split())
    # 和 is a conjunction in Chinese but common in Japanese given names (塚部芳和, 片山和之).
    allowed = "和" if side == "partner" and name[0] != "和" else ""
    if any(char in _NOT_NAME and char not in allowed for char in name) or name.endswith("副"):
        return False
    return side != "taiwan" or name[0] in _SURNAMES or bool(re.search(r"[\u3040-\u30ff]", name))


def _people(reading: Reading, mentions: list[Mention]) -> list[Person]:
    people: list[Person] = []
    end = reading.title_end + _DETAIL_CHARS
    places = [m for m in mentions if m.place.kind != TW_PERSON and not m.place.head]
    for found in find_people(reading.raw[:end], reading.folded[:end]):
        # Characters of places and bodies, except a mention of this very person with the title
        # (蔡英文總統, President Tsai read as the national government).
        near = [
            m
            for m in places
            if not (m.start <= found.start and found.end <= m.end)
            and m.end > found.start
            and m.start < found.end
        ]
        covered = {i for m in near for i in range(m.start, m.end)}
        if not is_partner_title(found.title) and any(
            m.start <= found.name_start < m.end and m.place.country == "Taiwan" for m in near
        ):
            continue  # 市長高雄行程: a Taiwanese place after the title (高市早苗首相 is a person)
        # The body: the nearest place or body named just before the title.
        body_mention = next(
            (
                m
                for m in reversed(mentions)
                if (m.end <= found.start + 1 and found.start - m.end <= 8) or m.end == found.name_start
            ),
            None,
        )
        # Huang Wei-che, mayor of Tainan: the body named right after the title.
        of_body = next(
            (
                m
                for m in mentions
                if 0 < m.start - found.end <= 5 and _OF.fullmatch(reading.folded, found.end, m.start)
            ),
            None,
        )
        body_mention = of_body or body_mention
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
        elif found.title in ("氏", "さん"):
            # An honorific on any name: a Chinese name (three characters, a Taiwanese surname) is ours.
            taiwanese = len(found.name) == 3 and found.name[0] in _SURNAMES
            side, body = ("taiwan" if taiwanese else "partner"), None
        else:
            side = "partner" if reading.japanese and found.title in ("市長", "議長") else "taiwan"
            body = None
        name = found.name
        if side == "taiwan" and len(name) > 3 and name[0] in _SURNAMES and not _KANA.search(name):
            name = name[:3]  # Taiwanese names have three characters (市長黃偉哲今天 -> 黃偉哲)
        if not _plausible(name, side, covered, found.name_start):
            continue
        # One person once: 大西 and 大西一史 are one (the longer form kept).
        same = next((i for i, p in enumerate(people) if same_person(p.name, name)), None)
        if same is not None:
            if len(name) > len(people[same].name):
                people[same] = Person(name, people[same].title, people[same].side, people[same].body or body)
            continue
        people.append(Person(name, found.title, side, body))
        if len(people) >= _MAX_PEOPLE:
            break
    return _principals(people)


# Heads of a side, and the officers below them who are not principal participants when a head is there.
_HEAD_TITLE = _compile(
    r"(?:總統|院長|部長|市長|縣長|鎮長|鄉長|區長|知事|町長|村長|首相|大臣|代表|大使|議長|州長|省長)$"
)
_STAFF_TITLE = _compile(r"(?:局長|處長|課長|科長|所長|主任)$")


def _principals(people: list[Person]) -> list[Person]:
    """A side led by a head (a mayor, a governor, a representative) has them as its principals: the bureau
    chiefs escorting them (教育局長, 新聞處長) are staff (annotation conventions: principal participants)."""
    headed = {p.side for p in people if p.title and _HEAD_TITLE.search(p.title)}
    return [p for p in people if not (p.side in headed and p.title and _STAFF_TITLE.search(p.title))]


def _home_view(reading: Reading, mentions: list[Mention]) -> list[Mention]:
    """No Taiwanese party: the event is seen from the item's home side (annotation conventions), which
    for a Japanese item is Japan. Its places take Taiwan's side when the visit's direction is read (a US
    mayor's courtesy call on Narita is a hosted visit)."""
    if not reading.japanese:
        return mentions
    return [
        Mention(replace(m.place, country="Taiwan"), m.start, m.end, m.surface)
        if m.place.country == "Japan"
        else m
        for m in mentions
    ]


def _type_where_party_acts(
    reading: Reading, mentions: list[Mention], party: list[str], company: bool, published: date | None = None
) -> tuple[EventType, Evidence | None]:
    """The lead told of no event: an item that opens on its setting (a festival, a trend) tells the
    Taiwanese side's part later, so the type is read from the sentence where the party is first named
    in the text on, as if it opened there."""
    wanted = set(party)
    named = [
        m.start
        for m in mentions
        if m.start > reading.title_end
        and m.place.country == "Taiwan"
        and m.place.kind != COUNTRY
        and _party_key(m.place) in wanted
    ]
    if not named:
        return EventType.OTHER, None
    start = _sentence_start(reading, min(named))
    keep = reading.title_end + 1 if reading.title_end else 0
    if start <= keep:
        return EventType.OTHER, None
    shift = start - keep
    moved = replace(
        reading,
        raw=reading.raw[:keep] + reading.raw[start:],
        folded=reading.folded[:keep] + reading.folded[start:],
        dated=reading.dated[:keep] + reading.dated[start:],
    )
    kept = [
        m if m.start < keep else Mention(m.place, m.start - shift, m.end - shift, m.surface)
        for m in mentions
        if m.start < keep or m.start >= start
    ]
    kind, found = _event_type(moved, kept, company, published)
    if found is None or found.start is None or found.end is None:
        return kind, found
    offset = shift if found.start >= keep else 0
    return kind, replace(found, start=found.start + offset, end=found.end + offset)


def _national_only(partners: list[Partner]) -> bool:
    return len(partners) == 1 and partners[0].level == PartnerLevel.NATIONAL


def _evidence_of(reading: Reading, field: str, mentions: Iterable[Mention]) -> list[Evidence]:
    return [Evidence(field, reading.raw[m.start : m.end], m.start, m.end) for m in mentions]


# The home's own words in a Japanese text that never names it (県は…, 本県, 知事, 来県; 本市, 市長,
# 町議会): {s} is the home's level character (縣 都 道 府 市 町 村), {head} its head's title. A level
# character after a name (台南市, 嘉義県) is that place's, not the home's.
_HOME_WORDS = (
    r"本{s}|[来來訪]{s}|{s}(?:{head}|議會|議会|庁|廳|役所|役場)"
    r"|(?<![\u4e00-\u9fff]){s}(?=[はがとのにもへを側内])"
)
# An assembly's own Taiwan league (県議会の日台友好議員連盟) is the assembly's government, the home.
_ASSEMBLY_LEAGUE = _compile(r"議[會会]の?日台友好議員連盟")


def _home_words(home: Place) -> re.Pattern[str]:
    level = home.name[-1]
    return _compile(_HOME_WORDS.format(s=level, head="知事" if home.kind == JP_PREF else "長"))


def _tied_place(reading: Reading, index: PlaceIndex, party: list[str], source: str | None) -> list[Partner]:
    """No partner found in the lead, but the item is about a tie of the party's (a sister city's own paper
    writing "the city", "Lord Mayor", "City Council"): the tied place its dateline names, or else the one
    its web address spells (www.tacomaweekly.com: Tacoma)."""
    tied, tied_en = _ties_of(party), _ties_of(party, sister_ties_en)
    if not tied and not tied_en:
        return []

    def is_tied(place: Place) -> bool:
        return normalize(place.name) in tied or (place.name_en or "").lower() in tied_en

    named = [
        m.place
        for start, end in reading.datelines
        for m in index.find(reading.dated[start:end])
        if m.place.kind in FOREIGN_PLACE_KINDS and is_tied(m.place)
    ]
    if not named:
        places = [place for name in sorted(tied) for place in index.lookup(fold_name(name))]
        places += [m.place for name in sorted(tied_en) for m in index.find(name)]  # (English names)
        named = [
            place
            for place in places
            if place.kind in FOREIGN_PLACE_KINDS and is_tied(place) and address_spells(source, place.name_en)
        ]
    if not named:
        return []
    return [_as_partner(named[0])]


def _dateline_town(reading: Reading, index: PlaceIndex, home: Place | None) -> Place | None:
    """The Japanese town a regional paper's dateline names (【白老】, 【大間】): its bureau's town, the
    item's home, finer than the paper's region (or no home at all); a town's own release keeps its own."""
    if not reading.japanese or (home is not None and home.kind != JP_PREF):
        return None
    bureau = _BUREAU_DATELINE.match(reading.folded, reading.title_end + 1 if reading.title_end else 0)
    if bureau is None:
        return None
    # (a town written bare, 【大間】, that the gazetteer knows only with its kind, 大間町; a prefecture's
    # seat that shares its name, 【鳥取】, tells neither)
    name = bureau.group(1)
    named = [m.place for m in index.find(name)] or [m.place for k in "町村" for m in index.find(name + k)]
    named += [m.place for m in index.find(name + "県")]
    towns = {place.name: place for place in named if place.kind == JP_MUNI}
    if any(place.kind == JP_PREF for place in named) or len(towns) != 1:
        return None
    return next(iter(towns.values()))


_BUREAU_DATELINE = re.compile(r"\s*【([^】\n]{1,8})】")


def _with_home(reading: Reading, partners: list[Partner], home: Place | None) -> list[Partner]:
    """A Japanese text whose own words point at its home (本県, 知事; 本市) and that names no Japanese place
    gets the home (from the item's address) as its partner, in place of Japan as a whole or the
    assembly's own league; a town's or city's own text takes it in place of its prefecture."""
    if home is None or not reading.japanese:
        return partners
    if not _home_words(home).search(reading.folded):
        return partners
    if home.kind == JP_MUNI and any(p.name == home.parent for p in partners):
        # a town's own release (本町) that names its prefecture only in passing (寒い北海道の農業): the town
        partners = [p for p in partners if p.name != home.parent and p.name != home.name]
        return [Partner(home.name, home.name_en, "Japan", PartnerLevel(_level(home))), *partners]
    if any(p.country == "Japan" and p.level in PLACE_LEVELS for p in partners):
        return partners
    league = _ASSEMBLY_LEAGUE.search(reading.folded) is not None
    kept = [
        p
        for p in partners
        if not (p.country == "Japan" and p.level == PartnerLevel.NATIONAL)
        and not (league and p.name == "日台友好議員連盟")
    ]
    return [Partner(home.name, home.name_en, "Japan", PartnerLevel(_level(home))), *kept]


def extract_event(
    title: str | None,
    text: str,
    published: str | date | None = None,
    source: str | None = None,
    home: str | None = None,
) -> Event:
    """Who did what with whom, when, for one relevant item (see the module docstring for the rules).
    ``source``, the item's web address, tells a Japanese paper's or municipality's home, or a Taiwanese
    government's own site (home.py); ``home``, a place its feed is configured with, stands in where the
    address tells nothing (a regional paper not in the gazetteer's list)."""
    reading = read(title, text)
    index = PlaceIndex.load()
    pub = to_date(published) or closing_stamp(reading.dated)
    configured = named_home(home) if home else None
    taiwan_home = taiwan_home_of(source) or (configured if _side(configured) == "taiwan" else None)
    japan_home = home_of(source) or (configured if _side(configured) == "foreign" else None)
    found = _mentions(reading, index, pub, japan_home is not None)
    mentions = _english_towns(reading, _resolve_towns(reading, found))
    mentions = _named_firms(reading, _associations(reading, _universities_cut_short(reading, mentions)))
    mentions = _own_government(reading, mentions, taiwan_home)
    mentions = sorted(mentions + _schools(reading, mentions), key=lambda m: m.start)
    participants = _participants(reading, mentions)
    party, party_mentions = _taiwan_party(reading, mentions, participants)
    mentions = _tied_cities(mentions, party)
    company = any(m.place.level == FIRM for m in party_mentions)
    seen_from = _home_view(reading, mentions) if not party else mentions
    event_type, type_evidence = _event_type(reading, seen_from, company, pub)
    if type_evidence is None and party:
        event_type, type_evidence = _type_where_party_acts(reading, seen_from, party, company, pub)
    partners, partner_mentions, partner_acts = _partners(
        reading, mentions, bool(party), event_type == EventType.FORUM, participants
    )
    overview = type_evidence is None or _TALLY.match(reading.folded, type_evidence.start or 0) is not None
    if event_type == EventType.OTHER and overview and not partner_acts and not _national_only(partners):
        # No event and no foreign actor: an overview or a comment, whose places are background (a lone
        # country stands: the item is about relations with it). An occasion of its own (an exhibition, a
        # reception) keeps the places it is about.
        partners, partner_mentions = [], []
    partners = _with_home(reading, partners, _dateline_town(reading, index, japan_home) or japan_home)
    if not partners and party:
        partners = _tied_place(reading, index, party, source)
    evidence = [
        *_evidence_of(reading, "taiwan_party", party_mentions),
        *_evidence_of(reading, "partners", partner_mentions),
    ]
    if type_evidence is not None:
        evidence.append(type_evidence)
    first = event_date_of(
        reading.dated[: reading.title_end + _DETAIL_CHARS], pub, reading.title_end, reading.datelines
    )
    event_date = None
    if first is not None:
        event_date = first.value.isoformat()
        evidence.append(Evidence("event_date", reading.raw[first.start : first.end], first.start, first.end))
    size = find_delegation_size(reading.folded[: reading.title_end + _DETAIL_CHARS])
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
