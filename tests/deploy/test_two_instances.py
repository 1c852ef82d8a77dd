"""Production's shape on one machine: Debian's nginx in front of two gunicorn instances that share
PostgreSQL and Redis. What a visitor sees must not depend on which instance answers.

Each instance is also reached directly on its own port, to prove which one answered a step.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from email.message import Message
from html.parser import HTMLParser
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.prefix) / "bin"  # the virtual environment running the tests
PRODUCTION_CONF = ROOT / "deploy" / "nginx" / "clicksafe.conf"
POSTGRES_URL = os.environ.get("CLICKSAFE_TEST_POSTGRES_URL")
REDIS_URL = os.environ.get("CLICKSAFE_TEST_REDIS_URL")
NGINX = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx",) if os.access(path, os.X_OK)), None
)

pytestmark = [
    pytest.mark.deploy,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.skipif(
        NGINX is None, reason="nginx is not installed (`make test` installs Debian's nginx-light)"
    ),
    pytest.mark.skipif(
        not (POSTGRES_URL and REDIS_URL),
        reason="CLICKSAFE_TEST_POSTGRES_URL and CLICKSAFE_TEST_REDIS_URL are not set",
    ),
]

HOST = "127.0.0.1"
ADDRESS_LIMIT = 40  # CLICKSAFE_ADDRESS_RATE_LIMIT, lowered for the test
VISITOR = "203.0.113.7"  # documentation addresses (RFC 5737)
OTHER_VISITOR = "203.0.113.8"

# The test server's settings, each line exactly as in deploy/nginx/clicksafe.conf (a test below
# checks it), so the behaviour tested here is production's. Left out: TLS, the port-80 redirect
# and the log file paths.
LOG_FORMAT = (
    "log_format clicksafe "
    "'$time_iso8601 \"$request_method $uri\" $status $body_bytes_sent $request_time';"
)
UPSTREAM_SETTINGS = """
keepalive 16;
keepalive_timeout 4s;
"""
SERVER_SETTINGS = """
server_tokens off;
client_header_timeout 10s;
client_body_timeout 10s;
send_timeout 30s;
keepalive_timeout 15s;
client_max_body_size 64k;
client_body_buffer_size 64k;
proxy_http_version 1.1;
proxy_set_header Connection "";
proxy_set_header Host $host;
proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
proxy_set_header X-Forwarded-Proto $scheme;
proxy_set_header X-Forwarded-Host $host;
proxy_request_buffering on;
proxy_buffering on;
proxy_buffer_size 16k;
proxy_buffers 16 16k;
proxy_connect_timeout 2s;
proxy_send_timeout 10s;
proxy_read_timeout 30s;
gzip on;
gzip_vary on;
gzip_proxied any;
gzip_comp_level 5;
gzip_min_length 1024;
gzip_types text/css application/javascript image/svg+xml application/json application/xml;
"""

NGINX_CONF = """\
{user}
worker_processes 1;
events {{
    worker_connections 1024;
}}
http {{
    {log_format}
    access_log {tmp}/access.log clicksafe;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;

    upstream clicksafe {{
        server {host}:{port_a};
        server {host}:{port_b};
{upstream_settings}
    }}
    server {{
        listen {host}:{port};
{server_settings}
        location / {{
            proxy_pass http://clicksafe;
        }}
    }}
}}
"""


# -- a visitor ------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: Message
    text: str

    @property
    def location(self) -> str:
        """The path a redirect leads to (Location may be absolute or relative)."""
        return urlsplit(self.headers.get("Location", "")).path


@dataclass
class Browser:
    """One visitor, without JavaScript. Cookies are kept by hand: the session cookie is `Secure` in
    production, and http.cookiejar would not send it back over the test's plain HTTP (a browser
    does, to 127.0.0.1)."""

    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, port: int, path: str) -> Response:
        return self.request(port, "GET", path)

    def post(self, port: int, path: str, form: dict | None = None, *, origin: bool) -> Response:
        """A form sent as a browser does: with an Origin header naming where the page came from
        (nginx passes its Host without the port, so requests through nginx send none, as the
        start check allows)."""
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin:
            headers["Origin"] = f"http://{HOST}:{port}"
        body = urlencode(form or {}, doseq=True).encode()
        return self.request(port, "POST", path, body=body, headers=headers)

    def request(self, port, method, path, *, body=None, headers=None) -> Response:
        sent = {**self.headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = HTTPConnection(HOST, port, timeout=15)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
            for cookie in response.headers.get_all("Set-Cookie") or []:
                self._keep(cookie)
            return Response(response.status, response.headers, data.decode("utf-8", "replace"))
        finally:
            connection.close()

    def _keep(self, set_cookie: str) -> None:
        pair, _, attributes = set_cookie.partition(";")
        name, _, value = pair.strip().partition("=")
        if not value or "max-age=0" in attributes.replace(" ", "").lower():
            self.cookies.pop(name, None)
        else:
            self.cookies[name] = value


class _Forms(HTMLParser):
    """The POST forms of a page: action and named inputs (type, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            self.forms.append({"action": attributes.get("action") or "", "inputs": []})
        elif tag == "input" and self.forms and attributes.get("name"):
            self.forms[-1]["inputs"].append(attributes)


def post_form(html: str, action: str) -> list[dict]:
    """The inputs of the page's POST form to `action`."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if form["action"] == action:
            return form["inputs"]
    raise AssertionError(f"no form posting to {action}")


def start_form(html: str, action: str) -> dict[str, str]:
    """The fields of the intro page's start form: none but the button (quiz posts are checked by
    the browser's Origin / Sec-Fetch-Site, not by a token)."""
    return {i["name"]: i.get("value") or "" for i in post_form(html, action) if i.get("name")}


# -- the servers ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def tail(path: Path, lines: int = 30) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 40) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@dataclass
class Instance:
    name: str
    port: int
    log: Path
    access_log: Path

    def starts(self, path: str) -> int:
        """How many quiz starts to `path` this instance has answered (its access log)."""
        if not self.access_log.exists():
            return 0
        return self.access_log.read_text().count(f'"POST {path}"')


@dataclass
class Stack:
    nginx: int  # port
    a: Instance
    b: Instance
    secret: str
    error_log: Path
    slug: str = ""  # an English quiz, found by the first test that needs one

    def quiz_slug(self) -> str:
        if not self.slug:
            index = Browser().get(self.nginx, "/en/quiz/")
            assert index.status == 200
            self.slug = re.search(r'href="/en/quiz/([a-z0-9-]+)"', index.text).group(1)
        return self.slug


def wait_until_served(port: int, path: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    status = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} exited with {process.returncode}:\n{tail(log)}")
        with contextlib.suppress(OSError):
            status = Browser().get(port, path).status
            if status == 200:
                return
        time.sleep(0.1)
    pytest.fail(f"{HOST}:{port}{path} answered {status}, not 200, within 60s:\n{tail(log)}")


def reset_stores() -> None:
    """A fresh database (as tests/conftest.py's db_app does) and an empty rate-limit store."""
    import redis
    from sqlalchemy import create_engine, text

    engine = create_engine(POSTGRES_URL)
    try:
        with engine.begin() as connection:
            connection.execute(
                text(
                    "DROP TABLE IF EXISTS class_answer, class_participant, class_session, "
                    "quiz_attempt, alembic_version"
                )
            )
    finally:
        engine.dispose()
    store = redis.Redis.from_url(REDIS_URL)
    try:
        store.flushdb()
    finally:
        store.close()


def attempts_with_token(token: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(POSTGRES_URL)
    try:
        with engine.connect() as connection:
            query = text("SELECT count(*) FROM quiz_attempt WHERE token = :token")
            return connection.execute(query, {"token": token}).scalar_one()
    finally:
        engine.dispose()


def session_of(cookie: str, secret: str) -> dict:
    """The signed session cookie's content, read with the app's secret key."""
    from flask import Flask

    reader = Flask(__name__)
    reader.secret_key = secret
    return reader.session_interface.get_signing_serializer(reader).loads(cookie)


def app_environment(tmp: Path, secret: str) -> dict[str, str]:
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CLICKSAFE_", "GUNICORN_"))
    }
    return inherited | {
        "CLICKSAFE_ENV": "production",
        "CLICKSAFE_SECRET_KEY": secret,
        "CLICKSAFE_DATABASE_URL": POSTGRES_URL,
        "CLICKSAFE_RATELIMIT_STORAGE_URI": REDIS_URL,
        # Production has 1 (nginx). Here the test client also plays a proxy in front of nginx (a
        # school's proxy or a CDN) that names the visitor in X-Forwarded-For; nginx appends the
        # client's 127.0.0.1, and the app counts two entries from the right to find the visitor.
        "CLICKSAFE_PROXY_COUNT": "2",
        "CLICKSAFE_DOWNLOAD_DIR": str(tmp / "downloads"),
        "CLICKSAFE_ADDRESS_RATE_LIMIT": f"{ADDRESS_LIMIT} per minute",
        "GUNICORN_WORKERS": "1",
    }


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("deploy")
    secret = secrets.token_urlsafe(36)  # 48 characters, the same on both instances
    env = app_environment(tmp, secret)
    reset_stores()
    migrated = subprocess.run(
        [BIN / "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if migrated.returncode:
        pytest.fail(f"flask db upgrade failed:\n{migrated.stdout}{migrated.stderr}")

    with contextlib.ExitStack() as cleanup:
        instances, processes = [], []
        for name in "ab":
            instance = Instance(
                name, free_port(), tmp / f"gunicorn-{name}.log", tmp / f"access-{name}.log"
            )
            log = cleanup.enter_context(instance.log.open("wb"))
            runtime = tmp / f"run-{name}"
            runtime.mkdir(mode=0o700)
            process = subprocess.Popen(
                [BIN / "gunicorn", "-c", "deploy/gunicorn.conf.py", "wsgi:app"],
                cwd=ROOT,
                env=env
                | {
                    "GUNICORN_BIND": f"{HOST}:{instance.port}",
                    "GUNICORN_ACCESS_LOG": str(instance.access_log),
                    # Each its own, as on two hosts, and never the checkout's instance folder.
                    "CLICKSAFE_ATTEMPT_SPOOL_DIR": str(tmp / f"attempt-spool-{name}"),
                    # A runtime folder of its own, as on two hosts.
                    "XDG_RUNTIME_DIR": str(runtime),
                },
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            cleanup.callback(stop, process)
            instances.append(instance)
            processes.append(process)
        for instance, process in zip(instances, processes, strict=True):
            wait_until_served(instance.port, "/healthz", process, instance.log)

        port = free_port()
        (tmp / "nginx.conf").write_text(
            NGINX_CONF.format(
                # Run as whoever runs the tests: as root, nginx would switch to `nobody`.
                user=f"user {_user()};" if os.geteuid() == 0 else "",
                log_format=LOG_FORMAT,
                tmp=tmp,
                host=HOST,
                port=port,
                port_a=instances[0].port,
                port_b=instances[1].port,
                upstream_settings=_indent(UPSTREAM_SETTINGS, 8),
                server_settings=_indent(SERVER_SETTINGS, 8),
            )
        )
        error_log = tmp / "error.log"
        nginx_output = cleanup.enter_context((tmp / "nginx.out").open("wb"))
        nginx = subprocess.Popen(
            [
                NGINX,
                "-p",
                f"{tmp}/",
                "-c",
                f"{tmp}/nginx.conf",
                "-e",
                str(error_log),
                "-g",
                f"daemon off; pid {tmp}/nginx.pid; error_log {error_log} warn;",
            ],
            stdin=subprocess.DEVNULL,
            stdout=nginx_output,
            stderr=subprocess.STDOUT,
        )
        cleanup.callback(stop, nginx, signal.SIGQUIT, 15)
        wait_until_served(port, "/healthz", nginx, error_log)

        yield Stack(port, instances[0], instances[1], secret, error_log)

    reset_stores()


def _user() -> str:
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def _indent(block: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line for line in block.strip().splitlines())


# -- the tests ------------------------------------------------------------------------------------


def test_the_test_server_is_configured_like_production():
    production = {" ".join(line.split()) for line in PRODUCTION_CONF.read_text().splitlines()}
    settings = [LOG_FORMAT, *UPSTREAM_SETTINGS.strip().splitlines()]
    settings += SERVER_SETTINGS.strip().splitlines()
    assert [line for line in settings if line not in production] == []


def test_a_quiz_begun_on_one_instance_is_finished_on_the_other(stack):
    ports = [stack.a.port, stack.b.port]
    turn = iter(ports * 100)  # A, B, A, B...: every step on the other instance
    visitor = Browser()
    slug = stack.quiz_slug()
    quiz = f"/en/quiz/{slug}"

    intro = visitor.get(next(turn), quiz)
    assert intro.status == 200
    port = next(turn)
    started = visitor.post(
        port, f"{quiz}/start", start_form(intro.text, f"{quiz}/start"), origin=True
    )
    assert started.status == 303, started.text[:500]
    assert started.location == f"{quiz}/1"
    assert "session" in visitor.cookies

    number, last = 1, None
    while number <= 50:
        page = visitor.get(next(turn), f"{quiz}/{number}")
        assert page.status == 200, page.text[:500]
        inputs = post_form(page.text, f"{quiz}/{number}")
        fields = {i["name"]: i.get("value") or "" for i in inputs if i.get("type") == "hidden"}
        assert {"question", "step"} <= fields.keys()
        options = [i["value"] for i in inputs if i["name"] == "answer"]
        assert options
        fields["answer"] = options[0]
        before = Browser(cookies=dict(visitor.cookies))
        port = next(turn)
        answered = visitor.post(port, f"{quiz}/{number}", fields, origin=True)
        assert answered.status == 303, answered.text[:500]
        assert answered.location == f"{quiz}/{number}/feedback"
        last = (before, port, number, fields)
        feedback = visitor.get(next(turn), answered.location)
        assert feedback.status == 200
        if f'href="{quiz}/result"' in feedback.text:
            break
        assert f'href="{quiz}/{number + 1}"' in feedback.text
        number += 1

    result = visitor.get(next(turn), f"{quiz}/result")
    assert result.status == 200
    assert "Your result" in result.text
    assert re.search(rf"\d+(?:\.\d)? out of {number}\b", result.text)

    # The last answer sent again, from before it was recorded, to the other instance: it is
    # refused, because the run is stored once in the shared database.
    before, port, number, fields = last
    other = stack.b.port if port == stack.a.port else stack.a.port
    replay = before.post(other, f"{quiz}/{number}", fields, origin=True)
    assert replay.status == 400

    for port in ports:
        ready = Browser().get(port, "/readyz")
        assert ready.status == 200, ready.text
        assert ready.headers.get_content_type() == "application/json"
        report = json.loads(ready.text)
        assert report["status"] == report["database"] == "ok", report

    token = session_of(visitor.cookies["session"], stack.secret)["quiz"]["token"]
    assert attempts_with_token(token) == 1


def test_a_class_session_spans_both_instances(stack):
    """The teacher opens a teacher-paced session on one instance and steps it on the other;
    pupils join and answer on either; both instances show the same numbers."""
    slug = stack.quiz_slug()
    teacher = Browser()
    opened = teacher.post(
        stack.a.port, f"/en/quiz/{slug}/class", {"mode": "teacher-paced"}, origin=True
    )
    assert opened.status == 303, opened.text[:500]
    location = opened.headers["Location"]
    path, key = urlsplit(location).path, urlsplit(location).query.removeprefix("key=")
    code = path.rsplit("/", 1)[1]
    pupils = []
    for index, (join, port) in enumerate(
        [
            ("/nl/doe-mee", stack.b.port),
            ("/fr/participer", stack.a.port),
            ("/en/join", stack.b.port),
        ]
    ):
        pupil = Browser()
        joined = pupil.post(port, join, {"code": code}, origin=True)
        assert joined.status == 303, joined.text[:300]
        pupils.append((pupil, joined.location, index))
    stepped = teacher.post(
        stack.b.port, f"{path}/step", {"key": key, "action": "open"}, origin=True
    )
    assert stepped.status == 303
    for pupil, page, index in pupils:
        port = (stack.a.port, stack.b.port)[index % 2]
        form = pupil.get(port, page)
        option = re.search(r'name="answer" value="([^"]+)"', form.text).group(1)
        sent = pupil.post(
            (stack.b.port, stack.a.port)[index % 2], page, {"answer": option}, origin=True
        )
        assert sent.status == 303
    for port in (stack.a.port, stack.b.port):
        numbers = json.loads(teacher.get(port, f"{path}/numbers.json?key={key}").text)
        assert numbers["joined"] == 3
        assert sum(numbers["answered"].values()) == 3
        assert numbers["phase"] == "answering"


def start_until_refused(visitor: Browser, stack: Stack, limit: int) -> Response:
    """Quiz starts through nginx until one is refused (at most `limit` + 1)."""
    quiz = f"/en/quiz/{stack.quiz_slug()}"
    intro = visitor.get(stack.nginx, quiz)
    assert intro.status == 200
    fields = start_form(intro.text, f"{quiz}/start")
    for _ in range(limit + 1):
        response = visitor.post(stack.nginx, f"{quiz}/start", fields, origin=False)
        if response.status != 303:
            return response
    raise AssertionError(f"{limit + 1} quiz starts in a row were all accepted")


def test_b_one_rate_limit_is_counted_across_both_instances(stack):
    visitor = Browser(headers={"X-Forwarded-For": VISITOR})
    start = f"/en/quiz/{stack.quiz_slug()}/start"
    before = [stack.a.starts(start), stack.b.starts(start)]

    refused = start_until_refused(visitor, stack, ADDRESS_LIMIT)

    # Both instances took a share of the accepted starts (nginx takes turns); each alone
    # would have allowed 40, so the limit was counted once, in Redis, for both.
    deadline = time.monotonic() + 5  # gunicorn logs a request just after answering it
    while True:
        served = [stack.a.starts(start) - before[0], stack.b.starts(start) - before[1]]
        if sum(served) > ADDRESS_LIMIT or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert sum(served) == ADDRESS_LIMIT + 1, served  # the refused one is logged too
    assert min(served) > 0, served

    assert refused.status == 429, refused.text[:500]
    assert "Retry-After" in refused.headers
    assert int(refused.headers["Retry-After"]) > 0
    assert refused.headers.get_content_type() == "text/html"
    assert '<html lang="en">' in refused.text
    assert "Too many tries" in refused.text


def test_c_rate_limits_are_per_visitor_from_x_forwarded_for(stack):
    # The first visitor has used up its starts (in the test above, or here when run alone)...
    first = Browser(headers={"X-Forwarded-For": VISITOR})
    refused = start_until_refused(first, stack, ADDRESS_LIMIT)
    assert refused.status == 429
    # ...while another visitor behind the same proxy and nginx still starts a quiz.
    other = Browser(headers={"X-Forwarded-For": OTHER_VISITOR})
    quiz = f"/en/quiz/{stack.quiz_slug()}"
    intro = other.get(stack.nginx, quiz)
    started = other.post(
        stack.nginx, f"{quiz}/start", start_form(intro.text, f"{quiz}/start"), origin=False
    )
    assert started.status == 303, started.text[:500]
    assert started.location == f"{quiz}/1"


class SlowClients(threading.Thread):
    """Connections that send a request line, then one header line every `interval` seconds and
    never finish: the "slowloris" pattern, which would hold a gunicorn thread each."""

    def __init__(self, port: int, count: int, interval: float, duration: float) -> None:
        super().__init__(daemon=True)
        self.port, self.count, self.interval, self.duration = port, count, interval, duration
        self.opened = 0
        self.dropped = 0  # closed by nginx before they finished their headers
        self.ready = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        sockets: list[socket.socket] = []
        try:
            for _ in range(self.count):
                connection = socket.create_connection((HOST, self.port), timeout=5)
                sockets.append(connection)
                connection.sendall(b"GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            self.opened = len(sockets)
            self.ready.set()
            alive = list(sockets)
            for line in range(int(self.duration / self.interval)):
                time.sleep(self.interval)
                for connection in list(alive):
                    if not self._send(connection, f"X-Slow-{line}: 1\r\n".encode()):
                        alive.remove(connection)
            self.dropped = self.opened - len(alive)
        except BaseException as error:  # reported by the test, never lost in this thread
            self.error = error
        finally:
            self.ready.set()
            for connection in sockets:
                connection.close()

    @staticmethod
    def _send(connection: socket.socket, data: bytes) -> bool:
        """Send, unless the server has closed the connection (read end or failed write)."""
        try:
            readable, _, _ = select.select([connection], [], [], 0)
            if readable and not connection.recv(4096, socket.MSG_DONTWAIT):
                return False
            connection.sendall(data)
        except OSError:
            return False
        return True


def test_d_slow_clients_do_not_starve_the_app(stack):
    slow = SlowClients(stack.nginx, count=100, interval=2.0, duration=20.0)
    slow.start()
    try:
        assert slow.ready.wait(15)
        assert slow.error is None, slow.error
        assert slow.opened == 100

        timings = []
        end = time.monotonic() + 20
        while time.monotonic() < end:
            began = time.monotonic()
            page = Browser().get(stack.nginx, "/en/")
            took = time.monotonic() - began
            assert page.status == 200
            timings.append(took)
            time.sleep(max(0.0, 1.0 - took))
    finally:
        slow.join(timeout=40)
    assert not slow.is_alive()
    assert slow.error is None, slow.error
    assert len(timings) >= 15
    assert max(timings) < 1.0, [round(t, 3) for t in timings]
    # nginx drops a client that has not sent its headers within 10s (client_header_timeout).
    assert slow.dropped == 100
    # ...and while it held them, nothing failed between nginx and the app servers.
    problems = re.findall(r"\[(?:error|crit|alert|emerg)\].*", stack.error_log.read_text())
    assert problems == []
