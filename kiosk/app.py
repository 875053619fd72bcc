"""Provides KioskApp and ``make_app``: screens post what happened; the app decides what follows.

The app owns the session and the backend client. Network calls run in workers; when the backend
cannot be reached, the offline screen waits and retries, and the interrupted step then carries on.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen

from kiosk import messages
from kiosk.bindings import KIOSK_BINDINGS
from kiosk.client import GuidanceClient
from kiosk.config import KioskSettings
from kiosk.errors import BackendUnavailable, ContentMissing, KioskError, UnexpectedResponse
from kiosk.help_desk import close_session
from kiosk.i18n import _, use_language
from kiosk.screens.home import HomeScreen
from kiosk.screens.layout import PinnedDialog
from kiosk.screens.notice import ConfirmFinishScreen, booking_screen, error_screen, help_screen
from kiosk.screens.offline import OfflineScreen
from kiosk.screens.script import screen_parts
from kiosk.screens.settings import LanguageScreen, SettingsScreen
from kiosk.screens.step import StepScreen
from kiosk.screens.summary import SummaryScreen
from kiosk.screens.timeout import TimeoutScreen
from kiosk.screens.topic import TopicScreen
from kiosk.screens.welcome import WelcomeScreen
from kiosk.state import (
    Session,
    fresh_session,
    go_back,
    next_speech_rate,
    proceed,
    remaining_steps,
    rewind,
    start_flow,
    toggle_register,
)
from kiosk.themes import DEFAULT, HIGH_CONTRAST, THEMES

if TYPE_CHECKING:
    from accessibility.speech import Speaker
    from guidance.document import Catalogue, Flow
    from kiosk.release_cache import CachedRelease

logger = logging.getLogger("kiosk.app")

KEYPAD_ENTER = frozenset({"ctrl+j", "newline"})
"""What a numeric keypad's Enter arrives as in a terminal's normal keypad mode (a line feed)."""

BackendStarter = Callable[[], str]
"""Starts an embedded backend (blocking, run on a thread) and returns the device key to use."""
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
        self.speaker: Speaker | None = None
        """None until loaded (after the first release arrives); a NullSpeaker when unavailable."""
        self._speaker_factory = speaker_factory
        self._spoken_parts: list[str | None] = []
        self._speech_paused = False
        self._spoken_screen: object = None
        self._tokenizer: Any = None
        self._ruby_cache: dict[tuple[str, int, bool], tuple[tuple[str, str], ...]] = {}
        self._speech_notice_shown = False
        self.settings = settings
        self.client = client or GuidanceClient(settings.backend_url, settings.api_key,
                                               timeout=settings.request_timeout)
        from kiosk.release_cache import ReleaseCache

        self.cache = ReleaseCache(settings.cache_dir) if settings.cache_dir else None
        self.release: CachedRelease | None = None
        self.catalogue: Catalogue | None = None
        self.flow: Flow | None = None
        self.offline = False
        """True while the guidance comes from the cache because the backend cannot be reached."""
        self.backend_error: BaseException | None = None
        """Why the embedded backend failed to start, for the command line to report after exit."""
        self._backend_starter = backend_starter
        self._backend_ready = asyncio.Event()
        from kiosk.help_desk import HelpDesk

        self.help_desk = HelpDesk(self)
        """The resident's call for a volunteer, if any (kiosk/help_desk.py)."""
        self._printer: Any = None
        """Made on the first slip printed (kiosk.printing loads fpdf2 only then)."""

    # ------------------------------------------------------------------ lifecycle

    def get_default_screen(self) -> Screen[Any]:
        """The welcome screen is the bottom of the stack: it is painted first and every session
        ends back on it."""
        return WelcomeScreen()

    def on_mount(self) -> None:
        use_language(self.settings.language)
        self.session = fresh_session(self.settings.language)
        if self.settings.keymap:
            self.set_keymap(dict(self.settings.keymap))
        self._last_activity = time.monotonic()
        self._rebuilding = False
        self._held_keys: list[tuple[str, str | None]] = []
        self.set_interval(1, self._check_idle)
        self.set_interval(0.05, self._drain_speech_events)
        self.set_interval(1, self._poll_help)
        if self._backend_starter is None:
            self._backend_ready.set()
        else:
            # First paint first: the backend boots while the resident reads the welcome screen.
            self.call_after_refresh(self._start_backend)

    @work(thread=True, exclusive=True, group="backend")
    def _start_backend(self) -> None:
        assert self._backend_starter is not None
        try:
            key = self._backend_starter()
        except Exception as error:
            logger.exception("embedded backend failed to start")
            self.call_from_thread(self._backend_started, None, error)
        else:
            self.call_from_thread(self._backend_started, key, None)

    def _backend_started(self, key: str | None, error: BaseException | None) -> None:
        self.client.api_key = key or self.client.api_key
        self.backend_error = error
        self._backend_ready.set()
        # Everything loaded so far (Textual, Django, the backend) lives as long as the kiosk: keep
        # it out of the garbage collector's full passes, which otherwise stall a key press.
        gc.collect()
        gc.freeze()

    async def on_unmount(self) -> None:
        if self.speaker is not None:
            self.speaker.close()
        await self.client.aclose()

    # ------------------------------------------------------------------ read-aloud

    @work(thread=True, exclusive=True, group="speech")
    def _load_speaker(self, readings: Mapping[str, str]) -> None:
        """Load the voices off the UI thread; a missing engine or device means visual only."""
        if self._speaker_factory is not None:
            speaker = self._speaker_factory(readings)
        else:
            from accessibility.speech import get_speaker

            speaker = get_speaker(("ja", "en"), device=self.settings.audio_device, readings=readings)
        self.call_from_thread(setattr, self, "speaker", speaker)

    def action_read_aloud(self) -> None:
        speaker = self.speaker
        if speaker is None or not speaker.available:
            if not self._speech_notice_shown or speaker is None:
                reason = getattr(speaker, "reason", None)
                logger.info("read-aloud unavailable: %s", reason)
                self.notify(_("Reading aloud is not available on this kiosk right now. Everything is on the screen."),
                            severity="warning", timeout=6)
                self._speech_notice_shown = speaker is not None
            return
        from accessibility.speech import Phrase

        parts = [(text, part) for text, part in screen_parts(self.screen) if text.strip()]
        language = self.session.language
        screen = self.screen
        if isinstance(screen, StepScreen) and screen.view(self.session).note:
            language = "ja"  # the words are plain Japanese for want of a translation
        self._spoken_parts = [part for _text, part in parts]
        self._speech_paused = False
        self._spoken_screen = screen
        speaker.speak([Phrase(text, language) for text, _part in parts])

    def action_pause_speech(self) -> None:
        """Pause reading aloud, or carry on from the word where it was paused."""
        speaker = self.speaker
        if speaker is None or not speaker.available:
            return
        self._speech_paused = not self._speech_paused
        if self._speech_paused:
            speaker.pause()
        else:
            speaker.resume()

    def _drain_speech_events(self) -> None:
        """Highlight the phrase being heard; clear it when the script ends (events come from the
        speaker's own thread through its queue)."""
        from accessibility.speech import PhraseStarted, ScriptFinished, SpeechFailed

        speaker = self.speaker
        if speaker is None or not speaker.available:
            return
        for _drained in range(50):  # not `_`: that is gettext here
            event = speaker.next_event(0)
            if event is None:
                return
            screen = self._spoken_screen
            highlight = getattr(screen, "highlight", None)
            if isinstance(event, PhraseStarted) and callable(highlight) and event.index < len(self._spoken_parts):
                highlight(self._spoken_parts[event.index])
            elif isinstance(event, (ScriptFinished, SpeechFailed)) and callable(highlight):
                highlight(None)
            if isinstance(event, SpeechFailed):
                logger.warning("speech failed: %s", type(event.error).__name__)

    SPEECH_BINDINGS = ("read-aloud", "pause-speech")
    """Binding ids whose keys do not stop speech (they start, pause or resume it)."""

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
            self._last_activity = time.monotonic()
        if (isinstance(event, events.Key) and self.speaker is not None
                and event.key not in self.speech_keys()):
            self.speaker.stop()
        await super().on_event(event)

    def speech_keys(self) -> frozenset[str]:
        """The keys bound, in the active key map, to reading aloud and pausing it."""
        return frozenset(key for binding_id in self.SPEECH_BINDINGS for key in self.active_keys(binding_id))

    def active_keys(self, binding_id: str) -> tuple[str, ...]:
        """The keys of one of the app's bindings in the active key map (a site's remap, else the
        default), by binding id."""
        keymap = dict(self.settings.keymap or {})
        if binding_id in keymap:
            keys = keymap[binding_id]
        else:
            keys = next((b.key for b in self.BINDINGS if isinstance(b, Binding) and b.id == binding_id), "")
        return tuple(key.strip() for key in keys.split(",") if key.strip())

    # ------------------------------------------------------------------ inactivity (K16, WCAG 2.2.1)

    def _check_idle(self) -> None:
        # Read the stack, not self.screen: while the app shuts down the stack is already empty
        # and the timer may tick once more (self.screen would raise in front of the resident).
        stack = self.screen_stack
        if len(stack) <= 1 or isinstance(stack[-1], (WelcomeScreen, TimeoutScreen)):
            return
        idle = time.monotonic() - self._last_activity
        if idle >= self.settings.idle_seconds - self.settings.warning_seconds:
            self._warn_idle()

    @work(exclusive=True, group="idle")
    async def _warn_idle(self) -> None:
        warning = TimeoutScreen(self.settings.warning_seconds)
        if self.speaker is not None and self.speaker.available:
            from accessibility.speech import Phrase

            self.speaker.speak([Phrase(_("Are you still there?"), self.session.language),
                                Phrase(warning.message_text(), self.session.language),
                                Phrase(_("Press any key or touch the screen to continue."), self.session.language)])
        still_here = await self.push_screen_wait(warning)
        self._last_activity = time.monotonic()
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
        if name == "plain":
            self.session = toggle_register(session)
        elif name == "furigana":
            self.session = replace(session, furigana=not session.furigana)
        elif name == "contrast":
            self.session = replace(session, high_contrast=not session.high_contrast)
        elif name == "auto_read":
            self.session = replace(session, auto_read=not session.auto_read)
        elif name == "rate":
            self.session = next_speech_rate(session)

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
                    refresh = getattr(screen, "refresh_texts", None)
                    if callable(refresh):
                        refresh()
        finally:
            self._rebuilding = False
            held, self._held_keys = self._held_keys, []
            for key, character in held:
                self.post_message(events.Key(key, character))

    def watch_session(self, old: Session, new: Session) -> None:
        if new.flow_id:
            self.help_desk.flows.add(new.flow_id)
        if self.help_desk.active and (old.trail, old.answers, old.register, old.language) != (
                new.trail, new.answers, new.register, new.language):
            self.run_worker(self.help_desk.push_context(), group="help-context", exclusive=True)
        if old.high_contrast != new.high_contrast:
            self.theme = HIGH_CONTRAST if new.high_contrast else DEFAULT
        if self.speaker is not None and old.speech_rate != new.speech_rate:
            self.speaker.set_rate(new.speech_rate)

    # ------------------------------------------------------------------ what residents do

    @on(messages.SessionStarted)
    @work(exclusive=True, group="navigation")
    async def open_home(self) -> None:
        """Show the topics. With a release in memory and the backend there last time, the home
        screen shows at once and the release is re-checked once it is painted
        (``_recheck_release``): waiting for the re-check missed issue 5's 50 ms. The first session,
        and any while offline, waits for the re-check (or for the backend, on the offline screen)."""
        from guidance.document import catalogue_of_release

        if self.release is not None and self.catalogue is not None and not self.offline:
            if not isinstance(self.screen, HomeScreen):
                home = await self._home_screen(self.catalogue)
                await self.push_screen(home)
                home.call_after_refresh(self._recheck_release, home)
            return
        release = await self._current_release()
        if release is None:
            return
        try:
            same = self.release is not None and self.catalogue is not None and release.checksum == self.release.checksum
            catalogue = self.catalogue if same else catalogue_of_release(release.version, release.document)
            assert catalogue is not None
        except (KeyError, TypeError, ValueError):
            logger.warning("release %s has no usable catalogue", release.version)
            await self.push_screen_wait(error_screen(UnexpectedResponse.title, UnexpectedResponse.message))
            return
        self.release, self.catalogue = release, catalogue
        if self.speaker is None and self.settings.speech:
            self._load_speaker(catalogue.readings)
        if not isinstance(self.screen, HomeScreen):
            await self.push_screen(await self._home_screen(catalogue))

    async def _home_screen(self, catalogue: Catalogue) -> HomeScreen:
        """The home screen kept from an earlier session, ready for this one; or a new one, kept in
        turn, when the catalogue or the language differs."""
        home = self._kept_screen("home")
        if isinstance(home, HomeScreen) and home.can_show(catalogue, self.session.language):
            home.show_again()
            await home.show_offline(self.offline)
        else:
            home = HomeScreen(catalogue, offline=self.offline)
            self._keep_screen("home", home)
        return home

    @work(exclusive=True, group="release")
    async def _recheck_release(self, home: HomeScreen) -> None:
        """Re-check with the backend (by ETag) the release that ``home`` was shown from, as
        ``open_home`` did before showing it: a new release is used from the next screen on and
        the home screen shows its topics; no backend means offline, said on the home screen; any
        other error is shown as it was before the home screen, which is taken back."""
        from guidance.document import catalogue_of_release

        shown = self.release
        assert shown is not None
        try:
            fresh = await self.client.release(shown.checksum)
        except BackendUnavailable:
            fresh, self.offline = None, True
        except KioskError as error:
            logger.warning("kiosk error: %s (%s)", type(error).__name__, error.detail)
            await self._withdraw_home(home, error_screen(error.title, error.message))
            return
        else:
            self.offline = False
        if fresh is not None and self.cache:
            self.cache.save(fresh)
        if fresh is not None and fresh.checksum != shown.checksum:
            try:
                catalogue = catalogue_of_release(fresh.version, fresh.document)
            except (KeyError, TypeError, ValueError):
                logger.warning("release %s has no usable catalogue", fresh.version)
                await self._withdraw_home(home, error_screen(UnexpectedResponse.title, UnexpectedResponse.message))
                return
            self.release, self.catalogue = fresh, catalogue
        if home not in self.screen_stack:
            return  # the session has ended: the next one is shown from the release now in memory
        if home.catalogue is not self.catalogue:
            assert self.catalogue is not None
            home.catalogue, home.offline = self.catalogue, self.offline
            await home.recompose()
            home.refresh_texts()
        else:
            await home.show_offline(self.offline)

    async def _withdraw_home(self, home: HomeScreen, notice: Screen[Any]) -> None:
        """Show ``notice`` where the home screen would not have been shown (it is taken back if
        the resident is still on it)."""
        if self.screen is home:
            await self.pop_screen()
        await self.push_screen_wait(notice)

    def _kept_screen(self, name: str) -> Screen[Any] | None:
        """The screen kept as ``name`` from an earlier session, when it is free to show again."""
        if not self.is_screen_installed(name):
            return None
        screen = self.get_screen(name)
        return None if screen in self.screen_stack else screen

    def _keep_screen(self, name: str, screen: Screen[Any]) -> None:
        """Keep ``screen`` as ``name`` for later sessions (installed: popping it does not remove
        it), replacing the one kept before, which is removed unless it is still on the stack."""
        if self.is_screen_installed(name):
            old = self.get_screen(name)
            if old in self.screen_stack:
                return  # this screen goes when popped, as unkept screens do
            self.uninstall_screen(name)
            if old.is_attached:
                old.remove()
        self.install_screen(screen, name)

    async def _current_release(self) -> CachedRelease | None:
        """The backend's current release (re-checked with its ETag), or the cached one when the
        backend cannot be reached. With neither, wait on the offline screen."""
        await self._backend_ready.wait()
        # The release in memory is as good as the one on disk (both checksum-verified): re-check it
        # with its ETag, and read the disk only when the kiosk has none yet.
        cached = self.release or (self.cache.load() if self.cache else None)
        while True:
            try:
                fresh = await self.client.release(cached.checksum if cached else None)
            except BackendUnavailable:
                if cached is not None:
                    self.offline = True
                    return cached
                await self.push_screen_wait(OfflineScreen(self.client.health, self.settings.retry_seconds))
                continue
            except KioskError as error:
                logger.warning("kiosk error: %s (%s)", type(error).__name__, error.detail)
                await self.push_screen_wait(error_screen(error.title, error.message))
                return None
            self.offline = False
            if fresh is None:
                return cached
            if self.cache:
                self.cache.save(fresh)
            return fresh

    @on(messages.TopicChosen)
    async def open_topic(self, message: messages.TopicChosen) -> None:
        """The flows of a topic. Each topic's screen is composed once and shown again in later
        sessions (composing it on the key press missed issue 5's 50 ms)."""
        catalogue = self.catalogue
        topic = catalogue.topic(message.topic_id) if catalogue else None
        if topic is None or catalogue is None:
            return
        name = f"topic-{topic.id}"
        screen = self._kept_screen(name)
        if isinstance(screen, TopicScreen) and screen.can_show(topic, catalogue.municipality, self.session.language):
            await screen.show_again()
        else:
            screen = TopicScreen(topic, catalogue.municipality)
            self._keep_screen(name, screen)
        self.push_screen(screen)

    @on(messages.FlowChosen)
    @work(exclusive=True, group="navigation")
    async def open_flow(self, message: messages.FlowChosen) -> None:
        """Flows come from the release already in hand: no network, so they work offline too."""
        from guidance.document import parse_flow

        try:
            assert self.release is not None
            flow = parse_flow(self.release.document["flows"][message.flow_id])
        except (AssertionError, KeyError, TypeError, ValueError):
            logger.warning("flow %s missing or unusable in the release", message.flow_id)
            await self.push_screen_wait(error_screen(ContentMissing.title, ContentMissing.message))
            return
        self.flow = flow
        self.session = start_flow(self.session, flow)
        await self._show_step()
        self.call_after_refresh(self._drop_render_caches)

    @on(messages.StepAnswered)
    async def answer_step(self, message: messages.StepAnswered) -> None:
        if self.flow is None:
            return
        self.session = proceed(self.session, self.flow, message.answer, day=self.settings.today())
        await self._show_step()

    async def _show_step(self) -> None:
        """Push the screen of the step at the end of the trail: one screen per step, so Back pops
        it. The screen for the n-th step of a flow is composed once and then reused, showing the
        new step in place (composing a screen per key press missed issue 5's 50 ms)."""
        assert self.flow is not None and self.catalogue is not None
        node = self.flow.nodes[self.session.trail[-1]]
        depth, municipality = len(self.session.trail), self.catalogue.municipality
        details: dict[str, Any] = {"step": depth, "remaining": remaining_steps(self.flow, node.id),
                                   "day": self.settings.today(), "answer": self.session.answers.get(node.id)}
        screen = self._kept_step_screen(depth)
        if screen is not None and screen.can_show(municipality, self.session.language):
            await screen.show_step(self.flow, node, municipality, **details)
            if self.session.node_id != node.id:  # the session ended or moved on meanwhile
                return
        else:
            screen = StepScreen(self.flow, node, municipality, **details)
            self._keep_step_screen(depth, screen)
        self.push_screen(screen)

    def _kept_step_screen(self, depth: int) -> StepScreen | None:
        """The screen kept for the ``depth``-th step of a flow, when it is free to show another."""
        name = f"step-{depth}"
        if not self.is_screen_installed(name):
            return None
        screen = self.get_screen(name)
        if not isinstance(screen, StepScreen) or screen in self.screen_stack:
            return None
        return screen

    def _keep_step_screen(self, depth: int, screen: StepScreen) -> None:
        """Keep ``screen`` for the ``depth``-th step (installed: popping it does not remove it),
        replacing the one kept before, which is removed unless it is still on the stack."""
        name = f"step-{depth}"
        if self.is_screen_installed(name):
            old = self.get_screen(name)
            if old in self.screen_stack:
                return  # an unusual stack (the same depth twice): this screen goes when popped
            self.uninstall_screen(name)
            if old.is_attached:
                old.remove()
        self.install_screen(screen, name)

    @staticmethod
    def _drop_render_caches() -> None:
        """Let go of what removed widgets rendered, once a new flow is painted.

        Textual 8 memoises ``StylesCache.get_inner_outer`` with ``functools.lru_cache`` on the
        instance method, so up to 1024 caches of removed widgets stay alive with every line they
        rendered (textualize/textual#6665). Every full garbage collection walks them: after ten
        sessions the objects it walks had grown from 50,000 to 200,000 and a collection, which can
        fall in any key press, took over 100 ms. They also kept the words of earlier residents'
        screens in memory. Clearing the cache costs a few recomputed styles.
        """
        from textual._styles_cache import StylesCache

        cache_clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
        if callable(cache_clear):
            cache_clear()

    @on(messages.HomeRequested)
    def go_home(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        self.flow = None
        self.session = replace(self.session, flow_id=None, trail=(), answers=MappingProxyType({}))
        self.call_after_refresh(self._drop_render_caches)

    @on(messages.BookingRequested)
    @work(exclusive=True, group="booking")
    async def open_booking(self, message: messages.BookingRequested) -> None:
        """Book at the kiosk; with no backend, say how to book by phone or at the counter."""
        municipality = self.catalogue.municipality if self.catalogue else None
        if municipality is None or self.offline:
            await self.push_screen_wait(booking_screen(municipality))
            return
        from kiosk.booking_wizard import run_booking

        await run_booking(self, municipality, message.service)

    def say(self, text: str) -> None:
        """Speak one short announcement (a countdown warning) when a voice is available."""
        if self.speaker is not None and self.speaker.available:
            from accessibility.speech import Phrase

            self.speaker.speak([Phrase(text, self.session.language)])

    async def print_slip(self, slip: Any) -> str:
        """Print a booking slip off the UI thread; returns what to tell the resident."""
        from kiosk.printing.printer import printer_from_setting
        from kiosk.printing.slip import PrintError

        if self._printer is None:
            import tempfile
            from pathlib import Path

            folder = (self.settings.cache_dir or Path(tempfile.gettempdir()) / "madoguchi") / "slips"
            self._printer = printer_from_setting(self.settings.printer, folder)
        try:
            await asyncio.to_thread(self._printer.print_slip, slip)
        except PrintError as error:
            logger.warning("printing failed: %s (%s)", error.reason, error.detail)
            return {"no_printer": _("The printer is not connected. Please write down the reference code."),
                    "no_font": _("The slip cannot be printed on this kiosk. Please write down the reference code."),
                    }.get(error.reason, _("The slip could not be printed. Please write down the reference code."))
        return _("The slip is printed. Please take it with you.")

    @on(messages.HelpRequested)
    def action_help(self) -> None:
        """Call a volunteer (or, with no backend, say where the counter is)."""
        screen = self.screen
        if isinstance(screen, OfflineScreen) or screen.id == "help" or screen.name in ("help-reason", "help-waiting"):
            return
        if self.offline or self.catalogue is None:
            self.run_worker(self.show_counter_help(), group="help-ui")
            return
        self.run_worker(self.help_desk.ask(), group="help-ui")

    async def show_counter_help(self) -> None:
        await self.push_screen_wait(help_screen(self.catalogue.municipality if self.catalogue else None))

    def _poll_help(self) -> None:
        if self.help_desk.active:
            self.run_worker(self.help_desk.poll(), group="help-poll", exclusive=True)

    @work(exclusive=True, group="finish")
    async def action_finish(self) -> None:
        """The finish key: when it would erase a name or phone the resident typed, ask first."""
        if isinstance(self.screen, (WelcomeScreen, ConfirmFinishScreen)):
            return
        typed = any(getattr(screen, "holds_personal_data", lambda: False)() for screen in self.screen_stack)
        if typed and not await self.push_screen_wait(ConfirmFinishScreen(id="confirm-finish")):
            return
        self.action_end_session()

    @on(messages.SessionEndRequested)
    def action_end_session(self) -> None:
        """Wipe everything of this resident and show the welcome screen for the next one."""
        # A booking in progress ends too: its worker releases the held time and drops the draft.
        self.workers.cancel_group(self, "booking")
        discard = getattr(self._printer, "discard", None)
        if callable(discard) and not self.settings.printer:
            discard()  # the default PDF "printer" keeps no slip beyond the session
        self.workers.cancel_group(self, "help-ui")
        self.run_worker(close_session(self, *self.help_desk.end_session()), group="help-close")
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.flow = None
        self.session = fresh_session(self.settings.language)
        self._drop_render_caches()  # what removed screens rendered goes with the resident
        self.theme = DEFAULT
        use_language(self.settings.language)
        # The welcome screen was drawn in the last resident's language: the next one sees the default.
        self.run_worker(self.screen_stack[0].recompose(), group="welcome-reset", exclusive=True)
        if self.speaker is not None:
            self.speaker.stop()
            self.speaker.set_rate(1.0)
            self.speaker.set_volume(1.0)  # K8: the next resident starts at the default volume

    async def action_back(self) -> None:
        screen = self.screen
        if isinstance(screen, OfflineScreen) or isinstance(screen, (WelcomeScreen, HomeScreen)):
            return
        if isinstance(screen, PinnedDialog):
            screen.go_back()  # dismissed, so whoever waits for its answer carries on
            return
        if isinstance(screen, StepScreen):
            self.session = go_back(self.session)
        self.pop_screen()

    @work(exclusive=True, group="summary")
    async def action_summary(self) -> None:
        """The answers so far; choosing one goes back to that question, answer pre-selected."""
        if self.flow is None or not isinstance(self.screen, StepScreen):
            return
        chosen = await self.push_screen_wait(SummaryScreen(self.flow, self.session))
        if chosen is None or chosen not in self.session.trail:
            return
        for _step in range(len(self.session.trail) - 1 - self.session.trail.index(chosen)):
            self.pop_screen()
        self.session = rewind(self.session, chosen)

    def ruby_rows(self, text: str, width: int, *, words: bool = False) -> tuple[tuple[str, str], ...]:
        """Furigana rows for ``text`` at ``width`` cells (readings from the release's dictionary);
        ``words``: break only between words (plain Japanese)."""
        key = (text, width, words)
        if key not in self._ruby_cache:
            from accessibility.furigana import annotate, ruby_lines
            from accessibility.tokenizer import FugashiTokenizer

            if self._tokenizer is None:
                self._tokenizer = FugashiTokenizer()
            readings = self.catalogue.readings if self.catalogue else {}
            self._ruby_cache[key] = ruby_lines(annotate(text, self._tokenizer, readings), width, words=words)
        return self._ruby_cache[key]

    def auto_read(self) -> None:
        """Called by screens as they appear: read them aloud when the resident asked for it."""
        if self.session.auto_read and self.speaker is not None and self.speaker.available:
            self.call_after_refresh(self.action_read_aloud)


def make_app(settings: KioskSettings, *, backend_starter: BackendStarter | None = None,
             client: GuidanceClient | None = None, speaker_factory: SpeakerFactory | None = None) -> KioskApp:
    """The one way to build the kiosk, used by the command line, the tests and the benchmarks."""
    return KioskApp(settings, client=client, backend_starter=backend_starter, speaker_factory=speaker_factory)
