"""A quiz as Moodle GIFT text, one question per block, with feedback on every option.

Moodle's importer (question/format/gift/format.php) decides the question type from the answers:
a block with a `~` answer is multiple choice, `=` alone would make a short-answer question. So
one-answer questions always carry their wrong options as `~`, "select all" questions give every
option a `~%weight%`, and true/false questions use Moodle's own {TRUE}/{FALSE} form.
"""

from __future__ import annotations

import re

from ..content import Question, Quiz

SPECIAL = re.compile(r"([~=#{}:\\])")
NEWLINES = re.compile(r"\s*\n\s*")


def escape(text: str) -> str:
    """GIFT's control characters with a backslash; a line break as `\\n`."""
    return NEWLINES.sub(r"\\n", SPECIAL.sub(r"\\\1", text.strip()))


def weight(fraction: float) -> str:
    """A percentage as Moodle writes it: at most 5 decimals, no trailing zeros."""
    return f"{fraction * 100:.5f}".rstrip("0").rstrip(".")


def _answers(question: Question) -> list[str]:
    if question.type == "truefalse":
        right = next(o for o in question.options if o.correct)
        wrong = next(o for o in question.options if not o.correct)
        # Moodle: {TRUE#feedback for a wrong answer#feedback for a right answer}
        return [f"{right.id.upper()}#{escape(wrong.feedback)}#{escape(right.feedback)}"]
    if question.type == "single":
        return [
            f"{'=' if option.correct else '~'}{escape(option.text)}#{escape(option.feedback)}"
            for option in question.options
        ]
    # "Select all that apply": each right option earns its share, each wrong one costs as much,
    # the same partial credit as on the site (Moodle keeps the total between 0 and 100 %).
    share = 1 / len(question.correct_ids)
    return [
        f"~%{weight(share if option.correct else -share)}%"
        f"{escape(option.text)}#{escape(option.feedback)}"
        for option in question.options
    ]


def question_block(quiz: Quiz, number: int, question: Question) -> str:
    answers = "\n".join(f"\t{answer}" for answer in _answers(question))
    return (
        f"::{escape(f'{quiz.id} {number:02d} {question.id}')}::[plain]{escape(question.text)} {{\n"
        f"{answers}\n"
        f"\t####{escape(question.explanation)}\n"
        "}"
    )


def quiz_to_gift(quiz: Quiz, source_url: str, licence: str) -> str:
    """The whole quiz: a comment naming source and licence, a category, then every question."""
    category = quiz.title.replace("/", "-")
    blocks = [
        f"// {quiz.title}\n// {licence}\n// {source_url}\n$CATEGORY: $course$/Clicksafe/{category}",
        *(question_block(quiz, n, q) for n, q in enumerate(quiz.questions, start=1)),
    ]
    return "\n\n".join(blocks) + "\n"
