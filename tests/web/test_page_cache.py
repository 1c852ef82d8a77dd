"""The page cache in front of Flask: a page once made is answered from memory with the same
headers, conditional requests and encodings, and nothing a visitor makes up is ever kept."""

from __future__ import annotations

import pytest

from clicksafe.i18n import PATHS
from clicksafe.web.page_cache import PageCache


@pytest.fixture
def counted(fresh_app):
    """An app that counts the requests reaching Flask."""
    app = fresh_app()
    reached: list[str] = []
    app.before_request(lambda: reached.append(app.name) and None)
    cache = app.wsgi_app
    assert isinstance(cache, PageCache)
    return app, reached, cache


def test_a_page_once_made_is_answered_without_flask(counted):
    app, reached, _ = counted
    client = app.test_client()
    first = client.get("/nl/kinderen/", headers={"Accept-Encoding": "br"})
    again = client.get("/nl/kinderen/", headers={"Accept-Encoding": "br"})
    assert len(reached) == 1
    assert again.data == first.data and again.headers == first.headers
    assert again.headers["Content-Security-Policy"] and again.headers["Content-Encoding"] == "br"
    # Another encoding is another response: made by Flask once, then kept too.
    plain = client.get("/nl/kinderen/")
    client.get("/nl/kinderen/")
    assert len(reached) == 2 and "Content-Encoding" not in plain.headers


def test_conditional_and_head_requests_from_memory(counted):
    app, reached, _ = counted
    client = app.test_client()
    etag = client.get("/fr/").headers["ETag"]
    same = client.get("/fr/", headers={"If-None-Match": etag})
    assert same.status_code == 304 and not same.data and same.headers["ETag"] == etag
    assert "max-age=300" in same.headers["Cache-Control"]
    other = client.get("/fr/", headers={"If-None-Match": '"else"'})
    assert other.status_code == 200 and other.data
    head = client.head("/fr/")
    assert head.status_code == 200 and not head.data
    assert len(reached) == 1


def test_made_up_or_repeated_arguments_are_never_kept(counted):
    app, reached, cache = counted
    client = app.test_client()
    url = PATHS.lessons_url("en")
    for query in ("utm=1", "age=11&utm=x", "age=11&age=11", "nonsense"):
        client.get(f"{url}?{query}")
        client.get(f"{url}?{query}")
    assert len(reached) == 8 and cache.entries == {}
    client.get(f"{url}?age=11")
    client.get(f"{url}?age=11")
    assert len(reached) == 9 and len(cache.entries) == 1
    assert client.get(f"{url}?age=12345").status_code == 400
    assert client.get(f"{url}?age=12345").status_code == 400
    assert len(cache.entries) == 1


def test_per_visitor_pages_and_errors_are_never_kept(counted, catalogue):
    app, reached, cache = counted
    client = app.test_client()
    for url in ("/nl/nope", "/", "/healthz", "/en/quiz/nope/1"):
        client.get(url)
        client.get(url)
    assert len(reached) == 8 and cache.entries == {}


def test_a_teachers_file_is_sent_from_disk_without_flask(fresh_app):
    from pathlib import Path

    fixture = Path(__file__).parent.parent / "fixtures" / "content" / "ok"
    app = fresh_app(CONTENT_DIR=str(fixture))
    reached: list[str] = []
    app.before_request(lambda: reached.append("flask") and None)
    client = app.test_client()
    url = "/en/quiz/basics-en.gift.txt"
    first = client.get(url)
    data = first.get_data()
    first.close()
    again = client.get(url)
    assert again.get_data() == data and again.headers["ETag"] == first.headers["ETag"]
    again.close()
    assert reached == ["flask"]
    for headers in (
        {"If-None-Match": first.headers["ETag"]},
        {"If-Modified-Since": first.headers["Last-Modified"]},
    ):
        assert client.get(url, headers=headers).status_code == 304
    assert reached == ["flask"]
    # The file gone (a cleaned folder): Flask builds it again, nobody sees an error.
    for kept in app.wsgi_app.entries.values():
        Path(kept.path).unlink()
    rebuilt = client.get(url)
    assert rebuilt.status_code == 200 and rebuilt.get_data() == data
    rebuilt.close()
    assert reached == ["flask", "flask"]
