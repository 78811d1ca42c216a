"""A web server on this machine that records every request: the request no stage, no card
and no page may make (a pytest plugin: conftest.py loads it, so any test can ask for it)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest


class _Recorder(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@dataclass
class Listener:
    base: str  # http://127.0.0.1:port
    requests: list[str]  # the paths requested so far


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    """A web server on this machine: every request any stage makes to it is recorded."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Recorder.requests = []
    yield Listener(f"http://127.0.0.1:{server.server_address[1]}", _Recorder.requests)
    server.shutdown()
