"""A synthetic month of conversations for the insight report's tests and figures: seeded, so the same every run."""
from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache

from knowledge import advisor
from knowledge.profile import Profile
from knowledge.vocab import vocabulary
from pathways.insight import store
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
