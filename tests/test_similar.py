"""The nearest reviewed items: character n-gram similarity of titles and leads (classifiers.similar)."""

from __future__ import annotations

from classifiers.similar import nearest

CANDIDATES = [
    (1, "熊本縣知事訪高雄", "熊本縣知事率團訪問高雄市，雙方簽署友好交流備忘錄。"),
    (2, "台股收盤", "台股今天收盤下跌，電子股走弱。"),
    (3, "Kumamoto governor visits Kaohsiung", "The governor of Kumamoto led a delegation to Kaohsiung."),
]


def test_the_most_similar_comes_first_and_unrelated_ones_rank_lower() -> None:
    found = nearest("熊本縣訪問團抵達高雄", "熊本縣知事與高雄市長會面，討論觀光交流。", CANDIDATES, k=3)
    assert found[0][0] == 1 and 0 < found[0][1] <= 1
    assert [key for key, _ in found].index(1) < [key for key, _ in found].index(2)


def test_k_and_empty_inputs() -> None:
    assert len(nearest("熊本", "高雄", CANDIDATES, k=1)) == 1
    assert nearest("熊本", "高雄", [], k=3) == []
    assert nearest(None, "", CANDIDATES) == []
