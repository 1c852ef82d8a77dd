"""Clicksafe: a trilingual Internet-safety site for children, teens, parents and teachers."""

from __future__ import annotations

from typing import Any

from flask import Flask

from . import models  # noqa: F401  (registers the tables for migrations)
from .config import load_config
from .content import load_catalogue
from .extensions import babel, csrf, db, limiter, migrate
from .i18n import PATHS
from .web import register_web
from .web.locale import select_locale


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: settings, extensions, content, then the web layer and commands."""
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, config)
    register_extensions(app)
    register_catalogue(app)
    register_web(app)
    return app


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.root_path + "/migrations"))
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    limiter.init_app(app)


def register_catalogue(app: Flask) -> None:
    """Content is loaded once; invalid content stops start-up with every problem listed."""
    app.extensions["clicksafe.catalogue"] = load_catalogue(
        app.config["CONTENT_DIR"], PATHS, app.config["REPORT_URL"]
    )
