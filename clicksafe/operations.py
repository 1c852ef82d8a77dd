"""The few database writes and reads, each in one place."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from filelock import Timeout
from sqlalchemy import delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from .extensions import db
from .models import QuizAttempt, utcnow
from .scoring import Result
from .spool import Spool

log = logging.getLogger(__name__)


class AlreadyRecorded(Exception):
    """This quiz run was stored before: a replay, never a second row."""


def attempt_row(result: Result, token: str) -> dict[str, Any]:
    """A finished quiz, anonymously: ids, score and chosen options, nothing about the child."""
    return {
        "quiz_id": result.quiz.id,
        "quiz_version": result.quiz.version,
        "lang": result.quiz.lang,
        "score": float(result.score),
        "maximum": result.maximum,
        "answers": {r.question.id: sorted(r.chosen) for r in result.questions},
        "token": token,
        "created_at": utcnow().isoformat(),
    }


def keep_attempt(row: dict[str, Any], spool: Spool) -> str:
    """Store a finished quiz; if the database cannot take it now, keep it in the spool until it
    can. Returns "stored" or "spooled"; raises AlreadyRecorded for a replayed run.

    The child's result never waits on this: it is shown from their own progress either way."""
    try:
        record_attempt(row)
    except SQLAlchemyError as error:
        db.session.rollback()
        log.warning("database unavailable (%s): quiz attempt kept in the spool", _short(error))
        try:
            spool.append(row)
        except (OSError, Timeout) as disk_error:
            log.error("quiz attempt lost: neither database nor spool (%s)", disk_error)
            return "lost"
        return "spooled"
    if spool.waiting():
        try:
            flush_spool(spool)
        except (SQLAlchemyError, OSError, Timeout) as error:
            log.warning("spooled quiz attempts stay waiting (%s)", _short(error))
    return "stored"


def record_attempt(row: dict[str, Any]) -> None:
    """One insert, without the ORM's unit of work: a tenth of an answer's time under load."""
    try:
        db.session.execute(insert(QuizAttempt), [_from_row(row)])
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise AlreadyRecorded(row["token"]) from None


def flush_spool(spool: Spool) -> int:
    """Move attempts kept while the database was away into it: each stored once, however often
    this runs (a run's token is unique, and one already stored is skipped)."""

    def store(rows: list[dict[str, Any]]) -> None:
        dialect = {"postgresql": postgresql, "sqlite": sqlite}[db.engine.dialect.name]
        statement = dialect.insert(QuizAttempt).on_conflict_do_nothing(index_elements=["token"])
        try:
            db.session.execute(statement, [_from_row(row) for row in rows])
            db.session.commit()
        except SQLAlchemyError:
            db.session.rollback()
            raise

    return spool.drain(store)


def _from_row(row: dict[str, Any]) -> dict[str, Any]:
    return row | {"created_at": datetime.fromisoformat(row["created_at"])}


def purge_attempts(days: int) -> int:
    """Delete attempts older than `days`: statistics need no longer history."""
    cutoff = utcnow() - timedelta(days=days)
    deleted = db.session.execute(delete(QuizAttempt).where(QuizAttempt.created_at < cutoff))
    db.session.commit()
    return deleted.rowcount or 0


def attempt_count(quiz_id: str | None = None) -> int:
    query = select(func.count()).select_from(QuizAttempt)
    if quiz_id:
        query = query.where(QuizAttempt.quiz_id == quiz_id)
    return db.session.scalar(query) or 0


def _short(error: Exception) -> str:
    return str(getattr(error, "orig", error)).strip().splitlines()[0][:200]
