"""Bytes kept in memory (cached pages, static files) with their compressed forms, made once.

Brotli at its best setting costs some 30 ms for a 20 KB page, once; every later visitor gets the
stored bytes. Responses made per request (quiz steps) are compressed by Flask-Compress instead.
"""

from __future__ import annotations

import gzip
import hashlib

import brotli
from flask import Request, Response

# What compresses well; images such as PNG are compressed already.
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml")  # fmt: skip
MIN_SIZE = 500


def choose_encoding(accept_encoding: str) -> str | None:
    """br, else gzip, else none, as an Accept-Encoding header allows (q=0 refuses one)."""
    if not accept_encoding:
        return None
    allowed: dict[str, bool] = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.partition(";")
        quality = params.replace(" ", "").removeprefix("q=")
        allowed[name.strip()] = not (params and quality.strip("0.") == "")
    for name in ("br", "gzip"):
        if allowed.get(name, allowed.get("*", False)):
            return name
    return None


class Variants:
    """One body and its br and gzip forms, each made on first use (a race only makes it twice)."""

    def __init__(self, body: bytes, mimetype: str) -> None:
        self.body = body
        self.mimetype = mimetype
        self.etag = hashlib.blake2b(body, digest_size=16).hexdigest()
        self.compressible = len(body) >= MIN_SIZE and mimetype.startswith(COMPRESSIBLE)
        self._encoded: dict[str, bytes] = {}

    def encoding_for(self, request: Request) -> str | None:
        if not self.compressible:
            return None
        return choose_encoding(request.headers.get("Accept-Encoding", ""))

    def encoded(self, encoding: str) -> bytes:
        data = self._encoded.get(encoding)
        if data is None:
            if encoding == "br":
                data = brotli.compress(self.body, quality=11)
            else:
                data = gzip.compress(self.body, compresslevel=9, mtime=0)
            self._encoded[encoding] = data
        return data

    def response(self, request: Request, response_class: type[Response]) -> Response:
        """The body in the best encoding the client accepts, with a conditional ETag."""
        encoding = self.encoding_for(request)
        if encoding is None:
            response = response_class(self.body, mimetype=self.mimetype)
            response.set_etag(self.etag)
        else:
            response = response_class(self.encoded(encoding), mimetype=self.mimetype)
            response.headers["Content-Encoding"] = encoding
            response.set_etag(f"{self.etag}-{encoding}")  # another representation, another tag
        if self.compressible:
            response.vary.add("Accept-Encoding")
        return response.make_conditional(request)
