"""Which language a request is in: the URL, then the lang cookie, then Accept-Language."""

from __future__ import annotations

from flask import g, request

from ..i18n import FALLBACK_LANGUAGE, LANG_COOKIE, LANGUAGES, language_of_path


def preferred_language() -> str | None:
    """The visitor's own choice (cookie), then their browser's (Accept-Language with q-values)."""
    cookie = request.cookies.get(LANG_COOKIE)
    if cookie in LANGUAGES:
        return cookie
    return request.accept_languages.best_match(LANGUAGES)


def select_locale() -> str:
    """Flask-Babel's locale selector; also used by error pages on addresses that match nothing."""
    lang = g.get("lang")
    if lang is None:
        lang = language_of_path(request.path) or preferred_language() or FALLBACK_LANGUAGE
        g.lang = lang
    return lang
