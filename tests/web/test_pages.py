"""Every page of the catalogue, in every language, through the real app."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from babel.dates import format_date

from clicksafe.content import AUDIENCES
from clicksafe.i18n import LANGUAGES, PATHS
from clicksafe.web.file_cache import Built, FileCache

SITE = "http://127.0.0.1:8000"


def all_pages(catalogue) -> list[tuple[str, str]]:
    """(lang, url) of every page the site has."""
    pages = []
    for lang in LANGUAGES:
        pages.append((lang, PATHS.home_url(lang)))
        pages.append((lang, PATHS.topics_url(lang)))
        pages.append((lang, PATHS.quizzes_url(lang)))
        pages.append((lang, PATHS.lessons_url(lang)))
        pages.append((lang, PATHS.apps_url(lang)))
        pages.append((lang, PATHS.glossary_url(lang)))
        pages += [(lang, PATHS.audience_url(lang, audience)) for audience in AUDIENCES]
    items = (
        catalogue.guides,
        catalogue.topics,
        catalogue.pages,
        catalogue.quizzes,
        catalogue.lessons,
        catalogue.apps,
    )
    for kind in items:
        pages += [(lang, item.url) for (lang, _), item in kind.items()]
    return pages


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([a-z-]+)" href="([^"]+)">', html))


def test_every_page_answers_in_its_language_with_alternates(client, catalogue):
    pages = all_pages(catalogue)
    assert len(set(pages)) == len(pages)  # one address per page
    for lang, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert f'<html lang="{lang}">' in html, url
        links = alternates(html)
        assert set(links) == {"nl", "fr", "en", "x-default"}, url
        assert links[lang] == SITE + url
        assert links["x-default"] == SITE + "/"


def test_guide_alternates_are_its_translations(client, catalogue):
    for (_, guide_id), guide in catalogue.guides.items():
        html = client.get(guide.url).get_data(as_text=True)
        for other in LANGUAGES:
            assert alternates(html)[other] == SITE + catalogue.guides[(other, guide_id)].url


def test_every_internal_link_on_every_page_works(client, catalogue, monkeypatch):
    # Download links must resolve; making the files themselves is tested in test_downloads.py.
    made = Built(b"a file", 0.0)
    monkeypatch.setattr(FileCache, "get", lambda cache, download: made)
    seen: set[str] = set()
    for _, url in all_pages(catalogue):
        html = client.get(url).get_data(as_text=True)
        for href in re.findall(r'href="(/[^"#]*)', html):
            seen.add(href.replace("&amp;", "&"))
    for href in sorted(seen):
        with client.get(href) as response:
            assert response.status_code in (200, 303), href


@pytest.mark.parametrize(
    ("url", "texts"),
    [
        ("/nl/kinderen/", ["Kinderen", "Gidsen"]),
        ("/fr/parents/", ["Parents", "Guides"]),
        ("/en/teachers/", ["Teachers", "Guides"]),
        ("/nl/themas/", ["Thema's"]),
    ],
)
def test_corners_and_lists_speak_the_language(client, url, texts):
    html = client.get(url).get_data(as_text=True)
    for text in texts:
        assert text in html


def test_each_corner_lists_its_guides(client, catalogue):
    for lang in LANGUAGES:
        for audience in AUDIENCES:
            html = client.get(PATHS.audience_url(lang, audience)).get_data(as_text=True)
            guides = catalogue.guides_for(lang, audience=audience)
            assert len(guides) >= 3
            for guide in guides:
                assert f'href="{guide.url}"' in html


def test_guide_page_shows_reading_time_date_body_related_and_help(client, catalogue):
    guide = catalogue.guides[("fr", "teens-nudes-sextortion")]
    html = client.get(guide.url).get_data(as_text=True)
    assert f"<h1>{guide.title}</h1>" in html
    assert "minutes de lecture" in html
    assert f"Mis à jour le {format_date(guide.updated, 'long', locale='fr')}" in html
    assert "De 12 à 18 ans" in html
    assert guide.html in html
    assert 'href="tel:116000"' in html
    for other in catalogue.related(guide):
        assert f'href="{other.url}"' in html


@pytest.mark.parametrize(
    ("lang", "date"),
    [("nl", "28 november 2026"), ("fr", "28 novembre 2026"), ("en", "November 28, 2026")],
)
def test_dates_are_formatted_per_locale(client, catalogue, lang, date):
    html = client.get(catalogue.guides[(lang, "kids-passwords")].url).get_data(as_text=True)
    assert date in html


def test_topic_page_gathers_guides_across_audiences(client, catalogue):
    topic = catalogue.topics[("nl", "cyberbullying")]
    html = client.get(topic.url).get_data(as_text=True)
    for guide in catalogue.guides_for("nl", topic="cyberbullying"):
        assert f'href="{guide.url}"' in html
    assert "Voor kinderen" in html and "Voor ouders" in html
    assert 'href="tel:102"' in html  # Awel, the topic's help line in Dutch


def test_a_guide_listed_in_another_corner_redirects_to_its_home(client, catalogue):
    guide = catalogue.guides[("en", "teens-scams")]
    assert guide.audiences == ("teens", "parents")
    response = client.get(PATHS.guide_url("en", "parents", guide.slug))
    assert response.status_code == 301
    assert response.headers["Location"] == guide.url


def test_help_and_116000_come_before_the_content_on_every_page(client, catalogue):
    for lang, url in all_pages(catalogue):
        html = client.get(url).get_data(as_text=True)
        main = html.index("<main")
        assert 0 < html.index('href="tel:116000"') < main, url
        assert 0 < html.index(f'href="{catalogue.pages[(lang, "help")].url}"') < main, url


def test_help_page_is_organised_by_situation_with_facts(client, catalogue):
    html = client.get("/en/help").get_data(as_text=True)
    assert html.count("<h2") >= 6
    for number in ("116000", "112", "101"):
        assert f'href="tel:{number}"' in html
    assert "INHOPE" in html
    assert "116 111" not in html


def test_quick_exit_on_teens_and_help_pages_only(client, catalogue):
    exit_link = "data-quick-exit"
    assert exit_link in client.get("/nl/jongeren/").get_data(as_text=True)
    assert exit_link in client.get("/fr/aide").get_data(as_text=True)
    assert exit_link in client.get(catalogue.guides[("en", "teens-privacy")].url).get_data(
        as_text=True
    )
    assert exit_link not in client.get("/nl/kinderen/").get_data(as_text=True)
    note = client.get("/en/help").get_data(as_text=True)
    assert "It cannot erase pages you visited earlier" in note


def test_language_switcher_leads_to_the_same_page(client, catalogue):
    guide = catalogue.guides[("nl", "kids-online-friends")]
    html = client.get(guide.url).get_data(as_text=True)
    french = catalogue.guides[("fr", "kids-online-friends")]
    switch = re.search(r'href="(/language/fr\?next=[^"]+)"', html).group(1).replace("&amp;", "&")
    response = client.get(switch)
    assert response.status_code == 303
    assert response.headers["Location"] == french.url
    assert "lang=fr" in response.headers["Set-Cookie"]


def test_sitemap_lists_every_page_with_alternates(client, catalogue):
    response = client.get("/sitemap.xml")
    assert response.mimetype == "application/xml"
    root = ET.fromstring(response.data)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = {url.findtext("s:loc", namespaces=ns): url for url in root.findall("s:url", ns)}
    for _, url in all_pages(catalogue):
        entry = locations[SITE + url]
        langs = {link.get("hreflang") for link in entry.findall("x:link", ns)}
        assert langs == {"nl", "fr", "en", "x-default"}
    assert len(locations) == len(all_pages(catalogue))


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.mimetype == "text/plain"
    assert f"Sitemap: {SITE}/sitemap.xml" in response.get_data(as_text=True)


def test_content_pages_are_served_from_memory_with_etags(client):
    first = client.get("/fr/enfants/")
    again = client.get("/fr/enfants/", headers={"If-None-Match": first.headers["ETag"]})
    assert first.headers["ETag"] == again.headers["ETag"]
    assert again.status_code == 304
    assert again.data == b""


def test_content_images_are_served_from_memory(fresh_app, tmp_path):
    import shutil
    from pathlib import Path

    root = tmp_path / "content"
    shutil.copytree(Path(__file__).parents[2] / "content", root)
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / "dot.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    client = fresh_app(CONTENT_DIR=str(root)).test_client()
    response = client.get("/media/dot.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert client.get("/media/other.svg").status_code == 404


def test_no_page_gives_two_elements_the_same_id(client, catalogue):
    """Duplicate ids break in-page links and assistive technology (a lesson page shows its plan,
    worksheets and answer keys, whose headings often read alike)."""
    for _, url in all_pages(catalogue):
        ids = re.findall(r'\sid="([^"]+)"', client.get(url).get_data(as_text=True))
        doubled = sorted({name for name in ids if ids.count(name) > 1})
        assert not doubled, (url, doubled)


def test_a_line_for_adults_shows_on_their_pages_and_topics_but_not_to_children(
    fixture_client, fixture_app
):
    site = fixture_app.extensions["clicksafe.catalogue"]
    assert [line.id for line in site.helplines_for("en", ("privacy",), "parents")] == [
        "child-focus",
        "adult-line",
    ]
    assert [line.id for line in site.helplines_for("en", ("privacy",), "teens")] == ["child-focus"]
    guide = fixture_client.get("/en/teens/your-privacy").get_data(as_text=True)
    assert "Adult line" not in guide
    topic = fixture_client.get("/en/topics/privacy").get_data(as_text=True)
    assert "Adult line" in topic


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_help_page_starts_with_a_list_of_situations_that_jumps_to_each(client, catalogue, lang):
    page = catalogue.pages[(lang, "help")]
    html = client.get(page.url).get_data(as_text=True)
    toc = html[
        html.index('<nav class="toc"') : html.index("</nav>", html.index('<nav class="toc"'))
    ]
    assert len(page.sections) >= 10
    for anchor, _ in page.sections:
        assert f'href="#{anchor}"' in toc
        assert f'<h2 id="{anchor}">' in html
    assert html.index('<nav class="toc"') < html.index('<div class="prose">')
