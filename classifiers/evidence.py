"""Soft evidence: who appears where, and in what context, as a few learned features.

An item is relevant when a Taiwanese party and a foreign partner interact. These features say whether each
party is in the title, the lead or only further on, whether an act of exchange (visit, pact, forum, donation)
is named, whether only national actors appear, and whether the context is one that produces false alarms
(disaster, weather, election, travel, sport, markets, cross-strait politics). The model learns their
weights beside the character n-grams, so a real item whose party sits outside the lead loses a little
score instead of being capped (the hard gates they replace cost about a tenth of the recall on unseen news).

The context words are our own lists of everyday news vocabulary in Chinese, Japanese and English; they
complement the gazetteer's terms (classifiers/gazetteer/terms.yaml), which are Chinese-first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from classifiers.analysis import Analysed
from classifiers.events import NATIONAL_PARTY, PLACE_LEVELS, EventType, extract_event
from classifiers.gazetteer import Entity

EARLY_CHARS = 250  # title plus this many characters of text: "the lead"

_JAPAN_KINDS = frozenset({"jp_pref", "jp_city", "jp_actor"})
_TAIWAN_KINDS = frozenset({"tw_city", "tw_place", "tw_person", "tw_national", "tj_relation"})
_LOCAL_KINDS = frozenset({"local_gov", "forum", "tw_person", "tw_place"})
_FOREIGN_PLACE_KINDS = frozenset({"jp_pref", "jp_city", "jp_actor", "foreign_city"})
_ACT_KINDS = frozenset({"pact", "action", "forum", "tj_relation"})

# Words the gazetteer lacks or has in Chinese only (normalised forms: lower case, 台/縣/會/國 folded).
CONTEXT_WORDS: dict[str, tuple[str, ...]] = {
    "taiwan": ("台灣", "taiwan", "我國", "訪台", "來台", "駐台", "在台", "赴台", "台日", "日台"),
    "local": (
        "市長", "縣長", "知事", "議長", "議員", "市議會", "縣議會", "市政府", "縣政府", "市役所", "県庁",
        "mayor", "governor", "city council", "county", "legislators", "state senator", "lawmakers",
        "city hall", "prefectural", "副市長", "副知事", "市長ら", "表敬",
    ),
    "act": (
        "表敬訪問", "訪問團", "訪問した", "訪れ", "友好交流", "姊妹都市", "姉妹都市", "友好都市", "協定",
        "締結", "覚書", "交流", "視察", "招待", "接待", "歡迎", "delegation", "visit", "visited", "visiting",
        "hosted", "welcomed", "sister", "friendship", "memorandum", "mou", "agreement", "exchange",
        "signed", "called on", "courtesy call", "donat",
    ),
    "disaster": (
        "地震", "震度", "餘震", "強震", "海嘯", "津波", "颱風", "台風", "土石流", "洪水", "豪雨", "災情",
        "死傷", "傷亡", "罹難", "避難", "earthquake", "quake", "tsunami", "typhoon", "flood", "landslide",
        "magnitude", "casualties", "evacuat",
    ),
    "weather": (
        "大雪", "積雪", "降雪", "暴風雪", "寒流", "低溫", "氣象", "気象", "天氣", "天気", "猛暑", "高溫",
        "snow", "snowfall", "blizzard", "weather", "cold wave", "heatwave", "heat wave", "forecast",
        "meteorological",
    ),
    "election": (
        "選舉", "選挙", "投票", "開票", "候選人", "候補", "當選", "当選", "議席", "election", "ballot",
        "polls", "candidate", "voters",
    ),
    "travel": (
        "包機", "航班", "班機", "航線", "旅遊", "旅客", "旅行社", "觀光客", "旅展", "自由行", "機票", "機場",
        "チャーター", "就航", "航空", "旅行", "ツアー", "charter", "flights", "airline", "airport",
        "tourists", "tourism fair", "travel fair", "travel", "route",
    ),
    "sport": (
        "比賽", "球賽", "奪冠", "冠軍", "擊敗", "決賽", "選手", "試合", "優勝", "勝利", "代表隊", "錦標賽",
        "match", "tournament", "championship", "beat", "defeated", "final", "league", "olympic",
    ),
    "market": (
        "股價", "股市", "營收", "財報", "獲利", "上市", "新品", "門市", "開幕", "營業", "株価", "決算",
        "売上", "新商品", "出店", "shares", "stock", "revenue", "profit", "earnings", "quarter", "launch",
        "store",
    ),
    "cross_strait": (
        "兩岸", "中國大陸", "大陸", "陸委會", "國台辦", "海基會", "海協會", "中共", "解放軍", "北京",
        "中国", "cross-strait", "beijing", "mainland", "chinese communist",
    ),
    "national": (
        "總統", "行政院", "外交部", "立法院", "國會", "國会", "首相", "總理", "大使", "外相", "外務省",
        "歐洲議會", "president", "premier", "foreign minister", "parliament", "european parliament",
        "ministry", "ambassador", "prime minister", "national",
    ),
}  # fmt: skip
_CONTEXT_PATTERNS = {
    name: re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)))
    for name, words in CONTEXT_WORDS.items()
}

FEATURE_NAMES: tuple[str, ...] = (
    "japan_title",
    "japan_lead",
    "japan_later",
    "taiwan_title",
    "taiwan_lead",
    "taiwan_later",
    "local_title",
    "local_lead",
    "foreign_lead",
    "foreign_not_japan_lead",
    "act_title",
    "act_lead",
    "japan_and_taiwan_lead",
    "japan_taiwan_act_lead",
    "local_and_foreign_lead",
    "local_foreign_act_lead",
    "national_only_lead",
    "disaster_lead",
    "weather_lead",
    "election_lead",
    "travel_lead",
    "sport_lead",
    "market_lead",
    "cross_strait_lead",
    "context_without_act",
)


def _where(
    doc: Analysed, entities: Sequence[Entity], words: re.Pattern[str] | None
) -> tuple[bool, bool, bool]:
    """(in the title, in the lead, anywhere) for entities and, optionally, words: all three follow from the
    earliest place either stands (a regex search finds the leftmost match; no need to find them all)."""
    first = min((e.start for e in entities), default=None)
    found = words.search(doc.body) if words is not None else None
    if found is not None and (first is None or found.start() < first):
        first = found.start()
    if first is None:
        return False, False, False
    return bool(doc.title_end) and first < doc.title_end, first < doc.title_end + EARLY_CHARS, True


def _in_lead(doc: Analysed, name: str) -> bool:
    return _CONTEXT_PATTERNS[name].search(doc.body, 0, doc.title_end + EARLY_CHARS) is not None


def evidence_vector(doc: Analysed) -> NDArray[np.float32]:
    """The FEATURE_NAMES values for one analysed document (0 or 1 each)."""
    entities = doc.entities
    japan = [e for e in entities if e.kind in _JAPAN_KINDS or (e.kind == "country" and e.name == "Japan")]
    taiwan = [e for e in entities if e.kind in _TAIWAN_KINDS]
    local = [e for e in entities if e.kind in _LOCAL_KINDS]
    foreign = [
        e for e in entities if e.kind in _FOREIGN_PLACE_KINDS or (e.kind == "country" and e.name != "Taiwan")
    ]
    foreign_not_japan = [e for e in foreign if e.country != "Japan" and e.name != "Japan"]
    acts = [e for e in entities if e.kind in _ACT_KINDS]
    national = [e for e in entities if e.kind == "national"]
    jt, jl, ja = _where(doc, japan, None)
    tt, tl, ta = _where(doc, taiwan, _CONTEXT_PATTERNS["taiwan"])
    lt, ll, _ = _where(doc, local, _CONTEXT_PATTERNS["local"])
    _, fl, _ = _where(doc, foreign, None)
    _, fnl, _ = _where(doc, foreign_not_japan, None)
    at, al, _ = _where(doc, acts, _CONTEXT_PATTERNS["act"])
    _, nl, _ = _where(doc, national, _CONTEXT_PATTERNS["national"])
    contexts = [
        _in_lead(doc, name) for name in ("disaster", "weather", "election", "travel", "sport", "market")
    ]
    cross = _in_lead(doc, "cross_strait")
    values = [
        jt, jl, ja and not jl, tt, tl, ta and not tl, lt, ll, fl, fnl, at, al,
        jl and tl, jl and tl and al, ll and fl, ll and fl and al, nl and not ll,
        *contexts, cross, any(contexts) and not al,
    ]  # fmt: skip
    return np.asarray(values, dtype=np.float32)


class EvidenceFeatures(BaseEstimator, TransformerMixin):  # type: ignore[misc]
    """The evidence vector of each analysed document, scaled by ``weight`` (sparse, for a FeatureUnion)."""

    def __init__(self, weight: float = 0.3) -> None:
        self.weight = weight

    def fit(self, docs: Sequence[Analysed], y: Any = None) -> EvidenceFeatures:
        return self

    def transform(self, docs: Sequence[Analysed]) -> sparse.csr_matrix:
        if not docs:
            return sparse.csr_matrix((0, len(FEATURE_NAMES)), dtype=np.float32)
        matrix = np.vstack([evidence_vector(doc) for doc in docs]) * np.float32(self.weight)
        return sparse.csr_matrix(matrix)

    def get_feature_names_out(self, input_features: Any = None) -> NDArray[np.str_]:
        return np.array(FEATURE_NAMES)


_ROLE_OF_KIND = {
    **dict.fromkeys(("tw_city", "tw_place", "tw_person", "tw_national"), "taiwan_party"),
    **dict.fromkeys(("jp_pref", "jp_city", "jp_actor", "foreign_city", "country"), "partner"),
    **dict.fromkeys(("pact", "action", "forum", "tj_relation"), "act"),
    "local_gov": "local_actor",
}
_SHOWN_CONTEXTS = ("disaster", "weather", "election", "travel", "sport", "market", "cross_strait")
MAX_EVIDENCE = 12


def evidence_of(doc: Analysed) -> list[dict[str, Any]]:
    """What a reader needs to see why an item scored as it did: the parties, the act and any false-alarm
    context, each with the phrase as written (normalised), its span in the normalised title + newline +
    text, and where it stands (title, lead, later). Parties and acts first, in text order; at most
    MAX_EVIDENCE entries."""
    lead_end = doc.title_end + EARLY_CHARS

    def where(start: int) -> str:
        return "title" if start < doc.title_end else ("lead" if start < lead_end else "later")

    found: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for entity in doc.entities:
        role = _ROLE_OF_KIND.get(entity.kind)
        if role is None or (entity.kind == "country" and entity.name == "Taiwan"):
            continue
        if (role, entity.name) in seen:
            continue
        seen.add((role, entity.name))
        found.append(
            {
                "role": role,
                "text": entity.surface,
                "name": entity.name,
                "kind": entity.kind,
                "span": [entity.start, entity.end],
                "where": where(entity.start),
                "source": "model",
            }
        )
    for name in _SHOWN_CONTEXTS:
        hit = _CONTEXT_PATTERNS[name].search(doc.body, 0, lead_end)
        if hit:
            found.append(
                {
                    "role": "context",
                    "text": hit.group(),
                    "name": name,
                    "kind": "context",
                    "span": [hit.start(), hit.end()],
                    "where": where(hit.start()),
                    "source": "model",
                }
            )
    order = {"taiwan_party": 0, "partner": 1, "local_actor": 2, "act": 3, "context": 4}
    found.sort(key=lambda item: (order[item["role"]], item["span"][0]))
    return found[:MAX_EVIDENCE]


EVENT_FEATURE_NAMES: tuple[str, ...] = (
    "event_interaction",
    *(f"event_type_{kind.value}" for kind in EventType),
    "event_taiwan_party",
    "event_taiwan_national",
    "event_partner",
    "event_partner_japan",
    "event_partner_place",
    "event_partner_national_only",
)


def event_vector(title: str | None, text: str) -> NDArray[np.float32]:
    """The events stage's reading of one item as EVENT_FEATURE_NAMES (0 or 1 each): an interaction and its
    type, whether a Taiwanese party and a partner were found, and at what level. All zero if it fails."""
    values = np.zeros(len(EVENT_FEATURE_NAMES), dtype=np.float32)
    try:
        event = extract_event(title, text)
    except Exception:  # rule code over arbitrary text: a failure is no evidence
        return values
    on = {
        "event_interaction": event.event_type != EventType.OTHER,
        f"event_type_{event.event_type.value}": True,
        "event_taiwan_party": bool(event.taiwan_party),
        "event_taiwan_national": NATIONAL_PARTY in event.taiwan_party,
        "event_partner": bool(event.partners),
        "event_partner_japan": any(p.country == "Japan" for p in event.partners),
        "event_partner_place": any(p.level in PLACE_LEVELS for p in event.partners),
        "event_partner_national_only": bool(event.partners)
        and all(p.level not in PLACE_LEVELS for p in event.partners),
    }
    for index, name in enumerate(EVENT_FEATURE_NAMES):
        values[index] = float(on.get(name, False))
    return values
