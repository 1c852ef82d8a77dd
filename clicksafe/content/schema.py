"""Front-matter schemas as pydantic models; their error locations become file:line problems.

Ids that depend on the rest of the tree (topics, guides) are checked against the `known` context
passed to `check`, so a model stays a plain description of one file.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .loader import Source
from .model import AUDIENCES, Problem

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
AGE_LIMITS = (4, 99)
PEGI_LABELS = (3, 7, 12, 16, 18)
APP_KINDS = ("social", "chat", "video", "game")
APP_SHARED_KEYS = ("kind", "minimum_age", "pegi", "topics", "guides")  # the same in every language

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Age = Annotated[int, Field(strict=True, ge=AGE_LIMITS[0], le=AGE_LIMITS[1])]
Texts = Annotated[list[Text], Field(min_length=1)]


class Schema(BaseModel):
    """A file's front matter: unknown keys are mistakes, values are never coerced silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


SINGULAR = {"quizzes": "quiz"}


def _known_id(kind: str) -> AfterValidator:
    """An id that must name an item of `kind` in the tree (given as validation context)."""
    name = SINGULAR.get(kind, kind.removesuffix("s"))

    def check_id(value: str, info: ValidationInfo) -> str:
        known = (info.context or {}).get(kind)
        if known is not None and value not in known:
            raise ValueError(f"unknown {name} '{value}' (known: {', '.join(sorted(known))})")
        return value

    return AfterValidator(check_id)


def _unique(ids: list[Any]) -> list[Any]:
    if len(set(ids)) != len(ids):
        raise ValueError("lists an id twice")
    return ids


TopicIds = Annotated[
    list[Annotated[str, _known_id("topics")]], Field(min_length=1), AfterValidator(_unique)
]
GuideIds = Annotated[list[Annotated[str, _known_id("guides")]], AfterValidator(_unique)]
QuizIds = Annotated[list[Annotated[str, _known_id("quizzes")]], AfterValidator(_unique)]
WorksheetIds = Annotated[
    list[Annotated[str, _known_id("worksheets")]], Field(min_length=1), AfterValidator(_unique)
]
CompetenceIds = Annotated[
    list[Annotated[str, _known_id("competences")]], Field(min_length=1), AfterValidator(_unique)
]
AgeRange = Annotated[list[Age], Field(min_length=2, max_length=2)]
Audiences = Annotated[
    list[Literal[AUDIENCES]],  # type: ignore[valid-type]
    Field(min_length=1),
    AfterValidator(_unique),
]


def _youngest_first(age: list[int] | None) -> list[int] | None:
    if age is not None and age[0] > age[1]:
        raise ValueError("'age' must be [youngest, oldest]")
    return age


class PageMeta(Schema):
    title: Text
    slug: Slug
    summary: Text


class IntroMeta(Schema):
    """The introduction of an audience corner: its address is fixed, so it has no slug."""

    title: Text
    summary: Text


class Listed(Schema):
    """What guides and app guides share: how they are listed and found."""

    title: Text
    slug: Slug
    summary: Text
    topics: TopicIds
    updated: date


class GuideMeta(Listed):
    audiences: Audiences
    age: AgeRange | None = None

    @field_validator("age")
    @classmethod
    def _youngest_first(cls, age: list[int] | None) -> list[int] | None:
        return _youngest_first(age)


def _as_text(value: Any) -> Any:
    """YAML reads an unquoted 12345678 or true as a number or a boolean: as an answer it is text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int | float) else value


Label = Annotated[
    str, BeforeValidator(_as_text), StringConstraints(strip_whitespace=True, min_length=1)
]
QUESTION_TYPES = ("single", "multiple", "truefalse")


class OptionMeta(Schema):
    id: Label
    text: Label
    correct: bool = False
    feedback: Text


class ImageMeta(Schema):
    src: Annotated[str, _known_id("images")]
    alt: Text


class QuestionMeta(Schema):
    id: Slug
    type: Literal[QUESTION_TYPES]  # type: ignore[valid-type]
    text: Text
    options: Annotated[list[OptionMeta], Field(min_length=2)]
    explanation: Text
    guide: Annotated[str, _known_id("guides")] | None = None
    image: ImageMeta | None = None

    @field_validator("options")
    @classmethod
    def _answers(cls, options: list[OptionMeta], info: ValidationInfo) -> list[OptionMeta]:
        """Scoring needs distinct option ids and the right number of correct answers."""
        name, kind = info.data.get("id", "?"), info.data.get("type")
        ids = [option.id for option in options]
        correct = sum(option.correct for option in options)
        if len(set(ids)) != len(ids):
            raise ValueError(f"options of '{name}' need unique ids")
        if kind == "truefalse" and sorted(ids) != ["false", "true"]:
            raise ValueError(f"'{name}' is truefalse: options 'true' and 'false'")
        if kind in ("single", "truefalse") and correct != 1:
            raise ValueError(f"'{name}' needs exactly one correct option")
        if kind == "multiple" and correct < 1:
            raise ValueError(f"'{name}' needs at least one correct option")
        return options


def _unique_questions(questions: list[QuestionMeta]) -> list[QuestionMeta]:
    ids = [question.id for question in questions]
    twice = next((i for i in ids if ids.count(i) > 1), None)
    if twice:
        raise ValueError(f"question id '{twice}' is used twice")
    return questions


class QuizMeta(Schema):
    title: Text
    slug: Slug
    summary: Text
    audiences: Audiences
    topics: TopicIds
    age: AgeRange | None = None
    minutes: Annotated[int, Field(strict=True, ge=1, le=60)]
    questions: Annotated[list[QuestionMeta], Field(min_length=1), AfterValidator(_unique_questions)]

    @field_validator("age")
    @classmethod
    def _youngest_first(cls, age: list[int] | None) -> list[int] | None:
        return _youngest_first(age)


class LessonMeta(Schema):
    """A lesson plan's front matter; its body's sections and timings are lesson_rules' work."""

    title: Text
    slug: Slug
    summary: Text
    age: AgeRange
    level: Text
    duration: Annotated[int, Field(strict=True, ge=10, le=240)]
    topics: TopicIds
    objectives: Texts
    materials: Texts
    preparation: Texts
    worksheets: WorksheetIds
    guides: GuideIds | None = None
    quizzes: QuizIds | None = None
    # Three questions parents can ask at home, for the lesson's letter to families.
    family_questions: Annotated[list[Text], Field(min_length=3, max_length=3)]
    # Areas of the curriculum frameworks in content/curriculum.yaml the lesson works on.
    competences: CompetenceIds
    updated: date

    @field_validator("age")
    @classmethod
    def _youngest_first(cls, age: list[int]) -> list[int]:
        return _youngest_first(age)


class WorksheetMeta(Schema):
    title: Text
    slug: Slug


class AnswerKeyMeta(Schema):
    title: Text


class SynonymsFile(BaseModel):
    """content/synonyms.yaml: per language, words people type -> words the content uses."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    nl: dict[Text, Annotated[list[Text], Field(min_length=1)]] = {}
    fr: dict[Text, Annotated[list[Text], Field(min_length=1)]] = {}
    en: dict[Text, Annotated[list[Text], Field(min_length=1)]] = {}


class Names(Schema):
    """One name in each language of the site."""

    nl: Text
    fr: Text
    en: Text


class Framework(Schema):
    name: Names
    source: Text  # where the area names come from, so an editor can check them
    areas: Annotated[dict[Slug, Names], Field(min_length=1)]


class CurriculumFile(Schema):
    """content/curriculum.yaml: the frameworks whose areas lessons name as competences."""

    frameworks: Annotated[dict[Slug, Framework], Field(min_length=1)]

    @field_validator("frameworks")
    @classmethod
    def _areas_unique(cls, frameworks: dict[str, Framework]) -> dict[str, Framework]:
        areas = [area for framework in frameworks.values() for area in framework.areas]
        twice = next((area for area in areas if areas.count(area) > 1), None)
        if twice:
            raise ValueError(f"the area '{twice}' is in two frameworks")
        return frameworks


class Setting(Schema):
    name: Text
    steps: Text


class AppMeta(Listed):
    """An app or game guide for parents: every part a parent needs is a required field."""

    kind: Literal[APP_KINDS]  # type: ignore[valid-type]
    minimum_age: Age | None  # from the app's terms; None where they set none
    pegi: Literal[PEGI_LABELS] | None = None  # type: ignore[valid-type]
    guides: GuideIds = []
    uses: Texts
    risks: Texts
    settings: Annotated[list[Setting], Field(min_length=1)]
    talk: Texts
    report: Texts

    @field_validator("pegi")
    @classmethod
    def _games_only(cls, pegi: int | None, info: ValidationInfo) -> int | None:
        if pegi is not None and info.data.get("kind") != "game":
            raise ValueError("only games have a PEGI label")
        return pegi


class Term(Schema):
    id: Slug
    term: Text
    slug: Slug
    matches: Annotated[list[Text], Field(min_length=1)]
    definition: Text


class GlossaryMeta(Schema):
    title: Text
    summary: Text
    terms: Annotated[list[Term], Field(min_length=1)]

    @field_validator("terms")
    @classmethod
    def _unique(cls, terms: list[Term]) -> list[Term]:
        for attribute in ("id", "slug"):
            values = [getattr(term, attribute) for term in terms]
            twice = next((value for value in values if values.count(value) > 1), None)
            if twice:
                raise ValueError(f"the {attribute} '{twice}' is used twice")
        return terms


M = TypeVar("M", bound=Schema)


def check(source: Source, model: type[M], **known: Any) -> tuple[M | None, list[Problem]]:
    """The validated front matter, or the problems with it, each on the line of its key."""
    try:
        return model.model_validate(source.meta, context=known), []
    except ValidationError as error:
        return None, [_problem(source, detail) for detail in error.errors()]


FRIENDLY = {
    "missing": "'{where}' is missing",
    "extra_forbidden": "unknown key '{where}'",
    "date_type": "'{where}' must be a date: YYYY-MM-DD",
    "string_type": "'{where}' must be a text",
    "string_too_short": "'{where}' must be a text",
    "string_pattern_mismatch": (
        "'{where}' may only hold lower-case letters, digits and single hyphens"
    ),
    "literal_error": "unknown {field} '{input}' ({msg})",
    "value_error": "{msg}",
}


def _problem(source: Source, detail: Any) -> Problem:
    loc = tuple(detail["loc"])
    keys = tuple(part for part in loc if isinstance(part, str))
    template = FRIENDLY.get(detail["type"], "'{where}': {msg}")
    message = template.format(
        where=".".join(str(part) for part in loc) or "front matter",
        field=(keys[-1] if keys else "value").removesuffix("s"),
        input=detail.get("input"),
        msg=detail["msg"].removeprefix("Value error, "),
    )
    return Problem(source.path, source.line_of(*loc), message)
