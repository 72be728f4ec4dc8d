"""A synthetic month of 2,000 conversations in a console database of its own (bench/insight.py makes them)."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from pathways.insight import store
from tests.coach.conftest import cheap_hashing, page  # noqa: F401 - the console's browser page and cheap hashes


@pytest.fixture(scope="session")
def month(kb_url, tmp_path_factory):
    """(engine, records): the month's records, made on the test's knowledge base, counted in a SQLite database."""
    from bench.insight import conversations

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHWAYS_DB_URL", kb_url)
        records = conversations(2000)
    engine = create_engine(counted(records, tmp_path_factory.mktemp("insight")), future=True)
    yield engine, records
    engine.dispose()


def counted(records, folder) -> str:
    """The URL of a new console database in `folder` holding the counts of `records`."""
    url = f"sqlite:///{folder / 'console.db'}"
    engine = create_engine(url, future=True)
    store.create_tables(engine)
    store.add(engine, records)
    engine.dispose()
    return url
