"""App and game guides for parents: an index filtered by age and kind, a page per app with every
part a parent needs, and a reminder that apps change. Runs on the fixture content."""

from __future__ import annotations

import re
from html import unescape

import pytest

from clicksafe.i18n import LANGUAGES, PATHS


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_index_lists_every_app_with_what_it_is(fixture_client, lang):
    response = fixture_client.get(PATHS.apps_url(lang))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert len(titles(html)) == 2
    assert "PEGI 7" in html
    assert f'action="{PATHS.apps_url(lang)}"' in html
    assert 'method="get"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"age": "8"}, ["Blockworld en"]),  # PEGI 7: yes; a chat app from 13: no
        ({"age": "13"}, ["Blockworld en", "Chatterbox"]),
        ({"kind": "chat"}, ["Chatterbox"]),
        ({"kind": "game", "age": "6"}, []),
    ],
)
def test_the_index_filters_by_age_and_kind(fixture_client, query, expected):
    html = fixture_client.get(PATHS.apps_url("en"), query_string=query).get_data(as_text=True)
    assert titles(html) == expected
    if not expected:
        assert "No app matches these filters" in html


def test_the_filters_survive_switching_language(fixture_client):
    html = fixture_client.get("/nl/apps/?age=13&kind=chat").get_data(as_text=True)
    assert "/fr/apps/?age=13&amp;kind=chat" in html


@pytest.mark.parametrize("query", [{"age": "3"}, {"kind": "radio"}, {"age": "x"}])
def test_a_made_up_filter_is_a_localized_400(fixture_client, query):
    response = fixture_client.get(PATHS.apps_url("fr"), query_string=query)
    assert response.status_code == 400
    assert 'lang="fr"' in response.get_data(as_text=True)


def test_an_app_page_has_every_part_a_parent_needs(fixture_client):
    response = fixture_client.get("/en/apps/chatterbox")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for heading in (
        "What children do there",
        "The risks",
        "Settings to check",
        "How to talk about it",
        "Reporting in the app",
    ):
        assert f">{heading}</h2>" in html
    assert "From 13 in its terms" in html
    assert "Checked on December 1, 2026" in html
    assert "check the app's current settings" in unescape(html)
    assert "Look in Settings &gt; Privacy" in html
    assert 'href="/en/kids/beta-en"' in html  # a content link inside a list item
    assert 'href="/en/teens/your-privacy"' in html  # the guide to read next


def test_an_app_page_is_translated_and_links_its_translations(fixture_client):
    html = fixture_client.get("/fr/apps/papotebox").get_data(as_text=True)
    assert "Papotebox" in html
    assert "/nl/apps/kletsbox" in html
    assert fixture_client.get("/fr/apps/chatterbox").status_code == 404


def test_a_game_shows_its_pegi_label_and_no_minimum_age(fixture_client):
    html = fixture_client.get("/en/apps/blockworld").get_data(as_text=True)
    assert "No minimum age in its terms" in html
    assert "PEGI 7" in html


def test_parents_find_the_app_guides_from_their_corner_and_every_footer(fixture_client):
    corner = fixture_client.get(PATHS.audience_url("nl", "parents")).get_data(as_text=True)
    assert f'href="{PATHS.apps_url("nl")}"' in corner
    kids = fixture_client.get(PATHS.audience_url("nl", "kids")).get_data(as_text=True)
    assert f'href="{PATHS.apps_url("nl")}"' in kids


def test_the_sitemap_lists_the_app_guides_and_the_glossary(fixture_client):
    xml = fixture_client.get("/sitemap.xml").get_data(as_text=True)
    assert "/nl/apps/kletsbox" in xml
    assert "/fr/glossaire" in xml
