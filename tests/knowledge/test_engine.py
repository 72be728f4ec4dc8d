"""Each eligibility rule at its boundaries, on programmes made in the test, with the real vocabularies."""
from __future__ import annotations

import pytest

from knowledge.catalogue import AgeExtension, Eligibility, Programme
from knowledge.engine import Exclusion, assess, recommend
from knowledge.profile import Profile
from knowledge.vocab import vocabulary


def prog(pid="p", areas=("national",), status="active", interests=(), suits=(), levels=(), position=0, **rules):
    return Programme(
        id=pid, title=pid.title(), provider="Provider", route_type="short_course", summary="s",
        eligibility=Eligibility(areas=tuple(areas), **rules), next_step="apply", source="test", checked="2026-11-23",
        status=status, interests=tuple(interests), suits=tuple(suits), levels=tuple(levels), position=position,
        status_note="note" if status != "active" else "",
    )


def outcome(p, **profile):
    result = assess(p, Profile(**profile), vocabulary())
    return result if isinstance(result, Exclusion) else result[1]


def is_in(p, **profile) -> bool:
    return not isinstance(outcome(p, **profile), Exclusion)


@pytest.mark.parametrize("age, ok", [(15, False), (16, True), (18, True), (19, True)])
def test_min_age_16(age, ok):
    assert is_in(prog(min_age=16), age=age) is ok


@pytest.mark.parametrize("age, ok", [(18, False), (19, True)])
def test_min_age_19_says_why(age, ok):
    o = outcome(prog(min_age=19), age=age)
    assert is_in(prog(min_age=19), age=age) is ok
    if ok:
        assert "You're 19 or over." in o.why
    else:
        assert o.reason == "It's for people aged 19 and over; you're 18."


@pytest.mark.parametrize("age, ok", [(24, True), (25, False)])
def test_max_age_24(age, ok):
    assert is_in(prog(min_age=16, max_age=24), age=age) is ok


def test_extended_age_limit_applies_only_with_the_circumstance():
    p = prog(min_age=16, max_age=21, extended_max_age=AgeExtension(24, ("send_ehcp", "care_leaver")))
    assert not is_in(p, age=22)
    assert "or up to 24 for people" in outcome(p, age=22).reason
    assert is_in(p, age=22, barriers=("care_leaver",))
    assert is_in(p, age=24, barriers=("send_ehcp",))
    assert not is_in(p, age=25, barriers=("send_ehcp",))


def test_unknown_age_is_not_excluded_but_flagged():
    o = outcome(prog(min_age=19), age=None)
    assert not isinstance(o, Exclusion)
    assert any("aged 19 and over" in c for c in o.checks)


def test_required_circumstance_benefit_claim():
    swap = prog(requires_any=("claiming_benefits",), min_age=18)
    assert is_in(swap, age=30, barriers=("claiming_benefits",))
    o = outcome(swap, age=30)
    assert isinstance(o, Exclusion) and o.reason.startswith("It's only for people ")
    assert "you haven't said that applies to you" in o.reason


def test_required_circumstance_ehc_plan():
    internship = prog(requires_any=("send_ehcp",), min_age=16, max_age=24)
    assert is_in(internship, age=17, barriers=("send_ehcp",))
    assert not is_in(internship, age=17)
    assert not is_in(internship, age=25, barriers=("send_ehcp",))


@pytest.mark.parametrize("level, ok", [("2", False), ("3", True), ("6", True)])
def test_min_level(level, ok):
    assert is_in(prog(min_level="3"), qualification_level=level) is ok


def test_max_level_and_its_waiver():
    fcfj = prog(min_age=19, max_level="2", max_level_waived_for=("claiming_benefits",))
    assert is_in(fcfj, age=30, qualification_level="2")
    assert not is_in(fcfj, age=30, qualification_level="3")
    o = outcome(fcfj, age=30, qualification_level="6", barriers=("claiming_benefits",))
    assert not isinstance(o, Exclusion)
    assert any("whatever your qualifications" in w for w in o.why)


def test_none_and_entry_are_below_level_1():
    p = prog(max_level="1")
    assert is_in(p, qualification_level="none") and is_in(p, qualification_level="entry")
    assert not is_in(prog(min_level="entry"), qualification_level="none")


def test_inside_and_outside_a_programmes_boroughs():
    local = prog(areas=("Hackney", "Camden"))
    o = outcome(local, borough="Hackney")
    assert "It runs in Hackney, where you live." in o.why
    out = outcome(local, borough="Croydon")
    assert isinstance(out, Exclusion) and "you live in Croydon" in out.reason
    assert isinstance(outcome(local, outside_london=True), Exclusion)
    assert "tell me your borough" in outcome(local).reason


def test_subregion_london_and_national_areas():
    assert "Central London Forward" in " ".join(outcome(prog(areas=("central_london_forward",)), borough="Hackney").why)
    assert not is_in(prog(areas=("central_london_forward",)), borough="Croydon")
    assert is_in(prog(areas=("london",)), borough="Croydon")
    assert not is_in(prog(areas=("london",)), outside_london=True)
    assert is_in(prog(areas=("national",)), outside_london=True)


def test_ended_and_planned_are_never_recommended():
    assert outcome(prog(status="ended"), age=30).reason.startswith("It has ended.")
    assert outcome(prog(status="planned"), age=30).reason.startswith("It isn't open yet.")


def test_ranking_interest_then_locality_then_level_and_deterministic():
    progs = [
        prog("national_lab", interests=("laboratory",), levels=("3",), position=0),
        prog("local_lab", areas=("Hackney",), interests=("laboratory",), levels=("3",), position=1),
        prog("local_other", areas=("Hackney",), interests=("healthcare",), position=2),
        prog("national_lab_low", interests=("laboratory",), levels=("1",), position=3),
        prog("national_lab_next", interests=("laboratory",), levels=("3",), position=4),
    ]
    profile = Profile(age=20, qualification_level="2", borough="Hackney", interests=("laboratory",))
    order = [r.programme.id for r in recommend(profile, progs, vocabulary()).recommendations]
    assert order == ["local_lab", "national_lab", "national_lab_next", "national_lab_low", "local_other"]
    assert order == [r.programme.id for r in recommend(profile, reversed(progs), vocabulary()).recommendations]


def test_circumstances_a_programme_is_designed_for_count_as_fit():
    progs = [prog("generic", position=0), prog("esol", suits=("english_language",), position=1)]
    result = recommend(Profile(age=30, barriers=("english_language",)), progs, vocabulary())
    assert result.recommendations[0].programme.id == "esol"
    assert any(w.startswith("It's designed for people") for w in result.recommendations[0].why)
