"""`flask content check|stats|new` for content editors; `flask search eval` for search quality;
`flask lessons build` and `flask attempts flush|purge` for operators.

Registered as Flask command plugins (pyproject.toml), not on the app: the check must run when the
content is so broken that the app refuses to start.
"""

from __future__ import annotations

import time
from collections import Counter

import click
from flask import current_app
from flask.cli import with_appcontext

from . import classroom
from .config import content_dir, report_url
from .content import ContentError, audit, load_catalogue, scaffold
from .i18n import LANGUAGES, PATHS
from .search import evaluation


@click.group("content")
def content() -> None:
    """Check and describe the content in content/."""


@content.command("check")
def check() -> None:
    """Print every problem in the content with its file and line; exit 1 if there is any.

    Then warnings that do not stop the site: reading ease under target, stale translations,
    unused images, guides nothing links to, placeholder text. Works without starting the app,
    so it also runs when the content is so broken that the app refuses to start.
    """
    root = content_dir()
    try:
        catalogue = load_catalogue(root, PATHS, report_url())
    except ContentError as error:
        click.echo(str(error), err=True)
        raise SystemExit(1) from None
    counts = Counter(lang for lang, _ in catalogue.guides)
    per_language = len(LANGUAGES)
    click.echo(
        f"Content in {root} is valid: "
        + ", ".join(f"{counts[lang]} guides in {lang}" for lang in LANGUAGES)
        + f", {len(catalogue.topics) // per_language} topics, "
        f"{len(catalogue.pages) // per_language} pages, "
        f"{len(catalogue.quizzes) // per_language} quizzes, "
        f"{len(catalogue.lessons) // per_language} lessons, "
        f"{len(catalogue.apps) // per_language} app guides, "
        f"{min((len(g.terms) for g in catalogue.glossaries.values()), default=0)} glossary terms."
    )
    for warning in audit.warnings(catalogue, PATHS.media_url):
        click.echo(f"warning: {warning}")


@content.command("stats")
def stats() -> None:
    """Words and reading ease of every text, then per audience and language.

    Reading ease aims: 80 or more for kids, 60 or more for everyone else (shared/FACTS.md).
    """
    catalogue = load_catalogue(content_dir(), PATHS, report_url())
    readings = audit.readings(catalogue)
    for reading in readings:
        flag = "  under target" if reading.below_target else ""
        click.echo(
            f"{reading.path:58} {reading.audience:9} {reading.words:5} words  "
            f"reading ease {reading.ease:5.1f}{flag}"
        )
    click.echo("")
    for line in audit.summary(audit.by_audience(readings)):
        click.echo(line)


@content.command("new")
@click.argument("kind", type=click.Choice(scaffold.KINDS))
@click.argument("item_id")
def new(kind: str, item_id: str) -> None:
    """Write the files of a new guide, app guide, quiz or lesson, in every language.

    The front matter is valid, so `flask content check` passes and warns about every
    `[write: ...]` left to fill in."""
    try:
        paths = scaffold.create(content_dir(), kind, item_id, LANGUAGES)
    except (ValueError, FileExistsError) as error:
        raise click.ClickException(str(error)) from None
    for path in paths:
        click.echo(f"created {path}")


@click.group("search")
def search() -> None:
    """Site search."""


@search.command("eval")
@click.option(
    "--queries",
    "name",
    default="search-queries.yaml",
    help="A test set in the content folder (search-queries-holdout.yaml: one never tuned on).",
)
@with_appcontext
def search_eval(name: str) -> None:
    """Recall@3 per language over a test set of queries, and every query that missed."""
    cases = evaluation.read_cases(content_dir() / name)
    outcomes = evaluation.evaluate(current_app.extensions["clicksafe.search"], cases)
    for outcome in outcomes:
        if not outcome.hit:
            click.echo(
                f"miss  {outcome.case.lang}  {outcome.case.query!r}: expected one of "
                f"{', '.join(outcome.case.expected)}; top 3: {', '.join(outcome.found) or '-'}"
            )
    for lang, (hits, count) in sorted(evaluation.recall(outcomes).items()):
        click.echo(f"recall@3 {lang}: {hits}/{count} = {hits / count:.1%}")


@click.group("classroom")
def classroom_group() -> None:
    """Class sessions."""


@classroom_group.command("purge")
@with_appcontext
def classroom_purge() -> None:
    """Delete expired class sessions with their answers (the app also does it as it goes)."""
    count = classroom.purge_expired()
    click.echo(f"Deleted {count} expired class session{'s' if count != 1 else ''}.")


@click.group("lessons")
def lessons() -> None:
    """Teachers' files: lesson plans, worksheets, packs and quiz exports."""


@lessons.command("build")
@click.option("--force", is_flag=True, help="Build again even where a file is already there.")
@with_appcontext
def build(force: bool) -> None:
    """Build every teachers' file in every language into the download cache, and time it.

    The site builds a missing file on its first request; running this after a deploy means no
    teacher waits for that.
    """
    from .web.documents import all_downloads, file_cache

    cache = file_cache()
    count = size = 0
    started = time.perf_counter()
    for lang in LANGUAGES:
        # A fresh app context per language: the locale is remembered on the app context.
        with current_app.app_context(), current_app.test_request_context(PATHS.home_url(lang)):
            for download in all_downloads(lang):
                path = cache.path(download)
                if force:
                    path.unlink(missing_ok=True)
                began = time.perf_counter()
                built = cache.get(download)
                count += 1
                size += built.size
                click.echo(
                    f"{download.key:<60} {built.size / 1024:7.1f} KB"
                    f" {time.perf_counter() - began:6.2f} s"
                )
    click.echo(
        f"{count} files, {size / 1024 / 1024:.1f} MB in {cache.folder}, "
        f"{time.perf_counter() - started:.1f} s"
    )


@click.group("attempts")
def attempts() -> None:
    """Anonymous quiz attempts: the spool kept while the database was away, and retention."""


@attempts.command("flush")
@with_appcontext
def flush() -> None:
    """Store the attempts that waited in the spool while the database was unavailable."""
    from .operations import flush_spool

    stored = flush_spool(current_app.extensions["clicksafe.spool"])
    click.echo(f"{stored} waiting attempts stored" if stored else "no attempts waiting")


@attempts.command("purge")
@with_appcontext
def purge() -> None:
    """Delete attempts older than CLICKSAFE_ATTEMPT_RETENTION_DAYS (run it daily, e.g. by cron)."""
    from .operations import purge_attempts

    days = int(current_app.config["ATTEMPT_RETENTION_DAYS"])
    click.echo(f"{purge_attempts(days)} attempts older than {days} days deleted")
