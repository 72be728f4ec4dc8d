"""Right answers for residents of every kind, from the real catalogue."""
from __future__ import annotations

import itertools

import pytest

from knowledge import advisor
from knowledge.profile import Profile
from knowledge.vocab import vocabulary

NO_BENEFITS = "It's only for people claiming Universal Credit, JSA or ESA; you haven't said that applies to you."
RIGHT_TO_WORK = (
    "It's a job, or leads straight to one, so it needs the right to work in the UK, and people waiting for an "
    "asylum decision usually aren't allowed to work. What you can do now: free English (ESOL) classes once you've "
    "waited six months, adult learning and volunteering; after 12 months waiting you can ask the Home Office for "
    "permission to work.")


def run(use_kb, **answers):
    return advisor.recommend(advisor.profile_from_answers(**answers))


def ids(result):
    return [r.programme.id for r in result.recommendations]


def reason(result, pid):
    return next(e.reason for e in result.excluded if e.programme.id == pid)


def found(result, pid):
    return next(r for r in result.recommendations if r.programme.id == pid)


def test_young_person_with_an_ehc_plan(use_kb):
    r = run(use_kb, age="17", qualification="GCSEs", borough="Hackney", barriers=["I have an EHCP"],
            interests=["lab work"])
    assert ids(r)[0] == "supported_internships"
    assert found(r, "supported_internships").verdict == "fits"
    assert "It's for people with special educational needs or an EHC plan, as you are." in \
        found(r, "supported_internships").why
    assert "t_level_lab_sciences_cccg_angel" in ids(r)
    assert reason(r, "swap") == reason(r, "healthcare_swap") == NO_BENEFITS
    assert reason(r, "skills_bootcamps") == "It's for people aged 19 and over; you're 17."


def test_long_term_unemployed_graduate_on_universal_credit(use_kb):
    r = run(use_kb, age="45", qualification="degree", borough="Croydon",
            barriers=["on universal credit", "out of work for years"], interests=["healthcare"])
    assert ids(r)[0] == "healthcare_swap" and "swap" in ids(r)          # the healthcare SWAP for a healthcare interest
    assert found(r, "swap").verdict == "fits"
    assert "It's for people claiming Universal Credit, JSA or ESA, as you are." in found(r, "swap").why
    assert found(r, "restart_scheme").verdict == "check"               # its status is in doubt
    assert reason(r, "t_levels") == "It's for people aged 19 or under; you're 45."
    assert reason(r, "lift") == ("It's only for people living in Camden, Hackney, Islington or Tower Hamlets; "
                                 "you live in Croydon.")
    fcfj = found(r, "free_courses_for_jobs")
    assert any(w.startswith("You can join whatever your qualifications, because you're ") for w in fcfj.why)


def test_refugee_learning_english(use_kb):
    r = run(use_kb, age="30", qualification="none", borough="Newham", barriers=["refugee", "my english is not good"],
            interests=["not sure"])
    assert ids(r)[0] == "esol"
    assert "community_works_for_health" in ids(r)        # Barts runs it in Newham, and a refugee may work
    assert found(r, "apprenticeship_level_2").verdict == "fits"


def test_asylum_seeker_gets_no_job_route_and_esol_first(use_kb):
    r = run(use_kb, age="30", qualification="none", borough="Newham",
            barriers=["I'm seeking asylum", "my english is not good"], interests=["not sure"])
    assert ids(r)[0] == "esol" and found(r, "esol").verdict == "fits"
    for x in r.recommendations:
        if x.programme.route_type in ("apprenticeship", "skills_bootcamp", "swap"):
            # Only a route whose need for the right to work is itself in doubt stays, saying so.
            assert x.verdict == "check" and any("permission to work" in c for c in x.checks), x.programme.id
            assert x.programme.condition("right_to_work", rule=True) is None
    for pid in ("skills_bootcamps", "gla_skills_bootcamps", "apprenticeship_level_2", "community_works_for_health"):
        assert reason(r, pid) == RIGHT_TO_WORK
    assert "adult_community_learning" in ids(r)


@pytest.mark.parametrize("borough, qualification, barriers", itertools.product(
    ["Croydon", "Camden", "Manchester", ""], ["none", "a levels", "degree"],
    [[], ["on universal credit"], ["I have an EHCP"], ["refugee"]]))
def test_a_30_year_old_is_never_offered_school_outreach(use_kb, borough, qualification, barriers):
    r = run(use_kb, age="30", qualification=qualification, borough=borough, barriers=barriers,
            interests=["research"])
    assert r.recommendations
    for x in r.recommendations:
        assert x.programme.audience not in ("pupils", "students_16_18") or x.verdict == "check", x.programme.id
    for pid in ("stem_ambassadors", "in2scienceuk", "tech_she_can", "imperial_reach_out"):
        assert reason(r, pid) == "It's for pupils at school; you're 30."
    assert reason(r, "bayer_baylab") == "It's for people aged 18 or under; you're 30."


@pytest.mark.parametrize("level", ["6", "7", "8"])
def test_access_to_he_is_not_recommended_to_a_degree_holder(use_kb, level):
    for barriers in ([], ["claiming_benefits"], ["english_language", "care_leaver"]):
        r = advisor.recommend(Profile(age=25, qualification_level=level, borough="Islington", barriers=tuple(barriers)))
        assert "access_to_he" not in {x.programme.route_type for x in r.recommendations}
        assert reason(r, "access_to_he_diploma") == (f"It's for people whose highest qualification is level 3 or "
                                                     f"below; you have level {level}.")


def test_access_to_he_is_recommended_below_level_3(use_kb):
    r = advisor.recommend(Profile(age=25, qualification_level="2", borough="Islington", interests=("healthcare",)))
    assert found(r, "access_to_he_diploma").programme.route_type == "access_to_he"


def test_esol_only_for_people_who_said_english_is_a_barrier(use_kb):
    v = vocabulary()
    barriers = [b.id for b in v.barriers]
    offered = 0
    for age, level, borough, (one, other) in itertools.product(
            [19, 30, 64], ["none", "2", "6"], ["Newham", "Ealing"], itertools.combinations(barriers, 2)):
        profile = Profile(age=age, qualification_level=level, borough=borough, barriers=(one, other))
        r = advisor.recommend(profile)
        if "english_language" in profile.barriers:
            assert "esol" in ids(r), profile
            offered += 1
        else:
            assert "esol" not in ids(r), profile
            assert reason(r, "esol") == ("It's only for people whose first language is not English; you haven't said "
                                         "that applies to you.")
    assert offered > 0


def test_care_leaver_gets_the_extended_age_limit(use_kb):
    r = run(use_kb, age="22", qualification="entry level", borough="Brent", barriers=["care leaver"],
            interests=["making things"])
    foundation = found(r, "foundation_apprenticeship")
    assert any(w.startswith("You're 22: the age limit is 21, or 24 for people ") and w.endswith("which applies to you.")
               for w in foundation.why)
    assert "west_london_employment_support" in ids(r)
    assert reason(r, "swap") == NO_BENEFITS
    without = run(use_kb, age="22", qualification="entry level", borough="Brent", interests=["making things"])
    assert "foundation_apprenticeship" not in ids(without)
    assert reason(without, "foundation_apprenticeship").startswith("It's for people aged 21 or under (or up to 24 ")


def test_outside_london_gets_national_routes_and_checks_for_london_ones(use_kb):
    r = run(use_kb, age="19", qualification="a levels", borough="Manchester", interests=["data"])
    assert r.recommendations
    outside = "ask whether they take people from outside London."
    for x in r.recommendations:
        if x.programme.where == ("national",):
            assert "It's available across England. Living outside London doesn't matter." in x.why
            assert not any(c.endswith(outside) for c in x.checks)
        else:
            assert x.verdict == "check" and any(c.endswith(outside) for c in x.checks), x.programme.id
    assert reason(r, "gla_skills_bootcamps") == "It's only for people living in London; you live outside London."
    assert found(r, "skills_bootcamps").verdict == "fits"


def test_school_pupil_gets_outreach_not_jobs(use_kb):
    r = run(use_kb, age="15", qualification="still at school", borough="Camden", interests=["research"])
    routes = {x.programme.route_type for x in r.recommendations}
    assert "apprenticeship" not in routes and "employment_support" not in routes
    assert ids(r)[0] == "crick_community_engagement"     # local to Camden and about research
    assert reason(r, "apprenticeship_level_2") == "It's for people aged 16 and over; you're 15."


@pytest.mark.parametrize("answers", [
    dict(age="19", qualification="5 GCSEs", borough="Hackney", barriers=["universal credit"], interests=["lab"]),
    dict(age="60", qualification="masters", borough="Ealing", barriers=["disabled"], interests=["research"]),
    dict(),
])
def test_every_recommendation_is_open_sourced_and_explained(use_kb, answers):
    r = run(use_kb, **answers)
    assert r.recommendations
    for x in r.recommendations:
        p = x.programme
        assert p.status in ("active", "unconfirmed") and p.source and p.checked and (x.why or x.checks)
        if p.status == "unconfirmed":
            assert x.verdict == "check" and f"Check: it may have ended or changed. {p.status_note}" in x.checks
    for route in {x.programme.route_type for x in r.recommendations}:        # in doubt: after the rest of its type
        statuses = [x.programme.status for x in r.recommendations if x.programme.route_type == route]
        assert statuses == sorted(statuses, key=lambda s: s == "unconfirmed"), route
    assert {"jets", "work_and_health_programme", "multiply"} <= {e.programme.id for e in r.excluded}
    assert reason(r, "jets").startswith("It has ended. ")
    assert ids(r) == ids(run(use_kb, **answers))          # deterministic


def test_nothing_given_is_answered_with_checks_not_exclusions(use_kb):
    r = run(use_kb)
    assert found(r, "t_levels").checks[0] == "Check: it is for people aged 16 and over."
    for e in r.excluded:         # only what has ended or not opened, or is only for people in a circumstance
        assert e.programme.status in ("ended", "planned") or (
            e.programme.condition("requires", rule=True) is not None
            and e.reason.endswith("you haven't said that applies to you.")), e


def test_every_route_type_is_explained():
    for t in vocabulary().route_types:
        assert t.explain and t.name
