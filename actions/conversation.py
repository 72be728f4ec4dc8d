"""Handing over to a person, and starting again."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import PROFILE_SLOTS
from actions.insight import person_asked
from actions.referral import offer_button
from pathways.settings import NATIONAL_CAREERS, council, team_words


class ActionHandoff(Action):
    def name(self) -> str:
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        c = council(tracker.get_slot("session_started_metadata"))
        text = f"You can talk to a person at {NATIONAL_CAREERS}. You can also contact {team_words(c)}."
        if c.employment_team:       # a team the deployment names can also be asked to contact the resident
            dispatcher.utter_message(text=text + " Or I can ask the team to contact you.", buttons=[offer_button()])
        else:
            dispatcher.utter_message(text=text)
        person_asked(tracker)
        return []


class ActionStartAgain(Action):
    """"Start again": forget the answers (not the conversation) and ask afresh."""

    def name(self) -> str:
        return "action_start_again"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(text="OK, let's start again. I've cleared your answers.")
        return [SlotSet(s, None) for s in PROFILE_SLOTS] + [
            SlotSet("outside_london", None), SlotSet("qualification_abroad", None), SlotSet("reask", None),
            SlotSet("page", 0.0), SlotSet("declined", []), SlotSet("recommended", []),
            SlotSet("failed_attempts", 0), SlotSet("profile_complete", False), SlotSet("requested_slot", None)]
