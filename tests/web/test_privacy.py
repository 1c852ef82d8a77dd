"""The privacy page's promises, tied to the code that keeps them: what is kept, how long, where."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from limits import parse
from quiz_client import Child, a_quiz
from sqlalchemy import inspect

from clicksafe.extensions import db
from clicksafe.i18n import LANG_COOKIE_MAX_AGE, LANGUAGES

ROOT = Path(__file__).parent.parent.parent
# What each language's page says of the lang cookie, a quiz's lifetime, attempts' retention,
# the rate-limit window and the logs' lifetime.
SAYS = {
    "en": ("one year", "two hours", "Two years", "one minute", "14 days"),
    "nl": ("een jaar", "twee uur", "Twee jaar", "een minuut", "14 dagen"),
    "fr": ("un an", "deux heures", "Deux ans", "une minute", "14 jours"),
}


def privacy(catalogue, lang):
    return catalogue.pages[(lang, "privacy")].html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_figures_on_the_page_are_the_figures_in_the_code(app, catalogue, lang):
    html = privacy(catalogue, lang)
    year, hours, retention, minute, logs = SAYS[lang]
    assert LANG_COOKIE_MAX_AGE == 365 * 24 * 3600 and year in html
    assert app.config["QUIZ_MAX_SECONDS"] == 2 * 3600 and hours in html
    assert app.config["ATTEMPT_RETENTION_DAYS"] == 730 and retention in html
    for limit in (app.config["QUIZ_RATE_LIMIT"], app.config["ADDRESS_RATE_LIMIT"]):
        assert parse(limit).get_expiry() == 60
    assert minute in html and logs in html
    assert "<code>lang</code>" in html and "<code>session</code>" in html
    assert 'href="/dpia"' in html
    assert not re.search(r"helpful|nuttig|utile\s*\?", html, re.I), "no feedback feature exists"


def test_only_the_two_cookies_the_page_names_and_none_for_reading(client, catalogue):
    quiz = a_quiz(catalogue, "en")
    for url in ("/en/", quiz.url, "/en/quiz/", catalogue.pages[("en", "privacy")].url):
        assert "Set-Cookie" not in client.get(url).headers, url
    child = Child(client, quiz)
    names = {child.start().headers["Set-Cookie"].split("=")[0]}
    names.add(client.get("/language/fr?next=/fr/").headers["Set-Cookie"].split("=")[0])
    assert names == {"session", "lang"}
    client.get(f"{quiz.url}/1")
    with client.session_transaction() as session:
        assert not session.permanent  # deleted when the browser closes
        assert set(session) == {"quiz"}  # the quiz's progress, nothing else
        assert set(session["quiz"]) == {"quiz_id", "version", "token", "started", "answers",
                                        "finished", "orders"}  # fmt: skip


def test_an_attempt_holds_what_the_page_lists_and_nothing_more(app):
    with app.app_context():
        columns = {c["name"] for c in inspect(db.engine).get_columns("quiz_attempt")}
    # quiz and version, language, score and maximum, options, run number, time stored
    assert columns == {"id", "quiz_id", "quiz_version", "lang", "score", "maximum", "answers",
                       "token", "created_at"}  # fmt: skip


def test_access_logs_hold_no_address_and_no_query_string():
    conf = (ROOT / "deploy" / "gunicorn.conf.py").read_text()
    log_format = re.search(r"access_log_format = '([^']+)'", conf).group(1)
    assert "%(h)s" not in log_format and "%({x-forwarded-for}i)s" not in log_format
    assert "%(U)s" in log_format and "%(q)s" not in log_format and "%(r)s" not in log_format
    assert "%(a)s" not in log_format  # no browser details either
