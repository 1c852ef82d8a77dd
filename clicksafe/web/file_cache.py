"""Built files for teachers, kept on disk so every worker and every restart shares them.

A file is built once, on its first request or by `flask lessons build`, into a folder named after a
fingerprint of the content and of the code and templates that make files. A change to any of them
gives a new folder, so a stale file is never served.

Many teachers may ask for the same new file at once, from threads and processes of several
workers: a lock file lets one of them build it while the others wait and then read it. A folder
that cannot be written (a full or read-only disk) does not stop a download: the file is built in
memory for that request, and the log says why.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

log = logging.getLogger(__name__)
BUILD_WAIT_SECONDS = 120  # far longer than the slowest file takes to build


@dataclass(frozen=True)
class Download:
    """One file for teachers: where it is cached, what it is called, and how it is made."""

    key: str  # its path inside the cache, made of content ids only (never of request input)
    filename: str  # the localized name the teacher's computer saves it as
    mimetype: str
    build: Callable[[], bytes]


class FileCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()

    def path(self, download: Download) -> Path:
        path = (self.folder / download.key).resolve()
        if not path.is_relative_to(self.folder):
            raise ValueError(f"outside the download cache: {download.key}")
        return path

    def etag(self, download: Download) -> str:
        """The same on every app server for the same sources (the folder is their fingerprint),
        though each server builds its own copy: a teacher's 304 does not depend on which
        server answers."""
        name = f"{self.folder.name}/{download.key}".encode()
        return hashlib.blake2b(name, digest_size=16).hexdigest()

    def get(self, download: Download) -> Built:
        """The file, built first if it is not there yet; in memory if the folder is unusable."""
        path = self.path(download)
        if path.is_file():
            return Built(None, path.stat().st_mtime, path)
        try:
            return self._build_once(download, path)
        except (OSError, Timeout) as error:
            log.warning("download cache unusable (%s): building %s in memory", error, download.key)
            return Built(download.build(), time.time())

    def _build_once(self, download: Download, path: Path) -> Built:
        path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(_lock_file(path), timeout=BUILD_WAIT_SECONDS):
            if not path.is_file():  # another thread or process may have built it meanwhile
                _write_atomically(path, download.build())
        return Built(None, path.stat().st_mtime, path)

    def read(self, download: Download) -> bytes:
        return self.get(download).content


@dataclass(frozen=True)
class Built:
    """A built file: on disk (sent from there, never read whole into memory) or, when the
    folder is unusable, its bytes."""

    data: bytes | None
    modified: float  # seconds since the epoch, for Last-Modified
    path: Path | None = None

    @property
    def content(self) -> bytes:
        return self.data if self.data is not None else self.path.read_bytes()

    @property
    def size(self) -> int:
        return len(self.data) if self.data is not None else self.path.stat().st_size


def _lock_file(path: Path) -> Path:
    """Locks live outside the download folder, which holds teachers' files and nothing else.
    They only spare this host duplicate work: the rename below keeps any shared folder sound."""
    name = hashlib.blake2b(str(path).encode(), digest_size=16).hexdigest()
    folder = Path(tempfile.gettempdir()) / "clicksafe-locks"
    folder.mkdir(exist_ok=True)
    return folder / f"{name}.lock"


def _write_atomically(path: Path, data: bytes) -> None:
    """Written aside under a unique name and renamed, so nobody reads a half-written file."""
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def fingerprint(roots: Iterable[Path]) -> str:
    """A short hash of every file below these folders (or of these files): names and bytes."""
    digest = hashlib.blake2b(digest_size=8)
    for root in roots:
        if not root.exists():  # a path renamed in the code would leave stale files unnoticed
            raise FileNotFoundError(f"a source of teachers' files is missing: {root}")
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root.parent).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
