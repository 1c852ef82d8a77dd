"""Shared fixtures: the real app (real content, real database), its test client and CLI runner."""

from __future__ import annotations

import pytest

from clicksafe import create_app


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """One app for the whole run: content is immutable, and pages never write."""
    database = tmp_path_factory.mktemp("db") / "test.sqlite"
    return create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{database}"})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def catalogue(app):
    return app.extensions["clicksafe.catalogue"]


@pytest.fixture
def fresh_app(tmp_path):
    """An app of its own, for tests that change configuration or add routes."""

    def build(**config):
        settings = {"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'app.sqlite'}"}
        return create_app(settings | config)

    return build
