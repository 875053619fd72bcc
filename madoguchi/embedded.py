"""Provides the embedded default: the kiosk with its own backend in this process.

``build`` does every check that can fail on bad input (data folder, content, municipality) before
anything is written, then returns the app and its server; ``EmbeddedKiosk.run`` runs the app and
always stops the server. The command line and the start-up benchmark share this wiring.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from madoguchi.datadir import ensure_writable, resolve

if TYPE_CHECKING:
    from backend.server import BackgroundServer
    from guidance.model import ContentSet
    from kiosk.app import KioskApp


class UnknownMunicipality(Exception):
    """The chosen municipality has no file in the content."""


def prepare_environment(*, log_to_file: bool) -> Path:
    """Check the data folder and point the backend's settings at it, before Django loads.

    Raises:
        DataDirError: the folder cannot be created or written.
    """
    data_dir = ensure_writable(resolve())
    os.environ["MADOGUCHI_DATA_DIR"] = str(data_dir)
    if log_to_file:
        os.environ.setdefault("MADOGUCHI_LOG_FILE", str(data_dir / "madoguchi.log"))
    return data_dir


def load_checked_content() -> ContentSet:
    """The content set, checked in full before any database write.

    Raises:
        ContentError: with every problem as ``file:line: message``.
    """
    from backend.config.env import content_dir
    from guidance.loader import load_content

    return load_content(content_dir())


def log_to_file(data_dir: Path) -> None:
    """The terminal belongs to the kiosk: log to a file in the data folder, never to the screen."""
    handler = logging.FileHandler(data_dir / "madoguchi.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


_CHECKED = "content-checked.json"


def _fingerprint() -> str:
    """Names, sizes and modification times of the content files (not the generated paths/)."""
    import hashlib

    from backend.config.env import content_dir

    root = content_dir()
    digest = hashlib.sha256(str(root.resolve()).encode())
    for path in sorted(p for p in root.rglob("*.toml") if "paths" not in p.relative_to(root).parts):
        stat = path.stat()
        digest.update(f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _already_checked(data_dir: Path) -> list[str] | None:
    """The municipality codes of content that was fully checked and has not changed since, or
    None: then it is checked again before the kiosk starts (a file that was valid and is
    unchanged is still valid, so the first screen need not wait for the check every time)."""
    import json

    try:
        saved = json.loads((data_dir / _CHECKED).read_text())
    except (OSError, ValueError):
        return None
    if saved.get("fingerprint") != _fingerprint():
        return None
    return [str(code) for code in saved.get("municipalities", [])]


def _remember_checked(data_dir: Path, municipalities: Any) -> list[str]:
    import json

    codes = sorted(municipalities)
    try:
        (data_dir / _CHECKED).write_text(json.dumps({"fingerprint": _fingerprint(), "municipalities": codes}))
    except OSError:
        pass  # only a speed-up
    return codes


@dataclass
class EmbeddedKiosk:
    app: KioskApp
    server: BackgroundServer
    data_dir: Path

    def run(self, **run_options: Any) -> None:
        """Run the kiosk (``App.run`` options pass through); the backend stops when it exits."""
        try:
            self.app.run(**run_options)
        finally:
            self.server.stop()


def build(municipality: str) -> EmbeddedKiosk:
    """Check everything, bind a free loopback port, and return the kiosk wired to its backend.

    The backend itself boots later, on a worker thread, once the welcome screen is painted.

    Raises:
        DataDirError, ContentError, UnknownMunicipality: bad input, reported in one line each.
    """
    data_dir = prepare_environment(log_to_file=True)
    checked = _already_checked(data_dir)
    content = None
    if checked is None:
        content = load_checked_content()
        checked = _remember_checked(data_dir, content.municipalities)
    if municipality not in checked:
        raise UnknownMunicipality(f"no municipality '{municipality}' in the content "
                                  f"(have: {', '.join(sorted(checked))})")
    log_to_file(data_dir)

    from backend.server import BackgroundServer, bind

    server = BackgroundServer(bind("127.0.0.1", 0))

    def start_backend() -> str:
        from backend import bootstrap

        try:
            bootstrap.prepare(content or load_checked_content())
            key = bootstrap.embedded_device_key(municipality)
            server.start()
        except BaseException:
            server.stop()  # close the socket: the kiosk sees "unavailable" at once, not a hang
            raise
        return key

    from kiosk.app import make_app
    from kiosk.config import KioskSettings

    app = make_app(KioskSettings.from_env(server.url, cache_dir=data_dir / "kiosk"), backend_starter=start_backend)
    return EmbeddedKiosk(app=app, server=server, data_dir=data_dir)
