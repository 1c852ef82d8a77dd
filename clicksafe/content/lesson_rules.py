"""Rules for lesson plans, worksheets and answer keys: every problem with its file and line."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from . import schema
from .loader import Source
from .model import Problem

SHARED_KEYS = ("age", "duration", "topics", "worksheets", "guides", "quizzes", "competences")

# Every plan has these sections, in this order, so teachers find their way in any lesson.
SECTIONS = {
    "en": (
        "Introduction",
        "Activities",
        "Discussion questions",
        "Wrap-up",
        "Extension ideas",
        "A note for the teacher",
    ),
    "nl": (
        "Inleiding",
        "Activiteiten",
        "Gespreksvragen",
        "Afronding",
        "Verder werken",
        "Voor de leerkracht",
    ),
    "fr": (
        "Introduction",
        "Activités",
        "Questions pour la discussion",
        "Conclusion",
        "Pour aller plus loin",
        "Note pour l'enseignant",
    ),
}
ACTIVITIES, TEACHER_NOTE = 1, 5  # positions in SECTIONS
HEADING = re.compile(r"^(#{2,3})\s+(.+?)\s*$")
TIMING = re.compile(r"\s*\((\d+) min\)$")
CHILD_FOCUS_LINK = "(tel:116000)"


def check_lesson(
    source: Source, competences: Mapping[str, str] | None, **known: Collection[str]
) -> list[Problem]:
    """A plan's front matter against the tree's ids (`known`: topics, worksheets, guides,
    quizzes) and `competences` (area id -> framework id; None when the curriculum is broken),
    then its body."""
    meta, problems = schema.check(source, schema.LessonMeta, competences=competences, **known)
    if meta is not None and competences is not None:
        problems += _check_frameworks(source, meta.competences, competences)
    duration = source.meta.get("duration")
    return problems + _check_sections(source, duration if isinstance(duration, int) else None)


def _check_frameworks(
    source: Source, named: list[str], competences: Mapping[str, str]
) -> list[Problem]:
    """A lesson serves schools of both communities, so it names an area of every framework."""
    missing = sorted(set(competences.values()) - {competences[area] for area in named})
    return [
        Problem(
            source.path,
            source.line_of("competences"),
            f"'competences' names no area of the {framework} framework",
        )
        for framework in missing
    ]


def _check_sections(source: Source, duration: int | None) -> list[Problem]:
    """The plan's sections, activities with timings, timings that add up, and the help line."""
    wanted = SECTIONS.get(source.lang)
    if wanted is None:
        return []
    problems = []
    found: list[tuple[str, int]] = []  # section heading (without timing), line
    activities = 0
    minutes = 0
    note_lines: list[str] = []
    for offset, text in enumerate(source.body.splitlines()):
        line = source.body_line + offset
        match = HEADING.match(text)
        if not match:
            if found and found[-1][0] == wanted[TEACHER_NOTE]:
                note_lines.append(text)
            continue
        level, title = match.groups()
        timing = TIMING.search(title)
        minutes += int(timing.group(1)) if timing else 0
        title = TIMING.sub("", title)
        if level == "##":
            found.append((title, line))
        elif found and found[-1][0] == wanted[ACTIVITIES]:
            activities += 1
            if not timing:
                problems.append(
                    Problem(source.path, line, f"activity '{title}' needs a timing: '(10 min)'")
                )
    titles = [title for title, _ in found]
    if titles != list(wanted):
        line = next(
            (line for (title, line), want in zip(found, wanted, strict=False) if title != want),
            found[-1][1] if found else source.body_line,
        )
        problems.append(
            Problem(
                source.path,
                line,
                "the plan's ## sections must be, in order: " + "; ".join(wanted),
            )
        )
        return problems
    if not activities:
        problems.append(
            Problem(source.path, found[ACTIVITIES][1], "'### ' activities with timings missing")
        )
    if duration is not None and minutes != duration:
        problems.append(
            Problem(
                source.path,
                source.line_of("duration"),
                f"the timings in the headings add up to {minutes} min, not {duration}",
            )
        )
    if not any(CHILD_FOCUS_LINK in text for text in note_lines):
        problems.append(
            Problem(
                source.path,
                found[TEACHER_NOTE][1],
                "the note for the teacher must give Child Focus: [116 000](tel:116000)",
            )
        )
    return problems


def check_worksheet(source: Source) -> list[Problem]:
    return schema.check(source, schema.WorksheetMeta)[1]


def check_answer_key(source: Source, worksheet_ids: Collection[str]) -> list[Problem]:
    problems = schema.check(source, schema.AnswerKeyMeta)[1]
    if source.id not in worksheet_ids:
        problems.append(Problem(source.path, 1, f"answer key for unknown worksheet '{source.id}'"))
    return problems


def check_worksheet_use(lessons: list[Source], worksheets: list[Source]) -> list[Problem]:
    """Each worksheet belongs to exactly one lesson, and its slug is unique within the lesson."""
    problems = []
    owners: dict[str, set[str]] = {}
    for lesson in lessons:
        for worksheet_id in lesson.meta.get("worksheets") or ():
            owners.setdefault(str(worksheet_id), set()).add(lesson.id)
    slugs: dict[tuple[str, str, str], str] = {}
    for sheet in worksheets:
        lesson_ids = owners.get(sheet.id, set())
        if len(lesson_ids) != 1:
            where = ", ".join(sorted(lesson_ids)) or "none"
            problems.append(
                Problem(
                    sheet.path, 1, f"a worksheet belongs to exactly one lesson (listed by: {where})"
                )
            )
            continue
        key = (next(iter(lesson_ids)), sheet.lang, str(sheet.meta.get("slug")))
        if key in slugs:
            problems.append(
                Problem(
                    sheet.path,
                    sheet.line_of("slug"),
                    f"slug '{key[2]}' is used twice in one lesson: also in {slugs[key]}",
                )
            )
        slugs[key] = sheet.path.name
    return problems
