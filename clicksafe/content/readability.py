"""Reading ease per language: Flesch (en), Flesch-Douma (nl), Kandel-Moles (fr).

Hand-written because the usual library (textstat) needs a dictionary download for English that
cannot be fetched here. Syllables are counted as vowel groups, a close fit for these formulas.
"""

from __future__ import annotations

import html
import re

# base, weight of words per sentence, weight of syllables per word
FORMULAS = {
    "en": (206.835, 1.015, 84.6),
    "nl": (206.835, 0.93, 77.0),
    "fr": (207.0, 1.015, 73.6),
}
VOWELS = {"en": "aeiouy", "nl": "aeiouyéèëïü", "fr": "aeiouyéèêëàâîïôûùœ"}
WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")  # an apostrophe or hyphen joins a word
SENTENCE_END = re.compile(r"[.!?:;]+(?:\s|$)")
TAG = re.compile(r"<[^>]+>")


def syllables(word: str, lang: str) -> int:
    count = len(re.findall(f"[{VOWELS[lang]}]+", word.lower()))
    if lang != "nl" and count > 1 and word.lower().endswith("e"):
        count -= 1  # a silent final e: "code", "page"
    return max(1, count)


def reading_ease(body_html: str, lang: str) -> float:
    """Higher is easier; list items and headings end a sentence as a reader perceives it."""
    text = html.unescape(TAG.sub(" ", body_html))
    words = WORD.findall(text)
    if not words:
        return 0.0
    sentences = len(SENTENCE_END.findall(text)) + body_html.count("<li>") + body_html.count("<h")
    base, per_sentence, per_syllable = FORMULAS[lang]
    syllable_count = sum(syllables(word, lang) for word in words)
    return (
        base
        - per_sentence * len(words) / max(1, sentences)
        - per_syllable * syllable_count / len(words)
    )
