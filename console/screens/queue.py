"""Provides QueueScreen: the site's open requests and mine, kept current by the app's polling."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from console import words
from console.i18n import N_, _, translate_bindings
from console.messages import AcceptChosen, RequestChosen
from console.models import HelpRequest, Volunteer
from console.widgets import ConnectionBanner

COLUMNS = (("position", "#"), ("waiting", N_("Waiting")), ("kiosk", N_("Kiosk")), ("where", N_("Flow / step")),
           ("reason", N_("Reason")), ("language", N_("Language")), ("modes", N_("Modes")))
"""Column keys and their headings (English msgids, shown translated)."""


def row_of(request: HelpRequest) -> tuple[str, ...]:
    """The cells of one request, in ``COLUMNS`` order. Nothing in it identifies the resident."""
    where = f"{request.flow_id or '—'} / {request.node_id or '—'}"
    if request.step:
        where += _(" (step {step})").format(step=request.step)
    if request.status == "accepted":
        position = _("Yours")  # the queue lists accepted requests only when I accepted them
    else:
        position = str(request.position) if request.position else "—"
    return (position, words.waiting(request.created_at), request.kiosk, where, words.reason(request.reason),
            words.language(request.language), words.modes(request.modes))


class QueueScreen(Screen[None]):
    """Enter (or a click on the highlighted row) opens a request; ``a`` accepts it."""

    BINDINGS = [
        Binding("a", "accept", N_("Accept"), id="accept", tooltip=N_("Accept the selected request")),
        Binding("e", "app.export", N_("Export activity"), id="export", tooltip=N_("Save my activity as CSV")),
        Binding("q,f10", "app.sign_out", N_("Sign out and quit"), id="sign-out", tooltip=N_("Go off duty and quit")),
    ]

    def __init__(self, volunteer: Volunteer | None) -> None:
        super().__init__(id="queue")
        translate_bindings(self)
        self.volunteer = volunteer
        """Who is on duty, named at the top."""
        self._shown: tuple[HelpRequest, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static("", id="queue-who", classes="title")
        yield ConnectionBanner()
        yield Static("", id="queue-count", classes="muted")
        table: DataTable[str] = DataTable(id="requests", cursor_type="row", zebra_stripes=True)
        for key, label in COLUMNS:
            table.add_column(_(label) if label != "#" else label, key=key)
        yield table
        yield Static("", id="queue-export", classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        volunteer = self.volunteer
        if volunteer is not None:
            self.query_one("#queue-who", Static).update(
                _("{name} — on duty at {site}, {municipality}").format(
                    name=volunteer.name, site=volunteer.site or _("(no site)"), municipality=volunteer.municipality))
        self.watch(self.app, "requests", self._show, init=True)
        self.set_interval(1, self._tick)
        self.query_one(DataTable).focus()

    def _show(self, requests: tuple[HelpRequest, ...]) -> None:
        """Bring the table up to date in place, so the highlighted request stays highlighted."""
        table: DataTable[str] = self.query_one("#requests", DataTable)
        wanted = {str(r.id): r for r in requests}
        for row_key in [row for row in list(table.rows) if row.value not in wanted]:
            table.remove_row(row_key)
        present = {row.value for row in table.rows}
        for key, request in wanted.items():
            cells = row_of(request)
            if key in present:
                for (column, _label), cell in zip(COLUMNS, cells, strict=True):
                    if table.get_cell(key, column) != cell:
                        table.update_cell(key, column, cell)
            else:
                table.add_row(*cells, key=key)
        self._shown = requests
        waiting = sum(1 for r in requests if r.status == "open")
        mine = len(requests) - waiting
        text = _("No one is waiting. New requests appear here by themselves.") if not requests else (
            _("{waiting} waiting").format(waiting=waiting)
            + (_(", {mine} with you").format(mine=mine) if mine else "")
            + _(" — Enter opens, a accepts, e exports, q signs out"))
        self.query_one("#queue-count", Static).update(text)

    def _tick(self) -> None:
        """Waiting times move on every second, between polls too."""
        table: DataTable[str] = self.query_one("#requests", DataTable)
        for request in self._shown:
            key = str(request.id)
            if key in table.rows:
                cell = words.waiting(request.created_at)
                if table.get_cell(key, "waiting") != cell:
                    table.update_cell(key, "waiting", cell)

    def selected(self) -> HelpRequest | None:
        table: DataTable[str] = self.query_one("#requests", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        return next((r for r in self._shown if str(r.id) == key), None)

    def show_export(self, text: str) -> None:
        self.query_one("#queue-export", Static).update(text)

    @on(DataTable.RowSelected, "#requests")
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.post_message(RequestChosen(int(event.row_key.value)))

    def action_accept(self) -> None:
        request = self.selected()
        if request is None:
            self.notify(_("There is no request to accept"), severity="warning")
        elif request.status == "accepted":
            self.post_message(RequestChosen(request.id))  # already mine: just open it
        else:
            self.post_message(AcceptChosen(request.id))
