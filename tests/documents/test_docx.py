"""Word files: tables laid out the way a browser would, so a worksheet stays usable when a teacher
opens it in Word or LibreOffice to adapt it."""

from __future__ import annotations

import io

import docx
import pytest

from clicksafe.documents.docx import TEXT_WIDTH_MM, column_widths
from clicksafe.web import documents


def test_a_column_of_sentences_gets_the_room_and_tick_columns_their_word():
    texts = [
        ["Situation", "OK", "Not OK"],
        ["Someone you only know from a game asks for your address and a photo of you.", "", ""],
        ["Your cousin sends a funny video in the family chat.", "", ""],
    ]
    widths = column_widths(texts, 3)
    assert sum(widths) == pytest.approx(TEXT_WIDTH_MM)
    assert widths[0] > 3 * widths[2]
    assert widths[1] <= widths[2]  # each tick column as wide as its longest word, no wider


def test_short_tables_fill_the_width_and_long_words_are_never_squeezed():
    assert sum(column_widths([["clue", "yes"]], 2)) == pytest.approx(TEXT_WIDTH_MM)
    words = [["Verantwoordelijkheidsgevoel " * 3, "Kinderbijslagfonds " * 3, "x"]]
    widths = column_widths(words, 3)
    assert sum(widths) == pytest.approx(TEXT_WIDTH_MM)
    assert widths[2] < widths[1] < widths[0]


def test_a_real_worksheet_opens_in_word_with_its_situations_column_widest(app, catalogue):
    lesson = catalogue.lessons[("nl", "phishing-detectives")]
    with app.test_request_context(lesson.url):
        data = documents.worksheet_download(lesson, lesson.worksheets[0], "docx").build()
    table = docx.Document(io.BytesIO(data)).tables[0]
    widths = [column.width.mm for column in table.columns]
    assert sum(widths) == pytest.approx(TEXT_WIDTH_MM, abs=1)
    assert widths[0] > 2 * max(widths[1:])
    assert all(
        cell.width.mm == pytest.approx(widths[0], abs=0.1) for cell in table.columns[0].cells
    )
