"""The production profile under 50 concurrent conversations, with one Rasa process killed (SIGKILL) part-way:
every conversation finishes through the other, and PostgreSQL holds every user turn exactly once."""
from __future__ import annotations

import json
import os
import random
import signal
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, text

from bot.rasa.channels import FAILED
from tests.support.report import figure

CONVERSATIONS = 50
BOROUGHS = ["Hackney", "Camden", "Lewisham", "Croydon", "Newham", "Islington", "Southwark", "Brent"]


def script(i: int) -> tuple[int, str, list[str]]:
    """Conversation i: a resident of age `age` in `borough`, answering every question in turn."""
    age, borough = 19 + i % 7, BOROUGHS[i % len(BOROUGHS)]
    return age, borough, ["hi", str(age), "5 GCSEs", borough.lower(), "none", "lab work"]


def stored_user_turns(tracker_url: str, senders: list[str]) -> dict[str, list[str]]:
    engine = create_engine(tracker_url, future=True)
    try:
        with engine.connect() as c:
            rows = c.execute(text("SELECT sender_id, data FROM events WHERE type_name = 'user' "
                                  "AND sender_id = ANY(:senders) ORDER BY id"), {"senders": senders}).all()
    finally:
        engine.dispose()
    turns: dict[str, list[str]] = {s: [] for s in senders}
    for sender, data in rows:
        turns[sender].append(json.loads(data)["text"])
    return turns


def stored_user_events(tracker_url: str, sender: str) -> list[tuple]:
    """A conversation's user events with their ids and times, to see where a duplicate came from."""
    engine = create_engine(tracker_url, future=True)
    try:
        with engine.connect() as c:
            return [(row.id, row.timestamp, json.loads(row.data)["text"]) for row in c.execute(
                text("SELECT id, timestamp, data FROM events WHERE type_name = 'user' AND sender_id = :s "
                     "ORDER BY id"), {"s": sender})]
    finally:
        engine.dispose()


def test_fifty_conversations_survive_a_killed_rasa_process(prod):
    run = uuid.uuid4().hex[:8]
    senders = [f"kill-{run}-{i}" for i in range(CONVERSATIONS)]
    total_turns = sum(len(script(i)[2]) for i in range(CONVERSATIONS))
    victim = prod.pid("rasa-1")
    lock = threading.Lock()
    state = {"done": 0, "killed_at": None, "slowest": 0.0, "apologies": 0}
    answered: dict[str, list[str]] = {s: [] for s in senders}    # turns the resident got a reply to
    failed: list[str] = []                                        # requests that got no reply at all
    finished: dict[str, dict] = {}

    def converse(i: int) -> None:
        sender, (age, borough, messages) = senders[i], script(i)
        replies: list[dict] = []
        pace = random.Random(i)
        time.sleep(pace.uniform(0, 10))             # residents arrive over a few seconds...
        for message in messages:
            for _attempt in range(3):               # ...and send again when told something went wrong
                time.sleep(pace.uniform(2, 8))      # reading the question and typing
                began = time.monotonic()
                try:
                    replies = prod.say(sender, message, timeout=300)
                except Exception as e:              # noqa: BLE001 - every failure is counted and reported
                    failed.append(f"{sender} {message!r}: {e}")
                    return
                apologised = any(FAILED in (r.get("text") or "") for r in replies)
                with lock:
                    answered[sender].append(message)
                    state["slowest"] = max(state["slowest"], time.monotonic() - began)
                    state["apologies"] += apologised
                    state["done"] += 1
                    if state["killed_at"] is None and state["done"] >= total_turns // 3:
                        os.kill(victim, signal.SIGKILL)       # mid-run: about a third of the turns answered
                        state["killed_at"] = state["done"]
                if not apologised:
                    break
        custom = next((r["custom"] for r in replies if (r.get("custom") or {}).get("type") == "recommendations"),
                      None)
        if custom and custom["profile"]["age"] == age and custom["profile"]["borough"] == borough:
            finished[sender] = custom

    began = time.monotonic()
    with ThreadPoolExecutor(CONVERSATIONS) as pool:
        list(pool.map(converse, range(CONVERSATIONS)))
    took = time.monotonic() - began

    # Every answered turn (a resend after an apology is a turn of its own) stored exactly once and in order; a
    # turn that got no reply may or may not be stored.
    stored = stored_user_turns(prod.tracker_url, senders)
    lost = duplicated = 0
    wrong = []
    for sender in senders:
        expected, got = Counter(answered[sender]), Counter(stored[sender])
        lost += sum((expected - got).values())
        duplicated += sum((got - expected).values())
        if stored[sender][:len(answered[sender])] != answered[sender]:
            wrong.append(sender)
    access_log = Path(prod.env["PATHWAYS_NGINX_DIR"]) / "access.log"
    retried = [line for line in access_log.read_text().splitlines()
               if " /webhooks/" in line and "upstream=" in line and ", " in line.split("upstream=")[1]]
    failed_over = len(retried)
    restarted = any("rasa-1 stopped" in line for line in prod.output)
    figure(f"{CONVERSATIONS} concurrent conversations, {total_turns} user turns, over REST through nginx\n"
          f"  Rasa processes killed: 1 (rasa-1, SIGKILL after {state['killed_at']} answered turns)\n"
          f"  turns cut off by the kill and retried on the other process by nginx: {failed_over}\n"
          f"  turns answered: {state['done']}/{total_turns}; requests with no reply: {len(failed)}; "
          f"replies apologising for a failed action: {state['apologies']}\n"
          f"  conversations finished with their recommendations: {len(finished)}/{CONVERSATIONS}\n"
          f"  user events stored in PostgreSQL: {sum(map(len, stored.values()))}; answered turns lost: {lost}; "
          f"duplicated: {duplicated}; conversations out of order: {len(wrong)}\n"
          f"  time taken: {took:.1f} s; slowest turn: {state['slowest']:.1f} s "
          f"(a turn waiting for a lock the killed process held waits up to TICKET_LOCK_LIFETIME="
          f"{prod.env['TICKET_LOCK_LIFETIME']} s)\n"
          f"  the launcher restarted rasa-1: {'yes' if restarted else 'not yet'}")
    assert state["killed_at"] is not None
    # nginx's own account of a failed request (a 504 is a timeout: connecting, or waiting for the reply)
    errors = access_log.with_name("error.log")
    lines = errors.read_text().splitlines() if errors.exists() else []
    assert not failed, "\n".join(failed[:10] + ["nginx error.log:"] +
                                  ([x for x in lines if "timed out" in x][-20:] or lines[-20:]))
    assert lost == 0 and duplicated == 0 and not wrong, \
        ({s: (answered[s], stored_user_events(prod.tracker_url, s)) for s in wrong[:5]}, retried)
    assert state["apologies"] == 0 and len(finished) == CONVERSATIONS, \
        [s for s in senders if s not in finished][:10]
