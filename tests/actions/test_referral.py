"""The warm hand-off's action: the offer, consent, the request for a contact, and what the channel reports back."""
from __future__ import annotations

from actions.conversation import ActionHandoff
from actions.referral import ActionReferral
from tests.actions.conftest import make_tracker, run_action, texts

TEAM = {"council": {"name": "Hackney Council", "employment_team": "Hackney Works, 020 7946 0000"}}


def _said(step=None, metadata=TEAM, **entities):
    return make_tracker(intent="request_contact", active_loop=None, metadata=metadata, referral=step,
                        entities=[{"entity": k, "value": v} for k, v in entities.items()])


def test_handoff_offers_to_ask_the_team_only_where_the_deployment_names_it():
    _, messages, _ = run_action(ActionHandoff(), make_tracker(metadata=TEAM))
    assert "0800 100 900" in texts(messages) and "Hackney Works" in texts(messages)
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/request_contact"]
    _, messages, _ = run_action(ActionHandoff(), make_tracker())
    assert "0800 100 900" in texts(messages) and not messages[0].get("buttons")


def test_the_request_says_what_is_shared_with_whom_and_asks_consent():
    slots, messages, _ = run_action(ActionReferral(), _said())
    assert slots == {"referral": "consent"}
    assert "Hackney Council's employment team" in texts(messages) and "your answers" in texts(messages)
    assert [b["title"] for b in messages[0]["buttons"]] == ["Yes, share them", "No, thanks"]


def test_consent_asks_for_a_phone_number_or_email_and_no_consent_passes_nothing_on():
    slots, messages, _ = run_action(ActionReferral(), _said("consent", consent="yes"))
    assert slots == {"referral": "contact"} and "phone number or email address" in texts(messages)
    slots, messages, _ = run_action(ActionReferral(), _said("consent", consent="no"))
    assert slots == {"referral": None} and "won't pass anything on" in texts(messages)


def test_a_yes_pressed_out_of_turn_asks_for_consent_again():
    slots, _, _ = run_action(ActionReferral(), _said(None, consent="yes"))
    assert slots == {"referral": "consent"}


def test_what_the_channel_reports_is_answered():
    slots, messages, _ = run_action(ActionReferral(), _said("contact", contact="phone"))
    assert slots == {"referral": "made"} and "contact you by phone number" in texts(messages)
    slots, messages, _ = run_action(ActionReferral(), _said("contact", contact="unrecognised"))
    assert slots == {"referral": "contact"} and "doesn't look like" in texts(messages)
    slots, messages, _ = run_action(ActionReferral(), _said("contact", contact="failed"))
    assert slots == {"referral": None} and "couldn't pass on" in texts(messages) and "0800 100 900" in texts(messages)


def test_without_a_named_team_there_is_no_referral_but_the_numbers():
    slots, messages, _ = run_action(ActionReferral(), _said(metadata=None))
    assert slots == {"referral": None} and "0800 100 900" in texts(messages) and not messages[0].get("buttons")
