"""python -m bot referrals list [--json]: the open referrals (new, claimed, contacted), oldest first, for scripts
that pass them on (a council's case-management system, a morning e-mail)."""
from __future__ import annotations

import argparse
import json
import sys

from sqlalchemy.exc import SQLAlchemyError

from bot.coach import referrals
from bot.coach.cli import _where


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bot referrals",
                                description="Residents' requests, made in the chat, to be contacted by the council's "
                                            f"employment team (database: PATHWAYS_CONSOLE_DB_URL, now {_where()}).")
    sub = p.add_subparsers(dest="action", required=True)
    ls = sub.add_parser("list", help="list the open referrals, oldest first")
    ls.add_argument("--json", action="store_true", help="one JSON array, each referral with its answers and routes")
    args = p.parse_args(argv)
    try:
        rows = referrals.listed()
    except SQLAlchemyError as e:
        print(f"error: cannot use the console database at {_where()}: "
              f"{str(getattr(e, 'orig', None) or e).strip().splitlines()[0]}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([referrals.as_json(r) for r in rows], indent=2))
        return 0
    if not rows:
        print("No open referrals.")
    for row in rows:
        r = row.referral
        who = f" by {row.claimed_by}" if row.claimed_by else ""
        print(f"{r.created_at:%Y-%m-%d %H:%M} UTC\t{referrals.STATUSES[r.status]}{who}\t{r.contact_kind}: {r.contact}"
              f"\t{r.council or 'council not named'}\t{len(row.routes)} routes\t{r.id}")
    return 0
