"""`build-decks serve`: build, serve dist/ and a card preview on 127.0.0.1, rebuild on every save.

The rebuilds are `watch`'s (build_decks/watch.py, in a thread): this module only listens to
its one-line reports. Each report of a finished build (a line starting `rebuilt` or `error:`)
is a new build number; pages learn of it by server-sent events (`/events`) and reload once,
or, when the build failed, show its errors (`file:line: message`) over the last good page.
The server is the standard library's, one thread per request, bound to 127.0.0.1 only, and it
answers only requests addressed to that host (a page elsewhere cannot reach it by a DNS
name that points here).

Routes: `/` the card preview, `/card/<card>.<n>/front|back[?night=1]` one side as Anki shows it,
`/pack` the study pack in a frame that reloads, `/dist/<file>` the built files, `/live.js`,
`/events`, `/status` (the build state as JSON).
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from build_decks import watch
from build_decks.errors import BuildDecksError, ContentError
from build_decks.loader import load_content
from build_decks.model import Content
from build_decks.render import html as pack
from build_decks.render import preview
from build_decks.render.env import render, static

HOST = "127.0.0.1"
BUILT, FAILED = "rebuilt", "error: "  # how watch's report of a finished build begins
UNCHANGED = "; outputs unchanged"  # how it ends when the build failed
HEARTBEAT = 15.0  # seconds between keep-alive comments on an idle event stream
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
               "img-src 'self' data:; frame-src 'self'; connect-src 'self'; base-uri 'none'; "
               "form-action 'none'")


@dataclass
class BuildState:
    """The last finished build, as pages see it."""

    build: int = 0
    ok: bool = False
    errors: list[str] = field(default_factory=list)
    summary: str = "building…"

    def as_json(self) -> str:
        return json.dumps({"build": self.build, "ok": self.ok, "errors": self.errors,
                           "summary": self.summary})


def read_report(line: str) -> tuple[bool, list[str]] | None:
    """(outputs rebuilt, errors) from one of watch's lines; None for other lines."""
    if line.startswith(FAILED):
        return False, [line.removeprefix(FAILED).removesuffix(UNCHANGED)]
    if line.startswith(BUILT):
        return True, line.split("; " + FAILED)[1:]  # sources that could not be read
    return None


class Site:
    """What the pages show: the build state and the preview of the last good build."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.content_root: Path = args.content
        self.dist: Path = args.dist
        self.state = BuildState()
        self.content: Content | None = None
        self.views: dict[str, preview.CardView] = {}
        self.changed = threading.Condition()
        self.closing = False

    def reporter(self, report: Callable[[str], None]) -> Callable[[str], None]:
        """watch's report function: pass each line on, and take in each finished build."""
        def on_line(line: str) -> None:
            report(line)
            if (found := read_report(line)) is not None:
                self.finished(*found, line)
        return on_line

    def finished(self, ok: bool, errors: list[str], line: str) -> None:
        if ok:
            try:
                content = load_content(self.content_root)
                views = {v.key: v for v in preview.card_views(content)}
            except (ContentError, BuildDecksError) as exc:
                ok, errors = False, [*errors, str(exc)]
            else:
                self.content, self.views = content, views
        with self.changed:
            self.state = BuildState(self.state.build + 1, ok, errors, line)
            self.changed.notify_all()

    def close(self) -> None:
        with self.changed:
            self.closing = True
            self.changed.notify_all()

    def files(self) -> list[str]:
        if not self.dist.is_dir():
            return []
        return sorted(p.name for p in self.dist.iterdir()
                      if p.is_file() and not p.name.startswith("."))

    def page(self, name: str) -> str:
        title = self.content.title if self.content else "build_decks"
        common = {"title": title, "state": self.state, "files": self.files(), "page": name}
        root = self.content.root if self.content else None
        if name == "pack":
            return render(root, "serve/pack.html", pack=pack.FILE_NAME, **common)
        views = list(self.views.values())
        cards = len(self.content.cards) if self.content else 0
        return render(root, "serve/preview.html", views=views, cards=cards,
                      widths=preview.WIDTHS, **common)

    def side(self, key: str, which: str, night: bool) -> str | None:
        view = self.views.get(key)
        if view is None or self.content is None or which not in ("front", "back"):
            return None
        return preview.side_page(self.content, view, which == "back", night)


class Handler(BaseHTTPRequestHandler):
    site: Site  # set on the subclass made for one server
    server_version = "build_decks"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the rebuild lines are what the terminal shows."""

    def do_GET(self) -> None:
        if self.headers.get("Host", "") not in self.server.hosts:  # type: ignore[attr-defined]
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "serving 127.0.0.1 only")
            return
        url = urlsplit(self.path)
        path = unquote(url.path)
        if path in ("/", "/index.html"):
            self.send_text(self.site.page("preview"), "text/html")
        elif path == "/pack":
            self.send_text(self.site.page("pack"), "text/html")
        elif path == "/live.js":
            self.send_text(static(None, "serve/live.js"), "text/javascript")
        elif path == "/status":
            self.send_text(self.site.state.as_json(), "application/json")
        elif path == "/events":
            self.stream_events()
        elif path.startswith("/card/") and path.count("/") == 3:
            _, _, key, which = path.split("/")
            night = parse_qs(url.query).get("night") == ["1"]
            page = self.site.side(key, which, night)
            if page is None:
                self.send_error(HTTPStatus.NOT_FOUND, "no such card (rebuilt since?)")
            else:
                self.send_text(page, "text/html", policy=None)  # the page sets its own
        elif path.startswith("/dist/"):
            self.send_built(path.removeprefix("/dist/"))
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def send_text(self, text: str, kind: str, policy: str | None = PAGE_POLICY) -> None:
        body = text.encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        self.wfile.write(body)

    def send_built(self, name: str) -> None:
        """A file of dist/ (a regular file, inside it, links not followed out)."""
        dist = self.site.dist.resolve()
        target = (dist / name).resolve()
        if not target.is_relative_to(dist) or not target.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        body = target.read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", mimetypes.guess_type(target.name)[0]
                         or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def stream_events(self) -> None:
        """One `build` event now and one per finished build, until the page goes away."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        site, sent = self.site, -1
        try:
            while True:
                with site.changed:
                    site.changed.wait_for(lambda last=sent: site.closing
                                          or site.state.build != last, timeout=HEARTBEAT)
                    if site.closing:
                        return
                    state = site.state
                if state.build != sent:
                    self.wfile.write(f"event: build\ndata: {state.as_json()}\n\n".encode())
                    sent = state.build
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return  # the page reloaded or closed


class Server(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream does not keep the process alive
    block_on_close = False

    def __init__(self, site: Site, port: int) -> None:
        handler = type("SiteHandler", (Handler,), {"site": site})
        super().__init__((HOST, port), handler)
        self.port = self.server_address[1]
        self.hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}
        self.url = f"http://{HOST}:{self.port}/"


def run(args: argparse.Namespace, report: Callable[[str], None] = print,
        stop: threading.Event | None = None) -> int:
    """Serve and rebuild until Ctrl-C (or until `stop` is set)."""
    stop = stop or threading.Event()
    site = Site(args)
    server = Server(site, args.port)
    report(f"serving {server.url} (card preview; the study pack at {server.url}pack)")
    watcher = threading.Thread(target=watch.run, args=(args, site.reporter(report), stop),
                               name="watch", daemon=True)
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                               name="serve", daemon=True)
    watcher.start()
    serving.start()
    if args.open:
        webbrowser.open(server.url)
    status = 0
    try:
        while not stop.wait(0.5):
            if not watcher.is_alive():  # watch ended on its own: an error it reported
                status = 1
                break
    except KeyboardInterrupt:
        report("stopped")
    finally:
        stop.set()
        site.close()
        server.shutdown()
        server.server_close()
        watcher.join(timeout=10)
    return status
