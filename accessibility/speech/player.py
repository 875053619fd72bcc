"""Provides AplayPlayer: raw PCM played by an ``aplay`` process that can be killed at once.

Why ``aplay``: it is in every Debian system with sound (``alsa-utils``), plays through PulseAudio or
PipeWire when they are there (ALSA's default device), and as a separate process it can be stopped
with one signal: the kernel closes the PCM and the sound stops within milliseconds, whatever the
speaker's worker thread is doing. Samples go to its standard input, so nothing touches the disk.

The device comes from ``MADOGUCHI_AUDIO_DEVICE`` (an ALSA PCM name: ``default``, ``plughw:1,0``,
``null`` to discard, or ``file:FILE=/tmp/out.raw,FORMAT=raw`` to capture), else ``default``.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
import threading
from typing import IO, Protocol

from accessibility.errors import SpeechUnavailable

DEVICE_VARIABLE = "MADOGUCHI_AUDIO_DEVICE"
DEFAULT_DEVICE = "default"
BUFFER_US = 100_000
"""aplay's ALSA buffer (100 ms): what is still heard after a pause at worst on a real card."""
PIPE_BYTES = 256 * 1024
"""Room in the pipe (2.7 s at 48 kHz) so a write never blocks while the speaker renders ahead."""
_SET_PIPE_SIZE = getattr(fcntl, "F_SETPIPE_SZ", 1031)


def audio_device(device: str | None = None) -> str:
    """``device``, else ``$MADOGUCHI_AUDIO_DEVICE``, else ALSA's ``default``."""
    return device or os.environ.get(DEVICE_VARIABLE) or DEFAULT_DEVICE


class PlayerInterrupted(Exception):
    """The player was halted (stop, pause) while the worker used it: not a failure."""


class Player(Protocol):
    """Plays mono 16-bit PCM; ``halt`` may be called from any thread and silences it at once."""

    def check(self) -> None: ...

    def start(self, sample_rate: int) -> None: ...

    def write(self, pcm: bytes) -> None: ...

    def finish(self) -> None: ...

    def halt(self) -> None: ...

    def release(self) -> None: ...

    def close(self) -> None: ...


class AplayPlayer:
    """One ``aplay`` process at a time, reading raw PCM from a pipe.

    ``halt()`` kills it from whatever thread calls it and refuses to start another until the
    worker calls ``release()``, so a stop can never be undone by a start racing with it.
    """

    def __init__(self, device: str | None = None, *, aplay: str | None = None) -> None:
        self.device = audio_device(device)
        self._aplay = aplay or shutil.which("aplay")
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._draining: subprocess.Popen[bytes] | None = None
        self._errors: IO[bytes] | None = None
        self._halted = False

    def _command(self, sample_rate: int) -> list[str]:
        if self._aplay is None:
            raise SpeechUnavailable("aplay not found: install the Debian package alsa-utils")
        return [self._aplay, "-q", "-D", self.device, "-t", "raw", "-f", "S16_LE", "-c", "1",
                "-r", str(sample_rate), "-B", str(BUFFER_US), "-"]

    def check(self) -> None:
        """Plays 20 ms of silence to prove the device works.

        Raises:
            SpeechUnavailable: no aplay, or the device cannot be opened (no sound card).
        """
        try:
            result = subprocess.run(self._command(16000), input=bytes(640), capture_output=True, timeout=5)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SpeechUnavailable(f"audio device {self.device!r} does not respond: {error}") from error
        if result.returncode != 0:
            detail = result.stderr.decode(errors="replace").strip().splitlines()
            raise SpeechUnavailable(f"audio device {self.device!r} cannot play "
                                    f"({detail[-1] if detail else result.returncode}); set {DEVICE_VARIABLE}")

    @property
    def pid(self) -> int | None:
        """The playing aplay's process id, if one is playing."""
        process = self._process
        return process.pid if process is not None else None

    def start(self, sample_rate: int) -> None:
        """Starts a fresh aplay at ``sample_rate``, killing any earlier one."""
        with self._lock:
            if self._halted:
                raise PlayerInterrupted
            for process in (self._process, self._draining):
                if process is not None:
                    _kill(process)
            self._process = self._draining = None
            self._errors = tempfile.TemporaryFile()
            try:
                self._process = subprocess.Popen(self._command(sample_rate), stdin=subprocess.PIPE,
                                                 stdout=subprocess.DEVNULL, stderr=self._errors)
            except OSError as error:
                raise SpeechUnavailable(f"aplay could not start: {error}") from error
            if self._process.stdin is not None:
                try:
                    fcntl.fcntl(self._process.stdin.fileno(), _SET_PIPE_SIZE, PIPE_BYTES)
                except OSError:
                    pass  # the default 64 KiB pipe still works; writes just block sooner

    def write(self, pcm: bytes) -> None:
        """Writes samples; raises PlayerInterrupted after a halt, SpeechUnavailable if aplay died."""
        process = self._process
        if self._halted or process is None or process.stdin is None:
            raise PlayerInterrupted
        try:
            process.stdin.write(pcm)
            process.stdin.flush()
        except (BrokenPipeError, ValueError, OSError) as error:
            if self._halted:
                raise PlayerInterrupted from error
            raise SpeechUnavailable(f"aplay stopped playing: {self._error_text()}") from error

    def finish(self) -> None:
        """No more samples: aplay plays what it has and exits by itself."""
        with self._lock:
            process, self._process = self._process, None
            if process is None:
                return
            if self._draining is not None:
                _kill(self._draining)
            self._draining = process
            _close_input(process)

    def halt(self) -> None:
        """Silences playback now, from any thread; ``start`` is refused until ``release``."""
        with self._lock:
            self._halted = True
            for process in (self._process, self._draining):
                if process is not None:
                    _kill(process)
            self._process = self._draining = None

    def release(self) -> None:
        """Lets the worker start playing again after it has dealt with a halt."""
        with self._lock:
            self._halted = False

    def close(self) -> None:
        self.halt()

    def _error_text(self) -> str:
        errors = self._errors
        if errors is None:
            return "no details"
        try:
            errors.seek(0)
            lines = errors.read().decode(errors="replace").strip().splitlines()
        except OSError:
            return "no details"
        return lines[-1] if lines else "no details"


def _close_input(process: subprocess.Popen[bytes]) -> None:
    try:
        if process.stdin is not None:
            process.stdin.close()
    except (OSError, ValueError):
        pass


def _kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL and reap: aplay has nothing to flush, and the kernel closes the PCM at once."""
    if process.poll() is None:
        process.kill()
    try:
        process.wait(timeout=1)
    except subprocess.TimeoutExpired:
        pass
    _close_input(process)
