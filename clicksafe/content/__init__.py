"""The content domain: load, validate and render content/ once into an immutable Catalogue.

Plain Python: it never imports Flask. The web layer hands it a `Site` that knows the languages and
how addresses are written.
"""

from __future__ import annotations

import hashlib
import html as html_module
import re
from collections.abc import Collection
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from . import lesson_rules, schema, validate
from .glossary import TermLinker
from .loader import Source, read_folder, read_images, read_yaml_file, read_yaml_source
from .model import (
    AUDIENCES,
    AppGuide,
    AppSetting,
    Catalogue,
    Competence,
    ContentError,
    Framework,
    Glossary,
    Guide,
    Handout,
    Helpline,
    Lesson,
    Option,
    Page,
    Problem,
    Question,
    Quiz,
    Term,
    Topic,
    report,
)
from .render import markdown, render, render_text, resolve_external

__all__ = [
    "AUDIENCES",
    "AppGuide",
    "Catalogue",
    "ContentError",
    "Handout",
    "Lesson",
    "Option",
    "Problem",
    "Question",
    "Quiz",
    "Site",
    "load_catalogue",
    "report",
]


class Site(Protocol):
    """What the content needs to know about the site it is shown on."""

    languages: tuple[str, ...]

    def reserved_slugs(self, lang: str) -> Collection[str]: ...
    def audience_url(self, lang: str, audience: str) -> str: ...
    def guide_url(self, lang: str, audience: str, slug: str) -> str: ...
    def topic_url(self, lang: str, slug: str) -> str: ...
    def page_url(self, lang: str, slug: str) -> str: ...
    def quiz_url(self, lang: str, slug: str) -> str: ...
    def lesson_url(self, lang: str, slug: str) -> str: ...
    def app_url(self, lang: str, slug: str) -> str: ...
    def glossary_url(self, lang: str) -> str: ...
    def media_url(self, name: str) -> str: ...
    def document_url(self, name: str) -> str | None: ...


def load_catalogue(root: Path, site: Site, report_url: str) -> Catalogue:
    """Read, check and render every content file; raise ContentError listing every problem.

    `report_url` is the reporting point for child sexual abuse material: configuration, not content.
    """
    root = Path(root)
    problems: list[Problem] = []
    helpline_data, helpline_lines, found = read_yaml_file(root / "helplines.yaml")
    problems += found or validate.check_translated_table(
        helpline_data,
        helpline_lines,
        root / "helplines.yaml",
        site.languages,
        ("name", "text"),
        shared={"languages": site.languages},
        optional={"audiences": AUDIENCES},
        texts=("number",),
    )
    topic_data, topic_lines, found = read_yaml_file(root / "topics.yaml")
    helpline_ids = helpline_data if isinstance(helpline_data, dict) else {}
    problems += found or validate.check_translated_table(
        topic_data,
        topic_lines,
        root / "topics.yaml",
        site.languages,
        ("name", "slug", "summary"),
        shared={"helplines": helpline_ids},
    )
    if not found and isinstance(topic_data, dict):
        problems += validate.check_topic_slugs(topic_data, topic_lines, root / "topics.yaml")
    topic_ids = topic_data if isinstance(topic_data, dict) else {}

    folders: dict[str, list[Source]] = {}
    for folder in ("guides", "pages", "audiences"):
        folders[folder], found = read_folder(root, folder)
        problems += found + validate.check_languages(root / folder, site.languages)
    for source in folders["guides"]:
        problems += schema.check(source, schema.GuideMeta, topics=topic_ids)[1]
    for source in folders["pages"]:
        problems += schema.check(source, schema.PageMeta)[1]
    for source in folders["audiences"]:
        problems += schema.check(source, schema.IntroMeta)[1]
        problems += validate.check_audience_intro(source)
    problems += validate.check_every_corner_introduced(folders["audiences"], root / "audiences")
    folders["quizzes"], found = read_folder(root, "quizzes", ".yaml")
    problems += found + validate.check_languages(root / "quizzes", site.languages, ".yaml")
    guide_ids = {source.id for source in folders["guides"]}
    image_names = read_images(root)
    for source in folders["quizzes"]:
        problems += schema.check(
            source,
            schema.QuizMeta,
            topics=topic_ids,
            guides=guide_ids,
            images={f"images/{name}" for name in image_names},
        )[1]
    problems += validate.check_quiz_parity(folders["quizzes"])
    for source in folders["quizzes"]:
        problems += validate.check_quiz_guessing(source)
    curriculum, found = _read_curriculum(root)
    problems += found
    problems += _check_lessons(root, site, folders, topic_ids, guide_ids, curriculum)
    problems += validate.check_slugs(folders["quizzes"])
    problems += _check_apps(root, site, folders, topic_ids, guide_ids)
    problems += _check_glossaries(root, site, folders)
    synonyms, found = _read_synonyms(root)
    problems += found
    problems += validate.check_parity(folders["guides"], ("audiences", "topics", "age"))
    problems += validate.check_slugs(folders["guides"])
    reserved = {lang: site.reserved_slugs(lang) for lang in site.languages}
    problems += validate.check_slugs(folders["pages"], reserved)
    if problems:
        raise ContentError(problems)

    builder = _Builder(root, site, report_url, topic_data, helpline_data, folders, curriculum)
    catalogue = builder.build(synonyms)
    if builder.problems:
        raise ContentError(builder.problems)
    return catalogue


def _check_apps(
    root: Path,
    site: Site,
    folders: dict[str, list[Source]],
    topic_ids: Collection[str],
    guide_ids: Collection[str],
) -> list[Problem]:
    """Reads the app guides into `folders` and returns their problems."""
    folders["apps"], problems = read_folder(root, "apps", ".yaml")
    problems += validate.check_languages(root / "apps", site.languages, ".yaml")
    for source in folders["apps"]:
        problems += schema.check(source, schema.AppMeta, topics=topic_ids, guides=guide_ids)[1]
    problems += validate.check_parity(folders["apps"], schema.APP_SHARED_KEYS)
    return problems + validate.check_slugs(folders["apps"])


def _check_glossaries(root: Path, site: Site, folders: dict[str, list[Source]]) -> list[Problem]:
    """Reads `glossary.<lang>.yaml` into `folders`: the same term ids in every language."""
    folders["glossary"], problems = [], []
    for lang in site.languages:
        path = root / f"glossary.{lang}.yaml"
        if not path.is_file():
            problems.append(Problem(path, 1, f"missing translation: glossary.{lang}.yaml"))
            continue
        source, found = read_yaml_source(path, "glossary")
        problems += found
        if source is not None:
            problems += schema.check(source, schema.GlossaryMeta)[1]
            folders["glossary"].append(source)
    return problems + validate.check_term_parity(folders["glossary"])


SECTION = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>')
TAG = re.compile(r"<[^>]+>")


def _read_synonyms(root: Path) -> tuple[dict[str, dict[str, tuple[str, ...]]], list[Problem]]:
    """content/synonyms.yaml, checked like front matter: every problem on its line."""
    path = root / "synonyms.yaml"
    data, lines, problems = read_yaml_file(path)
    if problems:
        return {}, problems
    source = Source("", "synonyms", "", path, data if isinstance(data, dict) else {}, lines, "", 1)
    model, problems = schema.check(source, schema.SynonymsFile)
    if model is None:
        return {}, problems
    return {
        lang: {key: tuple(values) for key, values in getattr(model, lang).items()}
        for lang in schema.SynonymsFile.model_fields
    }, []


def _read_curriculum(root: Path) -> tuple[schema.CurriculumFile | None, list[Problem]]:
    """content/curriculum.yaml: the frameworks whose areas lessons name as competences."""
    path = root / "curriculum.yaml"
    data, lines, problems = read_yaml_file(path)
    if problems:
        return None, problems
    meta = data if isinstance(data, dict) else {}
    source = Source("", "curriculum", "", path, meta, lines, "", 1)
    return schema.check(source, schema.CurriculumFile)


LESSON_FOLDERS = ("lessons", "lessons/worksheets", "lessons/answer-keys")


def _check_lessons(
    root: Path,
    site: Site,
    folders: dict[str, list[Source]],
    topic_ids: Collection[str],
    guide_ids: Collection[str],
    curriculum: schema.CurriculumFile | None,
) -> list[Problem]:
    """Reads the lesson folders into `folders` and returns their problems."""
    problems: list[Problem] = []
    for folder in LESSON_FOLDERS:
        folders[folder], found = read_folder(root, folder)
        problems += found + validate.check_languages(root / folder, site.languages)
    lessons, worksheets = folders["lessons"], folders["lessons/worksheets"]
    worksheet_ids = {source.id for source in worksheets}
    # Without a valid curriculum its own problems are reported, not one per lesson.
    competences = (
        {
            area: framework_id
            for framework_id, framework in curriculum.frameworks.items()
            for area in framework.areas
        }
        if curriculum
        else None
    )
    for source in lessons:
        problems += lesson_rules.check_lesson(
            source,
            competences,
            topics=topic_ids,
            worksheets=worksheet_ids,
            guides=guide_ids,
            quizzes={source.id for source in folders["quizzes"]},
        )
    for source in worksheets:
        problems += lesson_rules.check_worksheet(source)
    for source in folders["lessons/answer-keys"]:
        problems += lesson_rules.check_answer_key(source, worksheet_ids)
    problems += lesson_rules.check_worksheet_use(lessons, worksheets)
    problems += validate.check_parity(lessons, lesson_rules.SHARED_KEYS)
    problems += validate.check_slugs(lessons)
    return problems


class _Builder:
    """Turns checked sources into catalogue items, rendering Markdown with resolved links."""

    def __init__(
        self,
        root: Path,
        site: Site,
        report_url: str,
        topics: dict[str, Any],
        helplines: dict[str, Any],
        folders: dict[str, list[Source]],
        curriculum: schema.CurriculumFile | None,
    ) -> None:
        self.site = site
        self.frameworks = {
            (lang, framework_id): Framework(
                id=framework_id,
                lang=lang,
                name=getattr(framework.name, lang),
                areas=tuple(
                    Competence(
                        area_id,
                        lang,
                        framework_id,
                        getattr(framework.name, lang),
                        getattr(names, lang),
                    )
                    for area_id, names in framework.areas.items()
                ),
            )
            for framework_id, framework in (curriculum.frameworks.items() if curriculum else ())
            for lang in site.languages
        }
        # (lang, area id) -> area, in the curriculum's order, which a lesson's areas keep
        self.areas = {(a.lang, a.id): a for f in self.frameworks.values() for a in f.areas}
        self.report_url = report_url
        self.topic_data = topics
        self.helpline_data = helplines
        self.folders = folders
        self.images = read_images(root)
        self.md = markdown()
        self.problems: list[Problem] = []
        self.urls: dict[tuple[str, str, str], str] = {}  # (kind, lang, id) -> url
        for lang in site.languages:
            for audience in AUDIENCES:
                self.urls[("audience", lang, audience)] = site.audience_url(lang, audience)
            for topic_id, topic in topics.items():
                self.urls[("topic", lang, topic_id)] = site.topic_url(lang, topic[lang]["slug"])
        for source in folders["guides"]:
            self.urls[("guide", source.lang, source.id)] = site.guide_url(
                source.lang, source.meta["audiences"][0], source.meta["slug"]
            )
        for source in folders["pages"]:
            self.urls[("page", source.lang, source.id)] = site.page_url(
                source.lang, source.meta["slug"]
            )
        for source in folders["quizzes"]:
            self.urls[("quiz", source.lang, source.id)] = site.quiz_url(
                source.lang, source.meta["slug"]
            )
        for source in folders["lessons"]:
            self.urls[("lesson", source.lang, source.id)] = site.lesson_url(
                source.lang, source.meta["slug"]
            )
        for source in folders["apps"]:
            self.urls[("app", source.lang, source.id)] = site.app_url(
                source.lang, source.meta["slug"]
            )
        self.terms = {
            source.lang: TermLinker(
                (term["matches"], f"{site.glossary_url(source.lang)}#{term['slug']}")
                for term in source.meta["terms"]
            )
            for source in folders["glossary"]
        }

    def resolve(self, target: str, lang: str) -> str | None:
        kind, sep, rest = target.partition(":")
        item_id, _, fragment = rest.partition("#")
        if sep and kind == "report":
            return self.report_url
        if sep and kind == "doc":
            return self.site.document_url(item_id)
        url = self.urls.get((kind, lang, item_id)) if sep else None
        if url is not None:
            return f"{url}#{fragment}" if fragment else url
        return resolve_external(target)

    def image_url(self, name: str) -> str | None:
        return self.site.media_url(name) if name in self.images else None

    def _render(
        self, source: Source, id_prefix: str = "", terms: TermLinker | None = None
    ) -> tuple[str, int]:
        html, words, problems = render(
            self.md, source, self.resolve, self.image_url, id_prefix, terms
        )
        self.problems += problems
        return html, words

    def _inline(self, source: Source, *key: str | int) -> str:
        """One Markdown value of a YAML file, at `key`, as inline HTML."""
        value: Any = source.meta
        for part in key:
            value = value[part]
        html, problems = render_text(self.md, value, source, source.line_of(*key), self.resolve)
        self.problems += problems
        return html

    def _page(self, source: Source, url: str) -> Page:
        html, _ = self._render(source)
        meta = source.meta
        return Page(
            id=source.id,
            lang=source.lang,
            title=meta["title"],
            slug=meta.get("slug", source.id),
            summary=meta["summary"],
            html=html,
            url=url,
            sections=tuple(
                (anchor, html_module.unescape(TAG.sub("", heading)))
                for anchor, heading in SECTION.findall(html)
            ),
        )

    @staticmethod
    def _listed(source: Source) -> dict[str, Any]:
        """What guides and quizzes share: the fields by which they are listed and found."""
        meta = source.meta
        return {
            "id": source.id,
            "lang": source.lang,
            "title": meta["title"],
            "slug": meta["slug"],
            "summary": meta["summary"],
            "audiences": tuple(meta["audiences"]),
            "topics": tuple(meta["topics"]),
            "age": tuple(meta["age"]) if meta.get("age") else None,
        }

    def _guide(self, source: Source) -> Guide:
        html, words = self._render(source, terms=self.terms.get(source.lang))
        return Guide(
            **self._listed(source),
            updated=source.meta["updated"],
            html=html,
            words=words,
            url=self.urls[("guide", source.lang, source.id)],
        )

    def _app(self, source: Source) -> AppGuide:
        meta = source.meta

        def items(key: str) -> tuple[str, ...]:
            return tuple(self._inline(source, key, index) for index in range(len(meta[key])))

        return AppGuide(
            id=source.id,
            lang=source.lang,
            title=meta["title"],
            slug=meta["slug"],
            summary=meta["summary"],
            kind=meta["kind"],
            minimum_age=meta["minimum_age"],
            pegi=meta.get("pegi"),
            updated=meta["updated"],
            topics=tuple(meta["topics"]),
            guides=tuple(meta.get("guides") or ()),
            uses=items("uses"),
            risks=items("risks"),
            settings=tuple(
                AppSetting(
                    name=setting["name"], steps=self._inline(source, "settings", index, "steps")
                )
                for index, setting in enumerate(meta["settings"])
            ),
            talk=items("talk"),
            report=items("report"),
            url=self.urls[("app", source.lang, source.id)],
        )

    def _glossary(self, source: Source) -> Glossary:
        return Glossary(
            lang=source.lang,
            title=source.meta["title"],
            summary=source.meta["summary"],
            terms=tuple(
                Term(
                    id=term["id"],
                    term=term["term"],
                    slug=term["slug"],
                    definition=self._inline(source, "terms", index, "definition"),
                    matches=tuple(term["matches"]),
                )
                for index, term in enumerate(source.meta["terms"])
            ),
            url=self.site.glossary_url(source.lang),
        )

    def _quiz(self, source: Source) -> Quiz:
        meta = source.meta
        structure = repr(validate.quiz_structure(meta)).encode()
        return Quiz(
            **self._listed(source),
            minutes=meta["minutes"],
            questions=tuple(self._question(q) for q in meta["questions"]),
            url=self.urls[("quiz", source.lang, source.id)],
            version=hashlib.blake2b(structure, digest_size=6).hexdigest(),
        )

    def _question(self, data: dict[str, Any]) -> Question:
        image = data.get("image") or {}
        return Question(
            id=data["id"],
            type=data["type"],
            text=data["text"].strip(),
            options=tuple(
                Option(
                    id=validate.option_id(option["id"]),
                    text=str(option["text"]).strip(),
                    correct=bool(option.get("correct")),
                    feedback=option["feedback"].strip(),
                )
                for option in data["options"]
            ),
            explanation=data["explanation"].strip(),
            guide=data.get("guide"),
            image_url=self.image_url(image["src"].removeprefix("images/")) if image else None,
            image_alt=image.get("alt"),
        )

    def _lesson(self, source: Source, worksheets: dict[tuple[str, str], Handout]) -> Lesson:
        meta = source.meta
        html, _ = self._render(source)
        return Lesson(
            id=source.id,
            lang=source.lang,
            title=meta["title"],
            slug=meta["slug"],
            summary=meta["summary"],
            age=tuple(meta["age"]),
            level=meta["level"],
            duration=meta["duration"],
            topics=tuple(meta["topics"]),
            objectives=tuple(meta["objectives"]),
            materials=tuple(meta["materials"]),
            preparation=tuple(meta["preparation"]),
            worksheets=tuple(worksheets[(source.lang, i)] for i in meta["worksheets"]),
            guides=tuple(meta.get("guides") or ()),
            quizzes=tuple(meta.get("quizzes") or ()),
            updated=meta["updated"],
            html=html,
            url=self.urls[("lesson", source.lang, source.id)],
            family_questions=tuple(meta["family_questions"]),
            competences=tuple(
                area
                for (lang, area_id), area in self.areas.items()
                if lang == source.lang and area_id in meta["competences"]
            ),
        )

    def _handout(self, source: Source, answer_key: Handout | None = None) -> Handout:
        kind = "answers" if source.folder.endswith("answer-keys") else "sheet"
        html, _ = self._render(source, id_prefix=f"{kind}-{source.id}-")
        return Handout(
            id=source.id,
            lang=source.lang,
            title=source.meta["title"],
            slug=source.meta.get("slug", source.id),
            html=html,
            answer_key=answer_key,
        )

    def build(self, synonyms: dict[str, dict[str, tuple[str, ...]]]) -> Catalogue:
        guides = {(s.lang, s.id): self._guide(s) for s in self.folders["guides"]}
        pages = {
            (s.lang, s.id): self._page(s, self.urls[("page", s.lang, s.id)])
            for s in self.folders["pages"]
        }
        audiences = {
            (s.lang, s.id): self._page(s, self.urls[("audience", s.lang, s.id)])
            for s in self.folders["audiences"]
        }
        topics = {
            (lang, topic_id): Topic(
                id=topic_id,
                lang=lang,
                name=data[lang]["name"],
                slug=data[lang]["slug"],
                summary=data[lang]["summary"],
                url=self.urls[("topic", lang, topic_id)],
                helplines=tuple(data["helplines"]),
            )
            for topic_id, data in self.topic_data.items()
            for lang in self.site.languages
        }
        helplines = {
            (lang, helpline_id): Helpline(
                id=helpline_id,
                lang=lang,
                number=str(data["number"]),
                name=data[lang]["name"],
                text=data[lang]["text"],
                audiences=tuple(data.get("audiences") or AUDIENCES),
            )
            for helpline_id, data in self.helpline_data.items()
            for lang in data.get("languages", self.site.languages)
        }
        quizzes = {(s.lang, s.id): self._quiz(s) for s in self.folders["quizzes"]}
        answer_keys = {
            (s.lang, s.id): self._handout(s) for s in self.folders["lessons/answer-keys"]
        }
        worksheets = {
            (s.lang, s.id): self._handout(s, answer_keys.get((s.lang, s.id)))
            for s in self.folders["lessons/worksheets"]
        }
        lessons = {(s.lang, s.id): self._lesson(s, worksheets) for s in self.folders["lessons"]}
        apps = {(s.lang, s.id): self._app(s) for s in self.folders["apps"]}
        glossaries = {s.lang: self._glossary(s) for s in self.folders["glossary"]}
        by_slug: dict[tuple[str, str, str], object] = {}
        kinds = (
            ("guide", guides),
            ("topic", topics),
            ("page", pages),
            ("quiz", quizzes),
            ("lesson", lessons),
            ("app", apps),
        )
        for kind, items in kinds:
            for (lang, _), item in items.items():
                by_slug[(kind, lang, item.slug)] = item
        return Catalogue(
            guides=MappingProxyType(guides),
            topics=MappingProxyType(topics),
            pages=MappingProxyType(pages),
            audiences=MappingProxyType(audiences),
            helplines=MappingProxyType(helplines),
            images=MappingProxyType(self.images),
            quizzes=MappingProxyType(quizzes),
            lessons=MappingProxyType(lessons),
            frameworks=MappingProxyType(self.frameworks),
            apps=MappingProxyType(apps),
            glossaries=MappingProxyType(glossaries),
            synonyms=MappingProxyType(synonyms),
            _by_slug=MappingProxyType(by_slug),
        )
