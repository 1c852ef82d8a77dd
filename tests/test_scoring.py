"""Quiz scoring for every question type, partial credit included, and the answers it refuses."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from clicksafe.content import load_catalogue
from clicksafe.i18n import PATHS
from clicksafe.scoring import InvalidAnswer, score, score_question, verdict

FIXTURE = Path(__file__).parent / "fixtures" / "content" / "ok"


@pytest.fixture(scope="module")
def quiz():
    return load_catalogue(FIXTURE, PATHS, "https://report.example/").quizzes[("en", "basics")]


def answer(quiz, question_id, *options):
    return score_question(quiz.question(question_id), frozenset(options))


def test_single_choice(quiz):
    assert answer(quiz, "strong-password", "b").points == 1
    assert answer(quiz, "strong-password", "b").correct
    assert answer(quiz, "strong-password", "a").points == 0


def test_true_false(quiz):
    assert answer(quiz, "tell-adult", "true").correct
    assert not answer(quiz, "tell-adult", "false").correct


@pytest.mark.parametrize(
    ("chosen", "points", "correct", "partly"),
    [
        (("address", "school", "password"), Fraction(1), True, False),
        (("address", "school"), Fraction(2, 3), False, True),
        (("address",), Fraction(1, 3), False, True),
        (("address", "colour"), Fraction(0), False, False),
        (("address", "school", "password", "colour"), Fraction(2, 3), False, True),
        (("colour",), Fraction(0), False, False),
    ],
)
def test_select_all_that_apply_gives_partial_credit(quiz, chosen, points, correct, partly):
    result = answer(quiz, "private-things", *chosen)
    assert (result.points, result.correct, result.partly_correct) == (points, correct, partly)


@pytest.mark.parametrize(
    ("question_id", "chosen"),
    [
        ("strong-password", ()),
        ("strong-password", ("z",)),
        ("strong-password", ("a", "b")),
        ("tell-adult", ("true", "false")),
        ("private-things", ("address", "forged")),
    ],
)
def test_impossible_answers_are_refused(quiz, question_id, chosen):
    with pytest.raises(InvalidAnswer):
        answer(quiz, question_id, *chosen)


def test_a_whole_quiz(quiz):
    result = score(
        quiz,
        {
            "strong-password": frozenset({"b"}),
            "private-things": frozenset({"address", "school"}),
            "tell-adult": frozenset({"false"}),
        },
    )
    assert result.score == Fraction(5, 3)
    assert result.maximum == 3
    assert [r.question.id for r in result.missed] == ["private-things", "tell-adult"]
    assert verdict(result) == "start"  # 5/3 of 3 is 56 %


def test_answers_must_match_the_questions_exactly(quiz):
    with pytest.raises(InvalidAnswer):
        score(quiz, {"strong-password": frozenset({"b"})})
    with pytest.raises(InvalidAnswer):
        score(
            quiz,
            {
                "strong-password": frozenset({"b"}),
                "private-things": frozenset({"address"}),
                "tell-adult": frozenset({"true"}),
                "another-quiz-question": frozenset({"a"}),
            },
        )


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (("b", ("address", "school", "password"), "true"), "great"),
        (("b", ("address",), "true"), "good"),
        (("a", ("address", "school", "password"), "false"), "start"),
        (("a", ("colour",), "false"), "learn"),
    ],
)
def test_the_message_suits_the_score(quiz, answers, expected):
    single, multiple, truefalse = answers
    result = score(
        quiz,
        {
            "strong-password": frozenset({single}),
            "private-things": frozenset(multiple),
            "tell-adult": frozenset({truefalse}),
        },
    )
    assert verdict(result) == expected
