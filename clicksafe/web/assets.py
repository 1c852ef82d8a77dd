"""Static files under content-hashed names, kept in memory and compressed once.

`url_for("static", filename="css/site.css")` gives `/static/css/site.1a2b3c4d5e.css`: a new
release gives a new name, so browsers and CDNs may keep each file for a year without ever
showing a stale one. The plain name still answers, with a short lifetime, for old links.
"""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path

from flask import Flask, Response, abort, current_app, request

from .cache import offer_to_page_cache
from .compression import Variants

YEAR = 365 * 24 * 3600
PLAIN_NAME_MAX_AGE = 300


class Assets:
    def __init__(self, folder: Path) -> None:
        self.hashed: dict[str, str] = {}  # plain name -> hashed name
        self.files: dict[str, tuple[Variants, bool]] = {}  # served name -> (bytes, immutable)
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            name = path.relative_to(folder).as_posix()
            data = path.read_bytes()
            mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
            variants = Variants(data, mimetype)
            digest = hashlib.blake2b(data, digest_size=5).hexdigest()
            stem, dot, suffix = name.rpartition(".")
            hashed = f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"
            self.hashed[name] = hashed
            self.files[hashed] = (variants, True)
            self.files[name] = (variants, False)

    def serve(self, filename: str) -> Response:
        found = self.files.get(filename) or abort(404)
        variants, immutable = found
        response = variants.response(request, current_app.response_class)
        response.cache_control.public = True
        response.cache_control.max_age = YEAR if immutable else PLAIN_NAME_MAX_AGE
        response.cache_control.immutable = immutable
        offer_to_page_cache()
        return response


def register_assets(app: Flask) -> None:
    assets = Assets(Path(app.static_folder or ""))
    app.view_functions["static"] = assets.serve

    def hashed_name(endpoint: str, values: dict) -> None:
        if endpoint == "static" and values.get("filename") in assets.hashed:
            values["filename"] = assets.hashed[values["filename"]]

    app.url_defaults(hashed_name)
