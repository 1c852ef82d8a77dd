"""How well search finds what people look for: recall@3 over a test set of real-world queries
(`content/search-queries.yaml`: per language, a query and the pages that answer it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from .index import SearchIndex

TOP = 3


@dataclass(frozen=True)
class Case:
    lang: str
    query: str
    expected: tuple[str, ...]  # 'guide:kids-passwords', ...: any one in the top 3 is a hit


@dataclass(frozen=True)
class Outcome:
    case: Case
    found: tuple[str, ...]  # the top 3, as 'kind:id'

    @property
    def hit(self) -> bool:
        return bool(set(self.found) & set(self.case.expected))


def read_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [
        Case(lang, str(item["q"]), tuple(item["expect"]))
        for lang, items in data.items()
        for item in items
    ]


def evaluate(index: SearchIndex, cases: Sequence[Case]) -> list[Outcome]:
    return [
        Outcome(
            case, tuple(hit.document.key for hit in index.search(case.lang, case.query).hits[:TOP])
        )
        for case in cases
    ]


def recall(outcomes: Sequence[Outcome]) -> Mapping[str, tuple[int, int]]:
    """Per language: (queries answered in the top 3, queries)."""
    totals: dict[str, tuple[int, int]] = {}
    for outcome in outcomes:
        hits, count = totals.get(outcome.case.lang, (0, 0))
        totals[outcome.case.lang] = (hits + outcome.hit, count + 1)
    return totals
