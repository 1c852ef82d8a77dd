"""Rate limits on quiz writes and searches, with the `limits` library (the engine of
Flask-Limiter) used directly: two counters per post cost some 30 us, where the extension's
machinery cost 300 us, a third of an answer.

Every quiz write (start, answer, certificate) from one address counts against one generous
ceiling: a school's pupils may share an address. Writes within a quiz run also count against a
small allowance of that run. Counters are kept under a keyed hash of the address, never the
address. A store that is down does not stop quizzes: limits fall back to this process's memory,
with a warning in the log, and the store is tried again after a while.
"""

from __future__ import annotations

import hashlib
import logging
import time

from flask import Flask, current_app, request, session
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

log = logging.getLogger(__name__)
RETRY_STORE_SECONDS = 30


class RateLimits:
    def __init__(self, app: Flask) -> None:
        config = app.config
        self.per_address = parse(config["ADDRESS_RATE_LIMIT"])
        self.per_run = parse(config["QUIZ_RATE_LIMIT"])
        self.per_search = parse(config["SEARCH_RATE_LIMIT"])
        self.store_uri = config["RATELIMIT_STORAGE_URI"]
        self.store: Storage = storage_from_string(self.store_uri, **limiter_options(config))
        self.fallback = FixedWindowRateLimiter(MemoryStorage())
        self.limiter = FixedWindowRateLimiter(self.store)
        self.store_down_until = 0.0

    def check(self) -> None:
        """Count this post; a 429 with Retry-After when one of its limits is used up."""
        counted = [(self.per_address, "quiz-writes", address_key())]
        run = quiz_run()
        if run is not None:
            counted.append((self.per_run, "quiz-run", run))
        for item, scope, key in counted:
            if not self._hit(item, scope, key):
                raise TooManyRequests(retry_after=self._retry_after(item, scope, key))

    def check_search(self) -> None:
        """Count a search from this address: generous, but a script cannot hammer the engine."""
        key = address_key()
        if not self._hit(self.per_search, "searches", key):
            raise TooManyRequests(retry_after=self._retry_after(self.per_search, "searches", key))

    def reachable(self) -> bool:
        try:
            return bool(self.store.check())
        except Exception:
            return False

    def reset(self) -> None:
        self.store.reset()

    def _limiter(self) -> FixedWindowRateLimiter:
        return self.fallback if time.monotonic() < self.store_down_until else self.limiter

    def _hit(self, item: RateLimitItem, scope: str, key: str) -> bool:
        limiter = self._limiter()
        try:
            return limiter.hit(item, scope, key)
        except Exception as error:  # the store's own errors: connection refused, timeouts, ...
            self.store_down_until = time.monotonic() + RETRY_STORE_SECONDS
            log.warning(
                "rate-limit store %s unreachable (%s): limits fall back to this process's memory",
                _without_password(self.store_uri),
                type(error).__name__,
            )
            return self.fallback.hit(item, scope, key)

    def _retry_after(self, item: RateLimitItem, scope: str, key: str) -> int:
        try:
            reset_at = self._limiter().get_window_stats(item, scope, key).reset_time
        except Exception:
            return item.get_expiry()
        return max(1, round(reset_at - time.time()))


def limiter_options(config) -> dict:
    """Every wait on the store is bounded: a hung Redis costs a post a second, not a worker."""
    timeout = config["RATELIMIT_TIMEOUT"]
    if str(config["RATELIMIT_STORAGE_URI"]).startswith("redis"):
        return {"socket_timeout": timeout, "socket_connect_timeout": timeout}
    return {}


def address_key() -> str:
    """The visitor's address (after ProxyFix), as a keyed hash: the rate-limit store never holds
    an address, only a counter under a name that cannot be turned back into one."""
    secret = current_app.config["SECRET_KEY"].encode()
    address = (request.remote_addr or "unknown").encode()
    return "a:" + hashlib.blake2b(address, key=secret[:64], digest_size=12).hexdigest()


def quiz_run() -> str | None:
    """The random token of the visitor's quiz run (in their signed cookie), if one is going."""
    progress = session.get("quiz")
    token = progress.get("token") if isinstance(progress, dict) else None
    return f"r:{token}" if isinstance(token, str) else None


def _without_password(uri: str) -> str:
    return uri.rsplit("@", 1)[-1]


def register_limits(app: Flask) -> None:
    limits = app.extensions["clicksafe.limits"] = RateLimits(app)
    if app.config["ENV"] == "production" and not limits.reachable():
        # Said at start, not at the first quiz.
        log.warning(
            "rate-limit store %s unreachable at start: limits fall back to each process's "
            "memory until it answers",
            _without_password(limits.store_uri),
        )


def rate_limits() -> RateLimits:
    return current_app.extensions["clicksafe.limits"]
