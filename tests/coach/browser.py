"""The whole of Pathways on free ports with its own console database, and Debian's Chromium driven by Playwright
(never a downloaded browser). Screenshots go to test-artifacts/coach/ (git-ignored)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.model import ROOT
from tests.servers import Servers
from tests.browser import chromium
from tests.conftest import artifact

ARTIFACTS = ROOT / "test-artifacts" / "coach"


@pytest.fixture(scope="module")
def console(kb_url, tmp_path_factory):
    """`python -m bot run` with a console database of its own; yields (servers, console database URL)."""
    tmp = tmp_path_factory.mktemp("console")
    url = f"sqlite:///{tmp / 'console.db'}"
    s = Servers(kb_url, str(tmp / "tracker.db"), PATHWAYS_CONSOLE_DB_URL=url)
    s.start()
    yield s, url
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "servers.log").write_text("".join(s.output))         # what the servers said, for a failure
    artifact(ARTIFACTS / "servers.log")
    getattr(s, "cleanup", s.stop)()


def add_staff(url: str, name: str, password: str) -> None:
    """Creates an account the way an administrator does: `python -m bot staff add NAME --password-stdin`."""
    done = subprocess.run([sys.executable, "-m", "bot", "staff", "add", name, "--password-stdin"], cwd=ROOT,
                          env={**os.environ, "PATHWAYS_CONSOLE_DB_URL": url}, input=password + "\n", text=True,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True)
    p = context.new_page()
    p.set_default_timeout(60_000)            # a resident's turn runs actions on a shared, busy machine
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("console", lambda m: m.type == "error" and errors.append(m.text))
    yield p
    context.close()
    assert not errors, errors


def shot(page, name: str, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    artifact(path)
    return path
