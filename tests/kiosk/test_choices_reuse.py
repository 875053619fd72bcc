"""Choices.set_options: the options of a reused step screen change in place, and the buttons are
the same as a new Choices would make (ids, order, numbers, the earlier answer marked)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Button

from kiosk.widgets.choices import Choices


class OneChoices(App[None]):
    def compose(self) -> ComposeResult:
        yield Choices([("next", "Next")], id="choices")


def shown(app: App[None]) -> list[tuple[str, str]]:
    choices = app.query_one(Choices)
    in_dom = [(b.id or "", str(b.label)) for b in choices.query(Button)]
    assert in_dom == [(b.id or "", str(b.label)) for b in choices.buttons]
    return in_dom


async def test_options_change_in_place_like_a_new_column() -> None:
    app = OneChoices()
    async with app.run_test():
        choices = app.query_one(Choices)
        await choices.set_options([("handoff", "Call"), ("home", "Start"), ("finish", "Finish")])
        assert shown(app) == [("choice-handoff", "1  Call"),
                              ("choice-home", "2  Start"), ("choice-finish", "3  Finish")]
        choices.select("home")
        # Some keys stay (moved up, renumbered), one goes, one comes: the same ids come back at once.
        await choices.set_options([("home", "Start"), ("finish", "Finish"), ("slip", "Note")])
        assert shown(app) == [("choice-home", "1  Start"), ("choice-finish", "2  Finish"), ("choice-slip", "3  Note")]
        assert [b.id for b in choices.buttons if b.has_class("-selected")] == ["choice-home"]
        await choices.set_options([("slip", "Note"), ("handoff", "Call"), ("home", "Start")])
        await choices.set_options([("handoff", "Call"), ("home", "Start"), ("finish", "Finish")])
        assert shown(app) == [("choice-handoff", "1  Call"),
                              ("choice-home", "2  Start"), ("choice-finish", "3  Finish")]
        await choices.set_options([("yes", "Yes"), ("no", "No")])
        assert shown(app) == [("choice-yes", "1  Yes"), ("choice-no", "2  No")]
        assert not any(b.has_class("-selected") for b in choices.buttons)  # its key is gone


async def test_digits_and_enter_choose_from_the_new_options() -> None:
    chosen: list[str] = []

    class Recording(OneChoices):
        def on_choices_chosen(self, event: Choices.Chosen) -> None:
            chosen.append(event.key)

    app = Recording()
    async with app.run_test() as pilot:
        choices = app.query_one(Choices)
        await choices.set_options([("outside", "Outside"), ("home", "At home"), ("unknown", "Not sure")])
        choices.select("home")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "choice-home"
        await pilot.press("3")
        await pilot.press("enter")
        await pilot.press("9")  # nothing there
        await pilot.pause()
        assert chosen == ["unknown", "home"]
