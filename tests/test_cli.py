"""`flask content check` prints every problem with file and line, even when the app cannot start."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from clicksafe import create_app
from clicksafe.content import ContentError

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "content"
FLASK = Path(sys.executable).with_name("flask")


def flask(*args: str, content: Path, **settings: str) -> subprocess.CompletedProcess:
    env = os.environ | {"CLICKSAFE_CONTENT_DIR": str(content)} | settings
    return subprocess.run(
        [str(FLASK), "--app", "wsgi", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def broken_tree(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(ROOT / "content", root)
    guide = root / "guides" / "kids-passwords.fr.md"
    guide.write_text(guide.read_text().replace("topics: [passwords]", "topics: [passwords, hax]"))
    (root / "guides" / "kids-passwords.de.md").write_text("---\ntitle: x\n---\n")
    return root


def test_check_passes_on_the_real_content():
    result = flask("content", "check", content=ROOT / "content")
    assert result.returncode == 0, result.stderr
    assert "15 guides in nl, 15 guides in fr, 15 guides in en" in result.stdout


def test_check_reports_every_problem_with_file_and_line(tmp_path):
    result = flask("content", "check", content=broken_tree(tmp_path))
    assert result.returncode == 1
    assert "guides/kids-passwords.fr.md:6: unknown topic 'hax'" in result.stderr
    assert "guides/kids-passwords.de.md:1: extra translation: 'de'" in result.stderr
    assert "problems in the content." in result.stderr
    assert "Traceback" not in result.stderr


def test_the_app_refuses_to_start_on_invalid_content(tmp_path):
    root = broken_tree(tmp_path)
    with pytest.raises(ContentError) as caught:
        create_app({"TESTING": True, "CONTENT_DIR": str(root)})
    report = str(caught.value)
    assert "kids-passwords.fr.md:6: unknown topic 'hax'" in report
    assert "kids-passwords.de.md:1: extra translation" in report


def test_stats_lists_words_per_guide():
    result = flask("content", "stats", content=ROOT / "content")
    assert result.returncode == 0
    assert result.stdout.count("kids-passwords") == 3


def test_lessons_build_makes_every_teachers_file_once(tmp_path):
    downloads = tmp_path / "downloads"
    settings = {"CLICKSAFE_DOWNLOAD_DIR": str(downloads)}
    first = flask("lessons", "build", content=FIXTURES / "ok", **settings)
    assert first.returncode == 0, first.stderr
    # per language: plan PDF and Word, worksheet PDF and Word, answer key, pack; 4 quiz files
    assert "30 files" in first.stdout.splitlines()[-1]
    made = sorted(path.relative_to(downloads) for path in downloads.rglob("*.*"))
    assert len(made) == 30
    assert any(path.as_posix().endswith("fr/lessons/gamma/plan.zip") for path in made)
    # Each language's files speak that language, whichever language was built before them.
    for lang, words in {"nl": "Pagina 1 van", "fr": "Page 1 sur", "en": "Page 1 of"}.items():
        (plan,) = downloads.rglob(f"{lang}/lessons/gamma/plan.pdf")
        assert words in PdfReader(plan).pages[0].extract_text(), lang
    times = {path: path.stat().st_mtime_ns for path in downloads.rglob("*.*")}
    again = flask("lessons", "build", content=FIXTURES / "ok", **settings)
    assert again.returncode == 0
    assert times == {path: path.stat().st_mtime_ns for path in downloads.rglob("*.*")}
    forced = flask("lessons", "build", "--force", content=FIXTURES / "ok", **settings)
    assert forced.returncode == 0
    assert times != {path: path.stat().st_mtime_ns for path in downloads.rglob("*.*")}
