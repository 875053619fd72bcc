"""Provides RequestScreen: where one resident is, the content's hint for this step, and suggestions.

It polls the request while it is open, so the step and the answers follow the resident, and each
suggestion's status (waiting, accepted, declined) follows what they chose at the kiosk.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Button, Footer, Static
from textual.worker import Worker

from console import words
from console.client import SUGGESTION_ACTIONS
from console.errors import ConsoleError, NotFound
from console.i18n import N_, _, translate_bindings
from console.messages import AcceptChosen, RequestResolved
from console.models import RequestDetail
from console.screens.host import ConsoleHost
from console.screens.resolve import ResolveScreen
from console.widgets import ConnectionBanner

ENDED = {"resolved": N_("This request is resolved."),
         "cancelled": N_("The resident cancelled this request (or finished at the kiosk).")}


def ended(status: str, otherwise: str | None = None) -> str:
    """Why a request that is neither waiting nor accepted can no longer be helped with."""
    return _(ENDED[status]) if status in ENDED else (otherwise if otherwise is not None else status)


class RequestScreen(Screen[None]):
    """Keys 1–6 suggest a step to the resident; ``r`` resolves; Escape goes back to the queue."""

    BINDINGS = [
        *(Binding(str(number), f"suggest('{action}')", words.SUGGESTIONS[action], id=f"suggest-{number}")
          for number, action in enumerate(SUGGESTION_ACTIONS, start=1)),
        Binding("a", "accept", N_("Accept"), id="accept", tooltip=N_("Accept this request")),
        Binding("r", "resolve", N_("Resolve"), id="resolve", tooltip=N_("Close with an outcome and a note")),
        Binding("escape", "back", N_("Queue"), id="back", tooltip=N_("Back to the queue")),
    ]

    detail: var[RequestDetail | None] = var(None)
    """The request as last fetched; None until the first answer."""

    def __init__(self, console: ConsoleHost, request_id: int, detail: RequestDetail | None = None) -> None:
        super().__init__(id=f"request-{request_id}")
        translate_bindings(self, tooltip=lambda binding: _("Suggest: {step}").format(step=binding.description)
                           if (binding.id or "").startswith("suggest-") else None)
        self.console = console
        self.request_id = request_id
        self._first = detail
        self._fetching: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        yield Static(_("Request {id}").format(id=self.request_id), id="request-title", classes="title")
        yield ConnectionBanner()
        with VerticalScroll(id="request-body"):
            yield Static("", id="request-status", classes="status")
            yield Static("", id="request-where")
            yield Static("", id="request-hint", classes="hint")
            yield Static("", id="request-answers")
            yield Static("", id="request-display")
            yield Static(_("Suggest to the resident (they confirm at the kiosk):"), classes="muted")
            with Horizontal(id="suggest-buttons"):
                for number, action in enumerate(SUGGESTION_ACTIONS, start=1):
                    yield Button(f"{number} {words.suggestion(action)}", id=f"suggest-{action}", compact=True)
            yield Static("", id="request-suggestions")
        yield Footer()

    def on_mount(self) -> None:
        self.detail = self._first
        self.refresh_now()
        self.set_interval(self.console.poll_seconds, self.refresh_now)

    # ------------------------------------------------------------------ polling

    def refresh_now(self) -> None:
        """Fetch the request again, unless a fetch is still under way."""
        if self._fetching is None or self._fetching.is_finished:
            self._fetching = self._fetch()

    @work(group="request-poll")
    async def _fetch(self) -> None:
        try:
            detail = await self.console.client.request(self.request_id)
        except NotFound:
            self.notify(_("This request is no longer there"), severity="warning")
            self._leave()
            return
        except ConsoleError as error:
            self.console.report(error)
            return
        self.console.connected = True
        if not self.is_attached:
            return  # the volunteer left this request while it was being fetched: nothing to show
        self.detail = detail

    def watch_detail(self, detail: RequestDetail | None) -> None:
        if detail is None:
            return
        self.query_one("#request-title", Static).update(
            _("Request {id} — {kiosk} — {reason}").format(id=detail.id, kiosk=detail.kiosk,
                                                          reason=words.reason(detail.reason)))
        if detail.status == "open":
            status = _("Waiting (position {position}) — press a to accept").format(position=detail.position)
        elif detail.status == "accepted":
            status = _("Accepted by {volunteer} — 1–6 suggest, r resolves, Escape back to the queue").format(
                volunteer=detail.accepted_by or _("you"))
        else:
            status = ended(detail.status)
        self.query_one("#request-status", Static).update(status)
        flow = detail.flow_title or detail.flow_id or "—"
        step = detail.step_title or detail.node_id or "—"
        kind = f" ({detail.kind})" if detail.kind else ""
        self.query_one("#request-where", Static).update(
            _("Flow: {flow}\nStep {number}: {step}{kind}").format(flow=flow, number=detail.step, step=step,
                                                                 kind=kind))
        self.query_one("#request-hint", Static).update(
            _("Hint for volunteers: {hint}").format(hint=detail.hint) if detail.hint
            else _("No hint for this step."))
        answers = "\n".join(f"• {node}: {option}" for node, option in detail.answers) or _("(none yet)")
        self.query_one("#request-answers", Static).update(_("Answers so far:\n{answers}").format(answers=answers))
        self.query_one("#request-display", Static).update(
            _("Language: {language}    Modes: {modes}").format(language=words.language(detail.language),
                                                               modes=words.modes(detail.modes)))
        suggestions = "\n".join(
            f"• {words.suggestion(s.action)}: {words.suggestion_status(s.status)}"
            for s in reversed(detail.suggestions[-6:]))
        self.query_one("#request-suggestions", Static).update(
            _("Suggestions (newest first):\n{suggestions}").format(suggestions=suggestions) if suggestions
            else _("No suggestions yet."))
        for button in self.query("#suggest-buttons Button"):
            button.disabled = detail.status != "accepted"
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Accept only while the request waits; suggest and resolve only once accepted."""
        status = self.detail.status if self.detail is not None else None
        if action == "accept":
            return status in (None, "open")
        if action in ("suggest", "resolve"):
            return None if status not in (None, "accepted") else True  # shown, greyed out
        return True

    # ------------------------------------------------------------------ what the volunteer does

    @on(Button.Pressed, "#suggest-buttons Button")
    def _suggest_pressed(self, event: Button.Pressed) -> None:
        if event.button.id:
            self.action_suggest(event.button.id.removeprefix("suggest-"))

    def action_suggest(self, action: str) -> None:
        if self.detail is not None and self.detail.status != "accepted":
            self.notify(_("Accept this request first") if self.detail.status == "open" else ended(
                self.detail.status, _("This request has ended")), severity="warning")
            return
        self._suggest(action)

    @work(group="suggest")
    async def _suggest(self, action: str) -> None:
        try:
            await self.console.client.suggest(self.request_id, action)
        except ConsoleError as error:
            self.console.report(error)
            return
        self.notify(_("Suggested: {step} — waiting for the resident").format(step=words.suggestion(action)), timeout=3)
        self.refresh_now()

    def action_accept(self) -> None:
        if self.detail is None or self.detail.status == "open":
            self.post_message(AcceptChosen(self.request_id))

    def action_resolve(self) -> None:
        if self.detail is not None and self.detail.status != "accepted":
            self.notify(_("Only a request you accepted can be resolved"), severity="warning")
            return

        def resolved(done: bool | None) -> None:
            if done:
                self.post_message(RequestResolved(self.request_id))

        self.app.push_screen(ResolveScreen(self.console, self.request_id), resolved)

    def action_back(self) -> None:
        self._leave()

    def _leave(self) -> None:
        """Back to the queue (only while this screen is on top: a form over it decides for itself)."""
        if self.app.screen is self:
            self.dismiss()
