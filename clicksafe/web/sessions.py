"""The signed session cookie, as Flask makes it, with two costs of every quiz step removed.

The session only ever holds JSON's own types (quiz progress, a CSRF token), so plain JSON
replaces Flask's tagged JSON, which walks every value to tag tuples, bytes or dates; and the
signing serializer is made once per app instead of on every request. Cookies stay readable by
Flask's own interface (tagged JSON reads plain JSON as it is).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class PlainJSON:
    @staticmethod
    def dumps(value: Any) -> str:
        return json.dumps(value, separators=(",", ":"))

    @staticmethod
    def loads(value: str | bytes) -> Any:
        return json.loads(value)


class QuizSessionInterface(SecureCookieSessionInterface):
    serializer = PlainJSON()

    def __init__(self) -> None:
        self._signers: dict[int, tuple[tuple, URLSafeTimedSerializer | None]] = {}

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        made = self._signers.get(id(app))
        if made is None or made[0] != keys:  # a test may change the key: follow it
            made = (keys, super().get_signing_serializer(app))
            self._signers[id(app)] = made
        return made[1]
