"""Clicksafe: a trilingual Internet-safety site for children, teens, parents and teachers."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import event
from werkzeug.middleware.proxy_fix import ProxyFix

from . import models  # noqa: F401  (registers the tables for migrations)
from .config import load_config
from .content import load_catalogue
from .extensions import babel, compress, csrf, db, migrate
from .i18n import LANGUAGES, PATHS
from .search import SearchIndex, searchable
from .spool import Spool
from .web import register_web
from .web.locale import select_locale


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings, extensions, content, then the web layer and commands."""
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, config)
    register_proxy(app)
    register_extensions(app)
    register_catalogue(app)
    register_web(app)
    return app


def register_proxy(app: Flask) -> None:
    """Behind nginx (and perhaps a CDN), the visitor's address and scheme come from the
    X-Forwarded-* headers the proxies add: trust exactly as many as are really there."""
    count = int(app.config["PROXY_COUNT"])
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_write_ahead_log)
    migrate.init_app(app, db, directory=str(app.root_path + "/migrations"))
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    compress.init_app(app)
    app.extensions["clicksafe.spool"] = Spool(app.config["ATTEMPT_SPOOL_DIR"])


def _sqlite_write_ahead_log(connection, _record) -> None:
    """SQLite (make run, a small single server): readers never wait for the writer, and a commit
    does not wait for the disk each time (a power cut may lose the last commits, never corrupt
    the file). Production runs on PostgreSQL."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def register_catalogue(app: Flask) -> None:
    """Content is loaded once; invalid content stops start-up with every problem listed."""
    catalogue = app.extensions["clicksafe.catalogue"] = load_catalogue(
        app.config["CONTENT_DIR"], PATHS, app.config["REPORT_URL"]
    )
    # Derived from the catalogue, never edited: every app server builds the same index.
    app.extensions["clicksafe.search"] = SearchIndex(
        searchable(catalogue), catalogue.synonyms, LANGUAGES
    )
