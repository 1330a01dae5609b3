"""The review UI's chapter page: /report previews the 國際事務 chapter of a party for a period and
/report/download gives it as Word, Markdown or CSV; both behind the login (real SQLite file, our fixtures)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from docx import Document
from helpers.asgi_client import TestClient
from helpers.chapter_fixtures import Manifest, fill
from sqlalchemy import Engine, update

from service.config import load_settings, with_overrides
from service.storage.db import session_scope
from service.storage.schema import Item
from service.web import create_app
from service.web.auth import hash_password

PASSWORD = "correct horse battery staple"
PERIOD = "from=2026-07-01&to=2026-12-31"


@pytest.fixture
def filled(sqlite_engine: Engine) -> tuple[Engine, Manifest]:
    with session_scope(sqlite_engine) as session:
        manifest = fill(session)
    return sqlite_engine, manifest


@pytest.fixture
def client(filled: tuple[Engine, Manifest]) -> Iterator[TestClient]:
    settings = with_overrides(
        load_settings(), web={"require_login": True, "users": {"alice": hash_password(PASSWORD)}}
    )
    with TestClient(create_app(settings, filled[0]), follow_redirects=False) as client:
        yield client


def log_in(client: TestClient) -> None:
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    answer = client.post(
        "/login", data={"csrf_token": token, "name": "alice", "password": PASSWORD, "next": "/report"}
    )
    assert answer.status_code == 303


def test_the_report_page_needs_a_login(client: TestClient) -> None:
    gate = client.get(f"/report?party=高雄市&{PERIOD}")
    assert gate.status_code == 303 and gate.headers["location"].startswith("/login?next=%2Freport")
    assert client.get(f"/report/download?party=高雄市&{PERIOD}&format=docx").status_code == 303


def test_preview_and_downloads(client: TestClient, filled: tuple[Engine, Manifest]) -> None:
    manifest = filled[1]
    log_in(client)
    blank = client.get("/report")
    assert blank.status_code == 200 and "請填寫臺灣機關" in blank.text
    nothing = client.get(f"/report?party=火星市&{PERIOD}")
    assert nothing.status_code == 200 and "此期間沒有 火星市 的活動" in nothing.text
    page = client.get(f"/report?party=高雄&{PERIOD}")
    assert page.status_code == 200
    text = page.text
    assert "貳拾陸、國際事務" in text and "一、外賓來訪" in text and "115年7月1日至115年12月31日" in text
    assert len(re.findall(r"<h4>（[一二三四五六七八九十]+）", text)) == len(manifest.of("高雄市"))
    assert text.count("【本處補充】") == 6
    assert text.count('<li value="') == sum(len(e.item_ids) for e in manifest.of("高雄市"))
    links = re.findall(r'href="(/report/download\?[^"]+)"', text)
    assert len(links) == 3
    docx = client.get(links[0].replace("&amp;", "&"))
    assert docx.status_code == 200 and docx.headers["content-type"].startswith("application/vnd.openxml")
    assert "filename*=UTF-8''" in docx.headers["content-disposition"]
    assert Document(io.BytesIO(docx.content)).paragraphs[0].text == "貳拾陸、國際事務"
    markdown = client.get(f"/report/download?party=高雄市&{PERIOD}&format=md&heading=參、國際事務")
    assert markdown.status_code == 200 and markdown.text.startswith("# 參、國際事務\n")
    table = client.get(f"/report/download?party=高雄市&{PERIOD}&format=csv")
    assert table.status_code == 200 and table.text.startswith("section,entry,date_roc")


def test_bad_requests_are_refused(client: TestClient) -> None:
    log_in(client)
    assert client.get("/report?party=高雄市&from=1.7.2026").status_code == 400
    assert client.get("/report?party=高雄市&from=2026-12-31&to=2026-07-01").status_code == 400
    assert client.get(f"/report/download?party=高雄市&{PERIOD}&format=pdf").status_code == 400
    assert client.get(f"/report/download?{PERIOD}&format=md").status_code == 400


def test_source_links_are_escaped_and_only_http(client: TestClient, filled: tuple[Engine, Manifest]) -> None:
    engine, manifest = filled
    first, second = manifest.of("高雄市")[0].item_ids[:2]
    with session_scope(engine) as session:
        session.execute(
            update(Item)
            .where(Item.id == first)
            .values(url='https://news.example.tw/x?"><script>alert(1)</script>', title="<b>標題</b>")
        )
        session.execute(update(Item).where(Item.id == second).values(url="javascript:alert(1)"))
    log_in(client)
    text = client.get(f"/report?party=高雄市&{PERIOD}").text
    assert "<script>alert(1)" not in text and "<b>標題</b>" not in text
    assert "&lt;b&gt;標題&lt;/b&gt;" in text
    assert 'href="javascript:' not in text and "javascript:alert(1)" in text  # shown as text only
