"""Rate limits that are fair behind a reverse proxy and a school's shared address: each quiz run
has its own small allowance, each address a generous ceiling, and a 429 says when to retry."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from quiz_client import Child, a_quiz, attempts

from clicksafe.extensions import db

SCHOOL = {"X-Forwarded-For": "198.51.100.20"}


@pytest.fixture
def proxied(fresh_app):
    def build(**settings):
        app = fresh_app(PROXY_COUNT=1, **settings)
        with app.app_context():
            db.create_all()
        return app

    return build


def test_thirty_pupils_behind_one_school_address_finish_a_quiz_at_once(proxied, catalogue):
    app = proxied()
    quiz = a_quiz(catalogue, "nl")
    ready = threading.Barrier(30)

    def pupil(_):
        child = Child(app.test_client(), quiz)
        ready.wait()
        assert child.start(**SCHOOL).status_code == 303
        statuses = [
            child.answer(n, child.right(n), **SCHOOL).status_code
            for n in range(1, len(quiz.questions) + 1)
        ]
        return statuses, child.client.get(f"{quiz.url}/result").status_code

    with ThreadPoolExecutor(30) as pool:
        results = list(pool.map(pupil, range(30)))
    assert all(set(statuses) == {303} and result == 200 for statuses, result in results)
    assert len(attempts(app)) == 30


def test_one_client_hammering_one_quiz_run_is_limited(proxied, catalogue):
    app = proxied(QUIZ_RATE_LIMIT="5 per minute")
    quiz = a_quiz(catalogue, "nl")
    child = Child(app.test_client(), quiz)
    child.start(**SCHOOL)
    statuses = [child.answer(1, ["forged"], **SCHOOL).status_code for _ in range(7)]
    assert statuses[:5] == [400] * 5 and statuses[5] == 429
    refused = child.answer(1, child.right(1), **SCHOOL)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 61
    assert "Te veel pogingen" in refused.get_data(as_text=True)
    # Another pupil at the same school has an allowance of their own.
    other = Child(app.test_client(), quiz)
    assert other.start(**SCHOOL).status_code == 303
    assert other.answer(1, other.right(1), **SCHOOL).status_code == 303


def test_the_address_ceiling_counts_the_visitor_not_the_proxy(proxied, catalogue):
    app = proxied(ADDRESS_RATE_LIMIT="3 per minute")
    quiz = a_quiz(catalogue, "fr")
    client = app.test_client()
    starts = [client.post(f"{quiz.url}/start", headers=SCHOOL).status_code for _ in range(4)]
    assert starts == [303, 303, 303, 429]
    elsewhere = {"X-Forwarded-For": "203.0.113.9"}
    assert client.post(f"{quiz.url}/start", headers=elsewhere).status_code == 303


def test_without_a_proxy_forwarded_headers_are_not_believed(fresh_app, catalogue):
    app = fresh_app(ADDRESS_RATE_LIMIT="2 per minute")
    quiz = a_quiz(catalogue, "en")
    client = app.test_client()
    statuses = [
        client.post(f"{quiz.url}/start", headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code
        for n in range(3)
    ]
    assert statuses == [303, 303, 429]


def test_the_rate_limit_store_never_holds_an_address(fresh_app):
    from clicksafe.web.limits import address_key

    app = fresh_app()
    with app.test_request_context(environ_base={"REMOTE_ADDR": "198.51.100.20"}):
        key = address_key()
    assert "198.51.100.20" not in key and key.startswith("a:")
