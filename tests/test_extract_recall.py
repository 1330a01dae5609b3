"""Never lose the article (issue 19): our golden pages for each failure kind, and the recall guard, which puts
back running prose that trafilatura's recall-oriented extraction keeps and ours lost, one rule at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.extract.regenerate import result_for

from service.extraction.clutter import clean_lines
from service.extraction.recall_guard import (
    has_prose,
    is_prose,
    layout_cell,
    link_share,
    restore_prose,
    strip_links,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"


def paragraphs(name: str) -> list[str]:
    result = result_for(FIXTURES / f"{name}.html", "https://news.example.tw/1")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert result == expected  # the golden page
    found = result["paragraphs"]
    assert isinstance(found, list)
    return found


def test_a_long_feature_keeps_every_paragraph_around_an_embedded_post_a_quote_and_a_photo() -> None:
    found = paragraphs("long_feature_embed")
    body = [p for p in found if len(p) > 60]
    assert len(body) == 11
    assert body[0].startswith("清晨六點") and body[-1].startswith("傍晚，訪問團")
    assert any(p.startswith("訪問團成員之一") for p in body)  # right after the embedded post
    assert "「交流要走進家庭，才會一代一代傳下去。」" in found  # the pull quote is the article's own
    text = "\n".join(found)
    for clutter in ("相關新聞", "版權所有", "圖／北海岸週報攝", "在 Instagram 查看", "首頁"):
        assert clutter not in text


def test_an_encyclopedia_page_keeps_its_headings_lists_and_tables_as_lines() -> None:
    found = paragraphs("encyclopedia_page")
    for line in ("歷史", "戰後的轉型", "地理", "氣候", "交通", "姊妹城市"):
        assert line in found
    assert "- 由良川：流經市區西側，注入若狹灣。" in found
    assert "- 舞鶴港渡輪碼頭。" in found
    assert "| 基隆市 | 台灣 | 1996 |" in found
    assert "| 平均氣溫（°C） | 4 | 12 | 25 | 17 |" in found
    assert found.index("歷史") < found.index("戰後的轉型") < found.index("姊妹城市")
    text = "\n".join(found)
    for clutter in ("隨機條目", "目錄", "參見", "創用CC", "免責聲明"):
        assert clutter not in text


def test_a_sixty_character_notice_survives_the_clutter_pass() -> None:
    result = result_for(FIXTURES / "short_notice.html", None)
    assert result["title"] == "系統維護公告"  # the <title> part a heading confirms, not the site name
    assert result["paragraphs"] == [
        "本府線上申辦系統訂於12月6日晚間10時至翌日清晨6時進行主機維護，期間暫停服務，造成不便敬請見諒。"
    ]
    assert result["error"] is not None and "too short" in str(result["error"])  # below min_text_chars: said


def test_a_table_heavy_government_page_keeps_every_row_and_drops_the_controls() -> None:
    found = paragraphs("gov_table_heavy")
    rows = [p for p in found if p.startswith("|")]
    assert len(rows) == 1 + 13 + 1 + 3  # header, 13 townships, total; the contact table
    assert "| 合計 | 104 | 5,380 | 12,480,000 |" in found
    assert found[0].startswith("為推動在地老化") and found[-1].startswith("| 志工培訓")
    text = "\n".join(found)
    for clutter in ("發布日期", "回上一頁", "點閱次數", ".pdf", "隱私權政策", "新聞稿"):
        assert clutter not in text


def test_an_article_laid_out_in_a_table_cell_beside_a_data_table_keeps_both() -> None:
    # trafilatura's precision extraction keeps the data table only; the guard must notice that ours has no
    # prose at all, and bring the one-cell row of prose back as text.
    found = paragraphs("layout_table_notice")
    prose = [p for p in found if not p.startswith("|")]
    assert len(prose) == 1 and prose[0].startswith("一、招募目的：") and "五、其他：" in prose[0]
    rows = [p for p in found if p.startswith("|")]
    assert len(rows) == 1 + 10
    assert rows[1] == "| 01接待組 | 林 怡 | 6 | 1、機場接送 2、報到引導 3、行李協助 | 需日語 |"
    assert found.index(prose[0]) < found.index(rows[0])
    text = "\n".join(found)
    for clutter in ("首頁", "您的位置", "Copyright", "交通資訊", "活動報名"):
        assert clutter not in text


# --- the recall guard, rule by rule -------------------------------------------------------------------

P = [
    "市府今天與日本舞鶴市續簽姊妹市協定，雙方將擴大學生交流與港口合作，並每年輪流舉辦市長會議。",
    "舞鶴市長在簽約儀式上表示，兩市同為港口城市，交流三十年來從官方互訪走進了一般家庭。",
    "兩市漁會也約定明年春天互派漁民觀摩，交換定置網漁業的管理經驗與漁獲資料的紀錄方式。",
    "市府觀光處表示，明年將首次公布姊妹市交流的年度報告，列出各項交流的人數與經費。",
]


def test_prose_after_an_embedded_post_comes_back_in_order() -> None:
    recall = [P[0], P[1], "基隆の朝ごはん、最高！", "— 舞鶴市交流課 (@maizuru) November 1, 2026", P[2], P[3]]
    result = restore_prose([P[0], P[1]], recall)
    assert result.lines == [P[0], P[1], P[2], P[3]]
    assert [r.reason for r in result.restored] == ["prose", "prose"]


def test_headings_lists_and_tables_between_prose_come_back_but_not_after_the_body() -> None:
    recall = [
        P[0],
        "交流沿革",
        P[1],
        "- 1996年：簽署姊妹市協定。",
        "- 2010年：開始學生寄宿家庭交流。",
        "| 年份 | 交流人數 |",
        P[2],
        "- [舞鶴港新航線啟用](https://news.example.tw/2)",
        "- [基隆港倉庫再生計畫](https://news.example.tw/3)",
    ]
    result = restore_prose([P[0], P[2]], recall)
    assert result.lines == [P[0], "交流沿革", P[1], *recall[3:6], P[2]]
    assert {r.reason for r in result.restored} == {
        "prose",
        "heading inside the body",
        "structure inside the body",
    }


def test_teasers_link_rows_and_removed_lists_stay_out() -> None:
    teaser = "颱風明天接近，氣象署提醒北部與東北部地區注意強風豪雨，山區嚴防坍方與落石。"
    linked = f"[{teaser}](https://news.example.tw/9)"
    assert not is_prose(linked) and link_share(linked) == 1.0 and strip_links(linked) == teaser
    lone = [P[0], P[1], "熱門新聞", teaser, "更多新聞"]
    assert restore_prose([P[0], P[1]], lone).restored == []  # a lone paragraph among lists: a teaser
    listed = [P[0], P[1], P[2]]
    removed = restore_prose([P[0], P[1]], listed, removed_lists=[f"更多 {P[2]} 看更多"])
    assert removed.restored == []  # text of a link list the tree pass removed never comes back


def test_when_ours_is_empty_any_prose_comes_back() -> None:
    notice = "本府線上申辦系統訂於12月6日晚間10時至翌日清晨6時進行主機維護，期間暫停服務，敬請見諒。"
    assert restore_prose([], ["首頁", notice, "隱私權政策"]).lines == [notice]


@pytest.mark.parametrize(
    ("line", "prose"),
    [
        (P[0], True),
        ("The two ports signed a new agreement on student exchanges and fisheries cooperation today.", True),
        ("交流沿革", False),
        ("- 1996年：簽署姊妹市協定，雙方將擴大學生交流與港口合作，並每年輪流舉辦市長會議。", False),
        ("Read more about sister cities", False),
    ],
)
def test_what_counts_as_prose(line: str, prose: bool) -> None:
    assert is_prose(line) is prose


def test_repeated_lines_stay_when_repetition_is_the_text_s_own() -> None:
    chorus = "港口的燈火照亮回家的路，海風吹過山城的夜晚"
    verses = [f"第{n}段歌詞寫的是碼頭邊不同的早晨與黃昏" for n in range(6)]
    song = [line for verse in verses for line in (verse, chorus, chorus)]
    assert clean_lines(song).lines == song
    menu = [P[0], "本站新聞由晨光新聞網編輯部提供", P[1], "本站新聞由晨光新聞網編輯部提供"]
    assert clean_lines(menu).lines == [P[0], "本站新聞由晨光新聞網編輯部提供", P[1]]


def test_a_row_holding_only_prose_is_a_layout_cell() -> None:
    assert layout_cell(f"| {P[0]} |") == P[0]
    assert layout_cell(f"|  | {P[0]} |  |") == P[0]
    assert layout_cell(f"| {P[0]} | 2026-12-06 |") is None  # a second cell: data
    assert layout_cell("| 年份 | 交流人數 |") is None
    assert layout_cell(P[0]) is None  # not a row


def test_a_one_cell_prose_row_comes_back_as_text_only_when_ours_has_no_prose() -> None:
    table = ["| 組別 | 名額 |", "| 接待組 | 6 |", "| 導覽組 | 8 |"]
    assert not has_prose(table) and has_prose([f"| {P[0]} |"]) and has_prose([P[0]])
    result = restore_prose(table, ["| 首頁 \\| 最新消息 |", f"| {P[0]} {P[1]} |", *table])
    assert result.lines == [f"{P[0]} {P[1]}", *table]
    # Beside prose of ours, other one-cell rows are other posts of a blog page, not our article.
    posts = [P[0], P[1], f"| {P[2]} |", f"| {P[3]} |"]
    assert restore_prose([P[0], P[1]], posts).restored == []
