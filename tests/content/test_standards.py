"""Standards the real content keeps as it grows: every topic for every audience, app guides with
the facts parents need, a glossary, reading ease on target for every text, no placeholders, and
only the facts, numbers and terms shared/FACTS.md gives."""

from __future__ import annotations

import re
from datetime import date

import pytest

from clicksafe.content import AUDIENCES, audit
from clicksafe.i18n import LANGUAGES, PATHS

# Minimum ages from the apps' terms and PEGI labels, as shared/FACTS.md gives them.
APP_FACTS = {
    "tiktok": (13, None),
    "instagram": (13, None),
    "snapchat": (13, None),
    "facebook": (13, None),
    "discord": (13, None),
    "bereal": (13, None),
    "twitch": (13, None),
    "youtube": (13, None),
    "whatsapp": (13, None),
    "minecraft": (None, 7),
    "fortnite": (None, 12),
    "roblox": (None, None),
}
# A step that names a version or a build number stops being true with the next update.
VERSION_BOUND = re.compile(r"\b(?:versi(?:on|e)|v)\s?\d|\b\d+\.\d+\.\d+\b", re.IGNORECASE)
# Terms FACTS.md settles: the GDPR age of 13 is about consent, not an age of majority.
WRONG_TERMS = ("digitale meerderjarigheid", "majorité numérique", "digital majority")


def every_text(catalogue):
    return [(path, html) for path, _, _, html in audit.texts(catalogue)]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_topic_has_a_guide_for_every_audience(catalogue, audience):
    """The coverage matrix (topic x audience) has no empty cell, in any language."""
    for lang in LANGUAGES:
        for topic in catalogue.topics_in(lang):
            guides = catalogue.guides_for(lang, audience=audience, topic=topic.id)
            assert guides, f"no {audience} guide on {topic.id} in {lang}"


def test_every_text_reads_at_its_audiences_target(catalogue):
    below = [
        f"{r.path} {r.ease:.1f} < {r.target}" for r in audit.readings(catalogue) if r.below_target
    ]
    assert below == []


def test_no_placeholder_or_scaffold_text_is_left(catalogue):
    assert audit.leftovers(catalogue) == []


def test_no_number_or_term_beyond_the_facts(catalogue):
    for path, html in every_text(catalogue):
        assert "116 111" not in html and "116111" not in html, path
        for term in WRONG_TERMS:
            assert term not in html.lower(), (path, term)


def test_at_least_a_dozen_app_guides_with_the_facts_from_their_terms(catalogue):
    apps = {app_id for _, app_id in catalogue.apps}
    assert len(apps) >= 12
    for (lang, app_id), app in catalogue.apps.items():
        assert app_id in APP_FACTS, f"{app_id}: add its age facts to FACTS.md and this test"
        assert (app.minimum_age, app.pegi) == APP_FACTS[app_id], (app_id, lang)
        assert (app.pegi is not None) <= (app.kind == "game"), app_id
        assert (date.today() - app.updated).days < 550, f"{app_id}: check the app again"


def test_app_guides_say_what_a_parent_needs_without_version_bound_steps(catalogue):
    for (lang, app_id), app in catalogue.apps.items():
        assert len(app.uses) >= 2 and len(app.risks) >= 3 and len(app.talk) >= 2, app_id
        assert app.settings and app.report, app_id
        for setting in app.settings:
            assert not VERSION_BOUND.search(setting.steps), (app_id, lang, setting.steps)
        for guide_id in app.guides:
            assert (lang, guide_id) in catalogue.guides


def test_the_app_index_offers_apps_for_every_age_a_parent_asks_about(client, catalogue):
    for age, kind in ((7, None), (13, "social"), (13, "chat"), (12, "game"), (13, "video")):
        assert catalogue.apps_for("en", age=age, kind=kind), (age, kind)
    html = client.get(PATHS.apps_url("nl")).get_data(as_text=True)
    for (lang, _), app in catalogue.apps.items():
        if lang == "nl":
            assert f'href="{app.url}"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_glossary_of_forty_terms_linked_from_the_guides(catalogue, lang):
    glossary = catalogue.glossaries[lang]
    assert len(glossary.terms) >= 40
    guides = [guide for (code, _), guide in catalogue.guides.items() if code == lang]
    linked = {
        term.slug
        for term in glossary.terms
        if any(f"{glossary.url}#{term.slug}" in guide.html for guide in guides)
    }
    assert len(linked) >= len(glossary.terms) // 2, sorted(t.slug for t in glossary.terms)


def test_the_glossaries_explain_the_same_terms(catalogue):
    ids = {lang: [term.id for term in catalogue.glossaries[lang].terms] for lang in LANGUAGES}
    assert ids["nl"] == ids["fr"] == ids["en"]


HELP_NUMBERS = {
    "nl": ("tel:1813", "tel:106", "tel:1712", "tel:078170170", "tel:101", "tel:112"),
    "fr": ("tel:080032123", "tel:107", "tel:078170170", "tel:101", "tel:112"),
    "en": ("tel:1813", "tel:080032123", "tel:106", "tel:107", "tel:078170170", "tel:101"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_help_page_covers_every_situation_with_its_line(catalogue, lang):
    """Upset by something, a friend in crisis, photo threats, blackmail, scams, a worried parent."""
    help_page = catalogue.pages[(lang, "help")]
    for number in HELP_NUMBERS[lang]:
        assert number in help_page.html, (lang, number)
    assert help_page.html.count("<h2") >= 10
