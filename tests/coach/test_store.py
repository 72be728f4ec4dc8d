"""The console's database: accounts and password hashing, sign-in expiry and failure limits, sessions, agreed
actions, deletion and retention."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.coach import passwords, store

T0 = dt.datetime(2026, 11, 23, 9, 0)
PASSWORD = "purple elephant tea"


def test_passwords_are_stored_as_argon2_hashes_that_verify(console_url):
    staff = store.add_staff("J.Smith", PASSWORD, now=T0)
    assert staff.name == "j.smith"
    assert staff.password_hash.startswith("$argon2id$") and PASSWORD not in staff.password_hash
    assert passwords.verify(staff.password_hash, PASSWORD)
    assert not passwords.verify(staff.password_hash, PASSWORD.upper())
    assert not passwords.verify("not a hash", PASSWORD)
    assert passwords.hash_password(PASSWORD) != staff.password_hash          # salted


@pytest.mark.parametrize("name, password, says", [
    ("ab", PASSWORD, "3 to 40"),
    ("jo smith", PASSWORD, "letters, digits"),
    ("jo", PASSWORD, "3 to 40"),
    ("alex", "short pass", "too short"),
    ("alex", "aaaaaaaaaaaaaaaa", "different"),
    ("alex", "alex-is-my-password", "staff name"),
    ("alex", " padded password ", "space"),
])
def test_weak_names_and_passwords_are_refused_with_the_reason(console_url, name, password, says):
    with pytest.raises(passwords.WeakInput, match=says):
        store.add_staff(name, password)
    assert store.list_staff() == []


def test_a_name_can_be_taken_once_whatever_its_case(console_url):
    store.add_staff("alex", PASSWORD)
    with pytest.raises(store.DuplicateName, match="already"):
        store.add_staff("ALEX", PASSWORD + "!")
    assert [s.name for s in store.list_staff()] == ["alex"]


def test_sign_in_checks_the_password_and_limits_failures_per_name(console_url):
    staff = store.add_staff("alex", PASSWORD)
    assert store.authenticate("Alex", PASSWORD, "1.2.3.4", now=T0).staff_id == staff.id
    for i in range(store.MAX_FAILURES_PER_NAME):
        result = store.authenticate("alex", "wrong password", f"10.0.0.{i}", now=T0 + dt.timedelta(minutes=i))
        assert result.staff_id is None and result.retry_after is None
    # Now even the right password is refused until the oldest counted failure leaves the window.
    late = T0 + dt.timedelta(minutes=5)
    locked = store.authenticate("alex", PASSWORD, "1.2.3.4", now=late)
    assert locked.staff_id is None and locked.retry_after == T0 + store.FAILURE_WINDOW - late
    later = T0 + store.FAILURE_WINDOW + dt.timedelta(minutes=1)
    assert store.authenticate("alex", PASSWORD, "1.2.3.4", now=later).staff_id == staff.id


def test_guessing_across_names_from_one_address_is_limited(console_url):
    store.add_staff("alex", PASSWORD)
    for i in range(store.MAX_FAILURES_PER_ADDRESS):
        store.authenticate(f"user{i}", "whatever", "6.6.6.6", now=T0)
    assert store.authenticate("alex", PASSWORD, "6.6.6.6", now=T0).retry_after is not None
    assert store.authenticate("alex", PASSWORD, "7.7.7.7", now=T0).staff_id is not None


def test_a_login_expires_when_idle_and_in_any_case(console_url, monkeypatch):
    monkeypatch.setenv("PATHWAYS_COACH_IDLE_MINUTES", "30")
    monkeypatch.setenv("PATHWAYS_COACH_MAX_HOURS", "2")
    staff = store.add_staff("alex", PASSWORD)
    token = store.start_login(staff.id, now=T0)
    coach = store.current_login(token, now=T0 + dt.timedelta(minutes=29))
    assert coach.name == "alex" and len(coach.csrf) >= 32
    # Each use pushes the idle expiry back...
    for minutes in (55, 80, 105):
        assert store.current_login(token, now=T0 + dt.timedelta(minutes=minutes)) is not None
    # ...but never past the maximum.
    assert store.current_login(token, now=T0 + dt.timedelta(hours=2, seconds=1)) is None
    other = store.start_login(staff.id, now=T0)
    assert store.current_login(other, now=T0 + dt.timedelta(minutes=31)) is None      # idle too long
    assert store.current_login("forged", now=T0) is None and store.current_login(None) is None


def test_signing_out_ends_the_login_and_tokens_are_not_stored(console_url):
    staff = store.add_staff("alex", PASSWORD)
    token = store.start_login(staff.id)
    from sqlalchemy import select
    from sqlalchemy.orm import Session
    from bot.coach.models import Login
    with Session(store.get_engine()) as s:
        assert token not in list(s.execute(select(Login.token_hash)).scalars())
    store.end_login(token)
    assert store.current_login(token) is None


def test_each_coach_sees_only_their_own_sessions(console_url):
    a, b = store.add_staff("alex", PASSWORD), store.add_staff("bea.k", PASSWORD)
    gs = store.create_session(a.id, "  JD  ", now=T0)
    assert gs.label == "JD" and gs.sender_id == f"coach-{gs.id}"
    assert store.get_session(gs.id, a.id).id == gs.id
    assert store.get_session(gs.id, b.id) is None
    assert [s.id for s in store.sessions_of(a.id)] == [gs.id] and store.sessions_of(b.id) == []


def test_agreed_actions_are_checked_then_kept_in_date_order(console_url):
    a = store.add_staff("alex", PASSWORD)
    gs = store.create_session(a.id, "JD", now=T0)
    store.add_action(gs.id, "referral", "Refer to the LIFT team", "Work coach", "", now=T0)
    store.add_action(gs.id, "next_step", " Call   the college ", "Resident", "2026-12-01", now=T0)
    store.add_action(gs.id, "next_step", "Book a visit", "Resident", "2026-11-25", now=T0)
    assert [(x.text, x.due) for x in store.actions_of(gs.id)] == [
        ("Book a visit", dt.date(2026, 11, 25)), ("Call the college", dt.date(2026, 12, 1)),
        ("Refer to the LIFT team", None)]
    for kind, text, owner, due, field in [("other", "x", "y", "", "kind"), ("next_step", "  ", "y", "", "text"),
                                          ("next_step", "x", "", "", "owner"),
                                          ("next_step", "x", "y", "1 December", "due"),
                                          ("next_step", "x", "y", "2026-11-22", "due"),
                                          ("next_step", "x", "y", "2031-01-01", "due")]:
        with pytest.raises(store.BadAction) as e:
            store.add_action(gs.id, kind, text, owner, due, now=T0)
        assert e.value.field == field
    first = store.actions_of(gs.id)[0]
    assert store.remove_action(gs.id, first.id) and not store.remove_action(gs.id, first.id)
    assert len(store.actions_of(gs.id)) == 2


def test_deleting_a_session_deletes_its_actions_and_plan(console_url):
    a = store.add_staff("alex", PASSWORD)
    keep, gone = store.create_session(a.id, "A"), store.create_session(a.id, "B")
    for gs in (keep, gone):
        store.add_action(gs.id, "next_step", "x", "y", "")
        store.save_plan(gs.id, {"routes": []})
    assert store.delete_session(gone.id) and not store.delete_session(gone.id)
    assert store.counts()["coach_sessions"] == 1 and store.counts()["coach_actions"] == 1
    assert store.saved_plan(gone.id) is None and store.saved_plan(keep.id) == {"routes": []}
    assert store.forget(keep.sender_id) == 1 and store.counts()["coach_plans"] == 0


def test_retention_deletes_what_was_untouched_for_the_configured_days(console_url, monkeypatch):
    monkeypatch.setenv("PATHWAYS_RETENTION_DAYS", "30")
    a = store.add_staff("alex", PASSWORD)
    old = store.create_session(a.id, "old", now=T0)
    store.add_action(old.id, "next_step", "x", "y", "", now=T0)
    store.save_plan(old.id, {"routes": []}, now=T0)
    busy = store.create_session(a.id, "busy", now=T0)
    store.touch(busy.id, now=T0 + dt.timedelta(days=20))            # activity restarts the period
    store.start_login(a.id, now=T0)
    store.authenticate("alex", "wrong", "1.1.1.1", now=T0)
    assert store.delete_expired(now=T0 + dt.timedelta(days=29, hours=23)) == 0
    assert store.delete_expired(now=T0 + dt.timedelta(days=30, minutes=1)) == 1
    c = store.counts()
    assert (c["coach_sessions"], c["coach_actions"], c["coach_plans"]) == (1, 0, 0)
    assert (c["coach_logins"], c["coach_sign_in_failures"]) == (0, 0)
    # bot.privacy's retention job passes the days itself.
    assert store.delete_expired(10, now=T0 + dt.timedelta(days=31)) == 1
    assert store.counts()["coach_sessions"] == 0


def test_removing_an_account_signs_it_out_and_keeps_its_sessions_for_retention(console_url):
    a = store.add_staff("alex", PASSWORD)
    token = store.start_login(a.id)
    store.create_session(a.id, "A")
    assert store.remove_staff("ALEX") and not store.remove_staff("alex")
    assert store.current_login(token) is None
    assert store.counts()["coach_sessions"] == 1


@pytest.mark.parametrize("name, value", [("PATHWAYS_RETENTION_DAYS", "soon"), ("PATHWAYS_RETENTION_DAYS", "0"),
                                         ("PATHWAYS_COACH_IDLE_MINUTES", "-5")])
def test_bad_settings_are_named(console_url, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=name):
        store.delete_expired() if "RETENTION" in name else store.start_login(1)


def test_hashes_made_with_weaker_parameters_are_upgraded_at_sign_in(console_url, monkeypatch):
    staff = store.add_staff("alex", PASSWORD)                     # the tests' cheapest parameters
    monkeypatch.undo()                                            # back to the library's defaults
    monkeypatch.setenv("PATHWAYS_CONSOLE_DB_URL", console_url)
    assert passwords.needs_rehash(staff.password_hash)
    assert store.authenticate("alex", PASSWORD, "1.2.3.4").staff_id == staff.id
    upgraded = store.list_staff()[0].password_hash
    assert upgraded != staff.password_hash and not passwords.needs_rehash(upgraded)
    assert passwords.verify(upgraded, PASSWORD)
