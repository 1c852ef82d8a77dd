"""Database rows: anonymous, holding content ids and never content text, names or addresses."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


class QuizAttempt(db.Model):
    """One finished quiz: which quiz, in which language, the score and the chosen options."""

    __tablename__ = "quiz_attempt"

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[str] = mapped_column(String(80), index=True)
    quiz_version: Mapped[str] = mapped_column(String(16))
    lang: Mapped[str] = mapped_column(String(2))
    score: Mapped[float] = mapped_column(Float)
    maximum: Mapped[int]
    # {question id: [option ids]}: ids only, so the row stays meaningful in every language
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Random per started quiz; unique, so a replayed last answer cannot store a second attempt.
    token: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ClassSession(db.Model):
    """A quiz run with a class: a join code for pupils, a secret key (hashed) for the teacher."""

    __tablename__ = "class_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(6), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    quiz_id: Mapped[str] = mapped_column(String(80))
    mode: Mapped[str] = mapped_column(String(16))  # self-paced | teacher-paced
    # Teacher-paced: the question on the projector (0-based) and where it is: waiting (not
    # started), answering, closed (no more answers), revealed (the class's answers shown), done.
    current: Mapped[int] = mapped_column(default=0)
    phase: Mapped[str] = mapped_column(String(12), default="waiting")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ClassParticipant(db.Model):
    """A device that joined a session: a random id and its language, nothing else."""

    __tablename__ = "class_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("class_session.id", ondelete="CASCADE"), index=True
    )
    token: Mapped[str] = mapped_column(String(32), unique=True)
    lang: Mapped[str] = mapped_column(String(2))
    finished: Mapped[bool] = mapped_column(default=False)


class ClassAnswer(db.Model):
    """One device's answer to one question in a session: ids only, the first answer counts."""

    __tablename__ = "class_answer"
    __table_args__ = (UniqueConstraint("participant_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("class_session.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("class_participant.id", ondelete="CASCADE")
    )
    question_id: Mapped[str] = mapped_column(String(80))
    options: Mapped[list[str]] = mapped_column(JSON)
    correct: Mapped[bool]
