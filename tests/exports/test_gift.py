"""Every quiz as GIFT parses back, the way Moodle reads it, to the same questions and answers."""

from __future__ import annotations

import pytest
from moodle_gift import parse

from clicksafe.content import Question, Quiz
from clicksafe.content.model import Option
from clicksafe.exports.gift import escape, quiz_to_gift

LICENCE = "CC BY-SA 4.0"
SOURCE = "https://clicksafe.example/en/quiz/x"


def assert_same(question: Question, parsed) -> None:
    assert parsed.text == question.text
    assert parsed.general_feedback == question.explanation
    if question.type == "truefalse":
        right = next(o for o in question.options if o.correct)
        wrong = next(o for o in question.options if not o.correct)
        assert parsed.qtype == "truefalse"
        assert parsed.correct is (right.id == "true")
        assert (parsed.feedback_right, parsed.feedback_wrong) == (right.feedback, wrong.feedback)
        return
    assert parsed.qtype == "multichoice"
    assert parsed.single is (question.type == "single")
    assert [a.text for a in parsed.answers] == [o.text for o in question.options]
    assert [a.feedback for a in parsed.answers] == [o.feedback for o in question.options]
    share = 1 / len(question.correct_ids)
    for option, answer in zip(question.options, parsed.answers, strict=True):
        if question.type == "single":
            assert answer.fraction == (1.0 if option.correct else 0.0)
        else:
            assert answer.fraction == pytest.approx(share if option.correct else -share, abs=1e-6)
    if question.type == "multiple":
        assert sum(a.fraction for a in parsed.answers if a.fraction > 0) == pytest.approx(1)


def test_every_quiz_in_every_language_reads_back_the_same(catalogue):
    assert len(catalogue.quizzes) >= 18  # every quiz, in three languages
    for quiz in catalogue.quizzes.values():
        category, questions = parse(quiz_to_gift(quiz, SOURCE, LICENCE))
        assert category == f"$course$/Clicksafe/{quiz.title}"
        assert len(questions) == len(quiz.questions), quiz.id
        for question, parsed in zip(quiz.questions, questions, strict=True):
            assert_same(question, parsed)


def test_the_file_names_its_source_and_licence(catalogue):
    gift = quiz_to_gift(catalogue.quizzes[("nl", "scams-and-phishing")], SOURCE, LICENCE)
    assert gift.startswith(f"// {catalogue.quizzes[('nl', 'scams-and-phishing')].title}\n")
    assert f"// {LICENCE}\n// {SOURCE}\n" in gift


def quiz_of(*questions: Question) -> Quiz:
    return Quiz(
        id="odd",
        lang="en",
        title="Braces {and} tildes ~ / slashes",
        slug="odd",
        summary="",
        audiences=("teens",),
        topics=("scams",),
        age=None,
        minutes=5,
        questions=questions,
        url="/en/quiz/odd",
        version="v",
    )


def test_gift_control_characters_survive_the_round_trip():
    awkward = "Is a = b? {Yes} ~maybe~ #1: C:\\new\\folder, 50% off\nsecond line"
    question = Question(
        id="awkward",
        type="single",
        text=awkward,
        options=(
            Option("a", "= right {really}", True, "#1 ~ yes: well done \\o/"),
            Option("b", "~wrong", False, "no = {nope}"),
        ),
        explanation="General: #### not a separator",
    )
    _, (parsed,) = parse(quiz_to_gift(quiz_of(question), SOURCE, LICENCE))
    assert parsed.text == awkward
    assert [(a.text, a.fraction, a.feedback) for a in parsed.answers] == [
        ("= right {really}", 1.0, "#1 ~ yes: well done \\o/"),
        ("~wrong", 0.0, "no = {nope}"),
    ]
    assert parsed.general_feedback == "General: #### not a separator"


def test_select_all_with_only_right_options_stays_multiple_choice():
    """Without any `~` answer Moodle would read a short-answer question."""
    question = Question(
        id="all-right",
        type="multiple",
        text="Which are passwords you should keep to yourself?",
        options=(Option("a", "Game", True, "Yes."), Option("b", "Mail", True, "Yes.")),
        explanation="All of them.",
    )
    gift = quiz_to_gift(quiz_of(question), SOURCE, LICENCE)
    assert "\t~%50%Game#Yes." in gift
    _, (parsed,) = parse(gift)
    assert parsed.qtype == "multichoice" and not parsed.single
    assert [a.fraction for a in parsed.answers] == [0.5, 0.5]


def test_escape_writes_every_control_character_with_a_backslash():
    assert escape("a~b=c#d{e}f:g\\h") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h"
    assert escape(" two\n  lines ") == "two\\nlines"
