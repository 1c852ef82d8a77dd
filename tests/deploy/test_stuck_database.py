"""gunicorn as deployed: a request stuck on a database that never answers holds one thread for a
few seconds at most, and content pages go on being served meanwhile."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.prefix) / "bin" / "gunicorn"

pytestmark = pytest.mark.deploy


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, timeout: float = 30) -> tuple[int, float]:
    began = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        status = connection.getresponse().status
    finally:
        connection.close()
    return status, time.monotonic() - began


@pytest.fixture
def silent_database():
    """Accepts connections and never answers, like a hung database server."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    yield server.getsockname()[1]
    server.close()


def test_a_hung_database_never_holds_up_content_pages(tmp_path, silent_database):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLICKSAFE_")} | {
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",  # one worker: only its threads can keep pages going
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "CLICKSAFE_DATABASE_URL": f"postgresql+psycopg://x@127.0.0.1:{silent_database}/x",
        "CLICKSAFE_DATABASE_TIMEOUT": "4",
        "CLICKSAFE_DOWNLOAD_DIR": str(tmp_path / "downloads"),
        "CLICKSAFE_ATTEMPT_SPOOL_DIR": str(tmp_path / "spool"),
    }
    server = subprocess.Popen(
        [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                get(port, "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        stuck: list[tuple[int, float]] = []
        waits = [threading.Thread(target=lambda: stuck.append(get(port, "/readyz")))]
        waits += [threading.Thread(target=lambda: stuck.append(get(port, "/readyz")))]
        for thread in waits:
            thread.start()
        time.sleep(0.5)  # both are now waiting on the database
        pages = [get(port, path) for path in ("/nl/", "/fr/enfants/", "/en/quiz/", "/nl/hulp")]
        for thread in waits:
            thread.join()
    finally:
        server.terminate()
        server.wait(30)
    assert all(status == 200 and seconds < 1 for status, seconds in pages), pages
    # The stuck requests end by the database timeout with a 503, not a killed worker's 500.
    assert all(status == 503 and seconds < 10 for status, seconds in stuck), stuck
