"""One engine per database URL per process, shared by the knowledge base and the console."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect
from sqlalchemy.pool import NullPool, QueuePool

from knowledge import db, store


@pytest.fixture
def url(tmp_path):
    url = f"sqlite:///{tmp_path / 'new folder' / 'x.db'}"
    yield url
    db.dispose(lambda u: u == url)


def test_one_engine_per_url_made_once_in_a_folder_made_for_it(url, tmp_path):
    made = []
    first = db.engine(url, on_create=made.append)
    assert db.engine(url, on_create=made.append) is first and made == [first]
    assert (tmp_path / "new folder").is_dir()


def test_each_store_says_what_its_database_needs(url, tmp_path):
    assert isinstance(store.get_engine(url).pool, QueuePool)               # the catalogue keeps its connections
    from bot.coach import store as console
    other = f"sqlite:///{tmp_path / 'console.db'}"
    try:
        assert isinstance(console.get_engine(other).pool, NullPool)
        assert "coach_staff" in inspect(console.get_engine(other)).get_table_names()
    finally:
        db.dispose(lambda u: u == other)


def test_a_database_open_for_one_store_is_refused_to_another(url):
    from bot.coach import store as console
    store.get_engine(url)
    with pytest.raises(ValueError, match="database of their own"):
        console.get_engine(url)


def test_disposed_engines_are_made_again(url):
    first = db.engine(url)
    db.dispose(lambda u: u == url)
    assert db.engine(url) is not first
