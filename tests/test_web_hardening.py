"""The review UI against the attack of issue 16: ids past a 64-bit integer, deeply nested JSON, links a
feed should never turn into ``href``, cookies copied before a logout, and a forged X-Forwarded-For."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from helpers.asgi_client import TestClient
from helpers.review_seed import add_item, seed_samples
from sqlalchemy import Engine

from service.config import Settings, load_settings, with_overrides
from service.storage.db import session_scope
from service.web import create_app
from service.web.auth import hash_password
from service.web.server import ServerThread, app_server

PASSWORD = "correct horse battery staple"
HUGE = [2**63, 2**63 - 1 + 10, 10**30]


@pytest.fixture(scope="module")
def alice_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def seeded(sqlite_engine: Engine) -> tuple[Engine, list[int]]:
    return sqlite_engine, seed_samples(sqlite_engine)


def settings_with(**web: object) -> Settings:
    return with_overrides(load_settings(), web=web)


@pytest.fixture
def client(seeded: tuple[Engine, list[int]]) -> Iterator[TestClient]:
    with TestClient(create_app(load_settings(), seeded[0]), follow_redirects=False) as client:
        yield client


def csrf_of(client: TestClient) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/queue").text)
    assert found
    return found.group(1)


# --------------------------------------------------------------------------- ids past 2^63, deep JSON


@pytest.mark.parametrize("item_id", HUGE)
def test_item_ids_past_a_64_bit_integer_are_not_found(client: TestClient, item_id: int) -> None:
    token = csrf_of(client)
    headers = {"X-CSRF-Token": token}
    assert client.get(f"/items/{item_id}").status_code == 404
    assert client.get(f"/api/items/{item_id}").status_code == 404
    assert (
        client.post(
            f"/items/{item_id}/label", data={"label": "relevant", "value": "yes"}, headers=headers
        ).status_code
        == 404
    )
    answer = client.post(
        f"/api/items/{item_id}/labels", json={"label": "relevant", "value": True}, headers=headers
    )
    assert answer.status_code == 404


@pytest.mark.parametrize("item_id", HUGE)
def test_bulk_calls_with_huge_ids_are_bad_requests(client: TestClient, item_id: int) -> None:
    token = csrf_of(client)
    answer = client.post(
        "/api/items/bulk", json={"ids": [item_id], "action": "confirm"}, headers={"X-CSRF-Token": token}
    )
    assert answer.status_code == 400 and "ids" in answer.json()["error"]
    form = client.post("/queue/bulk", data={"ids": [str(item_id)], "action": "confirm", "csrf_token": token})
    assert form.status_code in (303, 400)  # the form path reports bad input as a flash or a 400, never 500


def test_deeply_nested_json_is_a_bad_request(client: TestClient, seeded: tuple[Engine, list[int]]) -> None:
    token = csrf_of(client)
    body = "[" * 100_000 + "]" * 100_000
    for path in ("/api/items/bulk", f"/api/items/{seeded[1][0]}/labels"):
        answer = client.post(
            path, content=body, headers={"X-CSRF-Token": token, "Content-Type": "application/json"}
        )
        assert answer.status_code == 400, path


# ------------------------------------------------------------------------------- only http(s) links


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        " javascript:alert(1)",
        "vbscript:msgbox(1)",
    ],
)
def test_only_http_links_become_hrefs(sqlite_engine: Engine, url: str) -> None:
    with session_scope(sqlite_engine) as session:
        item = add_item(session, "臺北市與橫濱市簽署備忘錄", "內文。", url=url)
    with TestClient(create_app(load_settings(), sqlite_engine), follow_redirects=False) as client:
        page = client.get(f"/items/{item}").text
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "vbscript:", "data:text"))]
    assert "original article" not in page


def test_an_https_link_is_still_a_link(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        item = add_item(session, "臺北市與橫濱市簽署備忘錄", "內文。", url="https://news.example.tw/a/1")
    with TestClient(create_app(load_settings(), sqlite_engine), follow_redirects=False) as client:
        assert 'href="https://news.example.tw/a/1"' in client.get(f"/items/{item}").text


# -------------------------------------------------------------------------------- revocable sessions


def log_in(client: TestClient) -> None:
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    answer = client.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token})
    assert answer.status_code == 303


def test_logout_revokes_a_copied_cookie(seeded: tuple[Engine, list[int]], alice_hash: str) -> None:
    settings = settings_with(require_login=True, users={"alice": alice_hash})
    app = create_app(settings, seeded[0])
    with TestClient(app, follow_redirects=False) as victim, TestClient(app, follow_redirects=False) as thief:
        log_in(victim)
        assert victim.get("/api/items").status_code == 200
        stolen = victim.cookies.get("newsmon_session")
        assert stolen
        thief.cookies.set("newsmon_session", stolen)
        assert thief.get("/api/items").status_code == 200  # a copy works while the login lasts
        logout = victim.post("/logout", headers={"X-CSRF-Token": csrf_of(victim)})
        assert logout.status_code == 303
        assert thief.get("/api/items").status_code == 401  # ... and not after the logout
        assert thief.get("/queue").status_code == 303


# ---------------------------------------------------------------- X-Forwarded-For from untrusted peers


def failed_logins(base: str, forwarded: list[str]) -> list[int]:
    statuses = []
    with httpx.Client(base_url=base, follow_redirects=False, trust_env=False) as http:
        for address in forwarded:
            page = http.get("/login").text
            token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
            answer = http.post(
                "/login",
                data={"name": "alice", "password": "wrong", "csrf_token": token},
                headers={"X-Forwarded-For": address},
            )
            statuses.append(answer.status_code)
    return statuses


def test_login_throttle_ignores_forwarded_for_from_an_untrusted_client(
    sqlite_engine: Engine, alice_hash: str
) -> None:
    """A loopback client changing X-Forwarded-For at every try used to get a fresh throttle each time."""
    settings = settings_with(require_login=True, users={"alice": alice_hash}, login_attempts=2)
    server = ServerThread(app_server(create_app(settings, sqlite_engine, host="127.0.0.1"), "127.0.0.1", 0))
    server.start()
    try:
        statuses = failed_logins(f"http://127.0.0.1:{server.port}", [f"203.0.113.{n}" for n in range(1, 5)])
    finally:
        server.stop(5)
    assert statuses == [401, 401, 429, 429]


def test_forwarded_for_from_a_trusted_proxy_is_counted(sqlite_engine: Engine, alice_hash: str) -> None:
    settings = settings_with(
        require_login=True, users={"alice": alice_hash}, login_attempts=2, trusted_proxies=["127.0.0.1"]
    )
    app = create_app(settings, sqlite_engine, host="127.0.0.1")
    server = ServerThread(app_server(app, "127.0.0.1", 0, trusted_proxies=settings.web.trusted_proxies))
    server.start()
    try:
        statuses = failed_logins(f"http://127.0.0.1:{server.port}", ["203.0.113.1"] * 3 + ["203.0.113.2"])
    finally:
        server.stop(5)
    assert statuses == [401, 401, 429, 401]  # behind the proxy, each client address has its own count
