"""The warm hand-off: "ask the team to contact you", offered by action_handoff where the deployment names the
council's employment team.

request_contact -> consent to share the answers and the recommended routes (buttons) -> a phone number or e-mail
address. The contact never reaches this action: while the `referral` slot is AWAITING_CONTACT, the channel takes it
out of the message, creates the referral in the console's database and sends REQUEST_CONTACT with a `contact` entity
saying only what it was (bot/rasa/channels.py).
"""
from __future__ import annotations

import json

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import latest_entities
from pathways.settings import (AWAITING_CONSENT, AWAITING_CONTACT, NATIONAL_CAREERS, REFERRAL_SLOT, REFERRED,
                               REQUEST_CONTACT, council, team_words)


def _payload(**entities: str) -> str:
    return f"/{REQUEST_CONTACT}{json.dumps(entities)}"


YES = {"title": "Yes, share them", "payload": _payload(consent="yes")}
NO = {"title": "No, thanks", "payload": _payload(consent="no")}
CHANGED_MIND = {"title": "I've changed my mind", "payload": _payload(consent="no")}
KINDS = {"phone": "phone number", "email": "email address"}


def offer_button() -> dict:
    return {"title": "Ask the team to contact you", "payload": f"/{REQUEST_CONTACT}"}


class ActionReferral(Action):
    def name(self) -> str:
        return "action_referral"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        c = council(tracker.get_slot("session_started_metadata"))
        team = f"{c.name}'s employment team" if c.name else "your council's employment team"
        said = latest_entities(tracker)
        contact, consent = said.get("contact"), said.get("consent")
        step = tracker.get_slot(REFERRAL_SLOT)

        def at(state):
            return [SlotSet(REFERRAL_SLOT, state)]

        if not c.employment_team:
            dispatcher.utter_message(text=f"Sorry, I can't pass on a request to be contacted here. You can talk to a "
                                          f"person at {NATIONAL_CAREERS}. You can also contact {team_words(c)}.")
            return at(None)
        if contact in KINDS:
            dispatcher.utter_message(text=f"Thank you. I've asked {team} to contact you by {KINDS[contact]}. They can "
                                          f"see your answers and the routes I suggested. Your {KINDS[contact]} is kept "
                                          "with that request only, not in this conversation.")
            return at(REFERRED)
        if contact == "failed":
            dispatcher.utter_message(text=f"Sorry, I couldn't pass on your request just now, and I haven't kept your "
                                          f"details. Please try again in a few minutes, or contact {team_words(c)}. "
                                          f"You can also talk to a person at {NATIONAL_CAREERS}.")
            return at(None)
        if contact == "unrecognised" and step == AWAITING_CONTACT:
            dispatcher.utter_message(text="That doesn't look like a phone number or an email address, so I haven't "
                                          "kept it. Please type a UK phone number, for example 07700 900123, or an "
                                          "email address, for example name@example.com.", buttons=[CHANGED_MIND])
            return at(AWAITING_CONTACT)
        if consent == "yes" and step == AWAITING_CONSENT:
            dispatcher.utter_message(text=f"What phone number or email address should {team} use? I'll pass it to "
                                          "them with your request; it won't be kept in this conversation.",
                                     buttons=[CHANGED_MIND])
            return at(AWAITING_CONTACT)
        if consent == "no":
            dispatcher.utter_message(text=f"OK, I won't pass anything on. You can still contact {team_words(c)}.")
            return at(None)
        dispatcher.utter_message(
            text=f"I can ask {team} to contact you. To do that, I'll share with them your answers here (your age, "
                 "qualification, borough, situation and interests, the ones you gave), the routes I suggested, and "
                 "the phone number or email address you give me. No one else gets them. Is that OK?",
            buttons=[YES, NO])
        return at(AWAITING_CONSENT)
