"""A quiz with a class: the teacher opens a session from a quiz page and gets a join code, a QR
code and a private dashboard; pupils join with the code and take the quiz, no name asked.

Pages for pupils and the teacher's dashboard are private (no-store). Posts are guarded like quiz
posts (the browser says they come from this site) and counted per address.
"""

from __future__ import annotations

import contextlib
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
from . import documents
from .context import alternates, catalogue
from .origin import guard_posts
from .progress import Progress

bp = Blueprint("classroom", __name__)
csrf.exempt(bp)  # guarded by where posts come from, like quiz posts (web/origin.py)
SESSION_KEY = "class"


class ClassClosed(Gone):
    heading = _l("This class session has ended")
    message = _l(
        "Your teacher closed this session, or it is too old. Your answers so far were kept. "
        "You can still take the quiz on your own."
    )


bp.before_request(guard_posts)


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
    if opened.mode == "teacher-paced":
        return redirect(PATHS.class_pupil_url(lang, opened.code), 303)
    Progress.start(quiz)
    return redirect(f"{quiz.url}/1", 303)


def _pupil(lang: str, code: str):
    """The session a pupil joined, its quiz in the pupil's language, and the pupil's token."""
    membership = session.get(SESSION_KEY)
    if not isinstance(membership, dict) or membership.get("code") != code:
        return redirect(PATHS.join_url(lang) + "?" + urlencode({"code": code}), 303)
    try:
        opened = classroom.find_session(code)
    except classroom.SessionUnavailable:
        raise ClassClosed() from None
    quiz = catalogue().quizzes.get((lang, opened.quiz_id)) or abort(404)
    return opened, quiz, str(membership.get("participant"))


def pupil_now(lang: str, code: str) -> Response | str:
    """Teacher-paced, on a pupil's device: the options of the question on the projector, then
    "look at the board", then whether they were right once the teacher reveals the answers."""
    found = _pupil(lang, code)
    if isinstance(found, Response):
        return found
    opened, quiz, participant = found
    item = quiz.questions[min(opened.current, len(quiz.questions) - 1)]
    chosen = classroom.answer_of(opened, participant, item.id)
    if request.method == "POST" and chosen is None:
        picked = sorted(set(request.form.getlist("answer")) & item.option_ids)
        if picked:
            # The teacher may have closed answering meanwhile: the page then says so.
            with contextlib.suppress(classroom.NotAnswering):
                classroom.record_answer(
                    code,
                    participant,
                    item.id,
                    picked,
                    frozenset(picked) == item.correct_ids,
                    current_question=item.id,
                )
        return redirect(PATHS.class_pupil_url(lang, code), 303)
    return render_template(
        "classroom/pupil.html",
        opened=opened,
        quiz=quiz,
        number=opened.current + 1,
        question=item,
        chosen=chosen,
        right=chosen is not None and frozenset(chosen) == item.correct_ids,
        state_url=PATHS.class_pupil_url(lang, code) + "/state.json",
        alternates=alternates({other: PATHS.class_pupil_url(other, code) for other in LANGUAGES}),
    )


def pupil_state(lang: str, code: str) -> Response:
    """What a waiting device polls: the question and phase, with an ETag (304 when unchanged)."""
    try:
        opened = classroom.find_session(code)
        state = {"current": opened.current, "phase": opened.phase}
    except classroom.SessionUnavailable as error:
        state = {"current": -1, "phase": error.reason}
    response = jsonify(state)
    response.set_etag(f"{state['current']}-{state['phase']}")
    return response.make_conditional(request)


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
    except classroom.NotAnswering:
        pass  # a teacher-paced class answers on its own page; this quiz run is the pupil's own


def record_finish(quiz: Quiz) -> None:
    membership = session.get(SESSION_KEY)
    if isinstance(membership, dict) and membership.get("quiz") == quiz.id:
        classroom.finish(str(membership.get("participant")))


def _teacher(lang: str, code: str):
    """The session of a dashboard address and its quiz in this language; a wrong key is a 404.
    The key comes in the query string or, for the dashboard's buttons, in the form."""
    key = request.values.get("key", "")
    opened = classroom.teacher_session(code, key) or abort(404)
    quiz = catalogue().quizzes.get((lang, opened.quiz_id)) or abort(404)
    return opened, quiz, key


def dashboard(lang: str, code: str) -> str:
    opened, quiz, key = _teacher(lang, code)
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


def numbers_json(lang: str, code: str) -> Response:
    """What the dashboard polls: cheap, with an ETag, so nothing changed is a 304."""
    opened, _, _ = _teacher(lang, code)
    numbers = classroom.results(opened)
    response = jsonify(
        joined=numbers.joined,
        finished=numbers.finished,
        answered={q.question_id: q.answered for q in numbers.questions.values()},
        closed=opened.closed_at is not None,
        current=opened.current,
        phase=opened.phase,
    )
    response.set_etag(
        f"{numbers.fingerprint}-{opened.current}-{opened.phase}-{bool(opened.closed_at)}"
    )
    return response.make_conditional(request)


def teacher_step(lang: str, code: str) -> Response:
    """Teacher-paced: open, close, reveal, next."""
    opened, quiz, key = _teacher(lang, code)
    action = request.form.get("action", "")
    if action not in classroom.STEPS or opened.mode != "teacher-paced":
        abort(400)
    classroom.step(opened, action, len(quiz.questions))
    return redirect(PATHS.class_dashboard_url(lang, code, key), 303)


def close(lang: str, code: str) -> Response:
    opened, _, key = _teacher(lang, code)
    if opened.closed_at is None:
        classroom.close(opened)
    return redirect(PATHS.class_dashboard_url(lang, code, key), 303)


def results_csv(lang: str, code: str) -> Response:
    """The class's numbers per question and option: no row per pupil."""
    opened, quiz, _ = _teacher(lang, code)
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


def summary_pdf(lang: str, code: str) -> Response:
    """A one-page PDF for the class file: the class's numbers per question, no names."""
    opened, quiz, _ = _teacher(lang, code)
    pdf = documents.class_summary_pdf(lang, quiz, opened, classroom.results(opened))
    response = current_app.response_class(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{quiz.slug}-{code}.pdf"'
    return response


def qr_code(lang: str, code: str) -> Response:
    """The join address with this code as a QR code, made here: nothing is asked of other sites."""
    url = current_app.config["SITE_URL"] + PATHS.join_url(lang) + "?" + urlencode({"code": code})
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=2, xmldecl=False)
    return current_app.response_class(out.getvalue(), mimetype="image/svg+xml")


for code in LANGUAGES:
    dashboard_base = PATHS.class_url(code, "<code>")
    rules = [
        (f"{PATHS.quiz_url(code, '<slug>')}/class", "start", start, ["POST"]),
        (PATHS.join_url(code), "join_page", join_page, ["GET"]),
        (PATHS.join_url(code), "join", join, ["POST"]),
        (dashboard_base, "dashboard", dashboard, ["GET"]),
        (f"{dashboard_base}/numbers.json", "numbers", numbers_json, ["GET"]),
        (f"{dashboard_base}/results.csv", "results_csv", results_csv, ["GET"]),
        (f"{dashboard_base}/summary.pdf", "summary_pdf", summary_pdf, ["GET"]),
        (f"{dashboard_base}/close", "close", close, ["POST"]),
        (f"{dashboard_base}/step", "step", teacher_step, ["POST"]),
        (PATHS.class_pupil_url(code, "<code>"), "pupil", pupil_now, ["GET", "POST"]),
        (f"{PATHS.class_pupil_url(code, '<code>')}/state.json", "state", pupil_state, ["GET"]),
        (f"{PATHS.join_url(code)}/<code>.svg", "qr", qr_code, ["GET"]),
    ]
    for rule, endpoint, view, methods in rules:
        bp.add_url_rule(rule, endpoint, view, methods=methods, defaults={"lang": code})
