"""Settings: development-safe defaults, then CLICKSAFE_* environment variables, then overrides."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from flask import Config, Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEVELOPMENT_SECRET = "development-only-not-secret"

DEFAULTS: dict[str, Any] = {
    "ENV": "development",
    "SECRET_KEY": DEVELOPMENT_SECRET,
    "DATABASE_URL": None,  # None: a SQLite file in the instance folder
    "RATELIMIT_STORAGE_URI": "memory://",
    "CONTENT_DIR": str(PROJECT_ROOT / "content"),
    "REPORT_URL": "https://www.childfocus.be/",
    "SITE_URL": "http://127.0.0.1:8000",
    "QUICK_EXIT_URL": "https://www.google.com/",
    "PAGE_CACHE": True,
    "PAGE_MAX_AGE": 300,  # seconds a browser, shared cache or CDN may keep a content page
    "DOWNLOAD_DIR": None,  # None: a downloads folder in the instance folder
    "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
    "BABEL_DEFAULT_LOCALE": "en",
    "SQLALCHEMY_TRACK_MODIFICATIONS": False,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": 3600,
    "QUIZ_RATE_LIMIT": "30 per minute",  # answers to one quiz run: a child needs a few
    # Starts and answers from one address: a whole school may share one, so it is generous.
    "ADDRESS_RATE_LIMIT": "1000 per minute",
    # Searches from one address: a class of 30 searching at once stays far below it.
    "SEARCH_RATE_LIMIT": "600 per minute",
    "QUIZ_MAX_SECONDS": 2 * 3600,  # a quiz left open longer starts again
    "CLASS_SESSION_HOURS": 12,  # a class session, its code and its answers are deleted after
    "PROXY_COUNT": 0,  # reverse proxies in front that set X-Forwarded-For (nginx: 1)
    "DATABASE_TIMEOUT": 3,  # seconds to connect, to run one statement, to wait for the pool
    "RATELIMIT_TIMEOUT": 1,  # seconds to reach the rate-limit store before failing open
    "ATTEMPT_SPOOL_DIR": None,  # None: attempt-spool in the instance folder
    "ATTEMPT_RETENTION_DAYS": 730,  # anonymous quiz attempts are deleted after two years
    "MAX_FORM_BYTES": 64 * 1024,  # no form of the site comes near this
    "ALLOW_SQLITE": False,  # production on SQLite only when asked for explicitly
    # Pages made per request (quiz steps) are compressed on the way out; cached pages and
    # static files carry their compressed bytes already (web/compression.py).
    "COMPRESS_ALGORITHM": ["br", "gzip"],
    "COMPRESS_MIMETYPES": [
        "text/html",
        "text/css",
        "text/plain",
        "application/javascript",
        "text/javascript",
        "application/json",
        "application/xml",
        "image/svg+xml",
    ],
}
MIN_SECRET_BYTES = 32


class ConfigError(RuntimeError):
    """A setting that production requires is missing or unsafe."""


def content_dir() -> Path:
    """The content folder, for tools that run without an app (flask content check)."""
    return Path(os.environ.get("CLICKSAFE_CONTENT_DIR", DEFAULTS["CONTENT_DIR"]))


def report_url() -> str:
    return os.environ.get("CLICKSAFE_REPORT_URL", DEFAULTS["REPORT_URL"])


def load_config(app: Flask, overrides: dict[str, Any] | None) -> None:
    read_settings(app.config, overrides)
    instance = Path(app.instance_path)
    database_url = app.config["DATABASE_URL"]
    if not database_url:
        instance.mkdir(parents=True, exist_ok=True)
        database_url = f"sqlite:///{instance / 'clicksafe.sqlite'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(
        database_url, app.config["DATABASE_TIMEOUT"]
    )
    app.config["DOWNLOAD_DIR"] = app.config["DOWNLOAD_DIR"] or str(instance / "downloads")
    app.config["ATTEMPT_SPOOL_DIR"] = app.config["ATTEMPT_SPOOL_DIR"] or str(
        instance / "attempt-spool"
    )
    # Werkzeug refuses bigger bodies and forms with a 413 before any view reads them.
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_FORM_BYTES"]
    app.config["MAX_FORM_MEMORY_SIZE"] = app.config["MAX_FORM_BYTES"]
    app.config["MAX_FORM_PARTS"] = 100
    app.config["SITE_URL"] = app.config["SITE_URL"].rstrip("/")
    production = app.config["ENV"] == "production"
    app.config["SESSION_COOKIE_SECURE"] = production
    if production:
        check_production(app.config)


def read_settings(config: Config, overrides: dict[str, Any] | None = None) -> Config:
    config.from_mapping(DEFAULTS)
    config.from_prefixed_env("CLICKSAFE")
    config.update(overrides or {})
    return config


def engine_options(database_url: str, timeout: float) -> dict[str, Any]:
    """Every wait on the database is bounded, so a database that is down or hangs costs a
    request a few seconds at most, never a worker."""
    options: dict[str, Any] = {"pool_pre_ping": True}
    if database_url.startswith("postgresql"):
        options["pool_timeout"] = timeout
        options["connect_args"] = {
            "connect_timeout": max(1, round(timeout)),
            "options": f"-c statement_timeout={int(timeout * 1000)}",
            # A server that stops answering mid-query: the kernel gives up on unanswered sends.
            "tcp_user_timeout": int(timeout * 1000),
            "keepalives_idle": 10,
        }
    elif database_url.startswith("sqlite"):
        options["connect_args"] = {"timeout": timeout}  # waiting for another writer's lock
    return options


def check_production(config: Config) -> None:
    """Refuse to start in production with development or unsafe settings."""
    problems = []
    secret = config["SECRET_KEY"] or ""
    if secret in ("", DEVELOPMENT_SECRET):
        problems.append("CLICKSAFE_SECRET_KEY is missing")
    elif len(secret.encode()) < MIN_SECRET_BYTES:
        problems.append(f"CLICKSAFE_SECRET_KEY is shorter than {MIN_SECRET_BYTES} bytes")
    database_url = config["DATABASE_URL"] or ""
    if not database_url:
        problems.append("CLICKSAFE_DATABASE_URL is missing")
    elif database_url.startswith("sqlite") and not config["ALLOW_SQLITE"]:
        problems.append(
            "CLICKSAFE_DATABASE_URL is SQLite (set CLICKSAFE_ALLOW_SQLITE=true to allow)"
        )
    if config["RATELIMIT_STORAGE_URI"] == "memory://":
        problems.append("CLICKSAFE_RATELIMIT_STORAGE_URI is missing (a shared store such as Redis)")
    if problems:
        raise ConfigError("production settings refused: " + "; ".join(problems))


def refuse_unsafe_production() -> None:
    """For start-up scripts (gunicorn's master, wsgi.py): one line on stderr, no traceback."""
    config = read_settings(Config(str(PROJECT_ROOT)))
    if config["ENV"] != "production":
        return
    try:
        check_production(config)
    except ConfigError as error:
        print(f"clicksafe: {error}", file=sys.stderr)
        raise SystemExit(3) from None
