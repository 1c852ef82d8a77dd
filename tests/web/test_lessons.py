"""The teachers' lessons: a list filtered by age, topic and length (also after switching language),
and a page per lesson with everything a teacher needs."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from markupsafe import escape

from clicksafe.i18n import LANGUAGES, PATHS


def matches(lesson, query: dict[str, str]) -> bool:
    """What a teacher asking for `query` expects to find, written out plainly."""
    age, topic, duration = query.get("age"), query.get("topic"), query.get("duration")
    competence = query.get("competence")
    return (
        (age is None or lesson.age[0] <= int(age) <= lesson.age[1])
        and (topic is None or topic in lesson.topics)
        and (duration is None or lesson.duration <= int(duration))
        and (competence is None or competence in [area.id for area in lesson.competences])
    )


def listed(html: str, catalogue, lang: str) -> set[str]:
    """Ids of the lessons the list shows."""
    urls = set(re.findall(r'<h3 class="card__title"><a href="([^"]+)"', html))
    return {
        i for (code, i), lesson in catalogue.lessons.items() if code == lang and lesson.url in urls
    }


def topic_slug(catalogue, lang: str, topic: str) -> str:
    return catalogue.topics[(lang, topic)].slug


def test_lessons_for_primary_and_secondary_in_every_language(catalogue):
    for lang in LANGUAGES:
        lessons = [item for (code, _), item in catalogue.lessons.items() if code == lang]
        assert len(lessons) >= 6
        assert min(item.age[0] for item in lessons) <= 8
        assert max(item.age[1] for item in lessons) >= 15
        for lesson in lessons:
            assert lesson.worksheets, lesson.id
            assert 30 <= lesson.duration <= 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_list_shows_every_lesson_youngest_first(client, catalogue, lang):
    html = client.get(PATHS.lessons_url(lang)).get_data(as_text=True)
    every = {i for (code, i) in catalogue.lessons if code == lang}
    assert listed(html, catalogue, lang) == every
    positions = sorted(
        (html.index(f'href="{lesson.url}"'), lesson.age)
        for (code, _), lesson in catalogue.lessons.items()
        if code == lang
    )
    ages = [age for _, age in positions]
    assert ages == sorted(ages)
    for (code, _), lesson in catalogue.lessons.items():
        if code == lang:  # teachers in Belgium think in school years as much as in ages
            assert f"<li>{escape(lesson.level)}</li>" in html


@pytest.mark.parametrize(
    "query",
    [
        {"age": "9"},
        {"age": "10"},
        {"age": "14"},
        {"duration": "45"},
        {"topic": "passwords"},
        {"topic": "privacy", "age": "13"},
        {"topic": "misinformation", "age": "8"},
        {"competence": "fwb-writing"},
        {"competence": "flanders-e-identity", "age": "16"},
    ],
)
def test_filters_by_age_topic_length_and_curriculum_area(client, catalogue, query):
    for lang in LANGUAGES:
        expected = {
            i
            for (code, i), lesson in catalogue.lessons.items()
            if code == lang and matches(lesson, query)
        }
        args = dict(query)
        if "topic" in args:
            args["topic"] = topic_slug(catalogue, lang, args["topic"])
        html = client.get(PATHS.lessons_url(lang), query_string=args).get_data(as_text=True)
        assert listed(html, catalogue, lang) == expected, (lang, query)
        if not expected:
            assert "No lesson matches" in html or "Geen les" in html or "Aucune leçon" in html
        for value in args.values():
            assert f'selected value="{value}"' in html


def test_the_filters_survive_a_language_switch(client, catalogue):
    nl_slug = topic_slug(catalogue, "nl", "passwords")
    html = client.get(
        PATHS.lessons_url("nl"),
        query_string={"age": "9", "topic": nl_slug, "competence": "fwb-organisation"},
    ).get_data(as_text=True)
    switch = unescape(re.search(r'href="(/language/fr\?next=[^"]+)"', html).group(1))
    target = client.get(switch).headers["Location"]
    path, query = urlsplit(target).path, parse_qs(urlsplit(target).query)
    assert path == PATHS.lessons_url("fr")
    assert query == {
        "age": ["9"],
        "topic": [topic_slug(catalogue, "fr", "passwords")],
        "competence": ["fwb-organisation"],
    }
    french = client.get(target).get_data(as_text=True)
    query = {"age": "9", "topic": "passwords", "competence": "fwb-organisation"}
    assert listed(french, catalogue, "fr") == {
        i
        for (code, i), lesson in catalogue.lessons.items()
        if code == "fr" and matches(lesson, query)
    }


@pytest.mark.parametrize(
    "query",
    [
        {"age": "abc"},
        {"age": "99"},
        {"topic": "nope"},
        {"duration": "7"},
        {"topic": "passwords"},
        {"competence": "nope"},
    ],
)
def test_a_filter_value_the_form_does_not_offer_is_a_localized_400(client, query):
    response = client.get(PATHS.lessons_url("fr"), query_string=query)
    assert response.status_code == 400
    assert '<html lang="fr">' in response.get_data(as_text=True)


def test_a_lesson_page_shows_the_plan_worksheets_downloads_and_related_material(client, catalogue):
    for (lang, _), lesson in catalogue.lessons.items():
        response = client.get(lesson.url)
        assert response.status_code == 200, lesson.url
        html = response.get_data(as_text=True)
        assert f"<h1>{escape(lesson.title)}</h1>" in html
        for text in (*lesson.objectives, *lesson.materials, lesson.level):
            assert str(escape(text)) in html, (lesson.url, text)
        assert 'href="tel:116000"' in html
        for ext in ("pdf", "docx", "zip"):
            assert f'href="{PATHS.lesson_file_url(lang, lesson.slug, ext)}"' in html
        for sheet in lesson.worksheets:
            assert str(escape(sheet.title)) in html
            assert f'href="{PATHS.worksheet_url(lang, lesson.slug, sheet.slug, "pdf")}"' in html
            if sheet.answer_key:
                assert f'href="{PATHS.answer_key_url(lang, lesson.slug, sheet.slug)}"' in html
        for guide_id in lesson.guides:
            assert f'href="{catalogue.guides[(lang, guide_id)].url}"' in html
        for quiz_id in lesson.quizzes:
            quiz = catalogue.quizzes[(lang, quiz_id)]
            assert f'href="{quiz.url}"' in html
            assert f'href="{PATHS.quiz_file_url(lang, quiz.slug, "gift.txt")}"' in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_teachers_choose_a_curriculum_area_under_its_framework(client, catalogue, lang):
    html = client.get(PATHS.lessons_url(lang)).get_data(as_text=True)
    select = re.search(r'<select id="competence".*?</select>', html, re.S).group(0)
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
    frameworks = catalogue.frameworks_in(lang)
    assert [unescape(label) for label, _ in groups] == [f.name for f in frameworks]
    used = {
        a.id
        for (code, _), lesson in catalogue.lessons.items()
        if code == lang
        for a in lesson.competences
    }
    for (_, options), framework in zip(groups, frameworks, strict=True):
        offered = re.findall(r'value="([^"]+)"', options)
        assert offered == [area.id for area in framework.areas if area.id in used]
        for area in framework.areas:
            if area.id in used:
                assert f">{escape(area.name)}</option>" in options


def test_a_lesson_names_its_curriculum_areas_on_its_page_and_in_its_plan(client, catalogue):
    for (lang, _), lesson in catalogue.lessons.items():
        html = client.get(lesson.url).get_data(as_text=True)
        facts = re.search(r'<dl class="lesson-facts">.*?</dl>', html, re.S).group(0)
        named = {area.framework for area in lesson.competences}
        assert named == {f.id for f in catalogue.frameworks_in(lang)}, lesson.url
        for area in lesson.competences:
            assert f"<dt>{escape(area.framework_name)}</dt>" in facts
            assert str(escape(area.name)) in facts, (lesson.url, area.id)


def test_an_unknown_lesson_is_a_localized_404(client):
    response = client.get(PATHS.lesson_url("nl", "bestaat-niet"))
    assert response.status_code == 404
    assert '<html lang="nl">' in response.get_data(as_text=True)


def test_the_teachers_corner_and_quiz_pages_lead_to_lessons_and_quiz_files(client, catalogue):
    for lang in LANGUAGES:
        html = client.get(PATHS.audience_url(lang, "teachers")).get_data(as_text=True)
        assert f'href="{PATHS.lessons_url(lang)}"' in html
        for youngest, oldest in ((8, 10), (10, 12), (12, 15), (15, 18)):
            band = re.search(
                rf'<section class="age-band" aria-labelledby="ages-{youngest}">(.*?)</section>',
                html,
                re.S,
            ).group(1)
            lessons_part, quizzes_part = band.split("<h4>")[1:]
            # material for ages 10 to 12 serves the 10-12 band, not the 8-10 one
            for items, part in (
                (catalogue.lessons, lessons_part),
                (catalogue.quizzes, quizzes_part),
            ):
                expected = {
                    item.url
                    for (code, _), item in items.items()
                    if code == lang and item.age and item.age[0] < oldest and item.age[1] > youngest
                }
                assert set(re.findall(r'<a href="([^"]+)"', part)) == expected, (lang, youngest)
                assert len(expected) >= 2, (lang, youngest)
    for (lang, _), quiz in catalogue.quizzes.items():
        html = client.get(quiz.url).get_data(as_text=True)
        for ext in ("pdf", "gift.txt", "qti.zip"):
            assert f'href="{PATHS.quiz_file_url(lang, quiz.slug, ext)}"' in html
        assert f'href="{PATHS.quiz_answers_url(lang, quiz.slug)}"' in html


def test_a_filtered_list_is_rendered_once_and_made_up_filters_are_never_kept(fresh_app):
    app = fresh_app()
    client = app.test_client()
    pages = app.extensions["clicksafe.page_cache"]
    url = PATHS.lessons_url("en")
    first = client.get(url, query_string={"age": "11", "utm": "x"})
    kept = len(pages)
    assert kept == 1
    again = client.get(
        url, query_string={"age": "11"}, headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304
    for made_up in ("12345", "abc", "-1", "9" * 50):
        assert client.get(url, query_string={"age": made_up}).status_code == 400
    assert len(pages) == kept


def test_topic_pages_teachers_guides_and_quizzes_lead_to_the_lessons_that_use_them(
    client, catalogue
):
    for (lang, _), lesson in catalogue.lessons.items():
        card = f'<h3 class="card__title"><a href="{lesson.url}">'
        for topic_id in lesson.topics:
            assert card in client.get(catalogue.topics[(lang, topic_id)].url).get_data(True)
        for guide_id in lesson.guides:
            guide = catalogue.guides[(lang, guide_id)]
            html = client.get(guide.url).get_data(as_text=True)
            # A lesson is for the teacher: it is shown on guides teachers read, not on kids' pages.
            assert (card in html) == ("teachers" in guide.audiences), (guide.url, lesson.id)
        for quiz_id in lesson.quizzes:
            html = client.get(catalogue.quizzes[(lang, quiz_id)].url).get_data(as_text=True)
            assert f'<a href="{lesson.url}">{escape(lesson.title)}</a>' in html
    # Not every topic has a lesson: such a topic page shows no empty lesson section.
    used = {topic for lesson in catalogue.lessons.values() for topic in lesson.topics}
    without_lessons = [t for (_, i), t in catalogue.topics.items() if i not in used]
    for topic in without_lessons:
        assert "topic-lessons" not in client.get(topic.url).get_data(as_text=True)
