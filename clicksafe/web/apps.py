"""App and game guides for parents: an index filtered by age and kind, and a page per app."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext, lazy_gettext, ngettext

from ..i18n import LANGUAGES, PATHS
from .cache import cached_page
from .context import alternates, alternates_of, catalogue
from .forms import AppFilterForm

bp = Blueprint("apps", __name__)
FILTERS = ("age", "kind")  # the query arguments of the index, all it depends on
AGES = range(6, 19)
KIND_NAMES = {
    "social": lazy_gettext("Social media"),
    "chat": lazy_gettext("Chat apps"),
    "video": lazy_gettext("Video and streaming"),
    "game": lazy_gettext("Games"),
}


def _filter_form() -> AppFilterForm:
    form = AppFilterForm(request.args)
    form.age.choices = [("", gettext("Any age"))] + [
        (str(age), ngettext("%(num)d year", "%(num)d years", age)) for age in AGES
    ]
    form.kind.choices = [("", gettext("Every kind"))] + [
        (kind, str(name)) for kind, name in KIND_NAMES.items()
    ]
    return form


@cached_page(query=FILTERS)
def index(lang: str) -> str:
    form = _filter_form()
    if not form.validate():
        abort(400)
    apps = catalogue().apps_for(
        lang, age=int(form.age.data) if form.age.data else None, kind=form.kind.data or None
    )
    query = urlencode({key: value for key, value in request.args.items() if key in FILTERS})
    return render_template(
        "apps/index.html",
        form=form,
        apps=apps,
        kind_names=KIND_NAMES,
        filtered=any(field.data for field in form),
        alternates=alternates(
            {code: PATHS.apps_url(code) + (f"?{query}" if query else "") for code in LANGUAGES}
        ),
    )


@cached_page
def app_guide(lang: str, slug: str) -> str:
    site = catalogue()
    item = site.app(lang, slug) or abort(404)
    return render_template(
        "apps/app.html",
        app=item,
        kind_names=KIND_NAMES,
        guides=[site.guides[(lang, guide_id)] for guide_id in item.guides],
        topics=[site.topics[(lang, topic_id)] for topic_id in item.topics],
        alternates=alternates_of(site.translations(site.apps, item.id)),
    )


for code in LANGUAGES:
    bp.add_url_rule(PATHS.apps_url(code), "index", index, defaults={"lang": code})
    bp.add_url_rule(PATHS.app_url(code, "<slug>"), "app", app_guide, defaults={"lang": code})
