"""Half a year of city diplomacy for the chapter report, inserted through the storage layer.

Three Taiwanese parties (高雄市, 臺南市, 臺北市), twenty events each from July to December 2026, every
event type; the partners are real sister/friendship/MOU partners of these cities (facts from the
gazetteer's sister_cities.csv), the people and the events are invented, the texts are our own writing.

What makes it hard, on purpose:

- copies: another outlet republishes the article (one dedup cluster, two sources);
- updates: the outlet republishes a revised article under a new URL (same cluster, relation ``version``),
  and an earlier text kept as an item version;
- cross-language pairs: an English write-up of the same event a day later, a separate story the events
  grouping must join (once naming the city, 熊本市, where the Chinese says the prefecture, 熊本縣), and a
  Japanese one for each party's second hosted visit;
- follow-ups: another outlet's own Chinese write-up the next day (a separate story, same event);
- noise: a national-level event; an event a reviewer marked not relevant; an item the model thought not
  relevant; two events outside the period; a party corrected by a reviewer (model 臺南市 -> 高雄市);
  an event type corrected by a reviewer (other -> donation).

:func:`fill` inserts everything and returns the manifest: what the chapter of each party must hold.
Items are written by the storage functions the pipeline uses (``insert_if_new``, ``record_article``,
``record_classification``, ``create_cluster``/``join_cluster``, ``keep_version``, ``record_label``,
``record_event_correction``); only ``first_seen_at`` is moved back afterwards, as the crawl took half a
year.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone

from sqlalchemy import update
from sqlalchemy.orm import Session

from classifiers.events import Event, EventType, Partner, PartnerLevel, Person
from service.models import Article, FeedEntry
from service.storage import clusters, items
from service.storage import events as event_store
from service.storage import labels as label_store
from service.storage.classifications import Verdict, record_classification
from service.storage.schema import Item

TAIPEI = timezone(timedelta(hours=8))
FIRST = date(2026, 7, 1)
LAST = date(2026, 12, 31)
PARTIES = ("高雄市", "臺南市", "臺北市")


@dataclass(frozen=True)
class Side:
    name: str  # 高雄市
    short: str  # 高市府
    en: str
    mayor: str
    mayor_en: str
    deputy: str


@dataclass(frozen=True)
class Counterpart:
    name: str
    en: str
    country: str
    country_zh: str
    level: PartnerLevel
    head_title: str
    head_title_en: str
    head: str
    head_en: str

    @property
    def titled(self) -> str:
        """京都市 + 市長 -> 京都市長; 熊本縣 + 知事 -> 熊本縣知事 (as the chapter writes it)."""
        if self.name.endswith(self.head_title[0]):
            return self.name + self.head_title[1:]
        return self.name + self.head_title

    @property
    def partner(self) -> Partner:
        return Partner(self.name, self.en, self.country, self.level)


SIDES = {
    "高雄市": Side("高雄市", "高市府", "Kaohsiung", "林志遠", "Lin Chih-yuan", "吳佳蓉"),
    "臺南市": Side("臺南市", "南市府", "Tainan", "黃建安", "Huang Chien-an", "蔡宛庭"),
    "臺北市": Side("臺北市", "北市府", "Taipei", "陳明哲", "Chen Ming-che", "許雅婷"),
}
_JP = ("Japan", "日本")
PARTNERS: dict[str, tuple[Counterpart, ...]] = {
    "高雄市": (
        Counterpart(
            "熊本縣", "Kumamoto", *_JP, PartnerLevel.PREFECTURE, "知事", "Governor", "森田浩二", "Koji Morita"
        ),
        Counterpart(
            "京都市", "Kyoto", *_JP, PartnerLevel.CITY, "市長", "Mayor", "西川和也", "Kazuya Nishikawa"
        ),
        Counterpart("八王子市", "Hachioji", *_JP, PartnerLevel.CITY, "市長", "Mayor", "大野誠", "Makoto Ono"),
        Counterpart(
            "青森縣", "Aomori", *_JP, PartnerLevel.PREFECTURE, "知事", "Governor", "佐野博", "Hiroshi Sano"
        ),
        Counterpart(
            "北九州市", "Kitakyushu", *_JP, PartnerLevel.CITY, "市長", "Mayor", "中村亮", "Ryo Nakamura"
        ),
        Counterpart(
            "布里斯本",
            "Brisbane",
            "Australia",
            "澳洲",
            PartnerLevel.CITY,
            "市長",
            "Lord Mayor",
            "韋斯頓",
            "Ann Weston",
        ),
        Counterpart(
            "大田廣域市",
            "Daejeon",
            "South Korea",
            "韓國",
            PartnerLevel.CITY,
            "市長",
            "Mayor",
            "金成浩",
            "Kim Sung-ho",
        ),
    ),
    "臺南市": (
        Counterpart(
            "仙台市", "Sendai", *_JP, PartnerLevel.CITY, "市長", "Mayor", "高橋由美", "Yumi Takahashi"
        ),
        Counterpart(
            "日光市", "Nikko", *_JP, PartnerLevel.CITY, "市長", "Mayor", "小林正人", "Masato Kobayashi"
        ),
        Counterpart(
            "富士宮市", "Fujinomiya", *_JP, PartnerLevel.CITY, "市長", "Mayor", "石井隆", "Takashi Ishii"
        ),
        Counterpart(
            "山形市", "Yamagata", *_JP, PartnerLevel.CITY, "市長", "Mayor", "山本直樹", "Naoki Yamamoto"
        ),
        Counterpart(
            "京都市", "Kyoto", *_JP, PartnerLevel.CITY, "市長", "Mayor", "西川和也", "Kazuya Nishikawa"
        ),
        Counterpart("平戶市", "Hirado", *_JP, PartnerLevel.CITY, "市長", "Mayor", "松尾健", "Ken Matsuo"),
        Counterpart(
            "山口縣", "Yamaguchi", *_JP, PartnerLevel.PREFECTURE, "知事", "Governor", "村田修", "Osamu Murata"
        ),
    ),
    "臺北市": (
        Counterpart(
            "橫濱市", "Yokohama", *_JP, PartnerLevel.CITY, "市長", "Mayor", "岡田亮介", "Ryosuke Okada"
        ),
        Counterpart(
            "松山市", "Matsuyama", *_JP, PartnerLevel.CITY, "市長", "Mayor", "藤井一郎", "Ichiro Fujii"
        ),
        Counterpart("福岡市", "Fukuoka", *_JP, PartnerLevel.CITY, "市長", "Mayor", "上田俊", "Shun Ueda"),
        Counterpart(
            "布拉格",
            "Prague",
            "Czech Republic",
            "捷克",
            PartnerLevel.CITY,
            "市長",
            "Mayor",
            "諾瓦克",
            "Petr Novak",
        ),
        Counterpart(
            "伯斯市",
            "Perth",
            "Australia",
            "澳洲",
            PartnerLevel.CITY,
            "市長",
            "Lord Mayor",
            "葛林",
            "Jo Green",
        ),
        Counterpart(
            "京畿道",
            "Gyeonggi",
            "South Korea",
            "韓國",
            PartnerLevel.PREFECTURE,
            "知事",
            "Governor",
            "朴正民",
            "Park Jung-min",
        ),
        Counterpart(
            "休士頓",
            "Houston",
            "United States",
            "美國",
            PartnerLevel.CITY,
            "市長",
            "Mayor",
            "米勒",
            "Sam Miller",
        ),
    ),
}
# Twenty events per party: every type of the chapter, in this order through the half year.
PLAN: tuple[EventType, ...] = (
    EventType.HOSTED_VISIT,
    EventType.VISIT_ABROAD,
    EventType.AGREEMENT,
    EventType.HOSTED_VISIT,
    EventType.FORUM,
    EventType.VIDEO_CALL,
    EventType.DONATION,
    EventType.HOSTED_VISIT,
    EventType.EXCHANGE_PROGRAMME,
    EventType.AGREEMENT,
    EventType.ANNIVERSARY,
    EventType.HOSTED_VISIT,
    EventType.TRADE_INVESTMENT,
    EventType.VISIT_ABROAD,
    EventType.POLICY_STATEMENT,
    EventType.HOSTED_VISIT,
    EventType.AGREEMENT,  # the pact still being negotiated
    EventType.FORUM,
    EventType.VIDEO_CALL,
    EventType.VISIT_ABROAD,
)
VISIT_SIZES = (12, 8, None, 25, 6)  # delegation sizes of each party's five hosted visits (None: not stated)
FORUM_SIZES = (30, None)
OUTLETS = ("中央社", "自由時報", "聯合新聞網", "中時新聞網")
BUREAUS = ("觀光局", "經濟發展局", "教育局", "文化局", "運動發展局")


@dataclass
class Expected:
    """One event as the chapter must show it."""

    key: str
    party: str  # the effective party
    event_type: EventType  # the effective type
    day: date
    item_ids: list[int] = field(default_factory=list)  # every source
    delegation_size: int | None = None
    visitor: str | None = None  # the principal visitor as the chapter writes them
    negotiating: bool = False


@dataclass
class Manifest:
    events: list[Expected] = field(default_factory=list)
    excluded_item_ids: list[int] = field(default_factory=list)  # must appear in no chapter

    def of(self, party: str) -> list[Expected]:
        return [event for event in self.events if event.party == party]


class _Writer:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.count = 0

    def item(
        self,
        title: str,
        text: str,
        outlet: str,
        published: datetime,
        event: Event | None,
        *,
        lang: str = "zh-Hant",
        relevant: bool = True,
    ) -> int:
        self.count += 1
        url = f"https://news.example.tw/{self.count:04d}/{published:%Y%m%d}"
        entry = FeedEntry(
            identity_key=url,
            url=url,
            link=url,
            title=title,
            summary=text[:60],
            published=published,
            lang=lang,
        )
        item_id = items.insert_if_new(self.session, None, entry, outlet).item_id
        items.record_article(self.session, item_id, Article(title=title, text=text, lang=lang), min_chars=0)
        items.mark_done(self.session, item_id)
        self.session.execute(update(Item).where(Item.id == item_id).values(first_seen_at=published))
        score = 0.9 if relevant else 0.1
        verdict = Verdict(
            scores={"taiwan_japan": score, "city_diplomacy": score},
            labels={"taiwan_japan": relevant, "city_diplomacy": relevant, "relevant": relevant},
            taiwan_party=event.taiwan_party[0] if event and event.taiwan_party else None,
            partner=event.partners[0].name if event and event.partners else None,
            partner_country=event.partners[0].country if event and event.partners else None,
            explanation={},
            event=event.to_dict() if event is not None else None,
        )
        record_classification(self.session, item_id, "fixture-v1", verdict, at=published)
        return item_id

    def cluster(self, original: int, copies: list[tuple[int, str]], at: datetime) -> None:
        """One story: ``original`` and its copies (item id, relation: duplicate | version)."""
        outlet = self.session.get_one(Item, original).outlet
        membership = clusters.create_cluster(self.session, original, outlet, at)
        for item_id, relation in copies:
            copy_outlet = self.session.get_one(Item, item_id).outlet
            clusters.join_cluster(
                self.session, membership.cluster_id, item_id, relation, copy_outlet, 0.9, at
            )


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), TAIPEI).astimezone(UTC)


def _cn_date(day: date) -> str:
    return f"{day.month}月{day.day}日"


def _story(
    kind: EventType, side: Side, other: Counterpart, day: date, size: int | None, bureau: str
) -> tuple[str, str]:
    """Title and text of the first Chinese report (our own wording)."""
    when = _cn_date(day)
    head = f"{other.country_zh}{other.name}{other.head_title}{other.head}"
    crowd = f"一行{size}人" if size else ""
    city = side.name
    if kind is EventType.HOSTED_VISIT:
        return (
            f"{head}率團訪{city} {side.mayor}市長熱情接待",
            f"{head}{crowd}於{when}抵達{city}進行友好訪問，{city}長{side.mayor}在市府設宴接待。"
            f"雙方就觀光推廣與教育交流交換意見，{side.short}{bureau}安排參訪港區與文化景點。",
        )
    if kind is EventType.VISIT_ABROAD:
        return (
            f"{city}長{side.mayor}率團出訪{other.name} 拜會{other.head_title}{other.head}",
            f"{city}長{side.mayor}率市府團隊於{when}抵達{other.country_zh}{other.name}訪問，"
            f"拜會{other.head_title}{other.head}，雙方同意深化經貿與觀光合作。{side.short}{bureau}隨團推介城市特色。",
        )
    if kind is EventType.AGREEMENT:
        return (
            f"{city}與{other.name}簽署友好交流協定書 深化文化合作",
            f"{city}長{side.mayor}與{other.country_zh}{other.name}{other.head_title}{other.head}於{when}"
            f"在市府共同簽署友好交流協定書，未來將在文化、體育及青年交流等領域合作。本案由{side.short}{bureau}承辦。",
        )
    if kind is EventType.FORUM:
        return (
            f"{city}出席「亞太城市永續論壇」 分享減碳經驗",
            f"{city}副市長{side.deputy}於{when}率團出席在{other.country_zh}{other.name}舉行的「亞太城市永續論壇」，"
            f"{crowd}與各國城市代表交流環境與淨零轉型政策。",
        )
    if kind is EventType.VIDEO_CALL:
        return (
            f"{city}與{other.name}視訊會議 共商防災合作",
            f"{city}長{side.mayor}於{when}與{other.country_zh}{other.name}{other.head_title}{other.head}舉行視訊會議，"
            f"雙方就防災經驗與觀光復甦交換意見，由{side.short}{bureau}負責後續聯繫。",
        )
    if kind is EventType.DONATION:
        return (
            f"{city}捐贈救災物資予{other.name} 展現城市情誼",
            f"{other.country_zh}{other.name}日前遭遇豪雨災情，{city}於{when}捐贈救災物資與善款，"
            f"{other.head_title}{other.head}致函感謝{city}的情誼。",
        )
    if kind is EventType.EXCHANGE_PROGRAMME:
        return (
            f"{city}青少年棒球隊赴{other.name}交流",
            f"{city}青少年棒球隊於{when}赴{other.country_zh}{other.name}進行友誼賽與寄宿家庭交流，"
            f"由{side.short}{bureau}率隊，學生們也參訪當地學校。",
        )
    if kind is EventType.ANNIVERSARY:
        return (
            f"{city}與{other.name}締結交流十週年 雙方互贈紀念品",
            f"{city}與{other.country_zh}{other.name}締結交流屆滿十週年，{city}長{side.mayor}於{when}"
            f"與{other.head_title}{other.head}互贈紀念品，並規劃明年擴大藝術與文化交流。",
        )
    if kind is EventType.TRADE_INVESTMENT:
        return (
            f"{city}赴{other.name}參加「國際旅遊博覽會」 推廣城市觀光",
            f"{city}於{when}在{other.country_zh}{other.name}舉行的「國際旅遊博覽會」設立城市館，"
            f"由{side.short}{bureau}推介觀光與產業投資環境。",
        )
    if kind is EventType.POLICY_STATEMENT:
        return (
            f"{city}議會通過決議 支持與{other.name}深化城市外交",
            f"{city}議會於{when}通過決議，支持市府與{other.country_zh}{other.name}深化城市外交及經貿往來。",
        )
    raise ValueError(kind)


def _english(kind: EventType, side: Side, other: Counterpart, day: date, talks: bool) -> tuple[str, str]:
    when = f"{day:%B} {day.day}"
    if talks:
        return (
            f"{side.en} and {other.en} discuss economic cooperation memorandum",
            f"{side.en} Mayor {side.mayor_en} and {other.head_title_en} {other.head_en} of {other.en} "
            f"held talks on {when} on an economic cooperation memorandum they hope to conclude next year.",
        )
    if kind is EventType.HOSTED_VISIT:
        return (
            f"{other.en} {other.head_title_en.lower()} leads delegation to {side.en}",
            f"{other.head_title_en} {other.head_en} of {other.en} arrived in {side.en} on {when} and met "
            f"Mayor {side.mayor_en}; both sides discussed tourism and school exchanges.",
        )
    if kind is EventType.AGREEMENT:
        return (
            f"{side.en} and {other.en} sign friendship exchange agreement",
            f"{side.en} Mayor {side.mayor_en} and {other.head_title_en} {other.head_en} of {other.en} signed "
            f"a friendship exchange agreement on {when}, covering culture, sports and youth exchanges.",
        )
    return (
        f"{side.en} mayor visits {other.en}",
        f"{side.en} Mayor {side.mayor_en} visited {other.en} on {when} to promote trade and tourism.",
    )


def _event(
    kind: EventType,
    party: str,
    other: Counterpart,
    side: Side,
    day: date,
    size: int | None,
    *,
    partner: Partner | None = None,
    people: bool = True,
) -> Event:
    cast: list[Person] = []
    if people and kind not in (EventType.POLICY_STATEMENT, EventType.EXCHANGE_PROGRAMME):
        if kind is EventType.FORUM:
            cast.append(Person(side.deputy, "副市長", "taiwan", party))
        else:
            cast.append(Person(side.mayor, "市長", "taiwan", party))
        if kind is not EventType.TRADE_INVESTMENT and kind is not EventType.FORUM:
            cast.append(Person(other.head, other.head_title, "partner", other.name))
    if kind is EventType.HOSTED_VISIT:
        cast.reverse()  # the visitor is the principal
    return Event(
        taiwan_party=(party,),
        partners=(partner or other.partner,),
        event_type=kind,
        event_date=day.isoformat(),
        people=tuple(cast),
        delegation_size=size,
    )


def fill(session: Session) -> Manifest:
    """Insert the half year (see the module docstring) and return what each chapter must show."""
    writer = _Writer(session)
    manifest = Manifest()
    for offset, party in enumerate(PARTIES):
        side = SIDES[party]
        visits = iter(VISIT_SIZES)
        forums = iter(FORUM_SIZES)
        agreements = 0
        for number, kind in enumerate(PLAN):
            day = FIRST + timedelta(days=5 + 9 * number + 2 * offset)
            other = PARTNERS[party][(number + number // 7) % len(PARTNERS[party])]
            size = next(visits) if kind is EventType.HOSTED_VISIT else None
            if kind is EventType.FORUM:
                size = next(forums)
            bureau = BUREAUS[number % len(BUREAUS)]
            title, text = _story(kind, side, other, day, size, bureau)
            negotiating = False
            if kind is EventType.AGREEMENT:
                agreements += 1
                if agreements == 3:
                    negotiating = True
                    title = f"{party}與{other.name}洽談經貿合作備忘錄"
                    text = (
                        f"{party}長{side.mayor}於{_cn_date(day)}與{other.country_zh}{other.name}"
                        f"{other.head_title}{other.head}會面，雙方研議經貿合作備忘錄，盼明年完成。"
                    )
            event = _event(kind, party, other, side, day, size)
            expected = Expected(
                key=f"{party}-{number + 1:02d}",
                party=party,
                event_type=kind,
                day=day,
                delegation_size=size,
                visitor=f"{other.country_zh}{other.titled}{other.head}"
                if kind is EventType.HOSTED_VISIT
                else None,
                negotiating=negotiating,
            )
            published = _at(day, 9 + offset)
            first_id = writer.item(title, text, OUTLETS[number % 2], published, event)
            expected.item_ids.append(first_id)
            copies: list[tuple[int, str]] = []
            if number % 3 == 0:  # another outlet republishes the article
                copy = writer.item(title, text, OUTLETS[2], published + timedelta(hours=2), event)
                copies.append((copy, "duplicate"))
            if number % 4 == 1:  # a revised article under a new URL, and the earlier text kept
                revised = writer.item(
                    f"{title}（更新）",
                    text + "市府表示將持續推動。",
                    OUTLETS[number % 2],
                    published + timedelta(hours=5),
                    event,
                )
                copies.append((revised, "version"))
                clusters.keep_version(session, revised, title, text, published + timedelta(hours=5))
            if copies:
                writer.cluster(first_id, copies, published)
                expected.item_ids.extend(item_id for item_id, _ in copies)
            if kind in (EventType.HOSTED_VISIT, EventType.AGREEMENT) and number % 2 == 0:
                en_title, en_text = _english(kind, side, other, day, negotiating)
                en_partner = other.partner
                if other.name == "熊本縣":  # the English write-up names the city, not the prefecture
                    en_partner = Partner("熊本市", "Kumamoto City", "Japan", PartnerLevel.CITY)
                en_event = _event(kind, party, other, side, day, size, partner=en_partner, people=False)
                later = _at(day + timedelta(days=1))
                english = writer.item(en_title, en_text, "Taipei Times", later, en_event, lang="en")
                expected.item_ids.append(english)
            if number == 3:  # a Japanese write-up the next day (the visit's second hosted visit)
                ja_title = f"{other.name}{other.head_title}、{side.en}を訪問 観光交流で一致"
                ja_text = (
                    f"{other.name}の{other.head}{other.head_title}は{day.month}月{day.day}日、台湾の{side.name}を訪れ、"
                    f"{side.mayor}市長と会談した。観光と教育の交流を進めることで一致した。"
                )
                ja_event = _event(kind, party, other, side, day, size, people=False)
                later = _at(day + timedelta(days=1), 12)
                expected.item_ids.append(
                    writer.item(ja_title, ja_text, "西日本新聞", later, ja_event, lang="ja")
                )
            if number % 5 == 2:  # another outlet's own write-up the next day
                follow = writer.item(
                    f"{title}（續）",
                    f"延續{_cn_date(day)}的活動，{party}表示與{other.name}的交流成果豐碩，未來將持續合作。",
                    OUTLETS[3],
                    _at(day + timedelta(days=1), 15),
                    _event(kind, party, other, side, day, None, people=False),
                )
                expected.item_ids.append(follow)
            manifest.events.append(expected)
    _noise(writer, manifest)
    session.flush()
    return manifest


def _noise(writer: _Writer, manifest: Manifest) -> None:
    session = writer.session
    kao = SIDES["高雄市"]
    gunma = Counterpart(
        "群馬縣", "Gunma", *_JP, PartnerLevel.PREFECTURE, "知事", "Governor", "平田進", "Susumu Hirata"
    )
    yamanashi = Counterpart(
        "山梨縣", "Yamanashi", *_JP, PartnerLevel.PREFECTURE, "知事", "Governor", "長田光", "Hikaru Osada"
    )
    mie = Counterpart(
        "三重縣", "Mie", *_JP, PartnerLevel.PREFECTURE, "知事", "Governor", "森本聡", "Satoshi Morimoto"
    )
    # national level: not any city's chapter
    day = date(2026, 8, 20)
    national = Event(
        taiwan_party=("national",),
        partners=(
            Partner(
                "日本台灣交流協會", "Japan-Taiwan Exchange Association", "Japan", PartnerLevel.ORGANISATION
            ),
        ),
        event_type=EventType.AGREEMENT,
        event_date=day.isoformat(),
    )
    manifest.excluded_item_ids.append(
        writer.item(
            "臺日雙方簽署海關合作協議",
            "臺灣日本關係協會與日本台灣交流協會於8月20日簽署海關合作協議。",
            "中央社",
            _at(day),
            national,
        )
    )
    # a reviewer said "not relevant"
    day = date(2026, 9, 25)
    title, text = _story(EventType.HOSTED_VISIT, kao, gunma, day, 5, "觀光局")
    rejected = writer.item(
        title, text, "自由時報", _at(day), _event(EventType.HOSTED_VISIT, "高雄市", gunma, kao, day, 5)
    )
    label_store.record_label(session, rejected, "relevant", False, "reviewer", at=_at(day, 18))
    manifest.excluded_item_ids.append(rejected)
    # the model said "not relevant"
    day = date(2026, 10, 12)
    title, text = _story(EventType.VISIT_ABROAD, kao, gunma, day, None, "觀光局")
    manifest.excluded_item_ids.append(
        writer.item(
            title,
            text,
            "自由時報",
            _at(day),
            _event(EventType.VISIT_ABROAD, "高雄市", gunma, kao, day, None),
            relevant=False,
        )
    )
    # outside the period
    for day in (date(2026, 6, 20), date(2027, 1, 10)):
        title, text = _story(EventType.HOSTED_VISIT, kao, mie, day, 4, "觀光局")
        manifest.excluded_item_ids.append(
            writer.item(
                title, text, "中央社", _at(day), _event(EventType.HOSTED_VISIT, "高雄市", mie, kao, day, 4)
            )
        )
    # the model credits 臺南市; a reviewer corrects the party to 高雄市
    day = date(2026, 11, 3)
    title, text = _story(EventType.HOSTED_VISIT, kao, yamanashi, day, 9, "觀光局")
    wrong = replace(
        _event(EventType.HOSTED_VISIT, "高雄市", yamanashi, kao, day, 9), taiwan_party=("臺南市",)
    )
    corrected = writer.item(title, text, "聯合新聞網", _at(day), wrong)
    event_store.record_event_correction(
        session, corrected, "reviewer", taiwan_party=["高雄市"], at=_at(day, 20)
    )
    manifest.events.append(
        Expected(
            "高雄市-party-corrected",
            "高雄市",
            EventType.HOSTED_VISIT,
            day,
            [corrected],
            9,
            f"日本山梨縣知事{yamanashi.head}",
        )
    )
    # the model says "other"; a reviewer corrects the type to donation
    day = date(2026, 12, 10)
    title = "高雄市致贈三重縣防災器材 市府：城市情誼長存"
    text = "高雄市於12月10日致贈日本三重縣防災器材一批，由高市府消防局安排運送。"
    typed = writer.item(
        title, text, "中央社", _at(day), _event(EventType.OTHER, "高雄市", mie, kao, day, None)
    )
    event_store.record_event_correction(session, typed, "reviewer", event_type="donation", at=_at(day, 20))
    manifest.events.append(Expected("高雄市-type-corrected", "高雄市", EventType.DONATION, day, [typed]))


def fill_one_without_event(session: Session) -> int:
    """A relevant 高雄市 story stored without an event (classified before the events stage existed)."""
    writer = _Writer(session)
    writer.count = 9000
    day = date(2026, 8, 26)
    title = "高雄市長林志遠接見日本群馬縣知事 盼擴大觀光交流"
    text = "日本群馬縣知事平田進今天率團拜會高雄市政府，高雄市長林志遠接見，雙方盼擴大觀光與教育交流。"
    return writer.item(title, text, "中央社", _at(day), None)
