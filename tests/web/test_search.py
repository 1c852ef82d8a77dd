"""Search pages on the fixture content: a GET form in every header, results with kind, audience
and marked snippets, suggestions as JSON, a clear answer to any input, rate limits, and a
bounded cache."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from clicksafe.i18n import LANGUAGES, PATHS

FIXTURE = Path(__file__).parent.parent / "fixtures" / "content" / "ok"


def result_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="result__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.mark.parametrize(
    ("lang", "address"), [("nl", "/nl/zoeken"), ("fr", "/fr/recherche"), ("en", "/en/search")]
)
def test_every_page_has_a_search_form_that_works_without_javascript(fixture_client, lang, address):
    html = fixture_client.get(PATHS.home_url(lang)).get_data(as_text=True)
    form = html[html.index('<form class="site-search"') : html.index("</form>")]
    assert f'action="{address}"' in form and 'method="get"' in form
    assert 'name="q"' in form and "<label" in form and 'type="submit"' in form


def test_results_show_title_kind_audience_and_a_marked_snippet(fixture_client):
    html = fixture_client.get("/en/search?q=privacy").get_data(as_text=True)
    assert result_titles(html)[0] == "Your privacy"
    assert '<span class="tag">Guide</span> <span class="tag tag--teens">Teens</span>' in html
    assert "<mark>" in html
    assert 'value="privacy"' in html  # the query stays in the box


def test_glossary_terms_and_app_guides_are_found_in_their_language(fixture_client):
    french = fixture_client.get("/fr/recherche?q=hameconnage").get_data(as_text=True)
    assert "Hameçonnage" in unescape(french)
    assert 'href="/fr/glossaire#hameconnage"' in french
    dutch = fixture_client.get("/nl/zoeken?q=kletsbox").get_data(as_text=True)
    assert result_titles(dutch)[0] == "Kletsbox"


def test_the_audience_filter_narrows_the_results(fixture_client):
    everyone = result_titles(fixture_client.get("/en/search?q=privacy").get_data(as_text=True))
    parents = result_titles(
        fixture_client.get("/en/search?q=privacy&audience=parents").get_data(as_text=True)
    )
    assert "Your privacy" in everyone and "Your privacy" not in parents
    assert "Chatterbox" in parents


def test_nothing_found_suggests_topics_and_the_help_line(fixture_client):
    html = fixture_client.get("/en/search?q=zebracrossing").get_data(as_text=True)
    assert "Nothing found" in html
    assert 'href="/en/topics/privacy"' in html
    assert 'href="tel:116000"' in html


def test_suggestions_come_as_json_from_the_same_address(fixture_client):
    data = fixture_client.get("/en/search?q=privacy&format=json").get_json()
    assert data["results"][0] == {
        "title": "Your privacy",
        "url": "/en/teens/your-privacy",
        "kind": "Guide",
    }
    assert fixture_client.get("/en/search?q=&format=json").get_json()["results"] == []


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_240,
        "😀",
        "\"'",
        'AND OR NOT * " ( )',
        "privacy:* NEAR(a b)",
        "'; DROP TABLE docs_en; --",
        "<script>alert(1)</script>",
    ],
)
def test_any_input_gets_an_answer_never_a_500(fixture_client, query):
    response = fixture_client.get("/en/search", query_string={"q": query})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<script>alert" not in html
    assert len(re.search(r'id="search-page-q"[^>]*value="([^"]*)"', html).group(1)) <= 200


def test_invalid_utf8_in_the_query_string_is_no_500(fixture_client):
    assert fixture_client.get("/en/search?q=%ff%fe%fd").status_code == 200


def test_a_made_up_audience_is_a_localized_400(fixture_client):
    response = fixture_client.get("/fr/recherche?q=test&audience=robots")
    assert response.status_code == 400
    assert 'lang="fr"' in response.get_data(as_text=True)


def test_the_404_page_offers_a_search_with_the_words_of_the_address(fixture_client):
    response = fixture_client.get("/fr/parents/cyber-harcelement-ecole")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert 'action="/fr/recherche"' in html
    assert 'value="cyber harcelement ecole"' in html


def test_searches_are_rate_limited_per_address(fresh_app):
    app = fresh_app(SEARCH_RATE_LIMIT="3 per minute", CONTENT_DIR=str(FIXTURE))
    client = app.test_client()
    for _ in range(3):
        assert client.get("/en/search?q=privacy").status_code == 200
    refused = client.get("/en/search?q=privacy")
    assert refused.status_code == 429
    assert refused.headers["Retry-After"]


def test_results_pages_are_kept_in_a_bounded_cache(fresh_app, monkeypatch):
    from clicksafe.web import search

    app = fresh_app(CONTENT_DIR=str(FIXTURE))
    kept = app.extensions["clicksafe.search_pages"]
    kept.size = 3
    client = app.test_client()
    for query in ("privacy", "scams", "phishing", "chatterbox", "privacy"):
        client.get("/en/search", query_string={"q": query})
    assert len(kept.pages) == 3
    monkeypatch.setattr(search, "_results_page", lambda *a: pytest.fail("rendered again"))
    again = client.get("/en/search?q=privacy")  # asked last: still kept
    assert again.status_code == 200
    assert (
        client.get(
            "/en/search?q=privacy", headers={"If-None-Match": again.headers["ETag"]}
        ).status_code
        == 304
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_results_page_links_the_same_search_in_other_languages(fixture_client, lang):
    html = fixture_client.get(PATHS.search_url(lang) + "?q=privacy").get_data(as_text=True)
    for other in LANGUAGES:
        assert f'hreflang="{other}" href="' in html
        assert f'{PATHS.search_url(other)}?q=privacy">' in html
