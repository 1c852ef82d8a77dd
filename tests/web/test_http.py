"""What a browser, a proxy or a CDN sees: compressed bytes, long-lived static files under
hashed names, content pages a shared cache may keep, quiz steps none may, and 413 for big forms."""

from __future__ import annotations

import gzip
import re

import brotli
import pytest
from quiz_client import Child, a_quiz


def test_content_pages_are_compressed_once_and_keep_their_tag(client):
    plain = client.get("/fr/enfants/")
    assert "Content-Encoding" not in plain.headers
    br = client.get("/fr/enfants/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(br.data) == plain.data
    zipped = client.get("/fr/enfants/", headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data
    assert len(br.data) < len(plain.data) / 3
    assert "Accept-Encoding" in br.headers["Vary"]
    assert len({plain.headers["ETag"], br.headers["ETag"], zipped.headers["ETag"]}) == 3
    again = client.get(
        "/fr/enfants/",
        headers={"Accept-Encoding": "br", "If-None-Match": br.headers["ETag"]},
    )
    assert again.status_code == 304


@pytest.mark.parametrize("url", ["/nl/", "/en/teens/", "/fr/quiz/", "/nl/hulp"])
def test_content_pages_may_be_kept_by_a_shared_cache_for_minutes(client, url):
    response = client.get(url)
    assert response.cache_control.public and response.cache_control.max_age == 300
    assert "Set-Cookie" not in response.headers


def test_the_quiz_intro_is_a_cached_page_that_sets_no_cookie(client, catalogue):
    quiz = a_quiz(catalogue, "nl")
    first = client.get(quiz.url)
    assert "Set-Cookie" not in first.headers and first.cache_control.public
    assert "csrf_token" not in first.get_data(as_text=True)
    assert client.get(quiz.url).get_data() == first.get_data()


def test_quiz_steps_and_results_are_private(client, catalogue):
    quiz = a_quiz(catalogue, "en")
    child = Child(client, quiz)
    started = child.start()
    assert started.cache_control.no_store
    for response in (
        client.get(f"{quiz.url}/1", headers={"Accept-Encoding": "br"}),
        child.answer(1, child.right(1)),
        client.get(f"{quiz.url}/1/feedback"),
    ):
        assert response.cache_control.no_store and response.cache_control.private
    compressed = client.get(f"{quiz.url}/1/feedback", headers={"Accept-Encoding": "br"})
    assert compressed.headers["Content-Encoding"] == "br"


def test_static_files_have_hashed_names_and_live_a_year(client):
    html = client.get("/nl/").get_data(as_text=True)
    css = re.search(r'href="(/static/css/site\.[0-9a-f]{10}\.css)"', html).group(1)
    js = re.search(r'src="(/static/js/site\.[0-9a-f]{10}\.js)"', html).group(1)
    for url in (css, js):
        response = client.get(url, headers={"Accept-Encoding": "br"})
        assert response.status_code == 200 and response.headers["Content-Encoding"] == "br"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    plain = client.get("/static/css/site.css")
    assert plain.status_code == 200 and plain.cache_control.max_age == 300
    assert brotli.decompress(client.get(css, headers={"Accept-Encoding": "br"}).data) == plain.data
    assert client.get("/static/css/site.0000000000.css").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"answer": "x" * 1024 * 1024},  # 1 MB
        {"answer": [f"option-{n}" for n in range(10_000)]},  # 10,000 fields
    ],
    ids=["1 MB", "10000 fields"],
)
def test_big_forms_get_a_localized_413(client, catalogue, body):
    quiz = a_quiz(catalogue, "nl")
    child = Child(client, quiz)
    child.start()
    response = client.post(f"{quiz.url}/1", data=body)
    assert response.status_code == 413
    assert '<html lang="nl">' in response.get_data(as_text=True)
    # The quiz goes on where it was.
    assert child.answer(1, child.right(1)).status_code == 303


def test_a_big_body_is_refused_before_it_is_read(client, catalogue):
    quiz = a_quiz(catalogue, "fr")
    response = client.post(
        f"{quiz.url}/start",
        data=b"a=" + b"x" * (20 * 1024 * 1024),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413
    assert "Ce formulaire est trop gros" in response.get_data(as_text=True)
