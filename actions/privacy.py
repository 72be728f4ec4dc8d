""""Delete my data", typed, asks first; a button deletes (the widget's "Forget me", which confirms on the page, or
the question's own "Yes, delete it"), as does "yes" typed straight after the question. A misread message then costs
a question, not the conversation.

Rasa saves the conversation after this action runs, so deleting it here would be undone. To delete, the action sends
a custom message of type FORGET_ME carrying the confirmation; the channel (bot/rasa/channels.py) holds it back,
deletes the conversation once the turn is saved, and only then sends the confirmation (or says the deletion failed).
"""
from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher

from actions.common import from_a_button
from pathways.settings import FORGET_ME

CONFIRMATION = ("Done. I've deleted this conversation and everything you told me in it. If you chat with me again, "
                "we'll start afresh.")
QUESTION = "Do you want me to delete this conversation and everything you've told me in it? I can't undo that."
# "/forget_me" from a button is a deletion already confirmed (the widget opens its own new conversation after it).
YES = {"title": "Yes, delete it", "payload": f"/{FORGET_ME}"}
NO = {"title": "No, keep it", "payload": "/deny"}         # then utter_kept (data/rules.yml)
NAME = "action_forget_me"


def just_asked(tracker: Tracker) -> bool:
    """Whether this action's question was the last thing before the resident's latest message (a deletion leaves no
    conversation behind, so an earlier run of this action in it asked)."""
    seen_user = False
    for e in reversed(tracker.events):
        if e.get("event") == "user":
            if seen_user:
                return False
            seen_user = True
        elif seen_user and e.get("event") == "action" and e.get("name") != "action_listen":
            return e.get("name") == NAME
    return False


class ActionForgetMe(Action):
    def name(self) -> str:
        return NAME

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if from_a_button(tracker) or (intent in ("affirm", FORGET_ME) and just_asked(tracker)):
            dispatcher.utter_message(json_message={"type": FORGET_ME, "text": CONFIRMATION})
            return [AllSlotsReset()]       # nothing of the profile is used again, even if the deletion fails
        dispatcher.utter_message(text=QUESTION, buttons=[YES, NO])
        return []
