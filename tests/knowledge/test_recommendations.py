"""Right answers for residents of every kind, from the real catalogue."""
from __future__ import annotations

import pytest

from knowledge import advisor
from knowledge.vocab import vocabulary


def run(use_kb, **answers):
    return advisor.recommend(advisor.profile_from_answers(**answers))


def ids(result):
    return [r.programme.id for r in result.recommendations]


def reason(result, pid):
    return next(e.reason for e in result.excluded if e.programme.id == pid)


def test_young_person_with_an_ehc_plan(use_kb):
    r = run(use_kb, age="17", qualification="GCSEs", borough="Hackney", barriers=["I have an EHCP"],
            interests=["lab work"])
    assert "supported_internships" in ids(r)[:3]
    assert "t_level_lab_sciences_cccg_angel" in ids(r)
    assert "19 and over" in reason(r, "skills_bootcamps")
    assert reason(r, "swap") == "It's for people aged 18 and over; you're 17."


def test_long_term_unemployed_graduate_on_universal_credit(use_kb):
    r = run(use_kb, age="45", qualification="degree", borough="Croydon",
            barriers=["on universal credit", "out of work for years"], interests=["healthcare"])
    assert {"swap", "healthcare_swap", "restart_scheme"} <= set(ids(r))
    assert "you're 45" in reason(r, "t_levels")
    assert "lift" not in ids(r)                         # LIFT is for four other boroughs
    fcfj = next(x for x in r.recommendations if x.programme.id == "free_courses_for_jobs")
    assert any("whatever your qualifications" in w for w in fcfj.why)


def test_refugee_learning_english(use_kb):
    r = run(use_kb, age="30", qualification="none", borough="Newham", barriers=["refugee", "my english is not good"],
            interests=["not sure"])
    assert "esol" in ids(r)[:3]
    assert "community_works_for_health" in ids(r)        # Barts runs it in Newham


def test_care_leaver_gets_the_extended_age_limit(use_kb):
    r = run(use_kb, age="22", qualification="entry level", borough="Brent", barriers=["care leaver"],
            interests=["making things"])
    found = next(x for x in r.recommendations if x.programme.id == "foundation_apprenticeship")
    assert any("which applies to you" in w for w in found.why)
    assert "west_london_employment_support" in ids(r)
    assert reason(r, "swap") == ("It's only for people claiming Universal Credit, JSA or ESA; "
                                 "you haven't said that applies to you.")
    without = run(use_kb, age="22", qualification="entry level", borough="Brent", interests=["making things"])
    assert "foundation_apprenticeship" not in ids(without)


def test_outside_london_gets_national_routes(use_kb):
    r = run(use_kb, age="19", qualification="a levels", borough="Manchester", interests=["data"])
    assert r.recommendations
    assert all(x.programme.eligibility.areas == ("national",) for x in r.recommendations)


def test_school_pupil_gets_outreach_not_jobs(use_kb):
    r = run(use_kb, age="15", qualification="still at school", borough="Camden", interests=["research"])
    routes = {x.programme.route_type for x in r.recommendations}
    assert "apprenticeship" not in routes and "employment_support" not in routes
    assert ids(r)[0] == "crick_community_engagement"     # local to Camden and about research


@pytest.mark.parametrize("answers", [
    dict(age="19", qualification="5 GCSEs", borough="Hackney", barriers=["universal credit"], interests=["lab"]),
    dict(age="60", qualification="masters", borough="Ealing", barriers=["disabled"], interests=["research"]),
    dict(),
])
def test_every_recommendation_is_active_sourced_and_explained(use_kb, answers):
    r = run(use_kb, **answers)
    assert r.recommendations
    for x in r.recommendations:
        assert x.programme.status == "active" and x.programme.source and x.programme.checked and x.why
    assert {"jets", "work_and_health_programme", "multiply"} <= {e.programme.id for e in r.excluded}
    assert ids(r) == ids(run(use_kb, **answers))          # deterministic


def test_every_route_type_is_explained():
    for t in vocabulary().route_types:
        assert t.explain and t.name
