"""HTML to an A4 PDF with WeasyPrint, which may only load the resources it is handed."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

# url -> (bytes, media type): the only things a document may load
Resources = Mapping[str, tuple[bytes, str]]


@cache
def _only_these():
    """WeasyPrint takes half a second to import: only a process that makes a PDF pays for it."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class OnlyThese(URLFetcher):
        """Fetches from the given resources and nothing else, so making a PDF never opens a file
        or a connection that the app did not choose."""

        def __init__(self, resources: Resources) -> None:
            super().__init__(allowed_protocols=())
            self.resources = resources

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            found = self.resources.get(url)
            if found is None:
                raise ValueError(f"not a document resource: {url}")
            data, media_type = found
            return URLFetcherResponse(url, data, {"Content-Type": media_type})

    return OnlyThese


def html_to_pdf(html: str, *, base_url: str, stylesheets: list[str], resources: Resources) -> bytes:
    """`base_url` makes the document's links absolute, so they work from a printed page's PDF."""
    from weasyprint import CSS, HTML

    fetcher = _only_these()(resources)
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    css = [CSS(string=sheet, url_fetcher=fetcher) for sheet in stylesheets]
    return document.write_pdf(stylesheets=css)
