"""Database rows: anonymous, holding content ids and never content text, names or addresses."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, String
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
