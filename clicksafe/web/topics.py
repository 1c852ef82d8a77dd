"""Topic pages gather the guides of one topic across the four audiences."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from ..content import AUDIENCES
from ..i18n import LANGUAGES, PATHS
from .cache import cached_page
from .context import alternates, alternates_of, catalogue

bp = Blueprint("topics", __name__)


@cached_page
def index(lang: str) -> str:
    site = catalogue()
    return render_template(
        "topics/index.html",
        topics=[(topic, site.guides_for(lang, topic=topic.id)) for topic in site.topics_in(lang)],
        alternates=alternates({code: PATHS.topics_url(code) for code in LANGUAGES}),
    )


@cached_page
def topic(lang: str, slug: str) -> str:
    site = catalogue()
    item = site.topic(lang, slug) or abort(404)
    guides = site.guides_for(lang, topic=item.id)
    return render_template(
        "topics/topic.html",
        topic=item,
        by_audience=[
            (audience, [g for g in guides if audience in g.audiences]) for audience in AUDIENCES
        ],
        lessons=site.lessons_for(lang, topic=item.id),
        helplines=site.helplines_for(lang, (item.id,)),
        alternates=alternates_of(site.translations(site.topics, item.id)),
    )


for code in LANGUAGES:
    bp.add_url_rule(PATHS.topics_url(code), "index", index, defaults={"lang": code})
    bp.add_url_rule(PATHS.topic_url(code, "<slug>"), "topic", topic, defaults={"lang": code})
