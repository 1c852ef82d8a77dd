"""Bad addresses and bad requests get a clear page in the visitor's language, never a 500."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import BadRequest


@pytest.mark.parametrize(
    ("url", "lang", "heading"),
    [
        ("/nl/bestaat-niet", "nl", "Pagina niet gevonden"),
        ("/fr/enfants/inconnu", "fr", "Page introuvable"),
        ("/en/kids/nope", "en", "Page not found"),
        ("/nl/onbekend/sectie/hier", "nl", "Pagina niet gevonden"),
        ("/fr/themes/inconnu", "fr", "Page introuvable"),
        ("/en/kinderen/", "en", "Page not found"),
    ],
)
def test_unknown_slug_or_section_is_a_localized_404(client, url, lang, heading):
    response = client.get(url)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    assert heading in html
    assert 'href="tel:116000"' in html
    assert f'href="/{lang}/"' in html


@pytest.mark.parametrize(
    ("accept_language", "heading"), [("fr", "Page introuvable"), ("nl", "Pagina niet gevonden")]
)
def test_unknown_language_is_a_404_in_the_visitors_language(client, accept_language, heading):
    response = client.get("/de/kinder/", headers={"Accept-Language": accept_language})
    assert response.status_code == 404
    assert heading in response.get_data(as_text=True)


def test_unknown_language_with_no_preference_falls_back_to_english(client):
    response = client.get("/es/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.get_data(as_text=True)


def test_a_wrong_method_is_a_localized_405(client):
    response = client.post("/fr/aide")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert '<html lang="fr">' in response.get_data(as_text=True)


def test_a_bad_request_is_a_localized_400(fresh_app):
    app = fresh_app()

    @app.get("/nl/test-bad-request")
    def bad():
        raise BadRequest()

    response = app.test_client().get("/nl/test-bad-request")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Dit verzoek lukte niet" in html
    assert 'href="/nl/"' in html


def test_an_unexpected_error_is_a_localized_500_page(fresh_app):
    app = fresh_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/fr/test-crash")
    def crash():
        raise RuntimeError("boom")

    response = app.test_client().get("/fr/test-crash")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Un problème est survenu de notre côté" in html
    assert "boom" not in html
