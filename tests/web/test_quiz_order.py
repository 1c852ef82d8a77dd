"""Options come in a fresh order every run, so their position gives nothing away; within a run the
question, its feedback and the review show the same order; true/false stays true, then false; the
score depends on the answers, not on the order. Runs on the fixture content."""

from __future__ import annotations

import re

from quiz_client import Child

SAME_SITE = {"Sec-Fetch-Site": "same-origin"}


def shown_order(html: str) -> list[str]:
    return re.findall(r'name="answer" id="option-([^"]+)"', html)


def texts_in(html: str, texts: list[str]) -> list[str]:
    """The given option texts in the order the page shows them."""
    return sorted((t for t in texts if t in html), key=html.index)


def test_the_order_changes_between_runs_but_not_within_one(fixture_app):
    quiz = fixture_app.extensions["clicksafe.catalogue"].quizzes[("en", "basics")]
    orders = set()
    for _ in range(25):
        child = Child(fixture_app.test_client(), quiz)
        child.start(**SAME_SITE)
        first = shown_order(child.client.get(f"{quiz.url}/1").get_data(as_text=True))
        again = shown_order(child.client.get(f"{quiz.url}/1").get_data(as_text=True))
        assert first == again
        assert sorted(first) == sorted(quiz.questions[0].option_ids)
        orders.add(tuple(first))
    assert len(orders) >= 3  # 3 options: 6 orders, 25 runs


def test_feedback_and_review_show_the_order_the_question_had(fixture_app):
    quiz = fixture_app.extensions["clicksafe.catalogue"].quizzes[("en", "basics")]
    multiple = quiz.questions[1]
    texts = [option.text for option in multiple.options]
    for _ in range(5):
        child = Child(fixture_app.test_client(), quiz)
        child.start(**SAME_SITE)
        child.answer(1, child.right(1), **SAME_SITE)
        page = child.client.get(f"{quiz.url}/2").get_data(as_text=True)
        order = shown_order(page)
        every = sorted(multiple.option_ids)
        assert child.answer(2, every, **SAME_SITE).status_code == 303
        feedback = child.client.get(f"{quiz.url}/2/feedback").get_data(as_text=True)
        by_id = {option.id: option.text for option in multiple.options}
        assert texts_in(feedback, texts) == [by_id[i] for i in order]
        child.answer(3, child.right(3), **SAME_SITE)
        review = child.client.get(f"{quiz.url}/result").get_data(as_text=True)
        answer_line = review[review.index(multiple.text) :].split("</li>")[0]
        assert texts_in(answer_line, texts) == [by_id[i] for i in order]


def test_true_false_stays_true_then_false(fixture_app):
    quiz = fixture_app.extensions["clicksafe.catalogue"].quizzes[("en", "basics")]
    for _ in range(10):
        child = Child(fixture_app.test_client(), quiz)
        child.start(**SAME_SITE)
        child.answer(1, child.right(1), **SAME_SITE)
        child.answer(2, child.right(2), **SAME_SITE)
        assert shown_order(child.client.get(f"{quiz.url}/3").get_data(as_text=True)) == [
            "true",
            "false",
        ]


def test_the_score_does_not_depend_on_the_order(fixture_app):
    quiz = fixture_app.extensions["clicksafe.catalogue"].quizzes[("en", "basics")]
    scores = set()
    for _ in range(8):
        child = Child(fixture_app.test_client(), quiz)
        child.finish()
        result = child.client.get(f"{quiz.url}/result").get_data(as_text=True)
        scores.add(re.search(r"(\d+(?:\.\d)?) out of 3", result).group(1))
    assert scores == {"3"}
