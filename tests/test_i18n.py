"""Language choice at /, the lang cookie, and complete UI translations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).parent.parent
TRANSLATIONS = ROOT / "translations"


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("nl-BE,nl;q=0.9,en;q=0.8", "/nl/"),
        ("fr-BE", "/fr/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("de-DE,de;q=0.9,fr;q=0.5,nl;q=0.4", "/fr/"),
        ("en;q=0.3,nl;q=0.8", "/nl/"),
        ("*;q=0.1,fr;q=0.2", "/fr/"),
    ],
)
def test_root_follows_accept_language_with_q_values(client, accept_language, expected):
    response = client.get("/", headers={"Accept-Language": accept_language})
    assert response.status_code == 302
    assert response.headers["Location"] == expected
    assert {"Cookie", "Accept-Language"} <= set(response.vary)


def test_the_lang_cookie_wins_over_accept_language(client):
    client.set_cookie("lang", "fr")
    response = client.get("/", headers={"Accept-Language": "nl"})
    assert response.headers["Location"] == "/fr/"


def test_an_unknown_cookie_value_is_ignored(client):
    client.set_cookie("lang", "xx")
    response = client.get("/", headers={"Accept-Language": "en"})
    assert response.headers["Location"] == "/en/"


def test_without_any_preference_a_trilingual_chooser(client):
    response = client.get("/", headers={"Accept-Language": "de, ja;q=0.5"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for lang, name in (("nl", "Nederlands"), ("fr", "Français"), ("en", "English")):
        assert f'<li lang="{lang}">' in html and name in html
        assert f'hreflang="{lang}" href="http://127.0.0.1:8000/{lang}/"' in html
    assert 'hreflang="x-default"' in html
    assert 'href="tel:116000"' in html


def test_choosing_a_language_sets_the_cookie_and_goes_there(client):
    response = client.get("/language/nl?next=/nl/kinderen/")
    assert response.status_code == 303
    assert response.headers["Location"] == "/nl/kinderen/"
    cookie = response.headers["Set-Cookie"]
    assert "lang=nl" in cookie and "SameSite=Lax" in cookie and "HttpOnly" in cookie
    assert client.get("/").headers["Location"] == "/nl/"


@pytest.mark.parametrize(
    "target", ["//evil.example/", "https://evil.example/", "/fr/", "/nl/\\evil", "/nl//x", ""]
)
def test_choosing_a_language_never_redirects_elsewhere(client, target):
    response = client.get("/language/nl", query_string={"next": target})
    assert response.headers["Location"] == "/nl/"


def test_choosing_an_unknown_language_is_a_404(client):
    assert client.get("/language/de?next=/de/").status_code == 404


def test_pages_set_no_cookie_unless_a_language_is_chosen(client):
    for url in ("/", "/nl/", "/fr/aide", "/en/kids/"):
        assert "Set-Cookie" not in client.get(url).headers, url


def catalog(lang: str):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po)


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_every_ui_string_is_translated_and_not_fuzzy(lang):
    messages = [message for message in catalog(lang) if message.id]
    assert messages
    for message in messages:
        assert not message.fuzzy, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"untranslated in {lang}: {message.id!r}"


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_translations_keep_their_placeholders(lang):
    for message in catalog(lang):
        if message.id and message.python_format:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            wanted = sorted(set(_placeholders(ids[-1])))
            for string in strings:
                assert sorted(set(_placeholders(string))) == wanted, message.id


def _placeholders(text: str) -> list[str]:
    import re

    return re.findall(r"%\((\w+)\)", text)


def test_catalogs_hold_every_string_the_code_uses(tmp_path):
    """A string added to a template but not to the catalogs would show in English everywhere."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
            "-k", "_l", "--no-location", "-o", str(pot), "clicksafe",
        ],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with open(pot, "rb") as handle:
        used = {message.id for message in read_po(handle) if message.id}
    for lang in ("nl", "fr", "en"):
        known = {message.id for message in catalog(lang) if message.id}
        assert used <= known, f"{lang} lacks {used - known}; run make translations-update"
