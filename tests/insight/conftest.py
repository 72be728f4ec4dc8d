"""A synthetic month of 2,000 conversations in a console database of its own (bench/insight.py makes them)."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from pathways.insight import store
from tests.coach.conftest import cheap_hashing, page  # noqa: F401 - the console's browser page and cheap hashes


@pytest.fixture(scope="module")
def month(kb_url, tmp_path_factory):
    """(engine, records): the month's records counted in a SQLite database, the knowledge base pointed at the
    test's."""
    from bench.insight import conversations

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHWAYS_DB_URL", kb_url)
        engine = create_engine(f"sqlite:///{tmp_path_factory.mktemp('insight') / 'console.db'}", future=True)
        store.create_tables(engine)
        records = conversations(2000)
        store.add(engine, records)
        yield engine, records
        engine.dispose()
