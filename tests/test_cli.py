"""`flask content check` prints every problem with file and line, even when the app cannot start."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from clicksafe import cli, create_app
from clicksafe.content import ContentError, audit, load_catalogue
from clicksafe.i18n import PATHS

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
    shutil.copytree(FIXTURES / "ok", root)
    guide = root / "guides" / "beta.fr.md"
    guide.write_text(guide.read_text().replace("topics: [scams, privacy]", "topics: [scams, hax]"))
    (root / "guides" / "beta.de.md").write_text("---\ntitle: x\n---\n")
    return root


def test_check_counts_what_it_checked():
    result = flask("content", "check", content=FIXTURES / "ok")
    assert result.returncode == 0, result.stderr
    assert "2 guides in nl, 2 guides in fr, 2 guides in en" in result.stdout
    assert "2 app guides, 2 glossary terms." in result.stdout


def test_check_warns_about_what_an_editor_should_look_at_without_failing(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "ok", root)
    (root / "images" / "unused.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    guide = root / "guides" / "beta.fr.md"
    guide.write_text(guide.read_text().replace("updated: 2026-11-21", "updated: 2026-01-02"))
    result = flask("content", "check", content=root)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning: ")]
    assert "warning: images/unused.svg: no guide, page, lesson or quiz shows it" in warnings
    assert any(
        w.startswith("warning: guides/beta.fr: updated 2026-01-02, older than") for w in warnings
    )
    assert any("reading ease" in w and "under the kids target of 80" in w for w in warnings)


def test_check_reports_every_problem_with_file_and_line(tmp_path):
    result = flask("content", "check", content=broken_tree(tmp_path))
    assert result.returncode == 1
    assert "guides/beta.fr.md:6: unknown topic 'hax'" in result.stderr
    assert "guides/beta.de.md:1: extra translation: 'de'" in result.stderr
    assert "problems in the content." in result.stderr
    assert "Traceback" not in result.stderr


def test_the_app_refuses_to_start_on_invalid_content(tmp_path):
    root = broken_tree(tmp_path)
    with pytest.raises(ContentError) as caught:
        create_app({"TESTING": True, "CONTENT_DIR": str(root)})
    report = str(caught.value)
    assert "beta.fr.md:6: unknown topic 'hax'" in report
    assert "beta.de.md:1: extra translation" in report


def test_stats_lists_reading_ease_per_text_and_per_audience():
    result = flask("content", "stats", content=FIXTURES / "ok")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("guides/alpha.") == 3
    assert re.search(r"^apps/chatterbox\.nl +parents +\d+ words  reading ease", result.stdout, re.M)
    assert re.search(r"^teens +fr +2 +[\d.]+ +[\d.]+  audiences/teens\.fr$", result.stdout, re.M)


@pytest.mark.parametrize("kind", ["guide", "app", "quiz", "lesson"])
def test_new_scaffolds_valid_files_in_every_language(tmp_path, kind):
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "ok", root)
    env = {"CLICKSAFE_CONTENT_DIR": str(root)}
    made = CliRunner().invoke(cli.content, ["new", kind, "teens-new"], env=env)
    assert made.exit_code == 0, made.output
    assert made.output.count("created ") >= 3
    catalogue = load_catalogue(root, PATHS, "https://report.example/")  # valid as it stands
    assert audit.leftovers(catalogue)  # and check points at every [write: ...] to fill in
    again = CliRunner().invoke(cli.content, ["new", kind, "teens-new"], env=env)
    assert again.exit_code != 0
    assert "already exists" in again.output


def test_new_refuses_an_id_that_is_not_a_slug(tmp_path):
    env = {"CLICKSAFE_CONTENT_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli.content, ["new", "guide", "Bad Id"], env=env)
    assert result.exit_code != 0
    assert "not a valid id" in result.output


def test_lessons_build_makes_every_teachers_file_once(tmp_path):
    downloads = tmp_path / "downloads"
    settings = {"CLICKSAFE_DOWNLOAD_DIR": str(downloads)}
    first = flask("lessons", "build", content=FIXTURES / "ok", **settings)
    assert first.returncode == 0, first.stderr
    # per language: plan PDF and Word, worksheet PDF and Word, answer key, letter for families,
    # pack; 4 quiz files
    assert "33 files" in first.stdout.splitlines()[-1]
    made = sorted(path.relative_to(downloads) for path in downloads.rglob("*.*"))
    assert len(made) == 33
    assert any(path.as_posix().endswith("nl/lessons/gamma/families.pdf") for path in made)
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
