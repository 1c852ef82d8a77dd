"""The glossary of each language, and the links from the first use of a term in a guide."""

from __future__ import annotations

import pytest

from clicksafe.i18n import LANGUAGES, PATHS


@pytest.mark.parametrize(
    ("lang", "address"),
    [("nl", "/nl/woordenlijst"), ("fr", "/fr/glossaire"), ("en", "/en/glossary")],
)
def test_each_language_has_its_glossary_with_an_anchor_per_term(fixture_client, lang, address):
    assert PATHS.glossary_url(lang) == address
    response = fixture_client.get(address)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    anchor = "hameconnage" if lang == "fr" else "phishing"
    assert f'<dt id="{anchor}">' in html
    assert f'href="#{anchor}"' in html
    assert f'href="{PATHS.page_url(lang, {"nl": "hulp", "fr": "aide", "en": "help"}[lang])}' in html


def test_the_first_use_of_a_term_in_a_guide_links_to_it_and_only_the_first(fixture_client):
    html = fixture_client.get("/fr/jeunes/ta-vie-privee").get_data(as_text=True)
    link = '<a href="/fr/glossaire#hameconnage" class="term">Hameçonnage</a>'
    assert html.count(link) == 1
    assert html.count("/fr/glossaire#hameconnage") == 1
    assert "then hameçonnage again" in html  # the second use stays plain text
    assert "What to do about hameçonnage</h2>" in html  # headings are never linked


def test_a_term_inside_a_link_is_left_alone(fixture_client):
    html = fixture_client.get("/en/teens/your-privacy").get_data(as_text=True)
    assert '<a href="/en/kids/beta-en">phishing link</a>' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_footer_links_the_glossary(fixture_client, lang):
    html = fixture_client.get(PATHS.home_url(lang)).get_data(as_text=True)
    assert f'href="{PATHS.glossary_url(lang)}"' in html
