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


def start_session(app, mode: str = "self-paced") -> tuple[str, str]:
    """A session opened by a teacher: the dashboard's address and the join code."""
    teacher = app.test_client()
    response = teacher.post("/en/quiz/basics-en/class", data={"mode": mode}, headers=SAME_SITE)
    assert response.status_code == 303
    dashboard = response.headers["Location"]
    return dashboard, dashboard.split("/")[3].split("?")[0]


def at(dashboard: str, part: str) -> str:
    """A file of the dashboard: the key stays in the query string, out of access logs."""
    base, query = dashboard.split("?")
    return f"{base}{part}?{query}"


def key_of(dashboard: str) -> str:
    return dashboard.split("key=")[1]


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
    numbers = teacher.get(at(dashboard, "/numbers.json"))
    assert numbers.get_json()["joined"] == 3
    again = teacher.get(
        at(dashboard, "/numbers.json"), headers={"If-None-Match": numbers.headers["ETag"]}
    )
    assert again.status_code == 304
    rows = teacher.get(at(dashboard, "/results.csv")).get_data(as_text=True).splitlines()
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
    key = key_of(dashboard)
    client = app.test_client()
    assert client.get(dashboard[:-4] + "abcd").status_code == 404
    assert client.get(dashboard.split("?")[0]).status_code == 404  # no key at all
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
    closing = teacher.post(
        at(dashboard, "/close").split("?")[0], data={"key": key_of(dashboard)}, headers=SAME_SITE
    )
    assert closing.status_code == 303
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


def step(app, dashboard: str, action: str):
    return app.test_client().post(
        at(dashboard, "/step").split("?")[0],
        data={"key": key_of(dashboard), "action": action},
        headers=SAME_SITE,
    )


def test_teacher_paced_the_projector_leads_and_pupils_follow(app):
    teacher = app.test_client()
    dashboard, code = start_session(app, "teacher-paced")
    pupils = [join(app, lang, code) for lang in ("nl", "fr", "en")]
    pupil, now = pupils[0]
    assert now == f"/nl/doe-mee/{code}"
    assert "Wacht tot je leerkracht de eerste vraag toont" in pupil.get(now).get_data(as_text=True)
    state = app.test_client().get(f"/en/join/{code}/state.json")
    assert state.get_json() == {"current": 0, "phase": "waiting"}
    assert step(app, dashboard, "open").status_code == 303
    changed = app.test_client().get(
        f"/en/join/{code}/state.json", headers={"If-None-Match": state.headers["ETag"]}
    )
    assert changed.status_code == 200 and changed.get_json()["phase"] == "answering"
    for (client, url), option in zip(pupils, ("b", "a", "b"), strict=True):
        assert 'name="answer"' in client.get(url).get_data(as_text=True)
        assert client.post(url, data={"answer": option}, headers=SAME_SITE).status_code == 303
    # a second answer to the same question changes nothing
    pupil.post(now, data={"answer": "a"}, headers=SAME_SITE)
    projector = teacher.get(dashboard).get_data(as_text=True)
    assert "3 answers" in projector
    assert "2 pupils" not in projector  # the class's choices stay hidden until the reveal
    step(app, dashboard, "close")
    late_pupil, late_url = join(app, "en", code)
    late_pupil.post(late_url, data={"answer": "b"}, headers=SAME_SITE)  # answering is closed
    step(app, dashboard, "reveal")
    revealed = teacher.get(dashboard).get_data(as_text=True)
    assert "2 pupils" in revealed and "1 pupil" in revealed
    assert "4 pupils joined" in revealed
    assert app.test_client().get(at(dashboard, "/numbers.json")).get_json()["answered"] == {
        "strong-password": 3
    }
    right = pupils[0][0].get(pupils[0][1]).get_data(as_text=True)
    assert "Goed zo, dat is juist!" in right
    step(app, dashboard, "next")
    assert app.test_client().get(f"/en/join/{code}/state.json").get_json()["current"] == 1


def test_a_step_out_of_order_changes_nothing_and_a_made_up_one_is_a_400(app):
    dashboard, code = start_session(app, "teacher-paced")
    step(app, dashboard, "reveal")  # nothing to reveal yet
    assert app.test_client().get(f"/en/join/{code}/state.json").get_json()["phase"] == "waiting"
    assert step(app, dashboard, "jump").status_code == 400


def test_a_pupil_page_without_joining_leads_to_the_join_form(app):
    _, code = start_session(app)
    response = app.test_client().get(f"/fr/participer/{code}")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/fr/participer?code={code}"


def test_a_one_page_pdf_summary_for_the_class_file(app):
    from io import BytesIO

    from pypdf import PdfReader

    dashboard, code = start_session(app)
    pupil, question_url = join(app, "nl", code)
    answer(pupil, question_url, "b")
    response = app.test_client().get(at(dashboard, "/summary.pdf"))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    pdf = PdfReader(BytesIO(response.data))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "1 / 1" in text
    assert "Which password is the strongest?" in text
