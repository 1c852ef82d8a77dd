"""The real lessons: written to the standards of all content (only listed facts, each language's
own listening line, reading ease for their readers), with the same substance in every language."""

from __future__ import annotations

import re

import pytest

from clicksafe.content.readability import reading_ease


def words(html: str) -> int:
    return len(re.sub(r"<[^>]+>", " ", html).split())


def texts(catalogue):
    """(lesson, name, html) of every plan, worksheet and answer key."""
    for lesson in catalogue.lessons.values():
        yield lesson, "plan", lesson.html
        for sheet in lesson.worksheets:
            yield lesson, sheet.id, sheet.html
            if sheet.answer_key:
                yield lesson, f"{sheet.id} answers", sheet.answer_key.html


def test_only_listed_numbers_and_addresses_and_each_languages_listening_line(app, catalogue):
    allowed_numbers = {"116000", "102", "103", "112", "101"}
    for lesson, name, html in texts(catalogue):
        where = (lesson.id, lesson.lang, name)
        assert "116 111" not in html and "116111" not in html, where
        for number in re.findall(r'href="tel:([^"]+)"', html):
            assert number in allowed_numbers, (*where, number)
        for address in re.findall(r'href="(https?://[^"]+)"', html):
            assert address == app.config["REPORT_URL"], (*where, address)
        assert not re.search(r"lorem ipsum|\bTODO\b|\bTBD\b|FIXME", html, re.I), where
        if lesson.lang == "nl":
            assert "Écoute-Enfants" not in html and "tel:103" not in html, where
        if lesson.lang == "fr":
            assert "Awel" not in html and "tel:102" not in html, where


def test_every_worksheet_ends_with_someone_to_talk_to(catalogue):
    for lesson in catalogue.lessons.values():
        for sheet in lesson.worksheets:
            last = sheet.html.rsplit("<blockquote>", 1)
            assert len(last) == 2 and 'href="tel:116000"' in last[1], (sheet.id, sheet.lang)


def test_reading_ease_suits_the_readers(catalogue):
    """Plans are for teachers (60+); worksheets for pupils: 80+ up to 12 years, 60+ after."""
    for lesson, name, html in texts(catalogue):
        pupils = name != "plan" and not name.endswith("answers")
        wanted = 80 if pupils and lesson.age[1] <= 12 else 60
        ease = reading_ease(html, lesson.lang)
        assert ease >= wanted, (lesson.id, lesson.lang, name, round(ease))


def test_the_same_substance_in_every_language(catalogue):
    for (lang, lesson_id), lesson in catalogue.lessons.items():
        english = catalogue.lessons[("en", lesson_id)]
        assert lesson.html.count("<h3") == english.html.count("<h3"), (lesson_id, lang)
        assert 0.7 <= words(lesson.html) / words(english.html) <= 1.4, (lesson_id, lang)
        # A plan holds the steps, differentiation and the note for the teacher: a few A4 pages.
        assert 700 <= words(lesson.html) <= 1800, (lesson_id, lang, words(lesson.html))
        for sheet, other in zip(lesson.worksheets, english.worksheets, strict=True):
            assert sheet.html.count("<table") == other.html.count("<table"), (sheet.id, lang)
            assert sheet.html.count("<li") == other.html.count("<li"), (sheet.id, lang)
            assert (sheet.answer_key is None) == (other.answer_key is None), (sheet.id, lang)


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_every_age_band_has_two_lessons_and_two_quizzes(catalogue, lang):
    """From the 3rd year of primary to the 6th of secondary: 8-10, 10-12, 12-15 and 15-18."""
    bands = catalogue.age_bands(lang)
    assert [band.ages for band in bands] == [(8, 10), (10, 12), (12, 15), (15, 18)]
    for band in bands:
        assert len(band.lessons) >= 2, (lang, band.ages, [lesson.id for lesson in band.lessons])
        assert len(band.quizzes) >= 2, (lang, band.ages, [quiz.id for quiz in band.quizzes])


def test_twelve_lessons_each_naming_areas_of_both_curriculum_frameworks(catalogue):
    for lang in ("nl", "fr", "en"):
        lessons = [item for (code, _), item in catalogue.lessons.items() if code == lang]
        assert len(lessons) >= 12, lang
        frameworks = {framework.id for framework in catalogue.frameworks_in(lang)}
        for lesson in lessons:
            assert {area.framework for area in lesson.competences} == frameworks, lesson.id


def test_every_plans_timings_add_up_to_its_duration(catalogue):
    """What the teacher reads: the minutes in the plan's headings fill the lesson exactly."""
    for (lang, lesson_id), lesson in catalogue.lessons.items():
        headings = re.findall(r"<h[23][^>]*>(.*?)</h[23]>", lesson.html)
        minutes = [int(m) for text in headings for m in re.findall(r"\((\d+) min\)$", text)]
        assert len(minutes) >= 4, (lesson_id, lang)  # introduction, activities, talk, wrap-up
        assert sum(minutes) == lesson.duration, (lesson_id, lang, minutes)
