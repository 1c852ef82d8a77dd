"""A child taking a quiz through the test client, as a browser without JavaScript does."""

from __future__ import annotations

from sqlalchemy import select

from clicksafe.extensions import db
from clicksafe.models import QuizAttempt


class Child:
    """Takes a quiz the way a browser without JavaScript does."""

    def __init__(self, client, quiz):
        self.client = client
        self.quiz = quiz

    def start(self, **headers):
        return self.client.post(f"{self.quiz.url}/start", headers=headers)

    def answer(self, number, options, question_id=None, step=None, **headers):
        question = self.quiz.questions[number - 1]
        data = {
            "question": question_id or question.id,
            "step": number - 1 if step is None else step,
            "answer": list(options),
        }
        return self.client.post(f"{self.quiz.url}/{number}", data=data, headers=headers)

    def right(self, number):
        return sorted(self.quiz.questions[number - 1].correct_ids)

    def finish(self, upto=None):
        self.start()
        for number in range(1, (upto or len(self.quiz.questions)) + 1):
            assert self.answer(number, self.right(number)).status_code == 303


def a_quiz(catalogue, lang):
    """The youngest readers' quiz: the one with the most children taking it."""
    return catalogue.quizzes_for(lang)[0]


def attempts(app):
    with app.app_context():
        return db.session.scalars(select(QuizAttempt)).all()
