"""Handing over to a person, distress, and starting again."""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import PROFILE_SLOTS, latest_text
from actions.form import stated
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


class ActionKeepWhatTheySaid(Action):
    """After the help for someone in distress (utter_distress, which Rasa sends itself, so it reaches them even when
    this server is down), what the message says about them is kept without asking: someone who says they are sleeping
    on a night bus is not asked again whether they have a settled home."""

    def name(self) -> str:
        return "action_keep_what_they_said"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if tracker.get_slot("profile_complete") or not latest_text(tracker):
            return []               # after the list, a change comes with new routes (action_update_profile)
        values = stated(latest_text(tracker), tracker.get_slot("requested_slot"))
        return [SlotSet(slot, value) for slot, value in values.items() if tracker.get_slot(slot) in (None, [])]


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
