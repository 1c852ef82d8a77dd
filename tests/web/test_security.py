"""Headers, no third-party requests, and addresses that cannot reach files outside their folders."""

from __future__ import annotations

import re

import pytest

from clicksafe.web import CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    "url", ["/", "/nl/", "/fr/aide", "/en/nope", "/sitemap.xml", "/robots.txt"]
)
def test_security_headers_on_every_response(client, url):
    headers = client.get(url).headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"


def test_the_policy_allows_nothing_inline_and_no_other_host():
    policy = dict(part.split(" ", 1) for part in CONTENT_SECURITY_POLICY.split("; "))
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert "http" not in CONTENT_SECURITY_POLICY


def test_pages_load_nothing_from_another_host_and_hold_no_inline_code(client, catalogue):
    urls = ["/", "/nl/", "/fr/enfants/", "/en/topics/"] + [g.url for g in catalogue.guides.values()]
    for url in urls:
        html = client.get(url).get_data(as_text=True)
        loaded = re.findall(r'<(?:script|img|link|iframe|source)[^>]+(?:src|href)="([^"]+)"', html)
        for address in loaded:
            assert address.startswith("/") or address.startswith("http://127.0.0.1:8000/"), (
                url,
                address,
            )
        assert "<style" not in html and " style=" not in html, url
        assert re.search(r"<script(?![^>]*\bsrc=)", html) is None, url
        assert re.search(r"<[^>]+\son[a-z]+=", html) is None, url


@pytest.mark.parametrize(
    "url",
    [
        "/static/../config.py",
        "/static/%2e%2e/config.py",
        "/static/..%2f..%2fREADME.md",
        "/static/%2e%2e%2f%2e%2e%2fcontent%2ftopics.yaml",
        "/media/../topics.yaml",
        "/media/..%2ftopics.yaml",
        "/media/%2e%2e%2fguides%2fkids-passwords.en.md",
        "/media/%2fetc%2fpasswd",
        "/media//etc/passwd",
        "/nl/..%2f..%2fetc%2fpasswd",
        "/nl/%2e%2e/%2e%2e/etc/passwd",
        "/fr/enfants/..%2f..%2f..%2fwsgi.py",
        "//etc/passwd",
    ],
)
def test_path_tricks_never_reach_a_file(client, url):
    with client.get(url) as response:
        body = response.get_data(as_text=True)
        assert response.status_code in (404, 308, 301), (url, response.status_code)
        assert "root:" not in body
        assert "helplines:" not in body and "create_app" not in body and "SECRET" not in body
