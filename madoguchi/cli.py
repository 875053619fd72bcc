"""Provides the ``madoguchi`` command line.

    madoguchi                 the kiosk on this computer, with its own backend (SQLite)
    madoguchi serve           the backend alone, for a real deployment
    madoguchi kiosk --backend the kiosk against a remote backend
    madoguchi volunteer --backend  the volunteer console (help requests of one site)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from madoguchi import embedded
from madoguchi.datadir import DataDirError

if TYPE_CHECKING:
    from guidance.model import ContentSet

EXIT_USAGE = 2


class Refused(click.ClickException):
    """What cannot be done as asked, said in one line on stderr (``madoguchi: …``), exit status 2.
    Click shows it and exits; commands raise it instead of printing and calling sys.exit."""

    exit_code = EXIT_USAGE

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"madoguchi: {self.format_message()}", err=True, file=file)


def _prepare_environment(*, log_to_file: bool) -> Path:
    try:
        return embedded.prepare_environment(log_to_file=log_to_file)
    except DataDirError as error:
        raise Refused(str(error)) from None


def _load_checked_content() -> ContentSet:
    """The content set, or each problem as `file:line: message` and exit 2."""
    from guidance.model import ContentError

    try:
        return embedded.load_checked_content()
    except ContentError as error:
        for problem in error.problems:
            click.echo(f"madoguchi: {problem}", err=True)
        sys.exit(EXIT_USAGE)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--municipality", default="demo", show_default=True, envvar="MADOGUCHI_MUNICIPALITY",
              help="Municipality code whose guidance the embedded kiosk shows.")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD", envvar="MADOGUCHI_AS_OF",
              help="Preview the guidance as it will be on this day (routes can switch on a date).")
@click.pass_context
def main(ctx: click.Context, municipality: str, as_of: str | None) -> None:
    """Madoguchi (窓口): a help counter kiosk for My Number Card procedures and online consultations.

    With no command, runs the kiosk in this terminal on an embedded default: a SQLite database in
    the per-user data folder (MADOGUCHI_DATA_DIR), the demo municipality and the guidance in
    content/, and the backend started in this process on a free loopback port. The backend stops
    when the kiosk exits.
    """
    if as_of is not None:
        import datetime as dt

        try:
            dt.date.fromisoformat(as_of)
        except ValueError:
            raise Refused(f"--as-of must be a date like 2026-04-01, not '{as_of}'") from None
        os.environ["MADOGUCHI_AS_OF"] = as_of
    if ctx.invoked_subcommand is None:
        sys.exit(_run_embedded(municipality))


def _run_embedded(municipality: str) -> int:
    from guidance.model import ContentError

    try:
        kiosk = embedded.build(municipality)
    except DataDirError as error:
        raise Refused(str(error)) from None
    except ContentError as error:
        for problem in error.problems:
            click.echo(f"madoguchi: {problem}", err=True)
        return EXIT_USAGE
    except embedded.UnknownMunicipality as error:
        raise Refused(str(error)) from None
    kiosk.run()
    if kiosk.app.backend_error is not None:
        click.echo(f"madoguchi: the backend could not start: {kiosk.app.backend_error} "
                   f"(details in {kiosk.data_dir / 'madoguchi.log'})", err=True)
        return 1
    return kiosk.app.return_code or 0


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes sharing the port (Django serves one request at a time per process).")
def serve(host: str, port: int, workers: int) -> None:
    """Run the backend alone, for a real deployment (uvicorn, ASGI).

    DATABASE_URL selects the database (postgresql://user:password@host:5432/name); without it,
    SQLite in the data folder. Migrations are applied and the content in content/ (or
    MADOGUCHI_CONTENT_DIR) is imported on start. The API is at /api/, its OpenAPI document at
    /api/openapi.json and interactive docs at /api/docs. For other hosts than loopback, set
    MADOGUCHI_ALLOWED_HOSTS (comma-separated) and MADOGUCHI_SECRET_KEY. With --workers N, N processes
    serve side by side (best on PostgreSQL: SQLite takes one write at a time); Ctrl+C stops them all.
    """
    _prepare_environment(log_to_file=False)
    content = _load_checked_content()
    from backend.server import ServerError, bind, serve_forever

    try:
        sock = bind(host, port)
    except ServerError as error:
        raise Refused(str(error)) from None
    from backend import bootstrap

    bootstrap.prepare(content, publish=False)  # once, here, before any worker starts
    from django.db import connections

    connections.close_all()  # the server (or each worker) opens its own
    shown = f"[{host}]" if ":" in host else host
    processes = f" in {workers} processes" if workers > 1 else ""
    click.echo(f"madoguchi: serving the API at http://{shown}:{sock.getsockname()[1]}/api/{processes} "
               f"(docs at /api/docs); Ctrl+C stops", err=True)
    serve_forever(sock, workers=workers)


@main.command()
@click.option("--backend", "backend_url", required=True, metavar="URL",
              help="Base URL of the backend, e.g. http://192.0.2.10:8000")
@click.option("--api-key", envvar="MADOGUCHI_KIOSK_KEY", metavar="KEY",
              help="This kiosk's device key (or set MADOGUCHI_KIOSK_KEY). Create one with 'madoguchi devices add'.")
def kiosk(backend_url: str, api_key: str | None) -> None:
    """Run the kiosk against a remote backend, as a registered kiosk device."""
    if not api_key:
        raise Refused("a device key is needed: pass --api-key or set MADOGUCHI_KIOSK_KEY")
    data_dir = _prepare_environment(log_to_file=True)
    embedded.log_to_file(data_dir)
    from kiosk.app import make_app
    from kiosk.config import KioskSettings

    app = make_app(KioskSettings.from_env(backend_url, api_key, cache_dir=data_dir / "kiosk"))
    app.run()
    sys.exit(app.return_code or 0)


@main.command()
@click.option("--backend", "backend_url", required=True, metavar="URL",
              help="Base URL of the backend, e.g. http://192.0.2.10:8000")
@click.option("--export-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where `e` saves the activity CSV (default: your home folder).")
@click.option("--language", type=click.Choice(["ja", "en"]), default="ja", show_default=True,
              envvar="MADOGUCHI_CONSOLE_LANGUAGE", help="The console's interface language (Japanese or English).")
def volunteer(backend_url: str, export_dir: Path | None, language: str) -> None:
    """The volunteer console: sign in, see your site's help requests, accept, suggest, resolve."""
    embedded.log_to_file(_prepare_environment(log_to_file=True))
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per poll, twice a second
    from console.app import make_console_app

    app = make_console_app(backend_url, export_dir=export_dir, language=language)
    app.run()
    sys.exit(app.return_code or 0)


@main.group()
def devices() -> None:
    """Register kiosk devices with this backend's database."""


@devices.command("add")
@click.option("--municipality", required=True, help="Municipality code, e.g. demo.")
@click.option("--name", required=True, help="A name for the kiosk, unique in its municipality.")
@click.option("--site", default="", help="Where it stands, e.g. 中央図書館.")
@click.option("--replace", is_flag=True, help="Give an existing kiosk of that name a new key.")
def devices_add(municipality: str, name: str, site: str, replace: bool) -> None:
    """Register a kiosk and print its API key once (only a hash is stored)."""
    _prepare_environment(log_to_file=False)
    content = _load_checked_content()
    from backend import bootstrap
    from backend.core.errors import ApplicationError

    bootstrap.prepare(content, publish=False)
    from backend.municipalities.services import device_register

    try:
        _, key = device_register(municipality_code=municipality, name=name, site=site, replace=replace)
    except ApplicationError as error:
        raise Refused(error.message) from None
    click.echo(key)


@main.group()
def staff() -> None:
    """Staff accounts: sign in to /admin/ and the /api/staff/ endpoints of one municipality."""


@staff.command("add")
@click.option("--municipality", required=True, help="Municipality code, e.g. demo.")
@click.option("--username", required=True)
@click.option("--password", envvar="MADOGUCHI_STAFF_PASSWORD", prompt=True, hide_input=True,
              confirmation_prompt=True, help="Asked for when not given (or set MADOGUCHI_STAFF_PASSWORD).")
@click.option("--admin", is_flag=True, help="Also let the account use /admin/ (Django's is_staff).")
def staff_add(municipality: str, username: str, password: str, admin: bool) -> None:
    """Create a staff account that sees and changes only its municipality's bookings."""
    _prepare_environment(log_to_file=False)
    content = _load_checked_content()
    from backend import bootstrap

    bootstrap.prepare(content, publish=False)
    from backend.core.errors import ApplicationError
    from backend.municipalities.services import staff_register

    try:
        staff_register(municipality_code=municipality, username=username, password=password, admin=admin)
    except ApplicationError as error:
        raise Refused(error.message) from None
    click.echo(f"madoguchi: staff account '{username}' added to '{municipality}'", err=True)


@main.group()
def volunteers() -> None:
    """Volunteer accounts (デジタル推進委員) for the volunteer console."""


@volunteers.command("add")
@click.option("--municipality", required=True, help="Municipality code, e.g. demo.")
@click.option("--site", required=True, help="The kiosk site they serve: the same text as the kiosks' --site.")
@click.option("--username", required=True)
@click.option("--name", "display_name", required=True, help="What residents are told, e.g. 田中.")
@click.option("--password", envvar="MADOGUCHI_VOLUNTEER_PASSWORD", prompt=True, hide_input=True,
              confirmation_prompt=True, help="Asked for when not given (or set MADOGUCHI_VOLUNTEER_PASSWORD).")
def volunteers_add(municipality: str, site: str, username: str, display_name: str, password: str) -> None:
    """Create a volunteer account: it sees help requests of its own site and municipality only."""
    _prepare_environment(log_to_file=False)
    content = _load_checked_content()
    from backend import bootstrap

    bootstrap.prepare(content, publish=False)
    from backend.assistance.services import volunteer_register
    from backend.core.errors import ApplicationError

    try:
        volunteer_register(municipality_code=municipality, site=site, username=username, password=password,
                           display_name=display_name)
    except ApplicationError as error:
        raise Refused(error.message) from None
    click.echo(f"madoguchi: volunteer '{username}' added to '{municipality}' at '{site}'", err=True)


@main.group()
def content() -> None:
    """Check, publish and roll back the guidance."""


@content.command("publish")
def content_publish() -> None:
    """Check the content, then publish it as a new immutable release for each municipality.

    A content set that fails the check is rejected whole: the live releases stay as they were.
    Unchanged content publishes nothing new.
    """
    _prepare_environment(log_to_file=False)
    errors, _warnings, unusable = _check_all()
    if errors or unusable:
        click.echo("madoguchi: nothing published: the content has errors (see above)", err=True)
        sys.exit(2 if unusable else 1)
    loaded = _load_checked_content()
    from backend import bootstrap

    bootstrap.setup_django()
    from django.core.management import call_command

    from backend.guidance.services import content_import

    call_command("migrate", interactive=False, verbosity=0)
    for release in content_import(content=loaded):
        click.echo(f"{release.municipality.code}: release {release.version} is current ({release.checksum[:12]})")


@content.command("releases")
@click.option("--municipality", default=None, help="Only this municipality.")
def content_releases(municipality: str | None) -> None:
    """List the published releases; * marks the current one."""
    _prepare_environment(log_to_file=False)
    from backend import bootstrap

    bootstrap.setup_django()
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
def content_rollback(municipality: str, version: int) -> None:
    """Make an earlier release current again (nothing is deleted; publish moves forward again)."""
    _prepare_environment(log_to_file=False)
    from backend import bootstrap

    bootstrap.setup_django()
    from backend.core.errors import ApplicationError
    from backend.guidance.services import release_rollback
    from backend.municipalities.models import Municipality

    try:
        target = release_rollback(municipality=Municipality.objects.get(code=municipality), version=version)
    except Municipality.DoesNotExist:
        raise Refused(f"no municipality with code '{municipality}'") from None
    except ApplicationError as error:
        raise Refused(error.message) from None
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

    loaded = _load_checked_content()
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

    loaded = _load_checked_content()
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

    loaded = _load_checked_content()
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

@main.group()
def a11y() -> None:
    """Accessibility tools: furigana, plain-Japanese checks, read-aloud."""


def _reading_dictionary():  # type: ignore[no-untyped-def]
    from accessibility.readings import EMPTY_DICTIONARY, load_dictionary
    from backend.config.env import content_dir

    path = content_dir() / "readings.toml"
    return load_dictionary(path) if path.exists() else EMPTY_DICTIONARY


@a11y.command("furigana")
@click.argument("text")
@click.option("--style", type=click.Choice(["ruby", "inline"]), default="ruby", show_default=True,
              help="ruby: readings on a line above the text; inline: 漢字（かんじ）.")
@click.option("--above-grade", type=click.IntRange(1, 6), default=None,
              help="Only kanji taught after this school grade get a reading (default: every kanji).")
@click.option("--width", type=click.IntRange(10, 400), default=None, help="Wrap at this many terminal cells.")
def a11y_furigana(text: str, style: str, above_grade: int | None, width: int | None) -> None:
    """Show TEXT with furigana (readings from UniDic, number rules and content/readings.toml)."""
    from accessibility.furigana import annotate, inline, ruby_lines
    from accessibility.tokenizer import FugashiTokenizer

    segments = annotate(text, FugashiTokenizer(), _reading_dictionary(), above_grade=above_grade)
    if style == "inline":
        click.echo(inline(segments))
        return
    for ruby, base in ruby_lines(segments, width):
        click.echo(ruby)
        click.echo(base)


@a11y.command("check")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.option("--profile", type=click.Choice(["default", "strict", "relaxed"]), default="default",
              show_default=True, help="Thresholds: default is やさしい日本語 for kiosk text.")
@click.option("--kind", type=click.Choice(["prose", "heading", "item"]), default="prose", show_default=True,
              help="Headings and list items may end without です/ます.")
def a11y_check(source: IO[str], profile: str, kind: str) -> None:
    """Check Japanese text in SOURCE (a file, or - for standard input) against the plain-Japanese rules.

    Prints the jReadability score where the text is long enough for it to mean something, then
    each finding as line:column: severity [rule] message. Exit status: 0 no errors, 1 errors found.
    """
    from accessibility import plain_japanese, readability
    from accessibility.tokenizer import FugashiTokenizer

    text = source.read()
    tokenizer = FugashiTokenizer()
    chosen = {"default": plain_japanese.DEFAULT_PROFILE, "strict": plain_japanese.STRICT_PROFILE,
              "relaxed": plain_japanese.RELAXED_PROFILE}[profile]
    assessment = readability.assess(text, tokenizer)
    if assessment.readability is None:
        reason = "empty text" if assessment.reason == "empty" else (
            f"{assessment.chars} characters; needs {assessment.min_chars} for a meaningful score")
        click.echo(f"jReadability: not scored ({reason})")
    else:
        r = assessment.readability
        band = f"{r.band.name} / {r.band.name_en}" if r.band else "outside the scale"
        click.echo(f"jReadability: {r.score:.2f} ({band}); target ≥ {readability.TARGET_SCORE}")
    findings = plain_japanese.check(text, tokenizer, chosen, kind=kind)  # type: ignore[arg-type]
    for finding in findings:
        line = text.count("\n", 0, finding.start) + 1
        column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
        excerpt = text[finding.start:finding.end]
        hint = f" → {finding.suggestion}" if finding.suggestion and finding.suggestion not in finding.message_en else ""
        click.echo(f"{line}:{column}: {finding.severity} [{finding.rule}] 「{excerpt}」 "
                   f"{finding.message_ja} / {finding.message_en}{hint}")
    errors = sum(1 for f in findings if f.severity == "error")
    click.echo(f"{errors} error(s), {len(findings) - errors} warning(s)")
    sys.exit(1 if errors else 0)


@a11y.command("speak")
@click.argument("text")
@click.option("--lang", default="ja", show_default=True, help="Language of TEXT (ja, en, …).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write a WAV file instead of playing it (needs no sound card).")
@click.option("--rate", type=click.FloatRange(0.5, 2.0), default=1.0, show_default=True, help="Speech rate.")
def a11y_speak(text: str, lang: str, out: Path | None, rate: float) -> None:
    """Read TEXT aloud with the kiosk's voices (Open JTalk for Japanese, espeak-ng for others).

    Without --out it plays on MADOGUCHI_AUDIO_DEVICE (an ALSA device; default "default").
    """
    from accessibility.errors import AccessibilityError
    from accessibility.speech import Phrase, ScriptFinished, SpeechFailed, open_speaker, synthesize_to_wav

    try:
        readings = _reading_dictionary()
        if out is not None:
            audio = synthesize_to_wav(text, lang, out, rate, readings=readings)
            click.echo(f"wrote {out}: {audio.duration_s:.2f} s at {audio.sample_rate} Hz")
            return
        speaker = open_speaker((lang,), rate=rate, readings=readings)
        try:
            speaker.speak([Phrase(text, lang)])
            while True:
                event = speaker.next_event(60)
                if isinstance(event, SpeechFailed):
                    raise event.error
                if event is None or isinstance(event, ScriptFinished):
                    break
        finally:
            speaker.close()
    except AccessibilityError as error:
        raise Refused(f"cannot speak: {error}") from None
