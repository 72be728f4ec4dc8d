"""Debian's Chromium driven by Playwright for Python (never a downloaded browser): shared by the browser tests."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import service_missing

CHROMIUM = os.environ.get("PATHWAYS_CHROMIUM", "/usr/bin/chromium")
# As root in a container, without the background traffic a closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@contextmanager
def chromium():
    """A headless Chromium for a module or a session; says how to get it when it is missing."""
    if not Path(CHROMIUM).exists():
        service_missing(f"needs Debian's Chromium at {CHROMIUM}: run scripts/ensure-chromium (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
