"""Search finds what people look for: recall@3 over at least 40 real-world queries per language
(content/search-queries.yaml), the same figures `flask search eval` prints."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo

from clicksafe import cli
from clicksafe.i18n import LANGUAGES
from clicksafe.search.evaluation import evaluate, read_cases, recall

QUERIES = Path(__file__).parents[2] / "content" / "search-queries.yaml"
TARGET = 0.9


@pytest.fixture(scope="module")
def outcomes(app):
    return evaluate(app.extensions["clicksafe.search"], read_cases(QUERIES))


def test_every_expected_page_exists(app):
    site = app.extensions["clicksafe.search"]
    known = {doc.key for docs in site.documents.values() for doc in docs}
    for case in read_cases(QUERIES):
        for target in case.expected:
            assert target in known, (case.lang, case.query, target)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_recall_at_3_is_at_least_90_percent(outcomes, lang):
    hits, count = recall(outcomes)[lang]
    assert count >= 40
    misses = [o.case.query for o in outcomes if o.case.lang == lang and not o.hit]
    assert hits / count >= TARGET, (f"{hits}/{count}", misses)


def test_flask_search_eval_prints_recall_and_misses(app):
    info = ScriptInfo(create_app=lambda: app)
    result = CliRunner().invoke(cli.search, ["eval"], obj=info)
    assert result.exit_code == 0, result.output
    for lang in LANGUAGES:
        assert f"recall@3 {lang}: " in result.output
