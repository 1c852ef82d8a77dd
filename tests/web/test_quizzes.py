"""Taking quizzes through the real app on SQLite and PostgreSQL, and every tampering case."""

from __future__ import annotations

import os
import re
import time

import pytest
from markupsafe import escape
from quiz_client import Child, a_quiz, attempts
from sqlalchemy import inspect

from clicksafe.content import AUDIENCES
from clicksafe.extensions import db
from clicksafe.i18n import LANGUAGES, PATHS

REDIS_URL = os.environ.get("CLICKSAFE_TEST_REDIS_URL")


def shown(text: str) -> str:
    """Text as it stands in the HTML."""
    return str(escape(text))


@pytest.fixture
def quiz(catalogue):
    return a_quiz(catalogue, "nl")


def test_at_least_six_quizzes_of_8_to_12_questions_in_every_language(catalogue):
    ids = {quiz_id for _, quiz_id in catalogue.quizzes}
    assert len(ids) >= 6
    for (_, _), quiz in catalogue.quizzes.items():
        assert 8 <= len(quiz.questions) <= 12
        assert {q.type for q in quiz.questions} == {"single", "multiple", "truefalse"}
    homes = [catalogue.quizzes[("en", quiz_id)].audience for quiz_id in ids]
    assert homes.count("kids") >= 2 and homes.count("teens") >= 2 and "parents" in homes


def test_quiz_index_and_corners_list_quizzes_with_ages_questions_and_minutes(client, catalogue):
    for lang in LANGUAGES:
        html = client.get(f"/{lang}/quiz/").get_data(as_text=True)
        for quiz in catalogue.quizzes_for(lang):
            assert f'href="{quiz.url}"' in html
    quiz = a_quiz(catalogue, "fr")
    corner = client.get(PATHS.audience_url("fr", quiz.audience)).get_data(as_text=True)
    assert f'href="{quiz.url}"' in corner
    assert f"{len(quiz.questions)} questions" in corner
    assert f"environ {quiz.minutes} minutes" in corner


def test_a_whole_quiz_without_javascript(db_app, catalogue):
    quiz = a_quiz(catalogue, "nl")
    child = Child(db_app.test_client(), quiz)
    response = child.start()
    assert response.status_code == 303 and response.headers["Location"] == f"{quiz.url}/1"
    for number, question in enumerate(quiz.questions, start=1):
        page = child.client.get(f"{quiz.url}/{number}").get_data(as_text=True)
        assert f"Vraag {number} van {len(quiz.questions)}" in page
        assert "<fieldset" in page and "<legend>" in page and shown(question.text) in page
        wrong = [o.id for o in question.options if not o.correct][:1]
        choice = child.right(number) if number % 2 else wrong
        response = child.answer(number, choice)
        assert response.headers["Location"] == f"{quiz.url}/{number}/feedback"
        feedback = child.client.get(response.headers["Location"]).get_data(as_text=True)
        assert shown(question.explanation) in feedback
        status = re.search(r'class="feedback__status">\s*([^<]+?)\s*</h2>', feedback).group(1)
        assert status == ("Juist!" if number % 2 else "Niet helemaal")
    result = child.client.get(f"{quiz.url}/result").get_data(as_text=True)
    odd = (len(quiz.questions) + 1) // 2
    assert f"{odd} op {len(quiz.questions)}" in result
    for question in quiz.questions:
        assert shown(question.explanation) in result
    [attempt] = attempts(db_app)
    assert (attempt.quiz_id, attempt.lang, attempt.maximum) == (quiz.id, "nl", len(quiz.questions))
    assert attempt.score == odd
    assert attempt.quiz_version == quiz.version
    assert set(attempt.answers) == {q.id for q in quiz.questions}


def test_the_result_links_the_guides_of_missed_questions(client, catalogue):
    quiz = a_quiz(catalogue, "en")
    child = Child(client, quiz)
    child.start()
    for number, question in enumerate(quiz.questions, start=1):
        wrong = [o.id for o in question.options if not o.correct][:1]
        child.answer(number, wrong)
    html = client.get(f"{quiz.url}/result").get_data(as_text=True)
    guides = {q.guide for q in quiz.questions if q.guide}
    for guide_id in guides:
        assert f'href="{catalogue.guides[("en", guide_id)].url}"' in html


def test_javascript_gets_the_same_feedback_as_json(client, quiz):
    child = Child(client, quiz)
    child.start()
    response = child.answer(1, child.right(1), Accept="application/json")
    assert response.status_code == 200
    assert shown(quiz.questions[0].explanation) in response.json["html"]
    missing = child.answer(2, [], Accept="application/json")
    assert missing.status_code == 422 and 'href="#option-' in missing.json["html"]


def test_no_answer_shows_an_error_summary_linked_to_the_field(client, quiz):
    child = Child(client, quiz)
    child.start()
    html = child.answer(1, []).get_data(as_text=True)
    first = quiz.questions[0].options[0].id
    assert 'role="alert"' in html and f'href="#option-{first}"' in html
    assert f'id="option-{first}"' in html


def test_certificate_prints_the_name_without_storing_it(db_app, catalogue):
    quiz = a_quiz(catalogue, "fr")
    child = Child(db_app.test_client(), quiz)
    child.finish()
    response = child.client.post(f"{quiz.url}/certificate", data={"name": "Zoé"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Zoé" in html and shown(quiz.title) in html
    assert "no-store" in response.headers["Cache-Control"]
    [attempt] = attempts(db_app)
    assert "Zoé" not in repr(attempt.__dict__)


def test_attempt_rows_hold_nothing_personal(db_app):
    with db_app.app_context():
        columns = {c["name"] for c in inspect(db.engine).get_columns("quiz_attempt")}
    assert columns == {
        "id", "quiz_id", "quiz_version", "lang", "score", "maximum", "answers", "token",
        "created_at",
    }  # fmt: skip


def bad_request(response, quiz) -> None:
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'href="{quiz.url}' in html, "a way back to the quiz"
    assert '<html lang="nl">' in html


def test_forged_option_ids_are_refused(db_app, catalogue):
    quiz = a_quiz(catalogue, "nl")
    child = Child(db_app.test_client(), quiz)
    child.start()
    bad_request(child.answer(1, ["not-an-option"]), quiz)
    single = next(i for i, q in enumerate(quiz.questions, 1) if q.type == "single")
    if single == 1:
        bad_request(child.answer(1, [o.id for o in quiz.questions[0].options]), quiz)
    assert attempts(db_app) == []


def test_answers_to_another_quizs_questions_are_refused(client, catalogue, quiz):
    other = next(
        q for (lang, _), q in catalogue.quizzes.items() if lang == "nl" and q.id != quiz.id
    )
    other = other.questions[0]
    child = Child(client, quiz)
    child.start()
    bad_request(child.answer(1, [other.options[0].id], question_id=other.id), quiz)


def test_skipped_and_replayed_steps_are_refused(db_app, catalogue):
    quiz = a_quiz(catalogue, "nl")
    child = Child(db_app.test_client(), quiz)
    child.start()
    bad_request(child.answer(3, child.right(3)), quiz)
    bad_request(child.client.get(f"{quiz.url}/3"), quiz)
    bad_request(child.client.get(f"{quiz.url}/result"), quiz)
    assert child.answer(1, child.right(1)).status_code == 303
    bad_request(child.answer(1, child.right(1)), quiz)
    bad_request(child.answer(2, child.right(2), step=0), quiz)
    assert attempts(db_app) == []


def test_replaying_the_last_answer_stores_no_second_attempt(db_app, catalogue):
    quiz = a_quiz(catalogue, "nl")
    child = Child(db_app.test_client(), quiz)
    child.finish(upto=len(quiz.questions) - 1)
    last = len(quiz.questions)
    with child.client.session_transaction() as session:
        before = dict(session["quiz"])
    assert child.answer(last, child.right(last)).status_code == 303
    with child.client.session_transaction() as session:
        session["quiz"] = before  # the same request again, with the cookie it had
    bad_request(child.answer(last, child.right(last)), quiz)
    assert len(attempts(db_app)) == 1


def test_without_a_started_quiz_nothing_happens(db_app, catalogue):
    quiz = a_quiz(catalogue, "nl")
    client = db_app.test_client()
    bad_request(client.get(f"{quiz.url}/1"), quiz)
    bad_request(Child(client, quiz).answer(1, [quiz.questions[0].options[0].id]), quiz)
    assert attempts(db_app) == []


CROSS_SITE = [
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": "https://elsewhere.example"},
    {"Origin": "null"},
]


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_another_site_cannot_start_a_quiz_for_a_visitor(client, quiz, headers):
    response = client.post(f"{quiz.url}/start", headers=headers)
    assert response.status_code == 403
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_another_site_cannot_answer_or_print_for_a_visitor(db_app, catalogue, headers):
    quiz = a_quiz(catalogue, "nl")
    child = Child(db_app.test_client(), quiz)
    child.finish(upto=len(quiz.questions) - 1)
    last = len(quiz.questions)
    refused = child.answer(last, child.right(last), **headers)
    assert refused.status_code == 403
    assert "Dit verzoek lukte niet" in refused.get_data(as_text=True)
    assert attempts(db_app) == []
    assert child.answer(last, child.right(last)).status_code == 303
    certificate = child.client.post(
        f"{quiz.url}/certificate", data={"name": "Ann"}, headers=headers
    )
    assert certificate.status_code == 403


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "http://localhost"},
        {},
    ],
)
def test_this_site_and_plain_clients_start_a_quiz(client, quiz, headers):
    assert client.post(f"{quiz.url}/start", headers=headers).status_code == 303


def test_an_expired_quiz_starts_again(fresh_app, catalogue, monkeypatch):
    app = fresh_app(QUIZ_MAX_SECONDS=60)
    with app.app_context():
        db.create_all()
    quiz = a_quiz(catalogue, "nl")
    child = Child(app.test_client(), quiz)
    child.start()
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    bad_request(child.answer(1, child.right(1)), quiz)


def rate_limited_app(fresh_app, storage):
    app = fresh_app(ADDRESS_RATE_LIMIT="2 per minute", RATELIMIT_STORAGE_URI=storage)
    with app.app_context():
        db.create_all()
    return app


@pytest.mark.parametrize(
    "storage",
    ["memory://", pytest.param(REDIS_URL, marks=pytest.mark.redis, id="redis")],
    ids=["memory", "redis"],
)
def test_starting_quizzes_is_rate_limited(fresh_app, catalogue, storage):
    if storage is None:
        pytest.skip("CLICKSAFE_TEST_REDIS_URL is not set")
    app = rate_limited_app(fresh_app, storage)
    app.extensions["clicksafe.limits"].reset()
    quiz = a_quiz(catalogue, "fr")
    child = Child(app.test_client(), quiz)
    assert child.start().status_code == 303
    assert child.start().status_code == 303
    response = child.start()
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert "Trop de tentatives" in response.get_data(as_text=True)
    # Reading is never limited.
    assert child.client.get(quiz.url).status_code == 200


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_audience_has_a_quiz_in_every_language(catalogue, audience):
    for lang in LANGUAGES:
        assert catalogue.quizzes_for(lang, audience)


def _older_release(quiz):
    """Progress as an earlier release kept it: another field, no finished flag."""
    return {"quiz_id": quiz.id, "version": quiz.version, "token": "t", "started": time.time(),
            "answers": {}, "step": 0}  # fmt: skip


def _forged_types(quiz):
    return {"quiz_id": quiz.id, "version": quiz.version, "token": 7, "started": "now",
            "answers": [], "finished": "no"}  # fmt: skip


def _changed_quiz(quiz):
    return {"quiz_id": quiz.id, "version": "0ld", "token": "t", "started": time.time(),
            "answers": {}, "finished": False}  # fmt: skip


@pytest.mark.parametrize("progress", [_older_release, _forged_types, _changed_quiz])
@pytest.mark.parametrize("step", ["question", "answer", "result"])
def test_progress_from_an_older_release_restarts_the_quiz_kindly(client, quiz, progress, step):
    child = Child(client, quiz)
    child.start()
    with client.session_transaction() as session:
        session["quiz"] = progress(quiz)
    response = {
        "question": lambda: client.get(f"{quiz.url}/1"),
        "answer": lambda: child.answer(1, child.right(1)),
        "result": lambda: client.get(f"{quiz.url}/result"),
    }[step]()
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "We beginnen deze quiz opnieuw" in html and f'href="{quiz.url}"' in html
    with client.session_transaction() as session:
        assert "quiz" not in session
    assert child.start().status_code == 303
    assert child.answer(1, child.right(1)).status_code == 303
