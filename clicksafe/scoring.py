"""Quiz rules: what counts as an answer, how it scores, and what to say about the score.

Pure Python: no Flask, no database. Each question is worth one point; a "select all that apply"
question gives partial credit: each right option chosen counts, each wrong one chosen takes one off.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from .content import Question, Quiz


class InvalidAnswer(ValueError):
    """An answer no honest form can send: unknown options, or several for a one-answer question."""


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    chosen: frozenset[str]
    points: Fraction

    @property
    def correct(self) -> bool:
        return self.chosen == self.question.correct_ids

    @property
    def partly_correct(self) -> bool:
        return not self.correct and self.points > 0


@dataclass(frozen=True)
class Result:
    quiz: Quiz
    questions: tuple[QuestionResult, ...]

    @property
    def score(self) -> Fraction:
        return sum((result.points for result in self.questions), Fraction(0))

    @property
    def maximum(self) -> int:
        return len(self.quiz.questions)

    @property
    def share(self) -> float:
        return float(self.score / self.maximum)

    @property
    def missed(self) -> tuple[QuestionResult, ...]:
        return tuple(result for result in self.questions if not result.correct)


def check_answer(question: Question, chosen: frozenset[str]) -> None:
    """Raise InvalidAnswer for options that are not the question's or a count its type forbids."""
    if not chosen:
        raise InvalidAnswer(f"no option chosen for {question.id}")
    unknown = chosen - question.option_ids
    if unknown:
        raise InvalidAnswer(f"unknown options {sorted(unknown)} for {question.id}")
    if question.type != "multiple" and len(chosen) != 1:
        raise InvalidAnswer(f"{question.id} takes exactly one answer")


def score_question(question: Question, chosen: frozenset[str]) -> QuestionResult:
    check_answer(question, chosen)
    right = question.correct_ids
    if question.type == "multiple":
        earned = len(chosen & right) - len(chosen - right)
        points = max(Fraction(0), Fraction(earned, len(right)))
    else:
        points = Fraction(1 if chosen == right else 0)
    return QuestionResult(question, chosen, points)


def score(quiz: Quiz, answers: Mapping[str, frozenset[str]]) -> Result:
    """Score a finished quiz; every question must be answered and nothing else."""
    if set(answers) != {question.id for question in quiz.questions}:
        raise InvalidAnswer("the answers do not match the quiz's questions")
    return Result(quiz, tuple(score_question(q, answers[q.id]) for q in quiz.questions))


def verdict(result: Result) -> str:
    """A kind message that suits the score: 'great', 'good', 'start' or 'learn'."""
    if result.share >= 0.9:
        return "great"
    if result.share >= 0.6:
        return "good"
    if result.share >= 0.3:
        return "start"
    return "learn"
