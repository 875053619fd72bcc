"""Provides Navigator: where the resident goes next — home, a topic, the steps of a flow, back.

The app receives what happened (kiosk.messages) and asks the navigator to show what follows; the
navigator holds no state of its own beyond the app's session, flow and release, so ending a
session in the app ends everything here too. Screens are taken from the pool, never composed on
a key press when one can be shown again (issue 5's 50 ms).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from kiosk.errors import BackendUnavailable, ContentMissing, KioskError
from kiosk.host import Kiosk
from kiosk.render_caches import drop_render_caches
from kiosk.screens.home import HomeScreen
from kiosk.screens.layout import PinnedDialog
from kiosk.screens.notice import booking_screen, error_screen
from kiosk.screens.offline import OfflineScreen
from kiosk.screens.step import StepScreen
from kiosk.screens.summary import SummaryScreen
from kiosk.screens.topic import TopicScreen
from kiosk.screens.welcome import WelcomeScreen
from kiosk.state import go_back, proceed, remaining_steps, rewind, start_flow

if TYPE_CHECKING:
    from textual.screen import Screen

    from guidance.document import Catalogue, Flow
    from kiosk.backend_launch import BackendLaunch
    from kiosk.release_keeper import ReleaseKeeper
    from kiosk.screen_pool import ScreenPool

logger = logging.getLogger("kiosk.navigation")


class Host(Kiosk, Protocol):
    """What the navigator needs of the app beyond what every screen may use."""

    releases: ReleaseKeeper
    pool: ScreenPool
    flow: Flow | None
    backend: BackendLaunch

    @property
    def screen_stack(self) -> list[Screen[Any]]: ...

    def push_screen(self, screen: Screen[Any], /) -> Any: ...

    def pop_screen(self) -> Any: ...

    def call_after_refresh(self, callback: Callable[..., Any], /, *args: Any, **kwargs: Any) -> bool: ...

    def load_speaker(self, readings: Mapping[str, str]) -> Any: ...


class Navigator:
    def __init__(self, app: Host) -> None:
        self.app = app

    async def open_home(self) -> None:
        """Show the topics. With a release in memory and the backend there last time, the home
        screen shows at once and the release is re-checked once it is painted
        (``recheck_release``): waiting for the re-check missed issue 5's 50 ms. The first session,
        and any while offline, waits for the re-check (or for the backend, on the offline screen)."""
        app = self.app
        if app.releases.ready:
            if not isinstance(app.screen, HomeScreen):
                assert app.catalogue is not None
                home = await self._home_screen(app.catalogue)
                await app.push_screen(home)
                home.call_after_refresh(
                    lambda: app.run_worker(self.recheck_release(home), group="release", exclusive=True))
            return
        await app.backend.ready.wait()
        while True:
            try:
                await app.releases.refresh()
                break
            except BackendUnavailable:
                await app.push_screen_wait(OfflineScreen(app.client.health, app.settings.retry_seconds))
            except KioskError as error:
                logger.warning("kiosk error: %s (%s)", type(error).__name__, error.detail)
                await app.push_screen_wait(error_screen(error.title, error.message))
                return
        catalogue = app.catalogue
        assert catalogue is not None
        if app.settings.speech:
            app.load_speaker(catalogue.readings)  # once: the app ignores it when a voice is loaded
        if not isinstance(app.screen, HomeScreen):
            await app.push_screen(await self._home_screen(catalogue))

    async def _home_screen(self, catalogue: Catalogue) -> HomeScreen:
        """The home screen kept from an earlier session, ready for this one; or a new one, kept in
        turn, when the catalogue or the language differs."""
        app = self.app
        home = app.pool.free("home", HomeScreen)
        if home is not None and home.can_show(catalogue, app.session.language):
            home.show_again()
            await home.show_offline(app.releases.offline)
        else:
            home = HomeScreen(catalogue, offline=app.releases.offline)
            app.pool.keep("home", home)
        return home

    async def recheck_release(self, home: HomeScreen) -> None:
        """Re-check with the backend (by ETag) the release that ``home`` was shown from, as
        ``open_home`` did before showing it: a new release is used from the next screen on and
        the home screen shows its topics; no backend means offline, said on the home screen; any
        other error is shown as it was before the home screen, which is taken back."""
        app = self.app
        try:
            await app.releases.refresh()
        except KioskError as error:
            logger.warning("kiosk error: %s (%s)", type(error).__name__, error.detail)
            if app.screen is home:
                await app.pop_screen()
            await app.push_screen_wait(error_screen(error.title, error.message))
            return
        if home not in app.screen_stack:
            return  # the session has ended: the next one is shown from the release now in memory
        if home.catalogue is not app.catalogue:
            assert app.catalogue is not None
            home.catalogue, home.offline = app.catalogue, app.releases.offline
            await home.recompose()
            home.refresh_texts()
        else:
            await home.show_offline(app.releases.offline)

    async def open_topic(self, topic_id: str) -> None:
        """The flows of a topic; each topic's screen is composed once and shown again."""
        app, catalogue = self.app, self.app.catalogue
        topic = catalogue.topic(topic_id) if catalogue else None
        if topic is None or catalogue is None:
            return
        name = f"topic-{topic.id}"
        screen = app.pool.free(name, TopicScreen)
        if screen is not None and screen.can_show(topic, catalogue.municipality, app.session.language):
            await screen.show_again()
        else:
            screen = TopicScreen(topic, catalogue.municipality)
            app.pool.keep(name, screen)
        app.push_screen(screen)

    async def open_flow(self, flow_id: str) -> None:
        """Flows come from the release already in hand: no network, so they work offline too."""
        app = self.app
        try:
            flow = app.releases.flow(flow_id)
        except ContentMissing as error:
            await app.push_screen_wait(error_screen(error.title, error.message))
            return
        app.flow = flow
        app.session = start_flow(app.session, flow)
        await self.show_step()
        app.call_after_refresh(drop_render_caches)

    async def answer_step(self, answer: str | None) -> None:
        app = self.app
        if app.flow is None:
            return
        app.session = proceed(app.session, app.flow, answer, day=app.settings.today())
        await self.show_step()

    async def show_step(self) -> None:
        """Push the screen of the step at the end of the trail: one screen per step, so Back pops
        it. The screen for the n-th step of a flow is composed once and then reused, showing the
        new step in place."""
        app, flow = self.app, self.app.flow
        assert flow is not None and app.catalogue is not None
        node = flow.nodes[app.session.trail[-1]]
        depth, municipality = len(app.session.trail), app.catalogue.municipality
        details: dict[str, Any] = {"step": depth, "remaining": remaining_steps(flow, node.id),
                                   "day": app.settings.today(), "answer": app.session.answers.get(node.id)}
        screen = app.pool.free(f"step-{depth}", StepScreen)
        if screen is not None and screen.can_show(municipality, app.session.language):
            await screen.show_step(flow, node, municipality, **details)
            if app.session.node_id != node.id:  # the session ended or moved on meanwhile
                return
        else:
            screen = StepScreen(flow, node, municipality, **details)
            app.pool.keep(f"step-{depth}", screen)
        app.push_screen(screen)

    def go_home(self) -> None:
        app = self.app
        while len(app.screen_stack) > 1 and not isinstance(app.screen, HomeScreen):
            app.pop_screen()
        app.flow = None
        app.session = replace(app.session, flow_id=None, trail=(), answers=MappingProxyType({}))
        app.call_after_refresh(drop_render_caches)

    def back(self) -> None:
        """One screen back; a flow step also takes its answer back. A dialog is dismissed, so
        whoever waits for its answer carries on; the welcome, home and offline screens stay."""
        app, screen = self.app, self.app.screen
        if isinstance(screen, (OfflineScreen, WelcomeScreen, HomeScreen)):
            return
        if isinstance(screen, PinnedDialog):
            screen.go_back()
            return
        if isinstance(screen, StepScreen):
            app.session = go_back(app.session)
        app.pop_screen()

    async def open_booking(self, service: str | None) -> None:
        """Book at the kiosk; with no backend, say how to book by phone or at the counter."""
        app = self.app
        municipality = app.catalogue.municipality if app.catalogue else None
        if municipality is None or app.offline:
            await app.push_screen_wait(booking_screen(municipality))
            return
        from kiosk.booking_wizard import run_booking  # loaded on the first booking, not at start-up

        await run_booking(app, municipality, service)

    async def summary(self) -> None:
        """The answers so far; choosing one goes back to that question, answer pre-selected."""
        app = self.app
        if app.flow is None or not isinstance(app.screen, StepScreen):
            return
        chosen = await app.push_screen_wait(SummaryScreen(app.flow, app.session))
        if chosen is None or chosen not in app.session.trail:
            return
        for _step in range(len(app.session.trail) - 1 - app.session.trail.index(chosen)):
            app.pop_screen()
        app.session = rewind(app.session, chosen)
