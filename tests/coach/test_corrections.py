"""A coach's corrections: checked with knowledge.normalise, only changes become slot values, choices come from
the vocabularies."""
from __future__ import annotations

from bot.coach.corrections import OUTSIDE_LONDON, choices, correct
from knowledge.vocab import vocabulary


def tracker(**slots) -> dict:
    base = {"age": None, "qualification_level": None, "borough": None, "outside_london": None, "barriers": None,
            "interests": None, "declined": [], "profile_complete": False}
    return {"slots": {**base, **slots}, "events": []}


def form(**values) -> dict:
    base = {"age": "", "qualification_level": "", "borough": "", "barriers": [], "interests": []}
    return {**base, **values}


def test_the_borough_list_is_the_knowledge_bases_and_each_choice_is_accepted():
    names = [value for value, _ in choices()["borough"] if value != OUTSIDE_LONDON]
    assert sorted(names) == sorted(b.name for b in vocabulary().boroughs)
    for name in names:
        assert correct(form(borough=name), tracker()).values["borough"] == name


def test_only_what_changed_is_set():
    now = tracker(age=19.0, qualification_level="2", borough="Hackney", barriers=["claiming_benefits"],
                  interests=["laboratory"], profile_complete=True)
    same = form(age="19", qualification_level="2", borough="Hackney", barriers=["claiming_benefits"],
                interests=["laboratory"])
    assert correct(same, now).values == {}
    moved = correct({**same, "borough": "Croydon"}, now)
    assert moved.values == {"borough": "Croydon", "outside_london": False} and moved.changed == ["borough"]
    away = correct({**same, "borough": OUTSIDE_LONDON, "age": "twenty two"}, now)
    assert away.values == {"age": 22.0, "borough": None, "outside_london": True}


def test_bad_input_is_refused_and_nothing_is_set():
    """The typed age gets the normaliser's reason. The other fields are lists, so a value not on them (a stale or
    forged form) is answered with the list, whether the normaliser cannot read it or reads it as another."""
    fix = correct(form(age="200", borough="Narnia", qualification_level="gcses", interests=["juggling"]),
                  tracker())
    assert fix.values == {} and "doesn't look like an age" in fix.errors.pop("age")
    assert fix.errors == {"borough": "Choose a borough from the list.",
                          "qualification_level": "Choose a qualification level from the list.",
                          "interests": "Choose from the list."}
    misread = correct(form(borough="hackny", barriers=["care leaver"]), tracker())
    assert misread.values == {} and misread.errors == {"borough": "Choose a borough from the list.",
                                                       "barriers": "Choose from the list."}


def test_filling_in_a_declined_answer_takes_it_off_the_declined_list_and_others_stay_declined():
    now = tracker(declined=["age", "barriers"])
    fix = correct(form(age="30"), now)
    assert fix.values == {"age": 30.0, "declined": ["barriers"]}
    assert correct(form(), now).values == {}                    # leaving it empty keeps it declined


def test_circumstances_and_interests_are_vocabulary_ids():
    fix = correct(form(barriers=["care_leaver", "claiming_benefits"], interests=["healthcare"]), tracker())
    assert sorted(fix.values["barriers"]) == ["care_leaver", "claiming_benefits"]
    assert fix.values["interests"] == ["healthcare"]
    cleared = correct(form(), tracker(barriers=["care_leaver"]))
    assert cleared.values == {"barriers": []}


def test_a_typed_postcode_sets_the_borough_and_goes_no_further(use_kb):
    from bot.coach.corrections import payload

    fix = correct(form(postcode="e17 4ab"), tracker())
    assert fix.values == {"borough": "Waltham Forest", "outside_london": False} and not fix.errors
    assert payload(fix) == '/inform{"borough": "Waltham Forest"}'          # sent without the postcode
    assert correct(form(postcode="M1 1AE"), tracker()).values == {"borough": None, "outside_london": True}


def test_a_postcode_district_spanning_boroughs_needs_the_borough_from_the_list(use_kb):
    fix = correct(form(postcode="N1"), tracker())
    assert fix.values == {} and fix.errors["borough"].startswith("The N1 postcode area covers parts of Islington")
    assert correct(form(postcode="N1", borough="Hackney"), tracker()).values["borough"] == "Hackney"
    wrong = correct(form(postcode="N1", borough="Croydon"), tracker())
    assert wrong.values == {} and "choose the borough from the list" in wrong.errors["borough"]


def test_a_bad_postcode_is_refused(use_kb):
    assert "can't find the postcode E17 9ZZ" in correct(form(postcode="E17 9ZZ"), tracker()).errors["borough"]
    assert "isn't a UK postcode" in correct(form(postcode="hello"), tracker()).errors["borough"]
