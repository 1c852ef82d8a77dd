"""Full-text search per language on SQLite FTS5, built from the catalogue at start-up.

Every text is folded and stemmed by `Analyzer` before FTS5 sees it, so the engine's own
tokenizer only splits on spaces, and a query goes through the same analysis: "gepest" finds
"cyberpesten", "securite" finds "sécurité". FTS5's BM25 ranks, with titles weighing most, then
summaries and headings, then the body. A word of five letters or more that no text contains is
corrected to the closest word that one does (rapidfuzz), and synonyms from content widen a query
with the words the content uses.
"""

from __future__ import annotations

import html
import itertools
import re
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .analysis import Analyzer, words

MAX_QUERY_CHARS = 200  # longer input is cut: nobody types more to find a page
MAX_TERMS = 12
TYPO_MIN_LETTERS = 5
MIN_PART = 3  # the shortest half of a compound word: "nep" + "webshop"
COLUMN_WEIGHTS = (10.0, 4.0, 3.0, 1.0)  # title, summary, headings, body
# Pages written to answer a worry come before a word's definition that merely mentions it.
KIND_BOOST = {
    "guide": 1.0,
    "app": 1.0,
    "help": 0.9,
    "line": 0.6,
    "topic": 0.8,
    "lesson": 0.8,
    "quiz": 0.7,
    "term": 0.6,
}
# Words that ask for a kind of page: "quiz voor ouders", "leçon fake news", "scam quiz".
KIND_WORDS = {
    "nl": {
        "quiz": {"quiz", "quizzen"},
        "lesson": {"les", "lessen", "lesidee", "lesideeen", "werkblad", "werkbladen"},
    },
    "fr": {"quiz": {"quiz", "quizz"}, "lesson": {"lecon", "lecons", "cours", "fiche", "fiches"}},
    "en": {"quiz": {"quiz", "quizzes"}, "lesson": {"lesson", "lessons", "worksheet", "worksheets"}},
}
TITLE_BONUS = 0.5
PASSAGE_WORDS = 120
CANDIDATES = 60  # BM25's best, of which the kind of page asked for comes first
SENTENCE = re.compile(r"(?<=[.!?])\s+")
SNIPPET_WORDS = 28


@dataclass(frozen=True)
class Document:
    """One thing search can find, in one language, as plain text."""

    kind: str  # a key of KIND_BOOST
    id: str
    lang: str
    title: str
    summary: str
    url: str
    audience: str | None  # None: for everyone (topics, help, glossary)
    headings: str = ""
    body: str = ""

    @property
    def key(self) -> str:
        """How content and the search test set name it: 'guide:kids-passwords'; a section of the
        help page, or a help line it lists, is part of 'page:help'."""
        return "page:help" if self.kind in ("help", "line") else f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Hit:
    document: Document
    snippet: str  # HTML: escaped text with the matched words in <mark>


@dataclass(frozen=True)
class Results:
    query: str  # as searched: cut to MAX_QUERY_CHARS
    hits: tuple[Hit, ...]
    corrections: tuple[tuple[str, str], ...] = ()  # (typed, searched instead)
    searched: bool = True  # False: nothing in the query to search for


class SearchIndex:
    """Every language's documents in one in-memory SQLite database; safe to share across threads
    (queries take a lock: each costs well under a millisecond)."""

    def __init__(
        self,
        documents: Iterable[Document],
        synonyms: Mapping[str, Mapping[str, Sequence[str]]],
        languages: Sequence[str],
    ) -> None:
        self.analyzers = {lang: Analyzer(lang) for lang in languages}
        self.synonyms = {
            lang: {
                tuple(words(key)): [w for value in values for w in words(value)]
                for key, values in synonyms.get(lang, {}).items()
            }
            for lang in languages
        }
        self.documents: dict[str, list[Document]] = {lang: [] for lang in languages}

        self.vocabulary: dict[str, list[str]] = {}
        self.lock = threading.Lock()
        self.title_stems: dict[str, list[frozenset[str]]] = {lang: [] for lang in languages}
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        for lang in languages:
            self.db.execute(
                f"CREATE VIRTUAL TABLE docs_{lang} USING fts5("
                "title, summary, headings, body, boost UNINDEXED, audience UNINDEXED, "
                "doc UNINDEXED, "
                "tokenize = 'unicode61')"
            )
        self._add(documents)
        self.search = lru_cache(maxsize=2048)(self._search)
        # Sentences and their stems, for snippets: made the first time a document is found.
        self.sentences = lru_cache(maxsize=4096)(self._sentences)

    def _add(self, documents: Iterable[Document]) -> None:
        counts: dict[str, Counter[str]] = {lang: Counter() for lang in self.documents}
        spread: dict[str, Counter[str]] = {lang: Counter() for lang in self.documents}
        for document in documents:
            lang = document.lang
            analyzer = self.analyzers[lang]
            self.documents[lang].append(document)
            fields = (document.title, document.summary, document.headings, document.body)
            stemmed = [analyzer.stems(text) for text in fields]
            self.title_stems[lang].append(frozenset(stemmed[0]))
            for text in fields:
                counts[lang].update(words(text))
            spread[lang].update({stem for stems in stemmed for stem in stems})
            # A long page is indexed as passages, each with the page's title, summary and
            # headings; the best passage scores the page. BM25 gives no weight to a word that
            # half the rows hold, and in whole guides many telling words are that common.
            body = stemmed[3]
            passages = [body[i : i + PASSAGE_WORDS] for i in range(0, len(body), PASSAGE_WORDS)]
            for passage in passages or [[]]:
                self.db.execute(
                    f"INSERT INTO docs_{lang}"
                    " (title, summary, headings, body, boost, audience, doc)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        *(" ".join(stems) for stems in stemmed[:3]),
                        " ".join(passage),
                        KIND_BOOST[document.kind],
                        document.audience,
                        len(self.documents[lang]) - 1,
                    ),
                )
        # Most frequent first: a typo that is as close to two words becomes the common one.
        self.vocabulary = {
            lang: [w for w, _ in counter.most_common()] for lang, counter in counts.items()
        }
        self.word_set = {lang: set(vocabulary) for lang, vocabulary in self.vocabulary.items()}
        # Each stem with the most frequent word it came from (vocabulary is by frequency).
        self.stem_words: dict[str, dict[str, str]] = {}
        for lang, vocabulary in self.vocabulary.items():
            forms: dict[str, str] = {}
            for word in vocabulary:
                forms.setdefault(self.analyzers[lang].stem(word), word)
            self.stem_words[lang] = forms
        self.stems = {lang: set(forms) for lang, forms in self.stem_words.items()}
        # Words in over 60 % of a language's documents ("de", "your", "mijn") say little about
        # what a visitor looks for: they count only inside phrases, or when nothing else is typed.
        self.common = {
            lang: {stem for stem, n in spread[lang].items() if n > 0.6 * len(self.documents[lang])}
            for lang in self.documents
        }

    def _search(
        self, lang: str, query: str, audience: str | None = None, limit: int = 20
    ) -> Results:
        """The best documents for a query, best first; never raises on what a visitor types."""
        query = query.strip()[:MAX_QUERY_CHARS]
        typed = words(query)[:MAX_TERMS]
        analyzer = self.analyzers[lang]
        terms: list[str] = []
        corrections: list[tuple[str, str]] = []
        for word in typed + self._synonyms_of(lang, typed):
            stems = [analyzer.stem(word)]
            if stems[0] not in self.stems[lang] and len(word) >= TYPO_MIN_LETTERS:
                known = self._known_forms(lang, word)
                if known:
                    corrections.append((word, " ".join(known)))
                    stems = [analyzer.stem(form) for form in known]
            terms += [stem for stem in stems if stem not in terms]
        if not terms:
            return Results(query, (), searched=False)
        # Each word, and each pair of words typed side by side, as a phrase: a page that has
        # "mot de passe" scores above one that has "mot", "de" and "passe" apart. Quoted stems
        # of \w characters only: nothing the visitor types becomes FTS5 syntax.
        typed_stems = [analyzer.stem(word) for word in typed]
        pairs = [f"{a} {b}" for a, b in itertools.pairwise(typed_stems)]
        telling = [term for term in terms if term not in self.common[lang]] or terms
        # A word that asks for a kind of page ("cours", "werkblad") picks the kind, below; as a
        # search word it only finds pages that use it in passing ("au cours de").
        wanted = {kind for kind, names in KIND_WORDS[lang].items() if names & set(typed)}
        kind_stems = {analyzer.stem(w) for kind in wanted for w in KIND_WORDS[lang][kind]}
        telling = [term for term in telling if term not in kind_stems] or telling
        match = " OR ".join(f'"{phrase}"' for phrase in [*telling, *pairs])
        weights = ", ".join(str(weight) for weight in COLUMN_WEIGHTS)
        sql = (
            "SELECT doc, MIN(score) FROM ("
            f"SELECT doc, bm25(docs_{lang}, {weights}) * boost AS score FROM docs_{lang}"
            f" WHERE docs_{lang} MATCH ?"
            + (" AND audience = ?" if audience else "")
            + f" ORDER BY score LIMIT {CANDIDATES * 5}) GROUP BY doc ORDER BY 2 LIMIT ?"
        )
        parameters = (match, audience, CANDIDATES) if audience else (match, CANDIDATES)
        with self.lock:
            rows = self.db.execute(sql, parameters).fetchall()
        asked = set(telling)

        def rank(row: tuple[int, float]) -> tuple[bool, float]:
            # The kind of page asked for first ("quiz", "leçon"), then BM25 (lower is better),
            # raised for each typed word in the title: BM25 all but ignores a word that half the
            # pages use ("mot de passe"), even in the title of the page about it.
            rowid, score = row
            in_title = len(self.title_stems[lang][rowid] & asked)
            return (
                self.documents[lang][rowid].kind not in wanted,
                score * (1 + TITLE_BONUS * in_title),
            )

        hits = tuple(
            Hit(
                self.documents[lang][rowid],
                snippet(self.sentences(lang, rowid), set(terms), analyzer),
            )
            for rowid, _ in sorted(rows, key=rank)[:limit]
        )
        return Results(query, hits, tuple(corrections))

    def _sentences(self, lang: str, rowid: int) -> list[tuple[str, frozenset[str]]]:
        document = self.documents[lang][rowid]
        analyzer = self.analyzers[lang]
        return [
            (sentence, frozenset(analyzer.stems(sentence)))
            for sentence in SENTENCE.split(f"{document.summary} {document.body}".strip())
        ]

    def _synonyms_of(self, lang: str, typed: list[str]) -> list[str]:
        """Words the content uses for words the visitor typed (one word or a phrase)."""
        extra: list[str] = []
        for phrase, replacement in self.synonyms[lang].items():
            size = len(phrase)
            if any(tuple(typed[i : i + size]) == phrase for i in range(len(typed) - size + 1)):
                extra += replacement
        return extra

    def _known_forms(self, lang: str, word: str) -> list[str]:
        """Words the content uses for a word it does not: a typo's closest word ("cyberpesen"),
        the form a stem was made from when Snowball stops short ("radicaliseert"), or the two
        halves of a compound ("nepwebshop" -> "nep webshop")."""
        limit = 1 if len(word) < 8 else 2
        found = process.extractOne(
            word, self.vocabulary[lang], scorer=Levenshtein.distance, score_cutoff=limit
        )
        if found:
            return [found[0]]
        stem = self.analyzers[lang].stem(word)
        # The stem sharing the longest beginning; the most frequent one on a tie (stem_words is
        # in order of frequency, and max keeps the first of equals).
        nearest = max(self.stem_words[lang], key=lambda known: _shared(stem, known), default="")
        if _shared(stem, nearest) >= max(7, len(stem) - 3):
            return [self.stem_words[lang][nearest]]
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            if head in self.word_set[lang] and tail in self.word_set[lang]:
                return [head, tail]
        return []


def _shared(a: str, b: str) -> int:
    """How many letters two words share from their start."""
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def snippet(
    sentences: list[tuple[str, frozenset[str]]], terms: set[str], analyzer: Analyzer
) -> str:
    """The sentence that holds most of the searched words, escaped, with those words marked."""
    if not sentences:
        return ""
    best = max(sentences, key=lambda sentence: len(sentence[1] & terms))[0]
    pieces = best.split()
    marked = [_matches(piece, terms, analyzer) for piece in pieces]
    start = max(0, marked.index(True) - 6) if any(marked) else 0
    shown = range(start, min(len(pieces), start + SNIPPET_WORDS))
    text = " ".join(
        f"<mark>{html.escape(pieces[i])}</mark>" if marked[i] else html.escape(pieces[i])
        for i in shown
    )
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET_WORDS < len(pieces) else ""
    return prefix + text + suffix


def _matches(piece: str, terms: set[str], analyzer: Analyzer) -> bool:
    return any(analyzer.stem(word) in terms for word in words(piece))
