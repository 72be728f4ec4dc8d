"""The console's database on PostgreSQL, chosen by PATHWAYS_CONSOLE_DB_URL alone."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import inspect

from bot.coach import store
from knowledge import db

T0 = dt.datetime(2026, 11, 23, 9, 0)


@pytest.fixture
def pg_console(pg_url, monkeypatch):
    """The console on a fresh database on the PostgreSQL server in PATHWAYS_TEST_PG_URL, dropped afterwards."""
    monkeypatch.setenv("PATHWAYS_CONSOLE_DB_URL", pg_url)
    yield pg_url
    db.dispose(lambda u: u == pg_url)


def test_the_console_runs_on_postgresql_by_url_alone(pg_console):
    staff = store.add_staff("alex", "purple elephant tea", now=T0)
    assert {"coach_staff", "coach_sessions", "coach_actions", "coach_plans"} <= set(
        inspect(store.get_engine()).get_table_names())
    with pytest.raises(store.DuplicateName):
        store.add_staff("ALEX", "purple elephant tea")
    assert store.authenticate("alex", "purple elephant tea", "1.2.3.4", now=T0).staff_id == staff.id
    token = store.start_login(staff.id, now=T0)
    assert store.current_login(token, now=T0 + dt.timedelta(minutes=5)).name == "alex"
    gs = store.create_session(staff.id, "JD", now=T0)
    store.add_action(gs.id, "next_step", "Call the college", "Resident", "2026-12-01", now=T0)
    store.save_plan(gs.id, {"routes": ["x"]}, now=T0)
    assert store.saved_plan(gs.id) == {"routes": ["x"]}
    assert [a.due for a in store.actions_of(gs.id)] == [dt.date(2026, 12, 1)]
    assert store.delete_expired(30, now=T0 + dt.timedelta(days=31)) == 1
    assert store.counts()["coach_actions"] == 0 and store.counts()["coach_plans"] == 0


def test_referrals_on_postgresql_claimed_with_a_row_lock_and_kept_when_their_coach_leaves(pg_console):
    from bot.coach import referrals

    jo = store.add_staff("jo.smith", "purple elephant tea", now=T0)
    r = referrals.create("conv-1", "email", "jo@example.com", "Hackney Council",
                         {"profile": {"age": 30}, "routes": []}, now=T0)
    assert "coach_referrals" in inspect(store.get_engine()).get_table_names()
    referrals.move(r.id, "claimed", jo.id, now=T0)           # SELECT ... FOR UPDATE on PostgreSQL
    assert referrals.listed()[0].claimed_by == "jo.smith"
    assert store.remove_staff("jo.smith")                        # the referral stays, unclaimed by anyone who exists
    assert referrals.get(r.id).claimed_by is None and referrals.get(r.id).referral.status == "claimed"
    assert referrals.forget("conv-1") == 1 and referrals.listed() == []
