"""Start Debian's chromium under Playwright for the browser tests: no browser download, a fresh profile, no network
chatter. A browser that cannot start is a failure that names what is missing, never a skip."""

from __future__ import annotations

import contextlib
import os
import shutil

import pytest

ARGS = ["--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SETUP = "`make setup` installs both (scripts/install-system-deps.sh for chromium, requirements.lock for playwright)"


def chromium_path() -> str | None:
    """BRIEF_CHROMIUM if set, else the `chromium` on PATH (Debian's /usr/bin/chromium)."""
    return os.environ.get("BRIEF_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@contextlib.contextmanager
def launch():
    """A headless Chromium (Playwright's own temporary profile); --no-sandbox when running as root."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        pytest.fail(f"the browser tests need the playwright package ({e}); {SETUP}", pytrace=False)
    exe = chromium_path()
    if not exe or not os.access(exe, os.X_OK):
        pytest.fail(f"no Chromium executable found (looked for $BRIEF_CHROMIUM, then `chromium` on PATH): install "
                    f"Debian's chromium; {SETUP}", pytrace=False)
    args = ARGS + (["--no-sandbox"] if os.geteuid() == 0 else [])
    with sync_playwright() as p:
        try:
            browser = p.chromium.launch(executable_path=exe, args=args, headless=True, timeout=60_000)
        except Exception as e:  # a missing library, a broken install: say so, with Playwright's own words
            pytest.fail(f"Chromium at {exe} did not start: {type(e).__name__}: {e}".strip(), pytrace=False)
        try:
            yield browser
        finally:
            browser.close()
