"""Links the first use of each glossary term in a guide to its explanation on the glossary page."""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it.token import Token


class TermLinker:
    """One language's terms: `(words that mean the term, address of its entry)` pairs."""

    def __init__(self, terms: Iterable[tuple[Iterable[str], str]]) -> None:
        self.url_of: dict[str, str] = {}
        for matches, url in terms:
            for match in matches:
                self.url_of.setdefault(match.casefold(), url)
        alternatives = _trie_pattern(sorted(self.url_of)) or r"(?!)"
        self.pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def link(self, tokens: list[Token]) -> None:
        """Rewrites a parsed document in place; headings and existing links are left alone."""
        linked: set[str] = set()
        in_heading = False
        for block in tokens:
            if block.type in ("heading_open", "heading_close"):
                in_heading = block.type == "heading_open"
            if block.type == "inline" and block.children and not in_heading:
                block.children = self._link_children(block.children, linked)

    def _link_children(self, children: list[Token], linked: set[str]) -> list[Token]:
        result: list[Token] = []
        depth = 0
        for child in children:
            depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type == "text" and depth == 0:
                result += self._split(child.content, linked)
            else:
                result.append(child)
        return result

    def _split(self, text: str, linked: set[str]) -> list[Token]:
        pieces: list[Token] = []
        start = 0
        for match in self.pattern.finditer(text):
            url = self.url_of[match.group(0).casefold()]
            if url in linked:
                continue
            linked.add(url)
            if match.start() > start:
                pieces.append(_text(text[start : match.start()]))
            link = Token("link_open", "a", 1, attrs={"href": url, "class": "term"})
            link.meta["resolved"] = True  # an address already, not a content link to resolve
            pieces += [link, _text(match.group(0)), Token("link_close", "a", -1)]
            start = match.end()
        if start < len(text):
            pieces.append(_text(text[start:]))
        return pieces


def _trie_pattern(words: list[str]) -> str:
    """One regex for many phrases, branching letter by letter: Python's re tries alternatives one
    by one, so a flat "a|b|c..." of 150 phrases is several times slower. Longer phrases are tried
    first at every branch, so "two-step verification" wins over "two-step"."""
    if not words:
        return ""
    branches: dict[str, list[str]] = {}
    ends_here = False
    for word in words:
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            ends_here = True
    if not branches:
        return ""
    parts = [re.escape(first) + _trie_pattern(rests) for first, rests in sorted(branches.items())]
    body = parts[0] if len(parts) == 1 and not ends_here else "(?:" + "|".join(parts) + ")"
    return body + "?" if ends_here else body


def _text(content: str) -> Token:
    return Token("text", "", 0, content=content)
