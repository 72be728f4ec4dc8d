"""The referral inbox's records: created by the channel's contact hook, moved on by coaches, listed for scripts,
deleted by "forget me" and by retention."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from bot.coach import referrals, store
from bot.coach.referral_views import answers
from bot.model import ROOT

FACTS = {"profile": {"age": 19.0, "qualification_level": "2", "borough": "Hackney", "barriers": ["caring_responsibilities"],
                     "interests": [], "declined": ["interests"]},
         "routes": [{"id": "t_levels", "title": "T Levels", "provider": "Colleges"}]}


def _coach(name="jo.smith"):
    return store.add_staff(name, "a long enough password 123")


def test_a_referral_is_new_with_its_contact_answers_and_routes(console_url):
    r = referrals.create("conv-1", "phone", " 07700 900123 ", "Hackney Council", FACTS)
    (row,) = referrals.listed()
    assert row.referral.id == r.id and row.referral.contact == "07700 900123" and row.referral.status == "new"
    assert row.routes[0]["title"] == "T Levels" and row.claimed_by is None and referrals.count_new() == 1
    shown = dict(answers(row))
    assert shown["Age"] == "19" and shown["Where you live"] == "Hackney"
    assert shown["Work that interests you"] == "Rather not say"


@pytest.mark.parametrize("kind, contact", [("post", "1 High St"), ("phone", "  ")])
def test_a_referral_needs_a_phone_number_or_an_email(console_url, kind, contact):
    with pytest.raises(ValueError):
        referrals.create("conv-1", kind, contact, None, FACTS)


def test_new_claimed_contacted_closed_by_the_coach_who_claimed_it(console_url):
    jo, sam = _coach(), _coach("sam.lee")
    r = referrals.create("conv-1", "email", "jo@example.com", None, FACTS)
    with pytest.raises(referrals.BadStep, match="cannot be marked contacted"):
        referrals.move(r.id, "contacted", jo.id)            # claim it first
    referrals.move(r.id, "claimed", jo.id)
    assert referrals.get(r.id).claimed_by == "jo.smith" and referrals.count_new() == 0
    with pytest.raises(referrals.BadStep, match="claimed now"):
        referrals.move(r.id, "claimed", sam.id)             # two coaches pressed at once
    with pytest.raises(referrals.BadStep, match="Another coach"):
        referrals.move(r.id, "contacted", sam.id)
    referrals.move(r.id, "contacted", jo.id)
    referrals.move(r.id, "closed", jo.id)
    assert referrals.listed() == [] and referrals.get(r.id).referral.status == "closed"
    with pytest.raises(KeyError):
        referrals.move("nope", "claimed", jo.id)


def test_a_removed_coachs_referrals_stay_claimed_by_no_one(console_url):
    jo = _coach()
    r = referrals.create("conv-1", "phone", "07700 900123", None, FACTS)
    referrals.move(r.id, "claimed", jo.id)
    assert store.remove_staff("jo.smith")
    assert referrals.get(r.id).referral.claimed_by is None and referrals.get(r.id).claimed_by is None


def test_giving_a_referral_back_lets_anyone_claim_it(console_url):
    jo, sam = _coach(), _coach("sam.lee")
    r = referrals.create("conv-1", "phone", "07700 900123", None, FACTS)
    referrals.move(r.id, "claimed", jo.id)
    referrals.move(r.id, "new", jo.id)
    referrals.move(r.id, "claimed", sam.id)
    assert referrals.get(r.id).claimed_by == "sam.lee"


def test_forget_me_and_retention_delete_referrals(console_url):
    now = store.utcnow()
    referrals.create("conv-1", "phone", "07700 900123", None, FACTS, now=now)
    referrals.create("conv-2", "phone", "07700 900124", None, FACTS, now=now - dt.timedelta(days=91))
    referrals.create("conv-3", "phone", "07700 900125", None, FACTS, now=now - dt.timedelta(days=10))
    assert referrals.forget("conv-1") == 1 and referrals.forget("conv-1") == 0
    assert referrals.delete_expired(90, now=now) == 1
    assert [r.referral.sender_id for r in referrals.listed()] == ["conv-3"]


def test_an_answer_the_vocabularies_no_longer_know_is_shown_as_stored(console_url):
    r = referrals.create("conv-1", "phone", "07700 900123", None,
                         {"profile": {"age": 30, "barriers": ["a_circumstance_since_removed"]}, "routes": []})
    assert ("Barriers", "a_circumstance_since_removed") in answers(referrals.get(r.id))


def _cli(url, *args):
    return subprocess.run([sys.executable, "-m", "bot", "referrals", *args], cwd=ROOT, text=True, capture_output=True,
                          env={**os.environ, "PATHWAYS_CONSOLE_DB_URL": url}, timeout=120)


def test_python_m_bot_referrals_list_shows_open_referrals_as_lines_or_json(console_url):
    assert _cli(console_url, "list").stdout.strip() == "No open referrals."
    jo = _coach()
    first = referrals.create("conv-1", "phone", "07700 900123", "Hackney Council", FACTS)
    closed = referrals.create("conv-2", "email", "sam@example.com", None, FACTS)
    referrals.move(first.id, "claimed", jo.id)
    referrals.move(closed.id, "closed", jo.id)
    done = _cli(console_url, "list")
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 1
    assert "Claimed by jo.smith\tphone: 07700 900123\tHackney Council\t1 routes" in done.stdout
    listed = json.loads(_cli(console_url, "list", "--json").stdout)
    assert [(r["id"], r["status"], r["contact"]) for r in listed] == [(first.id, "claimed", "07700 900123")]
    assert listed[0]["profile"]["borough"] == "Hackney" and listed[0]["routes"][0]["id"] == "t_levels"


def test_the_cli_says_when_the_database_cannot_be_used():
    done = _cli("postgresql://nobody@127.0.0.1:1/nothing", "list")
    assert done.returncode == 1 and "cannot use the console database" in done.stderr
