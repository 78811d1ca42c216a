"""Debian's chromium driven by Playwright, the way design.md prescribes (no downloaded browser)."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def launch_options() -> dict:
    return {"executable_path": CHROMIUM, "headless": True, "args": ARGS}
