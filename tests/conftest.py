"""Shared fixtures. Tests build their own databases in temporary directories."""
from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from knowledge import config

DATA = config.data_dir()
FIGURES: list[str] = []
ARTIFACTS: list[str] = []


def figure(text: str) -> None:
    """A figure a test proves (conversations held, processes killed, inputs tried): shown at the end of the run."""
    FIGURES.append(text.strip("\n"))


def artifact(path) -> None:
    """A file a test leaves for people to look at (screenshots, PDFs, server logs): listed at the end of the run."""
    ARTIFACTS.append(str(path))


def pytest_terminal_summary(terminalreporter):
    for title, lines in (("figures", FIGURES), ("artifacts (not committed)", ARTIFACTS)):
        if lines:
            terminalreporter.write_sep("-", title)
            for line in lines:
                terminalreporter.write_line(line)


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


@contextmanager
def pg_database(purpose: str = "test"):
    """A fresh database on the PostgreSQL server in PATHWAYS_TEST_PG_URL (its URL), dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = require_service("PATHWAYS_TEST_PG_URL", "PostgreSQL")
    name = f"pathways_{purpose}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as e:                        # noqa: BLE001 - any failure here means the service is absent
        admin.dispose()
        service_missing(f"needs PostgreSQL at {make_url(server).render_as_string()}: {e.__class__.__name__}")
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        from knowledge import db
        db.dispose(lambda url: name in url)
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_url():
    """A fresh PostgreSQL database for one test."""
    with pg_database() as url:
        yield url


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


@pytest.fixture(scope="module")
def servers(kb_url, tmp_path_factory):
    """`python -m bot run` for real on free ports, beside any `make run`, with its own tracker; one per module."""
    from tests.servers import Servers, require_model

    require_model()
    s = Servers(kb_url, str(tmp_path_factory.mktemp("tracker") / "tracker.db"))
    s.start()
    yield s
    s.cleanup()
