"""The glossary of each language: every term an anchor, linked from its first use in guides."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from ..i18n import LANGUAGES, PATHS
from .cache import cached_page
from .context import alternates, catalogue

bp = Blueprint("glossary", __name__)


@cached_page
def glossary(lang: str) -> str:
    site = catalogue()
    item = site.glossaries.get(lang) or abort(404)
    return render_template(
        "glossary/glossary.html",
        glossary=item,
        alternates=alternates({code: PATHS.glossary_url(code) for code in LANGUAGES}),
    )


for code in LANGUAGES:
    bp.add_url_rule(PATHS.glossary_url(code), "glossary", glossary, defaults={"lang": code})
