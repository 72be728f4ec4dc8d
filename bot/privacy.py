"""`python -m bot retention`: deletes every conversation older than the retention period from the tracker store
(bot/rasa/retention.py), and the staff console's sessions and referrals untouched for as long (bot/coach/). A daily cron
job or Kubernetes CronJob runs it. One conversation's deletion at its resident's request ("delete my data", the
widget's "Forget me") is the channel's (bot/rasa/channels.py).
"""
from __future__ import annotations

import argparse
import os
import sys
import time

def main(argv: list[str] | None = None) -> int:
    """python -m bot retention [--days N] [--endpoints FILE]: what a daily cron job or Kubernetes CronJob runs."""
    from bot.coach import referrals
    from bot.coach.store import delete_expired
    from bot.model import ROOT
    from bot.rasa.retention import CannotForget, delete_older_than
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
        conversations, events = delete_older_than(args.endpoints, time.time() - days * 86400)
    except CannotForget as e:
        print(f"Nothing deleted: {e}", file=sys.stderr)
        return 1
    sessions = delete_expired(days)
    referred = referrals.delete_expired(days)
    print(f"Deleted {conversations} conversations ({events} events) with no message in {days:g} days"
          f", {sessions} staff console sessions and {referred} referrals untouched for as long.")
    return 0
