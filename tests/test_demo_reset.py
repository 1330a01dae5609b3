"""A rerun of `newsmon demo` starts from an empty database and says what it removed (reviewers' labels
included) and which trained models it kept."""

from __future__ import annotations

from pathlib import Path

from helpers.review_seed import NOW, add_item

from service.demo.run import reset_previous
from service.storage.db import make_engine, migrate, session_scope
from service.storage.labels import record_label


def test_a_rerun_says_what_it_resets(tmp_path: Path) -> None:
    database = tmp_path / "newsmon.db"
    models = tmp_path / "models"
    assert reset_previous(database, models) is None  # the first run removes nothing
    engine = make_engine(f"sqlite:///{database}")
    migrate(engine)
    with session_scope(engine) as session:
        first = add_item(session, "高雄與熊本簽署交流備忘錄", "內文。")
        add_item(session, "颱風逼近", "內文。")
        record_label(session, first, "relevant", False, "alice", NOW)  # writes three labels
    engine.dispose()
    (models / "20261120-abc").mkdir(parents=True)
    said = reset_previous(database, models)
    assert said == (
        "reset: the previous demo database was removed (2 item(s), 3 reviewer label(s));"
        f" 1 trained model folder(s) in {models} kept"
    )
    assert not database.exists() and (models / "20261120-abc").is_dir()
