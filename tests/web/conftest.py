"""Browser tests of the council widget: Debian's Chromium (the `browser` fixture in tests/conftest.py) driven by
Playwright, against the real stack or the web front alone with a stand-in bot."""
from __future__ import annotations

import sys

import pytest

from bot.process import free_port
from bot.web import assets
from tests.support.servers import small_server


@pytest.fixture(scope="session")
def widget_built() -> None:
    try:
        assets.vendor_file("socket.io.min.js")
        assets.vendor_file("axe.min.js")
    except assets.NotBuilt as e:
        pytest.fail(str(e))


@pytest.fixture(scope="module")
def browser(browser, widget_built):
    """Chromium, once the widget it is to show is built."""
    return browser


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


@pytest.fixture(scope="module")
def web_front(widget_built):
    """The web front alone (no Rasa), for widget tests against a stand-in bot or none."""
    port = free_port()
    p = small_server("the web front", [sys.executable, "-m", "bot.web"], f"http://127.0.0.1:{port}/health",
                     {"PATHWAYS_WEB_PORT": str(port)})
    yield f"http://127.0.0.1:{port}"
    p.stop()


@pytest.fixture(scope="module")
def fake_bot():
    port = free_port()
    p = small_server("the stand-in bot", [sys.executable, "-m", "tests.web.fake_bot", str(port)],
                     f"http://127.0.0.1:{port}/socket.io/?EIO=4&transport=polling")
    yield f"http://127.0.0.1:{port}"
    p.stop()
