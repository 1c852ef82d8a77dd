"""The few database writes and reads, each in one place."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from .extensions import db
from .models import QuizAttempt
from .scoring import Result


class AlreadyRecorded(Exception):
    """This quiz run was stored before: a replay, never a second row."""


def record_attempt(result: Result, token: str) -> QuizAttempt:
    """Store a finished quiz anonymously: ids, score and chosen options, nothing about the child."""
    attempt = QuizAttempt(
        quiz_id=result.quiz.id,
        quiz_version=result.quiz.version,
        lang=result.quiz.lang,
        score=float(result.score),
        maximum=result.maximum,
        answers={r.question.id: sorted(r.chosen) for r in result.questions},
        token=token,
    )
    db.session.add(attempt)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise AlreadyRecorded(token) from None
    return attempt


def attempt_count(quiz_id: str | None = None) -> int:
    query = select(func.count()).select_from(QuizAttempt)
    if quiz_id:
        query = query.where(QuizAttempt.quiz_id == quiz_id)
    return db.session.scalar(query) or 0
