"""The conformance walk (issue 12): the golden paths (content/paths, madoguchi.paths) walked from
the keypad, in every interface language and mode, at 80×24 and 100×32, with the checks of
tests/kiosk/conformance.py on every screen drawn.

Paths share their first steps, so the walk goes depth first over the tree of paths: a digit or
KPEnter forward, the keypad's − back. In Japanese at 80×24 every path is walked to its end (each
is completable from the keypad); the other cells check every step screen once and leave out a
branch whose screens were all checked already (a step is drawn the same whichever way it was
reached), which keeps the matrix to a few minutes.

A second walk in every cell checks the screens that are not steps: welcome, home, every topic
page, settings, the language list, the help pages, the answer summary and the booking pages from
the choice of service to the slip (the kana board and the number pad with every key on screen,
the finish question on the way) and a take-home note.

The matrix: every language in the standard look at both sizes; Japanese also plain, plain with
furigana (both sizes) and high contrast (80×24: the theme changes colours, not the layout).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

import pytest
from textual import events
from textual.widgets import Button

from accessibility.speech import RecordingSpeaker
from guidance.document import Flow, parse_flow
from kiosk import messages
from kiosk.app import KioskApp, make_app
from kiosk.config import KioskSettings
from kiosk.i18n import LANGUAGES, use_language
from kiosk.presenter import options
from kiosk.screens.home import HomeScreen
from kiosk.screens.step import StepScreen
from kiosk.themes import HIGH_CONTRAST
from kiosk.widgets.choices import MORE, Choices
from madoguchi.paths import resident_paths
from tests.conftest import LiveBackend, start_backend, stop_backend
from tests.kiosk.conformance import Finding, check_screen, fully_visible, screen_lines, source_text

pytestmark = pytest.mark.live

SIZES = ((80, 24), (100, 32))
MATRIX = ([(language, "standard", size) for language in LANGUAGES for size in SIZES]
          + [("ja", mode, size) for mode in ("plain", "plain+furigana") for size in SIZES]
          + [("ja", "high-contrast", (80, 24))])
EVERY_PATH = ("ja", "standard", (80, 24))
"""The cell that walks every path to its end."""


@pytest.fixture(scope="module")
def walk_backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveBackend]:
    """A backend of the walk's own. Not the suite's ``live_backend``, which marks a test as a
    database test to run again on PostgreSQL: what is drawn does not depend on the database, and
    the walk takes minutes."""
    backend = start_backend(tmp_path_factory.mktemp("walk-data"))
    yield backend
    stop_backend(backend)


@pytest.fixture(autouse=True)
def japanese_again():  # type: ignore[no-untyped-def]
    yield
    use_language("ja")


@dataclass
class Tree:
    """The paths of one flow as a tree: each node's answers lead to the next step."""

    node_id: str
    children: dict[str | None, Tree] = field(default_factory=dict)

    def node_ids(self) -> set[str]:
        """This step and every step below it."""
        return {self.node_id}.union(*(child.node_ids() for child in self.children.values()))


def path_tree(flow: Flow, day: dt.date) -> tuple[Tree, int]:
    """The tree of every resident path through ``flow``, and how many paths it holds."""
    root: Tree | None = None
    count = 0
    for path in resident_paths(flow, day):
        count += 1
        answers = dict(path.answers)
        root = root or Tree(path.trail[0])
        here = root
        for node_id, following in zip(path.trail, path.trail[1:], strict=False):
            key = answers.get(node_id)
            here = here.children.setdefault(key, Tree(following))
    assert root is not None
    return root, count


async def wait_for(pilot, app: KioskApp, screen_type: type, step: str | None = None,  # type: ignore[no-untyped-def]
                   timeout: float = 10) -> None:
    """Until ``app`` shows ``screen_type`` (at ``step``) and has nothing left to do: waits for the
    app to be idle rather than for a fixed time (thousands of screens are walked)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot._wait_for_screen()
        screen = app.screen
        if isinstance(screen, screen_type) and (step is None or getattr(screen, "node", None) is not None
                                                and screen.node.id == step):
            for _ in range(2):  # the screen's own layout pass (options fitted to the rows left)
                screen._on_timer_update()  # what Textual's 60 fps timer would do next, now
                await pilot._wait_for_screen()
            if screen_type is StepScreen and not isinstance(app.focused, Button):
                continue  # Enter goes to the focused option: the next key waits for the focus
            return
        await asyncio.sleep(0.0005)
    node = getattr(getattr(app.screen, "node", None), "id", None)
    raise AssertionError(f"expected {screen_type.__name__} {step or ''}, got {app.screen!r} at {node}, "
                         f"trail {app.session.trail}, focused {app.focused!r}")


def active_keys(app: KioskApp) -> set[str]:
    """Every key the active key map binds to one of the app's actions."""
    return {key for binding in app.BINDINGS for key in app.active_keys(getattr(binding, "id", "") or "")}


async def until(pilot, condition: Callable[[], bool], what: str, timeout: float = 10) -> None:  # type: ignore[no-untyped-def]
    """Until ``condition`` holds (a key's effect has arrived), else fail saying ``what``."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, what
        await pilot.pause(0.01)


CHARACTERS = {"minus": "-", "ctrl+j": "\n"}


def press(app: KioskApp, key: str) -> None:
    """A key as the terminal driver delivers it. Pilot.press waits twice for the CPU to idle after
    every key (40 ms or more): over thousands of screens that is most of the run, and
    ``wait_for`` already waits until the app has handled the key."""
    event = events.Key(key, key if len(key) == 1 else CHARACTERS.get(key))
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


@dataclass
class Walk:
    app: KioskApp
    pilot: object
    where: str
    every_path: bool = True
    findings: list[Finding] = field(default_factory=list)
    screens: int = 0
    checked: set[tuple[str, str]] = field(default_factory=set)

    async def check(self, flow: Flow, node_id: str) -> None:
        app = self.app
        node, session = flow.nodes[node_id], app.session
        labels = [label for _key, label in options(node, session.register, app.settings.today(), session.language)]
        self.findings += check_screen(app.screen, language=session.language, plain=session.register == "plain",
                                      option_labels=labels, active_keys=active_keys(app),
                                      where=f"{self.where} {flow.id}/{node_id}")
        self.screens += 1
        self.checked.add((flow.id, node_id))

    async def down(self, flow: Flow, tree: Tree) -> None:
        await self.check(flow, tree.node_id)
        node = flow.nodes[tree.node_id]
        for answer, child in tree.children.items():
            if not self.every_path and all((flow.id, n) in self.checked for n in child.node_ids()):
                continue
            if answer is None:
                press(self.app, "ctrl+j")  # KPEnter: "next"
            else:
                keys = [key for key, _label in options(node, self.app.session.register, self.app.settings.today(),
                                                       self.app.session.language)]
                press(self.app, str(keys.index(answer) + 1))
            await wait_for(self.pilot, self.app, StepScreen, child.node_id)
            await self.down(flow, child)
            press(self.app, "minus")  # the keypad's − : back
            await wait_for(self.pilot, self.app, StepScreen, tree.node_id)


@pytest.mark.parametrize(("language", "mode", "size"), MATRIX,
                         ids=[f"{lang}-{mode}-{w}x{h}" for lang, mode, (w, h) in MATRIX])
async def test_every_golden_path_meets_the_layout_rules(walk_backend: LiveBackend, language: str, mode: str,
                                                       size: tuple[int, int]) -> None:
    app = make_app(KioskSettings(backend_url=walk_backend.url, api_key=walk_backend.api_key, language=language),
                   speaker_factory=lambda readings: RecordingSpeaker())
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        if mode.startswith("plain"):
            app.session = replace(app.session, register="plain", furigana=mode == "plain+furigana")
        if mode == "high-contrast":
            app.theme = HIGH_CONTRAST
        walk = Walk(app, pilot, f"{language} {mode} {size[0]}×{size[1]}",
                    every_path=(language, mode, size) == EVERY_PATH)
        assert app.releases.release is not None
        paths = 0
        for flow_id in sorted(app.releases.release.document["flows"]):
            flow = parse_flow(app.releases.release.document["flows"][flow_id])
            tree, count = path_tree(flow, app.settings.today())
            paths += count
            app.post_message(messages.FlowChosen(flow_id))
            await wait_for(pilot, app, StepScreen, tree.node_id)
            await walk.down(flow, tree)
            app.post_message(messages.HomeRequested())
            await wait_for(pilot, app, HomeScreen)
        print(f"{walk.where}: {paths} paths, {walk.screens} screens checked, {len(walk.findings)} findings")
        assert not walk.findings, f"{len(walk.findings)} findings:\n" + "\n".join(map(str, walk.findings[:40]))


def _screen_name(app: KioskApp) -> str:
    screen = app.screen
    return screen.name or screen.id or type(screen).__name__


async def settle(pilot, app: KioskApp, name: str, timeout: float = 10) -> None:  # type: ignore[no-untyped-def]
    """Until the screen called ``name`` (its name, id or class) is shown, laid out and focused."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot._wait_for_screen()
        if _screen_name(app) == name and isinstance(app.focused, Button):
            # Laid out until two passes draw the same: the "more text" option comes a refresh
            # after the text has its size.
            before: list[str] = []
            same = 0
            for _ in range(50):
                app.screen._on_timer_update()
                await pilot.pause(0.02)
                drawn = screen_lines(app.screen)
                same = same + 1 if drawn == before else 0
                if same == 3:
                    return
                before = drawn
            return
        await asyncio.sleep(0.001)
    raise AssertionError(f"expected {name}, got {_screen_name(app)}, focused {app.focused!r}")


def check_whole_screen(app: KioskApp, where: str) -> list[Finding]:
    """The rules on a screen that is not a step: its own options (and, on the booking pages, every
    key of the kana board or number pad) are the ones that must be on screen."""
    screen = app.screen
    pinned = screen.query("Choices.pinned")
    labels = [source_text(b) for b in pinned.first(Choices).buttons
              if b.id not in (f"choice-{MORE}", "choice-more")] if pinned else []
    session = app.session
    findings = check_screen(screen, language=session.language, plain=session.register == "plain",
                            option_labels=labels, active_keys=active_keys(app), where=where)
    for board in screen.query("KanaBoard, NumberPad"):
        for key in board.query(Button):
            if key.display and not fully_visible(key):
                findings.append(Finding(where, "key hidden", f"{type(board).__name__} {source_text(key)!r}"))
    return findings


TELEMEDICINE_ANSWERS = {"emergency": "2", "visit_type": "1", "where_from": "2"}
"""The telemedicine pre-check answered to reach its booking hand-off."""
NAME_KEYS = ["2", "enter", "2", "2", "enter", "plus", "enter"]
"""か き, then ✓, on the kana board from the keypad."""


@pytest.mark.parametrize(("language", "mode", "size"), MATRIX,
                         ids=[f"{lang}-{mode}-{w}x{h}" for lang, mode, (w, h) in MATRIX])
async def test_every_other_screen_meets_the_layout_rules(walk_backend: LiveBackend, language: str, mode: str,
                                                         size: tuple[int, int]) -> None:
    """Welcome, home, topic pages, settings, the language list, help, a take-home note, the answer
    summary and every
    booking page (the kana board and the number pad too) up to the slip, from the keypad."""
    app = make_app(KioskSettings(backend_url=walk_backend.url, api_key=walk_backend.api_key, language=language,
                                 site="Sample Library"),
                   speaker_factory=lambda readings: RecordingSpeaker())
    where = f"{language} {mode} {size[0]}×{size[1]}"
    findings: list[Finding] = []
    seen: list[str] = []

    async def at(name: str, *keys: str) -> None:
        for key in keys:
            press(app, key)
        await settle(pilot, app, name)
        findings.extend(check_whole_screen(app, f"{where} {name}"))
        seen.append(name)

    async with app.run_test(size=size) as pilot:
        await at("WelcomeScreen")
        await at("HomeScreen", "ctrl+j")
        if mode.startswith("plain"):
            app.session = replace(app.session, register="plain", furigana=mode == "plain+furigana")
            await at("HomeScreen")
        if mode == "high-contrast":
            app.theme = HIGH_CONTRAST
            await at("HomeScreen")
        assert app.catalogue is not None
        for number in range(1, len(app.catalogue.topics) + 1):
            await at("TopicScreen", str(number))
            while True:  # every page of a long topic
                keys = [b.id for b in app.screen.query_one("Choices.pinned", Choices).buttons]
                if "choice-page-next" not in keys:
                    break
                page = app.screen.page  # type: ignore[attr-defined]
                press(app, str(keys.index("choice-page-next") + 1))
                await until(pilot, lambda page=page: app.screen.page != page,  # type: ignore[attr-defined]
                            "the next page did not come")
                await at("TopicScreen")
            await at("HomeScreen", "minus")
        await at("TopicScreen", "1")  # again: the kept screen is back on its first page, every option fitted
        await at("HomeScreen", "minus")
        await at("SettingsScreen", "0")
        await at("LanguageScreen", "1")
        await at("SettingsScreen", "minus")
        await at("HomeScreen", "minus")
        await at("help-reason", "asterisk")
        await at("help-waiting", "2")
        await at("HomeScreen", "1")
        app.post_message(messages.FlowChosen("lost_card"))  # to its outcome: the take-home note
        await wait_for(pilot, app, StepScreen)
        while app.screen.node.kind != "outcome":  # type: ignore[attr-defined]
            node_id = app.screen.node.id  # type: ignore[attr-defined]
            press(app, "ctrl+j")
            await until(pilot, lambda node_id=node_id: isinstance(app.screen, StepScreen)
                        and app.screen.node.id != node_id, f"stuck on {node_id}")
            await wait_for(pilot, app, StepScreen)
        await at("slip", "3")
        press(app, "minus")
        await wait_for(pilot, app, StepScreen)  # back on the outcome
        app.post_message(messages.HomeRequested())
        await settle(pilot, app, "HomeScreen")
        app.post_message(messages.FlowChosen("telemedicine_precheck"))
        await wait_for(pilot, app, StepScreen)
        press(app, TELEMEDICINE_ANSWERS.get(app.screen.node.id, "1"))  # type: ignore[attr-defined]
        await wait_for(pilot, app, StepScreen)
        await at("summary", "f4")
        press(app, "minus")
        await wait_for(pilot, app, StepScreen)
        while isinstance(app.screen, StepScreen):
            step = app.screen
            press(app, TELEMEDICINE_ANSWERS.get(step.node.id, "1"))
            await until(pilot, lambda step=step: app.screen is not step
                        and (not isinstance(app.screen, StepScreen) or isinstance(app.focused, Button)),
                        f"stuck on {step.node.id}")
        await at("booking-service")
        await at("booking-days", "2")
        await at("booking-times", "1")
        await at("booking-name", "1")
        await at("booking-name", *NAME_KEYS[:5])  # a name typed: the board with its status line
        await at("confirm-finish", "full_stop")
        await at("booking-name", "minus")
        await at("booking-phone", *NAME_KEYS[5:])
        await at("booking-phone", *"0901234")
        await at("booking-confirm", *"5678", "ctrl+j")
        await at("booking-slip", "1")
        press(app, "2")  # finish
        await settle(pilot, app, "WelcomeScreen")
    print(f"{where}: {len(seen)} screens checked, {len(findings)} findings")
    assert not findings, f"{len(findings)} findings:\n" + "\n".join(map(str, findings[:40]))
