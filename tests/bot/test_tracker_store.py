"""Our SQL tracker store writes and reads exactly what Rasa's own does, on SQLite and PostgreSQL."""
from __future__ import annotations

import asyncio

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url

from bot.model import ROOT
from bot.rasa.tracker_store import PathwaysTrackerStore


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(ROOT / "domain.yml"))


def stores(domain, where):
    """Ours and Rasa's on the same database: (dialect, db, host, port, username) keyword arguments."""
    return PathwaysTrackerStore(domain, **where), SQLTrackerStore(domain, **where)


def turn(tracker: DialogueStateTracker, text: str, age: float | None) -> None:
    tracker.update(UserUttered(text, {"name": "inform", "confidence": 0.9}))
    tracker.update(ActionExecuted("profile_form"))
    if age is not None:
        tracker.update(SlotSet("age", age))
    tracker.update(ActionExecuted("action_listen"))


def round_trip(domain, where):
    """Turns as Rasa takes them: read the conversation, add a turn's events, save."""
    ours, rasas = stores(domain, where)
    tracker = DialogueStateTracker("resident-1", domain.slots)
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    asyncio.run(ours.save(tracker))
    for text, age in (("I'm 19", 19.0), ("Hackney", None)):
        tracker = asyncio.run(ours.retrieve("resident-1"))
        turn(tracker, text, age)
        asyncio.run(ours.save(tracker))
        asyncio.run(ours.save(tracker))                           # nothing new: nothing written twice

    expected = [e.as_dict() for e in tracker.events]
    assert [e["event"] for e in expected] == ["session_started", "action"] + ["user", "action", "slot", "action"] + [
        "user", "action", "action"]
    for store in (ours, rasas):
        back = asyncio.run(store.retrieve("resident-1"))
        assert [e.as_dict() for e in back.events] == expected
        assert back.get_slot("age") == 19.0
    with rasas.session_scope() as session:
        rows = session.query(rasas.SQLEvent).filter_by(sender_id="resident-1").order_by(rasas.SQLEvent.id).all()
    assert [r.type_name for r in rows] == ["action", "session_started", "action", "user", "action", "slot",
                                           "action", "user", "action", "action"]
    assert rows[3].intent_name == "inform" and rows[4].action_name == "profile_form"
    assert asyncio.run(ours.retrieve("nobody")) is None


def test_sqlite(domain, tmp_path):
    round_trip(domain, {"dialect": "sqlite", "db": str(tmp_path / "tracker.db")})


def test_postgresql(domain, pg_url):
    u = make_url(pg_url)
    round_trip(domain, {"dialect": "postgresql", "db": u.database, "host": u.host, "port": u.port,
                        "username": u.username, "password": u.password})


def test_tables_created_by_another_process_at_the_same_moment_are_taken_as_they_are(domain, tmp_path, monkeypatch):
    """Two Rasa processes on a new PostgreSQL database: the second CREATE TABLE fails with a unique violation."""
    from sqlalchemy.exc import IntegrityError

    real, calls = PathwaysTrackerStore.Base.metadata.create_all, []

    def racing(engine, *args, **kwargs):
        calls.append(engine)
        if len(calls) == 1:
            real(engine, *args, **kwargs)                 # the other process got there first
            raise IntegrityError("CREATE TABLE events", {}, Exception("duplicate key value"))
        return real(engine, *args, **kwargs)

    monkeypatch.setattr(PathwaysTrackerStore.Base.metadata, "create_all", racing)
    round_trip(domain, {"dialect": "sqlite", "db": str(tmp_path / "tracker.db")})
    assert len(calls) == 3              # ours raced once, then found the tables; Rasa's own store once
