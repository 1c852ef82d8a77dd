"""The search engine on its own: folding, stemming, typos, synonyms, ranking, snippets, and input
that must never break it."""

from __future__ import annotations

import pytest

from clicksafe.search import Document, SearchIndex
from clicksafe.search.analysis import fold, words

DOCS = [
    Document(
        "guide",
        "bullying",
        "nl",
        "Cyberpesten",
        "Pesten via berichten",
        "/nl/g/1",
        "parents",
        "Wat doe je?",
        "Je kind wordt online gepest. Bewaar bewijs en praat met de school.",
    ),
    Document(
        "guide",
        "passwords",
        "fr",
        "Des mots de passe solides",
        "La sécurité de ton compte",
        "/fr/g/2",
        "kids",
        "",
        "Un mot de passe long protège ton compte.",
    ),
    Document(
        "guide",
        "gaming",
        "fr",
        "Jouer en toute sécurité",
        "Les jeux vidéo",
        "/fr/g/3",
        "kids",
        "",
        "Joue en sécurité et fais des pauses.",
    ),
    Document(
        "app",
        "roblox",
        "en",
        "Roblox",
        "A game where children build and play",
        "/en/a/r",
        "parents",
        "",
        "Strangers can chat with your child in Roblox games.",
    ),
    Document(
        "term",
        "phishing",
        "en",
        "Phishing",
        "A fake message that asks for your password.",
        "/en/glossary#phishing",
        None,
    ),
    Document(
        "guide",
        "scams",
        "en",
        "Spot a scam",
        "Fake prizes & <tricks>",
        "/en/g/s",
        "teens",
        "",
        "Scammers send fake prizes. A <b>prize</b> you never entered is a trick.",
    ),
]
SYNONYMS = {"nl": {"nudes": ["naaktfoto"]}, "en": {"insta": ["instagram"], "con": ["scam"]}}


@pytest.fixture(scope="module")
def index():
    return SearchIndex(DOCS, SYNONYMS, ("nl", "fr", "en"))


def keys(results):
    return [hit.document.key for hit in results.hits]


def test_case_and_accents_fold_away():
    assert fold("Sécurité CYBERPESTEN") == "securite cyberpesten"
    assert words("l'image, don\u2019t!") == ["l", "image", "don", "t"]


@pytest.mark.parametrize("query", ["CYBERPESTEN", "cyberpesten", "Cyberpesten?"])
def test_case_does_not_matter(index, query):
    assert keys(index.search("nl", query))[0] == "guide:bullying"


def test_words_meet_in_their_stem_and_accents_are_optional(index):
    assert keys(index.search("fr", "securite mot de passe"))[0] == "guide:passwords"
    assert "guide:gaming" in keys(index.search("fr", "sécurité"))


def test_a_typo_in_a_long_word_is_corrected_and_said(index):
    results = index.search("nl", "cyberpesen")
    assert keys(results)[0] == "guide:bullying"
    assert results.corrections == (("cyberpesen", "cyberpesten"),)
    assert index.search("nl", "psten").corrections == (("psten", "pesten"),)
    assert index.search("nl", "pstn").corrections == ()  # under five letters: taken as typed


def test_synonyms_widen_the_query_with_the_words_content_uses(index):
    assert keys(index.search("en", "con"))[0] == "guide:scams"


def test_titles_weigh_more_than_bodies_and_pages_more_than_definitions(index):
    assert keys(index.search("en", "roblox strangers"))[0] == "app:roblox"
    assert keys(index.search("en", "password"))[0] == "term:phishing"  # only it says password


def test_an_audience_filter_keeps_only_pages_for_that_audience(index):
    assert keys(index.search("fr", "sécurité", "kids")) == ["guide:gaming", "guide:passwords"] or (
        set(keys(index.search("fr", "sécurité", "kids"))) == {"guide:gaming", "guide:passwords"}
    )
    assert keys(index.search("fr", "sécurité", "parents")) == []


def test_snippets_mark_matched_words_and_escape_everything_else(index):
    hit = index.search("en", "prize").hits[0]
    assert "<mark>prizes.</mark>" in hit.snippet or "<mark>prize</mark>" in hit.snippet
    assert "&lt;tricks&gt;" in hit.snippet
    assert "<tricks>" not in hit.snippet


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "😀🙈",
        '"',
        "'",
        'AND OR NOT * " ( ) NEAR',
        "title:roblox",
        "roblox*",
        "'; DROP TABLE docs_en; --",
        "\x00\x01",
        "\ufffd\ufffd",
        "^ $ { } [ ] - + :",
    ],
)
def test_nothing_a_visitor_types_breaks_the_engine(index, query):
    results = index.search("en", query)
    assert len(results.query) <= 200
    assert isinstance(results.hits, tuple)


def test_the_same_documents_give_the_same_index(index):
    again = SearchIndex(DOCS, SYNONYMS, ("nl", "fr", "en"))
    for lang, query in (("nl", "pesten"), ("fr", "sécurité"), ("en", "fake prize")):
        assert keys(again.search(lang, query)) == keys(index.search(lang, query))
