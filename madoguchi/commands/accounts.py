"""Provides the commands that register kiosk devices, staff and volunteers in the backend's database.

Each runs on a migrated database (``on_backend``), so it works on a fresh data folder too.
"""

from __future__ import annotations

import click

from madoguchi.commands.common import on_backend


@click.group()
def devices() -> None:
    """Register kiosk devices with this backend's database."""


@devices.command("add")
@click.option("--municipality", required=True, help="Municipality code, e.g. demo.")
@click.option("--name", required=True, help="A name for the kiosk, unique in its municipality.")
@click.option("--site", default="", help="Where it stands, e.g. 中央図書館.")
@click.option("--replace", is_flag=True, help="Give an existing kiosk of that name a new key.")
@on_backend(migrate=True)
def devices_add(municipality: str, name: str, site: str, replace: bool) -> None:
    """Register a kiosk and print its API key once (only a hash is stored)."""
    from backend.municipalities.services import device_register

    _, key = device_register(municipality_code=municipality, name=name, site=site, replace=replace)
    click.echo(key)


@click.group()
def staff() -> None:
    """Staff accounts: sign in to /admin/ and the /api/staff/ endpoints of one municipality."""


@staff.command("add")
@click.option("--municipality", required=True, help="Municipality code, e.g. demo.")
@click.option("--username", required=True)
@click.option("--password", envvar="MADOGUCHI_STAFF_PASSWORD", prompt=True, hide_input=True,
              confirmation_prompt=True, help="Asked for when not given (or set MADOGUCHI_STAFF_PASSWORD).")
@click.option("--admin", is_flag=True, help="Also let the account use /admin/ (Django's is_staff).")
@click.option("--role", type=click.Choice(["viewer", "editor", "publisher"]), default="publisher", show_default=True,
              help="In the workspace (/staff/): see only, also edit drafts, or also publish and roll back.")
@on_backend(migrate=True)
def staff_add(municipality: str, username: str, password: str, admin: bool, role: str) -> None:
    """Create a staff account that sees and changes only its municipality's guidance and bookings."""
    from backend.municipalities.services import staff_register

    staff_register(municipality_code=municipality, username=username, password=password, admin=admin, role=role)
    click.echo(f"madoguchi: staff account '{username}' added to '{municipality}'", err=True)


@click.group()
def volunteers() -> None:
    """Volunteer accounts (デジタル推進委員) for the volunteer console."""


@volunteers.command("add")
@click.option("--municipality", required=True, help="Municipality code, e.g. demo.")
@click.option("--site", required=True, help="The kiosk site they serve: the same text as the kiosks' --site.")
@click.option("--username", required=True)
@click.option("--name", "display_name", required=True, help="What residents are told, e.g. 田中.")
@click.option("--password", envvar="MADOGUCHI_VOLUNTEER_PASSWORD", prompt=True, hide_input=True,
              confirmation_prompt=True, help="Asked for when not given (or set MADOGUCHI_VOLUNTEER_PASSWORD).")
@on_backend(migrate=True)
def volunteers_add(municipality: str, site: str, username: str, display_name: str, password: str) -> None:
    """Create a volunteer account: it sees help requests of its own site and municipality only."""
    from backend.assistance.services import volunteer_register

    volunteer_register(municipality_code=municipality, site=site, username=username, password=password,
                       display_name=display_name)
    click.echo(f"madoguchi: volunteer '{username}' added to '{municipality}' at '{site}'", err=True)
