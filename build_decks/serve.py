"""`build-decks serve`: build, serve dist/ and a card preview on 127.0.0.1, rebuild on every save.

The rebuilds are `watch`'s (build_decks/watch.py, in a thread): watch tells this module of
each finished build (`on_build`: the content it built, or None, and its errors), and passes
its one-line reports on to the terminal. Each finished build is a new build number; pages
learn of it by server-sent events (`/events`) and reload once, or, when the build failed, show
its errors (`file:line: message`) over the last good page. The server is the standard
library's, one thread per request, bound to 127.0.0.1 only, and it answers only requests
addressed to that host (a page elsewhere cannot reach it by a DNS name that points here).
Every HTML answer carries a Content Security Policy header set here, whatever the templates
(which a content folder may override) say.

Routes: `/` the card preview, `/card/<card>.<n>/front|back[?night=1]` one side as Anki shows it,
`/pack` the study pack in a frame that reloads, `/dist/<file>` the built files, `/live.js`,
`/events`, `/status` (the build state as JSON).
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import threading
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from build_decks import watch
from build_decks.errors import BuildDecksError, ContentError
from build_decks.model import Content
from build_decks.render import html as pack
from build_decks.render import preview
from build_decks.render.env import render, static

HOST = "127.0.0.1"
HEARTBEAT = 15.0  # seconds between keep-alive comments on an idle event stream
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
               "img-src 'self' data:; frame-src 'self'; connect-src 'self'; base-uri 'none'; "
               "form-action 'none'")
SIDE_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
               "form-action 'none'")  # a card side: no script at all, as in side.html
NO_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'"  # any other HTML answer


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

    def finished(self, content: Content | None, errors: list[str]) -> None:
        """watch's `on_build`: a finished build, with the content it built (None: failed)."""
        ok = content is not None
        if content is not None:
            try:
                views = {v.key: v for v in preview.card_views(content)}
            except (ContentError, BuildDecksError) as exc:
                ok, errors = False, [*errors, str(exc)]
            else:
                self.content, self.views = content, views
        at = time.strftime("%H:%M:%S")
        summary = (f"built {len(self.content.cards)} cards at {at}" if ok and self.content
                   else f"build failed at {at}: the last good build is shown")
        with self.changed:
            self.state = BuildState(self.state.build + 1, ok, errors, summary)
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

    def built_policy(self, name: str) -> str | None:
        """The policy a built file is sent with: the study pack's own for HTML (its script by
        hash, as html.py builds it), none for the other files (PDFs, the .apkg, text)."""
        if not name.endswith((".html", ".htm")):
            return None
        script = f"'{pack.script_hash(self.content.root)}'" if self.content else "'none'"
        return (f"default-src 'none'; style-src 'unsafe-inline'; script-src {script}; "
                "img-src data:; base-uri 'none'; form-action 'none'")

    def side(self, key: str, which: str, night: bool) -> str | None:
        view = self.views.get(key)
        if view is None or self.content is None or which not in ("front", "back"):
            return None
        return preview.side_page(self.content, view, which == "back", night)


class Handler(BaseHTTPRequestHandler):
    site: Site  # set on the subclass made for one server
    server_version = "build_decks"
    policy_sent = False  # of the answer being sent: a Content-Security-Policy header, and
    is_html = False  # whether it is an HTML page

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the rebuild lines are what the terminal shows."""

    def send_response(self, code: int, message: str | None = None) -> None:
        self.policy_sent, self.is_html = False, False
        super().send_response(code, message)

    def send_header(self, keyword: str, value: str) -> None:
        name = keyword.lower()
        self.policy_sent |= name == "content-security-policy"
        self.is_html |= name == "content-type" and value.startswith("text/html")
        super().send_header(keyword, value)

    def end_headers(self) -> None:
        """No HTML answer goes without a policy, error pages included."""
        if self.is_html and not self.policy_sent:
            super().send_header("Content-Security-Policy", NO_POLICY)
        super().end_headers()

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
                self.send_text(page, "text/html", SIDE_POLICY)  # whatever the template says
        elif path.startswith("/dist/"):
            self.send_built(path.removeprefix("/dist/"))
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def send_text(self, text: str, kind: str, policy: str = PAGE_POLICY) -> None:
        body = text.encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        self.wfile.write(body)

    def send_built(self, name: str) -> None:
        """A file of dist/ (a regular file, inside it, links not followed out). A name the
        file system cannot take (a NUL byte, too long, ...) is not found either."""
        try:
            dist = self.site.dist.resolve()
            target = (dist / name).resolve()
            body = (target.read_bytes() if target.is_relative_to(dist) and target.is_file()
                    else None)
        except (OSError, ValueError):
            body = None
        if body is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", mimetypes.guess_type(target.name)[0]
                         or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if policy := self.site.built_policy(target.name):
            self.send_header("Content-Security-Policy", policy)
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
    watcher = threading.Thread(target=watch.run, args=(args, report, stop, site.finished),
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
