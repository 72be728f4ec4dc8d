"""A console database in a temporary directory for each test."""
from __future__ import annotations

import pytest

from knowledge import db


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
