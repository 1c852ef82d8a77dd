"""Quizzes: one question per page, feedback after every answer, a result and a certificate.

Works without JavaScript; with it, quiz.js sends the same answer form and shows the same feedback
in place (the answer view then answers with JSON).
"""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
)

from ..content import AUDIENCES, Quiz
from ..extensions import csrf
from ..i18n import LANGUAGES, PATHS
from ..operations import AlreadyRecorded, attempt_row, keep_attempt
from ..scoring import InvalidAnswer, score, score_question, verdict
from . import classroom
from .cache import cached_page
from .context import alternates, alternates_of, catalogue
from .forms import AnswerForm, CertificateForm
from .origin import guard_posts
from .progress import Progress, QuizFlowError

bp = Blueprint("quizzes", __name__)


def _quiz(lang: str, slug: str) -> Quiz:
    return catalogue().quiz(lang, slug) or abort(404)


def _quiz_alternates(quiz: Quiz) -> dict[str, str]:
    site = catalogue()
    return alternates_of(site.translations(site.quizzes, quiz.id))


@cached_page
def index(lang: str) -> str:
    site = catalogue()
    return render_template(
        "quizzes/index.html",
        by_audience=[(a, site.quizzes_for(lang, a)) for a in AUDIENCES],
        alternates=alternates({code: PATHS.quizzes_url(code) for code in LANGUAGES}),
    )


@cached_page
def intro(lang: str, slug: str) -> str:
    """The same for everyone, so cached, and it sets no cookie: the start form has no token."""
    quiz = _quiz(lang, slug)
    return render_template(
        "quizzes/intro.html",
        quiz=quiz,
        lessons=catalogue().lessons_for(lang, quiz=quiz.id),
        alternates=_quiz_alternates(quiz),
    )


def start(lang: str, slug: str) -> Response:
    quiz = _quiz(lang, slug)
    Progress.start(quiz)
    return redirect(f"{quiz.url}/1", 303)


# Quiz forms are guarded against cross-site posts by the browser's own headers instead of tokens:
# the quiz intro is a cached page that can hold no token, and every answer saves a token check.
# The session cookie is SameSite=Lax as well, so a cross-site post would not carry the progress.
csrf.exempt(bp)


bp.before_request(guard_posts)


def question(lang: str, slug: str, number: int) -> Response | str:
    quiz = _quiz(lang, slug)
    progress = Progress.of(quiz)
    if 1 <= number <= progress.step:  # Back after answering: show what was answered
        return redirect(f"{quiz.url}/{number}/feedback", 303)
    item = progress.expect(quiz, number, answering=True)
    form = AnswerForm(question=item.id, step=number - 1)
    return _question_page(quiz, number, item, form, progress, missing=False)


def _question_page(quiz, number, item, form, progress: Progress, *, missing: bool) -> str:
    return render_template(
        "quizzes/question.html",
        quiz=quiz,
        number=number,
        question=item,
        options=progress.options(item),
        form=form,
        missing=missing,
        alternates=_quiz_alternates(quiz),
    )


def answer(lang: str, slug: str, number: int) -> Response | str | tuple:
    quiz = _quiz(lang, slug)
    progress = Progress.of(quiz)
    item = progress.expect(quiz, number, answering=True)
    form = AnswerForm(request.form)
    if not form.validate():
        abort(400)
    if form.question.data != item.id or form.step.data != progress.step:
        raise QuizFlowError("the answer is for another question", quiz.url)
    chosen = frozenset(form.answer.data or ())
    if not chosen:
        return _missing_answer(quiz, number, item, form, progress)
    try:
        scored = score_question(item, chosen)
    except InvalidAnswer as error:
        raise QuizFlowError(str(error), quiz.url) from None
    # A pupil in a class session: the class keeps the answer first (a closed session says so).
    classroom.record_answer(quiz, item.id, sorted(chosen), scored.correct)
    progress.answers[item.id] = sorted(chosen)
    if progress.step == len(quiz.questions):
        _finish(quiz, progress)
    progress.save()
    return _after_answer(quiz, number, progress)


def _missing_answer(quiz, number, item, form, progress: Progress):
    options = progress.options(item)
    if _wants_json():
        html = render_template("quizzes/_error_summary.html", question=item, options=options)
        return jsonify(html=html), 422
    return _question_page(quiz, number, item, form, progress, missing=True)


def _finish(quiz: Quiz, progress: Progress) -> None:
    """Keep the anonymous attempt; the result page is made from the progress, not from this."""
    try:
        keep_attempt(attempt_row(score(quiz, progress.chosen()), progress.token), _spool())
    except (AlreadyRecorded, InvalidAnswer) as error:
        raise QuizFlowError("this quiz was finished already", quiz.url) from error
    progress.finished = True
    classroom.record_finish(quiz)


def _spool():
    return current_app.extensions["clicksafe.spool"]


def _after_answer(quiz: Quiz, number: int, progress: Progress) -> Response:
    feedback_url = f"{quiz.url}/{number}/feedback"
    if _wants_json():
        context = _feedback_context(quiz, number, progress)
        return jsonify(html=render_template("quizzes/_feedback.html", **context))
    return redirect(feedback_url, 303)


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _feedback_context(quiz: Quiz, number: int, progress: Progress) -> dict:
    item = quiz.questions[number - 1]
    last = number == len(quiz.questions)
    return {
        "quiz": quiz,
        "number": number,
        "result": score_question(item, frozenset(progress.answers[item.id])),
        "options": progress.options(item),
        "guide": catalogue().guides.get((quiz.lang, item.guide)) if item.guide else None,
        "next_url": f"{quiz.url}/result" if last else f"{quiz.url}/{number + 1}",
        "last": last,
    }


def feedback(lang: str, slug: str, number: int) -> str:
    quiz = _quiz(lang, slug)
    progress = Progress.of(quiz)
    progress.expect(quiz, number, answering=False)
    context = _feedback_context(quiz, number, progress)
    return render_template("quizzes/feedback.html", alternates=_quiz_alternates(quiz), **context)


def _finished_result(quiz: Quiz):
    progress = Progress.of(quiz)
    if not progress.finished:
        raise QuizFlowError("the quiz is not finished", f"{quiz.url}/{progress.step + 1}")
    return score(quiz, progress.chosen()), progress


def result(lang: str, slug: str) -> str:
    quiz = _quiz(lang, slug)
    outcome, progress = _finished_result(quiz)
    site = catalogue()
    missed_guides = []
    for item in outcome.missed:
        guide = site.guides.get((lang, item.question.guide)) if item.question.guide else None
        if guide and guide not in missed_guides:
            missed_guides.append(guide)
    return render_template(
        "quizzes/result.html",
        quiz=quiz,
        outcome=outcome,
        verdict=verdict(outcome),
        missed_guides=missed_guides,
        in_order=progress.options,
        form=CertificateForm(),
        alternates=_quiz_alternates(quiz),
    )


def certificate(lang: str, slug: str) -> Response:
    quiz = _quiz(lang, slug)
    outcome, _ = _finished_result(quiz)
    form = CertificateForm(request.form)
    if not form.validate():
        abort(400)
    html = render_template(
        "quizzes/certificate.html",
        quiz=quiz,
        outcome=outcome,
        name=(form.name.data or "").strip(),
        today=date.today(),
        alternates=_quiz_alternates(quiz),
    )
    return current_app.make_response(html)  # no-store, as every step: it may carry a first name


@bp.after_request
def _steps_are_private(response: Response) -> Response:
    """A step, feedback, result or certificate is one visitor's own: no cache may keep it."""
    if "public" not in response.headers.get("Cache-Control", ""):  # not a cached page
        response.headers["Cache-Control"] = "no-store, private"
    return response


for code in LANGUAGES:
    base = PATHS.quiz_url(code, "<slug>")
    rules = [
        (PATHS.quizzes_url(code), "index", index, ["GET"]),
        (base, "intro", intro, ["GET"]),
        (f"{base}/start", "start", start, ["POST"]),
        (f"{base}/<int:number>", "question", question, ["GET"]),
        (f"{base}/<int:number>", "answer", answer, ["POST"]),
        (f"{base}/<int:number>/feedback", "feedback", feedback, ["GET"]),
        (f"{base}/result", "result", result, ["GET"]),
        (f"{base}/certificate", "certificate", certificate, ["POST"]),
    ]
    for rule, endpoint, view, methods in rules:
        bp.add_url_rule(rule, endpoint, view, methods=methods, defaults={"lang": code})
