"""The review UI in process (Starlette's TestClient over a real SQLite file): every route, the login
rule, CSRF refusals, escaping, cookies, redirects, labels changing the queue, retraining."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from helpers.asgi_client import TestClient
from helpers.review_seed import SAMPLES, add_feed, add_item, add_model, seed_samples
from markupsafe import escape
from sqlalchemy import Engine, select, update
from starlette.routing import Route

from service.classify import decision_boundary
from service.cli import main
from service.config import Settings, load_settings, with_overrides
from service.errors import ConfigError
from service.storage.db import session_scope
from service.storage.schema import ModelVersion
from service.web import create_app
from service.web.auth import hash_password, safe_next, verify_password
from service.web.openapi import openapi_spec
from service.web.retrain import RetrainResult

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def alice_hash() -> str:
    return hash_password(PASSWORD)


@pytest.fixture
def seeded(sqlite_engine: Engine) -> tuple[Engine, list[int]]:
    return sqlite_engine, seed_samples(sqlite_engine)


def settings_with(**web: object) -> Settings:
    return with_overrides(load_settings(), web=web)


def client_for(engine: Engine, settings: Settings | None = None, **options: object) -> TestClient:
    app = create_app(settings or load_settings(), engine, **options)  # type: ignore[arg-type]
    return TestClient(app, follow_redirects=False)


def token_of(client: TestClient) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/queue").text)
    assert found, "pages carry the CSRF token"
    return found.group(1)


@pytest.fixture
def client(seeded: tuple[Engine, list[int]]) -> Iterator[TestClient]:
    with client_for(seeded[0], trainer=fake_trainer) as client:
        yield client


# --- TEST DOUBLE: stands in for the classification stage's trainer in in-process tests only. ---------
# It registers a new model version and activates it, as the real retraining does when the new model is
# not worse. The browser tests use the real trainer.
def fake_trainer(engine: Engine, settings: Settings) -> RetrainResult:
    with session_scope(engine) as session:
        previous = session.scalar(select(ModelVersion.version).where(ModelVersion.active.is_(True)))
        version = f"test-v{len(session.scalars(select(ModelVersion.version)).all()) + 1}"
        session.execute(update(ModelVersion).values(active=False))
        session.add(
            ModelVersion(
                version=version,
                path=f"/models/{version}",
                metrics={"relevant": {"f1": 0.85}},
                active=True,
                created_at=datetime.now(UTC),
            )
        )
    return RetrainResult(
        previous,
        version,
        True,
        {"relevant_f1": 0.81},
        {"relevant_f1": 0.85},
        40,
        10,
        "new model is better on 10 held-out items",
    )


# --- every page and API route answers ----------------------------------------------------------------


def test_every_get_route_answers(client: TestClient, seeded: tuple[Engine, list[int]]) -> None:
    item = seeded[1][0]
    for path in [
        "/queue",
        f"/items/{item}",
        "/feeds",
        "/digests",
        "/model",
        "/healthz",
        "/login",
        "/api/items",
        f"/api/items/{item}",
        "/api/feeds",
        "/api/digests",
        "/api/model",
        "/api/session",
        "/api/openapi.json",
        "/static/style.css",
        "/static/review.js",
    ]:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
    assert client.get("/").headers["location"] == "/queue"
    exported = client.get("/labels.jsonl")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("application/x-ndjson")


def test_queue_page_lists_items_most_uncertain_first(client: TestClient) -> None:
    """Most uncertain: the relevance score nearest the configured labelling threshold (0.35 by default)."""
    page = client.get("/queue").text
    boundary = decision_boundary(load_settings())
    assert boundary == 0.35
    # scores 0.47, 0.55, 0.12, 0.61, 0.04, 0.93: 0.12 from the boundary, then 0.20, 0.23, 0.26, 0.31, 0.58
    positions = [page.index(escape(SAMPLES[index]["title"])) for index in (2, 1, 5, 4, 3, 0)]
    assert positions == sorted(positions)  # (from 0.5 it would be 0.47, 0.55, 0.61, 0.12, 0.93, 0.04)
    assert "符合 6 則" in page  # one row per story: ETtoday's copy of the first story is hidden
    assert "符合 7 則" in client.get("/queue?copies=show").text


def test_queue_filters_and_bad_filter(client: TestClient) -> None:
    page = client.get("/queue", params={"q": "Tottori"}).text
    assert escape(SAMPLES[4]["title"]) in page and SAMPLES[0]["title"] not in page
    page = client.get("/queue", params={"label": "none", "outlet": "中央社"}).text
    assert SAMPLES[3]["title"] in page and SAMPLES[2]["title"] not in page
    # a page names the parameter in zh-Hant, the API in English
    refused = client.get("/queue", params={"min_score": "lots"})
    assert refused.status_code == 400 and "min_score：&#39;lots&#39; 不是數字" in refused.text
    assert client.get("/api/items", params={"since": "yesterday"}).json() == {
        "error": "since: 'yesterday' is not a date (YYYY-MM-DD)"
    }
    assert client.get("/api/items", params={"reviewed": "maybe"}).status_code == 400


def test_item_page_shows_text_explanation_cluster_and_link(
    client: TestClient, seeded: tuple[Engine, list[int]]
) -> None:
    page = client.get(f"/items/{seeded[1][0]}").text
    assert "熊本縣知事率團抵達高雄" in page
    assert "同一則新聞（2 個項目" in page and "ETtoday" in page
    assert "top features" not in page  # the model's raw features are in the debug view
    assert "top features" in client.get(f"/items/{seeded[1][0]}?debug=1").text and "知事" in page
    assert 'rel="noopener noreferrer"' in page and "原始報導" in page


def test_unknown_item_is_404_on_page_and_api(client: TestClient) -> None:
    assert client.get("/items/424242").status_code == 404
    assert client.get("/api/items/424242").json() == {"error": "no item 424242"}
    token = token_of(client)
    assert (
        client.post(
            "/items/424242/label", data={"csrf_token": token, "label": "relevant", "value": "no"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            "/api/items/424242/labels",
            json={"label": "relevant", "value": False},
            headers={"X-CSRF-Token": token},
        ).status_code
        == 404
    )
    assert client.get("/nowhere").status_code == 404


# --- labelling ---------------------------------------------------------------------------------------


def test_label_form_records_and_the_queue_changes(
    client: TestClient, seeded: tuple[Engine, list[int]]
) -> None:
    item = seeded[1][2]
    token = token_of(client)
    answer = client.post(
        f"/items/{item}/label", data={"csrf_token": token, "label": "city_diplomacy", "value": "yes"}
    )
    assert answer.status_code == 303 and answer.headers["location"] == f"/items/{item}"
    page = client.get(f"/items/{item}").text
    assert re.search(
        r'data-label="city_diplomacy" class="yes".*?<strong>是</strong> <span class="muted">local',
        page,
        re.S,
    )
    assert SAMPLES[2]["title"] not in client.get("/queue").text
    assert SAMPLES[2]["title"] in client.get("/queue", params={"reviewed": "yes"}).text


def test_the_item_page_shows_the_nearest_reviewed_items(
    client: TestClient, seeded: tuple[Engine, list[int]]
) -> None:
    kumamoto, exchange = seeded[1][0], seeded[1][1]
    assert "尚無相近的已審閱項目" in client.get(f"/items/{exchange}").text  # nothing reviewed yet
    token = token_of(client)
    client.post(f"/items/{kumamoto}/label", data={"csrf_token": token, "label": "relevant", "value": "no"})
    page = client.get(f"/items/{exchange}").text
    nearest = page.split('class="nearest"', 1)[1]
    assert f'href="/items/{kumamoto}"' in nearest and "不相關" in nearest and "相似度" in nearest
    assert (
        f'href="/items/{kumamoto}"'
        not in client.get(f"/items/{kumamoto}").text.split('class="nearest"', 1)[1]
    )


def test_confirm_and_next_goes_to_the_next_item(client: TestClient, seeded: tuple[Engine, list[int]]) -> None:
    token = token_of(client)
    first = seeded[1][2]  # the most uncertain
    answer = client.post(f"/items/{first}/confirm", data={"csrf_token": token, "next": "next"})
    assert answer.headers["location"] == f"/queue/next?after={first}"
    nxt = client.get(answer.headers["location"])
    assert nxt.headers["location"] == f"/items/{seeded[1][1]}"
    rejected = client.post(
        f"/items/{seeded[1][1]}/reject", data={"csrf_token": token, "next": "/queue?order=newest"}
    )
    assert rejected.headers["location"] == "/queue?order=newest"
    detail = client.get(f"/api/items/{seeded[1][1]}").json()
    assert detail["effective_labels"] == {"taiwan_japan": False, "city_diplomacy": False, "relevant": False}


def test_bulk_action(client: TestClient, seeded: tuple[Engine, list[int]]) -> None:
    token = token_of(client)
    ids = [str(seeded[1][3]), str(seeded[1][5])]
    answer = client.post(
        "/queue/bulk", data={"csrf_token": token, "ids": ids, "action": "not_relevant", "next": "/queue"}
    )
    assert answer.status_code == 303
    page = client.get("/queue").text
    assert "2 則：不相關" in page
    assert SAMPLES[3]["title"] not in page and SAMPLES[5]["title"] not in page
    assert client.post("/queue/bulk", data={"csrf_token": token, "action": "confirm"}).status_code == 400
    api = client.post(
        "/api/items/bulk", json={"ids": [seeded[1][0]], "action": "confirm"}, headers={"X-CSRF-Token": token}
    )
    assert api.json() == {"updated": 1, "action": "confirm"}


def test_api_label_and_refusals(client: TestClient, seeded: tuple[Engine, list[int]]) -> None:
    token = token_of(client)
    headers = {"X-CSRF-Token": token}
    item = seeded[1][4]
    detail = client.post(
        f"/api/items/{item}/labels", json={"label": "taiwan_japan", "value": False}, headers=headers
    ).json()
    assert detail["decisions"]["taiwan_japan"]["value"] is False
    assert detail["decisions"]["taiwan_japan"]["reviewer"] == "local"
    assert (
        client.post(
            f"/api/items/{item}/labels", json={"label": "sports", "value": True}, headers=headers
        ).status_code
        == 400
    )
    assert (
        client.post(
            f"/api/items/{item}/labels", json={"label": "relevant", "value": "perhaps"}, headers=headers
        ).status_code
        == 400
    )
    assert client.post(f"/api/items/{item}/labels", content=b"{nope", headers=headers).status_code == 400
    confirmed = client.post(f"/api/items/{item}/labels", json={"action": "confirm"}, headers=headers).json()
    assert confirmed["effective_labels"]["city_diplomacy"] is True
    listed = client.get("/api/items", params={"reviewed": "yes"}).json()
    assert [row["id"] for row in listed["items"]] == [item] and listed["items"][0]["reviewed"] is True


def test_export_is_jsonl_in_the_training_format(client: TestClient, seeded: tuple[Engine, list[int]]) -> None:
    token = token_of(client)
    client.post(f"/items/{seeded[1][3]}/reject", data={"csrf_token": token})
    lines = client.get("/api/labels/export").text.splitlines()
    assert len(lines) == 1
    import json

    row = json.loads(lines[0])
    assert {"title", "text", "taiwan_japan", "city_diplomacy", "relevant"} <= row.keys()
    assert row["title"] == SAMPLES[3]["title"] and row["relevant"] is False


# --- retraining ----------------------------------------------------------------------------------------


def test_retrain_activates_a_new_version(client: TestClient) -> None:
    token = token_of(client)
    assert 'id="active-version">test-v1<' in client.get("/model").text
    answer = client.post("/model/retrain", data={"csrf_token": token})
    assert answer.status_code == 303
    page = client.get("/model").text
    assert 'id="active-version">test-v2<' in page and "new model is better on 10 held-out items" in page
    result = client.post("/api/retrain", headers={"X-CSRF-Token": token}).json()
    assert result["new_version"] == "test-v3" and result["activated"] is True
    assert client.get("/api/model").json()["active"] == "test-v3"


def test_a_person_activates_a_kept_version_by_hand(client: TestClient) -> None:
    token = token_of(client)
    client.post("/model/retrain", data={"csrf_token": token})  # test-v2 becomes active
    answer = client.post("/model/activate", data={"csrf_token": token, "version": "test-v1"})
    assert answer.status_code == 303
    assert 'id="active-version">test-v1<' in client.get("/model").text
    missing = client.post("/model/activate", data={"csrf_token": token, "version": "nope"})
    assert missing.status_code == 404
    refused = client.post("/model/activate", data={"version": "test-v2"})  # no CSRF token
    assert refused.status_code == 403
    assert 'id="active-version">test-v1<' in client.get("/model").text


def test_retrain_without_a_trainer_says_so(seeded: tuple[Engine, list[int]]) -> None:
    from service.errors import ModelError

    def no_trainer(engine: Engine, settings: Settings) -> RetrainResult:
        raise ModelError("retraining is not available: no train function")

    with client_for(seeded[0], trainer=no_trainer) as client:
        token = token_of(client)
        answer = client.post("/api/retrain", headers={"X-CSRF-Token": token})
        assert answer.status_code == 409 and "not available" in answer.json()["error"]


# --- security -------------------------------------------------------------------------------------------


def post_routes(client: TestClient) -> list[str]:
    paths = []
    for route in client.app.routes:  # type: ignore[attr-defined]
        if isinstance(route, Route) and route.methods and "POST" in route.methods:
            paths.append(re.sub(r"\{\w+:\w+\}", "1", route.path))  # any id: items, alerts
    return paths


def test_every_state_changing_route_refuses_a_missing_or_wrong_csrf_token(client: TestClient) -> None:
    token_of(client)  # the session has a token; the requests below do not carry it
    paths = post_routes(client)
    assert len(paths) >= 10
    for path in paths:
        assert client.post(path, data={"label": "relevant", "value": "no"}).status_code == 403, path
        assert client.post(path, data={"csrf_token": "forged"}).status_code == 403, path
        assert (
            client.post(
                path, json={"label": "relevant", "value": False}, headers={"X-CSRF-Token": "forged"}
            ).status_code
            == 403
        ), path


def test_a_token_from_another_session_is_refused(seeded: tuple[Engine, list[int]]) -> None:
    with client_for(seeded[0]) as mallory, client_for(seeded[0]) as victim:
        stolen = token_of(mallory)
        token_of(victim)
        answer = victim.post(f"/items/{seeded[1][0]}/confirm", data={"csrf_token": stolen})
        assert answer.status_code == 403


def test_login_required_when_configured(seeded: tuple[Engine, list[int]], alice_hash: str) -> None:
    settings = settings_with(require_login=True, users={"alice": alice_hash})
    with client_for(seeded[0], settings) as client:
        gate = client.get("/queue?label=relevant")
        assert (
            gate.status_code == 303 and gate.headers["location"] == "/login?next=%2Fqueue%3Flabel%3Drelevant"
        )
        assert client.get("/api/items").status_code == 401
        assert client.get(f"/api/items/{seeded[1][0]}").status_code == 401
        assert client.get("/labels.jsonl").status_code == 303
        assert (
            client.get("/healthz").status_code == 200 and client.get("/static/style.css").status_code == 200
        )
        login = client.get("/login?next=/queue%3Flabel%3Drelevant").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)  # type: ignore[union-attr]
        wrong = client.post(
            "/login", data={"csrf_token": token, "name": "alice", "password": "guess", "next": "/queue"}
        )
        assert wrong.status_code == 401 and "帳號或密碼錯誤" in wrong.text
        assert client.post("/login", data={"name": "alice", "password": PASSWORD}).status_code == 403
        right = client.post(
            "/login",
            data={
                "csrf_token": token,
                "name": "alice",
                "password": PASSWORD,
                "next": "/queue?label=relevant",
            },
        )
        assert right.status_code == 303 and right.headers["location"] == "/queue?label=relevant"
        assert client.get("/api/items").status_code == 200
        assert "alice" in client.get("/queue").text
        new_token = token_of(client)
        assert new_token != token  # a fresh session at login
        client.post(f"/items/{seeded[1][0]}/reject", data={"csrf_token": new_token})
        assert client.get(f"/api/items/{seeded[1][0]}").json()["decisions"]["relevant"]["reviewer"] == "alice"
        client.post("/logout", data={"csrf_token": new_token})
        assert client.get("/queue").status_code == 303


def test_failed_logins_from_one_address_make_it_wait(
    seeded: tuple[Engine, list[int]], alice_hash: str
) -> None:
    settings = settings_with(require_login=True, users={"alice": alice_hash}, login_attempts=3)
    now = [1000.0]
    with client_for(seeded[0], settings) as client:
        client.app.state.review.throttle.clock = lambda: now[0]
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)  # type: ignore[union-attr]

        def attempt(password: str) -> httpx.Response:
            return client.post("/login", data={"csrf_token": token, "name": "alice", "password": password})

        assert [attempt(f"guess{n}").status_code for n in range(3)] == [401, 401, 401]
        now[0] += 60
        refused = attempt(PASSWORD)  # even the right password waits: the guesser may have found it
        assert refused.status_code == 429 and "登入失敗次數過多" in refused.text
        assert refused.headers["Retry-After"] == str(15 * 60 - 60)
        now[0] += 15 * 60 - 61
        assert attempt(PASSWORD).status_code == 429
        now[0] += 1  # the failures are 15 minutes old: the address may try again
        assert attempt(PASSWORD).status_code == 303


def test_admin_password_from_the_environment(
    seeded: tuple[Engine, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSMON_ADMIN_PASSWORD", "s3cret-admin")
    with client_for(seeded[0], host="0.0.0.0") as client:
        assert client.get("/queue").status_code == 303  # not loopback: login required
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)  # type: ignore[union-attr]
        assert (
            client.post(
                "/login", data={"csrf_token": token, "name": "admin", "password": "wrong"}
            ).status_code
            == 401
        )
        assert (
            client.post(
                "/login", data={"csrf_token": token, "name": "admin", "password": "s3cret-admin"}
            ).status_code
            == 303
        )
        assert client.get("/queue").status_code == 200


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/x",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "\\\\evil.example",
        "/ok\r\nSet-Cookie: x=1",
    ],
)
def test_login_never_redirects_off_site(target: str) -> None:
    assert safe_next(target, "/queue") == "/queue"
    assert safe_next("/items/3?back=/queue", "/queue") == "/items/3?back=/queue"


def test_off_site_next_after_login_goes_to_the_queue(
    seeded: tuple[Engine, list[int]], alice_hash: str
) -> None:
    settings = settings_with(require_login=True, users={"alice": alice_hash})
    with client_for(seeded[0], settings) as client:
        page = client.get("/login?next=//evil.example/").text
        assert 'name="next" value="/queue"' in page
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        answer = client.post(
            "/login",
            data={
                "csrf_token": token,
                "name": "alice",
                "password": PASSWORD,
                "next": "https://evil.example/",
            },
        )
        assert answer.headers["location"] == "/queue"
        label = client.post(
            f"/items/{seeded[1][0]}/confirm", data={"csrf_token": token_of(client), "next": "//evil.example"}
        )
        assert label.headers["location"] == f"/items/{seeded[1][0]}"


def test_refuses_to_start_exposed_without_users(
    sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSMON_ADMIN_PASSWORD", raising=False)
    with pytest.raises(ConfigError, match=r"web.host '0.0.0.0' is not a loopback address.*hash-password"):
        create_app(load_settings(), sqlite_engine, host="0.0.0.0")
    with pytest.raises(ConfigError, match=r"web\.require_login is true"):
        create_app(settings_with(require_login=True), sqlite_engine)
    with pytest.raises(ConfigError, match=r"web\.users\.bob: expected scrypt"):
        create_app(settings_with(users={"bob": "plaintext"}), sqlite_engine)
    create_app(load_settings(), sqlite_engine, host="::1")  # loopback: fine without users


def test_everything_is_escaped(sqlite_engine: Engine) -> None:
    with session_scope(sqlite_engine) as session:
        item = add_item(
            session,
            "<script>alert('x')</script>",
            "<img src=x onerror=alert(1)>",
            outlet="<b>o</b>",
            explanation={"entities": ["<i>e</i>"]},
            url="javascript:alert(1)",
        )
        add_model(session, "v<1>")
    with client_for(sqlite_engine) as client:
        for path in ["/queue", f"/items/{item}", "/model"]:
            page = client.get(path).text
            assert "<script>alert" not in page and "<img src=x" not in page and "<b>o</b>" not in page
            assert "<i>e</i>" not in page and "v<1>" not in page
        assert "&lt;script&gt;" in client.get("/queue").text
        page = client.get("/queue", params={"q": '"><script>x</script>'}).text
        assert '"><script>x' not in page


def test_cookies_are_httponly_lax_and_secure_over_https(seeded: tuple[Engine, list[int]]) -> None:
    app = create_app(load_settings(), seeded[0])
    with TestClient(app) as plain:
        cookie = plain.get("/queue").headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    with TestClient(app, base_url="https://testserver") as secure:
        assert "Secure" in secure.get("/queue").headers["set-cookie"]


def test_tampered_session_cookie_is_ignored(seeded: tuple[Engine, list[int]], alice_hash: str) -> None:
    settings = settings_with(require_login=True, users={"alice": alice_hash})
    with client_for(seeded[0], settings, secret_key="k1") as client:
        client.cookies.set("newsmon_session", "eyJ1c2VyIjoiYWxpY2UifQ.forged.sig")
        assert client.get("/queue").status_code == 303


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/queue").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"


def test_passwords_hash_and_verify() -> None:
    stored = hash_password("pässwörd")
    assert stored.startswith("scrypt$16384$8$1$") and stored != hash_password("pässwörd")
    assert verify_password("pässwörd", stored) and not verify_password("passwörd", stored)
    assert not verify_password("x", "scrypt$broken")


# --- OpenAPI and the CLI -----------------------------------------------------------------------------


def test_openapi_describes_exactly_the_api_routes(client: TestClient) -> None:
    served = client.get("/api/openapi.json").json()
    assert served == openapi_spec() and served["openapi"].startswith("3.")
    routes: set[tuple[str, str]] = set()
    for route in client.app.routes:  # type: ignore[attr-defined]
        if isinstance(route, Route) and route.path.startswith("/api/"):
            path = re.sub(r":\w+\}", "}", route.path)
            routes |= {(path, method.lower()) for method in route.methods or () if method != "HEAD"}
    described = {(path, method) for path, methods in served["paths"].items() for method in methods}
    assert routes == described


def test_hash_password_command() -> None:
    result = CliRunner().invoke(main, ["hash-password", "--password-stdin"], input="hunter22\n")
    assert result.exit_code == 0
    assert verify_password("hunter22", result.output.strip())
    assert CliRunner().invoke(main, ["hash-password", "--password-stdin"], input="\n").exit_code == 2


def test_serve_refuses_a_public_address_without_users(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEWSMON_ADMIN_PASSWORD", raising=False)
    config = tmp_path / "config.yaml"
    source = load_settings().source
    config.write_text(
        Path(source)
        .read_text(encoding="utf-8")
        .replace("data_dir: newsmon-data", f"data_dir: {tmp_path / 'data'}"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["--config", str(config), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "no user is configured" in result.output


def test_the_feeds_page_shows_silent_feeds(sqlite_engine: Engine) -> None:
    """A feed polled without error but with no new entry in polling.silent_days is marked silent (often a
    feed that moved), as `newsmon status` counts it; a young feed and a never-polled one are not."""
    moment = datetime.now(UTC)
    with session_scope(sqlite_engine) as session:
        quiet = add_feed(session, "quiet", last_success_at=moment, created_at=moment - timedelta(days=30))
        add_feed(session, "young", last_success_at=moment, created_at=moment - timedelta(days=1))
        add_feed(session, "unpolled", created_at=moment - timedelta(days=30))
    with TestClient(create_app(load_settings(), sqlite_engine), follow_redirects=False) as client:
        page = client.get("/feeds").text
    assert "1 個沉寂（7 天無新項目）" in page
    names = ("quiet", "young", "unpolled")
    rows = {name: row for row in page.split("<tr class=")[1:] for name in names if f">{name}<" in row}
    assert "silent" in rows["quiet"] and "起沒有新項目" in rows["quiet"], quiet
    assert "沉寂" not in rows["young"] and "沉寂" not in rows["unpolled"]
