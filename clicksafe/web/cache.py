"""Content pages are the same for every visitor of a language: render once, serve from memory."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from flask import Response, current_app, request


def cached_page(
    view: Callable[..., str] | None = None, *, query: tuple[str, ...] = ()
) -> Callable[..., Response]:
    """Keep the HTML a view returns, keyed by endpoint, URL values and the `query` arguments the
    view reads, with an ETag for 304s.

    Only views whose output depends on nothing but these may use this. A 4xx raised by the view
    is never stored: the view refuses any query argument it does not offer, so the cache holds at
    most one entry per real page, however many addresses visitors make up.
    """

    def decorate(view: Callable[..., str]) -> Callable[..., Response]:
        @wraps(view)
        def serve(**values: str) -> Response:
            store: dict[tuple, tuple[bytes, str]] = current_app.extensions["clicksafe.page_cache"]
            asked = tuple(request.args.get(name, "") for name in query)
            key = (request.endpoint, tuple(sorted(values.items())), asked)
            entry = store.get(key)
            if entry is None:
                body = view(**values).encode()
                entry = (body, hashlib.blake2b(body, digest_size=16).hexdigest())
                if current_app.config["PAGE_CACHE"]:
                    store[key] = entry
            response = current_app.response_class(entry[0], mimetype="text/html")
            response.set_etag(entry[1])
            return response.make_conditional(request)

        return serve

    return decorate(view) if view else decorate
