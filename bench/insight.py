"""The insight report's figures (make bench; alone: python -m bench.insight), and the synthetic month of
conversations they and the tests use: seeded, so the same every run.

    python -m bench.insight [--conversations 2000]

Measures what a record costs the resident's turn (the action's part: reading the conversation's events and
queueing the job), what the background writer then spends per record, and how long the report takes to build
from the month. PostgreSQL too when PATHWAYS_BENCH_PG_URL is set (its insight_counts table is replaced).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from knowledge import advisor
from knowledge.profile import Profile
from knowledge.vocab import vocabulary
from bench.stats import ms, percentile, table
from pathways.insight import store, writer
from pathways.insight.record import Record, record_of

AGES = (15, 17, 21, 30, 44, 55)
LEVELS = ("none", "entry", "1", "2", "3", "4", "6")
START = dt.date(2026, 11, 2)             # a Monday: four whole ISO weeks, 2026-W45 to 2026-W48


@lru_cache(maxsize=None)
def _result(profile: Profile):
    return advisor.recommend(profile)


def conversations(n: int = 2000, seed: int = 13) -> list[Record]:
    """`n` records as the actions would make them, across boroughs (a few busier than the rest), with some
    questions declined, some residents outside London and one in ten asking for a person."""
    rnd = random.Random(seed)
    v = vocabulary()
    boroughs = [b.name for b in v.boroughs]
    weights = [6 if b in ("Hackney", "Newham", "Tower Hamlets", "Croydon") else 1 for b in boroughs]
    barriers = [b.id for b in v.barriers]
    interests = [i.id for i in v.interests]
    out = []
    for k in range(n):
        declined = tuple(q for q in ("age", "qualification_level", "barriers", "interests") if rnd.random() < 0.05)
        outside = rnd.random() < 0.03
        profile = Profile(
            age=None if "age" in declined else rnd.choice(AGES),
            qualification_level=None if "qualification_level" in declined else rnd.choice(LEVELS),
            borough=None if outside else rnd.choices(boroughs, weights)[0], outside_london=outside,
            barriers=() if "barriers" in declined else tuple(sorted(rnd.sample(barriers, rnd.choice((0, 1, 1, 2))))),
            interests=() if "interests" in declined else tuple(sorted(rnd.sample(interests, rnd.choice((1, 1, 2))))))
        day = START + dt.timedelta(days=k * 28 // n)
        out.append(record_of(profile, _result(profile), declined, asked_person=rnd.random() < 0.1, day=day))
    return out


def write(engine, records: list[Record]) -> None:
    store.add(engine, records)


class _Tracker:
    """What actions/insight.py reads of a rasa-sdk Tracker: a conversation of 30 turns so far."""

    def __init__(self, profile: Profile):
        self.events = [e for k in range(30) for e in ({"event": "user", "text": f"turn {k}"},
                                                      {"event": "action", "name": "action_listen"})]
        self.slots = {"declined": []}
        self.profile = profile

    def get_slot(self, name):
        return self.slots.get(name)


def turn_cost(records: int) -> tuple[list[float], list[float]]:
    """Seconds per record in the resident's turn (the action's part), and in the writer's thread afterwards."""
    from actions import insight as counting

    profiles = [Profile(age=30, borough=b.name, interests=("laboratory",)) for b in vocabulary().boroughs]
    results = [_result(p) for p in profiles]
    written: list[float] = []

    def timed(job):
        started = time.perf_counter()
        writer._write(job)
        written.append(time.perf_counter() - started)

    writer._writer = writer.Writer(timed)
    in_turn = []
    for k in range(records):
        t = _Tracker(profiles[k % len(profiles)])
        started = time.perf_counter()
        counting.recommendations_given(t, t.profile, results[k % len(results)])
        in_turn.append(time.perf_counter() - started)
    writer.flush(600)
    return in_turn, written


def report_cost(engine, rounds: int = 3) -> list[list]:
    """Seconds to read the month back and build the report, then to render each format."""
    from bot.insight import render
    from bot.insight.report import build, supply

    rows = []
    for k in range(rounds):
        supply.cache_clear()                      # each round works out the supply afresh, as a new process does
        started = time.perf_counter()
        report = build(store.read(engine))
        built = time.perf_counter() - started
        times = []
        for fmt in render.FORMATS:
            started = time.perf_counter()
            render.render(report, fmt)
            times.append(time.perf_counter() - started)
        rows.append([built, *times])
    return rows


def main(argv: list[str] | None = None) -> int:
    import sys

    sys.modules.setdefault("tensorflow", None)
    from sqlalchemy import create_engine

    ap = argparse.ArgumentParser(prog="python -m bench.insight")
    ap.add_argument("--conversations", type=int, default=2000)
    args = ap.parse_args(argv)
    month = conversations(args.conversations)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        urls = {"SQLite": f"sqlite:///{Path(tmp) / 'console.db'}"}
        if os.environ.get("PATHWAYS_BENCH_PG_URL"):
            urls["PostgreSQL"] = os.environ["PATHWAYS_BENCH_PG_URL"]
        for name, url in urls.items():
            os.environ["PATHWAYS_CONSOLE_DB_URL"] = url
            engine = create_engine(url, future=True)
            store.metadata.drop_all(engine)
            store.create_tables(engine)
            in_turn, written = turn_cost(400)
            store.metadata.drop_all(engine)
            store.create_tables(engine)
            write(engine, month)
            built = report_cost(engine)
            med = lambda i: percentile([r[i] for r in built], 50)
            us = lambda x: f"{x * 1e6:.0f} µs"
            out.append([name, us(percentile(in_turn, 50)), us(percentile(in_turn, 95)),
                        ms(percentile(written, 50)), ms(percentile(written, 95)),
                        f"{med(0):.2f}", f"{med(1):.2f}", f"{med(2):.2f}", f"{med(3):.2f}"])
            store.metadata.drop_all(engine)
            engine.dispose()
    print(f"Insight report ({args.conversations} synthetic conversations): per record, the resident's turn and the "
          "background writer (ms); per report, seconds")
    print(table(["Console database", "turn p50", "turn p95", "writer p50 ms", "writer p95 ms", "build s", "CSV s",
                 "JSON s", "HTML s"], out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
