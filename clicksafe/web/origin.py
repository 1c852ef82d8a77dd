"""Where a post comes from: forms without tokens (quiz and class forms) accept only posts the
browser says come from this site."""

from __future__ import annotations

from flask import abort, current_app, request

from .limits import rate_limits


def guard_posts() -> None:
    """A blueprint's before-request: posts come from this site's pages only, and within the rate
    limits (web/limits.py)."""
    if request.method == "POST":
        if not sent_from_this_site():
            abort(403)
        rate_limits().check()


def sent_from_this_site() -> bool:
    """Refuse a form another site makes a visitor's browser post. Browsers say where a POST
    comes from (Sec-Fetch-Site, else Origin); a client that says neither is no browser a site
    could abuse."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is None or origin in (
        request.host_url.rstrip("/"),
        current_app.config["SITE_URL"],
    )
