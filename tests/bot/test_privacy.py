"""Deleting conversations: one on request, and those past the retention period (`python -m bot retention`)."""
from __future__ import annotations

import asyncio
import sqlite3
import time

import pytest

from bot import privacy


def _tracker(sender: str, at: float, text: str = "I'm 24 and live in Hackney"):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.from_dict({"slots": {"age": {"type": "float", "mappings": [{"type": "custom"}]}}})
    return DialogueStateTracker.from_events(sender, [UserUttered(text, timestamp=at), SlotSet("age", 24, timestamp=at)],
                                            slots=domain.slots)


def _sql_store(path):
    from rasa.core.tracker_store import AwaitableTrackerStore, FailSafeTrackerStore, SQLTrackerStore

    # wrapped as Rasa wraps it in the server
    return AwaitableTrackerStore(FailSafeTrackerStore(SQLTrackerStore(dialect="sqlite", db=str(path))))


def _rows(path, sender=None) -> int:
    with sqlite3.connect(path) as c:
        if sender is None:
            return c.execute("select count(*) from events").fetchone()[0]
        return c.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]


def test_a_conversation_is_deleted_from_the_sql_store_and_no_other(tmp_path):
    store = _sql_store(tmp_path / "t.db")
    now = time.time()
    for sender in ("me", "someone-else"):
        asyncio.run(store.save(_tracker(sender, now)))
    assert _rows(tmp_path / "t.db", "me") == 2
    assert privacy.delete_conversation(store, "me") == 2
    assert _rows(tmp_path / "t.db", "me") == 0 and _rows(tmp_path / "t.db", "someone-else") == 2
    assert asyncio.run(store.retrieve("me")) is None


def test_the_in_memory_store_and_the_fail_safe_fallback_are_cleared_too(tmp_path):
    from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore

    memory = InMemoryTrackerStore(None)
    asyncio.run(memory.save(_tracker("me", time.time())))
    assert privacy.delete_conversation(memory, "me") == 1 and asyncio.run(memory.retrieve("me")) is None

    fallback = InMemoryTrackerStore(None)
    asyncio.run(fallback.save(_tracker("me", time.time())))     # held in memory while the database was down
    sql = _sql_store(tmp_path / "t.db")._tracker_store._tracker_store
    store = FailSafeTrackerStore(sql, fallback_tracker_store=fallback)
    asyncio.run(sql.save(_tracker("me", time.time())))
    assert privacy.delete_conversation(store, "me") == 3
    assert asyncio.run(fallback.retrieve("me")) is None and _rows(tmp_path / "t.db") == 0


def test_the_redis_store_is_cleared(redis_url):
    from rasa.core.tracker_store import RedisTrackerStore
    from redis import Redis

    kw = Redis.from_url(redis_url).connection_pool.connection_kwargs
    store = RedisTrackerStore(None, host=kw.get("host", "localhost"), port=kw.get("port", 6379), db=kw.get("db", 0))
    sender = f"privacy-test-{time.time_ns()}"
    asyncio.run(store.save(_tracker(sender, time.time())))
    assert privacy.delete_conversation(store, sender) == 1
    assert asyncio.run(store.retrieve(sender)) is None


def test_an_unknown_store_is_refused_rather_than_reported_deleted():
    class Elsewhere:
        pass

    with pytest.raises(privacy.CannotForget):
        privacy.delete_conversation(Elsewhere(), "me")


def test_retention_deletes_conversations_whose_last_event_is_older_than_the_period(tmp_path):
    store = _sql_store(tmp_path / "t.db")
    now = time.time()
    asyncio.run(store.save(_tracker("old", now - 40 * 86400)))
    asyncio.run(store.save(_tracker("recent", now - 5 * 86400)))
    mixed = _tracker("came-back", now - 40 * 86400)             # started long ago, still talking
    asyncio.run(store.save(mixed))
    from rasa.shared.core.events import UserUttered
    mixed.update(UserUttered("hello again", timestamp=now - 86400))
    asyncio.run(store.save(mixed))

    done = privacy.delete_expired(store, 30, now=now)
    assert (done.conversations, done.events) == (1, 2)
    assert _rows(tmp_path / "t.db", "old") == 0
    assert _rows(tmp_path / "t.db", "recent") == 2 and _rows(tmp_path / "t.db", "came-back") == 3


def test_python_m_bot_retention_reads_the_endpoints_and_calls_the_console(tmp_path, monkeypatch, capsys):
    db = tmp_path / "tracker.db"
    store = _sql_store(db)
    asyncio.run(store.save(_tracker("old", time.time() - 100 * 86400)))
    asyncio.run(store.save(_tracker("new", time.time())))
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: ${PATHWAYS_TRACKER_DB}\n")
    monkeypatch.setenv("PATHWAYS_TRACKER_DB", str(db))
    monkeypatch.setenv("PATHWAYS_RETENTION_DAYS", "90")
    calls = []
    monkeypatch.setattr(privacy, "_coach", lambda fn, *args: calls.append((fn, *args)) or 4)

    from bot.__main__ import main
    assert main(["retention", "--endpoints", str(endpoints)]) == 0
    assert "Deleted 1 conversations (2 events) with no message in 90 days, and 4 staff console sessions" in \
        capsys.readouterr().out
    assert calls == [("delete_expired", 90.0)] and _rows(db, "old") == 0 and _rows(db, "new") == 2


def test_retention_says_so_when_the_database_cannot_be_opened(tmp_path, capsys):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: postgresql\n  url: 127.0.0.1\n  port: 1\n"
                         "  db: nothing\n  username: nobody\n")
    assert privacy.main(["--endpoints", str(endpoints), "--days", "30"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Nothing deleted: ") and "OperationalError" in err


def test_the_console_hook_is_the_coach_store():
    """bot.coach.store is the staff console's: forget(sender_id) and delete_expired(days) exist there."""
    from bot.coach import store

    assert callable(store.forget) and callable(store.delete_expired)
