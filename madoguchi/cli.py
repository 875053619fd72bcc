"""Provides the ``madoguchi`` command line.

    madoguchi                 the kiosk on this computer, with its own backend (SQLite)
    madoguchi serve           the backend alone, for a real deployment
    madoguchi kiosk --backend the kiosk against a remote backend
    madoguchi volunteer --backend  the volunteer console (help requests of one site)

The group and the embedded default are here; the subcommands are in madoguchi.commands.
"""

from __future__ import annotations

import os
import sys

import click

from madoguchi import embedded
from madoguchi.commands import accounts, programs
from madoguchi.commands.a11y import a11y
from madoguchi.commands.common import EXIT_USAGE, Refused
from madoguchi.commands.content import content
from madoguchi.datadir import DataDirError


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


main.add_command(programs.serve)
main.add_command(programs.kiosk)
main.add_command(programs.volunteer)
main.add_command(accounts.devices)
main.add_command(accounts.staff)
main.add_command(accounts.volunteers)
main.add_command(content)
main.add_command(a11y)
