"""Flask extensions, created unbound and initialised in create_app."""

import hashlib

from flask import current_app, request, session
from flask_babel import Babel
from flask_compress import Compress
from flask_limiter import Limiter
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

db = SQLAlchemy()
migrate = Migrate()
babel = Babel()
csrf = CSRFProtect()
compress = Compress()


def address_key() -> str:
    """The visitor's address (after ProxyFix), as a keyed hash: the rate-limit store never holds
    an address, only a counter under a name that cannot be turned back into one."""
    secret = current_app.config["SECRET_KEY"].encode()
    address = (request.remote_addr or "unknown").encode()
    return "a:" + hashlib.blake2b(address, key=secret[:64], digest_size=12).hexdigest()


def quiz_run_key() -> str:
    """One quiz run (the random token in the visitor's signed cookie), so pupils who share a
    school's address each have their own allowance; without a run, the address."""
    run = session.get("quiz")
    token = run.get("token") if isinstance(run, dict) else None
    return f"r:{token}" if isinstance(token, str) else address_key()


limiter = Limiter(key_func=address_key, default_limits=[])


@limiter.request_filter
def _reads_are_never_limited() -> bool:
    """Only writes are rate limited; skipping reads early keeps content pages cheap."""
    return request.method in ("GET", "HEAD", "OPTIONS")
