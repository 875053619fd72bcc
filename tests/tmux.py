"""A real terminal for tests: one tmux session on a tmux server of its own.

Each terminal gets its own server socket (``tmux -L``): sessions on the shared default server
raced when one test's last session closed the server while the next test opened its session
("server exited unexpectedly", seen in CI), and a developer's own tmux stays untouched.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import uuid


class Terminal:
    def __init__(self, command: str, width: int, height: int, *, prefix: str = "madoguchi") -> None:
        assert shutil.which("tmux"), "tmux is installed by scripts/setup; run the README's test command"
        self.name = f"{prefix}-{uuid.uuid4().hex[:8]}"
        self._tmux = ["tmux", "-L", self.name]
        subprocess.run([*self._tmux, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                        command], check=True)

    def close(self) -> None:
        subprocess.run([*self._tmux, "kill-server"], check=False, capture_output=True)

    def keys(self, *keys: str) -> None:
        subprocess.run([*self._tmux, "send-keys", "-t", self.name, *keys], check=True)

    def display(self, form: str) -> str:
        return subprocess.run([*self._tmux, "display", "-p", "-t", self.name, form], check=True,
                              capture_output=True, text=True).stdout.strip()

    def screen(self) -> str:
        return subprocess.run([*self._tmux, "capture-pane", "-p", "-t", self.name], check=True,
                              capture_output=True, text=True).stdout

    def wait_for(self, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{self.screen()}")

    def wait_for_change(self, before: str, timeout: float = 10) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if screen != before:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"the screen did not change:\n{before}")
