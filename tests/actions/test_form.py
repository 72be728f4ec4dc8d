"""validate_profile_form: answers out of real messages, specific re-asks, and messages that are not answers."""
from __future__ import annotations

import pytest

from actions.form import ValidateProfileForm
from actions.questions import AFTER_TWO_MISSES, AskAge, AskBorough, AskQualification
from tests.actions.conftest import make_tracker, run_action, texts


def validate(text="", **kw):
    return run_action(ValidateProfileForm(), make_tracker(text, **kw))


def test_one_message_fills_several_answers_and_only_the_rest_is_asked():
    slots, messages, _ = validate("I'm 24, from Tower Hamlets, I've got A levels and want lab work", requested="age")
    assert slots["age"] == 24.0 and slots["borough"] == "Tower Hamlets" and slots["outside_london"] is False
    assert slots["qualification_level"] == "3" and slots["interests"] == ["laboratory"]
    assert "barriers" not in slots and messages == []      # Rasa's form asks for the one still missing


def test_plain_answer_to_the_question_asked():
    slots, _, _ = validate("nineteen", requested="age")
    assert slots["age"] == 19.0 and slots["failed_attempts"] == 0


def ask_after(ask, text, **kw):
    """The validator's slots for `text`, then what the question's own action says in the same turn."""
    slots, messages, _ = validate(text, **kw)
    kw.pop("intent", None)
    _, asked, events = run_action(ask, make_tracker(text, **{**kw, **slots}))
    return slots, messages + asked, events


def test_out_of_range_age_gets_one_helpful_re_ask_not_a_silent_drop():
    slots, messages, events = ask_after(AskAge(), "I'm 300", requested="age")
    assert slots["age"] is None and slots["failed_attempts"] == 1
    assert len(messages) == 1                                    # the reason and the question, once
    assert messages[0]["text"].startswith("300 doesn't look like an age. Please type your age in years")
    assert "for example 19" in messages[0]["text"] and messages[0]["buttons"]
    assert {"event": "slot", "name": "reask", "value": None} in [{k: e.get(k) for k in ("event", "name", "value")}
                                                                  for e in events]


def test_an_unrecognised_borough_is_asked_once_with_an_example_and_the_buttons():
    _, messages, _ = ask_after(AskBorough(), "asdfgh", intent="nlu_fallback", requested="borough")
    assert len(messages) == 1 and messages[0]["text"].count("?") == 0
    assert "I didn't recognise that as a London borough." in messages[0]["text"]
    assert "for example Hackney" in messages[0]["text"]
    assert "I live outside London" in [b["title"] for b in messages[0]["buttons"]]


def test_second_failure_offers_to_skip_or_talk_to_a_person():
    slots, messages, _ = ask_after(AskAge(), "banana", intent="nlu_fallback", requested="age", failed_attempts=1)
    assert slots["failed_attempts"] == 2 and len(messages) == 1 and AFTER_TWO_MISSES in messages[0]["text"]
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert "Skip this question" in titles and "Talk to a person" in titles


def test_an_ambiguous_answer_is_asked_about_once():
    _, messages, _ = ask_after(AskQualification(), "a btec", requested="qualification_level")
    assert len(messages) == 1 and messages[0]["text"].startswith("BTECs come at levels 1, 2 and 3")


def test_a_qualification_from_abroad_asks_for_a_uk_enic_statement_then_takes_the_answer():
    slots, messages, _ = ask_after(AskQualification(), "I have a degree from Nigeria", requested="qualification_level")
    assert slots["qualification_abroad"] is True and slots["qualification_level"] is None
    assert len(messages) == 1 and "UK ENIC statement of comparability" in messages[0]["text"]
    assert "I don't have one" in [b["title"] for b in messages[0]["buttons"]]
    no, _, _ = validate("no", intent="deny", requested="qualification_level", qualification_abroad=True)
    assert no["qualification_level"] == "unknown"
    yes, _, _ = validate("yes, it says bachelor's degree standard", intent="affirm", requested="qualification_level",
                         qualification_abroad=True)
    assert yes["qualification_level"] == "6"


@pytest.mark.parametrize("text, told", [("no, how do I get one?", True), ("no", False),
                                        ("Don't have one. Is it expensive to get?", True)])
def test_a_no_to_the_uk_enic_question_is_recorded_and_a_question_beside_it_answered(text, told):
    slots, messages, _ = validate(text, intent="inform", requested="qualification_level", qualification_abroad=True)
    assert slots["qualification_level"] == "unknown"
    assert any("enic.org.uk" in m.get("text", "") for m in messages) is told


def test_a_pupil_giving_their_school_year_is_understood():
    slots, _, _ = validate("I'm in year 11", requested="age")
    assert slots["age"] == 16.0


def test_an_answer_the_classifier_misread_is_still_taken_when_it_states_the_value():
    slots, _, _ = validate("I'm deaf", intent="stop", requested="barriers")
    assert slots["barriers"] == ["disability_or_health"]
    slots, _, _ = validate("stop", intent="stop", requested="barriers")
    assert "barriers" not in slots


def test_a_pause_takes_no_answer_so_the_questions_stop():
    slots, _, _ = validate("hold on I need to pick up my kids, continue later", intent="stop", requested="borough")
    assert "barriers" not in slots and "borough" not in slots


def test_questions_that_are_not_answers_are_left_to_the_rules():
    slots, messages, _ = validate("why do you need that?", intent="why_needed", requested="age")
    assert not {"age", "qualification_level", "borough", "barriers", "interests"} & set(slots)
    assert messages == []


def test_rather_not_say_skips_the_question():
    slots, messages, _ = validate("I'd rather not say", intent="decline", requested="borough", age=30.0,
                                  qualification_level="2")
    assert slots["declined"] == ["borough"] and slots["borough"] is None
    assert slots["requested_slot"] == "barriers" and "skip" in texts(messages)


def test_rather_not_say_for_circumstances_is_an_empty_list():
    slots, _, _ = validate("prefer not to say", intent="inform", requested="barriers")
    assert slots["barriers"] == [] and slots["declined"] == ["barriers"]


@pytest.mark.parametrize("text", ["prefer not to answer", "I don't want to share that",
                                  "id rather keep that to myself"])
def test_declining_in_other_words_skips_the_question(text):
    slots, _, _ = validate(text, intent="decline", requested="barriers")
    assert slots["barriers"] == [] and slots["declined"] == ["barriers"]


def test_outside_london_is_recognised_and_explained():
    slots, messages, _ = validate("manchester", requested="borough", age=30.0, qualification_level="2")
    assert slots["borough"] is None and slots["outside_london"] is True
    assert "across England" in texts(messages)
    assert slots["requested_slot"] == "barriers"


def test_button_payload_sets_the_slot_without_nlu():
    slots, _, _ = validate('/inform{"qualification_level": "2"}', requested="qualification_level",
                           entities=[{"entity": "qualification_level", "value": "2"}])
    assert slots["qualification_level"] == "2"


def test_bad_payload_values_never_reach_the_slots():
    slots, _, _ = validate('/inform{"age": "x"}', requested="borough", entities=[{"entity": "age", "value": "x"}])
    assert "age" not in slots
    slots, messages, _ = validate('/inform{"age": "x"}', requested="age", entities=[{"entity": "age", "value": "x"}])
    assert slots["age"] is None and slots["reask"]["text"] == "I couldn't find your age in that."


def test_correction_while_another_question_is_asked():
    slots, messages, _ = validate("sorry, I'm actually 27", requested="borough", age=25.0)
    assert slots["age"] == 27.0 and "borough" not in slots
    assert messages == []


def test_a_correction_that_answers_the_question_asked_too():
    slots, _, _ = validate("year 10 so no results yet", requested="qualification_level", age=30.0)
    assert slots["age"] == 15 and slots["qualification_level"] == "none"


@pytest.mark.parametrize("text", ["I had an EHCP at school", "i always loved science at school",
                                  "I got SEN support at school for my reading"])
def test_school_days_remembered_leave_the_qualification_alone(text):
    # "at school" once read as "still at school", and replaced a 22-year-old's A levels with no qualifications
    slots, _, _ = validate(text, requested="barriers", qualification_level="3", age=22.0)
    assert "qualification_level" not in slots


def test_a_typed_place_is_read_as_a_whole_not_as_its_first_borough():
    entities = [{"entity": "borough", "value": "Lambeth", "start": 26, "end": 33}]
    slots, _, _ = validate("i go to a school in Lambeth but i live in Croydon", entities=entities,
                           requested="borough")
    assert slots["borough"] == "Croydon"


def test_ambiguous_qualification_asks_instead_of_guessing():
    slots, messages, _ = validate("a btec", requested="qualification_level")
    assert slots["qualification_level"] is None and "Which level" in slots["reask"]["text"]


def test_none_and_negations_for_circumstances():
    assert validate("none of these", requested="barriers")[0]["barriers"] == []
    assert validate("no criminal record", requested="barriers")[0]["barriers"] == []
    assert validate("single mum on UC", requested="barriers")[0]["barriers"] == ["caring_responsibilities",
                                                                                    "claiming_benefits"]


def test_none_of_the_circumstances_beside_other_answers_is_recorded():
    slots, _, _ = validate("30, MSc in biotech, Islington, none of the circumstances stuff applies to me",
                           requested="age")
    assert slots["age"] == 30.0 and slots["barriers"] == [] and slots["borough"] == "Islington"


def test_none_alongside_a_correction_answers_the_question_too():
    slots, _, _ = validate("none of those, but my highest is level 1 functional skills", requested="barriers",
                           qualification_level="2")
    assert slots["barriers"] == [] and slots["qualification_level"] == "1"
    assert validate("non", requested="barriers")[0]["barriers"] == []


def test_declined_and_outside_london_questions_are_not_asked_again():
    slots, _, _ = validate("hackney", requested="age", declined=["age"], qualification_level="2")
    assert slots["requested_slot"] == "barriers"
    slots, _, _ = validate("21", requested="age", outside_london=True, qualification_level="2")
    assert slots["requested_slot"] == "barriers"


def test_none_of_these_button_and_new_information_alongside_an_ambiguous_answer():
    slots, _, _ = validate('/inform{"barriers": "none"}', requested="barriers",
                           entities=[{"entity": "barriers", "value": "none"}])
    assert slots["barriers"] == []
    slots, messages, _ = validate("a btec in health and social care", requested="qualification_level")
    assert slots["qualification_level"] is None and "Which level" in slots["reask"]["text"]


def test_a_misread_decline_does_not_skip_the_question():
    slots, messages, _ = validate("blah blah", intent="decline", requested="age")
    assert slots["age"] is None and slots["failed_attempts"] == 1 and "declined" not in slots
    slots, _, _ = validate("none of your business", intent="decline", requested="age")
    assert slots["declined"] == ["age"]


# --- postcodes: the borough slot gets the borough, never the postcode -----------------------------------------
def test_a_qualification_with_a_word_of_declining_in_it_is_not_declined():
    # "pass" declines ("I'll pass"), but "12th pass" is India's school-leaving certificate
    slots, _, _ = validate("12th pass from Punjab", intent="decline", requested="qualification_level")
    assert slots.get("declined") is None and slots["qualification_abroad"] is True


def test_a_postcode_answer_sets_the_borough_and_the_postcode_is_kept_nowhere(use_kb):
    for text in ("I live at SE1 7EH", "se17eh"):
        slots, _, events = validate(text, requested="borough")
        assert slots["borough"] == "Lambeth" and slots["outside_london"] is False
        assert "7EH" not in str(events).upper()


def test_a_postcode_district_spanning_boroughs_asks_which_with_them_as_buttons(use_kb):
    slots, messages, _ = ask_after(AskBorough(), "N1", intent="inform", requested="borough")
    assert slots["borough"] is None and slots["reask"]["choices"][:2] == ["Islington", "Hackney"]
    assert len(messages) == 1 and messages[0]["text"].startswith("The N1 postcode area covers parts of Islington")
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles[:2] == ["Islington", "Hackney"] and "Rather not say" in titles
    chosen = messages[0]["buttons"][1]["payload"]               # the resident taps Hackney
    slots, _, _ = validate(chosen, requested="borough", entities=[{"entity": "borough", "value": "Hackney"}])
    assert slots["borough"] == "Hackney"


def test_a_district_mostly_in_one_borough_is_recorded_and_the_resident_told_how(use_kb):
    slots, messages, _ = validate("E15", requested="borough", age=30.0, qualification_level="2")
    assert slots["borough"] == "Newham" and "note" not in slots
    assert "Most of the E15 postcode area is in Newham" in texts(messages)


def test_a_postcode_that_does_not_exist_is_asked_again_naming_it(use_kb):
    slots, messages, _ = ask_after(AskBorough(), "E17 9ZZ", intent="inform", requested="borough")
    assert slots["borough"] is None and slots["failed_attempts"] == 1
    assert messages[0]["text"].startswith("I can't find the postcode E17 9ZZ.")


def test_a_postcode_outside_london_is_outside_london(use_kb):
    slots, messages, _ = validate("M1 1AE", requested="borough", age=30.0, qualification_level="2")
    assert slots["borough"] is None and slots["outside_london"] is True
    assert "outside London" in texts(messages)


def test_a_postcode_alone_is_an_answer_whatever_the_classifier_guessed(use_kb):
    for text, intent in (("E17", "stop"), ("SE1 7EH", "goodbye"), ("postcode is M1 1AE", "out_of_scope")):
        slots, _, _ = validate(text, intent=intent, requested="borough", age=30.0, qualification_level="2")
        assert (slots["borough"], slots["outside_london"]) in (("Waltham Forest", False), ("Lambeth", False),
                                                               (None, True)), text
    slots, _, _ = validate("E17", intent="stop", requested="age")         # not the question asked: left alone
    assert "borough" not in slots


@pytest.mark.parametrize("text, requested", [("no and I dont know where to even start with that", "borough"),
                                             ("not sure tbh, somewhere near the station", "borough")])
def test_not_sure_at_another_question_never_answers_the_interests_question(text, requested):
    slots, _, _ = validate(text, requested=requested)
    assert "interests" not in slots


@pytest.mark.parametrize("text", ["i'm 43 and honestly dont know what kind of work i want",
                                  "im in year 11, doing my gcses in may, no clue what job i want"])
def test_not_sure_of_the_work_itself_answers_the_interests_question_at_another(text):
    slots, _, _ = validate(text, requested="age")
    assert slots["interests"] == ["not_sure"]


def test_a_kind_of_work_named_at_another_question_still_answers_it():
    slots, _, _ = validate("I'm 24 and want lab work", requested="age")
    assert slots["interests"] == ["laboratory"]


def test_computers_at_the_circumstances_question_are_a_circumstance_not_an_interest():
    slots, _, _ = validate("english and computers", requested="barriers")
    assert slots["barriers"] == ["english_language", "digital_skills"] and "interests" not in slots


def test_what_they_studied_leaves_the_interests_question_to_be_asked():
    slots, _, _ = validate("NVQ level 2 in health and social care", requested="qualification_level")
    assert slots["qualification_level"] == "2" and "interests" not in slots


def test_what_a_resident_in_distress_says_about_themselves_is_kept_without_asking():
    from actions.conversation import ActionKeepWhatTheySaid

    slots, messages, _ = run_action(ActionKeepWhatTheySaid(), make_tracker(
        "i'm 23 and sleeping rough, i can't cope", intent="distress", requested="barriers", age=None))
    assert messages == []                          # the help comes first, from Rasa itself (data/rules.yml)
    assert slots == {"age": 23.0, "barriers": ["homelessness"]}
    # "not sure I can go on" is no answer about work, and what was answered stays as it was
    slots, _, _ = run_action(ActionKeepWhatTheySaid(), make_tracker(
        "not sure i can go on, i'm 40", intent="distress", requested="interests", age=31.0))
    assert slots == {}
    # after the list, a change comes with new routes, which is another action's work
    slots, _, _ = run_action(ActionKeepWhatTheySaid(), make_tracker(
        "i've been sleeping rough", intent="distress", profile_complete=True))
    assert slots == {}


def test_a_year_of_birth_asks_which_of_its_two_ages_with_them_as_buttons():
    from datetime import date
    older = date.today().year - 2001
    slots, messages, _ = ask_after(AskAge(), "born in 2001", intent="inform", requested="age")
    assert slots["age"] is None and slots["reask"]["choices"] == [str(older - 1), str(older)]
    assert len(messages) == 1 and messages[0]["text"].startswith("If you were born in 2001")
    chosen = messages[0]["buttons"][1]["payload"]               # the resident taps the older age
    slots, _, _ = validate(chosen, requested="age", entities=[{"entity": "age", "value": str(older)}])
    assert slots["age"] == older
