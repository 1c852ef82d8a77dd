"""`make bench`: Clicksafe against a bare Flask route under the same gunicorn settings, in one run.

Both apps are served with `gunicorn -c deploy/gunicorn.conf.py` (gthread workers; workers and
threads from that file unless BENCH_WORKERS / BENCH_THREADS are set) on free ports of 127.0.0.1,
and measured with wrk. Then create_app() is timed with the shipped content and with 20 times as
much. Prints a Markdown table and exits 1 when a target is missed. See bench/README.md.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import content_copies
import search_bench
import sqlalchemy
import wrk_client
import yaml

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = Path(sys.executable).parent
SECONDS = max(1, round(float(os.environ.get("BENCH_SECONDS", "5"))))
ROUNDS = max(1, int(os.environ.get("BENCH_ROUNDS", "3")))
QUIZ_CONNECTIONS = int(os.environ.get("BENCH_QUIZ_CONNECTIONS", "8"))
STARTUP_RUNS = 5
COPIES = 20
HOST = "127.0.0.1"
# What a browser sends, so the app may send the compressed copies it keeps (same for the bare app).
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}

HOME = "/nl/"
GUIDE = "/en/teens/nudes-and-sextortion"
APPS = "/fr/apps/?age=13&kind=social"  # a filtered list: kept per set of filter values
QUIZ_ID, QUIZ_LANG = "scams-and-phishing", "nl"
PDF = "/en/teachers/lessons/phishing-detectives.pdf"

CACHED_SHARE, PDF_SHARE, ANSWER_SHARE, P99_MS = 0.8, 0.3, 0.3, 50.0
STARTUP_SECONDS = 1.0


@dataclass
class Row:
    what: str
    rate: float | None = None
    share: float | None = None
    p99_ms: float | None = None
    target: str = "reference"
    met: bool | None = None  # None: nothing to meet
    value: str = ""  # rows without req/s: the measured value


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is missing: `make bench` installs Debian's package (apt-get install wrk)")
        return 2
    rows: list[Row] = []
    other: list[Row] = []
    notes: list[str] = []
    print(settings_line(), flush=True)
    busy = cpu_busy()
    if busy > 0.25:
        notes.append(
            f"the machine was busy before the run ({busy:.0%} of its CPU in use over a second): "
            "the numbers are lower and noisier than on a quiet machine"
        )
    with tempfile.TemporaryDirectory(prefix="clicksafe-bench-") as tmp:
        env = app_env(Path(tmp))
        migrate(env)
        gunicorn_env = server_env()
        bare_port, app_port = free_port(), free_port()
        servers: list[Server] = []
        try:
            servers.append(serve("bench.bare_app:app", bare_port, gunicorn_env, Path(tmp)))
            servers.append(serve("wsgi:app", app_port, {**env, **gunicorn_env}, Path(tmp)))
            for server in servers:
                wait_until_up(server)
            measure_http(bare_port, app_port, env, rows, notes)
            class_rows(app_port, rows, other, notes)
            other += worker_memory(servers[1], "app") + worker_memory(servers[0], "bare Flask")
        finally:
            for server in servers:
                stop(server)
        server_problems(servers, notes)
        other += startup_times(Path(tmp), env, notes)
        search_rows(Path(tmp), env, gunicorn_env, rows, other, notes)
    print_tables(rows, other, notes)
    return 1 if any(row.met is False for row in rows + other) else 0


def cpu_busy(seconds: float = 1.0) -> float:
    """The share of the machine's CPU time in use over `seconds` (from /proc/stat)."""

    def sample() -> tuple[int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(values), values[3] + values[4]  # all, idle + iowait

    total, idle = sample()
    time.sleep(seconds)
    total_after, idle_after = sample()
    elapsed = total_after - total
    return 1 - (idle_after - idle) / elapsed if elapsed else 0.0


# -- set-up ---------------------------------------------------------------------------------------


def app_env(tmp: Path) -> dict[str, str]:
    """The app's environment: its defaults, a fresh SQLite database (or BENCH_DATABASE_URL),
    download and spool folders, and quiz rate limits no bench can reach (the limiter still
    counts every start and answer, as in production; only the ceiling is out of reach)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLICKSAFE_", "GUNICORN_"))}
    env["CLICKSAFE_DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or (
        f"sqlite:///{tmp / 'bench.sqlite'}"
    )
    env["CLICKSAFE_DOWNLOAD_DIR"] = str(tmp / "downloads")
    env["CLICKSAFE_ATTEMPT_SPOOL_DIR"] = str(tmp / "spool")
    for limit in ("QUIZ_RATE_LIMIT", "ADDRESS_RATE_LIMIT", "SEARCH_RATE_LIMIT"):
        env[f"CLICKSAFE_{limit}"] = "1000000 per minute"
    return env


def server_env() -> dict[str, str]:
    """What both gunicorns get on top of deploy/gunicorn.conf.py: no access log, no recycling of
    workers mid-run (max_requests), and BENCH_WORKERS / BENCH_THREADS when set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CLICKSAFE_", "GUNICORN_"))}
    env["GUNICORN_ACCESS_LOG"] = "/dev/null"  # an empty value is refused by gunicorn
    env["GUNICORN_MAX_REQUESTS"] = "0"
    for name in ("WORKERS", "THREADS"):
        if os.environ.get(f"BENCH_{name}"):
            env[f"GUNICORN_{name}"] = os.environ[f"BENCH_{name}"]
    return env


def settings_line() -> str:
    """The settings both servers run with, as deploy/gunicorn.conf.py computes them."""
    code = (
        "import runpy; c = runpy.run_path('deploy/gunicorn.conf.py'); "
        "print(c['worker_class'], c['workers'], c['threads'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=server_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    worker_class, workers, threads = result.stdout.split()
    database = os.environ.get("BENCH_DATABASE_URL", "sqlite").split(":", 1)[0]
    return (
        f"gunicorn -c deploy/gunicorn.conf.py: {worker_class}, {workers} workers x {threads} "
        f"threads, access log /dev/null, max_requests 0; wrk {SECONDS}s per row and round, "
        f"{ROUNDS} rounds; "
        f"database: {database}"
    )


def in_checkout(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """A command run in the checkout with the app's environment, its output captured."""
    return subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def migrate(env: dict[str, str]) -> None:
    result = in_checkout([str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"], env)
    if result.returncode != 0:
        raise SystemExit(f"flask db upgrade failed:\n{result.stdout}{result.stderr}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    app: str
    port: int
    log: Path
    process: subprocess.Popen


def serve(app: str, port: int, env: dict[str, str], tmp: Path) -> Server:
    log = tmp / f"gunicorn-{port}.log"
    with log.open("w") as output:  # the child keeps its own copy of the file descriptor
        process = subprocess.Popen(
            [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", app],
            cwd=ROOT,
            env={**env, "GUNICORN_BIND": f"{HOST}:{port}"},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return Server(app, port, log, process)


def wait_until_up(server: Server, seconds: float = 90) -> None:
    """Until a worker answers `/` (any status): the master binds the port before workers load."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.process.poll() is None:
        try:
            request(server.port, "GET", "/", timeout=5)
            return
        except OSError:
            time.sleep(0.2)
    log = server.log.read_text(errors="replace")[-3000:]
    raise SystemExit(f"gunicorn {server.app} on port {server.port} did not start:\n{log}")


def stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=40)  # graceful_timeout is 30 s
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


def request(
    port: int,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: str | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, str], str]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        payload = response.read()
        return response.status, dict(response.getheaders()), payload.decode("utf-8", "replace")
    finally:
        connection.close()


# -- HTTP rows ------------------------------------------------------------------------------------


def quiz_answers() -> tuple[str, list[tuple[str, list[str]]]]:
    """The quiz's address and, per question, its id and the right option ids (from content/)."""
    path = ROOT / "content" / "quizzes" / f"{QUIZ_ID}.{QUIZ_LANG}.yaml"
    quiz = yaml.safe_load(path.read_text(encoding="utf-8"))
    answers = []
    for question in quiz["questions"]:
        right = [_option_id(o["id"]) for o in question["options"] if o.get("correct")]
        answers.append((question["id"], right or [_option_id(question["options"][0]["id"])]))
    return f"/{QUIZ_LANG}/quiz/{quiz['slug']}", answers


def _option_id(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def session_cookie(headers: dict[str, str], jar: dict[str, str]) -> dict[str, str]:
    for name, value in headers.items():
        if name.lower() == "set-cookie":
            cookie = re.match(r"\s*([^=;]+)=([^;]*)", value)
            if cookie:
                jar[cookie[1]] = cookie[2]
    return jar


def csrf_token(html: str) -> str | None:
    field = re.search(r'<input[^>]*name="csrf_token"[^>]*>', html)
    value = field and re.search(r'value="([^"]*)"', field[0])
    return value[1] if value else None


def question_page_cookie(port: int, quiz: str) -> str:
    """A visitor at question 1: start the quiz (with the intro's CSRF token when the start form
    still needs one), then open question 1 once so the session holds its CSRF token."""
    origin = {"Origin": f"http://{HOST}:{port}"}
    form = {**origin, "Content-Type": "application/x-www-form-urlencoded"}
    jar: dict[str, str] = {}
    status, headers, _ = request(port, "POST", f"{quiz}/start", headers=form, body="")
    if status == 400:
        status, headers, html = request(port, "GET", quiz)
        session_cookie(headers, jar)
        token = csrf_token(html)
        if status != 200 or not token:
            raise SystemExit(f"the quiz intro {quiz} gave {status} and no CSRF token")
        cookie = {"Cookie": "; ".join(f"{k}={v}" for k, v in jar.items())}
        body = urlencode({"csrf_token": token})
        status, headers, _ = request(
            port, "POST", f"{quiz}/start", headers={**form, **cookie}, body=body
        )
    if status != 303:
        raise SystemExit(f"starting the quiz {quiz} answered {status}, not 303")
    session_cookie(headers, jar)
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    status, headers, html = request(port, "GET", f"{quiz}/1", headers={"Cookie": cookie})
    if status != 200 or 'name="answer"' not in html:
        raise SystemExit(f"question 1 of {quiz} answered {status} without an answer form")
    return "; ".join(f"{k}={v}" for k, v in session_cookie(headers, jar).items())


def measure_http(
    bare_port: int, app_port: int, env: dict[str, str], rows: list[Row], notes: list[str]
) -> None:
    bare_url, app_url = f"http://{HOST}:{bare_port}", f"http://{HOST}:{app_port}"
    quiz, answers = quiz_answers()
    script = BENCH / "quiz_runs.lua"
    warm_paths = [HOME, GUIDE, APPS, search_bench.SEARCH, quiz, PDF]
    for path in warm_paths:  # the first PDF request builds the file, later ones send it from disk
        status, _, _ = request(app_port, "GET", path, timeout=300)
        if status != 200:
            raise SystemExit(f"GET {path} answered {status}, not 200")
    cookie = {"Cookie": question_page_cookie(app_port, quiz)}
    stored_before = stored_attempts(env)
    # Warm-up: every worker renders its cached pages and opens its database connections.
    for url in [bare_url + "/", *(app_url + path for path in warm_paths)]:
        wrk_client.get(url, 1, 2, 32, BROWSER)
    wrk_client.get(f"{app_url}{quiz}/1", 1, 2, 32, {**BROWSER, **cookie})
    warm_runs = wrk_client.quiz_runs(app_url, quiz, answers, 1, QUIZ_CONNECTIONS, script)

    pages_to_measure = [  # what, path, headers, target share of bare, p99 target
        (f"home `{HOME}` (cached)", HOME, {}, CACHED_SHARE, True),
        (f"guide `{GUIDE}` (cached)", GUIDE, {}, CACHED_SHARE, True),
        (f"app index `{APPS}` (cached)", APPS, {}, CACHED_SHARE, True),
        (
            f"search `{search_bench.SEARCH}` (results page kept in memory)",
            search_bench.SEARCH,
            {},
            search_bench.SEARCH_SHARE,
            True,
        ),
        (f"quiz intro `{quiz}`", quiz, {}, CACHED_SHARE, True),
        (f"question page `{quiz}/1` (per visitor)", f"{quiz}/1", cookie, None, False),
        (f"cached PDF `{PDF}`", PDF, {}, PDF_SHARE, False),
    ]
    few = QUIZ_CONNECTIONS
    client = f"wrk -t{few} -c{few}"
    # Rounds: the bare route, every page, then the bare route and the quiz runs with the quiz's
    # client; the bare route once more at the end. Each row is the median of its rounds, so a
    # machine that slows down or speeds up during the run favours neither side.
    bare: list[wrk_client.Measure] = []
    bare_few: list[wrk_client.Measure] = []
    runs: list[wrk_client.Measure] = []
    pages: dict[str, list[wrk_client.Measure]] = {what: [] for what, *_ in pages_to_measure}
    for round_number in range(1, ROUNDS + 1):
        progress(f"round {round_number} of {ROUNDS}: bare Flask /")
        bare.append(wrk_client.get(bare_url + "/", SECONDS, 2, 32, BROWSER))
        for what, path, headers, _, _ in pages_to_measure:
            progress(f"round {round_number} of {ROUNDS}: {path}")
            pages[what].append(
                wrk_client.get(app_url + path, SECONDS, 2, 32, {**BROWSER, **headers})
            )
        progress(f"round {round_number} of {ROUNDS}: bare Flask / and quiz runs ({client})")
        bare_few.append(wrk_client.get(bare_url + "/", SECONDS, few, few, BROWSER))
        runs.append(wrk_client.quiz_runs(app_url, quiz, answers, SECONDS, few, script))
    progress("bare Flask / once more")
    bare.append(wrk_client.get(bare_url + "/", SECONDS, 2, 32, BROWSER))

    reference = median_of(bare)
    label = f"median of {len(bare)}" if len(bare) > 1 else "1 run"
    rows.append(
        Row(f"bare Flask `/` (wrk -t2 -c32; {label})", reference.rate, 1.0, reference.p99_ms)
    )
    check_errors(rows[-1], reference, notes)
    notes.append(
        "bare Flask `/` req/s in turn: "
        + ", ".join(f"{m.rate:.0f}" for m in bare)
        + (f"; each row is the median of {ROUNDS} rounds" if ROUNDS > 1 else "")
    )
    if reference.p99_ms >= P99_MS:
        notes.append(
            f"the bare route's own p99 is {reference.p99_ms:.0f} ms at 32 connections: with these "
            f"gunicorn settings on this machine, no page can meet p99 < {P99_MS:.0f} ms"
        )
    for what, _, _, share, p99 in pages_to_measure:
        result = median_of(pages[what])
        row = Row(what, result.rate, result.rate / reference.rate, result.p99_ms)
        if share is None:
            row.target = "report only"
        else:
            row.target = f">= {share}x" + (f", p99 < {P99_MS:.0f} ms" if p99 else "")
            row.met = row.share >= share and (not p99 or result.p99_ms < P99_MS)
        rows.append(row)
        check_errors(row, result, notes)

    reference = median_of(bare_few)
    rows.append(Row(f"bare Flask `/` ({client})", reference.rate, 1.0, reference.p99_ms))
    check_errors(rows[-1], reference, notes)
    result = median_of(runs)
    share = result.rate / reference.rate if reference.rate else 0.0
    row = Row(
        f"answer POST `{quiz}/<n>` ({client}; whole runs, the last answer writes the DB)",
        result.rate,
        share,
        result.p99_ms,
        f">= {ANSWER_SHARE}x of bare {client}",
        share >= ANSWER_SHARE,
    )
    rows.append(row)
    check_errors(row, result, notes)
    answered = sum(m.extra["answers"] for m in runs)
    finished = sum(m.extra["runs"] for m in [warm_runs, *runs])
    stored = stored_attempts(env) - stored_before
    if stored < finished:  # a run cut off by the end of wrk's time may be stored uncounted
        row.met = False
        notes.append(
            f"answer POST: ERRORS: {finished:.0f} runs finished but {stored} rows stored in "
            "the database (the app keeps what the database refuses in its spool)"
        )
    notes.append(
        f"answer POST: {answered:.0f} answers in whole runs of {len(answers)} questions, the "
        f"last of which stores the run: {result.extra['runs_per_s']:.1f} database writes per "
        f"second ({stored} rows stored in all); p99 of the answer POSTs alone"
    )


def stored_attempts(env: dict[str, str]) -> int:
    """Rows in the quiz attempts table, read straight from the database."""
    engine = sqlalchemy.create_engine(env["CLICKSAFE_DATABASE_URL"])
    try:
        with engine.connect() as connection:
            return connection.scalar(sqlalchemy.text("SELECT count(*) FROM quiz_attempt")) or 0
    finally:
        engine.dispose()


def median_of(measures: list[wrk_client.Measure]) -> wrk_client.Measure:
    """The median rate and the median p99 of a row's rounds, with all their errors."""
    result = wrk_client.Measure(
        statistics.median(m.rate for m in measures),
        statistics.median(m.p99_ms for m in measures),
        sum(m.errors for m in measures),
        [problem for m in measures for problem in m.problems],
    )
    keys = {key for m in measures for key in m.extra}
    result.extra = {key: statistics.median(m.extra.get(key, 0) for m in measures) for key in keys}
    return result


def progress(what: str) -> None:
    print(f"measuring {what}", file=sys.stderr, flush=True)


def check_errors(row: Row, result: wrk_client.Measure, notes: list[str]) -> None:
    if result.errors:
        if row.met is not None:
            row.met = False
        notes.append(f"{row.what}: ERRORS: " + "; ".join(result.problems))


# -- memory and start-up --------------------------------------------------------------------------


def worker_memory(server: Server, name: str) -> list[Row]:
    """VmRSS of each gunicorn worker (the master's children), after the load."""
    rows = []
    for pid in sorted(children(server.process.pid)):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        rss = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        private = sum(int(kb) for kb in re.findall(r"^Private_\w+:\s+(\d+) kB", rollup, re.M))
        if rss:
            value = f"{int(rss[1]) / 1024:.0f} MB (private {private / 1024:.0f} MB)"
            rows.append(
                Row(
                    f"VmRSS of {name} worker {pid} after the load",
                    value=value,
                    target="report only",
                )
            )
    return rows


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid ...: comm may hold spaces and parentheses
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def create_app_seconds(env: dict[str, str], runs: int) -> tuple[float, float]:
    """Medians over `runs` fresh interpreters: (import and create_app(), create_app() alone)."""
    config = {"DATABASE_URL": env["CLICKSAFE_DATABASE_URL"]}
    config["DOWNLOAD_DIR"] = env["CLICKSAFE_DOWNLOAD_DIR"]
    code = (
        "import time; t = time.perf_counter(); from clicksafe import create_app; "
        f"i = time.perf_counter(); create_app({config!r}); e = time.perf_counter(); "
        "print(e - t, e - i)"
    )
    totals, calls = [], []
    for _ in range(runs):
        result = in_checkout([sys.executable, "-c", code], env)
        if result.returncode != 0:
            lines = result.stderr.strip().splitlines() or ["no output"]
            raise RuntimeError(" / ".join(lines[-4:]))
        total, call = result.stdout.strip().splitlines()[-1].split()
        totals.append(float(total))
        calls.append(float(call))
    return statistics.median(totals), statistics.median(calls)


def startup_times(tmp: Path, env: dict[str, str], notes: list[str]) -> list[Row]:
    """create_app() itself against the target (what the content and the app cost, growing with
    the content); the start-up with Python's imports is reported beside it."""
    what = f"create_app() with the shipped content (median of {STARTUP_RUNS})"
    target = f"< {STARTUP_SECONDS:.1f} s"
    progress("create_app() with the shipped content")
    try:
        shipped, shipped_call = create_app_seconds(env, STARTUP_RUNS)
    except RuntimeError as error:
        notes.append(f"create_app() failed: {error}")
        return [Row(what, target=target, met=False)]
    rows = [
        Row(what, value=f"{shipped_call:.2f} s", target=target, met=shipped_call < STARTUP_SECONDS),
        Row(
            f"start-up, imports and create_app() (median of {STARTUP_RUNS})",
            value=f"{shipped:.2f} s",
            target="report only",
        ),
    ]
    counts = content_copies.multiply(ROOT / "content", tmp / "content-x20", COPIES)
    big_env = {**env, "CLICKSAFE_CONTENT_DIR": str(tmp / "content-x20")}
    what = f"create_app() with {COPIES}x guides, quizzes, lessons (median of {STARTUP_RUNS})"
    progress(f"create_app() with {COPIES}x content")
    try:
        big, big_call = create_app_seconds(big_env, STARTUP_RUNS)
    except RuntimeError as error:
        notes.append(f"create_app() with {COPIES}x content failed: {error}")
        return [*rows, Row(what, target="report only", met=False)]
    # The import costs the same with any content, so growth is judged on create_app() alone.
    growth = big_call / shipped_call
    shape = "roughly linear"
    if growth < COPIES * 0.5:
        shape = "sub-linear"
    elif growth > COPIES * 1.5:
        shape = "super-linear"
    value = f"{big_call:.2f} s = {growth:.1f}x of 1x ({shape})"
    rows.append(Row(what, value=value, target="report only"))
    notes.append(
        f"start-up with imports: {shipped:.2f} s with the shipped content, {big:.2f} s with "
        f"{COPIES}x; the imports cost the same with any content"
    )
    notes.append(
        f"{COPIES}x content: "
        + ", ".join(f"{count} {kind} files" for kind, count in counts.items())
        + " (lessons: plans, worksheets and answer keys); audiences, pages, topics and help "
        "lines stay single"
    )
    return rows


def search_rows(
    tmp: Path,
    env: dict[str, str],
    gunicorn_env: dict[str, str],
    rows: list[Row],
    other: list[Row],
    notes: list[str],
) -> None:
    """The results page served with 20x content beside the bare route (a fresh pair of servers),
    and the engine alone on both contents."""
    big = tmp / "content-x20"
    bare_port, app_port = free_port(), free_port()
    servers = [
        serve("bench.bare_app:app", bare_port, gunicorn_env, tmp),
        serve(
            "wsgi:app", app_port, {**env, **gunicorn_env, "CLICKSAFE_CONTENT_DIR": str(big)}, tmp
        ),
    ]
    try:
        for server in servers:
            wait_until_up(server)
        path = search_bench.SEARCH
        request(app_port, "GET", path)
        wrk_client.get(f"http://{HOST}:{app_port}{path}", 1, 2, 32, BROWSER)
        progress(f"{COPIES}x content: bare Flask / and {path}")
        bare = wrk_client.get(f"http://{HOST}:{bare_port}/", SECONDS, 2, 32, BROWSER)
        result = wrk_client.get(f"http://{HOST}:{app_port}{path}", SECONDS, 2, 32, BROWSER)
    finally:
        for server in servers:
            stop(server)
    rows.append(
        Row(f"bare Flask `/` (wrk -t2 -c32; beside {COPIES}x content)", bare.rate, 1.0, bare.p99_ms)
    )
    share = result.rate / bare.rate if bare.rate else 0.0
    row = Row(f"search `{path}` with {COPIES}x content", result.rate, share, result.p99_ms)
    row.target = f">= {search_bench.SEARCH_SHARE}x, p99 < {P99_MS:.0f} ms"
    row.met = share >= search_bench.SEARCH_SHARE and result.p99_ms < P99_MS
    rows.append(row)
    check_errors(row, result, notes)
    for label, content in (("shipped content", ROOT / "content"), (f"{COPIES}x content", big)):
        progress(f"search engine, {label}")
        output = in_checkout([sys.executable, "bench/search_bench.py", str(content)], env)
        if output.returncode != 0:
            notes.append(f"search engine on {label} failed: {output.stderr.strip()[-300:]}")
            continue
        built, rate, p99, count = (float(x) for x in output.stdout.split()[-4:])
        other.append(
            Row(
                f"search engine alone, {label}: {count:.0f} test queries, no cache",
                value=f"{rate:.0f} queries/s, p99 {p99:.1f} ms, index built in {built:.2f} s",
                target="report only",
            )
        )


# A class of 30 in a teacher-paced session: every pupil's page polls the state every 2 s, the 30
# answers to a question come within about 30 s, the dashboard polls every 4 s.
CLASS_REQUESTS_PER_SECOND = 30 / 2 + 30 / 30 + 1 / 4
CLASS_P99_MS = 200.0


def class_rows(app_port: int, rows: list[Row], other: list[Row], notes: list[str]) -> None:
    """How many classes of 30 one machine holds: the mixed load of pupils joining, answering and
    polling, and the dashboard polling, at 32 connections, with p99 under 200 ms."""
    status, headers, _ = request(
        app_port,
        "POST",
        f"/en/quiz/{english_slug(QUIZ_ID)}/class",
        body="mode=teacher-paced",
        headers={"Origin": f"http://{HOST}:{app_port}", "Content-Type": CLASS_FORM},
    )
    if status != 303:
        notes.append(f"class session could not start: {status}")
        return
    location = headers.get("Location", "")
    code = location.split("/en/class/")[1].split("?")[0]
    key = location.split("key=")[1]
    request(
        app_port,
        "POST",
        f"/en/class/{code}/step",
        body=f"key={key}&action=open",
        headers={"Origin": f"http://{HOST}:{app_port}", "Content-Type": CLASS_FORM},
    )
    progress("class sessions: pupils joining, answering and polling; the dashboard polling")
    origin = f"http://{HOST}:{app_port}"
    option = first_option(QUIZ_ID)
    result = wrk_client.scripted(
        f"http://{HOST}:{app_port}",
        SECONDS,
        32,
        BENCH / "class_load.lua",
        [code, key, origin, option],
    )
    status, _, body = request(app_port, "GET", f"/en/class/{code}/numbers.json?key={key}")
    stored = status == 200 and '"answered":{}' not in body.replace(" ", "")
    classes = result.rate / CLASS_REQUESTS_PER_SECOND
    row = Row(
        "class sessions: join, answer, poll state (ETag), dashboard numbers (wrk -t32 -c32)",
        result.rate,
        None,
        result.p99_ms,
        f"p99 < {CLASS_P99_MS:.0f} ms",
        result.p99_ms < CLASS_P99_MS and stored,
    )
    rows.append(row)
    check_errors(row, result, notes)
    if not stored:
        notes.append(f"class sessions: ERRORS: no answer was stored ({status}: {body[:200]})")
    other.append(
        Row(
            "classes of 30 one machine holds (teacher-paced, at the rate above)",
            value=f"about {classes:.0f} classes ({CLASS_REQUESTS_PER_SECOND:.2f} requests/s each)",
            target="report only",
        )
    )


CLASS_FORM = "application/x-www-form-urlencoded"


def english_quiz(quiz_id: str) -> dict:
    return yaml.safe_load((ROOT / "content" / "quizzes" / f"{quiz_id}.en.yaml").read_text())


def english_slug(quiz_id: str) -> str:
    return english_quiz(quiz_id)["slug"]


def first_option(quiz_id: str) -> str:
    """An option of the quiz's first question, as a pupil picks one."""
    return _option_id(english_quiz(quiz_id)["questions"][0]["options"][0]["id"])


def server_problems(servers: list[Server], notes: list[str]) -> None:
    """Tracebacks, worker timeouts and errors in the gunicorn logs are reported."""
    for server in servers:
        log = server.log.read_text(errors="replace")
        found = re.findall(r"^.*(?:Traceback|WORKER TIMEOUT|\[ERROR\]|\[CRITICAL\]).*$", log, re.M)
        if found:
            notes.append(f"{server.app} log: {len(found)} problems, first: {found[0].strip()}")


# -- output ---------------------------------------------------------------------------------------


def verdict(met: bool | None) -> str:
    return "-" if met is None else ("yes" if met else "**NO**")


def print_tables(rows: list[Row], other: list[Row], notes: list[str]) -> None:
    print()
    print("| what | req/s | x bare | p99 ms | target | met |")
    print("|---|---:|---:|---:|---|---|")
    for row in rows:
        print(
            f"| {row.what} | {row.rate:.0f} | "
            + (f"{row.share:.2f}" if row.share is not None else "-")
            + f" | {row.p99_ms:.1f} | "
            f"{row.target} | {verdict(row.met)} |"
        )
    print()
    print("| what | measured | target | met |")
    print("|---|---:|---|---|")
    for row in other:
        print(f"| {row.what} | {row.value or '-'} | {row.target} | {verdict(row.met)} |")
    if notes:
        print()
        for note in notes:
            print(f"- {note}")
    missed = [row.what for row in rows + other if row.met is False]
    print()
    print("missed: " + "; ".join(missed) if missed else "every target met")


if __name__ == "__main__":
    sys.exit(main())
