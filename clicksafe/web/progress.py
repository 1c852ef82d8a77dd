"""Where a visitor is in a quiz, kept in the signed session cookie (no account, no database row).

The server decides every step from this state, so a form can neither skip nor repeat a question, and
the score is computed here from the stored answers, never taken from the browser.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field, fields
from typing import Any

from flask import current_app, session
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest

from ..content import Option, Question, Quiz

SESSION_KEY = "quiz"


class QuizFlowError(BadRequest):
    """A request that does not fit the quiz's progress: skipped, replayed, expired or foreign."""

    def __init__(self, reason: str, back: str) -> None:
        super().__init__(reason)
        self.back = back


class QuizRestart(QuizFlowError):
    """The visitor's progress is gone or cannot be used: never their fault, so say so kindly.

    A deploy may change the quiz or what progress holds, the quiz may have been left open too
    long, or the browser may not have kept its cookie; each leads back to the start."""

    heading = _l("Let's start this quiz again")
    message = _l(
        "We could not continue your quiz: it was changed, or left open for a long time, or your "
        "browser did not keep it. Start again from the first question: it only takes a few minutes."
    )

    def __init__(self, reason: str, back: str) -> None:
        super().__init__(reason, back)
        session.pop(SESSION_KEY, None)


@dataclass
class Progress:
    quiz_id: str
    version: str
    token: str
    started: float
    answers: dict[str, list[str]] = field(default_factory=dict)
    finished: bool = False
    # The order each question's options are shown in during this run: shuffled at the start, so
    # a position says nothing about the answer; kept so feedback and review show the same order.
    orders: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def start(cls, quiz: Quiz) -> Progress:
        progress = cls(
            quiz.id,
            quiz.version,
            secrets.token_hex(16),
            time.time(),
            orders={question.id: shuffled(question) for question in quiz.questions},
        )
        progress.save()
        return progress

    @classmethod
    def of(cls, quiz: Quiz) -> Progress:
        """The progress in this quiz, or a 400 that leads back to its start."""
        data = session.get(SESSION_KEY)
        if not isinstance(data, dict) or data.get("quiz_id") != quiz.id:
            raise QuizRestart("no progress in this quiz", quiz.url)
        progress = cls.from_cookie(data)
        if progress is None:
            raise QuizRestart("progress in an unknown form", quiz.url)
        if progress.version != quiz.version:
            raise QuizRestart("the quiz changed since it was started", quiz.url)
        if time.time() - progress.started > current_app.config["QUIZ_MAX_SECONDS"]:
            raise QuizRestart("the quiz expired", quiz.url)
        return progress

    @classmethod
    def from_cookie(cls, data: dict[str, Any]) -> Progress | None:
        """Progress as a cookie holds it, or None when it has another shape (an older release's
        or a forged one): every field present, of the right type, and nothing else."""
        if set(data) != {f.name for f in fields(cls)}:
            return None
        answers, orders = data["answers"], data["orders"]
        shapes_ok = (
            all(isinstance(data[name], str) for name in ("quiz_id", "version", "token"))
            and isinstance(data["started"], int | float)
            and isinstance(data["finished"], bool)
            and isinstance(answers, dict)
            and isinstance(orders, dict)
            and all(
                isinstance(ids, list) and all(isinstance(i, str) for i in ids)
                for ids in (*answers.values(), *orders.values())
            )
        )
        return cls(**data) if shapes_ok else None

    def save(self) -> None:
        session[SESSION_KEY] = self.__dict__.copy()

    @property
    def step(self) -> int:
        """How many questions are answered."""
        return len(self.answers)

    def expect(self, quiz: Quiz, number: int, *, answering: bool) -> Question:
        """Question `number` (from 1): the next one to answer, or one answered already."""
        if answering:
            allowed = not self.finished and number == self.step + 1
        else:
            allowed = 1 <= number <= self.step
        if not allowed or number > len(quiz.questions):
            raise QuizFlowError(f"question {number} is not where this quiz is", quiz.url)
        return quiz.questions[number - 1]

    def options(self, question: Question) -> tuple[Option, ...]:
        """The question's options in this run's order (as written, if the order does not fit)."""
        by_id = {option.id: option for option in question.options}
        order = self.orders.get(question.id, [])
        if sorted(order) != sorted(by_id):
            return question.options
        return tuple(by_id[option_id] for option_id in order)

    def chosen(self) -> dict[str, frozenset[str]]:
        return {question_id: frozenset(ids) for question_id, ids in self.answers.items()}


def shuffled(question: Question) -> list[str]:
    """A fresh order of the question's option ids; true/false stays true, then false."""
    ids = [option.id for option in question.options]
    if question.type == "truefalse":
        return sorted(ids, key=lambda option_id: option_id != "true")
    return secrets.SystemRandom().sample(ids, len(ids))
