"""Provides LoginScreen: username and password; Enter signs in; problems are said in words."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Static

from console.i18n import _
from console.messages import SignInSubmitted


class LoginScreen(Screen[None]):
    """The bottom of the stack: the console starts here and comes back here when signed out."""

    def __init__(self, server: str = "") -> None:
        super().__init__(id="login")
        self._server = server

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Madoguchi — volunteer console"), classes="title")
            yield Static(_("Server: {server}").format(server=self._server), classes="muted", id="login-server")
            yield Input(placeholder=_("Username"), id="username", max_length=150)
            yield Input(placeholder=_("Password"), id="password", password=True, max_length=200)
            yield Button(_("Sign in"), id="sign-in", variant="primary")
            yield Static("", id="login-error", classes="error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#username", Input).focus()

    def show_error(self, message: str) -> None:
        """Say what went wrong; the password is cleared, the username kept."""
        self.query_one("#login-error", Static).update(message)
        self.set_busy(False)
        password = self.query_one("#password", Input)
        password.value = ""
        username = self.query_one("#username", Input)
        (password if username.value else username).focus()

    def set_busy(self, busy: bool) -> None:
        button = self.query_one("#sign-in", Button)
        button.disabled = busy
        button.label = _("Signing in…") if busy else _("Sign in")

    @on(Input.Submitted, "#username")
    def _username_entered(self) -> None:
        if self.query_one("#password", Input).value:
            self._submit()
        else:
            self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    @on(Button.Pressed, "#sign-in")
    def _submit(self) -> None:
        username = self.query_one("#username", Input).value.strip()
        password = self.query_one("#password", Input).value
        if not username or not password:
            self.query_one("#login-error", Static).update(_("Enter your username and password"))
            self.query_one("#username" if not username else "#password", Input).focus()
            return
        self.query_one("#login-error", Static).update("")
        self.set_busy(True)
        self.post_message(SignInSubmitted(username, password))
