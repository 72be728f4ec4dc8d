"""A profile read from a conversation's slots, the one way the actions and the console both read it."""
from __future__ import annotations

from knowledge.profile import Profile


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
