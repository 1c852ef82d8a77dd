"""Words as the index sees them: case and accents folded, then stemmed per language (Snowball).

"CYBERPESTEN", "cyberpesten" and "gepest" meet in one stem; "securite" and "sécurité" too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

SNOWBALL = {"nl": "dutch", "fr": "french", "en": "english"}
WORD = re.compile(r"\w+", re.UNICODE)
# A plural or possessive 's ("foto's", "child's") goes; other apostrophes split a word in two
# (French and English elisions: "l'image", "don't").
APOSTROPHE_S = re.compile("(?<=\\w)['\u2019]s\\b")
APOSTROPHES = re.compile("['\u2019\u0060\u00b4]")  # straight and curly apostrophes, accents


@lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """Lower case without accents: 'Sécurité' -> 'securite'."""
    text = text.casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    """The folded words of a text, in order (split first: a text has far fewer distinct words
    than characters, and each word is folded once)."""
    text = APOSTROPHES.sub(" ", APOSTROPHE_S.sub("", unicodedata.normalize("NFC", text)))
    return [fold(word) for word in WORD.findall(text)]


class Analyzer:
    """Turns text into stems for one language; the same for what is indexed and what is asked."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._stemmer = Stemmer.Stemmer(SNOWBALL[lang])
        self.stem = lru_cache(maxsize=65536)(self._stem)

    def _stem(self, word: str) -> str:
        # Snowball expects accented words; stemming the folded word keeps both spellings alike.
        return self._stemmer.stemWord(word)

    def stems(self, text: str) -> list[str]:
        return [self.stem(word) for word in words(text)]
