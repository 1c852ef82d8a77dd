"""Guide pages: a guide lives under the corner of its first audience."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template

from ..content import AUDIENCES
from ..i18n import LANGUAGES, PATHS
from .cache import cached_page
from .context import alternates_of, catalogue

bp = Blueprint("guides", __name__)


@cached_page
def guide(lang: str, audience: str, slug: str) -> str:
    site = catalogue()
    item = site.guide(lang, slug) or abort(404)
    if item.audience != audience:
        # Listed in this corner too, but it lives in its home corner: one address per guide.
        abort(redirect(item.url, 301) if audience in item.audiences else 404)
    return render_template(
        "guides/guide.html",
        guide=item,
        topics=[site.topics[(lang, topic)] for topic in item.topics],
        related=site.related(item),
        # Teachers reading a guide for the classroom find the lessons built on it.
        lessons=site.lessons_for(lang, guide=item.id) if "teachers" in item.audiences else [],
        helplines=site.helplines_for(lang, item.topics, item.audience),
        alternates=alternates_of(site.translations(site.guides, item.id)),
        quick_exit=item.audience == "teens",
    )


for code in LANGUAGES:
    for audience_id in AUDIENCES:
        bp.add_url_rule(
            PATHS.guide_url(code, audience_id, "<slug>"),
            "guide",
            guide,
            defaults={"lang": code, "audience": audience_id},
        )
