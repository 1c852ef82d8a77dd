"""Finished quizzes that the database could not take, kept on disk until it can.

One JSON line per attempt, appended and flushed to disk under a lock, so several threads and
processes may add to it at once and nothing is lost when a worker stops. Draining reads every
line, hands them to a writer, and empties the file only when the writer succeeded: a failed
drain leaves everything for the next one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from filelock import FileLock

LOCK_WAIT_SECONDS = 10


class Spool:
    def __init__(self, folder: Path) -> None:
        self.file = Path(folder) / "attempts.jsonl"
        self.lock = FileLock(Path(folder) / ".attempts.lock", timeout=LOCK_WAIT_SECONDS)

    def append(self, row: dict[str, Any]) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        line = (json.dumps(row, sort_keys=True) + "\n").encode()
        with self.lock, open(self.file, "ab") as spool:
            spool.write(line)
            spool.flush()
            os.fsync(spool.fileno())

    def waiting(self) -> bool:
        """Cheap enough for every successful write: one stat of a file that is usually absent."""
        try:
            return self.file.stat().st_size > 0
        except OSError:
            return False

    def rows(self) -> list[dict[str, Any]]:
        if not self.file.exists():
            return []
        lines = self.file.read_text(encoding="utf-8").splitlines()
        # A line cut short by a crash mid-write is the only kind that cannot be read: skip it.
        return [json.loads(line) for line in lines if line.endswith("}")]

    def drain(self, write: Callable[[list[dict[str, Any]]], None]) -> int:
        """Hand every waiting row to `write`; empty the spool once it returns."""
        if not self.waiting():
            return 0
        with self.lock:
            rows = self.rows()
            if rows:
                write(rows)
            self.file.unlink(missing_ok=True)
        return len(rows)
