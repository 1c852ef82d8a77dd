"""Health checks for load balancers and operators: /healthz (the process answers) and /readyz
(content loaded, database reachable; the rate-limit store is reported, and may be down)."""

from __future__ import annotations

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from .context import catalogue
from .limits import rate_limits

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@bp.get("/healthz")
def healthz():
    return _uncached(jsonify(status="ok"))


@bp.get("/readyz")
def readyz():
    """503 while the database is unreachable: a balancer sends quizzes elsewhere. Content pages
    would still work, so a balancer that only checks /healthz keeps them served."""
    checks = {
        "content": "ok" if catalogue().guides else "empty",
        "database": _database(),
        "rate_limit_store": _rate_limit_store(),
    }
    ready = checks["content"] == "ok" and checks["database"] == "ok"
    response = jsonify(status="ok" if ready else "unavailable", **checks)
    response.status_code = 200 if ready else 503
    return _uncached(response)


def _database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except SQLAlchemyError as error:
        db.session.rollback()
        log.warning("readyz: database unreachable: %s", str(error).splitlines()[0][:200])
        return "unreachable"


def _rate_limit_store() -> str:
    """Limits fail open while the store is down (quizzes go on): reported, not a reason to fail."""
    return "ok" if rate_limits().reachable() else "unreachable (limits fail open)"


def _uncached(response):
    response.cache_control.no_store = True
    return response
