"""Provides ``madoguchi content``: check, publish, roll back, and the artefacts made from the content
(resident paths, translation catalogs, routing graphs)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from guidance.model import ContentSet
from madoguchi.commands.common import (
    Refused,
    database_refusals,
    load_checked_content,
    on_backend,
    prepare_environment,
)


@click.group()
def content() -> None:
    """Check, publish and roll back the guidance."""


@content.command("publish")
def content_publish() -> None:
    """Check the content, then publish it as a new immutable release for each municipality.

    A content set that fails the check is rejected whole: the live releases stay as they were.
    Unchanged content publishes nothing new.
    """
    # Not on_backend: every check runs and reports before Django is set up, and this publishes
    # all of the content, not only where a municipality has no release yet.
    prepare_environment(log_to_file=False)
    errors, _warnings, unusable = _check_all()
    if errors or unusable:
        click.echo("madoguchi: nothing published: the content has errors (see above)", err=True)
        sys.exit(2 if unusable else 1)
    loaded = load_checked_content()
    from backend import bootstrap

    with database_refusals():
        bootstrap.setup_django()
        bootstrap.migrate()
    from backend.guidance.services import content_import

    for release in content_import(content=loaded):
        click.echo(f"{release.municipality.code}: release {release.version} is current ({release.checksum[:12]})")
    for line in overrides_to_review_lines(loaded):
        click.echo(line, err=True)


def overrides_to_review_lines(loaded: ContentSet) -> list[str]:
    """A warning per municipality's own words whose template this content changed (as fuzzy
    translations are reported): the kiosk keeps them until staff review them in the workspace."""
    from backend.guidance.selectors import overrides_to_review
    from backend.municipalities.models import Municipality

    lines = []
    for municipality in Municipality.objects.filter(node_overrides__isnull=False).distinct().order_by("code"):
        for state in overrides_to_review(municipality=municipality, content=loaded):
            fields = ", ".join(change.field for change in state.changes)
            lines.append(f"warning: {municipality.code}: {state.flow_id}/{state.node_id} ({state.register}): the "
                         f"template's {fields} changed under the municipality's own words; the kiosk keeps them "
                         "until staff review them (workspace: 要確認)")
    return lines


@content.command("releases")
@click.option("--municipality", default=None, help="Only this municipality.")
@on_backend(migrate=False)
def content_releases(municipality: str | None) -> None:
    """List the published releases; * marks the current one."""
    from backend.guidance.models import ContentRelease

    releases = ContentRelease.objects.select_related("municipality").order_by("municipality__code", "version")
    if municipality:
        releases = releases.filter(municipality__code=municipality)
    for release in releases:
        mark = "*" if release.is_current else " "
        click.echo(f"{mark} {release.municipality.code} {release.version:>4} {release.checksum[:12]} "
                   f"{release.created_at:%Y-%m-%d %H:%M}")


@content.command("rollback")
@click.option("--municipality", required=True, help="Municipality code.")
@click.option("--version", "version", required=True, type=int, help="The release to make current again.")
@on_backend(migrate=False)
def content_rollback(municipality: str, version: int) -> None:
    """Make an earlier release current again (nothing is deleted; publish moves forward again)."""
    from backend.guidance.services import release_rollback
    from backend.municipalities.models import Municipality

    try:
        target = release_rollback(municipality=Municipality.objects.get(code=municipality), version=version)
    except Municipality.DoesNotExist:
        raise Refused(f"no municipality with code '{municipality}'") from None
    click.echo(f"{municipality}: release {target.version} is current again ({target.checksum[:12]})")


@content.command("paths")
@click.option("--check", "check_only", is_flag=True, help="Only compare; exit 1 if any artefact differs.")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
              help="The day to walk the flows on (default: the date in content/paths/AS_OF).")
@click.option("--municipality", default="demo", show_default=True, help="Whose values fill the text.")
def content_paths(check_only: bool, as_of: str | None, municipality: str) -> None:
    """Write every resident path through every flow to content/paths/ (screen text, speech, slip).

    Prints which resident paths changed. Review the diff, then commit it.
    """
    import datetime as dt

    from backend.config.env import content_dir
    from madoguchi import paths

    loaded = load_checked_content()
    folder = content_dir() / "paths"
    day_file = folder / "AS_OF"
    pinned_day = day_file.read_text().strip() if day_file.exists() else dt.date.today().isoformat()
    day = dt.date.fromisoformat(as_of or pinned_day)
    files = paths.render_all(loaded, municipality, day)
    difference = paths.compare(folder, files)
    for label, group in (("changed", difference.changed), ("new", difference.added), ("removed", difference.removed)):
        for path in group:
            click.echo(f"{label}: {path}")
    if check_only:
        if difference:
            click.echo("path artefacts are out of date: run `madoguchi content paths`, review, commit", err=True)
        sys.exit(1 if difference else 0)
    paths.write(folder, files, difference)
    day_file.parent.mkdir(parents=True, exist_ok=True)
    day_file.write_text(day.isoformat() + "\n")
    click.echo(f"{len(files)} artefact(s) for {len({p.parts[0] for p in files})} flow(s) as of {day.isoformat()}; "
               f"{'up to date' if not difference else 'updated'}")


@content.command("extract")
def content_extract() -> None:
    """Extract the guidance texts into locales/content.pot and merge them into every language's
    catalog (locales/LANG/LC_MESSAGES/content.po). Changed Japanese marks the translation fuzzy."""
    from backend.config.env import locales_dir
    from guidance import translations

    loaded = load_checked_content()
    for path in translations.update_catalogs(loaded, locales_dir()):
        click.echo(f"written: {path}")


@content.command("graph")
@click.argument("flow_id", metavar="FLOW")
@click.option("--svg", "svg", type=click.Path(path_type=Path), default=None,
              help="Also draw it to this SVG file (needs Graphviz's `dot`).")
@click.option("--register", type=click.Choice(["standard", "plain"]), default="standard", show_default=True)
def content_graph(flow_id: str, svg: Path | None, register: str) -> None:
    """Print FLOW's routing as Graphviz DOT (questions are diamonds, outcomes octagons)."""
    import shutil
    import subprocess

    from guidance.graph import to_dot

    loaded = load_checked_content()
    if flow_id not in loaded.flows:
        raise Refused(f"no flow '{flow_id}' (flows: {', '.join(sorted(loaded.flows))})")
    dot = to_dot(loaded.flows[flow_id], register)
    click.echo(dot, nl=False)
    if svg is not None:
        program = shutil.which("dot")
        if program is None:
            raise Refused("Graphviz is not installed (Debian: apt-get install graphviz); the DOT text is above")
        subprocess.run([program, "-Tsvg", "-o", str(svg)], input=dot, text=True, check=True)
        click.echo(f"drawn to {svg}", err=True)


@content.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def content_check(path: Path | None) -> None:
    """Check the content folder (default: content/) before publishing.

    Structure and routing (missing targets, unreachable nodes, dead ends, cycles, conditions),
    both registers, municipality values, sources and checked-on dates, and the plain-Japanese
    rules on the plain register. Problems are printed as file:line: message.
    Exit status: 0 clean (warnings allowed), 1 errors found, 2 a file could not be read at all.
    """
    if path is not None:
        os.environ["MADOGUCHI_CONTENT_DIR"] = str(path)
    errors, warnings, unusable = _check_all()
    if unusable:
        sys.exit(2)
    click.echo(f"{errors} error(s), {warnings} warning(s)")
    sys.exit(1 if errors else 0)


def _check_all() -> tuple[int, int, bool]:
    """Run every content check, print the problems; (errors, warnings, unusable)."""
    from accessibility.tokenizer import FugashiTokenizer
    from backend.config.env import content_dir, locales_dir
    from guidance import translations
    from guidance.loader import load_content
    from guidance.model import ContentError
    from guidance.quality import plain_register_problems

    root = content_dir()
    try:
        loaded = load_content(root)
        problems = plain_register_problems(root, loaded, FugashiTokenizer())
        problems += translations.problems(loaded, locales_dir(), translations.load(locales_dir()))
    except ContentError as error:
        problems = list(error.problems)
    for problem in problems:
        click.echo(f"madoguchi: {problem}", err=True)
    errors = sum(1 for p in problems if p.severity == "error")
    return errors, len(problems) - errors, any(p.unusable for p in problems)
