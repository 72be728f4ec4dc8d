"""A console database in a temporary directory for each test; for the browser tests, the whole of Pathways with a
console database of its own."""
from __future__ import annotations

import pytest

from knowledge import db
from tests.support.browser import ARTIFACTS
from tests.support.report import artifact


@pytest.fixture
def console_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'console.db'}"
    monkeypatch.setenv("PATHWAYS_CONSOLE_DB_URL", url)
    yield url
    db.dispose(lambda u: u == url)


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    """Argon2 with its cheapest parameters: the real ones cost about a second a hash on a busy machine.
    test_store checks the real defaults separately."""
    from argon2 import PasswordHasher, profiles

    from bot.coach import passwords
    cheap = PasswordHasher.from_parameters(profiles.CHEAPEST)
    monkeypatch.setattr(passwords, "_hasher", lambda: cheap)


@pytest.fixture(scope="module")
def console(servers):
    """The shared stack (tests/conftest.py) and its console database's URL."""
    yield servers, servers.env["PATHWAYS_CONSOLE_DB_URL"]
    log = ARTIFACTS / "coach" / "servers.log"                        # what the servers said, for a failure
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(servers.log())
    artifact(log)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB", accept_downloads=True)
    p = context.new_page()
    p.set_default_timeout(60_000)            # a resident's turn runs actions on a shared, busy machine
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("console", lambda m: m.type == "error" and errors.append(m.text))
    p.console_errors = errors                # a test that causes one on purpose (a form refused: 400) takes it off
    yield p
    context.close()
    assert not errors, errors
