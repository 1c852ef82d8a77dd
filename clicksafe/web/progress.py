"""Where a visitor is in a quiz, kept in the signed session cookie (no account, no database row).

The server decides every step from this state, so a form can neither skip nor repeat a question, and
the score is computed here from the stored answers, never taken from the browser.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

from flask import current_app, session
from werkzeug.exceptions import BadRequest

from ..content import Question, Quiz

SESSION_KEY = "quiz"


class QuizFlowError(BadRequest):
    """A request that does not fit the quiz's progress: skipped, replayed, expired or foreign."""

    def __init__(self, reason: str, back: str) -> None:
        super().__init__(reason)
        self.back = back


@dataclass
class Progress:
    quiz_id: str
    version: str
    token: str
    started: float
    answers: dict[str, list[str]] = field(default_factory=dict)
    finished: bool = False

    @classmethod
    def start(cls, quiz: Quiz) -> Progress:
        progress = cls(quiz.id, quiz.version, secrets.token_hex(16), time.time())
        progress.save()
        return progress

    @classmethod
    def of(cls, quiz: Quiz) -> Progress:
        """The progress in this quiz, or a 400 that leads back to its start."""
        data = session.get(SESSION_KEY)
        if not isinstance(data, dict) or data.get("quiz_id") != quiz.id:
            raise QuizFlowError("no quiz in progress", quiz.url)
        progress = cls(**data)
        if progress.version != quiz.version:
            raise QuizFlowError("the quiz changed since it was started", quiz.url)
        if time.time() - progress.started > current_app.config["QUIZ_MAX_SECONDS"]:
            raise QuizFlowError("the quiz expired", quiz.url)
        return progress

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

    def chosen(self) -> dict[str, frozenset[str]]:
        return {question_id: frozenset(ids) for question_id, ids in self.answers.items()}
