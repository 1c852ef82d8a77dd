"""Content rules across files (translations, parity, slugs, topic and help-line tables): every
problem is reported with its file and line, never just the first one. One file's front matter is
described in schema.py."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from .loader import FILE_NAME, Lines, Source
from .model import AUDIENCES, Problem
from .schema import SLUG_PATTERN

SLUG = re.compile(SLUG_PATTERN)


def check_every_corner_introduced(sources: list[Source], directory: Path) -> list[Problem]:
    """Each corner of the site needs its introduction (the other languages are checked by name)."""
    present = {source.id for source in sources}
    return [
        Problem(directory, 1, f"missing introduction: audiences/{audience}.<lang>.md")
        for audience in AUDIENCES
        if audience not in present
    ]


def check_audience_intro(source: Source) -> list[Problem]:
    if source.id in AUDIENCES:
        return []
    return [
        Problem(source.path, 1, f"unknown audience '{source.id}' (known: {', '.join(AUDIENCES)})")
    ]


def check_languages(
    directory: Path, languages: Collection[str], suffix: str = ".md"
) -> list[Problem]:
    """Every item of a folder exists in every language, and in no other (judged by file names,
    so a file that fails to parse still counts as there)."""
    problems = []
    by_id: dict[str, dict[str, Path]] = defaultdict(dict)
    for path in sorted(directory.glob(f"*{suffix}")):
        match = FILE_NAME.match(path.name)
        if not match:
            continue
        if match["lang"] not in languages:
            problems.append(
                Problem(
                    path,
                    1,
                    f"extra translation: '{match['lang']}' is not a site language "
                    f"({', '.join(languages)})",
                )
            )
        else:
            by_id[match["id"]][match["lang"]] = path
    for item_id, translations in by_id.items():
        first = next(iter(translations.values()))
        for lang in languages:
            if lang not in translations:
                problems.append(
                    Problem(
                        first, 1, f"missing translation: {directory.name}/{item_id}.{lang}{suffix}"
                    )
                )
    return problems


def check_parity(sources: list[Source], keys: Iterable[str]) -> list[Problem]:
    """Translations of one item agree on what is not words (audiences, topics, ages)."""
    problems = []
    groups: dict[tuple[str, str], list[Source]] = defaultdict(list)
    for source in sources:
        groups[(source.folder, source.id)].append(source)
    for group in groups.values():
        reference = group[0]
        for other in group[1:]:
            for key in keys:
                if other.meta.get(key) != reference.meta.get(key):
                    problems.append(
                        Problem(
                            other.path,
                            other.line_of(key),
                            f"'{key}' is {other.meta.get(key)!r} here but "
                            f"{reference.meta.get(key)!r} in {reference.path.name}",
                        )
                    )
    return problems


def check_slugs(
    sources: list[Source], reserved: dict[str, Collection[str]] | None = None
) -> list[Problem]:
    """Slugs are unique per language among items that share a URL space."""
    problems = []
    seen: dict[tuple[str, str], Source] = {}
    for source in sources:
        slug = source.meta.get("slug")
        if not isinstance(slug, str):
            continue
        if reserved and slug in reserved.get(source.lang, ()):
            problems.append(
                Problem(
                    source.path,
                    source.line_of("slug"),
                    f"slug '{slug}' is taken by a section of the site",
                )
            )
        key = (source.lang, slug)
        if key in seen:
            problems.append(
                Problem(
                    source.path,
                    source.line_of("slug"),
                    f"duplicate slug '{slug}' in {source.lang}: also in {seen[key].path.name}",
                )
            )
        else:
            seen[key] = source
    return problems


def check_translated_table(
    data: Any,
    lines: Lines,
    path: Path,
    languages: Collection[str],
    fields: tuple[str, ...],
    *,
    shared: dict[str, Collection[str]],
    optional: dict[str, Collection[str]] | None = None,
    texts: tuple[str, ...] = (),
) -> list[Problem]:
    """A YAML table of ids, each with shared keys and one mapping of texts per language.

    `shared` maps each shared key to the ids it may list (topics.yaml: helplines; helplines.yaml:
    languages), `optional` the same for keys an item may leave out (helplines.yaml: audiences),
    `texts` the shared keys that hold a text (helplines.yaml: number). A language may be
    left out only where the item's `languages` key says so.
    """
    if not isinstance(data, dict) or not data:
        return [Problem(path, 1, "must be a mapping of ids")]
    problems = []
    for item_id, item in data.items():
        line = lines.get((item_id,), 1)
        if not isinstance(item, dict):
            problems.append(Problem(path, line, f"'{item_id}' must be a mapping"))
            continue
        for key in texts:
            if not isinstance(item.get(key), str) or not item[key].strip():
                problems.append(Problem(path, line, f"'{item_id}' needs a text '{key}'"))
        present = {key: known for key, known in (optional or {}).items() if key in item}
        for key, known in (shared | present).items():
            value = item.get(key)
            if not isinstance(value, list):
                problems.append(Problem(path, line, f"'{item_id}' needs a list '{key}'"))
                continue
            for index, entry in enumerate(value):
                if entry not in known:
                    problems.append(
                        Problem(
                            path,
                            lines.get((item_id, key, index), line),
                            f"unknown {key.rstrip('s')} '{entry}' in '{item_id}'",
                        )
                    )
        wanted = item.get("languages", languages)
        for lang in wanted if isinstance(wanted, list) else languages:
            localized = item.get(lang)
            if not isinstance(localized, dict):
                problems.append(Problem(path, line, f"'{item_id}' has no {lang} texts"))
                continue
            for field in fields:
                if not isinstance(localized.get(field), str) or not localized[field].strip():
                    problems.append(
                        Problem(
                            path,
                            lines.get((item_id, lang), line),
                            f"'{item_id}' needs a {lang} '{field}'",
                        )
                    )
    return problems


def check_topic_slugs(data: dict[str, Any], lines: Lines, path: Path) -> list[Problem]:
    problems = []
    seen: dict[tuple[str, str], str] = {}
    for topic_id, topic in data.items():
        for lang, texts in topic.items():
            if not isinstance(texts, dict) or not isinstance(texts.get("slug"), str):
                continue
            slug = texts["slug"]
            line = lines.get((topic_id, lang, "slug"), 1)
            if not SLUG.match(slug):
                problems.append(Problem(path, line, f"slug '{slug}' of '{topic_id}' is not valid"))
            if (lang, slug) in seen:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"duplicate slug '{slug}' in {lang}: also '{seen[(lang, slug)]}'",
                    )
                )
            seen[(lang, slug)] = topic_id
    return problems


def option_id(value: Any) -> str:
    """Option ids as text; YAML reads an unquoted `true` or `false` id as a boolean."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def quiz_structure(meta: dict[str, Any]) -> list[tuple[Any, ...]]:
    """What every translation of a quiz must share: question ids, types, options, answers."""
    return [
        (
            question.get("id"),
            question.get("type"),
            tuple(
                (option_id(option.get("id")), bool(option.get("correct")))
                for option in question.get("options") or ()
                if isinstance(option, dict)
            ),
            question.get("guide"),
            (question.get("image") or {}).get("src")
            if isinstance(question.get("image"), dict)
            else None,
        )
        for question in meta.get("questions") or ()
        if isinstance(question, dict)
    ]


def check_quiz_parity(sources: list[Source]) -> list[Problem]:
    """Every language has the same questions in the same order, with the same ids and answers."""
    problems = check_parity(sources, ("audiences", "topics", "age", "minutes"))
    groups: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        groups[source.id].append(source)
    for group in groups.values():
        reference = quiz_structure(group[0].meta)
        for other in group[1:]:
            structure = quiz_structure(other.meta)
            for index in range(max(len(reference), len(structure))):
                mine = structure[index] if index < len(structure) else None
                theirs = reference[index] if index < len(reference) else None
                if mine != theirs:
                    problems.append(
                        Problem(
                            other.path,
                            other.line_of("questions", index),
                            f"question {index + 1} differs from {group[0].path.name}: "
                            f"ids, type, options and correct answers must be the same",
                        )
                    )
                    break
    return problems


def check_term_parity(sources: list[Source]) -> list[Problem]:
    """Every language's glossary explains the same terms, by id."""
    ids = {
        source.lang: [
            term.get("id") for term in source.meta.get("terms") or () if isinstance(term, dict)
        ]
        for source in sources
    }
    problems = []
    reference = sources[0] if sources else None
    for source in sources[1:]:
        missing = set(ids[reference.lang]) - set(ids[source.lang])
        extra = set(ids[source.lang]) - set(ids[reference.lang])
        for term_id in sorted(missing):
            problems.append(
                Problem(
                    source.path, 1, f"term '{term_id}' is missing (it is in {reference.path.name})"
                )
            )
        for term_id in sorted(extra):
            problems.append(
                Problem(source.path, 1, f"term '{term_id}' is not in {reference.path.name}")
            )
    return problems


LONGEST_SHARE = 0.4  # the right option may be the longest in at most 40 % of single questions


def check_quiz_guessing(source: Source) -> list[Problem]:
    """A quiz a pupil can pass without learning: the right option is the longest too often, or
    every "select all" question has the same number of right options."""
    questions = [q for q in source.meta.get("questions") or () if isinstance(q, dict)]
    problems = []
    singles = [q for q in questions if q.get("type") == "single"]
    longest = [q for q in singles if _right_is_longest(q)]
    if singles and len(longest) / len(singles) > LONGEST_SHARE:
        problems.append(
            Problem(
                source.path,
                source.line_of("questions"),
                f"the right option is the longest in {len(longest)} of {len(singles)} single "
                f"questions (at most {LONGEST_SHARE:.0%}): "
                + ", ".join(str(q.get("id")) for q in longest),
            )
        )
    counts = {
        sum(
            1
            for option in q.get("options") or ()
            if isinstance(option, dict) and option.get("correct")
        )
        for q in questions
        if q.get("type") == "multiple"
    }
    multiples = sum(1 for q in questions if q.get("type") == "multiple")
    if multiples >= 2 and len(counts) == 1:
        problems.append(
            Problem(
                source.path,
                source.line_of("questions"),
                f'every "select all" question has {counts.pop()} right options: vary the number',
            )
        )
    return problems


def _right_is_longest(question: dict[str, Any]) -> bool:
    options = [o for o in question.get("options") or () if isinstance(o, dict)]
    lengths = [len(str(o.get("text", ""))) for o in options]
    right = [len(str(o.get("text", ""))) for o in options if o.get("correct")]
    return bool(right) and right[0] == max(lengths) and lengths.count(max(lengths)) == 1
