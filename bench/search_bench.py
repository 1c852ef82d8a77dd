"""Search in `make bench`: the results page under gunicorn beside the bare route, on the shipped
content and on 20x content, and the engine itself (no caches) per query.

Imported by bench/run.py; run from the checkout with the app's virtualenv.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEARCH = "/nl/zoeken?q=mijn+kind+wordt+gepest"
SEARCH_SHARE = 0.3  # the target: >= 0.3x the bare route, p99 < 50 ms at 32 connections


def engine_times(content: Path) -> tuple[float, float, float, int]:
    """(index build seconds, queries per second, p99 ms, queries) of the engine on `content`,
    every query of content/search-queries.yaml searched without the result cache."""
    from clicksafe.content import load_catalogue
    from clicksafe.i18n import LANGUAGES, PATHS
    from clicksafe.search import SearchIndex, searchable
    from clicksafe.search.evaluation import read_cases

    catalogue = load_catalogue(content, PATHS, "https://report.example/")
    started = time.perf_counter()
    index = SearchIndex(list(searchable(catalogue)), catalogue.synonyms, LANGUAGES)
    built = time.perf_counter() - started
    cases = read_cases(ROOT / "content" / "search-queries.yaml")
    for case in cases:  # first pass: snippets' sentences are stemmed once per page found
        index._search(case.lang, case.query)
    times = []
    for case in cases:
        started = time.perf_counter()
        index._search(case.lang, case.query)
        times.append(time.perf_counter() - started)
    p99 = statistics.quantiles(times, n=100)[98] * 1000
    return built, len(times) / sum(times), p99, len(times)


if __name__ == "__main__":
    built, rate, p99, count = engine_times(Path(sys.argv[1]))
    print(f"{built} {rate} {p99} {count}")
