"""From a real conversation to the report: `python -m bot run` (Rasa, the action server, the web front) counts a
resident who gets recommendations and then asks for a person, and `python -m bot insight` reads the count back."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid

from sqlalchemy import create_engine

from bot.model import ROOT
from bot.shell import send
from pathways.insight import store


def counted(url: str) -> list[store.Row]:
    """The rows a resident like ours makes (none of the other tests' residents is 50+ in Sutton)."""
    engine = create_engine(url, future=True)
    try:
        return [r for r in store.read(engine, boroughs=["Sutton"]) if r.record.age_band == "50_plus"]
    finally:
        engine.dispose()


def wait_for(url: str, asked: int, deadline: float = 60) -> list[store.Row]:
    """The writer runs after the turn: wait (not a speed check) until it has written."""
    end = time.monotonic() + deadline
    while True:
        rows = counted(url)
        if sum(r.asked_person for r in rows) >= asked or time.monotonic() > end:
            return rows
        time.sleep(0.5)


def test_a_conversation_is_counted_and_read_back_through_the_report(servers):
    url = servers.env["PATHWAYS_CONSOLE_DB_URL"]
    me = f"insight-{uuid.uuid4().hex[:8]}"
    send(servers.rasa, me, "hello")
    send(servers.rasa, me, "I'm 52, I live in Sutton and I have no qualifications")
    replies = send(servers.rasa, me, "I look after my mum")
    if not any(r.get("custom") for r in replies):
        replies = send(servers.rasa, me, "engineering")
    assert any((r.get("custom") or {}).get("type") == "recommendations" for r in replies), replies
    send(servers.rasa, me, "can I talk to a person")
    [row] = wait_for(url, asked=1)
    r = row.record
    assert (row.conversations, row.asked_person) == (1, 1)
    assert (r.qualification_band, r.circumstances, r.interests) == ("none_entry", ("caring_responsibilities",),
                                                                    ("engineering",))
    assert r.routes > 0 and sum(n for _, n in r.route_types) == r.routes
    done = subprocess.run([sys.executable, "-m", "bot", "insight", "--format", "json", "--borough", "Sutton"],
                          cwd=ROOT, env={**os.environ, **servers.env}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["tables"]["boroughs"]["rows"][0] == "Sutton"
    assert me not in done.stdout and "mum" not in done.stdout
