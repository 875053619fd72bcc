"""Provides the ``madoguchi`` command line.

    madoguchi                 the kiosk on this computer, with its own backend (SQLite)
    madoguchi serve           the backend alone, for a real deployment
    madoguchi kiosk --backend the kiosk against a remote backend
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from madoguchi.datadir import DataDirError, ensure_writable, resolve

EXIT_USAGE = 2


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"madoguchi: {message}", err=True)
    sys.exit(code)


def _prepare_environment(*, log_to_file: bool) -> Path:
    """Check the data folder and point the backend's settings at it, before Django loads."""
    try:
        data_dir = ensure_writable(resolve())
    except DataDirError as error:
        _fail(str(error))
    os.environ["MADOGUCHI_DATA_DIR"] = str(data_dir)
    if log_to_file:
        os.environ.setdefault("MADOGUCHI_LOG_FILE", str(data_dir / "madoguchi.log"))
    return data_dir


def _load_checked_content():  # type: ignore[no-untyped-def]
    """The content set, or a `file:line: message` error and exit 2 — before any database write."""
    from backend.config.env import content_dir
    from backend.guidance.content import ContentError, load_content

    try:
        return load_content(content_dir())
    except ContentError as error:
        for problem in error.problems:
            click.echo(f"madoguchi: {problem}", err=True)
        sys.exit(EXIT_USAGE)


def _configure_kiosk_logging(data_dir: Path) -> None:
    """The terminal belongs to the kiosk: log to a file, never to the screen."""
    import logging

    handler = logging.FileHandler(data_dir / "madoguchi.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--municipality", default="demo", show_default=True, envvar="MADOGUCHI_MUNICIPALITY",
              help="Municipality code whose guidance the embedded kiosk shows.")
@click.pass_context
def main(ctx: click.Context, municipality: str) -> None:
    """Madoguchi (窓口): a help counter kiosk for My Number Card procedures and online consultations.

    With no command, runs the kiosk in this terminal on an embedded default: a SQLite database in
    the per-user data folder (MADOGUCHI_DATA_DIR), the demo municipality and the guidance in
    content/, and the backend started in this process on a free loopback port. The backend stops
    when the kiosk exits.
    """
    if ctx.invoked_subcommand is None:
        sys.exit(_run_embedded(municipality))


def _run_embedded(municipality: str) -> int:
    data_dir = _prepare_environment(log_to_file=True)
    content = _load_checked_content()
    if municipality not in content.municipalities:
        _fail(f"no municipality '{municipality}' in the content (have: {', '.join(sorted(content.municipalities))})")
    _configure_kiosk_logging(data_dir)

    from backend.server import BackgroundServer, bind

    server = BackgroundServer(bind("127.0.0.1", 0))

    def start_backend() -> str:
        from backend import bootstrap

        try:
            bootstrap.prepare(content)
            key = bootstrap.embedded_device_key(municipality)
            server.start()
        except BaseException:
            server.stop()  # close the socket: the kiosk sees "unavailable" at once, not a hang
            raise
        return key

    from kiosk.app import make_app
    from kiosk.config import KioskSettings

    app = make_app(KioskSettings.from_env(server.url), backend_starter=start_backend)
    try:
        app.run()
    finally:
        server.stop()
    if app.backend_error is not None:
        click.echo(f"madoguchi: the backend could not start: {app.backend_error} "
                   f"(details in {data_dir / 'madoguchi.log'})", err=True)
        return 1
    return app.return_code or 0


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
def serve(host: str, port: int) -> None:
    """Run the backend alone, for a real deployment (uvicorn, ASGI).

    DATABASE_URL selects the database (postgresql://user:password@host:5432/name); without it,
    SQLite in the data folder. Migrations are applied and the content in content/ (or
    MADOGUCHI_CONTENT_DIR) is imported on start. The API is at /api/, its OpenAPI document at
    /api/openapi.json and interactive docs at /api/docs. For other hosts than loopback, set
    MADOGUCHI_ALLOWED_HOSTS (comma-separated) and MADOGUCHI_SECRET_KEY.
    """
    _prepare_environment(log_to_file=False)
    content = _load_checked_content()
    from backend.server import ServerError, bind, serve_forever

    try:
        sock = bind(host, port)
    except ServerError as error:
        _fail(str(error))
    from backend import bootstrap

    bootstrap.prepare(content)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"madoguchi: serving the API at http://{shown}:{sock.getsockname()[1]}/api/ "
               f"(docs at /api/docs); Ctrl+C stops", err=True)
    serve_forever(sock)


@main.command()
@click.option("--backend", "backend_url", required=True, metavar="URL",
              help="Base URL of the backend, e.g. http://192.0.2.10:8000")
@click.option("--api-key", envvar="MADOGUCHI_KIOSK_KEY", metavar="KEY",
              help="This kiosk's device key (or set MADOGUCHI_KIOSK_KEY). Create one with 'madoguchi devices add'.")
def kiosk(backend_url: str, api_key: str | None) -> None:
    """Run the kiosk against a remote backend, as a registered kiosk device."""
    if not api_key:
        _fail("a device key is needed: pass --api-key or set MADOGUCHI_KIOSK_KEY")
    data_dir = _prepare_environment(log_to_file=True)
    _configure_kiosk_logging(data_dir)
    from kiosk.app import make_app
    from kiosk.config import KioskSettings

    app = make_app(KioskSettings.from_env(backend_url, api_key))
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

    bootstrap.prepare(content)
    from backend.municipalities.services import device_register

    try:
        _, key = device_register(municipality_code=municipality, name=name, site=site, replace=replace)
    except ApplicationError as error:
        _fail(error.message)
    click.echo(key)


@main.group()
def content() -> None:
    """Check the guidance files."""


@content.command("check")
@click.argument("path", required=False, type=click.Path(path_type=Path))
def content_check(path: Path | None) -> None:
    """Check the content folder (default: content/); print problems as file:line: message."""
    if path is not None:
        os.environ["MADOGUCHI_CONTENT_DIR"] = str(path)
    loaded = _load_checked_content()
    click.echo(f"content OK: {len(loaded.flows)} flow(s), {len(loaded.topics)} topic(s), "
               f"{len(loaded.municipalities)} municipality file(s)")
