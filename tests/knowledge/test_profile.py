"""A profile read from a conversation's slots, and said to people: one way for the actions, the console and the CLI."""
from __future__ import annotations

from knowledge.profile import Profile, profile_lines
from knowledge.vocab import vocabulary


def test_a_profile_from_the_slots_as_rasa_holds_them():
    slots = {"age": 19.0, "qualification_level": "2", "borough": "Hackney", "outside_london": None,
             "barriers": ["claiming_benefits"], "interests": None, "declined": ["interests"], "requested_slot": None}
    assert Profile.from_slots(slots) == Profile(age=19, qualification_level="2", borough="Hackney",
                                                barriers=("claiming_benefits",))
    assert Profile.from_slots({}) == Profile()


def test_a_qualification_from_abroad_has_no_level_until_its_uk_level_is_given():
    for slots in ({"qualification_level": "unknown"}, {"qualification_level": None, "qualification_abroad": True}):
        p = Profile.from_slots(slots)
        assert p.qualification_level is None and p.qualification_abroad
    given = Profile.from_slots({"qualification_level": "6", "qualification_abroad": True})
    assert given.qualification_level == "6" and not given.qualification_abroad


def test_the_answers_for_people_say_what_was_declined_or_not_given_in_the_order_asked():
    p = Profile(age=19, qualification_level="2", outside_london=True, interests=("laboratory", "not_sure"))
    assert profile_lines(p, declined=["age"]) == [
        ("Age", "Rather not say"),
        ("Highest qualification", f"Level 2 ({vocabulary().level('2').explain})"),
        ("Where you live", "Outside London"),
        ("Your situation", "None"),
        ("Work that interests you", "Working in a lab, Not sure yet")]
    assert profile_lines(Profile(), fields=["borough", "age"]) == [("Age", "Not given"),
                                                                   ("Where you live", "Not given")]


def test_without_the_unanswered_only_given_and_undeclined_answers_appear():
    p = Profile(age=19, borough="Hackney", barriers=("care_leaver",))
    assert profile_lines(p, declined=["barriers"], fields=["age", "barriers", "interests"], unanswered=False) == [
        ("Age", "19")]
    abroad = Profile.from_slots({"qualification_level": "unknown"})
    assert profile_lines(abroad, fields=["qualification_level"], unanswered=False) == [
        ("Highest qualification", "From another country (its UK level isn't known)")]
