"""The counts on PostgreSQL, chosen by PATHWAYS_CONSOLE_DB_URL alone: the action server's writer adds to them and the
console reads them back."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect

from knowledge import db
from knowledge.profile import Profile
from pathways.insight import store, writer


def test_records_are_counted_and_read_back_on_postgresql(pg_url, use_kb, monkeypatch):
    monkeypatch.setenv("PATHWAYS_CONSOLE_DB_URL", pg_url)
    try:
        day = dt.date(2026, 11, 24)
        profile = Profile(age=30, qualification_level="3", borough="Lewisham", interests=("healthcare",))
        for asked in (False, True, False):
            writer._write(writer.Job(profile, (), asked_person=asked, day=day))
        writer._write(writer.Job(profile, (), asked_person=True, conversations=0, day=day))
        rows = store.read(store.get_engine())
        assert [(r.conversations, r.asked_person) for r in rows] == [(3, 2)]      # one row: the same record
        assert {r.record.borough for r in rows} == {"Lewisham"} and rows[0].record.week == "2026-W48"
    finally:
        db.dispose(lambda u: u == pg_url)
    from bot.coach import store as console
    try:
        assert {"insight_counts", "coach_managers", "coach_staff"} <= set(
            inspect(console.get_engine()).get_table_names())
        assert sum(r.conversations for r in store.read(console.get_engine())) == 3
    finally:
        db.dispose(lambda u: u == pg_url)
