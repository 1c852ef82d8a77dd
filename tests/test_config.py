"""Settings: production refuses unsafe ones in one line, every wait on a service is bounded,
and start-up loads nothing it does not need."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clicksafe import create_app
from clicksafe.config import engine_options

ROOT = Path(__file__).parent.parent
STRONG = "s" * 48
GOOD = {
    "CLICKSAFE_ENV": "production",
    "CLICKSAFE_SECRET_KEY": STRONG,
    "CLICKSAFE_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:1/none",
    "CLICKSAFE_RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0",
}


def start(**settings: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLICKSAFE_")}
    return subprocess.run(
        [sys.executable, "-c", "import wsgi"],
        cwd=ROOT,
        env=env | settings,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"CLICKSAFE_SECRET_KEY": ""}, "CLICKSAFE_SECRET_KEY is missing"),
        ({"CLICKSAFE_SECRET_KEY": "x"}, "CLICKSAFE_SECRET_KEY is shorter than 32 bytes"),
        ({"CLICKSAFE_SECRET_KEY": "k" * 31}, "shorter than 32 bytes"),
        ({"CLICKSAFE_DATABASE_URL": "sqlite:////tmp/x.sqlite"}, "CLICKSAFE_DATABASE_URL is SQLite"),
        ({"CLICKSAFE_DATABASE_URL": ""}, "CLICKSAFE_DATABASE_URL is missing"),
        ({"CLICKSAFE_RATELIMIT_STORAGE_URI": "memory://"}, "RATELIMIT_STORAGE_URI is missing"),
    ],
)
def test_production_refuses_unsafe_settings_in_one_line(change, reason):
    result = start(**(GOOD | change))
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("clicksafe: production settings refused:")
    assert reason in result.stderr


def test_production_on_sqlite_when_asked_for_and_redis_reported_at_start():
    allowed = {
        "CLICKSAFE_DATABASE_URL": "sqlite:////tmp/clicksafe-allowed.sqlite",
        "CLICKSAFE_ALLOW_SQLITE": "true",
    }
    result = start(**(GOOD | allowed))
    assert result.returncode == 0, result.stderr
    assert "rate-limit store redis://127.0.0.1:1/0 unreachable at start" in result.stderr
    assert "Traceback" not in result.stderr


def test_gunicorn_refuses_unsafe_production_once_before_any_worker():
    gunicorn = Path(sys.executable).with_name("gunicorn")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLICKSAFE_")}
    result = subprocess.run(
        [str(gunicorn), "-c", "deploy/gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env | GOOD | {"CLICKSAFE_SECRET_KEY": "short", "GUNICORN_BIND": "127.0.0.1:0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 3
    assert result.stderr.count("production settings refused") == 1
    assert "Traceback" not in result.stderr and "Booting worker" not in result.stderr


def test_every_wait_on_the_database_is_bounded():
    options = engine_options("postgresql+psycopg://db/x", 3)
    assert options["pool_pre_ping"] and options["pool_timeout"] == 3
    args = options["connect_args"]
    assert args["connect_timeout"] == 3 and "statement_timeout=3000" in args["options"]
    assert engine_options("sqlite:///x", 2)["connect_args"] == {"timeout": 2}


def test_the_app_sets_them(fresh_app):
    app = fresh_app(DATABASE_URL="postgresql+psycopg://db/x", DATABASE_TIMEOUT=2)
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["connect_timeout"] == 2


def test_start_up_imports_no_pdf_library():
    code = "import sys, wsgi; print('weasyprint' in sys.modules)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLICKSAFE_")}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "False", result.stderr


def test_a_production_app_reports_an_unreachable_store(caplog):
    settings = {key.removeprefix("CLICKSAFE_"): value for key, value in GOOD.items()}
    with caplog.at_level("WARNING"):
        create_app(settings | {"TESTING": True})
    assert "unreachable at start" in caplog.text
