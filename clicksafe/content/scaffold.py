"""`flask content new`: the files of a new item in every language, with valid front matter and
`[write: ...]` marks where the editor writes (`flask content check` warns until none is left)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import yaml

from .lesson_rules import SECTIONS
from .schema import SLUG_PATTERN

KINDS = ("guide", "app", "quiz", "lesson")
AUDIENCE_PREFIXES = ("kids", "teens", "parents", "teachers")
WHAT_TO_DO = {"nl": "Wat kun je doen?", "fr": "Que faire ?", "en": "What to do if it happens"}


def create(root: Path, kind: str, item_id: str, languages: Sequence[str]) -> list[Path]:
    """Write the new files; refuse a bad id or one that is taken, writing nothing."""
    if not re.match(SLUG_PATTERN, item_id):
        raise ValueError(f"'{item_id}' is not a valid id: lower case, digits and single hyphens")
    topic = next(iter(yaml.safe_load((root / "topics.yaml").read_text(encoding="utf-8"))))
    files = _files(kind, item_id, topic, languages, _first_areas(root))
    taken = [root / path for path in files if (root / path).exists()]
    if taken:
        raise FileExistsError(f"{taken[0]} already exists")
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return [root / path for path in files]


def _first_areas(root: Path) -> list[str]:
    """The first area of each curriculum framework: a valid start the editor then corrects."""
    path = root / "curriculum.yaml"
    if not path.is_file():
        return []
    frameworks = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("frameworks", {})
    return [next(iter(framework["areas"])) for framework in frameworks.values()]


def _front_matter(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _files(
    kind: str, item_id: str, topic: str, languages: Sequence[str], areas: list[str]
) -> dict[str, str]:
    today = date.today()
    audience = next((a for a in AUDIENCE_PREFIXES if item_id.startswith(f"{a}-")), "parents")
    files: dict[str, str] = {}
    for lang in languages:
        listed = {
            "title": f"[write: the title in {lang}]",
            "slug": item_id,
            "summary": "[write: one or two sentences for lists and search results]",
        }
        if kind == "guide":
            meta = listed | {"audiences": [audience], "topics": [topic], "updated": today}
            body = (
                "## [write: the first section]\n\n[write: short paragraphs and lists]\n\n"
                f"## {WHAT_TO_DO[lang]}\n\n[write: what to do now, and who can help]\n"
            )
            files[f"guides/{item_id}.{lang}.md"] = f"---\n{_front_matter(meta)}---\n{body}"
        elif kind == "app":
            meta = listed | {
                "kind": "social",
                "minimum_age": None,
                "pegi": None,
                "updated": today,
                "topics": [topic],
                "guides": [],
                "uses": ["[write: what children do there]"],
                "risks": ["[write: a risk]"],
                "settings": [
                    {"name": "[write: a setting]", "steps": "[write: Look in Settings > ...]"}
                ],
                "talk": ["[write: how to talk about it]"],
                "report": ["[write: how to report a person or a post in the app]"],
            }
            files[f"apps/{item_id}.{lang}.yaml"] = _front_matter(meta)
        elif kind == "quiz":
            meta = listed | {
                "audiences": [audience],
                "age": [10, 12],
                "topics": [topic],
                "minutes": 5,
                "questions": [_question()],
            }
            files[f"quizzes/{item_id}.{lang}.yaml"] = _front_matter(meta)
        else:
            files |= _lesson(item_id, lang, listed, topic, areas, today)
    return files


def _question() -> dict:
    return {
        "id": "first-question",
        "type": "single",
        "text": "[write: the question]",
        "options": [
            {"id": "a", "text": "[write: an answer]", "feedback": "[write: why]"},
            {"id": "b", "text": "[write: an answer]", "correct": True, "feedback": "[write: why]"},
        ],
        "explanation": "[write: what to remember]",
    }


def _lesson(
    item_id: str, lang: str, listed: dict, topic: str, areas: list[str], today: date
) -> dict[str, str]:
    sheet = f"{item_id}-sheet"
    meta = listed | {
        "age": [10, 12],
        "level": "[write: the school years]",
        "duration": 50,
        "topics": [topic],
        "objectives": ["[write: what pupils can do after the lesson]"],
        "materials": ["[write: what the teacher needs]"],
        "preparation": ["[write: what to do before the lesson]"],
        "worksheets": [sheet],
        "family_questions": [
            f"[write: question {n} for parents to ask at home]" for n in (1, 2, 3)
        ],
        "competences": areas,
        "updated": today,
    }
    intro, activities, discussion, wrap_up, extension, note = SECTIONS[lang]
    body = (
        f"## {intro} (5 min)\n\n[write: how to start]\n\n## {activities}\n\n"
        "### 1. [write: the first activity] (30 min)\n\n[write: the steps]\n\n"
        f"## {discussion} (10 min)\n\n[write: questions]\n\n## {wrap_up} (5 min)\n\n"
        f"[write: what to remember]\n\n## {extension}\n\n[write: ideas]\n\n## {note}\n\n"
        "[write: how to react when a pupil tells you something, with Child Focus "
        "[116 000](tel:116000)]\n"
    )
    worksheet = {"title": "[write: the worksheet's title]", "slug": sheet}
    return {
        f"lessons/{item_id}.{lang}.md": f"---\n{_front_matter(meta)}---\n{body}",
        f"lessons/worksheets/{sheet}.{lang}.md": (
            f"---\n{_front_matter(worksheet)}---\n[write: the exercises]\n"
        ),
    }
