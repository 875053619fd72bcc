"""Provides KioskApp and ``make_app``: screens post what happened; the app decides what follows.

The app owns the session and the backend client. Network calls run in workers; when the backend
cannot be reached, the offline screen waits and retries, and the interrupted step then carries on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App
from textual.reactive import var
from textual.screen import Screen

from kiosk import messages
from kiosk.backend_launch import BackendLaunch, BackendStarter
from kiosk.bindings import KIOSK_BINDINGS
from kiosk.client import GuidanceClient
from kiosk.config import KioskSettings
from kiosk.help_desk import HelpDesk, close_session
from kiosk.i18n import _, use_language
from kiosk.idle import IdleWatch
from kiosk.keys import KEYPAD_ENTER, SPEECH_BINDINGS, bound_keys
from kiosk.navigation import Navigator
from kiosk.printing.desk import SlipDesk
from kiosk.read_aloud import ReadAloud
from kiosk.release_cache import ReleaseCache
from kiosk.release_keeper import ReleaseKeeper
from kiosk.render_caches import drop_render_caches
from kiosk.ruby_rows import RubyRows
from kiosk.screen_pool import ScreenPool
from kiosk.screens.base import KioskScreen
from kiosk.screens.notice import ConfirmFinishScreen, help_screen
from kiosk.screens.offline import OfflineScreen
from kiosk.screens.script import read_aloud_script
from kiosk.screens.settings import LanguageScreen, SettingsScreen
from kiosk.screens.timeout import TimeoutScreen
from kiosk.screens.welcome import WelcomeScreen
from kiosk.state import Session, fresh_session, with_setting, with_suggestion
from kiosk.themes import DEFAULT, HIGH_CONTRAST, THEMES

if TYPE_CHECKING:
    from accessibility.speech import Speaker, SpeechEvent
    from guidance.document import Catalogue, Flow
    from kiosk.printing.slip import PrintableSlip

logger = logging.getLogger("kiosk.app")


SpeakerFactory = Callable[[Mapping[str, str]], "Speaker"]
"""Makes the speaker (blocking: loads voices), given the reading dictionary. Never raises."""


class KioskApp(App[None]):
    """The kiosk. Bindings have ids so a site can remap them for its keypad."""

    CSS_PATH = "kiosk.tcss"
    TITLE = "Madoguchi"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = list(KIOSK_BINDINGS)

    session: var[Session] = var(Session)
    """The resident's session; replaced whole, never mutated."""

    def __init__(self, settings: KioskSettings, *, client: GuidanceClient | None = None,
                 backend_starter: BackendStarter | None = None,
                 speaker_factory: SpeakerFactory | None = None) -> None:
        from kiosk.cells import install

        install()  # measure text as the terminal draws it, before anything is rendered
        super().__init__()
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DEFAULT
        self.navigator = Navigator(self)
        """Where the resident goes next (kiosk/navigation.py)."""
        self.pool = ScreenPool(self)
        """Screens composed once and shown again (kiosk/screen_pool.py)."""
        self.voice = ReadAloud()
        """Reading aloud (kiosk/read_aloud.py); its speaker loads after the first release arrives."""
        self._speaker_factory = speaker_factory
        self._ruby = RubyRows()
        self.settings = settings
        self.client = client or GuidanceClient(settings.backend_url, settings.api_key,
                                               timeout=settings.request_timeout)
        self.releases = ReleaseKeeper(self.client, ReleaseCache(settings.cache_dir) if settings.cache_dir else None)
        """The guidance release shown, fetched, cached and re-checked (kiosk/release_keeper.py)."""
        self.flow: Flow | None = None
        self.backend = BackendLaunch(backend_starter)
        """The embedded backend, started after the first paint (kiosk/backend_launch.py)."""
        self.help_desk = HelpDesk(self)
        """The resident's call for a volunteer, if any (kiosk/help_desk.py)."""
        self.slips = SlipDesk(settings)

    # ------------------------------------------------------------------ lifecycle

    def get_default_screen(self) -> Screen[Any]:
        """The welcome screen is the bottom of the stack: painted first, every session ends on it."""
        return WelcomeScreen()

    def on_mount(self) -> None:
        use_language(self.settings.language)
        self.session = fresh_session(self.settings.language)
        if self.settings.keymap:
            self.set_keymap(dict(self.settings.keymap))
        self.idle = IdleWatch(self.settings.idle_seconds, self.settings.warning_seconds)
        self._rebuilding = False
        self._held_keys: list[tuple[str, str | None]] = []
        self.set_interval(1, self._check_idle)
        self.set_interval(1, self.help_desk.tick)
        if self.backend.starter is not None:
            # First paint first: the backend boots while the resident reads the welcome screen.
            self.call_after_refresh(self.run_worker, self.backend.start(self.client), group="backend", exclusive=True)

    @property
    def backend_error(self) -> BaseException | None:
        """Why the embedded backend failed to start, for the command line to report after exit."""
        return self.backend.error

    async def on_unmount(self) -> None:
        self.voice.close()
        await self.client.aclose()

    # ------------------------------------------------------------------ read-aloud

    @property
    def speaker(self) -> Speaker | None:
        """None until loaded (after the first release arrives); a NullSpeaker when unavailable."""
        return self.voice.speaker

    def load_speaker(self, readings: Mapping[str, str]) -> None:
        """Load the voices once, off the UI thread; a missing engine or device means visual only."""
        if self.speaker is None:
            self._load_speaker(readings)

    @work(thread=True, exclusive=True, group="speech")
    def _load_speaker(self, readings: Mapping[str, str]) -> None:
        speaker = self.voice.make_speaker(readings, self._speaker_factory, device=self.settings.audio_device)
        self.call_from_thread(self.voice.attach, speaker, self._speech_event)

    def _speech_event(self, event: SpeechEvent) -> None:
        """From the voice's listening thread: post_message is thread-safe and does not wait."""
        self.post_message(messages.SpeechProgress(event))

    @on(messages.SpeechProgress)
    def _highlight_heard(self, message: messages.SpeechProgress) -> None:
        """Highlight the phrase being heard; clear it when the script ends."""
        from accessibility.speech import SpeechFailed

        if isinstance(message.event, SpeechFailed):
            logger.warning("speech failed: %s", type(message.event.error).__name__)
        heard = self.voice.heard(message.event)
        if heard is not None and isinstance(heard[0], KioskScreen):
            heard[0].highlight(heard[1])

    def action_read_aloud(self) -> None:
        self.help_desk.read_aloud_used()
        if not self.voice.available:
            if self.voice.should_say_unavailable():
                logger.info("read-aloud unavailable: %s", getattr(self.speaker, "reason", None))
                self.notify(_("Reading aloud is not available on this kiosk right now. Everything is on the screen."),
                            severity="warning", timeout=6)
            return
        self.voice.read(self.screen, *read_aloud_script(self.screen, self.session))

    def action_pause_speech(self) -> None:
        """Pause reading aloud, or carry on from the word where it was paused."""
        self.voice.toggle_pause()


    async def on_event(self, event: events.Event) -> None:
        """A keypad's Enter is Enter; any other key stops speech at once (K5), except the keys
        that start or pause it; any key or touch counts as activity for the inactivity timer."""
        if isinstance(event, events.Key) and event.key in KEYPAD_ENTER:
            # In a terminal's normal keypad mode KPEnter arrives as a line feed (ctrl+j).
            event = events.Key("enter", "\r")
        if isinstance(event, events.Key) and self._rebuilding:
            # The screens are being rebuilt in another language: a key now would reach widgets
            # on their way out and be lost. It is kept and replayed once they are back.
            self._held_keys.append((event.key, event.character))
            event.stop()
            return
        if isinstance(event, (events.Key, events.MouseDown)):
            self.idle.touch()
        if isinstance(event, events.Key) and event.key not in self.speech_keys():
            self.voice.stop()
        await super().on_event(event)

    def speech_keys(self) -> frozenset[str]:
        """The keys bound, in the active key map, to reading aloud and pausing it."""
        return frozenset(key for binding_id in SPEECH_BINDINGS for key in self.active_keys(binding_id))

    def active_keys(self, binding_id: str) -> tuple[str, ...]:
        """The keys of one of the app's bindings in the active key map, by binding id."""
        return bound_keys(binding_id, KIOSK_BINDINGS, self.settings.keymap)

    # ------------------------------------------------------------------ inactivity (K16, WCAG 2.2.1)

    def _check_idle(self) -> None:
        # Read the stack, not self.screen: while the app shuts down the stack is already empty
        # and the timer may tick once more (self.screen would raise in front of the resident).
        stack = self.screen_stack
        if len(stack) <= 1 or isinstance(stack[-1], (WelcomeScreen, TimeoutScreen)):
            return
        if self.idle.warning_due():
            self._warn_idle()

    @work(exclusive=True, group="idle")
    async def _warn_idle(self) -> None:
        warning = TimeoutScreen(self.settings.warning_seconds)
        self.voice.say(_("Are you still there?"), warning.message_text(),
                       _("Press any key or touch the screen to continue."), language=self.session.language)
        still_here = await self.push_screen_wait(warning)
        self.idle.touch()
        if not still_here:
            self.action_end_session()

    # ------------------------------------------------------------------ settings and language

    async def action_settings(self) -> None:
        if not isinstance(self.screen, (SettingsScreen, LanguageScreen, TimeoutScreen, OfflineScreen)):
            await self.push_screen(SettingsScreen())

    async def action_setting(self, name: str) -> None:
        """Change one setting; it applies at once to every open screen, progress kept."""
        session = self.session
        if name == "language":
            self.action_language()  # a worker: it waits for the choice on its own
            return
        if name == "summary":
            if isinstance(self.screen, SettingsScreen):
                self.screen.dismiss(None)
                await asyncio.sleep(0)
            await self.run_action("summary")
            return
        self.session = with_setting(session, name)

    @work(exclusive=True, group="language")
    async def action_language(self) -> None:
        if isinstance(self.screen, LanguageScreen):
            return
        chosen = await self.push_screen_wait(LanguageScreen())
        if chosen:
            await self.set_language(chosen)

    async def set_language(self, language: str) -> None:
        """Switch language mid-session: every open screen is rebuilt in it, progress kept."""
        use_language(language)
        self.session = replace(self.session, language=language)
        self._rebuilding = True
        try:
            for screen in list(self.screen_stack):
                if screen.is_mounted:
                    await screen.recompose()
                    if isinstance(screen, KioskScreen):
                        screen.refresh_texts()
        finally:
            self._rebuilding = False
            held, self._held_keys = self._held_keys, []
            for key, character in held:
                self.post_message(events.Key(key, character))

    def watch_session(self, old: Session, new: Session) -> None:
        self.help_desk.session_changed(old, new)
        if old.high_contrast != new.high_contrast:
            self.theme = HIGH_CONTRAST if new.high_contrast else DEFAULT
        if old.speech_rate != new.speech_rate:
            self.voice.set_rate(new.speech_rate)

    # ------------------------------------------------------------------ what residents do

    @property
    def catalogue(self) -> Catalogue | None:
        return self.releases.catalogue

    @property
    def offline(self) -> bool:
        """True while the guidance comes from the cache because the backend cannot be reached."""
        return self.releases.offline

    @on(messages.SessionStarted)
    @work(exclusive=True, group="navigation")
    async def open_home(self) -> None:
        await self.navigator.open_home()

    @on(messages.TopicChosen)
    async def open_topic(self, message: messages.TopicChosen) -> None:
        await self.navigator.open_topic(message.topic_id)

    @on(messages.FlowChosen)
    @work(exclusive=True, group="navigation")
    async def open_flow(self, message: messages.FlowChosen) -> None:
        await self.navigator.open_flow(message.flow_id)

    @on(messages.StepAnswered)
    async def answer_step(self, message: messages.StepAnswered) -> None:
        await self.navigator.answer_step(message.answer)

    @on(messages.HomeRequested)
    def go_home(self) -> None:
        self.navigator.go_home()

    @on(messages.BookingRequested)
    @work(exclusive=True, group="booking")
    async def open_booking(self, message: messages.BookingRequested) -> None:
        await self.navigator.open_booking(message.service)

    def say(self, text: str) -> None:
        """Speak one short announcement (a countdown warning) when a voice is available."""
        self.voice.say(text, language=self.session.language)

    async def print_slip(self, slip: PrintableSlip) -> str:
        """Print a booking slip off the UI thread; returns what to tell the resident."""
        return await self.slips.print_slip(slip)

    @on(messages.HelpRequested)
    def action_help(self) -> None:
        """Call a volunteer (or, with no backend, say where the counter is)."""
        self.help_desk.requested()

    @on(messages.CounterHelpRequested)
    def show_counter_help(self) -> None:
        self.run_worker(self.push_screen_wait(help_screen(self.catalogue.municipality if self.catalogue else None)),
                        group="help-ui")

    @on(messages.SuggestionAccepted)
    async def apply_suggestion(self, message: messages.SuggestionAccepted) -> None:
        """A volunteer's suggestion the resident said yes to: what it turns on stays on."""
        self.session = with_suggestion(self.session, message.action)
        if message.action == "read_aloud":
            self.action_read_aloud()
        elif message.action == "open_summary":
            await self.run_action("summary")
        elif message.action == "go_home":
            self.go_home()

    @work(exclusive=True, group="finish")
    async def action_finish(self) -> None:
        """The finish key: when it would erase a name or phone the resident typed, ask first."""
        if isinstance(self.screen, (WelcomeScreen, ConfirmFinishScreen)):
            return
        typed = any(isinstance(screen, KioskScreen) and screen.holds_personal_data() for screen in self.screen_stack)
        if typed and not await self.push_screen_wait(ConfirmFinishScreen(id="confirm-finish")):
            return
        self.action_end_session()

    @on(messages.SessionEndRequested)
    def action_end_session(self) -> None:
        """Wipe everything of this resident and show the welcome screen for the next one."""
        # A booking in progress ends too: its worker releases the held time and drops the draft.
        self.workers.cancel_group(self, "booking")
        self.slips.end_session()
        self.workers.cancel_group(self, "help-ui")
        self.run_worker(close_session(self, *self.help_desk.end_session()), group="help-close")
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.flow = None
        self.session = fresh_session(self.settings.language)
        drop_render_caches()  # what removed screens rendered goes with the resident
        self.theme = DEFAULT
        use_language(self.settings.language)
        # The welcome screen was drawn in the last resident's language: the next one sees the default.
        self.run_worker(self.screen_stack[0].recompose(), group="welcome-reset", exclusive=True)
        self.voice.reset()  # K8: the next resident starts at the default rate and volume

    async def action_back(self) -> None:
        self.navigator.back()

    @work(exclusive=True, group="summary")
    async def action_summary(self) -> None:
        await self.navigator.summary()

    def ruby_rows(self, text: str, width: int, *, words: bool = False) -> tuple[tuple[str, str], ...]:
        """Furigana rows for ``text`` at ``width`` cells, with the release's reading dictionary."""
        return self._ruby.rows(text, width, self.catalogue.readings if self.catalogue else {}, words=words)

    def auto_read(self) -> None:
        """Called by screens as they appear: read them aloud when the resident asked for it."""
        if self.session.auto_read and self.voice.available:
            self.call_after_refresh(self.action_read_aloud)


def make_app(settings: KioskSettings, *, backend_starter: BackendStarter | None = None,
             client: GuidanceClient | None = None, speaker_factory: SpeakerFactory | None = None) -> KioskApp:
    """The one way to build the kiosk, used by the command line, the tests and the benchmarks."""
    return KioskApp(settings, client=client, backend_starter=backend_starter, speaker_factory=speaker_factory)
