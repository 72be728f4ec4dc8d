"""One anonymous record: a pure function of the resident's profile and the recommendations they were given."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Collection

from knowledge.engine import Result
from knowledge.profile import Profile

OUTSIDE_LONDON, NOT_GIVEN, NONE = "outside_london", "not_given", "none"
AGE_BANDS = {"under_16": "Under 16", "16_18": "16–18", "19_24": "19–24", "25_49": "25–49", "50_plus": "50+",
             NOT_GIVEN: "Not given"}
QUALIFICATION_BANDS = {"none_entry": "None or entry level", "1_2": "Level 1–2", "3": "Level 3",
                       "4_plus": "Level 4 or above", NOT_GIVEN: "Not given"}
_LEVEL_BAND = {"none": "none_entry", "entry": "none_entry", "1": "1_2", "2": "1_2", "3": "3"}


@dataclass(frozen=True)
class Record:
    """What is counted. No conversation id, no words the resident typed, no time finer than the ISO week."""
    week: str                                   # ISO week, "2026-W49"
    borough: str                                # a borough's name, OUTSIDE_LONDON or NOT_GIVEN
    age_band: str                               # AGE_BANDS
    qualification_band: str                     # QUALIFICATION_BANDS
    circumstances: tuple[str, ...]              # circumstance ids (sorted), or (NONE,) or (NOT_GIVEN,)
    interests: tuple[str, ...]                  # interest ids (sorted), or (NONE,) or (NOT_GIVEN,)
    routes: int                                 # how many routes fit
    route_types: tuple[tuple[str, int], ...]    # (route type id, how many of it fit), sorted by id
    asked_person: bool                          # the resident asked to talk to a person

    @property
    def nothing_fit(self) -> bool:
        return self.routes == 0


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def age_band(age: int | None) -> str:
    if age is None:
        return NOT_GIVEN
    return ("under_16" if age < 16 else "16_18" if age <= 18 else "19_24" if age <= 24 else "25_49" if age <= 49
            else "50_plus")


def qualification_band(level: str | None) -> str:
    """A level from abroad with no UK equivalent known is "not given": its band is not guessed."""
    if level is None:
        return NOT_GIVEN
    return _LEVEL_BAND.get(level, "4_plus")


def _ids(values: tuple[str, ...], declined: bool) -> tuple[str, ...]:
    if declined:
        return (NOT_GIVEN,)
    return tuple(sorted(set(values))) or (NONE,)


def record_of(profile: Profile, result: Result, declined: Collection[str] = (), asked_person: bool = False,
              day: dt.date | None = None) -> Record:
    """The record of the recommendations `result` given to `profile`. A question the resident declined counts as
    not given."""
    borough = (NOT_GIVEN if "borough" in declined else profile.borough or
               (OUTSIDE_LONDON if profile.outside_london else NOT_GIVEN))
    fit = result.recommendations.programmes()
    return Record(
        week=iso_week(day or dt.datetime.now(dt.timezone.utc).date()),
        borough=borough,
        age_band=NOT_GIVEN if "age" in declined else age_band(profile.age),
        qualification_band=NOT_GIVEN if "qualification_level" in declined
        else qualification_band(profile.qualification_level),
        circumstances=_ids(profile.barriers, "barriers" in declined),
        interests=_ids(profile.interests, "interests" in declined),
        routes=len(fit),
        route_types=tuple(sorted(Counter(p.route_type for p in fit).items())),
        asked_person=asked_person,
    )
