"""Content pages are the same for every visitor of a language: render once, serve from memory."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Response, current_app, request

from .compression import Variants
from .page_cache import CACHEABLE


def cached_page(
    view: Callable[..., str] | None = None, *, query: tuple[str, ...] = ()
) -> Callable[..., Response]:
    """Keep the HTML a view returns, keyed by endpoint, URL values and the `query` arguments the
    view reads, compressed once, with an ETag for 304s and a Cache-Control that lets a shared
    cache or CDN keep it for a few minutes.

    Only views whose output depends on nothing but these may use this. A 4xx raised by the view
    is never stored: the view refuses any query argument it does not offer, so the cache holds at
    most one entry per real page, however many addresses visitors make up.
    """

    def decorate(view: Callable[..., str]) -> Callable[..., Response]:
        @wraps(view)
        def serve(**values: str) -> Response:
            store: dict[tuple, Variants] = current_app.extensions["clicksafe.page_cache"]
            asked = tuple(request.args.get(name, "") for name in query)
            key = (request.endpoint, tuple(sorted(values.items())), asked)
            page = store.get(key)
            if page is None:
                page = Variants(view(**values).encode(), "text/html")
                if current_app.config["PAGE_CACHE"]:
                    store[key] = page
            if current_app.config["PAGE_CACHE"]:
                offer_to_page_cache(query)
            response = page.response(request, current_app.response_class)
            response.cache_control.public = True
            response.cache_control.max_age = current_app.config["PAGE_MAX_AGE"]
            return response

        return serve

    return decorate(view) if view else decorate


def offer_to_page_cache(query: tuple[str, ...] = ()) -> None:
    """Let the page cache in front of Flask keep this response, under this exact address, if
    the address names only arguments the view reads, each once: a made-up argument or a
    repeated one goes to Flask every time and is never kept."""
    names = [name for name, _ in request.args.items(multi=True)]
    if set(names) <= set(query) and len(names) == len(set(names)):
        request.environ[CACHEABLE] = request.query_string.decode("latin-1")
