"""python -m bot insight: the councils' insight report from the counts in the console's database."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from knowledge.errors import KnowledgeBaseUnavailable


def make(since: str | None = None, until: str | None = None, boroughs: list[str] | None = None,
         scope: str = "All of London", engine=None):
    """The report for a period (dates as year-month-day) and boroughs (all when None). Raises ValueError for a
    bad date, SQLAlchemyError or KnowledgeBaseUnavailable when a database cannot be read."""
    from bot.coach import store as console
    from pathways.insight import store

    first = week_of(since, "--since") if since else None
    last = week_of(until, "--until") if until else None
    if first and last and first > last:
        raise ValueError(f"--since ({since}) is after --until ({until})")
    rows = store.read(engine or console.get_engine(), first, last, boroughs)
    from bot.insight import report             # the engine and spaCy: only once there is something to report
    from knowledge.store import Catalogue

    return report.build(rows, first, last, scope, kb_build=Catalogue().build_id())


def week_of(text: str, what: str) -> str:
    """The ISO week of a date given as year-month-day; ValueError says which option is wrong."""
    from pathways.insight.record import iso_week

    try:
        return iso_week(dt.date.fromisoformat(text.strip()))
    except ValueError:
        raise ValueError(f"{what} must be a date as year-month-day, for example 2026-11-02; got {text!r}") from None


def main(argv: list[str] | None = None) -> int:
    sys.modules.setdefault("tensorflow", None)      # spaCy's thinc would import it (the supply runs the engine)
    from bot.insight.render import FORMATS, render

    p = argparse.ArgumentParser(prog="python -m bot insight", description="The anonymised insight report for "
                                "councils: demand beside supply by borough, small numbers suppressed.")
    p.add_argument("--since", metavar="DATE", help="from the ISO week of this date (year-month-day)")
    p.add_argument("--until", metavar="DATE", help="to the ISO week of this date, inclusive")
    p.add_argument("--format", choices=FORMATS, default="html")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--borough", action="append", metavar="NAME", help="only this borough (repeat for more)")
    args = p.parse_args(argv)
    try:
        boroughs = [_borough(b) for b in args.borough] if args.borough else None
        started = time.perf_counter()
        text = render(make(args.since, args.until, boroughs, ", ".join(boroughs) if boroughs else "All of London"),
                      args.format)
        took = time.perf_counter() - started
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except (SQLAlchemyError, KnowledgeBaseUnavailable) as e:
        print(f"error: cannot read a database: {str(getattr(e, 'orig', None) or e).strip().splitlines()[0]}",
              file=sys.stderr)
        return 1
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as e:
            print(f"error: cannot write {args.out}: {e.strerror}", file=sys.stderr)
            return 1
        print(f"Wrote the {args.format.upper()} report to {args.out} ({took:.1f} s).", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _borough(name: str) -> str:
    """A borough's name as the vocabulary spells it; ValueError lists the names when it is not one."""
    from knowledge.vocab import vocabulary

    names = {b.name.lower(): b.name for b in vocabulary().boroughs}
    found = names.get(" ".join(name.split()).lower())
    if found is None:
        raise ValueError(f"{name!r} is not a London borough's name; use one of: {', '.join(sorted(names.values()))}")
    return found
