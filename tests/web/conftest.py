"""Browser tests of the council widget: Debian's Chromium (never a downloaded browser) driven by Playwright.

Screenshots go to test-artifacts/web/ (git-ignored); their paths are listed at the end of the run.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bot.model import ROOT
from bot.web import assets
from tests.browser import chromium
from tests.conftest import artifact
from tests.servers import free_port

ARTIFACTS = ROOT / "test-artifacts" / "web"
LAUNCHER = "Chat about training and jobs"


@pytest.fixture(scope="session")
def widget_built() -> None:
    try:
        assets.vendor_file("socket.io.min.js")
        assets.vendor_file("axe.min.js")
    except assets.NotBuilt as e:
        pytest.fail(str(e))


@pytest.fixture(scope="session")
def browser(widget_built):
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    """A fresh browser profile (empty storage) per test; any script error on the page fails the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    p = context.new_page()
    p.set_default_timeout(20_000)
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("dialog", lambda d: (errors.append(f"a dialog opened: {d.message}"), d.dismiss()))
    yield p
    context.close()
    assert not errors, errors


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    artifact(path.relative_to(ROOT))
    return path


def axe_violations(page) -> list[dict]:
    """axe-core (from npm, pinned in bot/web/package-lock.json) on the page as it is, WCAG 2.0-2.2 A/AA and
    best practice; each violation with the elements it found."""
    page.add_script_tag(path=str(assets.vendor_file("axe.min.js")))
    result = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))""")
    return result


def no_horizontal_scroll(page) -> dict:
    return page.evaluate("""() => {
        const d = document.documentElement, panel = document.querySelector('.pw-panel');
        const wide = [...document.querySelectorAll('.pw-root *')]
            .filter(e => e.getBoundingClientRect().right > d.clientWidth + 1);
        return {page: d.scrollWidth - d.clientWidth, panel: panel.scrollWidth - panel.clientWidth,
                wider: wide.map(e => e.className || e.tagName).slice(0, 5)};
    }""")


class Process:
    """A small server in its own process group, ready when `url` answers."""

    def __init__(self, args: list[str], url: str, env: dict[str, str] | None = None):
        self.proc = subprocess.Popen(args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2)
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.3)
        self.stop()
        pytest.fail(f"{' '.join(args)} did not start: {self.proc.stderr.read().decode()[-2000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def web_front(widget_built):
    """The web front alone (no Rasa), for widget tests against a stand-in bot or none."""
    port = free_port()
    p = Process([sys.executable, "-m", "bot.web"], f"http://127.0.0.1:{port}/health",
                {"PATHWAYS_WEB_PORT": str(port)})
    yield f"http://127.0.0.1:{port}"
    p.stop()


@pytest.fixture(scope="module")
def fake_bot():
    port = free_port()
    p = Process([sys.executable, "-m", "tests.web.fake_bot", str(port)],
                f"http://127.0.0.1:{port}/socket.io/?EIO=4&transport=polling")
    yield f"http://127.0.0.1:{port}"
    p.stop()


