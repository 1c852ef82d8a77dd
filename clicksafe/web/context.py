"""What views and templates share: the catalogue of the running app and the page's translations."""

from __future__ import annotations

from collections.abc import Mapping

from flask import current_app

from ..content import Catalogue
from ..i18n import LANGUAGES, PATHS


def catalogue() -> Catalogue:
    return current_app.extensions["clicksafe.catalogue"]


def alternates(urls: Mapping[str, str]) -> dict[str, str]:
    """The page in every language: its translation where there is one, else that language's home."""
    return {lang: urls.get(lang) or PATHS.home_url(lang) for lang in LANGUAGES}


def alternates_of(items: Mapping[str, object]) -> dict[str, str]:
    """Alternates of a content item from its translations ({lang: item with .url})."""
    return alternates({lang: item.url for lang, item in items.items()})
