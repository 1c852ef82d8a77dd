"""The download cache: many first requests at once build a file once, from threads and from
processes, and an unusable folder still serves the file."""

from __future__ import annotations

import hashlib
import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from clicksafe.web.file_cache import Download, FileCache

FIXTURE = Path(__file__).parent.parent / "fixtures" / "content" / "ok"
LESSON = {"en": "/en/teachers/lessons/gamma-en", "nl": "/nl/leerkrachten/lessen/gamma-nl"}


def slow_download(builds: Path) -> Download:
    """A file that takes a while to build and notes each build in `builds`."""

    def build() -> bytes:
        with builds.open("a") as log:
            log.write("built\n")
        time.sleep(0.3)
        return b"%PDF-1.7 the same bytes every time\n" * 1000

    return Download("en/lesson.pdf", "lesson.pdf", "application/pdf", build)


def test_twenty_threads_asking_at_once_all_get_the_file_built_once(tmp_path):
    cache = FileCache(tmp_path / "cache")
    builds = tmp_path / "builds.log"
    download = slow_download(builds)
    start = threading.Barrier(20)

    def fetch(_):
        start.wait()
        return cache.read(download)

    with ThreadPoolExecutor(20) as pool:
        files = list(pool.map(fetch, range(20)))
    assert len(set(files)) == 1 and files[0].startswith(b"%PDF")
    assert builds.read_text().count("built") == 1
    assert [p.name for p in cache.folder.rglob("*.part")] == []


def _fetch_in_process(folder: str, builds: str, results: str, start) -> None:
    start.wait()
    data = FileCache(Path(folder)).read(slow_download(Path(builds)))
    with open(results, "a") as out:
        out.write(hashlib.sha256(data).hexdigest() + "\n")


def test_processes_asking_at_once_all_get_the_same_file_built_once(tmp_path):
    context = multiprocessing.get_context("fork")
    start = context.Barrier(4)
    args = (str(tmp_path / "cache"), str(tmp_path / "builds.log"), str(tmp_path / "out"), start)
    workers = [context.Process(target=_fetch_in_process, args=args) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0
    results = (tmp_path / "out").read_text().splitlines()
    assert len(results) == 4 and len(set(results)) == 1
    assert (tmp_path / "builds.log").read_text().count("built") == 1


def test_a_folder_that_cannot_be_written_still_serves_the_file(tmp_path, caplog):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the download folder should be")
    cache = FileCache(blocker / "cache")
    download = slow_download(tmp_path / "builds.log")
    with caplog.at_level("WARNING"):
        assert cache.read(download).startswith(b"%PDF")
    assert "building en/lesson.pdf in memory" in caplog.text


def test_teachers_download_when_the_disk_refuses(fresh_app, tmp_path, caplog):
    blocker = tmp_path / "read-only"
    blocker.write_text("")
    app = fresh_app(CONTENT_DIR=str(FIXTURE), DOWNLOAD_DIR=str(blocker / "downloads"))
    client = app.test_client()
    with caplog.at_level("WARNING"):
        for url in (f"{LESSON['en']}.pdf", f"{LESSON['en']}.docx", "/en/quiz/basics-en.gift.txt"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.headers["ETag"]
            response.close()
    assert caplog.text.count("in memory") == 3


def test_twenty_teachers_ask_for_a_new_lesson_file_at_once(fresh_app):
    app = fresh_app(CONTENT_DIR=str(FIXTURE))
    count = 20
    start = threading.Barrier(count)

    def fetch(_):
        client = app.test_client()
        start.wait()
        response = client.get(f"{LESSON['nl']}.docx")
        data = response.get_data()
        response.close()
        return response.status_code, data

    with ThreadPoolExecutor(count) as pool:
        answers = list(pool.map(fetch, range(count)))
    assert {status for status, _ in answers} == {200}
    assert len({data for _, data in answers}) == 1


def test_a_missing_source_of_the_fingerprint_is_an_error_not_a_stale_cache(tmp_path):
    import pytest

    from clicksafe.web.file_cache import fingerprint

    (tmp_path / "templates").mkdir()
    with pytest.raises(FileNotFoundError, match=r"documents\.py"):
        fingerprint([tmp_path / "templates", tmp_path / "documents.py"])
