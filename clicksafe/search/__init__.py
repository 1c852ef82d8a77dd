"""Site search: plain Python, no Flask. `SearchIndex(searchable(catalogue), synonyms, languages)`
is built at start-up from the catalogue; `index.search(lang, query)` answers in about a
millisecond."""

from .index import MAX_QUERY_CHARS, Document, Hit, Results, SearchIndex
from .sources import searchable

__all__ = ["MAX_QUERY_CHARS", "Document", "Hit", "Results", "SearchIndex", "searchable"]
