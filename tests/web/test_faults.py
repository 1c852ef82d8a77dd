"""A child never meets a 500 or a long wait because a database or Redis is down or hangs, and
never loses a result: it is shown from their own progress and kept until it can be stored."""

from __future__ import annotations

import socket
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from quiz_client import Child, a_quiz, attempts

from clicksafe import create_app
from clicksafe.cli import attempts as cli_attempts
from clicksafe.extensions import db

CLOSED_PORT = "postgresql+psycopg://postgres@127.0.0.1:1/nothing"


@pytest.fixture
def silent_port():
    """A server that accepts connections and never says a word: a hung database or Redis."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def app_on(database_url: str, tmp_path, **settings):
    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "DOWNLOAD_DIR": str(tmp_path / "downloads"),
            "ATTEMPT_SPOOL_DIR": str(tmp_path / "spool"),
            "DATABASE_TIMEOUT": 1,
        }
        | settings
    )


def finish_and_read_result(app, catalogue):
    quiz = a_quiz(catalogue, "fr")
    child = Child(app.test_client(), quiz)
    child.finish()
    result = child.client.get(f"{quiz.url}/result")
    assert result.status_code == 200
    total = len(quiz.questions)
    assert f"{total} sur {total}" in result.get_data(as_text=True)
    return quiz


def test_a_child_sees_the_score_while_the_database_is_unreachable(tmp_path, catalogue, caplog):
    app = app_on(CLOSED_PORT, tmp_path)
    with caplog.at_level("WARNING"):
        finish_and_read_result(app, catalogue)
    assert "kept in the spool" in caplog.text
    spooled = app.extensions["clicksafe.spool"].rows()
    assert len(spooled) == 1 and spooled[0]["lang"] == "fr"


def test_a_database_that_never_answers_costs_an_answer_seconds_not_a_worker(
    tmp_path, catalogue, silent_port
):
    app = app_on(f"postgresql+psycopg://postgres@127.0.0.1:{silent_port}/x", tmp_path)
    began = time.monotonic()
    finish_and_read_result(app, catalogue)
    assert time.monotonic() - began < 8  # 1 s to connect, a pre-ping, the pages themselves
    assert len(app.extensions["clicksafe.spool"].rows()) == 1


def test_kept_attempts_are_stored_once_when_the_database_is_back(db_app, tmp_path, catalogue):
    spool_dir = tmp_path / "spool"
    down = app_on(CLOSED_PORT, tmp_path, ATTEMPT_SPOOL_DIR=str(spool_dir))
    finish_and_read_result(down, catalogue)
    finish_and_read_result(down, catalogue)
    db_app.config["ATTEMPT_SPOOL_DIR"] = str(spool_dir)
    db_app.extensions["clicksafe.spool"] = down.extensions["clicksafe.spool"]
    runner = db_app.test_cli_runner()
    assert "2 waiting attempts stored" in runner.invoke(cli_attempts, ["flush"]).output
    assert "no attempts waiting" in runner.invoke(cli_attempts, ["flush"]).output
    assert len(attempts(db_app)) == 2


def test_the_next_successful_write_drains_the_spool(db_app, tmp_path, catalogue):
    down = app_on(CLOSED_PORT, tmp_path)
    finish_and_read_result(down, catalogue)
    spool = down.extensions["clicksafe.spool"]
    # The same run's row already stored (a flush that stored it, then stopped): never twice.
    with db_app.app_context():
        from clicksafe.operations import record_attempt

        record_attempt(spool.rows()[0])
    db_app.extensions["clicksafe.spool"] = spool
    finish_and_read_result(db_app, catalogue)
    assert len(attempts(db_app)) == 2
    assert not spool.waiting()


def test_readyz_says_the_database_is_down_while_pages_still_work(tmp_path):
    app = app_on(CLOSED_PORT, tmp_path)
    client = app.test_client()
    ready = client.get("/readyz")
    assert ready.status_code == 503 and ready.json["database"] == "unreachable"
    assert client.get("/healthz").status_code == 200
    assert client.get("/nl/").status_code == 200
    assert client.get("/en/quiz/").status_code == 200


def test_readyz_when_all_is_well(db_app):
    ready = db_app.test_client().get("/readyz")
    assert ready.status_code == 200
    assert ready.json == {
        "status": "ok",
        "content": "ok",
        "database": "ok",
        "rate_limit_store": "ok",
    }


@pytest.mark.parametrize("store", ["closed", "silent"])
def test_quizzes_go_on_when_the_rate_limit_store_is_down(
    tmp_path, catalogue, caplog, silent_port, store
):
    port = 1 if store == "closed" else silent_port
    app = app_on(
        f"sqlite:///{tmp_path / 'db.sqlite'}",
        tmp_path,
        RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{port}/0",
    )
    with app.app_context():
        db.create_all()
    began = time.monotonic()
    with caplog.at_level("WARNING"):
        finish_and_read_result(app, catalogue)
    assert time.monotonic() - began < 10
    assert "limits fall back to this process's memory" in caplog.text
    assert len(attempts(app)) == 1
    ready = app.test_client().get("/readyz")
    assert ready.status_code == 200
    assert ready.json["rate_limit_store"] == "unreachable (limits fail open)"


def test_attempts_older_than_the_retention_are_purged(db_app, catalogue):
    from clicksafe.operations import record_attempt

    with db_app.app_context():
        for token, days in (("old", 800), ("recent", 10)):
            row = {
                "quiz_id": "q", "quiz_version": "v", "lang": "nl", "score": 1.0,
                "maximum": 2, "answers": {}, "token": token,
                "created_at": (datetime.now(UTC) - timedelta(days=days)).isoformat(),
            }  # fmt: skip
            record_attempt(row)
    output = db_app.test_cli_runner().invoke(cli_attempts, ["purge"]).output
    assert "1 attempts older than 730 days deleted" in output
    assert [a.token for a in attempts(db_app)] == ["recent"]
