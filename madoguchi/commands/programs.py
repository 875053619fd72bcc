"""Provides the commands that run a program until it is stopped: the backend alone, the kiosk and the
volunteer console against a remote backend (the embedded default is ``madoguchi`` itself, in cli)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from madoguchi import embedded
from madoguchi.commands.common import Refused, database_refusals, load_checked_content, prepare_environment


@click.command()
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
    # Not on_backend: the port is taken before the database is touched, so a port in use refuses
    # without writing anything.
    prepare_environment(log_to_file=False)
    content = load_checked_content()
    from backend.server import ServerError, bind, serve_forever

    try:
        sock = bind(host, port)
    except ServerError as error:
        raise Refused(str(error)) from None
    from backend import bootstrap

    with database_refusals():
        bootstrap.prepare(content, publish=False)  # once, here, before any worker starts
    from django.db import connections

    connections.close_all()  # the server (or each worker) opens its own
    shown = f"[{host}]" if ":" in host else host
    processes = f" in {workers} processes" if workers > 1 else ""
    click.echo(f"madoguchi: serving the API at http://{shown}:{sock.getsockname()[1]}/api/{processes} "
               f"(docs at /api/docs); Ctrl+C stops", err=True)
    serve_forever(sock, workers=workers)


@click.command()
@click.option("--backend", "backend_url", required=True, metavar="URL",
              help="Base URL of the backend, e.g. http://192.0.2.10:8000")
@click.option("--api-key", envvar="MADOGUCHI_KIOSK_KEY", metavar="KEY",
              help="This kiosk's device key (or set MADOGUCHI_KIOSK_KEY). Create one with 'madoguchi devices add'.")
def kiosk(backend_url: str, api_key: str | None) -> None:
    """Run the kiosk against a remote backend, as a registered kiosk device."""
    if not api_key:
        raise Refused("a device key is needed: pass --api-key or set MADOGUCHI_KIOSK_KEY")
    data_dir = prepare_environment(log_to_file=True)
    embedded.log_to_file(data_dir)
    from kiosk.app import make_app
    from kiosk.config import KioskSettings

    app = make_app(KioskSettings.from_env(backend_url, api_key, cache_dir=data_dir / "kiosk"))
    app.run()
    sys.exit(app.return_code or 0)


@click.command()
@click.option("--backend", "backend_url", required=True, metavar="URL",
              help="Base URL of the backend, e.g. http://192.0.2.10:8000")
@click.option("--export-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where `e` saves the activity CSV (default: your home folder).")
@click.option("--language", type=click.Choice(["ja", "en"]), default="ja", show_default=True,
              envvar="MADOGUCHI_CONSOLE_LANGUAGE", help="The console's interface language (Japanese or English).")
def volunteer(backend_url: str, export_dir: Path | None, language: str) -> None:
    """The volunteer console: sign in, see your site's help requests, accept, suggest, resolve."""
    embedded.log_to_file(prepare_environment(log_to_file=True))
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per poll, twice a second
    from console.app import make_console_app

    app = make_console_app(backend_url, export_dir=export_dir, language=language)
    app.run()
    sys.exit(app.return_code or 0)
