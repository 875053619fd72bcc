"""Provides the HTTP server around the ASGI app: in a background thread or in the foreground.

The listening socket is bound here, before uvicorn starts, so "port in use" is one clear error and
the embedded kiosk can ask the kernel for a free loopback port.
"""

from __future__ import annotations

import errno
import socket
import threading
import time
from collections.abc import Callable
from typing import Any


class ServerError(Exception):
    """The server cannot start; the message says why in one line."""


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise ServerError(f"port {port} on {host} is already in use; choose another with --port") from None
        raise ServerError(f"cannot listen on {host}:{port}: {error.strerror}") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


APPLICATION = "backend.config.asgi:application"
"""By import string for workers, so each worker process imports the app (and Django) itself."""


def _config(app: str | Callable[..., Any], *, quiet: bool, workers: int = 1):  # type: ignore[no-untyped-def]
    import uvicorn

    return uvicorn.Config(app, workers=workers, lifespan="off", access_log=False, log_level="warning",
                          log_config=None if quiet else uvicorn.config.LOGGING_CONFIG,
                          timeout_graceful_shutdown=3)


def _server(sock: socket.socket, *, quiet: bool):  # type: ignore[no-untyped-def]
    import uvicorn

    from backend.config.asgi import application

    return uvicorn.Server(_config(application, quiet=quiet))


def serve_forever(sock: socket.socket, *, workers: int = 1) -> None:
    """Serve until SIGINT or SIGTERM (``madoguchi serve``).

    One process runs requests on threads (Django gives each ASGI request its own), but Python runs
    one thread at a time; several processes use several cores and make database contention real:
    with ``workers`` > 1, that many fresh (spawned, not forked) processes accept on the
    one socket, and a signal to this process stops them all. The caller has migrated the database
    and closed its connections first.
    """
    if workers == 1:
        _server(sock, quiet=False).run(sockets=[sock])
        return
    from uvicorn.supervisors import Multiprocess

    Multiprocess(_config(APPLICATION, quiet=False, workers=workers), sockets=[sock]).run()


class BackgroundServer:
    """The backend on a thread of this process, for the embedded kiosk and the tests."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._server = None  # built in start(): importing uvicorn and Django waits until then
        self._thread: threading.Thread | None = None
        host, port = sock.getsockname()[:2]
        self.url = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
        """Known at once, so a client can be pointed here before the server runs."""

    def start(self, timeout: float = 10.0) -> None:
        server = self._server = _server(self._sock, quiet=True)
        self._thread = threading.Thread(target=server.run, kwargs={"sockets": [self._sock]},
                                        name="madoguchi-backend", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise ServerError("the backend did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        """Stop serving and close the socket; safe to call at any point, and more than once."""
        try:
            if self._server is not None and self._thread is not None:
                self._server.should_exit = True
                self._thread.join(timeout=5)
        finally:
            self._sock.close()
