"""Teachers' files: PDFs that open with their title, help line and page numbers, Word files with
the licence and source, packs, quiz exports; the right headers, 304s, and 404s for bad input.

Most tests use the small fixture tree, whose files build in seconds; one uses a real lesson."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes

from clicksafe import create_app
from clicksafe.i18n import PATHS
from clicksafe.web import documents

A4 = (595, 842)  # points
HELPLINE = {
    "en": "Child Focus: 116 000, free, 24 hours a day, 7 days a week",
    "nl": "Child Focus: 116 000, gratis, dag en nacht, 7 dagen op 7",
    "fr": "Child Focus : 116 000, gratuit, 24 heures sur 24, 7 jours sur 7",
}
FIXTURE = Path(__file__).parent.parent / "fixtures" / "content" / "ok"
LESSON = {"en": "/en/teachers/lessons/gamma-en", "nl": "/nl/leerkrachten/lessen/gamma-nl"}


@pytest.fixture
def small(fixture_app):
    """The app on the fixture content, whose files build in seconds."""
    return fixture_app


@pytest.fixture
def get(small):
    client = small.test_client()

    def fetch(url: str, **headers: str):
        response = client.get(url, headers=headers)
        response.direct_passthrough = False  # read send_file's stream in full, then close it
        response.get_data()
        response.close()
        return response

    return fetch


def pdf_text(data: bytes) -> tuple[PdfReader, list[str]]:
    reader = PdfReader(io.BytesIO(data))
    return reader, [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_lesson_plan_is_an_a4_pdf_with_title_help_line_and_page_numbers(get):
    response = get(f"{LESSON['nl']}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=gamma-nl.pdf"
    reader, pages = pdf_text(response.data)
    assert reader.metadata.title == "Gamma lesson nl"
    assert "Gamma lesson nl" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert HELPLINE["nl"] in flat(text)
        assert f"Pagina {number} van {len(pages)}" in flat(text)
    for page in reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == A4
    whole = flat(" ".join(pages))
    for text in ("Pupils can spot a trick.", "Print the worksheet.", "Look at the worksheet."):
        assert text in whole
    for text in ("Noordelijk kader", "Veilig online (noord)", "Zuidelijk kader", "Media maken"):
        assert text in whole  # the curriculum areas the lesson works on
    assert "CC BY-SA 4.0" in whole
    assert "http://127.0.0.1:8000/nl/leerkrachten/lessen/gamma-nl" in whole


def test_worksheet_and_answer_key_are_pdfs_of_their_own(get):
    sheet = get(f"{LESSON['en']}/sheet-en.pdf")
    answers = get(f"{LESSON['en']}/sheet-en.answers.pdf")
    assert sheet.headers["Content-Disposition"] == "attachment; filename=sheet-en.pdf"
    assert answers.headers["Content-Disposition"] == "attachment; filename=sheet-en.answers.pdf"
    _, sheet_pages = pdf_text(sheet.data)
    _, answer_pages = pdf_text(answers.data)
    assert "Tick the clues." in sheet_pages[0] and "The link is a clue." not in sheet_pages[0]
    assert "Answers en" in answer_pages[0] and "The link is a clue." in answer_pages[0]
    assert HELPLINE["en"] in flat(sheet_pages[0])


def test_the_plan_and_worksheet_open_in_word_with_licence_and_source(get):
    response = get(f"{LESSON['en']}.docx")
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    document = docx.Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.core_properties.title == "Gamma lesson en"
    assert document.paragraphs[0].text == "Gamma lesson en"
    assert "Pupils can spot a trick." in text
    assert "CC BY-SA 4.0" in text and "http://127.0.0.1:8000/en/teachers/lessons/gamma-en" in text
    assert HELPLINE["en"] in document.sections[0].footer.paragraphs[0].text
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["clue", "yes"]
    sheet = docx.Document(io.BytesIO(get(f"{LESSON['en']}/sheet-en.docx").data))
    lines = [p.text.strip() for p in sheet.paragraphs]
    assert "1.\tTick the clues." in lines
    # A line of underscores in the worksheet is a line to write on, in a list or on its own.
    assert f"2.\t{'_' * 40}" in lines and "_" * 40 in lines


def test_the_pack_holds_plan_worksheets_answer_keys_and_the_letter_for_families(get):
    response = get(f"{LESSON['en']}.zip")
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert sorted(archive.namelist()) == [
        "gamma-en/LICENSE.txt",
        "gamma-en/gamma-en.docx",
        "gamma-en/gamma-en.for-families.pdf",
        "gamma-en/gamma-en.pdf",
        "gamma-en/sheet-en.answers.pdf",
        "gamma-en/sheet-en.docx",
        "gamma-en/sheet-en.pdf",
    ]
    assert archive.read("gamma-en/gamma-en.pdf") == get(f"{LESSON['en']}.pdf").data
    assert "CC BY-SA 4.0" in archive.read("gamma-en/LICENSE.txt").decode()


def test_quiz_worksheet_answer_key_gift_and_qti(get):
    sheet, answers = get("/fr/quiz/basics-fr.pdf"), get("/fr/quiz/basics-fr.corrige.pdf")
    assert sheet.headers["Content-Disposition"] == "attachment; filename=basics-fr.pdf"
    assert answers.headers["Content-Disposition"] == "attachment; filename=basics-fr.corrige.pdf"
    _, questions = pdf_text(sheet.data)
    _, key = pdf_text(answers.data)
    assert "☐" in questions[0] and "✔" not in questions[0]
    assert "✔" in key[0]
    gift = get("/fr/quiz/basics-fr.gift.txt")
    assert gift.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert gift.headers["Content-Disposition"] == "attachment; filename=basics-fr.gift.txt"
    assert "$CATEGORY:" in gift.get_data(as_text=True)
    qti = get("/fr/quiz/basics-fr.qti.zip")
    assert "imsmanifest.xml" in zipfile.ZipFile(io.BytesIO(qti.data)).namelist()


def test_files_are_built_once_and_answer_conditional_requests(get, small, monkeypatch):
    first = get(f"{LESSON['en']}/sheet-en.pdf")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    assert "max-age=3600" in first.headers["Cache-Control"]
    monkeypatch.setattr(documents, "html_to_pdf", lambda *a, **k: pytest.fail("built again"))
    again = get(f"{LESSON['en']}/sheet-en.pdf")
    assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]
    same = get(f"{LESSON['en']}/sheet-en.pdf", **{"If-None-Match": first.headers["ETag"]})
    assert same.status_code == 304 and not same.data
    since = get(
        f"{LESSON['en']}/sheet-en.pdf", **{"If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert since.status_code == 304
    other = get(f"{LESSON['en']}/sheet-en.pdf", **{"If-None-Match": '"something-else"'})
    assert other.status_code == 200


def test_every_app_server_answers_a_teachers_conditional_request_alike(tmp_path):
    """Two servers that each build their own copy of a file give it the same ETag, so a teacher
    whose next request reaches the other server still gets a 304."""
    servers = [
        create_app(
            {
                "TESTING": True,
                "CONTENT_DIR": str(FIXTURE),
                "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
                "DOWNLOAD_DIR": str(tmp_path / name),
            }
        ).test_client()
        for name in ("one", "two")
    ]
    url = f"{LESSON['nl']}.pdf"
    first = servers[0].get(url)
    first.close()
    second = servers[1].get(url, headers={"If-None-Match": first.headers["ETag"]})
    second.close()
    assert second.status_code == 304


@pytest.mark.parametrize(
    "url",
    [
        "/en/teachers/lessons/nope.pdf",  # unknown lesson
        "/en/teachers/lessons/gamma-en.exe",  # unknown format
        "/en/teachers/lessons/gamma-en.doc",
        "/en/teachers/lessons/gamma-nl.pdf",  # another language's slug
        "/de/teachers/lessons/gamma-en.pdf",  # unknown language
        "/en/teachers/lessons/gamma-en/nope.pdf",  # unknown worksheet
        "/en/teachers/lessons/gamma-en/sheet-en.zip",
        "/en/teachers/lessons/gamma-en/sheet-en.antwoorden.pdf",  # another language's word
        "/en/teachers/lessons/../../../etc/passwd.pdf",
        "/en/teachers/lessons/%2e%2e%2f%2e%2e%2fconfig.pdf",
        "/en/teachers/lessons/gamma-en/..%2f..%2f..%2fwsgi.pdf",
        "/en/teachers/lessons/gamma-en/sheet-en.pdf%00.txt",
        "/en/quiz/basics-en.qti.tar",
        "/en/quiz/nope.gift.txt",
        "/en/quiz/..%2fbasics-en.pdf",
    ],
)
def test_bad_download_addresses_are_localized_404s(get, url):
    response = get(url)
    assert response.status_code == 404
    assert response.mimetype == "text/html"


def test_nothing_outside_the_download_cache_can_be_served(small):
    from clicksafe.web.file_cache import Download

    with small.app_context():
        cache = documents.file_cache()
        with pytest.raises(ValueError):
            cache.path(Download("../../etc/passwd", "x", "text/plain", lambda: b""))


def layout_problems(html: str) -> list[str]:
    """Tables wider than the page's text area (their right edge would be cut off in print), and a
    last page that holds nothing but the licence (a sheet wasted for every pupil)."""
    document = HTML(string=html, base_url="http://127.0.0.1:8000/").render(
        stylesheets=[CSS(string=documents._stylesheet())]
    )
    found = []
    body = document.pages[-1]._page_box.children[0].children[0]
    if [child.element.get("class") for child in body.children] == ["doc-licence"]:
        found.append(f"page {len(document.pages)}: only the licence")
    for number, page in enumerate(document.pages, start=1):
        root = page._page_box.children[0]  # the <html> box: the page's text area
        right = root.content_box_x() + root.width
        for box in root.descendants():
            if isinstance(box, boxes.TableBox):
                edge = box.border_box_x() + box.border_width()
                if edge > right + 0.5:
                    found.append(f"page {number}: table ends at {edge:.0f} > {right:.0f}")
    return found


def test_real_lessons_lay_out_on_a4_without_cut_tables_or_a_lonely_licence(app, catalogue):
    """Every plan, worksheet and answer key of the real content, in every language."""
    with app.test_request_context():
        for (lang, _), lesson in sorted(catalogue.lessons.items()):
            context = documents._lesson_links(lesson)
            pages = {"plan": documents._html("lesson.html", lang, lesson=lesson, **context)}
            for sheet in lesson.worksheets:
                for handout, answers in ((sheet, False), (sheet.answer_key, True)):
                    if handout:
                        html = documents._html(
                            "handout.html", lang, lesson=lesson, handout=handout, answer_key=answers
                        )
                        pages[handout.slug + (" answers" if answers else "")] = html
            for name, html in pages.items():
                assert layout_problems(html) == [], (lesson.url, name)


def test_a_real_lesson_plan_pdf(app, catalogue):
    lesson = catalogue.lessons[("fr", "phishing-detectives")]
    response = app.test_client().get(f"{lesson.url}.pdf")
    response.direct_passthrough = False
    _, pages = pdf_text(response.get_data())
    response.close()
    assert 2 <= len(pages) <= 6
    assert lesson.title in flat(pages[0])
    for number, text in enumerate(pages, start=1):
        assert HELPLINE["fr"] in flat(text)
        assert f"Page {number} sur {len(pages)}" in flat(text)
    for sheet in lesson.worksheets:
        assert sheet.title in flat(" ".join(pages))


def test_every_real_lesson_plan_worksheet_and_letter_reads_back(app, catalogue):
    """Each lesson in one language (the three take turns): the files a teacher prints."""
    client = app.test_client()

    def read(url: str) -> str:
        response = client.get(url)
        assert response.status_code == 200, url
        response.direct_passthrough = False
        _, pages = pdf_text(response.get_data())
        response.close()
        return joined(" ".join(pages))

    def joined(text: str) -> str:
        return re.sub(r"-\s+", "-", flat(text))  # a line may break after "E-"

    ids = sorted({lesson_id for _, lesson_id in catalogue.lessons})
    letters = {"nl": "voor-ouders", "fr": "pour-les-familles", "en": "for-families"}
    for number, lesson_id in enumerate(ids):
        lang = ("nl", "fr", "en")[number % 3]
        lesson = catalogue.lessons[(lang, lesson_id)]
        plan = read(f"{lesson.url}.pdf")
        assert joined(lesson.title) in plan and HELPLINE[lang] in plan, lesson.url
        for area in lesson.competences:
            assert joined(area.name) in plan, (lesson.url, area.id)
        for sheet in lesson.worksheets:
            sheet_pdf = read(PATHS.worksheet_url(lang, lesson.slug, sheet.slug, "pdf"))
            assert joined(sheet.title) in sheet_pdf, (lesson.url, sheet.id)
        letter = read(f"{lesson.url}.{letters[lang]}.pdf")
        for question in lesson.family_questions:
            assert joined(question) in letter, (lesson.url, question)


def test_a_letter_for_families_says_what_the_class_learned_and_asks_three_questions(get, small):
    lesson = small.extensions["clicksafe.catalogue"].lessons[("nl", "gamma")]
    page = get(lesson.url).get_data(as_text=True)
    letter_url = f"{lesson.url}.voor-ouders.pdf"
    assert f'href="{letter_url}"' in page
    response = get(letter_url)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "filename=gamma-nl.voor-ouders.pdf" in response.headers["Content-Disposition"]
    pdf = PdfReader(io.BytesIO(response.data))
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    assert lesson.objectives[0] in text
    for question in lesson.family_questions:
        assert question in text
