"""action_forget_me: "delete my data" (or the widget's "Forget me" button, which sends /forget_me).

Rasa saves the conversation after this action runs, so deleting it here would be undone. The action sends a custom
message of type FORGET_ME carrying the confirmation; the channel (bot/rasa/channels.py) holds it back, deletes the
conversation once the turn is saved, and only then sends the confirmation (or says the deletion failed).
"""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher

from pathways.settings import FORGET_ME

CONFIRMATION = ("Done. I've deleted this conversation and everything you told me in it. If you chat with me again, "
                "we'll start afresh.")


class ActionForgetMe(Action):
    def name(self) -> str:
        return "action_forget_me"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(json_message={"type": FORGET_ME, "text": CONFIRMATION})
        return [AllSlotsReset()]       # nothing of the profile is used again, even if the deletion fails
