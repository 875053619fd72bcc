"""Provides the words and data of calling a volunteer: reasons, the waiting page, suggestions,
and the context a help request carries (where the resident is, never who they are)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.booking import Page
from kiosk.i18n import N_, _
from kiosk.state import Session

REASONS = (("cant_read", N_("I can't read the screen")), ("dont_understand", N_("I don't understand what to do")),
           ("want_to_book", N_("I want to book")), ("other", N_("Something else")))
SUGGESTIONS = {
    "open_summary": N_("look at your answers together"),
    "plain_on": N_("show the words in plain Japanese"),
    "furigana_on": N_("show readings (furigana) above the kanji"),
    "high_contrast_on": N_("use high-contrast colours"),
    "read_aloud": N_("read this screen aloud"),
    "go_home": N_("go back to the first screen"),
}
WAIT, CANCEL = "wait", "cancel"


def context_of(session: Session, *, node_id: str = "", step: int = 0) -> dict[str, Any]:
    """What the volunteer may see: the flow, step and chosen option keys, language and modes."""
    return {"flow_id": session.flow_id or "", "node_id": node_id, "step": step, "language": session.language,
            "modes": {"plain": session.register == "plain", "furigana": session.furigana,
                      "high_contrast": session.high_contrast, "read_aloud": session.auto_read},
            "answers": {str(k): str(v) for k, v in session.answers.items()}}


def reason_page() -> Page:
    return Page("help-reason", _("Call a volunteer"), (_("What do you need help with?"),),
                options=tuple((key, _(label)) for key, label in REASONS))


def waiting_page(status: Mapping[str, Any], contact: str) -> Page:
    """Help is coming (with the queue position), a volunteer is on the way, or nobody is on duty."""
    options = ((WAIT, _("Go back to my screen and wait")), (CANCEL, _("I no longer need help")))
    if status.get("volunteer_name"):
        lines: tuple[str, ...] = (_("{name} is coming to help you.").format(name=status["volunteer_name"]),)
    elif not status.get("volunteers_on_duty"):
        return Page("help-waiting", _("No volunteer is here right now"),
                    (_("Sorry, no volunteer is on duty at the moment."),
                     _("Please ask at the counter, or call:"), contact),
                    options=((CANCEL, _("Close")),))
    else:
        lines = (_("A volunteer will come to this kiosk."),
                 _("You are number {position} in the queue.").format(position=status.get("position", 1)))
    return Page("help-waiting", _("Help is coming"), lines, options=options,
                hint=_("You can go on using the kiosk while you wait."))


def suggestion_page(action: str) -> Page:
    label = SUGGESTIONS.get(action, action)
    return Page("help-suggestion", _("The volunteer suggests"),
                (_("The volunteer suggests: {what}.").format(what=_(label)), _("Do you want this?")),
                options=(("yes", _("Yes")), ("no", _("No"))))
