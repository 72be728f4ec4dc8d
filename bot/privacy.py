"""Deleting what residents told Pathways: one conversation when its resident asks ("delete my data", the widget's
"Forget me"), and every conversation older than the retention period (`python -m bot retention`).

Rasa saves the tracker after each action, so action_forget_me cannot delete it itself: it sends a FORGET_ME custom
message, and the channel (bot/channels.py) deletes the conversation here once Rasa has saved the turn.
The staff console keeps its own records; when bot.coach.store exists, its `forget(sender_id)` and
`delete_expired(days)` are called too.
"""
from __future__ import annotations

import importlib
import importlib.util
import logging
import time
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

FORGET_ME = "forget_me"        # `type` of the custom message action_forget_me sends to the channel


class CannotForget(Exception):
    """The tracker store is of a kind this module cannot delete from."""


def stores(store: Any) -> list[Any]:
    """The stores that really hold conversations behind Rasa's wrappers (AwaitableTrackerStore,
    FailSafeTrackerStore and the in-memory fallback it may have switched to)."""
    out, todo = [], [store]
    while todo:
        s = todo.pop()
        inner = getattr(s, "_tracker_store", None)
        if inner is None:
            out.append(s)
            continue
        todo.append(inner)
        fallback = getattr(s, "_fallback_tracker_store", None)
        if fallback is not None:
            todo.append(fallback)
    return out


def delete_conversation(store: Any, sender_id: str) -> int:
    """Deletes every stored event of one conversation from each store behind `store`; returns how many rows or
    keys went. Raises CannotForget for a store it does not know (nothing is deleted from that one)."""
    from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore, SQLTrackerStore

    deleted = 0
    for s in stores(store):
        if isinstance(s, SQLTrackerStore):
            with s.session_scope() as session:
                deleted += session.query(s.SQLEvent).filter(s.SQLEvent.sender_id == sender_id).delete(
                    synchronize_session=False)
                session.commit()
        elif isinstance(s, RedisTrackerStore):
            deleted += int(s.red.delete(s.key_prefix + sender_id))
        elif isinstance(s, InMemoryTrackerStore):
            deleted += int(s.store.pop(sender_id, None) is not None)
        else:
            raise CannotForget(f"deleting a conversation from a {type(s).__name__} is not supported")
    deleted += _coach("forget", sender_id) or 0
    return deleted


@dataclass(frozen=True)
class Expired:
    conversations: int
    events: int
    coach_records: int


def delete_expired(store: Any, days: float, now: float | None = None) -> Expired:
    """Deletes conversations whose last event is older than `days` from the SQL stores behind `store`."""
    from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
    from sqlalchemy import func, select

    cutoff = (time.time() if now is None else now) - days * 86400
    conversations = events = 0
    for s in stores(store):
        if isinstance(s, InMemoryTrackerStore):
            continue                                    # gone at the next restart anyway
        if not isinstance(s, SQLTrackerStore):
            raise CannotForget(f"retention for a {type(s).__name__} is not supported (use an SQL tracker store)")
        e = s.SQLEvent
        old = select(e.sender_id).group_by(e.sender_id).having(func.max(e.timestamp) < cutoff)
        with s.session_scope() as session:
            senders = [row[0] for row in session.execute(old)]
            for i in range(0, len(senders), 500):       # bounded IN lists
                events += session.query(e).filter(e.sender_id.in_(senders[i:i + 500])).delete(
                    synchronize_session=False)
            session.commit()
        conversations += len(senders)
    return Expired(conversations, events, _coach("delete_expired", days) or 0)


def _coach(function: str, *args: Any) -> int | None:
    """Calls bot.coach.store.<function> when the staff console is installed; None when it is not."""
    if importlib.util.find_spec("bot.coach") is None or importlib.util.find_spec("bot.coach.store") is None:
        return None
    fn = getattr(importlib.import_module("bot.coach.store"), function, None)
    if fn is None:
        log.warning("bot.coach.store has no %s(); the staff console's records were not deleted", function)
        return None
    result = fn(*args)
    return result if isinstance(result, int) else 0


def retention(endpoints: str, days: float) -> Expired:
    """`python -m bot retention`: the tracker store from `endpoints`, then delete_expired."""
    from rasa.core.tracker_store import InMemoryTrackerStore, TrackerStore
    from rasa.core.utils import AvailableEndpoints

    config = AvailableEndpoints.read_endpoints(endpoints).tracker_store
    if config is None:
        raise CannotForget(f"{endpoints} configures no tracker store: conversations live in memory only")
    cannot_open = f"could not open the {config.type} tracker store configured in {endpoints}"
    try:
        store = TrackerStore.create(config)
    except Exception as e:                              # noqa: BLE001 - the driver's errors, whatever they are
        raise CannotForget(f"{cannot_open} ({e.__class__.__name__})") from None
    if all(isinstance(s, InMemoryTrackerStore) for s in stores(store)):
        # Rasa falls back to memory when the database cannot be opened; deleting nothing would look like success.
        raise CannotForget(cannot_open)
    try:
        return delete_expired(store, days)
    except CannotForget:
        raise
    except Exception as e:                              # noqa: BLE001 - each store's deletion is one transaction
        raise CannotForget(f"the database failed while deleting ({e.__class__.__name__}); "
                           "what was not committed was rolled back") from None


def main(argv: list[str] | None = None) -> int:
    """python -m bot retention [--days N] [--endpoints FILE]: what a daily cron job or Kubernetes CronJob runs."""
    import argparse
    import os
    import sys

    from bot.model import ROOT
    from bot.settings import export_settings, retention_days

    p = argparse.ArgumentParser(prog="python -m bot retention",
                                description="Delete conversations whose last message is older than the retention "
                                            "period, and the staff console's sessions untouched for as long.")
    p.add_argument("--days", type=float, default=None, help="default: PATHWAYS_RETENTION_DAYS (90)")
    p.add_argument("--endpoints", default="endpoints.yml", help="Rasa endpoints file naming the tracker store")
    args = p.parse_args(argv)
    export_settings()
    os.chdir(ROOT)                                      # endpoints.yml's relative SQLite path, as `bot run` uses it
    days = retention_days() if args.days is None else args.days
    if days <= 0:
        print("The retention period must be more than 0 days.", file=sys.stderr)
        return 2
    try:
        done = retention(args.endpoints, days)
    except CannotForget as e:
        print(f"Nothing deleted: {e}", file=sys.stderr)
        return 1
    print(f"Deleted {done.conversations} conversations ({done.events} events) with no message in {days:g} days"
          f", and {done.coach_records} staff console sessions.")
    return 0
