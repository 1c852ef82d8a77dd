"""Download addresses for teachers: lesson plans, worksheets, answer keys, packs and quiz exports.

Every address is looked up in the catalogue by slug; a file name never comes from the request,
so nothing outside the download cache can be served.
"""

from __future__ import annotations

import io

from flask import Blueprint, Response, abort, request, send_file

from ..content import Handout, Lesson
from ..i18n import LANGUAGES, LESSON_FORMATS, PATHS, QUIZ_FORMATS, WORKSHEET_FORMATS
from .cache import offer_to_page_cache
from .context import catalogue
from .documents import (
    answer_key_download,
    family_letter_download,
    file_cache,
    lesson_download,
    quiz_answers_download,
    quiz_download,
    worksheet_download,
)
from .file_cache import Download
from .page_cache import FILE

bp = Blueprint("downloads", __name__)
MAX_AGE = 3600


def send(download: Download) -> Response:
    cache = file_cache()
    built = cache.get(download)
    if built.path is not None:  # the page cache may send it from disk from now on
        request.environ[FILE] = str(built.path)
        offer_to_page_cache()
    return send_file(
        built.path or io.BytesIO(built.data),
        mimetype=download.mimetype,
        as_attachment=True,
        download_name=download.filename,
        conditional=True,
        etag=cache.etag(download),
        last_modified=built.modified,
        max_age=MAX_AGE,
    )


def _lesson(lang: str, slug: str) -> Lesson:
    return catalogue().lesson(lang, slug) or abort(404)


def _worksheet(lesson: Lesson, sheet: str) -> Handout:
    return lesson.worksheet(sheet) or abort(404)


def lesson_file(lang: str, slug: str, ext: str) -> Response:
    return send(lesson_download(_lesson(lang, slug), ext))


def worksheet_file(lang: str, slug: str, sheet: str, ext: str) -> Response:
    lesson = _lesson(lang, slug)
    return send(worksheet_download(lesson, _worksheet(lesson, sheet), ext))


def answer_key_file(lang: str, slug: str, sheet: str) -> Response:
    lesson = _lesson(lang, slug)
    worksheet = _worksheet(lesson, sheet)
    if worksheet.answer_key is None:
        abort(404)
    return send(answer_key_download(lesson, worksheet))


def family_letter_file(lang: str, slug: str) -> Response:
    return send(family_letter_download(_lesson(lang, slug)))


def quiz_file(lang: str, slug: str, ext: str) -> Response:
    return send(quiz_download(catalogue().quiz(lang, slug) or abort(404), ext))


def quiz_answers_file(lang: str, slug: str) -> Response:
    return send(quiz_answers_download(catalogue().quiz(lang, slug) or abort(404)))


def _rule(rule: str, endpoint: str, view, **defaults: str) -> None:
    bp.add_url_rule(rule, endpoint, view, defaults=defaults)


for code in LANGUAGES:
    for ext in LESSON_FORMATS:
        _rule(
            PATHS.lesson_file_url(code, "<slug:slug>", ext),
            f"lesson_{ext}",
            lesson_file,
            lang=code,
            ext=ext,
        )
    _rule(
        PATHS.family_letter_url(code, "<slug:slug>"), "family_letter", family_letter_file, lang=code
    )
    for ext in WORKSHEET_FORMATS:
        rule = PATHS.worksheet_url(code, "<slug:slug>", "<slug:sheet>", ext)
        _rule(rule, f"worksheet_{ext}", worksheet_file, lang=code, ext=ext)
    _rule(
        PATHS.answer_key_url(code, "<slug:slug>", "<slug:sheet>"),
        "answer_key",
        answer_key_file,
        lang=code,
    )
    for ext in QUIZ_FORMATS:
        rule = PATHS.quiz_file_url(code, "<slug:slug>", ext)
        _rule(rule, f"quiz_{ext.replace('.', '_')}", quiz_file, lang=code, ext=ext)
    _rule(PATHS.quiz_answers_url(code, "<slug:slug>"), "quiz_answers", quiz_answers_file, lang=code)
