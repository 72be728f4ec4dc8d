"""Shared fixtures. Tests build their own databases in temporary directories."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from knowledge import config

DATA = config.data_dir()


def service_missing(message: str) -> None:
    """Skips a test whose service is absent, saying so; in CI (.ci/run) that absence is a failure."""
    if os.environ.get("PATHWAYS_REQUIRE_SERVICES"):
        pytest.fail(message + " (CI requires it)")
    pytest.skip(message)


def require_service(env: str, what: str) -> str:
    """The URL of a real service for this test, from the environment."""
    url = os.environ.get(env)
    if not url:
        service_missing(f"needs {what}: set {env}")
    return url


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of knowledge/data that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(scope="session")
def kb_url(tmp_path_factory) -> str:
    """A SQLite knowledge base built from the real data, once per test session."""
    from knowledge.store import build

    url = f"sqlite:///{tmp_path_factory.mktemp('kb') / 'knowledge.db'}"
    build(url)
    return url


@pytest.fixture
def use_kb(kb_url, monkeypatch) -> str:
    """Points everything that reads PATHWAYS_DB_URL at the test database."""
    monkeypatch.setenv("PATHWAYS_DB_URL", kb_url)
    return kb_url
