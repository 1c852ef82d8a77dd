"""The teachers' lessons: a list filtered by age, topic and time, and a page per lesson."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext, ngettext
from wtforms.fields.choices import SelectChoice

from ..content import Lesson
from ..i18n import LANGUAGES, PATHS
from .cache import cached_page
from .context import alternates, alternates_of, catalogue
from .forms import LessonFilterForm

bp = Blueprint("lessons", __name__)
# the query arguments of the list, all it depends on
FILTERS = ("age", "topic", "duration", "competence")


def _filter_form(lang: str) -> LessonFilterForm:
    site = catalogue()
    lessons = site.lessons_for(lang)
    ages = (
        range(
            min(lesson.age[0] for lesson in lessons), max(lesson.age[1] for lesson in lessons) + 1
        )
        if lessons
        else ()
    )
    topic_ids = {topic for lesson in lessons for topic in lesson.topics}
    topics = [topic for topic in site.topics_in(lang) if topic.id in topic_ids]
    durations = sorted({lesson.duration for lesson in lessons})
    form = LessonFilterForm(request.args)
    form.age.choices = [("", gettext("Any age"))] + [
        (str(age), ngettext("%(num)d year", "%(num)d years", age)) for age in ages
    ]
    form.topic.choices = [("", gettext("Any topic"))] + [(t.slug, t.name) for t in topics]
    form.duration.choices = [("", gettext("Any length"))] + [
        (str(minutes), gettext("%(minutes)d minutes or less", minutes=minutes))
        for minutes in durations
    ]
    # The areas some lesson works on, grouped by framework: a teacher looks in their own.
    used = {area.id for lesson in lessons for area in lesson.competences}
    form.competence.choices = [SelectChoice("", gettext("Any curriculum area"))] + [
        SelectChoice(area.id, area.name, optgroup=framework.name)
        for framework in site.frameworks_in(lang)
        for area in framework.areas
        if area.id in used
    ]
    return form


@cached_page(query=FILTERS)
def index(lang: str) -> str:
    site = catalogue()
    form = _filter_form(lang)
    if not form.validate():
        abort(400)
    topic = next((t for t in site.topics_in(lang) if t.slug == form.topic.data), None)
    lessons = site.lessons_for(
        lang,
        age=int(form.age.data) if form.age.data else None,
        topic=topic.id if topic else None,
        max_minutes=int(form.duration.data) if form.duration.data else None,
        competence=form.competence.data or None,
    )
    return render_template(
        "lessons/index.html",
        form=form,
        lessons=lessons,
        filtered=any(field.data for field in form),
        alternates=alternates(
            {code: _filtered_url(code, form, topic.id if topic else None) for code in LANGUAGES}
        ),
    )


def _filtered_url(lang: str, form: LessonFilterForm, topic_id: str | None) -> str:
    """The same filters in another language: the topic's slug is translated, the rest kept."""
    query = {
        "age": form.age.data or "",
        "topic": catalogue().topics[(lang, topic_id)].slug if topic_id else "",
        "duration": form.duration.data or "",
        "competence": form.competence.data or "",  # an id: the same in every language
    }
    query = {key: value for key, value in query.items() if value}
    return PATHS.lessons_url(lang) + (f"?{urlencode(query)}" if query else "")


@cached_page
def lesson(lang: str, slug: str) -> str:
    site = catalogue()
    item: Lesson = site.lesson(lang, slug) or abort(404)
    return render_template(
        "lessons/lesson.html",
        lesson=item,
        topics=[site.topics[(lang, i)] for i in item.topics],
        guides=[site.guides[(lang, i)] for i in item.guides],
        quizzes=[site.quizzes[(lang, i)] for i in item.quizzes],
        alternates=alternates_of(site.translations(site.lessons, item.id)),
    )


for code in LANGUAGES:
    bp.add_url_rule(PATHS.lessons_url(code), "index", index, defaults={"lang": code})
    bp.add_url_rule(PATHS.lesson_url(code, "<slug>"), "lesson", lesson, defaults={"lang": code})
