"""Built files for teachers, kept on disk so every worker and every restart shares them.

A file is built once, on its first request or by `flask lessons build`, into a folder named after a
fingerprint of the content and of the code and templates that make files. A change to any of them
gives a new folder, so a stale file is never served.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


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

    def get(self, download: Download) -> Path:
        """The file's path, building it first if it is not there yet."""
        path = self.path(download)
        if not path.is_file():
            data = download.build()
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written aside and renamed, so a worker never serves a half-written file.
            partial = path.with_name(f".{path.name}.{os.getpid()}.part")
            partial.write_bytes(data)
            os.replace(partial, path)
        return path

    def read(self, download: Download) -> bytes:
        return self.get(download).read_bytes()


def fingerprint(roots: Iterable[Path]) -> str:
    """A short hash of every file below these folders (or of these files): names and bytes."""
    digest = hashlib.blake2b(digest_size=8)
    for root in roots:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root.parent).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
