"""Settings: development-safe defaults, then CLICKSAFE_* environment variables, then overrides."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

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
    "DOWNLOAD_DIR": None,  # None: a downloads folder in the instance folder
    "BABEL_TRANSLATION_DIRECTORIES": str(PROJECT_ROOT / "translations"),
    "BABEL_DEFAULT_LOCALE": "en",
    "SQLALCHEMY_TRACK_MODIFICATIONS": False,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": 3600,
    "QUIZ_RATE_LIMIT": "60 per minute",  # answer and start forms, per address
    "QUIZ_MAX_SECONDS": 2 * 3600,  # a quiz left open longer starts again
}


class ConfigError(RuntimeError):
    """A setting that production requires is missing or unsafe."""


def content_dir() -> Path:
    """The content folder, for tools that run without an app (flask content check)."""
    return Path(os.environ.get("CLICKSAFE_CONTENT_DIR", DEFAULTS["CONTENT_DIR"]))


def report_url() -> str:
    return os.environ.get("CLICKSAFE_REPORT_URL", DEFAULTS["REPORT_URL"])


def load_config(app: Flask, overrides: dict[str, Any] | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("CLICKSAFE")
    app.config.update(overrides or {})
    database_url = app.config["DATABASE_URL"]
    if not database_url:
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        database_url = f"sqlite:///{Path(app.instance_path) / 'clicksafe.sqlite'}"
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url
    if not app.config["DOWNLOAD_DIR"]:
        app.config["DOWNLOAD_DIR"] = str(Path(app.instance_path) / "downloads")
    app.config["SITE_URL"] = app.config["SITE_URL"].rstrip("/")
    production = app.config["ENV"] == "production"
    app.config["SESSION_COOKIE_SECURE"] = production
    if production:
        check_production(app.config)


def check_production(config: dict[str, Any]) -> None:
    """Refuse to start in production with development settings."""
    missing = []
    if config["SECRET_KEY"] in (None, "", DEVELOPMENT_SECRET):
        missing.append("CLICKSAFE_SECRET_KEY")
    if not config["DATABASE_URL"]:
        missing.append("CLICKSAFE_DATABASE_URL")
    if config["RATELIMIT_STORAGE_URI"] == "memory://":
        missing.append("CLICKSAFE_RATELIMIT_STORAGE_URI (a shared store such as Redis)")
    if missing:
        raise ConfigError("production needs: " + ", ".join(missing))
