"""Markdown to HTML, once at load: links written as content ids become per-language URLs."""

from __future__ import annotations

from collections.abc import Callable

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

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
) -> tuple[str, int, list[Problem]]:
    """The body's HTML, its word count, and the problems with its links and images.

    `id_prefix` keeps heading ids unique where several documents share a page (a lesson shows
    its plan, worksheets and answer keys, whose headings often read alike)."""
    tokens = md.parse(source.body)
    problems: list[Problem] = []
    words = 0
    for block in tokens:
        if id_prefix and block.type == "heading_open" and block.attrGet("id"):
            block.attrSet("id", f"{id_prefix}{block.attrGet('id')}")
        line = source.body_line + (block.map[0] if block.map else 0)
        for token in block.children or ():
            if token.type == "text":
                words += len(token.content.split())
            elif token.type == "link_open":
                target = str(token.attrGet("href"))
                url = resolve(target, source.lang)
                if url is None:
                    problems.append(Problem(source.path, line, f"broken link: '{target}'"))
                token.attrSet("href", url or "#")
            elif token.type == "image":
                src = str(token.attrGet("src"))
                url = image_url(src.removeprefix("images/")) if src.startswith("images/") else None
                if url is None:
                    problems.append(Problem(source.path, line, f"missing image: '{src}'"))
                if not token.content.strip():
                    problems.append(Problem(source.path, line, f"image '{src}' needs alt text"))
                token.attrSet("src", url or "")
    return md.renderer.render(tokens, md.options, {}), words, problems


def resolve_external(target: str) -> str | None:
    """Links that leave the site, and phone numbers, are kept as written."""
    return target if target.startswith(EXTERNAL) else None


def render_document(text: str) -> str:
    """A document about the site itself (docs/*.md): plain Markdown, no content links."""
    return markdown().render(text)
