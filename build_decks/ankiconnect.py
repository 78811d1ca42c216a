"""A client of AnkiConnect's protocol, version 6, on the standard library's HTTP client.

Each request is one JSON POST, `{"action", "version": 6, "params", "key"}`, answered with
`{"result", "error"}`; `multi` sends many actions in one request (each action carries the
version and the key too: AnkiConnect checks them per action). Every failure becomes one
AnkiConnectError line that says what to do: Anki not running, a wrong or missing key, an action
this AnkiConnect does not have or refuses, an answer that is not AnkiConnect's.

Only http and https addresses are accepted (urllib would also open `file:` and `ftp:`), no
proxy is asked (a proxy from the environment would receive the key), and no redirect is
followed.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from build_decks.errors import BuildDecksError
from build_decks.push_options import DEFAULT_URL, KEY_VARIABLE

VERSION = 6
TIMEOUT_SECONDS = 120  # importing a package of thousands of notes takes Anki a while
BATCH = 500  # actions per `multi` request: a few hundred kB of JSON at most
ADDON = "AnkiConnect add-on (code 2055492159)"
KEY_REFUSED = "valid api key must be provided"  # AnkiConnect's words for a wrong key
UNSUPPORTED = "unsupported action"


class AnkiConnectError(BuildDecksError):
    """AnkiConnect could not be reached or refused a request (one line for the CLI)."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs) -> None:
        return None


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects)


@dataclass
class Client:
    """One AnkiConnect. `requests` counts the HTTP requests made."""

    url: str = DEFAULT_URL
    key: str | None = None
    requests: int = 0

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise AnkiConnectError(f"--url {self.url[:80]!r}: give AnkiConnect's address, "
                                   f"like {DEFAULT_URL}")

    def _request(self, action: str, params: dict) -> dict:
        request = {"action": action, "version": VERSION, "params": params}
        if self.key is not None:
            request["key"] = self.key
        return request

    def _post(self, body: dict, what: str) -> Any:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(self.url, data=data, method="POST",
                                         headers={"Content-Type": "application/json"})
        self.requests += 1
        try:
            with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raise AnkiConnectError(f"{self.url} answered HTTP {exc.code} to `{what}`: is it "
                                   "AnkiConnect? (--url)") from None
        except TimeoutError:
            raise AnkiConnectError(f"AnkiConnect at {self.url} did not answer `{what}` within "
                                   f"{TIMEOUT_SECONDS} s: is a dialog open in Anki?") from None
        except (urllib.error.URLError, OSError) as exc:
            raise AnkiConnectError(f"cannot reach AnkiConnect at {self.url}: start Anki with "
                                   f"the {ADDON}, or give its address with --url") from exc
        try:
            reply = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            reply = None
        return reply

    def _result(self, reply: Any, action: str) -> Any:
        if not isinstance(reply, dict) or set(reply) != {"result", "error"}:
            raise AnkiConnectError(f"{self.url} is not AnkiConnect {VERSION}: its answer to "
                                   f"`{action}` is not AnkiConnect's JSON (--url)")
        error = reply["error"]
        if error is None:
            return reply["result"]
        error = str(error)
        if error == KEY_REFUSED:
            hint = ("the key you gave is not the one" if self.key is not None
                    else "it asks for an API key: give the one")
            raise AnkiConnectError(f"AnkiConnect at {self.url} refused the request: {hint} in "
                                   "its config (Tools → Add-ons → AnkiConnect → Config, "
                                   f"`apiKey`), with --key or {KEY_VARIABLE}")
        if error == UNSUPPORTED:
            raise AnkiConnectError(f"AnkiConnect at {self.url} does not know `{action}`: update "
                                   "the add-on (Tools → Add-ons → Check for Updates)")
        raise AnkiConnectError(f"AnkiConnect at {self.url} refused `{action}`: "
                               f"{' '.join(error.split())[:300]}")

    def call(self, action: str, **params: Any) -> Any:
        return self._result(self._post(self._request(action, params), action), action)

    def multi(self, actions: Sequence[tuple[str, dict]]) -> list[Any]:
        """Many actions, `BATCH` to a request; the results in order. The first refused action
        is an error (the ones before it are done)."""
        results: list[Any] = []
        for start in range(0, len(actions), BATCH):
            batch = actions[start:start + BATCH]
            body = self._request("multi", {"actions": [self._request(a, p) for a, p in batch]})
            replies = self._result(self._post(body, "multi"), "multi")
            if not isinstance(replies, list) or len(replies) != len(batch):
                raise AnkiConnectError(f"{self.url} is not AnkiConnect {VERSION}: its answer to "
                                       "`multi` does not list one reply per action (--url)")
            results += [self._result(reply, action) for reply, (action, _) in zip(replies, batch,
                                                                                strict=True)]
        return results

    def check_version(self) -> None:
        version = self.call("version")
        if not isinstance(version, int) or version < VERSION:
            raise AnkiConnectError(f"AnkiConnect at {self.url} speaks version {version!r}; "
                                   f"push needs {VERSION}: update the add-on")


def search_text(value: str) -> str:
    """`value` as a literal in Anki's search syntax: `\\`, `"`, `*`, `_` and `:` escaped with a
    backslash (checked against the anki library in tests/test_push.py)."""
    return "".join(f"\\{c}" if c in '\\"*_:' else c for c in value)


def field_query(name: str, value: str) -> str:
    """A search for notes whose field `name` is `value` (Anki compares it ignoring case),
    quoted so that spaces and parentheses are part of it."""
    return f'"{search_text(name)}:{search_text(value)}"'
