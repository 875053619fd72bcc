"""Provides ResolveScreen: how the help ended and a short note, refused kindly if it holds personal data."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from console import words
from console.client import NOTE_LIMIT, OUTCOMES
from console.errors import ConsoleError, InvalidRequest, PersonalDataInNote, SignInExpired, Unreachable
from console.i18n import N_, _, translate_bindings
from console.screens.host import ConsoleHost


class ResolveScreen(ModalScreen[bool]):
    """Dismissed with True once the server has closed the request; False when cancelled."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cancel-resolve", tooltip=N_("Back to the request"))]

    def __init__(self, console: ConsoleHost, request_id: int) -> None:
        super().__init__(id=f"resolve-{request_id}")
        translate_bindings(self)
        self.console = console
        self.request_id = request_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Resolve request {id}").format(id=self.request_id), classes="title")
            yield Static(_("How did it end?"))
            with RadioSet(id="outcome"):
                for outcome in OUTCOMES:
                    yield RadioButton(words.outcome(outcome), id=f"outcome-{outcome}")
            yield Static(_("Note (optional; never names, phone numbers, My Numbers or PINs):"))
            yield Input(id="note", max_length=NOTE_LIMIT, placeholder=_("e.g. 電話の案内をした"))
            yield Static(f"0/{NOTE_LIMIT}", id="note-count", classes="muted")
            yield Static("", id="resolve-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Submit"), id="submit", variant="primary")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def outcome(self) -> str | None:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.id.removeprefix("outcome-") if pressed is not None and pressed.id else None

    @on(Input.Changed, "#note")
    def _count(self, event: Input.Changed) -> None:
        self.query_one("#note-count", Static).update(f"{len(event.value)}/{NOTE_LIMIT}")

    @on(Input.Submitted, "#note")
    @on(Button.Pressed, "#submit")
    def _submit(self) -> None:
        outcome = self.outcome()
        if outcome is None:
            self._error(_("Choose how it ended"))
            self.query_one(RadioSet).focus()
            return
        self._error("")
        self.query_one("#submit", Button).disabled = True
        self._resolve(outcome, self.query_one("#note", Input).value.strip())

    @work(exclusive=True, group="resolve")
    async def _resolve(self, outcome: str, note: str) -> None:
        try:
            await self.console.client.resolve(self.request_id, outcome, note)
        except PersonalDataInNote as error:
            self._error(error.message)
            self.query_one("#note", Input).focus()  # the text stays, to be edited
        except SignInExpired as error:
            self.console.report(error)
        except (Unreachable, InvalidRequest) as error:
            self._error(error.message)
        except ConsoleError as error:
            self._error(error.message)
            self.console.report(error, quiet=True)
        else:
            self.dismiss(True)
            return
        finally:
            if self.is_mounted:
                self.query_one("#submit", Button).disabled = False

    def _error(self, message: str) -> None:
        self.query_one("#resolve-error", Static).update(message)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
