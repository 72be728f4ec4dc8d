"""The record: bands, "not given" for a declined question, route types counted, nothing else."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from knowledge import advisor
from knowledge.profile import Profile
from pathways.insight.record import (NONE, NOT_GIVEN, OUTSIDE_LONDON, Record, age_band, iso_week, qualification_band,
                                     record_of)

pytestmark = pytest.mark.usefixtures("use_kb")


@pytest.mark.parametrize("age, band", [(None, NOT_GIVEN), (15, "under_16"), (16, "16_18"), (18, "16_18"),
                                       (19, "19_24"), (24, "19_24"), (25, "25_49"), (49, "25_49"), (50, "50_plus")])
def test_age_bands(age, band):
    assert age_band(age) == band


@pytest.mark.parametrize("level, band", [(None, NOT_GIVEN), ("none", "none_entry"), ("entry", "none_entry"),
                                         ("1", "1_2"), ("2", "1_2"), ("3", "3"), ("4", "4_plus"), ("8", "4_plus")])
def test_qualification_bands(level, band):
    assert qualification_band(level) == band


def test_the_iso_week_not_the_day():
    assert iso_week(dt.date(2026, 12, 31)) == "2026-W53" and iso_week(dt.date(2027, 1, 4)) == "2027-W01"


def test_a_record_of_recommendations():
    profile = Profile(age=21, qualification_level="2", borough="Hackney", barriers=("refugee", "care_leaver"),
                      interests=("laboratory",))
    result = advisor.recommend(profile)
    r = record_of(profile, result, day=dt.date(2026, 11, 24))
    assert (r.week, r.borough, r.age_band, r.qualification_band) == ("2026-W48", "Hackney", "19_24", "1_2")
    assert r.circumstances == ("care_leaver", "refugee") and r.interests == ("laboratory",)
    assert r.routes == len(result.recommendations) > 0 and not r.nothing_fit
    assert sum(n for _, n in r.route_types) == r.routes
    assert dict(r.route_types) == {t: sum(1 for x in result.recommendations if x.programme.route_type == t)
                                   for t, _ in r.route_types}


def test_declined_questions_count_as_not_given():
    profile = Profile(age=30, borough="Camden", barriers=("refugee",))
    r = record_of(profile, advisor.recommend(profile), declined=("age", "borough", "barriers", "interests"))
    assert (r.borough, r.age_band, r.circumstances, r.interests) == (NOT_GIVEN, NOT_GIVEN, (NOT_GIVEN,), (NOT_GIVEN,))


def test_no_circumstance_is_none_and_outside_london_is_kept():
    profile = Profile(outside_london=True, interests=("research",))
    r = record_of(profile, advisor.recommend(profile))
    assert (r.borough, r.circumstances, r.qualification_band) == (OUTSIDE_LONDON, (NONE,), NOT_GIVEN)


def test_the_record_holds_only_what_the_issue_lists():
    assert [f.name for f in dataclasses.fields(Record)] == [
        "week", "borough", "age_band", "qualification_band", "circumstances", "interests", "routes", "route_types",
        "asked_person"]


def test_nothing_fit_is_a_record_with_no_routes():
    from knowledge.engine import Screen
    from knowledge.vocab import vocabulary

    profile = Profile(age=40, borough="Brent")
    r = record_of(profile, Screen([], vocabulary()).result(profile))
    assert r.routes == 0 and r.route_types == () and r.nothing_fit
