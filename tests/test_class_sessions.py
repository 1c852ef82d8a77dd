"""Class sessions in the database: codes, keys, joins, answers that combine across languages and
count once, closing, expiry and purge; on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from clicksafe import classroom
from clicksafe.extensions import db
from clicksafe.models import ClassAnswer, ClassParticipant, ClassSession, utcnow


@pytest.fixture
def quiz(db_app):
    quizzes = db_app.extensions["clicksafe.catalogue"].quizzes
    return next(quiz for (lang, _), quiz in sorted(quizzes.items()) if lang == "en")


def test_codes_have_six_characters_without_look_alikes():
    codes = {classroom.new_code() for _ in range(2000)}
    assert len(codes) > 1990
    for code in codes:
        assert len(code) == 6
        assert not set(code) & set("0O1IL")
    assert classroom.normalized_code(" ab-c 23x ") == "ABC23X"


def test_a_session_keeps_only_the_hash_of_the_teachers_key(db_app, quiz):
    with db_app.app_context():
        opened, key = classroom.open_session(quiz, "self-paced", 12)
        assert key not in opened.key_hash and len(key) >= 32
        assert classroom.teacher_session(opened.code, key).id == opened.id
        assert classroom.teacher_session(opened.code, key + "x") is None
        assert classroom.teacher_session("ZZZZZZ", key) is None


def test_answers_from_three_languages_combine_and_the_first_answer_counts(db_app, quiz):
    with db_app.app_context():
        opened, _ = classroom.open_session(quiz, "self-paced", 12)
        question = quiz.questions[0]
        right = sorted(question.correct_ids)
        wrong = sorted(question.option_ids - question.correct_ids)[:1]
        pupils = [classroom.join(opened, lang) for lang in ("nl", "fr", "en")]
        classroom.record_answer(opened.code, pupils[0], question.id, right, True)
        classroom.record_answer(opened.code, pupils[1], question.id, wrong, False)
        classroom.record_answer(opened.code, pupils[2], question.id, right, True)
        classroom.record_answer(opened.code, pupils[1], question.id, right, True)  # ignored
        classroom.finish(pupils[0])
        numbers = classroom.results(opened)
        assert numbers.joined == 3 and numbers.finished == 1
        assert numbers.by_language == {"nl": 1, "fr": 1, "en": 1}
        result = numbers.questions[question.id]
        assert (result.answered, result.right) == (3, 2)
        assert result.options[right[0]] == 2 and result.options[wrong[0]] == 1


def test_a_closed_or_expired_session_refuses_joins_and_answers(db_app, quiz):
    with db_app.app_context():
        opened, key = classroom.open_session(quiz, "self-paced", 12)
        pupil = classroom.join(opened, "nl")
        classroom.close(opened)
        with pytest.raises(classroom.SessionUnavailable) as closed:
            classroom.find_session(opened.code)
        assert closed.value.reason == "closed"
        with pytest.raises(classroom.SessionUnavailable):
            classroom.record_answer(opened.code, pupil, quiz.questions[0].id, ["a"], False)
        assert classroom.teacher_session(opened.code, key) is not None  # results stay readable
        later, _ = classroom.open_session(quiz, "self-paced", 12)
        later.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
        with pytest.raises(classroom.SessionUnavailable) as expired:
            classroom.find_session(later.code)
        assert expired.value.reason == "expired"
        with pytest.raises(classroom.SessionUnavailable) as unknown:
            classroom.find_session("ZZZZZZ")
        assert unknown.value.reason == "unknown"


def test_purge_deletes_expired_sessions_with_everything_they_held(db_app, quiz):
    with db_app.app_context():
        old, _ = classroom.open_session(quiz, "self-paced", 12)
        kept, _ = classroom.open_session(quiz, "self-paced", 12)
        for opened in (old, kept):
            pupil = classroom.join(opened, "fr")
            classroom.record_answer(opened.code, pupil, quiz.questions[0].id, ["a"], False)
        assert classroom.purge_expired(utcnow() + timedelta(hours=13)) == 2
        assert db.session.query(ClassSession).count() == 0
        assert db.session.query(ClassParticipant).count() == 0
        assert db.session.query(ClassAnswer).count() == 0


def test_forty_pupils_answering_at_the_same_moment_lose_no_answer(db_app, quiz):
    with db_app.app_context():
        opened, _ = classroom.open_session(quiz, "self-paced", 12)
        code = opened.code
        pupils = [classroom.join(opened, "nl") for _ in range(40)]
    question = quiz.questions[0]
    start = threading.Barrier(40)
    failures: list[BaseException] = []

    def answer(token: str) -> None:
        try:
            with db_app.app_context():
                start.wait()
                classroom.record_answer(
                    code, token, question.id, sorted(question.correct_ids), True
                )
                db.session.remove()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=answer, args=(token,)) for token in pupils]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with db_app.app_context():
        numbers = classroom.results(classroom.find_session(code))
        assert numbers.questions[question.id].answered == 40


def test_flask_classroom_purge(db_app, quiz):
    from click.testing import CliRunner
    from flask.cli import ScriptInfo

    from clicksafe import cli

    with db_app.app_context():
        opened, _ = classroom.open_session(quiz, "self-paced", 12)
        opened.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    result = CliRunner().invoke(
        cli.classroom_group, ["purge"], obj=ScriptInfo(create_app=lambda: db_app)
    )
    assert result.exit_code == 0, result.output
    assert "Deleted 1 expired class session." in result.output
