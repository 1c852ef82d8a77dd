"""Warnings for editors that never stop the site: reading ease under its target, translations
older than their siblings, images nothing shows, guides nothing links to, scaffold text left in."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from statistics import mean

from .model import Catalogue
from .readability import reading_ease

# shared/FACTS.md: kids' texts score 80 or more, everyone else's 60 or more.
TARGETS = {"kids": 80.0}
DEFAULT_TARGET = 60.0
# What `flask content new` writes for the editor to replace.
SCAFFOLD_MARK = "[write:"
PLACEHOLDERS = re.compile(r"\[write:|\bTODO\b|\bTBD\b|\bFIXME\b|lorem ipsum", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Reading:
    """How easy one text is to read, against the target of the audience it is written for."""

    path: str  # as the editor knows it: guides/kids-gaming.nl
    lang: str
    audience: str
    words: int
    ease: float

    @property
    def target(self) -> float:
        return TARGETS.get(self.audience, DEFAULT_TARGET)

    @property
    def below_target(self) -> bool:
        return self.ease < self.target


def _items(html_parts: Iterable[str]) -> str:
    return "".join(f"<li>{part}</li>" for part in html_parts)


def texts(catalogue: Catalogue) -> Iterable[tuple[str, str, str, str]]:
    """Every text a visitor reads: (path, language, audience, HTML)."""
    for (lang, item_id), guide in catalogue.guides.items():
        yield f"guides/{item_id}.{lang}", lang, guide.audience, guide.html
    for (lang, item_id), intro in catalogue.audiences.items():
        yield f"audiences/{item_id}.{lang}", lang, item_id, intro.html
    for (lang, item_id), page in catalogue.pages.items():
        yield f"pages/{item_id}.{lang}", lang, "everyone", page.html
    for (lang, item_id), quiz in catalogue.quizzes.items():
        parts = [quiz.summary]
        for question in quiz.questions:
            parts += [question.text, question.explanation]
            parts += [
                text for option in question.options for text in (option.text, option.feedback)
            ]
        yield f"quizzes/{item_id}.{lang}", lang, quiz.audience, _items(parts)
    for (lang, item_id), lesson in catalogue.lessons.items():
        yield f"lessons/{item_id}.{lang}", lang, "teachers", lesson.html
        pupils = "kids" if lesson.age[1] <= 12 else "teens"
        for sheet in lesson.worksheets:
            yield f"lessons/worksheets/{sheet.id}.{lang}", lang, pupils, sheet.html
    for (lang, item_id), app in catalogue.apps.items():
        parts = [app.summary, *app.uses, *app.risks, *app.talk, *app.report]
        parts += [f"{setting.name}. {setting.steps}" for setting in app.settings]
        yield f"apps/{item_id}.{lang}", lang, "parents", _items(parts)
    for lang, glossary in catalogue.glossaries.items():
        parts = [term.definition for term in glossary.terms]
        yield f"glossary.{lang}", lang, "everyone", _items(parts)


def readings(catalogue: Catalogue) -> list[Reading]:
    found = [
        Reading(path, lang, audience, len(TAG.sub(" ", html).split()), reading_ease(html, lang))
        for path, lang, audience, html in texts(catalogue)
    ]
    return sorted(found, key=lambda reading: reading.path)


def by_audience(found: list[Reading]) -> dict[tuple[str, str], tuple[float, Reading, int]]:
    """(audience, language) -> (mean reading ease, the hardest text, how many texts)."""
    groups: dict[tuple[str, str], list[Reading]] = defaultdict(list)
    for reading in found:
        groups[(reading.audience, reading.lang)].append(reading)
    return {
        key: (mean(r.ease for r in group), min(group, key=lambda r: r.ease), len(group))
        for key, group in sorted(groups.items())
    }


def stale_translations(catalogue: Catalogue) -> list[str]:
    """A translation whose `updated` is older than another language's probably misses a change."""
    warnings = []
    for folder, items in (
        ("guides", catalogue.guides),
        ("apps", catalogue.apps),
        ("lessons", catalogue.lessons),
    ):
        dates: dict[str, dict[str, object]] = defaultdict(dict)
        for (lang, item_id), item in items.items():
            dates[item_id][lang] = item.updated
        for item_id, by_lang in sorted(dates.items()):
            newest_lang = max(by_lang, key=lambda lang: by_lang[lang])
            for lang, updated in sorted(by_lang.items()):
                if updated < by_lang[newest_lang]:
                    warnings.append(
                        f"{folder}/{item_id}.{lang}: updated {updated}, older than the "
                        f"{newest_lang} one ({by_lang[newest_lang]}): does it miss a change?"
                    )
    return warnings


def _all_html(catalogue: Catalogue) -> Iterable[tuple[str, str]]:
    for path, _, _, html in texts(catalogue):
        yield path, html
    for (lang, _), lesson in catalogue.lessons.items():
        for sheet in lesson.worksheets:
            if sheet.answer_key is not None:
                yield f"lessons/answer-keys/{sheet.id}.{lang}", sheet.answer_key.html


def unused_images(catalogue: Catalogue, media_url: Callable[[str], str]) -> list[str]:
    html = "".join(part for _, part in _all_html(catalogue))
    shown = {q.image_url for quiz in catalogue.quizzes.values() for q in quiz.questions}
    return [
        f"images/{name}: no guide, page, lesson or quiz shows it"
        for name in sorted(catalogue.images)
        if media_url(name) not in html and media_url(name) not in shown
    ]


def unlinked_guides(catalogue: Catalogue) -> list[str]:
    """Guides no other text, lesson, quiz or app guide links to: only lists lead to them."""
    targets = {
        href for _, html in _all_html(catalogue) for href in re.findall(r'href="([^"#]+)', html)
    }
    referenced = {guide_id for lesson in catalogue.lessons.values() for guide_id in lesson.guides}
    referenced |= {
        q.guide for quiz in catalogue.quizzes.values() for q in quiz.questions if q.guide
    }
    referenced |= {guide_id for app in catalogue.apps.values() for guide_id in app.guides}
    warnings = []
    for (lang, guide_id), guide in sorted(catalogue.guides.items()):
        if lang == "en" and guide.url not in targets and guide_id not in referenced:
            warnings.append(f"guides/{guide_id}: no other guide, page, lesson or app links to it")
    return warnings


def leftovers(catalogue: Catalogue) -> list[str]:
    return [
        f"{path}: still holds placeholder text ({match.group(0)!r})"
        for path, html in _all_html(catalogue)
        if (match := PLACEHOLDERS.search(TAG.sub(" ", html)))
    ]


def warnings(catalogue: Catalogue, media_url: Callable[[str], str]) -> list[str]:
    """Everything an editor should look at, in the order they are most likely to matter."""
    found = leftovers(catalogue)
    found += [
        f"{r.path}: reading ease {r.ease:.1f} is under the {r.audience} target of {r.target:.0f}"
        for r in readings(catalogue)
        if r.below_target
    ]
    return (
        found
        + stale_translations(catalogue)
        + unused_images(catalogue, media_url)
        + (unlinked_guides(catalogue))
    )


def summary(groups: Mapping[tuple[str, str], tuple[float, Reading, int]]) -> list[str]:
    lines = [f"{'audience':10} {'lang':4} {'texts':>5} {'mean':>6} {'lowest':>6}  hardest text"]
    for (audience, lang), (average, hardest, count) in groups.items():
        lines.append(
            f"{audience:10} {lang:4} {count:5} {average:6.1f} {hardest.ease:6.1f}  {hardest.path}"
        )
    return lines
