"""Search: a GET form in every page's header, a results page, and suggestions as JSON.

A results page depends only on the language, the query and the audience filter, so it is kept
like a content page, but in a bounded cache of its own: visitors can type endless queries, and
searches are counted per address before anything is served.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request
from flask_babel import lazy_gettext

from ..content import AUDIENCES
from ..i18n import LANGUAGES, PATHS
from ..search import MAX_QUERY_CHARS, SearchIndex
from .compression import Variants
from .context import alternates, catalogue
from .limits import rate_limits

bp = Blueprint("search", __name__)
KEPT_PAGES = 2000  # results pages kept in memory per process; the least recently asked go first
SUGGESTIONS = 8
KIND_NAMES = {
    "guide": lazy_gettext("Guide"),
    "app": lazy_gettext("App or game"),
    "topic": lazy_gettext("Topic"),
    "quiz": lazy_gettext("Quiz"),
    "lesson": lazy_gettext("Lesson"),
    "term": lazy_gettext("Glossary"),
    "help": lazy_gettext("Help"),
    "line": lazy_gettext("Help line"),
}


class KeptPages:
    """A small LRU of rendered results pages, shared by a process's threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pages: OrderedDict[tuple, Variants] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> Variants | None:
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key: tuple, page: Variants) -> None:
        with self.lock:
            self.pages[key] = page
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


def index() -> SearchIndex:
    return current_app.extensions["clicksafe.search"]


def search(lang: str) -> Response:
    rate_limits().check_search()
    query = request.args.get("q", "").strip()[:MAX_QUERY_CHARS]
    audience = request.args.get("audience", "")
    if audience not in ("", *AUDIENCES):
        abort(400)
    if request.args.get("format") == "json":
        return _suggestions(lang, query)
    kept: KeptPages = current_app.extensions["clicksafe.search_pages"]
    key = (lang, query, audience)
    page = kept.get(key)
    if page is None:
        page = Variants(_results_page(lang, query, audience).encode(), "text/html")
        kept.put(key, page)
    response = page.response(request, current_app.response_class)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["PAGE_MAX_AGE"]
    return response


def _results_page(lang: str, query: str, audience: str) -> str:
    results = index().search(lang, query, audience or None)
    return render_template(
        "search/results.html",
        results=results,
        search_query=query,
        audience=audience,
        kind_names=KIND_NAMES,
        topics=catalogue().topics_in(lang),
        alternates=alternates(
            {code: PATHS.search_url(code) + _query_string(query, audience) for code in LANGUAGES}
        ),
    )


def _query_string(query: str, audience: str) -> str:
    arguments = {key: value for key, value in (("q", query), ("audience", audience)) if value}
    return f"?{urlencode(arguments)}" if arguments else ""


def _suggestions(lang: str, query: str) -> Response:
    """For suggestions as you type: the best few titles, their kind and address."""
    hits = index().search(lang, query).hits[:SUGGESTIONS] if query else ()
    response = jsonify(
        query=query,
        results=[
            {
                "title": hit.document.title,
                "url": hit.document.url,
                "kind": str(KIND_NAMES[hit.document.kind]),
            }
            for hit in hits
        ],
    )
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["PAGE_MAX_AGE"]
    return response


def register_search(app) -> None:
    app.extensions["clicksafe.search_pages"] = KeptPages(KEPT_PAGES)


for code in LANGUAGES:
    bp.add_url_rule(PATHS.search_url(code), "search", search, defaults={"lang": code})
