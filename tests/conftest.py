"""Shared fixtures: the real app (real content, real database), its test client and CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from clicksafe import create_app
from clicksafe.extensions import db

POSTGRES_URL = os.environ.get("CLICKSAFE_TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("CLICKSAFE_TEST_REDIS_URL")


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """One app for the whole run: content is immutable, and pages never write."""
    folder = tmp_path_factory.mktemp("app")
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{folder / 'test.sqlite'}",
            "DOWNLOAD_DIR": str(folder / "downloads"),
        }
    )
    with app.app_context():
        upgrade()
    return app


@pytest.fixture
def client(app):
    return app.test_client()


FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content" / "ok"


@pytest.fixture(scope="session")
def fixture_app(tmp_path_factory):
    """The app on the small fixture tree: behaviour tests that must not change with new content."""
    folder = tmp_path_factory.mktemp("fixture-app")
    return create_app(
        {
            "TESTING": True,
            "CONTENT_DIR": str(FIXTURE_CONTENT),
            "DATABASE_URL": f"sqlite:///{folder / 'test.sqlite'}",
            "DOWNLOAD_DIR": str(folder / "downloads"),
            # Its database has no tables, so finished quizzes wait in a spool: its own.
            "ATTEMPT_SPOOL_DIR": str(folder / "spool"),
        }
    )


@pytest.fixture
def fixture_client(fixture_app):
    return fixture_app.test_client()


@pytest.fixture(scope="session")
def catalogue(app):
    return app.extensions["clicksafe.catalogue"]


@pytest.fixture
def fresh_app(tmp_path):
    """An app of its own, for tests that change configuration or add routes."""

    def build(**config):
        settings = {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'app.sqlite'}",
            "DOWNLOAD_DIR": str(tmp_path / "downloads"),
        }
        return create_app(settings | config)

    return build


DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=DATABASES)
def db_app(request, tmp_path):
    """An app on a fresh, migrated database: SQLite always, PostgreSQL when
    CLICKSAFE_TEST_POSTGRES_URL is set (make test in CI sets it)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'quiz.sqlite'}"
    elif POSTGRES_URL:
        url = POSTGRES_URL
    else:
        pytest.skip("CLICKSAFE_TEST_POSTGRES_URL is not set")
    app = create_app({"TESTING": True, "DATABASE_URL": url, "DOWNLOAD_DIR": str(tmp_path)})
    with app.app_context():
        if request.param == "postgresql":
            db.session.execute(
                text(
                    "DROP TABLE IF EXISTS class_answer, class_participant, class_session, "
                    "quiz_attempt, alembic_version"
                )
            )
            db.session.commit()
        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        downgrade(revision="base")
        db.engine.dispose()
