""""Delete my data" typed asks first; a button, or "yes" typed straight after the question, deletes: the action asks
the channel to delete the conversation and gives it the confirmation to send after. ("No" is a rule's: utter_kept,
in tests/stories/test_control.yml.)"""
from __future__ import annotations

import pytest
from rasa_sdk import Tracker

from actions.privacy import CONFIRMATION, NO, QUESTION, YES, ActionForgetMe
from pathways.settings import FORGET_ME
from tests.actions.conftest import make_tracker, run_action

DELETES = [{"type": FORGET_ME, "text": CONFIRMATION}]


def after_the_question(text: str, intent: str, **slots) -> Tracker:
    """`text` typed straight after action_forget_me asked whether to delete."""
    tracker = make_tracker(text, intent=intent, active_loop=None, **slots)
    asked = make_tracker("delete my data", intent="forget_me").events
    tracker.events[:0] = asked + [{"event": "action", "name": "action_forget_me"},
                                  {"event": "bot", "text": QUESTION}, {"event": "action", "name": "action_listen"}]
    return tracker


def test_typed_words_ask_first_and_delete_nothing():
    tracker = make_tracker("delete my data", intent="forget_me", active_loop=None, age=24.0, borough="Hackney")
    _, messages, events = run_action(ActionForgetMe(), tracker)
    assert [(m["text"], m["buttons"]) for m in messages] == [(QUESTION, [YES, NO])]
    assert events == []                                     # the answers are kept until they choose


@pytest.mark.parametrize("text, intent", [("/forget_me", "forget_me"),              # a button: confirmed already
                                          ("yes", "affirm"), ("yes delete it all", "forget_me")])
def test_a_button_or_yes_straight_after_the_question_deletes(text, intent):
    tracker = (make_tracker(text, intent=intent, active_loop=None, age=24.0) if text.startswith("/")
               else after_the_question(text, intent, age=24.0))
    _, messages, events = run_action(ActionForgetMe(), tracker)
    assert [m["custom"] for m in messages] == DELETES
    assert not any(m.get("text") for m in messages)        # nothing is confirmed before the deletion
    assert "deleted" in CONFIRMATION and events == [{"event": "reset_slots", "timestamp": None}]


def test_yes_later_on_deletes_nothing():
    tracker = after_the_question("yes", "affirm")
    tracker.events.extend([{"event": "action", "name": "profile_form"}, {"event": "bot", "text": "How old are you?"},
                           {"event": "action", "name": "action_listen"},
                           {"event": "user", "text": "yes", "parse_data": tracker.latest_message}])
    _, messages, events = run_action(ActionForgetMe(), tracker)
    assert [m["text"] for m in messages] == [QUESTION] and events == []


def test_delete_my_data_during_the_questions_is_not_taken_as_an_answer():
    """"data" is also an interest (data and digital): the form must step aside so the forget-me rule runs."""
    from actions.form import ValidateProfileForm

    for requested in ("interests", "age", "borough"):
        slots, messages, _ = run_action(ValidateProfileForm(), make_tracker("delete my data", intent="forget_me",
                                                                            requested=requested))
        assert not {"age", "qualification_level", "borough", "barriers", "interests"} & set(slots)
        assert messages == []
