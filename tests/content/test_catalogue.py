"""The real content: enough guides for every audience, on every required topic, written to the
standards (length, reading ease, a way to help at the end, only facts from FACTS.md)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from clicksafe.content import AUDIENCES
from clicksafe.content.readability import reading_ease
from clicksafe.i18n import LANGUAGES

# The last section of a guide says what to do or who helps: its heading starts like one of these.
WHAT_TO_DO = {
    "nl": ("Wat doe je", "Wat kun je doen", "Wat kan je doen", "Wat moet je doen", "Wie kan"),
    "fr": ("Que faire", "Qui peut"),
    "en": ("What to do", "What you can do", "Who can help"),
}
# Help lines from shared/FACTS.md: national ones everywhere, regional ones in their language.
NATIONAL_NUMBERS = {"116000", "112", "101", "078170170"}
REGIONAL_NUMBERS = {
    "nl": {"102", "1813", "106", "1712"},
    "fr": {"103", "080032123", "107"},
}
ALLOWED_NUMBERS = {"en": NATIONAL_NUMBERS | REGIONAL_NUMBERS["nl"] | REGIONAL_NUMBERS["fr"]}
ALLOWED_NUMBERS |= {lang: NATIONAL_NUMBERS | numbers for lang, numbers in REGIONAL_NUMBERS.items()}
OTHER_REGION_NAMES = {
    "nl": ("Écoute-Enfants", "Télé-Accueil", "Centre de Prévention du Suicide"),
    "fr": ("Awel", "Tele-Onthaal", "Zelfmoordlijn", "1712"),
}


def guides_in(catalogue, lang):
    return [guide for (code, _), guide in catalogue.guides.items() if code == lang]


def test_every_guide_exists_in_every_language(catalogue):
    ids = {guide_id for _, guide_id in catalogue.guides}
    assert len(ids) >= 36
    for guide_id in ids:
        assert all((lang, guide_id) in catalogue.guides for lang in LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_at_least_three_guides_live_in_each_corner(catalogue, lang):
    homes = Counter(guide.audience for guide in guides_in(catalogue, lang))
    assert all(homes[audience] >= 3 for audience in AUDIENCES), homes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guides_cover_every_required_topic(catalogue, lang):
    covered = {topic for guide in guides_in(catalogue, lang) for topic in guide.topics}
    assert covered == {topic_id for code, topic_id in catalogue.topics if code == lang}


def test_guide_lengths_suit_their_readers(catalogue):
    for guide in catalogue.guides.values():
        low, high = (150, 500) if guide.audience == "kids" else (300, 1200)
        assert low <= guide.words <= high, (guide.id, guide.lang, guide.words)


def test_reading_ease_suits_the_readers(catalogue):
    for guide in catalogue.guides.values():
        wanted = 80 if guide.audience == "kids" else 60
        ease = reading_ease(guide.html, guide.lang)
        assert ease >= wanted, (guide.id, guide.lang, round(ease))


def test_every_guide_ends_with_what_to_do_and_a_help_line(catalogue):
    for guide in catalogue.guides.values():
        headings = re.findall(r"<h2[^>]*>(.*?)</h2>", guide.html)
        assert headings[-1].startswith(WHAT_TO_DO[guide.lang]), (guide.id, guide.lang, headings[-1])
        last_section = guide.html.rsplit("<h2", 1)[1]
        assert 'href="tel:' in last_section, (guide.id, guide.lang)


def test_only_listed_facts_numbers_and_addresses(app, catalogue):
    report_url = app.config["REPORT_URL"]
    texts = [*catalogue.guides.values(), *catalogue.pages.values(), *catalogue.audiences.values()]
    for item in texts:
        assert "116 111" not in item.html and "116111" not in item.html, item.id
        for number in re.findall(r'href="tel:([^"]+)"', item.html):
            assert number in ALLOWED_NUMBERS[item.lang], (item.id, item.lang, number)
        for address in re.findall(r'href="(https?://[^"]+)"', item.html):
            assert address == report_url, (item.id, address)
        assert not re.search(r"lorem ipsum|\bTODO\b|\bTBD\b|FIXME", item.html, re.I), item.id


def test_each_language_names_its_own_listening_line(catalogue):
    for item in [*catalogue.guides.values(), *catalogue.pages.values()]:
        for name in OTHER_REGION_NAMES.get(item.lang, ()):
            assert name not in item.html, (item.id, item.lang, name)


def test_the_same_substance_in_every_language(catalogue):
    """Translations are not word for word, but a guide keeps its sections and help lines."""
    for (lang, guide_id), guide in catalogue.guides.items():
        english = catalogue.guides[("en", guide_id)]
        sections, english_sections = guide.html.count("<h2"), english.html.count("<h2")
        assert abs(sections - english_sections) <= 1, (guide_id, lang)
        assert 0.75 <= guide.words / english.words <= 1.35, (guide_id, lang)
        assert ("tel:116000" in guide.html) == ("tel:116000" in english.html), (guide_id, lang)
