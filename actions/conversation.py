"""Handing over to a person, and starting again."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import PROFILE_SLOTS
from actions.insight import person_asked
from pathways.settings import NATIONAL_CAREERS, council


class ActionHandoff(Action):
    def name(self) -> str:
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        c = council(tracker.get_slot("session_started_metadata"))
        team = (f"{c.name}'s employment team: {c.employment_team}" if c.name and c.employment_team else
                f"your council's employment team: {c.employment_team}" if c.employment_team else
                "your council's employment support team (search your council's website for \"employment support\")")
        dispatcher.utter_message(text=f"You can talk to a person at {NATIONAL_CAREERS}. You can also contact {team}.")
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
