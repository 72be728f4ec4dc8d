"""Debian's Chromium driven by Playwright for Python (never a downloaded browser), and what the browser tests share.
Screenshots go to test-artifacts/ (git-ignored); their paths are listed at the end of the run."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from bot.process import ROOT
from tests.support import kinds
from tests.support.report import artifact
from tests.support.services import service_missing

CHROMIUM = os.environ.get("PATHWAYS_CHROMIUM", "/usr/bin/chromium")
# As root in a container, without the background traffic a closed network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"


@contextmanager
def chromium():
    """A headless Chromium for a module or a session; says how to get it when it is missing."""
    kinds.need("browser", "drives Chromium")
    if not Path(CHROMIUM).exists():
        service_missing(f"needs Debian's Chromium at {CHROMIUM}: run scripts/ensure-chromium (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def screenshot(page, folder: str, name: str, full_page: bool = False) -> Path:
    """test-artifacts/<folder>/<name>.png, listed at the end of the run."""
    path = ARTIFACTS / folder / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    artifact(path)
    return path
