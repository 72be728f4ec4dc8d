"""Shared fixtures and hooks. Tests build their own databases in temporary directories; the helpers they import are in
tests/support/."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge import config
from tests.support import kinds
from tests.support.report import ARTIFACTS, FIGURES
from tests.support.services import pg_database, require_service, service_missing

DATA = config.data_dir()


def pytest_addoption(parser):
    parser.addoption("--quick", action="store_true",
                     help="property tests try a quarter of their random cases (make check; make test tries them all)")
    parser.addoption("--every-corpus", action="store_true",
                     help="replay every corpus under tests/eval (make evaluate; make test replays the newest two)")


def pytest_collection_modifyitems(items):
    for item in items:
        kind = kinds.kind_of(item)
        if not item.get_closest_marker(kind):
            item.add_marker(kind)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    kinds.current = kinds.kind_of(item)          # before its fixtures: kinds.need() checks what they start


def pytest_terminal_summary(terminalreporter):
    for title, lines in (("figures", FIGURES), ("artifacts (not committed)", ARTIFACTS)):
        if lines:
            terminalreporter.write_sep("-", title)
            for line in lines:
                terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def trials(request):
    """How many random cases a property test tries: `trials(n)` is n, or a quarter of it with --quick."""
    share = 0.25 if request.config.getoption("--quick") else 1
    return lambda n: max(1, round(n * share))


@pytest.fixture
def pg_url():
    """A fresh PostgreSQL database for one test."""
    with pg_database() as url:
        yield url


@pytest.fixture
def redis_url() -> str:
    """The Redis server in PATHWAYS_TEST_REDIS_URL, once it answers."""
    from redis import Redis, RedisError

    url = require_service("PATHWAYS_TEST_REDIS_URL", "Redis")
    client = Redis.from_url(url, socket_timeout=5)
    try:
        client.ping()
    except RedisError as e:
        service_missing(f"needs Redis at {url}: {e.__class__.__name__}")
    finally:
        client.close()
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


@pytest.fixture(scope="session")
def servers(kb_url, tmp_path_factory):
    """`python -m bot run` for real on free ports, beside any `make run`, with its own tracker and console database;
    one for the whole run, shared by every test whose settings are the defaults (each uses its own senders)."""
    from tests.support.servers import embedded, require_model

    require_model()
    s = embedded(kb_url, tmp_path_factory.mktemp("stack"))
    s.start()
    yield s
    s.cleanup()


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium per module (Playwright keeps an event loop in this thread while it runs); each test opens
    its own context (the `page` fixtures)."""
    from tests.support.browser import chromium

    with chromium() as b:
        yield b
