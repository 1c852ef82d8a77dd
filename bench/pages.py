"""Throughput of content pages and teachers' files under gunicorn, against a bare Flask route.

A content page is rendered once and served from memory, so it should cost little more than a bare
route. Run with `make bench`: it starts gunicorn on free local ports for a bare Flask app
(bench/bare_app.py) and for Clicksafe, measures with wrk (Debian's package) when installed, or a
small threaded client otherwise, and fails if a page falls below its target share of the bare app.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = 8
# path -> the share of the bare app's requests per second it must reach
TARGETS = {
    "/robots.txt": 0.5,
    "/nl/": 0.5,
    "/fr/enfants/": 0.5,
    "/en/teens/nudes-and-sextortion": 0.5,
    "/nl/hulp": 0.5,
    "/en/teachers/lessons/phishing-detectives": 0.5,
    # A filtered list is rendered once per set of offered filter values, then kept like a page.
    "/fr/enseignants/lecons/?age=10": 0.5,
    # Built once into the download cache, then sent from disk with an ETag.
    "/en/teachers/lessons/phishing-detectives.pdf": 0.3,
    "/nl/quiz/oplichting-en-phishing.gift.txt": 0.3,
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port: int) -> None:
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def with_wrk(url: str) -> float:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{int(SECONDS)}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def with_threads(url: str) -> float:
    """A fallback client: a few threads, one request per connection, as gunicorn's sync workers."""
    host, port, path = re.match(r"http://([^:]+):(\d+)(.*)", url).groups()
    done = [0] * CONNECTIONS
    deadline = time.monotonic() + SECONDS

    def worker(index: int) -> None:
        while time.monotonic() < deadline:
            connection = http.client.HTTPConnection(host, int(port), timeout=5)
            connection.request("GET", path)
            connection.getresponse().read()
            connection.close()
            done[index] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / SECONDS


def serve(app: str, port: int) -> subprocess.Popen:
    workers = os.environ.get("BENCH_WORKERS", "2")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", workers, "-b", f"127.0.0.1:{port}", app],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until_up(port)
    return server


def main() -> int:
    measure = with_wrk if shutil.which("wrk") else with_threads
    port = free_port()
    server = serve("bench.bare_app:app", port)
    try:
        bare = measure(f"http://127.0.0.1:{port}/")
    finally:
        server.terminate()
        server.wait()
    port = free_port()
    server = serve("wsgi:app", port)
    try:
        base = f"http://127.0.0.1:{port}"
        for path in TARGETS:  # warm up: the first request renders a page or builds a file
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("GET", path)
            connection.getresponse().read()
            connection.close()
        print(f"client: {measure.__name__}, {SECONDS:.0f}s per page")
        print(f"{'bare Flask app /':40} {bare:8.0f} req/s")
        failed = False
        for path, share in TARGETS.items():
            rate = measure(base + path)
            ok = rate >= share * bare
            failed |= not ok
            verdict = "ok" if ok else f"BELOW {share:.0%} of bare"
            print(f"{path:40} {rate:8.0f} req/s  {rate / bare:5.0%} of bare  {verdict}")
        return 1 if failed else 0
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    sys.exit(main())
