"""Each test of the rule table at its boundaries, on programmes written in the test as programmes.yml entries and
read by the real loader, judged with the real vocabularies."""
from __future__ import annotations

from dataclasses import replace

import pytest

from knowledge.catalogue import Programme, parse_programmes
from knowledge.engine import Exclusion, Recommendation, Screen, recommend
from knowledge.profile import Profile
from knowledge.vocab import vocabulary

RIGHT_TO_WORK = (
    "It's a job, or leads straight to one, so it needs the right to work in the UK, and people waiting for an "
    "asylum decision usually aren't allowed to work. What you can do now: free English (ESOL) classes once you've "
    "waited six months, adult learning and volunteering; after 12 months waiting you can ask the Home Office for "
    "permission to work.")
EHCP_OR_CARE = "with special educational needs or an EHC plan or who grew up in care"


def prog(pid: str = "p", rules=(), checks=(), where=("national",), audience: str = "anyone",
         audience_source: str = "", status: str = "active", route_type: str = "short_course", position: int = 0,
         **fields) -> Programme:
    """One programme from a programmes.yml entry; a rule gets a `source` and a check a `says` unless given."""
    raw = {
        "id": pid, "title": pid.title(), "provider": "Provider", "route_type": route_type, "summary": "s",
        "audience": audience, "where": list(where),
        "rules": [{**r, "source": r.get("source", "The source says so.")} for r in rules],
        "checks": [{**c, "says": c.get("says", "ask them about it.")} for c in checks],
        "next_step": "apply", "source": "test", "checked": "2026-11-23", "status": status, **fields,
    }
    if audience_source:
        raw["audience_source"] = audience_source
    if status != "active":
        raw.setdefault("status_note", "The note.")
    problems: list = []
    programmes = parse_programmes([raw], vocabulary(), problems)
    assert problems == []
    return replace(programmes[0], position=position)


def outcome(p: Programme, **profile) -> Recommendation | Exclusion:
    return Screen([p], vocabulary()).explain(p.id, Profile(**profile))


def fits(p: Programme, **profile) -> bool:
    return isinstance(outcome(p, **profile), Recommendation)


def reason(p: Programme, **profile) -> str:
    o = outcome(p, **profile)
    assert isinstance(o, Exclusion), o
    return o.reason


def recommended(p: Programme, **profile) -> Recommendation:
    o = outcome(p, **profile)
    assert isinstance(o, Recommendation), o
    return o


# --- ages ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("age, ok", [(15, False), (16, True), (17, True)])
def test_min_age_16(age, ok):
    assert fits(prog(rules=[{"min_age": 16}]), age=age) is ok


def test_min_age_19_says_why_either_side():
    p = prog(rules=[{"min_age": 19}])
    assert reason(p, age=18) == "It's for people aged 19 and over; you're 18."
    assert "You're 19 or over." in recommended(p, age=19).why
    assert recommended(p, age=19).verdict == "fits"


@pytest.mark.parametrize("age, ok", [(23, True), (24, True), (25, False)])
def test_max_age_24(age, ok):
    assert fits(prog(rules=[{"min_age": 16}, {"max_age": 24}]), age=age) is ok


def test_max_age_sentences():
    p = prog(rules=[{"max_age": 24}])
    assert reason(p, age=25) == "It's for people aged 24 or under; you're 25."
    assert "You're 24 or under." in recommended(p, age=24).why


def test_extended_age_limit_applies_only_with_the_circumstance():
    p = prog(rules=[{"max_age": 21, "extended": {"age": 24, "for": ["send_ehcp", "care_leaver"]}}])
    assert fits(p, age=21)
    assert reason(p, age=22) == f"It's for people aged 21 or under (or up to 24 for people {EHCP_OR_CARE}); you're 22."
    assert reason(p, age=22, barriers=("claiming_benefits",)).endswith("you're 22.")
    assert recommended(p, age=22, barriers=("care_leaver",)).why[-1] == (
        f"You're 22: the age limit is 21, or 24 for people {EHCP_OR_CARE}, which applies to you.")
    assert fits(p, age=24, barriers=("send_ehcp",))
    assert not fits(p, age=25, barriers=("send_ehcp",))


def test_unknown_age_is_a_check_not_an_exclusion():
    r = recommended(prog(rules=[{"min_age": 19}]))
    assert r.checks == ("Check: it is for people aged 19 and over.",) and r.verdict == "check"
    r = recommended(prog(rules=[{"max_age": 21, "extended": {"age": 24, "for": ["send_ehcp", "care_leaver"]}}]))
    assert r.checks == (f"Check: it is for people aged 21 or under (or up to 24 for people {EHCP_OR_CARE}).",)
    assert recommended(prog(rules=[{"min_age": 19}]), age=19).checks == ()


# --- qualification levels ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("level, ok", [("none", False), ("2", False), ("3", True), ("6", True)])
def test_min_level_3(level, ok):
    assert fits(prog(rules=[{"min_level": 3}]), qualification_level=level) is ok


def test_min_level_sentences():
    p = prog(rules=[{"min_level": 3}])
    assert reason(p, qualification_level="2").startswith("It usually needs a level 3 qualification first (such as ")
    assert reason(p, qualification_level="2").endswith("; you have level 2.")
    assert "It asks for level 3 or above, and you have level 6." in recommended(p, qualification_level="6").why
    assert recommended(p).checks[0].startswith("Check: it usually asks for a level 3 qualification first")


def test_max_level_and_its_unless():
    p = prog(rules=[{"max_level": 2, "unless": ["claiming_benefits"]}])
    assert "It's for people whose highest qualification is level 2 or below, like you." in \
        recommended(p, qualification_level="2").why
    assert reason(p, qualification_level="3") == ("It's for people whose highest qualification is level 2 or below; "
                                                 "you have level 3.")
    assert reason(p, qualification_level="6", barriers=("long_term_unemployed",)).endswith("you have level 6.")
    waived = recommended(p, qualification_level="6", barriers=("claiming_benefits",))
    assert "You can join whatever your qualifications, because you're claiming Universal Credit, JSA or ESA." \
        in waived.why and waived.verdict == "fits"
    assert recommended(p).checks == ("Check: it is for people whose highest qualification is level 2 or below.",)


def test_none_and_entry_are_below_level_1():
    assert fits(prog(rules=[{"max_level": 1}]), qualification_level="none")
    assert fits(prog(rules=[{"max_level": 1}]), qualification_level="entry")
    assert not fits(prog(rules=[{"min_level": "entry"}]), qualification_level="none")
    assert reason(prog(rules=[{"min_level": "entry"}]), qualification_level="none").endswith(
        "; you have no formal qualifications.")


# --- circumstances -------------------------------------------------------------------------------------------------

def test_requires_one_of_its_circumstances():
    p = prog(rules=[{"requires": ["claiming_benefits", "long_term_unemployed"]}])
    assert reason(p, age=30) == ("It's only for people claiming Universal Credit, JSA or ESA or who have been out of "
                                 "work for a long time; you haven't said that applies to you.")
    assert reason(p, age=30, barriers=("care_leaver",)).endswith("you haven't said that applies to you.")
    assert "It's for people who have been out of work for a long time, as you are." in \
        recommended(p, age=30, barriers=("long_term_unemployed",)).why


def test_a_supported_internship_needs_the_plan_and_the_age():
    p = prog(rules=[{"min_age": 16}, {"max_age": 24}, {"requires": ["send_ehcp"]}])
    assert fits(p, age=17, barriers=("send_ehcp",))
    assert reason(p, age=17).startswith("It's only for people with special educational needs or an EHC plan;")
    assert reason(p, age=25, barriers=("send_ehcp",)) == "It's for people aged 24 or under; you're 25."


def test_the_first_failed_rule_in_table_order_is_the_reason():
    p = prog(rules=[{"max_level": 2}, {"requires": ["claiming_benefits"]}, {"min_age": 19}])
    assert reason(p, age=17, qualification_level="6") == "It's for people aged 19 and over; you're 17."


# --- where people live ---------------------------------------------------------------------------------------------

def test_lives_in_boroughs():
    p = prog(where=["Hackney", "Camden"], rules=[{"lives_in": ["Hackney", "Camden"]}])
    inside = recommended(p, borough="Hackney")
    assert inside.why == ("It runs in Hackney, where you live.",
                          "It's for people living in Hackney or Camden, as you do.")
    assert inside.verdict == "fits"
    assert reason(p, borough="Croydon") == "It's only for people living in Hackney or Camden; you live in Croydon."
    assert reason(p, outside_london=True) == ("It's only for people living in Hackney or Camden; "
                                              "you live outside London.")
    unknown = recommended(p)
    assert unknown.checks == ("Check: it is only for people living in Hackney or Camden.",)
    assert unknown.verdict == "check"


def test_lives_in_a_subregion():
    p = prog(where=["central_london_forward"], rules=[{"lives_in": ["central_london_forward"]}])
    assert recommended(p, borough="Hackney").why == (
        "It covers the Central London Forward boroughs, including Hackney.",
        "It's for people living in the Central London Forward boroughs, as you do.")
    assert reason(p, borough="Croydon") == ("It's only for people living in the Central London Forward boroughs; "
                                            "you live in Croydon.")
    assert recommended(p).checks == ("Check: it is only for people living in the Central London Forward boroughs.",)


def test_lives_in_london():
    p = prog(where=["london"], rules=[{"lives_in": ["london"]}])
    assert recommended(p, borough="Croydon").why == ("It runs across London.",
                                                     "It's for people living in London, as you do.")
    assert reason(p, outside_london=True) == "It's only for people living in London; you live outside London."
    assert recommended(p).checks == ()          # a resident of the London bot who gave no borough lives in London


def test_lives_in_as_a_check_never_excludes():
    p = prog(where=["Camden"], checks=[{"lives_in": ["Camden"], "says": "it mostly takes Camden residents."}])
    r = recommended(p, borough="Croydon")
    assert r.checks == ("Check with the provider: it mostly takes Camden residents.",) and r.verdict == "check"
    assert recommended(p, borough="Camden").checks == ()


# --- the right to work ---------------------------------------------------------------------------------------------

def test_right_to_work_excludes_an_asylum_seeker_and_nobody_else():
    p = prog(rules=[{"right_to_work": True}])
    assert reason(p, age=30, barriers=("asylum_seeker",)) == RIGHT_TO_WORK
    assert reason(p, age=30, barriers=("english_language", "asylum_seeker")) == RIGHT_TO_WORK
    for barrier in [b.id for b in vocabulary().barriers if b.id != "asylum_seeker"]:
        assert fits(p, age=30, barriers=(barrier,)), barrier
    assert fits(p, age=30) and fits(p)


def test_right_to_work_as_a_check_keeps_the_route():
    p = prog(checks=[{"right_to_work": True, "says": "the employer checks the right to work."}])
    r = recommended(p, age=30, barriers=("asylum_seeker",))
    assert r.checks == ("Check with the provider: the employer checks the right to work.",)
    assert recommended(p, age=30, barriers=("refugee",)).checks == ()


# --- audience ------------------------------------------------------------------------------------------------------

def test_audience_with_a_source_is_a_rule():
    p = prog(audience="young_people", audience_source="The source says 16 to 24.")
    assert reason(p, age=15) == "It's for young people aged 16 to 24; you're 15."
    assert reason(p, age=25) == "It's for young people aged 16 to 24; you're 25."
    assert recommended(p, age=16).verdict == recommended(p, age=24).verdict == "fits"
    adults = prog(audience="adults", audience_source="For adults.")
    assert reason(adults, age=17) == "It's for adults; you're 17."
    assert fits(adults, age=18)
    pupils = prog(audience="pupils", audience_source="For schools.")
    assert reason(pupils, age=30) == "It's for pupils at school; you're 30."
    assert fits(pupils, age=14)


def test_audience_without_a_source_is_only_a_check():
    p = prog(audience="adults")
    r = recommended(p, age=17)
    assert r.checks == ("Check with the provider: it's for adults; you're 17.",) and r.verdict == "check"
    assert recommended(p, age=18).checks == ()


def test_sector_workers_are_always_a_check():
    r = recommended(prog(audience="sector_workers", audience_source="For people in the industry."), age=30)
    assert r.checks == ("Check: it is for people already working in the sector.",)
    assert recommended(prog(audience="sector_workers"), age=30).checks == (
        "Check with the provider: it is for people already working in the sector.",)


def test_audience_rule_with_unknown_age_is_a_check():
    r = recommended(prog(audience="adults", audience_source="For adults."))
    assert r.checks == ("Check: it is for adults.",)


# --- status --------------------------------------------------------------------------------------------------------

def test_ended_and_planned_are_never_recommended():
    assert reason(prog(status="ended", status_note="It closed in 2025."), age=30) == "It has ended. It closed in 2025."
    assert reason(prog(status="planned", status_note="It opens in 2027."), age=30) == \
        "It isn't open yet. It opens in 2027."


def test_ended_is_the_reason_before_any_other_rule():
    assert reason(prog(status="ended", rules=[{"min_age": 19}]), age=16) == "It has ended. The note."


def test_unconfirmed_is_kept_with_a_check_and_ranked_below_active_ones():
    doubt = prog("doubt", status="unconfirmed", status_note="It may have closed.", interests=["laboratory"],
                 suits=["claiming_benefits"], route_type="apprenticeship", position=0)
    r = recommended(doubt, age=30)
    assert r.checks == ("Check: it may have ended or changed. It may have closed.",) and r.verdict == "check"
    plain = prog("plain", route_type="htq", position=1)
    checked = prog("checked", checks=[{"min_age": 19}], route_type="short_course", position=2)
    profile = Profile(age=18, interests=("laboratory",), barriers=("claiming_benefits",))
    order = [x.programme.id for x in recommend(profile, [doubt, plain, checked], vocabulary()).recommendations]
    assert order == ["plain", "checked", "doubt"]


# --- checks and unknown answers ------------------------------------------------------------------------------------

@pytest.mark.parametrize("check, profile", [
    ({"min_age": 19}, dict(age=16)),
    ({"max_age": 24}, dict(age=40)),
    ({"min_level": 3}, dict(qualification_level="1")),
    ({"max_level": 2}, dict(qualification_level="6")),
    ({"requires": ["claiming_benefits"]}, dict(age=30)),
    ({"lives_in": ["Camden"]}, dict(borough="Croydon")),
    ({"lives_in": ["Camden"]}, dict(outside_london=True)),
    ({"right_to_work": True}, dict(barriers=("asylum_seeker",))),
])
def test_a_failed_check_never_excludes_and_says_what_to_check(check, profile):
    r = recommended(prog(checks=[{**check, "says": "providers differ."}]), **profile)
    assert r.checks == ("Check with the provider: providers differ.",)
    assert r.verdict == "check"
    assert r.to_dict()["verdict"] == "check" and r.to_dict()["why"][-1] == "Check with the provider: providers differ."


def test_a_check_that_is_met_adds_nothing():
    r = recommended(prog(checks=[{"min_age": 19}]), age=19)
    assert r.checks == () and r.verdict == "fits" and r.to_dict()["verdict"] == "fits"


@pytest.mark.parametrize("rule, line", [
    ({"min_age": 16}, "Check: it is for people aged 16 and over."),
    ({"max_age": 24}, "Check: it is for people aged 24 or under."),
    ({"max_level": 3}, "Check: it is for people whose highest qualification is level 3 or below."),
    ({"lives_in": ["Hackney"]}, "Check: it is only for people living in Hackney."),
])
def test_an_unknown_answer_on_a_rule_is_a_check(rule, line):
    r = recommended(prog(rules=[rule]))
    assert r.checks == (line,) and r.verdict == "check"
    assert r.to_dict()["why"][-1] == line


# --- where it runs -------------------------------------------------------------------------------------------------

def test_where_for_someone_outside_london():
    national = recommended(prog(where=["national"]), outside_london=True)
    assert national.why == ("It's available across England. Living outside London doesn't matter.",)
    assert national.verdict == "fits"
    london = recommended(prog(where=["london"]), outside_london=True)
    assert london.verdict == "check"
    assert london.checks == ("Check with the provider: it runs in London; ask whether they take people from "
                             "outside London.",)
    local = recommended(prog(where=["Hackney"]), outside_london=True)
    assert local.checks == ("Check with the provider: it runs in London (Hackney); ask whether they take people from "
                            "outside London.",)


def test_where_is_not_a_rule_in_london():
    assert recommended(prog(where=["Camden"]), borough="Croydon").why == ("It runs in Camden.",)
    assert recommended(prog(where=["Camden"]), borough="Croydon").verdict == "fits"
    assert recommended(prog(where=["london"]), borough="Croydon").why == ("It runs across London.",)


def test_a_programme_for_all_london_is_nearest_where_it_is_based():
    other = prog("other", where=["london"], interests=["research"], route_type="outreach")
    lab = prog("lab", where=["london"], based_in=["Tower Hamlets"], interests=["research"], route_type="outreach",
               position=1)

    def order(borough):
        profile = Profile(age=14, borough=borough, interests=("research",))
        return [r.programme.id for r in recommend(profile, [other, lab], vocabulary()).recommendations]
    assert order("Tower Hamlets") == ["lab", "other"]
    assert order("Croydon") == ["other", "lab"]           # open to all London, and no nearer to them than the other
    assert recommended(lab, borough="Tower Hamlets").why == (
        "It's based in Tower Hamlets, where you live, and open to people across London.",)
    assert recommended(lab, borough="Croydon").why == ("It runs across London.",)
    assert recommended(lab, outside_london=True).verdict == "check"


# --- ranking -------------------------------------------------------------------------------------------------------

def test_ranking_interest_then_locality_then_level_and_deterministic():
    progs = [
        prog("national_lab", interests=["laboratory"], levels=["3"], route_type="apprenticeship", position=0),
        prog("local_lab", where=["Hackney"], interests=["laboratory"], levels=["3"], route_type="t_level",
             position=1),
        prog("local_other", where=["Hackney"], interests=["healthcare"], route_type="short_course", position=2),
        prog("national_lab_low", interests=["laboratory"], levels=["1"], route_type="htq", position=3),
        prog("national_lab_next", interests=["laboratory"], levels=["3"], route_type="swap", position=4),
    ]
    profile = Profile(age=20, qualification_level="2", borough="Hackney", interests=("laboratory",))
    order = [r.programme.id for r in recommend(profile, progs, vocabulary()).recommendations]
    assert order == ["local_lab", "national_lab", "national_lab_next", "local_other", "national_lab_low"]
    assert order == [r.programme.id for r in recommend(profile, reversed(progs), vocabulary()).recommendations]


def test_tasters_come_last_for_adults_but_not_for_pupils():
    progs = [prog("taster", route_type="outreach", interests=["laboratory", "research"], position=0),
             prog("course", route_type="short_course", interests=["laboratory", "research"], position=1)]

    def first(age, interest="laboratory"):
        return recommend(Profile(age=age, interests=(interest,)), progs, vocabulary()).recommendations[0]
    assert first(30).programme.id == "course"
    assert first(14).programme.id == first(17).programme.id == "taster"
    # At 18 most have left school and want the routes in; research is mostly reached through a degree, and a
    # sixth-formers' placement helps choose one.
    assert first(18).programme.id == "course"
    assert first(18, "research").programme.id == "taster"
    assert first(19, "research").programme.id == "course"


def test_careers_advice_on_every_kind_of_work_comes_first_for_the_undecided():
    progs = [prog("sector", route_type="careers_information", interests=["laboratory"], levels=["3"], position=0),
             prog("any_work", route_type="careers_information", position=1)]

    def first(interest):
        profile = Profile(age=40, qualification_level="2", interests=(interest,))
        return recommend(profile, progs, vocabulary()).recommendations[0].programme.id
    assert first("not_sure") == "any_work"
    assert first("laboratory") == "sector"


def test_under_18_an_employment_programme_comes_after_courses_unless_made_for_them():
    progs = [prog("employment", route_type="employment_support", interests=["laboratory"],
                  suits=["disability_or_health"], position=0),
             prog("course", route_type="short_course", interests=["laboratory"], position=1)]

    def first(age, *barriers):
        profile = Profile(age=age, interests=("laboratory",), barriers=barriers)
        return recommend(profile, progs, vocabulary()).recommendations[0].programme.id
    assert first(17) == "course"                        # England asks them to stay in education or training
    assert first(17, "disability_or_health") == "employment"      # made for a circumstance of theirs
    assert first(18) == "employment"


def test_fits_before_checks_before_doubt_whatever_the_relevance():
    progs = [
        prog("checked_and_wanted", checks=[{"min_age": 19}], interests=["laboratory"], route_type="htq"),
        prog("fits_unwanted", route_type="t_level", position=1),
        prog("doubt_and_wanted", status="unconfirmed", interests=["laboratory"], route_type="swap", position=2),
    ]
    order = [r.programme.id for r in
             recommend(Profile(age=17, interests=("laboratory",)), progs, vocabulary()).recommendations]
    assert order == ["fits_unwanted", "checked_and_wanted", "doubt_and_wanted"]


def test_a_page_holds_at_most_two_of_a_route_type_when_others_are_left():
    progs = [prog(f"appr_{i}", route_type="apprenticeship", interests=["laboratory"], position=i) for i in range(4)]
    progs += [prog("course", route_type="short_course", position=4), prog("htq", route_type="htq", position=5),
              prog("advice", route_type="careers_information", position=6)]
    order = [r.programme for r in recommend(Profile(age=20, interests=("laboratory",)), progs,
                                            vocabulary()).recommendations]
    assert [p.route_type for p in order[:5]].count("apprenticeship") == 2
    assert order[0].id == "appr_0" and "appr_1" in [p.id for p in order[:5]]
    assert [p.id for p in order[1:4]] != ["appr_1", "appr_2", "appr_3"]      # other routes before a near-twin
    assert {p.id for p in order[5:]} == {"appr_2", "appr_3"}


def test_only_one_route_type_fills_the_page():
    progs = [prog(f"appr_{i}", route_type="apprenticeship", position=i) for i in range(6)]
    order = [r.programme.id for r in recommend(Profile(age=20), progs, vocabulary()).recommendations]
    assert order == [f"appr_{i}" for i in range(6)]


def test_circumstances_a_programme_is_designed_for_count_as_fit():
    progs = [prog("generic", position=0), prog("esol", suits=["english_language"], route_type="adult_learning",
                                                position=1)]
    result = recommend(Profile(age=30, barriers=("english_language",)), progs, vocabulary())
    assert result.recommendations[0].programme.id == "esol"
    assert "It's designed for people whose first language is not English." in result.recommendations[0].why


def test_the_work_a_route_is_mainly_for_comes_first_in_its_interests():
    progs = [prog("making", route_type="apprenticeship", interests=["manufacturing", "laboratory"], levels=["3"]),
             prog("lab", route_type="apprenticeship", interests=["laboratory", "research", "manufacturing",
                                                                 "healthcare"], levels=["3"], position=1),
             prog("any", route_type="apprenticeship", levels=["3"], position=2,
                  interests=["laboratory", "manufacturing", "research", "healthcare", "engineering"])]

    def first(interest):
        return recommend(Profile(age=20, interests=(interest,)), progs, vocabulary()).recommendations[0].programme.id
    assert first("laboratory") == "lab"
    assert first("manufacturing") == "making"
    # A route naming its kinds of work alike (a foundation apprenticeship's sectors) is made mainly for none.
    alike = prog("alike", route_type="apprenticeship", interests=["laboratory", "manufacturing"], levels=["3"],
                 mainly_for="none")
    assert (alike.mainly_for, progs[0].mainly_for, progs[2].mainly_for) == ((), ("manufacturing",), ())
    progs.insert(0, replace(alike, position=-1))
    assert first("laboratory") == "lab"
    # A route made for two kinds alike (the Royal Society of Biology's careers pages: lab and research work).
    both = prog("both", route_type="apprenticeship", interests=["laboratory", "research", "manufacturing"],
                levels=["3"], mainly_for=["laboratory", "research"], position=3)
    assert both.mainly_for == ("laboratory", "research")
    progs.append(both)
    assert (first("laboratory"), first("research")) == ("lab", "both")       # "lab" is made mainly for labs only


def test_an_adult_whose_circumstances_a_service_is_for_hears_of_the_best_one():
    progs = [prog(f"course_{i}", route_type=t, interests=["laboratory"], levels=["3"], position=i)
             for i, t in enumerate(["apprenticeship", "skills_bootcamp", "short_course", "htq", "access_to_he",
                                    "t_level"])]
    progs += [prog("careers", route_type="careers_information", suits=["long_term_unemployed", "no_work_experience"],
                   position=6),
              prog("support", route_type="employment_support", suits=["long_term_unemployed"], position=7),
              prog("doubtful", route_type="employment_support", status="unconfirmed", suits=["long_term_unemployed"],
                   position=8)]

    def top(age, *barriers):
        result = recommend(Profile(age=age, qualification_level="2", barriers=barriers, interests=("laboratory",)),
                           progs, vocabulary())
        return [r.programme.id for r in result.recommendations[:5]]
    assert [p for p in top(40, "long_term_unemployed") if p in ("careers", "support", "doubtful")] == ["support"]
    assert not {"careers", "support"} & set(top(40))                      # no circumstances: the courses
    assert not {"careers", "support"} & set(top(40, "no_work_experience"))  # where everyone starts
    assert not {"careers", "support"} & set(top(17, "long_term_unemployed"))  # a young person: courses first

    # A service for people already in (or starting) a job, however well it suits them, is not the one named first.
    at_work = dict(route_type="employment_support", position=9, suits=["long_term_unemployed"],
                   rules=[{"requires": ["long_term_unemployed"]}])
    progs.append(prog("at_work", **at_work))
    assert [p for p in top(40, "long_term_unemployed") if p in ("support", "at_work")][0] == "at_work"
    progs[-1] = prog("at_work", in_work="The source says so.", **at_work)
    assert [p for p in top(40, "long_term_unemployed") if p in ("support", "at_work")][0] == "support"


def test_an_adult_with_two_circumstances_hears_of_a_service_for_each():
    # panel writers named Connect to Work for a health condition and the National Careers Service, which gives
    # priority to adults out of work for a year or more, side by side (panel_fresh36)
    progs = [prog(f"course_{i}", route_type=t, interests=["laboratory"], levels=["3"], position=i)
             for i, t in enumerate(["apprenticeship", "skills_bootcamp", "short_course", "htq", "access_to_he"])]
    progs += [prog("support", route_type="employment_support", position=6,
                   suits=["disability_or_health", "long_term_unemployed"]),
              prog("careers", route_type="careers_information", suits=["long_term_unemployed"], position=7)]

    def top(*barriers):
        result = recommend(Profile(age=44, qualification_level="3", barriers=barriers, interests=("laboratory",)),
                           progs, vocabulary())
        return {r.programme.id for r in result.recommendations[:5]}
    assert {"support", "careers"} <= top("disability_or_health", "long_term_unemployed")
    # in either order: the service for both goes to the need only it meets (panel_fresh28, panel_fresh14)
    assert {"support", "careers"} <= top("long_term_unemployed", "disability_or_health")
    assert "careers" not in top("disability_or_health")             # one circumstance, one service
    assert "careers" not in top("long_term_unemployed")


def test_between_routes_that_rank_alike_one_many_employers_offer_comes_before_an_organisation_s_own_scheme():
    own = prog("own", route_type="apprenticeship", interests=["laboratory"], levels=["3"], own_scheme=True)
    standard = prog("standard", route_type="apprenticeship", interests=["laboratory"], levels=["3"], position=1)
    assert (own.own_scheme, standard.own_scheme) == (True, False)

    def order(progs, **profile):
        return [r.programme.id for r in recommend(Profile(**profile), progs, vocabulary()).recommendations]
    assert order([own, standard], age=20, interests=("laboratory",)) == ["standard", "own"]
    assert order([replace(own, own_scheme=False), standard], age=20, interests=("laboratory",)) == ["own", "standard"]
    # only a tie: the scheme made for the work they want still comes first
    assert order([own, replace(standard, interests=("healthcare",))], age=20, interests=("laboratory",)) == \
        ["own", "standard"]
    # the routes left out stay in the file's order
    assert [e.programme.id for e in recommend(Profile(age=20, interests=("laboratory",)),
                                              [replace(own, status="ended"), replace(standard, status="ended")],
                                              vocabulary()).excluded] == ["own", "standard"]


def test_excluded_are_listed_in_file_order_with_their_reason():
    progs = [prog("b", rules=[{"min_age": 19}], position=1), prog("a", status="ended", position=0),
             prog("c", position=2)]
    result = recommend(Profile(age=16), progs, vocabulary())
    assert [(e.programme.id, e.reason) for e in result.excluded] == [
        ("a", "It has ended. The note."), ("b", "It's for people aged 19 and over; you're 16.")]
    assert result.to_dict()["excluded"][1] == {"id": "b", "title": "B", "route_type": "short_course",
                                               "reason": "It's for people aged 19 and over; you're 16."}


def test_an_empty_catalogue_recommends_nothing():
    result = recommend(Profile(age=19), [], vocabulary())
    assert len(result.recommendations) == len(result.excluded) == 0


def test_a_programme_in_their_borough_stands_beside_the_national_route_of_its_type():
    # panel writers named Community Works for Health (in Newham) beside Connect to Work, both employment support:
    # the local one had counted as a near-twin and fallen to sixth
    progs = [prog("national", route_type="employment_support", suits=["disability_or_health"]),
             prog("local", route_type="employment_support", interests=["healthcare"], where=["Hackney"], position=1),
             prog("twin", route_type="employment_support", interests=["healthcare"], position=2)]
    progs += [prog(f"other_{t}", route_type=t, interests=["healthcare"], levels=["3"], position=3 + i)
              for i, t in enumerate(["apprenticeship", "skills_bootcamp", "htq", "access_to_he"])]

    def top(borough):
        profile = Profile(age=30, qualification_level="2", borough=borough, barriers=("disability_or_health",),
                          interests=("healthcare",))
        return [r.programme.id for r in recommend(profile, progs, vocabulary()).recommendations[:5]]
    assert "local" in top("Hackney") and "twin" not in top("Hackney")
    assert "local" not in top("Camden")
