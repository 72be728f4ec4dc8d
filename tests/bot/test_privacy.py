"""Deleting conversations: one on request (the tracker store's delete, then the forget hooks) and those past the
retention period (`python -m bot retention`: the tracker store, then the staff console's sessions)."""
from __future__ import annotations

import asyncio
import sqlite3
import time

from bot import privacy
from bot.rasa import channels
from bot.rasa.tracker_store import PathwaysTrackerStore


def _tracker(sender: str, at: float, text: str = "I'm 24 and live in Hackney"):
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.from_dict({"slots": {"age": {"type": "float", "mappings": [{"type": "custom"}]}}})
    return DialogueStateTracker.from_events(sender, [UserUttered(text, timestamp=at), SlotSet("age", 24, timestamp=at)],
                                            slots=domain.slots)


def _rows(path, sender=None) -> int:
    with sqlite3.connect(path) as c:
        if sender is None:
            return c.execute("select count(*) from events").fetchone()[0]
        return c.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]


def test_a_conversation_is_deleted_and_no_other(tmp_path):
    store = PathwaysTrackerStore(dialect="sqlite", db=str(tmp_path / "t.db"))
    for sender in ("me", "someone-else"):
        asyncio.run(store.save(_tracker(sender, time.time())))
    assert store.delete("me") == 2
    assert _rows(tmp_path / "t.db", "me") == 0 and _rows(tmp_path / "t.db", "someone-else") == 2
    assert asyncio.run(store.retrieve("me")) is None


def test_forget_me_deletes_from_every_open_store_then_calls_the_hooks(tmp_path, monkeypatch):
    store = PathwaysTrackerStore(dialect="sqlite", db=str(tmp_path / "t.db"))
    asyncio.run(store.save(_tracker("me", time.time())))
    called = []
    monkeypatch.setattr(channels, "_forget_hooks", [])
    channels.on_forget(lambda sender: called.append(sender) or 1)
    assert channels.forget_conversation("me") == 3            # two events, one console session
    assert called == ["me"] and _rows(tmp_path / "t.db", "me") == 0


def test_retention_deletes_conversations_whose_last_event_is_older_than_the_period(tmp_path):
    store = PathwaysTrackerStore(dialect="sqlite", db=str(tmp_path / "t.db"))
    now = time.time()
    asyncio.run(store.save(_tracker("old", now - 40 * 86400)))
    asyncio.run(store.save(_tracker("recent", now - 5 * 86400)))
    mixed = _tracker("came-back", now - 40 * 86400)             # started long ago, still talking
    asyncio.run(store.save(mixed))
    from rasa.shared.core.events import UserUttered
    mixed.update(UserUttered("hello again", timestamp=now - 86400))
    asyncio.run(store.save(mixed))

    assert store.delete_older_than(now - 30 * 86400) == (1, 2)
    assert _rows(tmp_path / "t.db", "old") == 0
    assert _rows(tmp_path / "t.db", "recent") == 2 and _rows(tmp_path / "t.db", "came-back") == 3


def _endpoints(tmp_path, db, monkeypatch, kind="bot.rasa.tracker_store.PathwaysTrackerStore"):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(f"tracker_store:\n  type: {kind}\n  dialect: sqlite\n  db: ${{PATHWAYS_TRACKER_DB}}\n")
    monkeypatch.setenv("PATHWAYS_TRACKER_DB", str(db))
    return endpoints


def test_python_m_bot_retention_reads_the_endpoints_and_clears_the_console(tmp_path, monkeypatch, capsys):
    db = tmp_path / "tracker.db"
    store = PathwaysTrackerStore(dialect="sqlite", db=str(db))
    asyncio.run(store.save(_tracker("old", time.time() - 100 * 86400)))
    asyncio.run(store.save(_tracker("new", time.time())))
    endpoints = _endpoints(tmp_path, db, monkeypatch)
    monkeypatch.setenv("PATHWAYS_RETENTION_DAYS", "90")
    calls = []
    import bot.coach.store
    import bot.coach.referrals
    monkeypatch.setattr(bot.coach.store, "delete_expired", lambda days: calls.append(days) or 4)
    monkeypatch.setattr(bot.coach.referrals, "delete_expired", lambda days: calls.append(days) or 2)

    from bot.__main__ import main
    assert main(["retention", "--endpoints", str(endpoints)]) == 0
    assert ("Deleted 1 conversations (2 events) with no message in 90 days, 4 staff console sessions and 2 "
            "referrals untouched for as long.") in capsys.readouterr().out
    assert calls == [90.0, 90.0] and _rows(db, "old") == 0 and _rows(db, "new") == 2


def test_retention_refuses_a_store_it_cannot_delete_from(tmp_path, monkeypatch, capsys):
    endpoints = _endpoints(tmp_path, tmp_path / "t.db", monkeypatch, kind="SQL")
    assert privacy.main(["--endpoints", str(endpoints), "--days", "30"]) == 1
    assert "retention needs bot.rasa.tracker_store.PathwaysTrackerStore" in capsys.readouterr().err


def test_retention_says_so_when_the_database_cannot_be_opened(tmp_path, capsys):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: bot.rasa.tracker_store.PathwaysTrackerStore\n"
                         "  dialect: postgresql\n  url: 127.0.0.1\n  port: 1\n  db: nothing\n  username: nobody\n")
    assert privacy.main(["--endpoints", str(endpoints), "--days", "30"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Nothing deleted: ") and "OperationalError" in err
