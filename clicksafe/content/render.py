"""Markdown to HTML, once at load: links written as content ids become per-language URLs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin

from .glossary import TermLinker
from .loader import Source
from .model import Problem

# Resolves a link target such as "guide:kids-passwords" in a language; None when it goes nowhere.
LinkResolver = Callable[[str, str], "str | None"]
EXTERNAL = ("https://", "http://", "mailto:", "tel:")


def markdown() -> MarkdownIt:
    """CommonMark with tables and heading anchors; raw HTML is off, so content cannot inject any."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    return md.use(anchors_plugin, min_level=2, max_level=3)


def render(
    md: MarkdownIt,
    source: Source,
    resolve: LinkResolver,
    image_url: Callable[[str], str | None],
    id_prefix: str = "",
    terms: TermLinker | None = None,
) -> tuple[str, int, list[Problem]]:
    """The body's HTML, its word count, and the problems with its links and images.

    `id_prefix` keeps heading ids unique where several documents share a page (a lesson shows
    its plan, worksheets and answer keys, whose headings often read alike). `terms`, when given,
    links the first use of each glossary term."""
    tokens = md.parse(source.body)
    if id_prefix:
        for block in tokens:
            if block.type == "heading_open" and block.attrGet("id"):
                block.attrSet("id", f"{id_prefix}{block.attrGet('id')}")
    if terms is not None:
        terms.link(tokens)
    problems, words = _resolve(
        tokens, source.path, source.lang, source.body_line, resolve, image_url
    )
    return md.renderer.render(tokens, md.options, {}), words, problems


def render_text(
    md: MarkdownIt, text: str, source: Source, line: int, resolve: LinkResolver
) -> tuple[str, list[Problem]]:
    """One short Markdown value of a YAML file (an app guide's list item) as inline HTML."""
    tokens = md.parse(text)
    problems, _ = _resolve(tokens, source.path, source.lang, line, resolve, lambda name: None)
    html = md.renderer.render(tokens, md.options, {}).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html, problems


def _resolve(
    tokens: list[Token],
    path: Path,
    lang: str,
    first_line: int,
    resolve: LinkResolver,
    image_url: Callable[[str], str | None],
) -> tuple[list[Problem], int]:
    """Rewrites content links and images to addresses; returns their problems and the words."""
    problems: list[Problem] = []
    words = 0
    for block in tokens:
        line = first_line + (block.map[0] if block.map else 0)
        for token in block.children or ():
            if token.type == "text":
                words += len(token.content.split())
            elif token.type == "link_open" and not token.meta.get("resolved"):
                target = str(token.attrGet("href"))
                url = resolve(target, lang)
                if url is None:
                    problems.append(Problem(path, line, f"broken link: '{target}'"))
                token.attrSet("href", url or "#")
            elif token.type == "image":
                src = str(token.attrGet("src"))
                url = image_url(src.removeprefix("images/")) if src.startswith("images/") else None
                if url is None:
                    problems.append(Problem(path, line, f"missing image: '{src}'"))
                if not token.content.strip():
                    problems.append(Problem(path, line, f"image '{src}' needs alt text"))
                token.attrSet("src", url or "")
    return problems, words


def resolve_external(target: str) -> str | None:
    """Links that leave the site, and phone numbers, are kept as written."""
    return target if target.startswith(EXTERNAL) else None


def render_document(text: str) -> str:
    """A document about the site itself (docs/*.md): plain Markdown, no content links."""
    return markdown().render(text)
