"""Home, audience corners, prose pages (help, about, privacy), language choice and site files."""

from __future__ import annotations

import mimetypes

from flask import Blueprint, Response, abort, current_app, redirect, render_template, request

from ..config import PROJECT_ROOT
from ..content import AUDIENCES
from ..content.render import render_document
from ..i18n import LANG_COOKIE, LANG_COOKIE_MAX_AGE, LANGUAGES, PATHS, SITE_DOCUMENTS
from .cache import cached_page, offer_to_page_cache
from .compression import Variants
from .context import alternates, alternates_of, catalogue
from .locale import preferred_language

bp = Blueprint("pages", __name__)


@bp.get("/")
def choose_language() -> Response:
    """Send visitors to their language; with no preference at all, let them choose."""
    lang = preferred_language()
    if lang:
        response = redirect(PATHS.home_url(lang), 302)
    else:
        response = current_app.make_response(render_template("pages/chooser.html"))
    response.vary.update(("Cookie", "Accept-Language"))
    return response


@bp.get("/language/<choice>")
def switch_language(choice: str) -> Response:
    """Remember an explicit choice of language (the only cookie a visitor gets), then go on."""
    if choice not in LANGUAGES:
        abort(404)
    target = request.args.get("next", "")
    if not target.startswith(f"/{choice}/") or "//" in target or "\\" in target:
        target = PATHS.home_url(choice)
    response = redirect(target, 303)
    response.set_cookie(
        LANG_COOKIE,
        choice,
        max_age=LANG_COOKIE_MAX_AGE,
        samesite="Lax",
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


@cached_page
def home(lang: str) -> str:
    site = catalogue()
    return render_template(
        "pages/home.html",
        corners=[site.audiences[(lang, audience)] for audience in AUDIENCES],
        topics=site.topics_in(lang),
        alternates=alternates({}),
    )


@cached_page
def corner(lang: str, audience: str) -> str:
    site = catalogue()
    return render_template(
        "pages/corner.html",
        audience=audience,
        intro=site.audiences[(lang, audience)],
        guides=site.guides_for(lang, audience=audience),
        quizzes=site.quizzes_for(lang, audience),
        age_bands=site.age_bands(lang) if audience == "teachers" else [],
        topics=site.topics_in(lang),
        alternates=alternates({code: PATHS.audience_url(code, audience) for code in LANGUAGES}),
        quick_exit=audience == "teens",
    )


@cached_page
def page(lang: str, slug: str) -> str:
    site = catalogue()
    item = site.page(lang, slug) or abort(404)
    return render_template(
        "pages/page.html",
        page=item,
        alternates=alternates_of(site.translations(site.pages, item.id)),
        quick_exit=item.id == "help",
    )


for code in LANGUAGES:
    bp.add_url_rule(PATHS.home_url(code), "home", home, defaults={"lang": code})
    bp.add_url_rule(PATHS.page_url(code, "<slug>"), "page", page, defaults={"lang": code})
    for audience_id in AUDIENCES:
        bp.add_url_rule(
            PATHS.audience_url(code, audience_id),
            "corner",
            corner,
            defaults={"lang": code, "audience": audience_id},
        )


@bp.record_once
def _prepare(state) -> None:
    """Documents about the site (docs/<name>.md), rendered once like content, and content
    images ready to send, compressed where that helps (SVG)."""
    app = state.app
    app.extensions["clicksafe.documents"] = {
        name: render_document((PROJECT_ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8"))
        for name in SITE_DOCUMENTS
    }
    app.extensions["clicksafe.media"] = {
        name: Variants(data, mimetypes.guess_type(name)[0] or "application/octet-stream")
        for name, data in app.extensions["clicksafe.catalogue"].images.items()
    }


@cached_page
def document(name: str) -> str:
    """In English only, whatever the visitor's language: the page says so with lang="en"."""
    return render_template(
        "pages/document.html",
        body=current_app.extensions["clicksafe.documents"][name],
        alternates=alternates({}),
    )


for name in SITE_DOCUMENTS:
    bp.add_url_rule(PATHS.document_url(name), "document", document, defaults={"name": name})


@bp.get("/media/<path:name>")
def media(name: str) -> Response:
    """Content images, from memory: a dictionary lookup cannot wander out of content/images."""
    image = current_app.extensions["clicksafe.media"].get(name) or abort(404)
    response = image.response(request, current_app.response_class)
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    offer_to_page_cache()
    return response


@bp.get("/robots.txt")
def robots() -> Response:
    body = f"User-agent: *\nAllow: /\nSitemap: {current_app.config['SITE_URL']}/sitemap.xml\n"
    return current_app.response_class(body, mimetype="text/plain")


@bp.get("/sitemap.xml")
def sitemap() -> Response:
    """Every page with its translations, as search engines expect."""
    site = catalogue()
    groups = [{code: PATHS.home_url(code) for code in LANGUAGES}]
    groups += [{code: PATHS.audience_url(code, a) for code in LANGUAGES} for a in AUDIENCES]
    groups.append({code: PATHS.topics_url(code) for code in LANGUAGES})
    groups.append({code: PATHS.quizzes_url(code) for code in LANGUAGES})
    groups.append({code: PATHS.lessons_url(code) for code in LANGUAGES})
    groups.append({code: PATHS.apps_url(code) for code in LANGUAGES})
    groups.append({code: PATHS.glossary_url(code) for code in LANGUAGES})
    for items in (site.guides, site.topics, site.pages, site.quizzes, site.lessons, site.apps):
        for item_id in sorted({item_id for _, item_id in items}):
            groups.append(
                {code: item.url for code, item in site.translations(items, item_id).items()}
            )
    xml = render_template(
        "pages/sitemap.xml", groups=groups, site_url=current_app.config["SITE_URL"]
    )
    return current_app.response_class(xml, mimetype="application/xml")
