"""A quiz with a class: the teacher opens a session from a quiz page and gets a join code, a QR
code and a private dashboard; pupils join with the code and take the quiz, no name asked.

Pages for pupils and the teacher's dashboard are private (no-store). Posts are guarded like quiz
posts (the browser says they come from this site) and counted per address.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
)
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import Gone

from .. import classroom
from ..content import Quiz
from ..extensions import csrf
from ..i18n import LANGUAGES, PATHS
from .context import alternates, catalogue
from .limits import rate_limits
from .progress import Progress

bp = Blueprint("classroom", __name__)
csrf.exempt(bp)  # guarded by where posts come from, like quiz posts (see quizzes._guard_posts)
SESSION_KEY = "class"


class ClassClosed(Gone):
    heading = _l("This class session has ended")
    message = _l(
        "Your teacher closed this session, or it is too old. Your answers so far were kept. "
        "You can still take the quiz on your own."
    )


@bp.before_request
def _guard_posts() -> None:
    from .quizzes import _sent_from_this_site

    if request.method == "POST":
        if not _sent_from_this_site():
            abort(403)
        rate_limits().check()


@bp.after_request
def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store, private"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def start(lang: str, slug: str) -> Response:
    """Open a session for this quiz; the teacher lands on the dashboard, whose address holds
    the key."""
    quiz = catalogue().quiz(lang, slug) or abort(404)
    mode = request.form.get("mode", "self-paced")
    if mode not in classroom.MODES:
        abort(400)
    opened, key = classroom.open_session(quiz, mode, current_app.config["CLASS_SESSION_HOURS"])
    return redirect(PATHS.class_dashboard_url(lang, opened.code, key), 303)


def join_page(lang: str) -> str:
    code = classroom.normalized_code(request.args.get("code", ""))
    return render_template(
        "classroom/join.html", code=code, problem=None, alternates=_join_alternates(code)
    )


def join(lang: str) -> Response | tuple[str, int]:
    code = classroom.normalized_code(request.form.get("code", ""))
    try:
        opened = classroom.find_session(code)
    except classroom.SessionUnavailable as error:
        status = 404 if error.reason == "unknown" else 410
        html = render_template(
            "classroom/join.html",
            code=code,
            problem=error.reason,
            alternates=_join_alternates(code),
        )
        return html, status
    quiz = catalogue().quizzes.get((lang, opened.quiz_id)) or abort(404)
    token = classroom.join(opened, lang)
    session[SESSION_KEY] = {"code": opened.code, "participant": token, "quiz": quiz.id}
    Progress.start(quiz)
    return redirect(f"{quiz.url}/1", 303)


def _join_alternates(code: str) -> dict[str, str]:
    query = f"?{urlencode({'code': code})}" if code else ""
    return alternates({lang: PATHS.join_url(lang) + query for lang in LANGUAGES})


def record_answer(quiz: Quiz, question_id: str, chosen: list[str], correct: bool) -> None:
    """Called by the quiz for every answer: keep it for the class if the pupil joined one."""
    membership = session.get(SESSION_KEY)
    if not isinstance(membership, dict) or membership.get("quiz") != quiz.id:
        return
    try:
        classroom.record_answer(
            str(membership.get("code")),
            str(membership.get("participant")),
            question_id,
            chosen,
            correct,
        )
    except classroom.SessionUnavailable:
        session.pop(SESSION_KEY, None)
        raise ClassClosed() from None


def record_finish(quiz: Quiz) -> None:
    membership = session.get(SESSION_KEY)
    if isinstance(membership, dict) and membership.get("quiz") == quiz.id:
        classroom.finish(str(membership.get("participant")))


def _teacher(lang: str, code: str, key: str):
    """The session of a dashboard address and its quiz in this language; a wrong key is a 404."""
    opened = classroom.teacher_session(code, key) or abort(404)
    quiz = catalogue().quizzes.get((lang, opened.quiz_id)) or abort(404)
    return opened, quiz


def dashboard(lang: str, code: str, key: str) -> str:
    opened, quiz = _teacher(lang, code, key)
    numbers = classroom.results(opened)
    site = catalogue()
    return render_template(
        "classroom/dashboard.html",
        opened=opened,
        quiz=quiz,
        numbers=numbers,
        hardest=numbers.hardest_first(quiz),
        questions={q.id: q for q in quiz.questions},
        guides={q.id: site.guides.get((lang, q.guide)) for q in quiz.questions if q.guide},
        join_url=current_app.config["SITE_URL"] + PATHS.join_url(lang),
        key=key,
        alternates=alternates(
            {other: PATHS.class_dashboard_url(other, code, key) for other in LANGUAGES}
        ),
    )


def numbers_json(lang: str, code: str, key: str) -> Response:
    """What the dashboard polls: cheap, with an ETag, so nothing changed is a 304."""
    opened, _ = _teacher(lang, code, key)
    numbers = classroom.results(opened)
    response = jsonify(
        joined=numbers.joined,
        finished=numbers.finished,
        answered={q.question_id: q.answered for q in numbers.questions.values()},
        closed=opened.closed_at is not None,
    )
    response.set_etag(numbers.fingerprint + ("-closed" if opened.closed_at else ""))
    return response.make_conditional(request)


def close(lang: str, code: str, key: str) -> Response:
    opened, _ = _teacher(lang, code, key)
    if opened.closed_at is None:
        classroom.close(opened)
    return redirect(PATHS.class_dashboard_url(lang, code, key), 303)


def results_csv(lang: str, code: str, key: str) -> Response:
    """The class's numbers per question and option: no row per pupil."""
    opened, quiz = _teacher(lang, code, key)
    numbers = classroom.results(opened)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "question",
            "question_text",
            "answered",
            "right",
            "share_right",
            "option",
            "option_text",
            "correct",
            "chosen",
        ]
    )
    for question in quiz.questions:
        result = numbers.questions.get(question.id)
        for option in question.options:
            writer.writerow(
                [
                    question.id,
                    question.text,
                    result.answered if result else 0,
                    result.right if result else 0,
                    f"{result.share_right:.2f}" if result else "",
                    option.id,
                    option.text,
                    "yes" if option.correct else "no",
                    result.options.get(option.id, 0) if result else 0,
                ]
            )
    response = current_app.response_class(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{quiz.slug}-{code}.csv"'
    return response


def qr_code(lang: str, code: str) -> Response:
    """The join address with this code as a QR code, made here: nothing is asked of other sites."""
    url = current_app.config["SITE_URL"] + PATHS.join_url(lang) + "?" + urlencode({"code": code})
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=2, xmldecl=False)
    return current_app.response_class(out.getvalue(), mimetype="image/svg+xml")


for code in LANGUAGES:
    dashboard_base = PATHS.class_dashboard_url(code, "<code>", "<key>")
    rules = [
        (f"{PATHS.quiz_url(code, '<slug>')}/class", "start", start, ["POST"]),
        (PATHS.join_url(code), "join_page", join_page, ["GET"]),
        (PATHS.join_url(code), "join", join, ["POST"]),
        (dashboard_base, "dashboard", dashboard, ["GET"]),
        (f"{dashboard_base}/numbers.json", "numbers", numbers_json, ["GET"]),
        (f"{dashboard_base}/results.csv", "results_csv", results_csv, ["GET"]),
        (f"{dashboard_base}/close", "close", close, ["POST"]),
        (f"{PATHS.join_url(code)}/<code>.svg", "qr", qr_code, ["GET"]),
    ]
    for rule, endpoint, view, methods in rules:
        bp.add_url_rule(rule, endpoint, view, methods=methods, defaults={"lang": code})
