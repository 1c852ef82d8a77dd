"""The web layer: thin blueprints, localized error pages, security headers."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask, current_app, g, render_template, request
from flask_babel import format_date, format_decimal, gettext
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.routing import BaseConverter

from ..i18n import LANGUAGE_NAMES, LANGUAGES, PATHS, SECTION_WORDS
from ..search import MAX_QUERY_CHARS
from . import (
    apps,
    classroom,
    downloads,
    glossary,
    guides,
    health,
    lessons,
    pages,
    quizzes,
    search,
    topics,
)
from .assets import register_assets
from .context import alternates, catalogue
from .file_cache import FileCache, fingerprint
from .limits import register_limits
from .locale import select_locale
from .page_cache import PageCache
from .sessions import QuizSessionInterface

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


class SlugConverter(BaseConverter):
    """A slug as content writes it: no dots, so `<slug>.pdf` and `<slug>.antwoorden.pdf` differ."""

    regex = r"[a-z0-9]+(?:-[a-z0-9]+)*"


def register_web(app: Flask) -> None:
    app.extensions["clicksafe.page_cache"] = {}
    app.extensions["clicksafe.files"] = FileCache(
        Path(app.config["DOWNLOAD_DIR"]) / _download_fingerprint(app)
    )
    app.url_map.converters["slug"] = SlugConverter
    app.session_interface = QuizSessionInterface()
    register_assets(app)
    register_limits(app)
    search.register_search(app)
    for module in (
        pages,
        guides,
        topics,
        quizzes,
        classroom,
        lessons,
        apps,
        glossary,
        search,
        downloads,
        health,
    ):
        app.register_blueprint(module.bp)
    app.before_request(_refuse_big_bodies)
    app.before_request(_language_from_url)
    app.url_defaults(_add_language)
    app.context_processor(_template_context)
    app.after_request(_security_headers)
    app.register_error_handler(HTTPException, _error_page)
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["points"] = _points
    app.wsgi_app = PageCache(app.wsgi_app)  # outermost: a kept page never reaches Flask


def _download_fingerprint(app: Flask) -> str:
    """What teachers' files are made of: content, translations, and the code and templates that
    turn them into files."""
    package = Path(app.root_path)
    return fingerprint(
        [
            Path(app.config["CONTENT_DIR"]),
            Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]),
            package / "templates" / "documents",
            package / "templates" / "lessons",
            package / "static" / "css" / "document.css",
            package / "documents",
            package / "exports",
            package / "web" / "documents.py",
        ]
    )


def _points(value) -> str:
    """A quiz score in the page's language: 7, 7.5 or 7,5."""
    return format_decimal(float(value), format="#,##0.#")


def _refuse_big_bodies() -> None:
    """A body bigger than any form of the site is refused before anything reads it, also on
    views that read no form at all (Werkzeug checks only when the form is read)."""
    limit = request.max_content_length
    if limit is not None and (request.content_length or 0) > limit:
        raise RequestEntityTooLarge()


def _language_from_url() -> None:
    lang = (request.view_args or {}).get("lang")
    if lang in LANGUAGES:
        g.lang = lang


def _add_language(endpoint: str, values: dict) -> None:
    expects = current_app.url_map.is_endpoint_expecting(endpoint, "lang")
    if expects and "lang" not in values and g.get("lang"):
        values["lang"] = g.lang


def _template_context() -> dict:
    lang = select_locale()
    site = catalogue()
    return {
        "lang": lang,
        "languages": LANGUAGES,
        "language_names": LANGUAGE_NAMES,
        "paths": PATHS,
        "help_page": site.pages[(lang, "help")],
        "site_pages": {
            page_id: page for (code, page_id), page in site.pages.items() if code == lang
        },
        "current_url": request.path,
        "emergency_line": site.helplines[(lang, "child-focus")],
    }


def _security_headers(response):
    present = {name.lower() for name, _ in response.headers.items()}
    response.headers.extend(
        [(name, value) for name, value in SECURITY_HEADERS.items() if name.lower() not in present]
    )
    return response


def _error_texts(code: int) -> tuple[str, str]:
    if code == 404:
        return gettext("Page not found"), gettext(
            "We cannot find this page. Perhaps the address has a typo, or the page has moved."
        )
    if code == 429:
        return gettext("Too many tries"), gettext("Please wait a minute, then try again.")
    if code == 413:
        return gettext("This form is too big"), gettext(
            "What was sent is much bigger than any form on this site. Go back and try again."
        )
    if code >= 500:
        return gettext("Something went wrong on our side"), gettext(
            "We are sorry. Please try again in a moment."
        )
    return gettext("This request did not work"), gettext(
        "Something in the address or the form was not right. Go back and try again."
    )


def _quiz_of_request() -> str | None:
    """On a quiz's address, a bad request leads back to the start of that quiz."""
    values = request.view_args or {}
    if not (request.endpoint or "").startswith("quizzes.") or "slug" not in values:
        return None
    quiz = catalogue().quiz(values["lang"], values["slug"])
    return quiz.url if quiz else None


def _words_of_address() -> str:
    """The words of an address that led nowhere, to search for instead: '/fr/parents/cyber-
    harcelement-ecole' -> 'cyber harcelement ecole' (language and section words left out)."""
    known = set(LANGUAGES) | {words[code] for words in SECTION_WORDS.values() for code in words}
    parts = re.split(r"[/\-_.+%]+", request.path)
    return " ".join(part for part in parts if part and part not in known)[:MAX_QUERY_CHARS]


def _error_page(error: HTTPException):
    select_locale()
    code = error.code or 500
    heading, message = _error_texts(code)
    html = render_template(
        "errors/error.html",
        error=error,
        heading=getattr(error, "heading", heading),
        message=getattr(error, "message", message),
        back=getattr(error, "back", None) or _quiz_of_request(),
        words_of_address=_words_of_address() if code == 404 else "",
        alternates=alternates({}),
    )
    headers = {"Cache-Control": "no-store"}
    allowed = getattr(error, "valid_methods", None)
    if allowed:
        headers["Allow"] = ", ".join(allowed)
    retry_after = getattr(error, "retry_after", None)
    if retry_after is not None:  # a 429 says when this visitor may try again
        headers["Retry-After"] = str(retry_after)
    return html, code, headers
