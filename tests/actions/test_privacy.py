"""action_forget_me asks the channel to delete the conversation and gives it the confirmation to send after."""
from __future__ import annotations

from actions.privacy import CONFIRMATION, ActionForgetMe
from pathways.settings import FORGET_ME
from tests.actions.conftest import make_tracker, run_action


def test_forget_me_sends_the_marker_with_a_plain_english_confirmation_and_clears_the_answers():
    tracker = make_tracker("delete my data", intent="forget_me", active_loop=None, age=24.0, borough="Hackney")
    _, messages, events = run_action(ActionForgetMe(), tracker)
    assert [m["custom"] for m in messages] == [{"type": FORGET_ME, "text": CONFIRMATION}]
    assert not any(m.get("text") for m in messages)       # nothing is confirmed before the deletion
    assert "deleted" in CONFIRMATION and events == [{"event": "reset_slots", "timestamp": None}]


def test_delete_my_data_during_the_questions_is_not_taken_as_an_answer():
    """"data" is also an interest (data and digital): the form must step aside so the forget-me rule runs."""
    from actions.form import ValidateProfileForm

    for requested in ("interests", "age", "borough"):
        slots, messages, _ = run_action(ValidateProfileForm(), make_tracker("delete my data", intent="forget_me",
                                                                            requested=requested))
        assert not {"age", "qualification_level", "borough", "barriers", "interests"} & set(slots)
        assert messages == []
