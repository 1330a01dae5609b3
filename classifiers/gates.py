"""Hard evidence gates, kept as the reference for the ablation (bench/classify_ablation.py): the model no
longer applies them. Replaced on 2026-12-06 by learned soft evidence features (evidence.py): on news from
unseen sources the gates bought precision but cost about a tenth of the recall (a real item whose party sits
outside the lead was capped at 0.2 and thrown away).

What they did: a label needs its parties in the text, whatever the n-grams say.

``taiwan_japan`` needs a Japanese party (prefecture, city, body, person or Japan itself) and a Taiwanese
one (a city, a national body, the word Taiwan, or a Taiwan–Japan phrase), both in the title or lead.
``city_diplomacy`` needs a sub-national actor (a local-government term such as mayor or council, a city
head, a district, or a city forum) and a foreign element (a foreign place, body or country). Nearly every
labelled positive passes (measured on the development set: 1 of 143 does not); many false alarms of a
pure n-gram model do not (national leaders' summits abroad, Japan mentioned only in passing deep in a
domestic story, a bare 台 in 台幣 or a brand name).
"""

from __future__ import annotations

from classifiers.analysis import Analysed

# The Japanese party and the local actor must appear in the title or the first sentences: a story about
# them names them early, a passing mention comes later.
EARLY_CHARS = 250
GATED_SCORE_CAP = 0.2  # a gated label's score is capped here, so thresholds and the score agree

_JAPAN_KINDS = frozenset({"jp_pref", "jp_city", "jp_actor"})
_TAIWAN_KINDS = frozenset({"tw_city", "tw_place", "tw_person", "tw_national", "tj_relation"})
_TAIWAN_WORDS = ("台灣", "台湾", "taiwan", "我國", "訪台", "來台", "駐台", "在台", "赴台")
_LOCAL_KINDS = frozenset({"local_gov", "forum", "tw_person", "tw_place"})
_FOREIGN_KINDS = frozenset({"jp_pref", "jp_city", "jp_actor", "foreign_city", "forum"})


def _early(doc: Analysed, start: int) -> bool:
    return start < doc.title_end + EARLY_CHARS


def _has_japan(doc: Analysed) -> bool:
    return any(
        (e.kind in _JAPAN_KINDS or (e.kind == "country" and e.name == "Japan")) and _early(doc, e.start)
        for e in doc.entities
    )


def _has_taiwan(doc: Analysed) -> bool:
    # Early, like the Japanese party: a bare 台 anywhere (台幣, 舞台, a brand) is no Taiwanese party.
    lead = doc.body[: doc.title_end + EARLY_CHARS]
    return any(word in lead for word in _TAIWAN_WORDS) or any(
        e.kind in _TAIWAN_KINDS and _early(doc, e.start) for e in doc.entities
    )


def _has_local(doc: Analysed) -> bool:
    return any(e.kind in _LOCAL_KINDS and _early(doc, e.start) for e in doc.entities)


def _has_foreign(doc: Analysed) -> bool:
    return any(
        (e.kind in _FOREIGN_KINDS or (e.kind == "country" and e.name != "Taiwan")) and _early(doc, e.start)
        for e in doc.entities
    )


def failed_gates(doc: Analysed) -> dict[str, str]:
    """Label -> why it cannot be true for this document (labels that pass are absent)."""
    failed: dict[str, str] = {}
    if not _has_japan(doc):
        failed["taiwan_japan"] = "no Japanese party in the title or lead"
    elif not _has_taiwan(doc):
        failed["taiwan_japan"] = "no Taiwanese party mentioned"
    if not _has_local(doc):
        failed["city_diplomacy"] = "no local government actor in the title or lead"
    elif not _has_foreign(doc):
        failed["city_diplomacy"] = "nothing foreign mentioned"
    return failed
