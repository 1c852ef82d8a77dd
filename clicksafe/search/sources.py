"""What search can find, taken from the catalogue: guides, app guides, topics, quizzes, lessons,
glossary terms and the sections of the help page, as plain text per language."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..content import Catalogue
from .index import Document

TAG = re.compile(r"<[^>]+>")
HEADING = re.compile(r"<h[23][^>]*>(.*?)</h[23]>", re.S)
HELP_SECTION = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>(.*?)(?=<h2 |\Z)', re.S)


def text(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


def headings(page_html: str) -> str:
    return " · ".join(text(heading) for heading in HEADING.findall(page_html))


def searchable(catalogue: Catalogue) -> Iterator[Document]:
    for (lang, item_id), guide in catalogue.guides.items():
        yield Document(
            "guide",
            item_id,
            lang,
            guide.title,
            guide.summary,
            guide.url,
            guide.audience,
            headings(guide.html),
            text(guide.html),
        )
    for (lang, item_id), app in catalogue.apps.items():
        parts = [*app.uses, *app.risks, *app.talk, *app.report]
        parts += [f"{setting.name}: {setting.steps}" for setting in app.settings]
        yield Document(
            "app",
            item_id,
            lang,
            app.title,
            app.summary,
            app.url,
            "parents",
            "",  # the settings' names are details of the page, not what it is about
            text(" ".join(parts)),
        )
    for (lang, item_id), topic in catalogue.topics.items():
        yield Document("topic", item_id, lang, topic.name, topic.summary, topic.url, None)
    for (lang, item_id), quiz in catalogue.quizzes.items():
        questions = " ".join(question.text for question in quiz.questions)
        yield Document(
            "quiz", item_id, lang, quiz.title, quiz.summary, quiz.url, quiz.audience, "", questions
        )
    for (lang, item_id), lesson in catalogue.lessons.items():
        yield Document(
            "lesson",
            item_id,
            lang,
            lesson.title,
            lesson.summary,
            lesson.url,
            "teachers",
            # the school years too: teachers look for "6de leerjaar", "secondary school"
            " · ".join([lesson.level, *lesson.objectives]),
            text(lesson.html),
        )
    for lang, glossary in catalogue.glossaries.items():
        for term in glossary.terms:
            yield Document(
                "term",
                term.id,
                lang,
                term.term,
                text(term.definition),
                f"{glossary.url}#{term.slug}",
                None,
                headings=" · ".join(term.matches),  # the words that mean it, as guides write them
            )
    for (lang, line_id), line in catalogue.helplines.items():
        help_page = catalogue.pages[(lang, "help")]
        yield Document(
            "help",
            f"line-{line_id}",
            lang,
            f"{line.name} {line.number}",
            line.text,
            help_page.url,
            None,
        )
    for (lang, page_id), page in catalogue.pages.items():
        if page_id != "help":
            continue
        for anchor, heading, body in HELP_SECTION.findall(page.html):
            yield Document(
                "help",
                anchor,
                lang,
                text(heading),
                "",
                f"{page.url}#{anchor}",
                None,
                "",
                text(body),
            )
