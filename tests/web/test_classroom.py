"""A class session through the web: a teacher starts it from a quiz page, pupils join with the
code in their own language and answer, the dashboard shows the class's numbers; wrong codes and
keys, closed sessions and bad input get clear answers. Runs on the fixture content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask_migrate import upgrade

from clicksafe import create_app

FIXTURE = Path(__file__).parent.parent / "fixtures" / "content" / "ok"
SAME_SITE = {"Sec-Fetch-Site": "same-origin"}


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "CONTENT_DIR": str(FIXTURE),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'class.sqlite'}",
            "DOWNLOAD_DIR": str(tmp_path / "downloads"),
        }
    )
    with app.app_context():
        upgrade()
    return app


def start_session(app) -> tuple[str, str]:
    teacher = app.test_client()
    response = teacher.post(
        "/en/quiz/basics-en/class", data={"mode": "self-paced"}, headers=SAME_SITE
    )
    assert response.status_code == 303
    dashboard = response.headers["Location"]
    return dashboard, dashboard.split("/")[3]


def join(app, lang: str, code: str):
    pupil = app.test_client()
    join_path = {"nl": "/nl/doe-mee", "fr": "/fr/participer", "en": "/en/join"}[lang]
    response = pupil.post(join_path, data={"code": code.lower()}, headers=SAME_SITE)
    assert response.status_code == 303, response.get_data(as_text=True)
    return pupil, response.headers["Location"]


def answer(pupil, question_url: str, option: str):
    page = pupil.get(question_url).get_data(as_text=True)
    question = re.search(r'name="question"[^>]*value="([^"]+)"', page).group(1)
    return pupil.post(
        question_url,
        data={"question": question, "step": "0", "answer": option},
        headers=SAME_SITE,
    )


def test_a_quiz_page_offers_a_class_session_and_the_join_page_is_linked(app):
    client = app.test_client()
    intro = client.get("/nl/quiz/basics-nl").get_data(as_text=True)
    assert 'action="/nl/quiz/basics-nl/class"' in intro
    for corner in ("/nl/", "/nl/kinderen/", "/nl/jongeren/"):
        assert 'href="/nl/doe-mee"' in client.get(corner).get_data(as_text=True)


def test_pupils_in_three_languages_answer_and_the_dashboard_adds_them_up(app):
    dashboard, code = start_session(app)
    for lang, option in (("nl", "b"), ("fr", "a"), ("en", "b")):
        pupil, question_url = join(app, lang, code)
        assert answer(pupil, question_url, option).status_code == 303
    teacher = app.test_client()
    page = teacher.get(dashboard)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert code in html
    assert "3 pupils joined" in html
    assert "2 of 3 right" in html
    assert f'src="/en/join/{code}.svg"' in html
    assert page.headers["Cache-Control"] == "no-store, private"
    numbers = teacher.get(f"{dashboard}/numbers.json")
    assert numbers.get_json()["joined"] == 3
    again = teacher.get(
        f"{dashboard}/numbers.json", headers={"If-None-Match": numbers.headers["ETag"]}
    )
    assert again.status_code == 304
    rows = teacher.get(f"{dashboard}/results.csv").get_data(as_text=True).splitlines()
    assert rows[0].startswith("question,question_text,answered,right")
    assert all(row.count(",3,2,") == 1 for row in rows[1:] if row.startswith("strong-password"))


def test_the_qr_code_is_an_svg_of_the_join_address_made_here(app):
    _, code = start_session(app)
    response = app.test_client().get(f"/fr/participer/{code}.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.get_data(as_text=True).lstrip().startswith("<svg")


def test_a_wrong_key_is_a_404_and_the_key_never_reaches_pupils(app):
    dashboard, code = start_session(app)
    key = dashboard.rsplit("/", 1)[1]
    client = app.test_client()
    assert client.get(dashboard[:-4] + "abcd").status_code == 404
    pupil, question_url = join(app, "en", code)
    for url in ("/en/join", question_url, f"/en/join?code={code}"):
        assert key not in pupil.get(url).get_data(as_text=True)


@pytest.mark.parametrize(
    ("typed", "status", "message"),
    [
        ("ZZZZZZ", 404, "We do not know this code"),
        ("", 404, "We do not know this code"),
        ("<script>", 404, "We do not know this code"),
        ("x" * 5000, 404, "We do not know this code"),
    ],
)
def test_a_wrong_code_gets_a_clear_message(app, typed, status, message):
    response = app.test_client().post("/en/join", data={"code": typed}, headers=SAME_SITE)
    assert response.status_code == status
    html = response.get_data(as_text=True)
    assert message in html
    assert "<script>" not in html


def test_a_closed_session_refuses_joins_and_answers_with_a_clear_message(app):
    dashboard, code = start_session(app)
    pupil, question_url = join(app, "fr", code)
    teacher = app.test_client()
    assert teacher.post(f"{dashboard}/close", headers=SAME_SITE).status_code == 303
    assert "Session closed" in teacher.get(dashboard).get_data(as_text=True)
    late = app.test_client().post("/nl/doe-mee", data={"code": code}, headers=SAME_SITE)
    assert late.status_code == 410
    refused = answer(pupil, question_url, "b")
    assert refused.status_code == 410
    assert 'lang="fr"' in refused.get_data(as_text=True)


def test_a_post_from_another_site_is_refused(app):
    response = app.test_client().post(
        "/en/quiz/basics-en/class",
        data={"mode": "self-paced"},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert response.status_code == 403


def test_joins_are_rate_limited_per_address(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "CONTENT_DIR": str(FIXTURE),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'c.sqlite'}",
            "ADDRESS_RATE_LIMIT": "5 per minute",
        }
    )
    with app.app_context():
        upgrade()
    client = app.test_client()
    statuses = [
        client.post("/en/join", data={"code": "ZZZZZZ"}, headers=SAME_SITE).status_code
        for _ in range(7)
    ]
    assert statuses[:5] == [404] * 5
    assert statuses[5] == 429
