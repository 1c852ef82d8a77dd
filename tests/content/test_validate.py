"""Each broken content tree is the good tree plus the files of one case; every problem names its
file and line, and all problems are reported together."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from clicksafe.content import ContentError, load_catalogue
from clicksafe.i18n import PATHS

FIXTURES = Path(__file__).parent.parent / "fixtures" / "content"
CASES = sorted(path.name for path in (FIXTURES / "broken").iterdir())
REPORT_URL = "https://report.example/"


def tree_with(case: str | None, tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURES / "ok", root)
    if case:
        shutil.copytree(FIXTURES / "broken" / case, root, dirs_exist_ok=True)
        (root / "expected.txt").unlink()
    return root


def problems_of(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_catalogue(root, PATHS, REPORT_URL)
    return [f"{p.path.relative_to(root)}:{p.line}: {p.message}" for p in caught.value.problems]


def test_the_good_tree_loads(tmp_path):
    catalogue = load_catalogue(tree_with(None, tmp_path), PATHS, REPORT_URL)
    alpha = catalogue.guides[("fr", "alpha")]
    assert alpha.url == "/fr/jeunes/ta-vie-privee"
    assert 'href="/fr/enfants/beta-fr"' in alpha.html
    assert 'href="/fr/themes/arnaques"' in alpha.html
    assert 'href="/fr/aide#start"' in alpha.html
    assert f'href="{REPORT_URL}"' in alpha.html
    assert 'src="/media/shield.svg"' in alpha.html
    assert catalogue.guides[("nl", "beta")].html.count('href="/nl/kinderen/"') == 1


@pytest.mark.parametrize("case", CASES)
def test_each_broken_case_names_file_and_line(case, tmp_path):
    expected = (FIXTURES / "broken" / case / "expected.txt").read_text().splitlines()
    reported = problems_of(tree_with(case, tmp_path))
    for line in expected:
        assert any(problem.startswith(line) for problem in reported), (line, reported)


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    root = tree_with("unknown-topic", tmp_path)
    for case in ("broken-link", "bad-date", "extra-translation"):
        shutil.copytree(FIXTURES / "broken" / case, root, dirs_exist_ok=True)
    reported = problems_of(root)
    for prefix in (
        "guides/beta.nl.md:6: unknown topic",
        "guides/beta.de.md:1: extra translation",
        "guides/beta.en.md:7: 'updated' must be a date",
    ):
        assert any(problem.startswith(prefix) for problem in reported), (prefix, reported)


def test_broken_links_are_found_once_the_front_matter_is_fine(tmp_path):
    assert problems_of(tree_with("broken-link", tmp_path)) == [
        "guides/alpha.en.md:12: broken link: 'guide:does-not-exist'"
    ]


def test_the_content_domain_never_imports_flask():
    package = Path(__file__).parents[2] / "clicksafe" / "content"
    for source in package.glob("*.py"):
        tree = ast.parse(source.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] in {"flask", "flask_babel"} for name in names), source
