"""Cached pages answered before Flask: a dictionary lookup and the stored bytes.

A content page is the same for every visitor of a language, so once Flask has made it (with its
security and cache headers, in the encoding the client accepts), this WSGI middleware keeps the
whole response and answers the next request for the same address and encoding itself: no
request context, no session, no before- or after-request functions. That is what lets a content
page cost little more than a bare Flask route.

Only responses a view marked as cacheable (`cached_page` sets `CACHEABLE` in the environ) whose
address is exactly the canonical one, with status 200 and no cookie, are kept, so made-up query
strings or a visitor's own page never enter it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from werkzeug.wsgi import FileWrapper

from .compression import choose_encoding

CACHEABLE = "clicksafe.cacheable"  # environ key: the canonical query string of a cacheable page
FILE = "clicksafe.file"  # environ key: the file on disk a cacheable response sends
MAX_ENTRIES = 20_000  # every page in every language and encoding, with room to spare
NOT_MODIFIED_HEADERS = {"etag", "cache-control", "vary", "date", "expires", "content-location"}
FILE_CHUNK = 256 * 1024

StartResponse = Callable[..., object]


@dataclass(frozen=True)
class Entry:
    """A whole response: headers and either its bytes or the file that holds them (a teacher's
    file is sent from disk, with the server's sendfile, and never held in memory)."""

    headers: list[tuple[str, str]]
    body: bytes | None
    path: str | None
    etag: str
    last_modified: str | None
    not_modified: list[tuple[str, str]]

    def serve(self, environ: dict, start_response: StartResponse) -> Iterable[bytes] | None:
        """The response, or None when its file has gone (Flask then answers)."""
        asked = environ.get("HTTP_IF_NONE_MATCH")
        since = environ.get("HTTP_IF_MODIFIED_SINCE")
        if (asked and (asked.strip() == "*" or self.etag in asked)) or (
            since and not asked and since == self.last_modified
        ):
            start_response("304 NOT MODIFIED", self.not_modified)
            return []
        if self.path is None:
            start_response("200 OK", self.headers)
            return [] if environ["REQUEST_METHOD"] == "HEAD" else [self.body]
        try:
            file = open(self.path, "rb")  # noqa: SIM115 (the server closes it when sent)
        except OSError:
            return None
        start_response("200 OK", self.headers)
        if environ["REQUEST_METHOD"] == "HEAD":
            file.close()
            return []
        return environ.get("wsgi.file_wrapper", FileWrapper)(file, FILE_CHUNK)


class PageCache:
    def __init__(self, app: Callable) -> None:
        self.app = app
        self.entries: dict[tuple[str, str, str | None], Entry] = {}

    def __call__(self, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        key = (
            environ.get("PATH_INFO", ""),
            environ.get("QUERY_STRING", ""),
            choose_encoding(environ.get("HTTP_ACCEPT_ENCODING", "")),
        )
        entry = self.entries.get(key)
        if entry is not None and "HTTP_RANGE" not in environ:
            served = entry.serve(environ, start_response)
            if served is not None:
                return served
            self.entries.pop(key, None)
        return self._pass_on(key, environ, start_response)

    def _pass_on(self, key, environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        seen: list = []

        def remember(status: str, headers: list[tuple[str, str]], exc_info=None):
            if exc_info:  # an error the server must see at once: handed on, never kept
                return start_response(status, headers, exc_info)
            seen[:] = [status, headers]
            return None

        body = self.app(environ, remember)
        if not seen:
            return body
        status, headers = seen
        keep = (
            environ.get(CACHEABLE) == key[1]
            and status.startswith("200")
            and environ["REQUEST_METHOD"] == "GET"
            and not any(name.lower() == "set-cookie" for name, _ in headers)
            and len(self.entries) < MAX_ENTRIES
        )
        if not keep:
            start_response(status, headers)
            return body
        named = {name.lower(): value for name, value in headers}
        not_modified = [(n, v) for n, v in headers if n.lower() in NOT_MODIFIED_HEADERS]
        path = environ.get(FILE)
        if path is not None:  # sent as Flask made it; next time straight from the file
            self.entries[key] = Entry(
                headers, None, path, named["etag"], named.get("last-modified"), not_modified
            )
            start_response(status, headers)
            return body
        try:
            data = b"".join(body)
        finally:
            getattr(body, "close", lambda: None)()
        entry = Entry(headers, data, None, named["etag"], named.get("last-modified"), not_modified)
        self.entries[key] = entry
        return entry.serve(environ, start_response) or []
