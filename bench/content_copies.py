"""A content folder with N times the shipped guides, quizzes and lessons, for bench/run.py.

Copy k (2..N) of an item gets a new id and a new slug in every language, so the catalogue stays
valid: ids are unique per kind, slugs per language. What ties files together (content/README.md):
- a guide or quiz is known by its file name `<id>.<lang>.*`; other items link to it by id. A copy
  becomes `<id>-c<k>` with slug `<slug>-c<k>`; links inside copies still point at the originals,
  which exist, so every link stays valid.
- a lesson lists its worksheets by id, each worksheet id starts with the lesson's id, and an answer
  key has its worksheet's id. Copy k of lesson `L` becomes `L-c<k>`, its worksheet `L-<rest>`
  becomes `L-c<k>-<rest>` (still starting with the lesson's id), and so does the answer key; the
  copied plan lists the renamed worksheets. Worksheet slugs only need to be unique within a lesson,
  but get `-c<k>` too, like every other slug.
Audiences, pages, topics, help lines and images stay single: they are fixed sets of the site.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

FILE_NAME = re.compile(r"^(?P<id>[a-z0-9][a-z0-9-]*)\.(?P<lang>[a-z]{2})\.(?P<ext>md|yaml)$")
SLUG_LINE = re.compile(r"^(slug:\s*)(\"?)([a-z0-9-]+)(\"?)\s*$", re.MULTILINE)


def multiply(source: Path, target: Path, times: int) -> dict[str, int]:
    """Copy `source` to `target` with `times` copies of every guide, quiz and lesson; returns how
    many files of each kind the new folder has."""
    shutil.copytree(source, target)
    lessons = _items(source / "lessons")
    worksheet_owner = _worksheet_owners(source / "lessons", lessons)
    for copy in range(2, times + 1):
        suffix = f"-c{copy}"
        for kind in ("guides", "quizzes"):
            for path in (source / kind).iterdir():
                match = FILE_NAME.match(path.name)
                if match:
                    _write(path, target / kind, match, match["id"] + suffix, suffix, {})
        for path in (source / "lessons").iterdir():
            match = FILE_NAME.match(path.name)
            if match:
                renames = {
                    sheet: _sheet_id(sheet, owner, suffix)
                    for sheet, owner in worksheet_owner.items()
                    if owner == match["id"]
                }
                _write(path, target / "lessons", match, match["id"] + suffix, suffix, renames)
        for folder in ("worksheets", "answer-keys"):
            for path in (source / "lessons" / folder).iterdir():
                match = FILE_NAME.match(path.name)
                if match and match["id"] in worksheet_owner:
                    new_id = _sheet_id(match["id"], worksheet_owner[match["id"]], suffix)
                    _write(path, target / "lessons" / folder, match, new_id, suffix, {})
    return {
        kind: sum(1 for path in (target / kind).rglob("*") if FILE_NAME.match(path.name))
        for kind in ("guides", "quizzes", "lessons")
    }


def _items(folder: Path) -> set[str]:
    return {m["id"] for path in folder.iterdir() if (m := FILE_NAME.match(path.name))}


def _worksheet_owners(lessons_dir: Path, lessons: set[str]) -> dict[str, str]:
    """worksheet id -> the id of the lesson it starts with (the longest, if several match)."""
    owners = {}
    for sheet in _items(lessons_dir / "worksheets") | _items(lessons_dir / "answer-keys"):
        candidates = [lesson for lesson in lessons if sheet.startswith(lesson + "-")]
        if candidates:
            owners[sheet] = max(candidates, key=len)
    return owners


def _sheet_id(sheet: str, lesson: str, suffix: str) -> str:
    return lesson + suffix + sheet[len(lesson) :]


def _write(
    path: Path, folder: Path, match: re.Match, new_id: str, suffix: str, renames: dict[str, str]
) -> None:
    text = path.read_text(encoding="utf-8")
    head, body = _split_front_matter(text, yaml_file=match["ext"] == "yaml")
    head = SLUG_LINE.sub(lambda m: f"{m[1]}{m[2]}{m[3]}{suffix}{m[4]}", head, count=1)
    for old, new in renames.items():
        head = re.sub(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])", new, head)
    (folder / f"{new_id}.{match['lang']}.{match['ext']}").write_text(head + body, encoding="utf-8")


def _split_front_matter(text: str, *, yaml_file: bool) -> tuple[str, str]:
    """(front matter, rest): a Markdown file's part between its `---` lines; a YAML file is all
    front matter."""
    if yaml_file:
        return text, ""
    end = text.find("\n---", 4)
    if not text.startswith("---") or end < 0:
        return text, ""
    return text[:end], text[end:]
