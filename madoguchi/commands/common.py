"""Provides what every command shares: the one-line refusal and the backend set-up on the data folder.

The set-up lives here once so that every command checks the data folder, the content and the
database in the same order, and refuses the same way, before anything is written.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ParamSpec

import click

from madoguchi import embedded
from madoguchi.datadir import DataDirError

if TYPE_CHECKING:
    from guidance.model import ContentSet

EXIT_USAGE = 2

P = ParamSpec("P")


class Refused(click.ClickException):
    """What cannot be done as asked, said in one line on stderr (``madoguchi: …``), exit status 2.
    Click shows it and exits; commands raise it instead of printing and calling sys.exit."""

    exit_code = EXIT_USAGE

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"madoguchi: {self.format_message()}", err=True, file=file)


class Unavailable(Refused):
    """The database cannot be used as it is (damaged, unreachable, not writable): one line, exit
    status 1, since nothing on the command line would change it."""

    exit_code = 1


@contextlib.contextmanager
def database_refusals() -> Iterator[None]:
    """Start-up's database check (backend/core/database.py) refused as ``Unavailable``."""
    from backend.core.database import DatabaseUnusable

    try:
        yield
    except DatabaseUnusable as error:
        raise Unavailable(str(error)) from None


def prepare_environment(*, log_to_file: bool) -> Path:
    """The data folder, checked and given to the backend's settings; refused when it is unusable."""
    try:
        return embedded.prepare_environment(log_to_file=log_to_file)
    except DataDirError as error:
        raise Refused(str(error)) from None


def load_checked_content() -> ContentSet:
    """The content set, or each problem as `file:line: message` and exit 2."""
    from guidance.model import ContentError

    try:
        return embedded.load_checked_content()
    except ContentError as error:
        for problem in error.problems:
            click.echo(f"madoguchi: {problem}", err=True)
        sys.exit(EXIT_USAGE)


def on_backend(*, migrate: bool) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """Run the command on the backend's database, after the data folder is checked.

    With ``migrate`` the content is checked, migrations are applied and municipalities without a
    release get one (as ``serve`` does on start); without it Django is only set up, on the
    database as it is. An ApplicationError from the command is refused in one line.
    """

    def decorate(command: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(command)
        def on_prepared_backend(*args: P.args, **kwargs: P.kwargs) -> None:
            prepare_environment(log_to_file=False)
            content = load_checked_content() if migrate else None
            from backend import bootstrap

            with database_refusals():
                if content is not None:
                    bootstrap.prepare(content, publish=False)
                else:
                    bootstrap.setup_django()
            from backend.core.errors import ApplicationError

            try:
                command(*args, **kwargs)
            except ApplicationError as error:
                raise Refused(error.message) from None

        return on_prepared_backend

    return decorate
