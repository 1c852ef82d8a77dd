"""Languages, localized URL words, and how addresses are written for each language."""

from __future__ import annotations

from collections.abc import Collection

LANGUAGES = ("nl", "fr", "en")
LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}
FALLBACK_LANGUAGE = "en"
LANG_COOKIE = "lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600

# The localized first word of each section's address.
SECTION_WORDS = {
    "kids": {"nl": "kinderen", "fr": "enfants", "en": "kids"},
    "teens": {"nl": "jongeren", "fr": "jeunes", "en": "teens"},
    "parents": {"nl": "ouders", "fr": "parents", "en": "parents"},
    "teachers": {"nl": "leerkrachten", "fr": "enseignants", "en": "teachers"},
    "quizzes": {"nl": "quiz", "fr": "quiz", "en": "quiz"},
    "lessons": {"nl": "lessen", "fr": "lecons", "en": "lessons"},
    "topics": {"nl": "themas", "fr": "themes", "en": "topics"},
    "search": {"nl": "zoeken", "fr": "recherche", "en": "search"},
    "apps": {"nl": "apps", "fr": "apps", "en": "apps"},
    "glossary": {"nl": "woordenlijst", "fr": "glossaire", "en": "glossary"},
    "join": {"nl": "doe-mee", "fr": "participer", "en": "join"},
    "class": {"nl": "klas", "fr": "classe", "en": "class"},
}


# Localized words in file names: the answer key of a worksheet or quiz
FILE_WORDS = {
    "answers": {"nl": "antwoorden", "fr": "corrige", "en": "answers"},
    "families": {"nl": "voor-ouders", "fr": "pour-les-familles", "en": "for-families"},
}
LESSON_FORMATS = ("pdf", "docx", "zip")  # the plan as PDF or Word, or the whole pack
WORKSHEET_FORMATS = ("pdf", "docx")
QUIZ_FORMATS = ("gift.txt", "qti.zip", "pdf")  # Moodle, QTI platforms, a worksheet to print


SITE_DOCUMENTS = ("dpia",)  # the data protection impact assessment


def word(section: str, lang: str) -> str:
    return SECTION_WORDS[section][lang]


def language_of_path(path: str) -> str | None:
    """The site language a path starts with, if any: '/fr/xyz' -> 'fr'."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES else None


class SitePaths:
    """Writes every address of the site. Routes are registered from the same methods, called with
    a `<slug>` placeholder, so a link and its route can never disagree."""

    languages = LANGUAGES

    def reserved_slugs(self, lang: str) -> Collection[str]:
        return {words[lang] for words in SECTION_WORDS.values()}

    def home_url(self, lang: str) -> str:
        return f"/{lang}/"

    def audience_url(self, lang: str, audience: str) -> str:
        return f"/{lang}/{word(audience, lang)}/"

    def guide_url(self, lang: str, audience: str, slug: str) -> str:
        return f"/{lang}/{word(audience, lang)}/{slug}"

    def topic_url(self, lang: str, slug: str) -> str:
        return f"/{lang}/{word('topics', lang)}/{slug}"

    def topics_url(self, lang: str) -> str:
        return f"/{lang}/{word('topics', lang)}/"

    def quizzes_url(self, lang: str) -> str:
        return f"/{lang}/{word('quizzes', lang)}/"

    def quiz_url(self, lang: str, slug: str) -> str:
        return f"/{lang}/{word('quizzes', lang)}/{slug}"

    def lessons_url(self, lang: str) -> str:
        return f"{self.audience_url(lang, 'teachers')}{word('lessons', lang)}/"

    def lesson_url(self, lang: str, slug: str) -> str:
        return f"{self.lessons_url(lang)}{slug}"

    def apps_url(self, lang: str) -> str:
        return f"/{lang}/{word('apps', lang)}/"

    def app_url(self, lang: str, slug: str) -> str:
        return f"{self.apps_url(lang)}{slug}"

    def search_url(self, lang: str) -> str:
        return f"/{lang}/{word('search', lang)}"

    def join_url(self, lang: str) -> str:
        return f"/{lang}/{word('join', lang)}"

    def class_pupil_url(self, lang: str, code: str) -> str:
        """A pupil's page in a teacher-paced session: the question on the projector."""
        return f"{self.join_url(lang)}/{code}"

    def class_url(self, lang: str, code: str) -> str:
        return f"/{lang}/{word('class', lang)}/{code}"

    def class_dashboard_url(self, lang: str, code: str, key: str, part: str = "") -> str:
        """The teacher's dashboard (or one of its files, `part`): the secret key is in the query
        string, which the access logs of nginx and gunicorn leave out, and it is never linked."""
        return f"{self.class_url(lang, code)}{part}?key={key}"

    def glossary_url(self, lang: str) -> str:
        return f"/{lang}/{word('glossary', lang)}"

    def lesson_file_url(self, lang: str, slug: str, ext: str) -> str:
        return f"{self.lesson_url(lang, slug)}.{ext}"

    def worksheet_url(self, lang: str, lesson_slug: str, slug: str, ext: str) -> str:
        return f"{self.lesson_url(lang, lesson_slug)}/{slug}.{ext}"

    def family_letter_url(self, lang: str, slug: str) -> str:
        """The one-page letter for families about a lesson: `<lesson>.for-families.pdf`."""
        return self.lesson_file_url(lang, slug, f"{FILE_WORDS['families'][lang]}.pdf")

    def answer_key_url(self, lang: str, lesson_slug: str, slug: str) -> str:
        return self.worksheet_url(lang, lesson_slug, slug, self.answers_ext(lang))

    def quiz_file_url(self, lang: str, slug: str, ext: str) -> str:
        return f"{self.quiz_url(lang, slug)}.{ext}"

    def quiz_answers_url(self, lang: str, slug: str) -> str:
        return self.quiz_file_url(lang, slug, self.answers_ext(lang))

    @staticmethod
    def answers_ext(lang: str) -> str:
        return f"{FILE_WORDS['answers'][lang]}.pdf"

    def page_url(self, lang: str, slug: str) -> str:
        return f"/{lang}/{slug}"

    def document_url(self, name: str) -> str | None:
        """Documents about the site itself, in English only (docs/<name>.md)."""
        return f"/{name}" if name in SITE_DOCUMENTS else None

    def media_url(self, name: str) -> str:
        return f"/media/{name}"


PATHS = SitePaths()
