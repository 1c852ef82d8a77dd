"""The session cookie: plain JSON, signed as Flask signs it, so cookies from before the change and
tools that read Flask's format keep working."""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from quiz_client import Child, a_quiz


def flask_reader(secret: str):
    reader = Flask(__name__)
    reader.secret_key = secret
    return SecureCookieSessionInterface().get_signing_serializer(reader)


def test_flask_reads_our_cookie_and_we_read_flasks(app, catalogue):
    quiz = a_quiz(catalogue, "nl")
    client = app.test_client()
    Child(client, quiz).start()
    ours = client.get_cookie("session").value
    progress = flask_reader(app.secret_key).loads(ours)["quiz"]
    assert progress["quiz_id"] == quiz.id and progress["answers"] == {}
    # A cookie made by Flask's own interface (a visitor mid-quiz during the upgrade) still works.
    theirs = flask_reader(app.secret_key).dumps({"quiz": progress})
    client.set_cookie("session", theirs)
    assert client.get(f"{quiz.url}/1").status_code == 200


def test_a_cookie_signed_with_another_key_is_no_progress(app, catalogue):
    quiz = a_quiz(catalogue, "fr")
    client = app.test_client()
    forged = flask_reader("another-key-" * 4).dumps({"quiz": {"quiz_id": quiz.id}})
    client.set_cookie("session", forged)
    response = client.get(f"{quiz.url}/1")
    assert response.status_code == 400 and "On recommence ce quiz" in response.get_data(True)
