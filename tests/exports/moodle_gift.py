"""Reads GIFT the way Moodle's importer does (question/format/gift/format.php, readquestion):
the same escapes, the same way of finding the answers, the same rules for the question type.
Only the question types our exports write: category, multichoice and truefalse."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Moodle swaps escaped characters for placeholders ("&&058;"), parses, then swaps them back.
UNESCAPED = {character: f"\x00{ord(character):03d};" for character in ":#={}~\n"}
ESCAPES = {("\\n" if c == "\n" else f"\\{c}"): holder for c, holder in UNESCAPED.items()}
BACKSLASH = "\x00092;"
WEIGHT = re.compile(r"^%(-*[0-9]{1,2}\.?[0-9]*)%")


@dataclass
class Answer:
    text: str
    fraction: float
    feedback: str


@dataclass
class GiftQuestion:
    name: str
    qtype: str
    text: str
    general_feedback: str
    single: bool = True
    answers: list[Answer] = field(default_factory=list)
    correct: bool | None = None  # truefalse
    feedback_right: str = ""
    feedback_wrong: str = ""


def _pre(text: str) -> str:
    text = text.replace("\\\\", BACKSLASH)
    for escaped, placeholder in ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text.replace(BACKSLASH, "\\")


def _post(text: str) -> str:
    for character, placeholder in UNESCAPED.items():
        text = text.replace(placeholder, character)
    return text.strip()


def _format(text: str) -> str:
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[text.index("]") + 1 :]
    return _post(text)


def parse(gift: str) -> tuple[str | None, list[GiftQuestion]]:
    """The category and the questions of a GIFT file; raises ValueError where Moodle would."""
    category = None
    questions = []
    for block in re.split(r"\n\s*\n", gift):
        lines = [" " if line.strip().startswith("//") else line for line in block.split("\n")]
        text = "\n".join(lines).strip()
        if not text:
            continue
        text = _pre(text)
        if text.startswith("$CATEGORY:"):
            category = text[len("$CATEGORY:") :].strip()
            continue
        name = ""
        if text.startswith("::"):
            text = text[2:]
            end = text.index("::")
            name, text = _post(text[:end]), text[end + 2 :].strip()
        start, finish = text.find("{"), text.find("}")
        if start < 0 or finish < 0:
            raise ValueError(f"no answers in {text!r}")
        answer_text = text[start + 1 : finish].strip()
        question_text = text[:start] + text[finish + 1 :]
        general = ""
        if "####" in answer_text:
            cut = answer_text.rindex("####")
            general, answer_text = answer_text[cut + 4 :], answer_text[:cut].strip()
        question = GiftQuestion(name, "", _format(question_text), _format(general))
        if "~" in answer_text:
            question.qtype = "multichoice"
            question.single = "=" in answer_text
            answers = answer_text.replace("=", "~=").split("~")
            if not answers[0].strip():
                answers = answers[1:]
            if len(answers) < 2:
                raise ValueError("a multichoice question needs two answers")
            for answer in answers:
                answer = answer.strip()
                if answer.startswith("="):
                    fraction, answer = 1.0, answer[1:]
                elif match := WEIGHT.match(answer):
                    fraction, answer = float(match[1]) / 100, answer[match.end() :]
                else:
                    fraction = 0.0
                words, _, feedback = answer.partition("#")
                question.answers.append(Answer(_format(words), fraction, _format(feedback)))
        else:
            bits = [*answer_text.split("#", 2), "", ""]
            if bits[0].strip() not in ("T", "TRUE", "F", "FALSE"):
                raise ValueError(f"not a question type our exports write: {answer_text!r}")
            question.qtype = "truefalse"
            question.correct = bits[0].strip().startswith("T")
            question.feedback_wrong, question.feedback_right = _format(bits[1]), _format(bits[2])
        questions.append(question)
    return category, questions
