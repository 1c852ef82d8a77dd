"""Teachers' files, made from the same templates and rendered content as the site: lesson plans,
worksheets and answer keys as PDF and Word, lesson packs, and quizzes for school platforms."""

from __future__ import annotations

import io
import mimetypes
import zipfile
from pathlib import Path

from flask import current_app, render_template
from flask_babel import gettext

from ..content import Handout, Lesson, Quiz
from ..documents.pdf import html_to_pdf
from ..exports.gift import quiz_to_gift
from ..exports.qti import quiz_to_qti
from ..i18n import PATHS, QUIZ_FORMATS
from .context import catalogue
from .file_cache import Download, FileCache

MIMETYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
    "gift.txt": "text/plain",
    "qti.zip": "application/zip",
}
FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # zip entries: the same content gives the same pack


def file_cache() -> FileCache:
    return current_app.extensions["clicksafe.files"]


def site_url() -> str:
    return current_app.config["SITE_URL"].rstrip("/")


def licence() -> str:
    return gettext(
        "Clicksafe, licensed CC BY-SA 4.0: you may copy, adapt and share it "
        "if you name the source and share your version under the same licence."
    )


def helpline() -> str:
    return gettext("Child Focus: 116 000, free, 24 hours a day, 7 days a week")


# --- lessons ---------------------------------------------------------------------------------


def lesson_download(lesson: Lesson, ext: str) -> Download:
    builders = {
        "pdf": lambda: _pdf("lesson.html", lesson.lang, lesson=lesson, **_lesson_links(lesson)),
        "docx": lambda: _docx(
            "lesson.html", lesson.lang, lesson.title, lesson=lesson, **_lesson_links(lesson)
        ),
        "zip": lambda: _pack(lesson),
    }
    return Download(
        key=f"{lesson.lang}/lessons/{lesson.id}/plan.{ext}",
        filename=f"{lesson.slug}.{ext}",
        mimetype=MIMETYPES[ext],
        build=builders[ext],
    )


def family_letter_download(lesson: Lesson) -> Download:
    """One page for parents: what the class learned, three questions to talk about at home."""
    word = PATHS.family_letter_url(lesson.lang, lesson.slug).rsplit("/", 1)[1]
    return Download(
        key=f"{lesson.lang}/lessons/{lesson.id}/families.pdf",
        filename=word,
        mimetype=MIMETYPES["pdf"],
        build=lambda: _pdf(
            "family_letter.html", lesson.lang, lesson=lesson, **_lesson_links(lesson)
        ),
    )


def worksheet_download(lesson: Lesson, sheet: Handout, ext: str) -> Download:
    def build() -> bytes:
        context = {"lesson": lesson, "handout": sheet, "answer_key": False}
        if ext == "pdf":
            return _pdf("handout.html", lesson.lang, **context)
        return _docx("handout.html", lesson.lang, sheet.title, **context)

    return Download(
        key=f"{lesson.lang}/lessons/{lesson.id}/{sheet.id}.{ext}",
        filename=f"{sheet.slug}.{ext}",
        mimetype=MIMETYPES[ext],
        build=build,
    )


def answer_key_download(lesson: Lesson, sheet: Handout) -> Download:
    key = sheet.answer_key
    assert key is not None
    ext = PATHS.answers_ext(lesson.lang)
    return Download(
        key=f"{lesson.lang}/lessons/{lesson.id}/{sheet.id}.answers.pdf",
        filename=f"{sheet.slug}.{ext}",
        mimetype=MIMETYPES["pdf"],
        build=lambda: _pdf(
            "handout.html", lesson.lang, lesson=lesson, handout=key, answer_key=True
        ),
    )


def lesson_downloads(lesson: Lesson) -> list[Download]:
    """Every file of a lesson, the pack last: what `flask lessons build` makes."""
    files = [lesson_download(lesson, "pdf"), lesson_download(lesson, "docx")]
    for sheet in lesson.worksheets:
        files += [
            worksheet_download(lesson, sheet, "pdf"),
            worksheet_download(lesson, sheet, "docx"),
        ]
        if sheet.answer_key:
            files.append(answer_key_download(lesson, sheet))
    return [*files, family_letter_download(lesson), lesson_download(lesson, "zip")]


def _lesson_links(lesson: Lesson) -> dict:
    site = catalogue()
    return {
        "guides": [site.guides[(lesson.lang, i)] for i in lesson.guides],
        "quizzes": [site.quizzes[(lesson.lang, i)] for i in lesson.quizzes],
        "topics": [site.topics[(lesson.lang, i)] for i in lesson.topics],
    }


def _pack(lesson: Lesson) -> bytes:
    """The plan, worksheets and answer keys in one zip, in a folder named after the lesson."""
    cache = file_cache()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for download in lesson_downloads(lesson)[:-1]:
            info = zipfile.ZipInfo(f"{lesson.slug}/{download.filename}", FIXED_TIME)
            archive.writestr(info, cache.read(download))
        about = f"{lesson.title}\n\n{licence()}\n{site_url()}{lesson.url}\n"
        archive.writestr(zipfile.ZipInfo(f"{lesson.slug}/LICENSE.txt", FIXED_TIME), about)
    return buffer.getvalue()


# --- quizzes ---------------------------------------------------------------------------------


def quiz_download(quiz: Quiz, ext: str) -> Download:
    source = f"{site_url()}{quiz.url}"
    builders = {
        "gift.txt": lambda: quiz_to_gift(quiz, source, licence()).encode(),
        "qti.zip": lambda: quiz_to_qti(quiz, source, licence()),
        "pdf": lambda: _pdf("quiz.html", quiz.lang, quiz=quiz, answer_key=False),
    }
    return Download(
        key=f"{quiz.lang}/quizzes/{quiz.id}.{ext}",
        filename=f"{quiz.slug}.{ext}",
        mimetype=MIMETYPES[ext],
        build=builders[ext],
    )


def quiz_answers_download(quiz: Quiz) -> Download:
    return Download(
        key=f"{quiz.lang}/quizzes/{quiz.id}.answers.pdf",
        filename=f"{quiz.slug}.{PATHS.answers_ext(quiz.lang)}",
        mimetype=MIMETYPES["pdf"],
        build=lambda: _pdf("quiz.html", quiz.lang, quiz=quiz, answer_key=True),
    )


def all_downloads(lang: str) -> list[Download]:
    """Every teachers' file in one language."""
    site = catalogue()
    files = [
        d
        for (code, _), lesson in site.lessons.items()
        if code == lang
        for d in lesson_downloads(lesson)
    ]
    for (code, _), quiz in site.quizzes.items():
        if code == lang:
            files += [quiz_download(quiz, ext) for ext in QUIZ_FORMATS]
            files.append(quiz_answers_download(quiz))
    return files


# --- making files ----------------------------------------------------------------------------


def _html(template: str, lang: str, **context) -> str:
    return render_template(
        f"documents/{template}",
        lang=lang,
        site_url=site_url(),
        licence=licence(),
        helpline=helpline(),
        **context,
    )


def _pdf(template: str, lang: str, **context) -> bytes:
    return html_to_pdf(
        _html(template, lang, **context),
        base_url=site_url() + "/",
        stylesheets=[_stylesheet(), _page_numbers()],
        resources=_resources(),
    )


def _docx(template: str, lang: str, title: str, **context) -> bytes:
    from ..documents.docx import html_to_docx  # python-docx only where a Word file is made

    return html_to_docx(
        _html(template, lang, **context),
        base_url=site_url() + "/",
        title=title,
        lang=lang,
        footer=helpline(),
        licence=licence(),
    )


def _stylesheet() -> str:
    path = Path(current_app.static_folder or "") / "css" / "document.css"
    return path.read_text(encoding="utf-8")


def _page_numbers() -> str:
    """'Page 2 of 5' in the document's language, as CSS generated content."""
    words = gettext("Page %(page)s of %(pages)s", page="\0page", pages="\0pages").replace('"', "")
    content = '"' + words.replace("\0pages", '" counter(pages) "').replace(
        "\0page", '" counter(page) "'
    )
    return f'@page {{ @bottom-right {{ content: {content}"; }} }}'


def _resources() -> dict[str, tuple[bytes, str]]:
    """What a document may load: the logo and the content's images, nothing from elsewhere."""
    static = Path(current_app.static_folder or "")
    found = {f"{site_url()}/static/img/logo.svg": ((static / "img/logo.svg").read_bytes(), "")}
    for name, data in catalogue().images.items():
        found[f"{site_url()}{PATHS.media_url(name)}"] = (data, "")
    return {
        url: (data, mimetypes.guess_type(url)[0] or "application/octet-stream")
        for url, (data, _) in found.items()
    }


def class_summary_pdf(lang: str, quiz, opened, numbers) -> bytes:
    """A one-page summary of a class session for the class file: totals only, no names."""
    hardest = numbers.hardest_first(quiz)
    return _pdf(
        "class_summary.html",
        lang,
        quiz=quiz,
        opened=opened,
        numbers=numbers,
        hardest=hardest,
        questions={question.id: question for question in quiz.questions},
    )
