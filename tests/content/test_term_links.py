"""The first use of a glossary term in a guide links to it: whole words, any case, longest first."""

from __future__ import annotations

from markdown_it import MarkdownIt

from clicksafe.content.glossary import TermLinker

TERMS = [
    (["two-step", "two-step verification"], "/en/glossary#two-step"),
    (["phish", "phishing"], "/en/glossary#phishing"),
    (["AI"], "/en/glossary#ai"),
]


def linked(markdown: str) -> str:
    md = MarkdownIt("commonmark")
    tokens = md.parse(markdown)
    TermLinker(TERMS).link(tokens)
    return md.renderer.render(tokens, md.options, {})


def test_the_longest_phrase_wins_and_only_its_first_use_links():
    html = linked("Turn on Two-step verification. Two-step verification stops phishing.")
    assert html.count('href="/en/glossary#two-step"') == 1
    assert '<a href="/en/glossary#two-step" class="term">Two-step verification</a>.' in html
    assert '<a href="/en/glossary#phishing" class="term">phishing</a>' in html


def test_only_whole_words_link():
    html = linked("Phishy mail. Said the AIrline, and fAIr play.")
    assert "href" not in html


def test_headings_and_existing_links_stay_as_they_are():
    html = linked("## About phishing\n\n[phishing tips](https://example.org) then AI.")
    assert "<h2>About phishing</h2>" in html
    assert '<a href="https://example.org">phishing tips</a>' in html
    assert '<a href="/en/glossary#ai" class="term">AI</a>' in html
