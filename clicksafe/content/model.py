"""The catalogue's immutable building blocks: one object per item and language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from operator import attrgetter
from pathlib import Path

AUDIENCES = ("kids", "teens", "parents", "teachers")
# The ages a teacher plans for: 3rd-4th and 5th-6th year of primary, the first and the last years
# of secondary school.
AGE_BANDS = ((8, 10), (10, 12), (12, 15), (15, 18))
WORDS_PER_MINUTE = 200


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the content tree, pointing at the file and line to fix."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """The content tree has problems; the message lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line, p.message))
        super().__init__(report(self.problems))


def report(problems: list[Problem]) -> str:
    count = len(problems)
    lines = [str(problem) for problem in problems]
    lines.append(f"{count} problem{'s' if count != 1 else ''} in the content.")
    return "\n".join(lines)


@dataclass(frozen=True)
class Helpline:
    id: str
    lang: str
    number: str
    name: str
    text: str
    audiences: tuple[str, ...] = AUDIENCES  # whose pages show it (a line for adults: not kids')

    @property
    def tel(self) -> str:
        return "tel:" + re.sub(r"\D", "", self.number)


@dataclass(frozen=True)
class Topic:
    id: str
    lang: str
    name: str
    slug: str
    summary: str
    url: str
    helplines: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    """A page of prose: help, about, privacy, or the introduction of an audience corner."""

    id: str
    lang: str
    title: str
    slug: str
    summary: str
    html: str
    url: str
    sections: tuple[tuple[str, str], ...] = ()  # (anchor, heading) of each ## section

    @property
    def has_many_sections(self) -> bool:
        """Long enough that readers need a list of its sections to find theirs (the help page)."""
        return len(self.sections) >= 6


@dataclass(frozen=True)
class Guide:
    id: str
    lang: str
    title: str
    slug: str
    summary: str
    audiences: tuple[str, ...]
    topics: tuple[str, ...]
    updated: date
    age: tuple[int, int] | None
    html: str
    words: int
    url: str

    @property
    def audience(self) -> str:
        """The corner the guide lives in."""
        return self.audiences[0]

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.words / WORDS_PER_MINUTE))


@dataclass(frozen=True)
class AppSetting:
    """A setting to check in an app, with steps that do not depend on the app's version."""

    name: str
    steps: str  # inline HTML


@dataclass(frozen=True)
class AppGuide:
    """What a parent needs to know about one app or game; list values are inline HTML."""

    id: str
    lang: str
    title: str
    slug: str
    summary: str
    kind: str  # social | chat | video | game
    minimum_age: int | None  # from the app's terms; None where they set none
    pegi: int | None  # games only
    updated: date
    topics: tuple[str, ...]
    guides: tuple[str, ...]
    uses: tuple[str, ...]
    risks: tuple[str, ...]
    settings: tuple[AppSetting, ...]
    talk: tuple[str, ...]
    report: tuple[str, ...]
    url: str

    @property
    def age_limit(self) -> int | None:
        """The age the app's terms or its PEGI label set, whichever is higher."""
        limits = [age for age in (self.minimum_age, self.pegi) if age is not None]
        return max(limits) if limits else None


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    slug: str
    definition: str  # inline HTML
    matches: tuple[str, ...] = ()  # the words that mean it, as guides write them


@dataclass(frozen=True)
class Glossary:
    lang: str
    title: str
    summary: str
    terms: tuple[Term, ...]
    url: str


QUESTION_TYPES = ("single", "multiple", "truefalse")


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # one of QUESTION_TYPES
    text: str
    options: tuple[Option, ...]
    explanation: str
    guide: str | None = None  # id of the guide that teaches it
    image_url: str | None = None
    image_alt: str | None = None

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(option.id for option in self.options if option.correct)

    @property
    def option_ids(self) -> frozenset[str]:
        return frozenset(option.id for option in self.options)


@dataclass(frozen=True)
class Quiz:
    id: str
    lang: str
    title: str
    slug: str
    summary: str
    audiences: tuple[str, ...]
    topics: tuple[str, ...]
    age: tuple[int, int] | None
    minutes: int
    questions: tuple[Question, ...]
    url: str
    version: str  # changes when questions, options or answers change, not when words do

    @property
    def audience(self) -> str:
        return self.audiences[0]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class Competence:
    """An area of a curriculum framework, named in one language."""

    id: str
    lang: str
    framework: str  # the framework's id
    framework_name: str
    name: str


@dataclass(frozen=True)
class Framework:
    """A curriculum framework (Flemish attainment targets, the CSEM's media competences)."""

    id: str
    lang: str
    name: str
    areas: tuple[Competence, ...]


@dataclass(frozen=True)
class Handout:
    """A page pupils get on paper (a worksheet), or its answer key for the teacher."""

    id: str
    lang: str
    title: str
    slug: str
    html: str
    answer_key: Handout | None = None


@dataclass(frozen=True)
class Lesson:
    """A lesson plan for a class, with the worksheets that go with it."""

    id: str
    lang: str
    title: str
    slug: str
    summary: str
    age: tuple[int, int]
    level: str
    duration: int  # minutes
    topics: tuple[str, ...]
    objectives: tuple[str, ...]
    materials: tuple[str, ...]
    preparation: tuple[str, ...]
    worksheets: tuple[Handout, ...]
    guides: tuple[str, ...]  # ids of related guides
    quizzes: tuple[str, ...]  # ids of related quizzes
    updated: date
    html: str
    url: str
    family_questions: tuple[str, ...] = ()  # for the letter to families
    competences: tuple[Competence, ...] = ()  # curriculum areas, in framework order

    def curriculum(self) -> list[tuple[str, list[Competence]]]:
        """The lesson's areas under the name of their framework, in the curriculum's order."""
        grouped = groupby(self.competences, key=attrgetter("framework_name"))
        return [(name, list(areas)) for name, areas in grouped]

    def worksheet(self, slug: str) -> Handout | None:
        return next((sheet for sheet in self.worksheets if sheet.slug == slug), None)


def serves(age: tuple[int, int] | None, band: tuple[int, int]) -> bool:
    """Material for ages `age` serves a band it overlaps by more than a birthday."""
    return age is not None and age[0] < band[1] and age[1] > band[0]


@dataclass(frozen=True)
class AgeBand:
    """The lessons and the quizzes for one age band, in one language."""

    ages: tuple[int, int]
    lessons: tuple[Lesson, ...]
    quizzes: tuple[Quiz, ...]


Key = tuple[str, str]  # (lang, id)


@dataclass(frozen=True)
class Catalogue:
    """Everything the site shows, loaded, checked and rendered once."""

    guides: Mapping[Key, Guide]
    topics: Mapping[Key, Topic]
    pages: Mapping[Key, Page]
    audiences: Mapping[Key, Page]
    helplines: Mapping[Key, Helpline]
    images: Mapping[str, bytes]
    quizzes: Mapping[Key, Quiz] = field(default_factory=dict)
    lessons: Mapping[Key, Lesson] = field(default_factory=dict)
    frameworks: Mapping[Key, Framework] = field(default_factory=dict)
    apps: Mapping[Key, AppGuide] = field(default_factory=dict)
    glossaries: Mapping[str, Glossary] = field(default_factory=dict)
    # per language: what people type -> words the content uses (for search)
    synonyms: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    _by_slug: Mapping[tuple[str, str, str], object] = field(default_factory=dict, repr=False)

    def guide(self, lang: str, slug: str) -> Guide | None:
        return self._by_slug.get(("guide", lang, slug))

    def topic(self, lang: str, slug: str) -> Topic | None:
        return self._by_slug.get(("topic", lang, slug))

    def page(self, lang: str, slug: str) -> Page | None:
        return self._by_slug.get(("page", lang, slug))

    def quiz(self, lang: str, slug: str) -> Quiz | None:
        return self._by_slug.get(("quiz", lang, slug))

    def lesson(self, lang: str, slug: str) -> Lesson | None:
        return self._by_slug.get(("lesson", lang, slug))

    def app(self, lang: str, slug: str) -> AppGuide | None:
        return self._by_slug.get(("app", lang, slug))

    def apps_for(
        self, lang: str, *, age: int | None = None, kind: str | None = None
    ) -> list[AppGuide]:
        """App guides in one language: those a child of `age` may use by their terms and PEGI
        label, of one kind; by name."""
        found = [
            app
            for (app_lang, _), app in self.apps.items()
            if app_lang == lang
            and (age is None or app.age_limit is None or app.age_limit <= age)
            and (kind is None or app.kind == kind)
        ]
        return sorted(found, key=lambda app: app.title.casefold())

    def lessons_for(
        self,
        lang: str,
        *,
        age: int | None = None,
        topic: str | None = None,
        max_minutes: int | None = None,
        guide: str | None = None,
        quiz: str | None = None,
        competence: str | None = None,
    ) -> list[Lesson]:
        """Lessons in one language for pupils of an age, on a topic, that fit in the time, that
        use a guide or a quiz, or that work on a curriculum area; youngest pupils first."""
        found = [
            lesson
            for (lesson_lang, _), lesson in self.lessons.items()
            if lesson_lang == lang
            and (age is None or lesson.age[0] <= age <= lesson.age[1])
            and (topic is None or topic in lesson.topics)
            and (max_minutes is None or lesson.duration <= max_minutes)
            and (guide is None or guide in lesson.guides)
            and (quiz is None or quiz in lesson.quizzes)
            and (competence is None or competence in {area.id for area in lesson.competences})
        ]
        return sorted(found, key=lambda lesson: (lesson.age, lesson.title.casefold()))

    def age_bands(self, lang: str) -> list[AgeBand]:
        """For each age band, the lessons and quizzes that serve it, youngest first."""
        lessons, quizzes = self.lessons_for(lang), self.quizzes_for(lang)
        return [
            AgeBand(
                band,
                tuple(lesson for lesson in lessons if serves(lesson.age, band)),
                tuple(quiz for quiz in quizzes if serves(quiz.age, band)),
            )
            for band in AGE_BANDS
        ]

    def frameworks_in(self, lang: str) -> list[Framework]:
        """The curriculum frameworks in one language, in the order of content/curriculum.yaml."""
        return [framework for (fw_lang, _), framework in self.frameworks.items() if fw_lang == lang]

    def quizzes_for(self, lang: str, audience: str | None = None) -> list[Quiz]:
        """Quizzes in one language, youngest readers first."""
        found = [
            quiz
            for (quiz_lang, _), quiz in self.quizzes.items()
            if quiz_lang == lang and (audience is None or audience in quiz.audiences)
        ]
        return sorted(found, key=lambda quiz: (quiz.age or (99, 99), quiz.title.casefold()))

    def guides_for(
        self, lang: str, *, audience: str | None = None, topic: str | None = None
    ) -> list[Guide]:
        """Guides in one language for an audience and/or a topic, by title."""
        found = [
            guide
            for (guide_lang, _), guide in self.guides.items()
            if guide_lang == lang
            and (audience is None or audience in guide.audiences)
            and (topic is None or topic in guide.topics)
        ]
        return sorted(found, key=lambda guide: guide.title.casefold())

    def related(self, guide: Guide, limit: int = 4) -> list[Guide]:
        """Other guides sharing a topic, those sharing the most topics and the audience first."""
        candidates = [
            other
            for (lang, _), other in self.guides.items()
            if lang == guide.lang and other.id != guide.id and set(other.topics) & set(guide.topics)
        ]

        def closeness(other: Guide) -> tuple[int, int, str]:
            shared = len(set(other.topics) & set(guide.topics))
            return (-shared, other.audience != guide.audience, other.title.casefold())

        return sorted(candidates, key=closeness)[:limit]

    def topics_in(self, lang: str) -> list[Topic]:
        return sorted(
            (topic for (topic_lang, _), topic in self.topics.items() if topic_lang == lang),
            key=lambda topic: topic.name.casefold(),
        )

    def helplines_for(
        self, lang: str, topic_ids: tuple[str, ...], audience: str | None = None
    ) -> list[Helpline]:
        """The help lines of these topics shown in this language, and to this audience when the
        page is for one, without repeats, in order."""
        ids: list[str] = []
        for topic_id in topic_ids:
            for helpline_id in self.topics[(lang, topic_id)].helplines:
                if helpline_id not in ids:
                    ids.append(helpline_id)
        lines = [self.helplines[(lang, i)] for i in ids if (lang, i) in self.helplines]
        return [line for line in lines if audience is None or audience in line.audiences]

    def translations(self, items: Mapping[Key, object], item_id: str) -> dict[str, object]:
        """The same item in every language that has it."""
        return {lang: item for (lang, key), item in items.items() if key == item_id}
