"""The HTML of a document as an editable Word file (.docx), which LibreOffice and Google Docs
open too. Handles what our Markdown produces: headings, paragraphs, lists, tables, quotes, links,
bold and italic, and lines to write on."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

import lxml.html
from docx import Document
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

HEADINGS = {"h1": 0, "h2": 1, "h3": 2, "h4": 3}
SKIPPED = {"doc-header", "doc-footer", "no-docx"}  # repeated on every PDF page: the footer says it
LINK_COLOUR = RGBColor(0x1A, 0x4F, 0x8B)
MARGIN_MM = 20
TEXT_WIDTH_MM = 210 - 2 * MARGIN_MM
NARROWEST_MM = 14  # a tick box with a short header such as "OK"
MM_PER_CHARACTER, PADDING_MM = 2.4, 5.5  # 11 pt text (bold in headers), a cell's margins
WRITING_LINE = "_" * 40  # a worksheet's line to write on (<hr> from a line of underscores)


def html_to_docx(
    html: str, *, base_url: str, title: str, lang: str, footer: str, licence: str
) -> bytes:
    """`base_url` makes links absolute: a document opened from a disk has no site around it."""
    document = Document()
    properties = document.core_properties
    properties.title = title
    properties.language = lang
    properties.author = "Clicksafe"
    properties.comments = licence
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    section.footer.paragraphs[0].text = footer
    document.styles["Normal"].font.size = Pt(11)
    root = lxml.html.document_fromstring(html)
    root.make_links_absolute(base_url)
    body = root.body
    _blocks(document, body)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _blocks(document, parent, quote: bool = False) -> None:
    for element in parent.iterchildren():
        if not isinstance(element.tag, str) or _classes(element) & SKIPPED:
            continue
        tag = element.tag
        if tag in HEADINGS:
            _inline(document.add_heading(level=HEADINGS[tag]), element)
        elif tag == "p":
            _inline(document.add_paragraph(style="Quote" if quote else None), element)
        elif tag in ("ul", "ol"):
            _list(document, element, depth=0)
        elif tag == "table":
            _table(document, element)
        elif tag == "blockquote":
            _blocks(document, element, quote=True)
        elif tag == "dl":
            _definitions(document, element)
        elif tag == "hr":
            document.add_paragraph(WRITING_LINE)
        elif tag in ("div", "section", "article", "header", "main", "aside", "footer", "nav"):
            _blocks(document, element, quote)


def _list(document, element, depth: int) -> None:
    ordered = element.tag == "ol"
    for number, item in enumerate(element.findall("li"), start=int(element.get("start", 1))):
        if ordered:
            # Written numbers: Word's list numbering would run on from one list to the next.
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Mm(8 * (depth + 1))
            paragraph.paragraph_format.first_line_indent = Mm(-6)
            paragraph.add_run(f"{number}.\t")
        else:
            style = "List Bullet" if depth == 0 else "List Bullet 2"
            paragraph = document.add_paragraph(style=style)
        _inline(paragraph, item, stop_at=("ul", "ol", "p"))
        for child in item.iterchildren():
            if child.tag == "p":
                _inline(paragraph, child)
            elif child.tag in ("ul", "ol"):
                _list(document, child, depth + 1)


def _table(document, element) -> None:
    rows = element.findall(".//tr")
    if not rows:
        return
    texts = [
        [" ".join(td.text_content().split()) for td in tr.iterchildren("th", "td")] for tr in rows
    ]
    columns = max(len(row) for row in texts)
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    table.autofit = False
    for row, tr in zip(table.rows, rows, strict=True):
        for cell, td in zip(row.cells, tr.iterchildren("th", "td"), strict=False):
            paragraph = cell.paragraphs[0]
            _inline(paragraph, td, bold=td.tag == "th")
    widths = column_widths(texts, columns)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice follows
        for cell in column.cells:
            cell.width = Mm(width)  # each cell, which Word follows
    document.add_paragraph()


def column_widths(texts: list[list[str]], columns: int) -> list[float]:
    """Millimetres per column, the way a browser lays out a table: each column gets at least its
    longest word, and the rest of the text area goes to the columns with the most text. Without
    this, Word and LibreOffice give every column the same width: a column of situations squeezed
    as narrow as a column of tick boxes."""
    cells = [[row[i] if i < len(row) else "" for row in texts] for i in range(columns)]
    longest_word = [max((len(w) for t in col for w in t.split()), default=1) for col in cells]
    longest_text = [max(len(t) for t in col) for col in cells]
    least = [max(PADDING_MM + MM_PER_CHARACTER * n, NARROWEST_MM) for n in longest_word]
    most = [
        max(PADDING_MM + MM_PER_CHARACTER * n, low)
        for n, low in zip(longest_text, least, strict=True)
    ]
    if sum(most) <= TEXT_WIDTH_MM:
        return [TEXT_WIDTH_MM * w / sum(most) for w in most]
    if sum(least) >= TEXT_WIDTH_MM:
        return [TEXT_WIDTH_MM * w / sum(least) for w in least]
    spare, wants = TEXT_WIDTH_MM - sum(least), [m - n for m, n in zip(most, least, strict=True)]
    return [n + spare * want / sum(wants) for n, want in zip(least, wants, strict=True)]


def _definitions(document, element) -> None:
    paragraph = None
    for child in element.iterchildren("dt", "dd"):
        if child.tag == "dt":
            paragraph = document.add_paragraph()
            _inline(paragraph, child, bold=True)
            paragraph.add_run(": ")
        elif paragraph is not None:
            _inline(paragraph, child)


def _inline(
    paragraph: Paragraph,
    element,
    bold: bool = False,
    italic: bool = False,
    stop_at: Iterable[str] = (),
) -> None:
    """The text of an element and its inline children as runs, keeping emphasis and links."""
    if element.text:
        _run(paragraph, element.text, bold, italic)
    for child in element.iterchildren():
        if not isinstance(child.tag, str) or child.tag in stop_at:
            continue
        if child.tag in ("strong", "b"):
            _inline(paragraph, child, True, italic)
        elif child.tag in ("em", "i"):
            _inline(paragraph, child, bold, True)
        elif child.tag == "a" and child.get("href"):
            _link(paragraph, child.text_content(), child.get("href"))
        elif child.tag == "br":
            paragraph.add_run().add_break(WD_BREAK.LINE)
        elif child.tag == "hr":
            _run(paragraph, WRITING_LINE, bold, italic)
        else:
            _inline(paragraph, child, bold, italic)
        if child.tail:
            _run(paragraph, child.tail, bold, italic)


def _run(paragraph: Paragraph, text: str, bold: bool, italic: bool) -> None:
    text = re.sub(r"\s+", " ", text)
    if not paragraph.runs and not paragraph._p.findall(qn("w:hyperlink")):
        text = text.lstrip()
    elif paragraph.runs and paragraph.runs[-1].text[-1:].isspace():
        text = text.lstrip()  # after a list number's tab, or a space already written
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
        run.italic = italic or None


def _link(paragraph: Paragraph, text: str, url: str) -> None:
    """A real hyperlink: python-docx has no call for one, so it is built from its XML parts."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), str(LINK_COLOUR))
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.extend([colour, underline])
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = " ".join(text.split())
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)
