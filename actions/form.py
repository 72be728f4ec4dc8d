"""validate_profile_form: reads answers out of what the resident typed, and checks them with knowledge.normalise.

Every profile slot has a custom mapping, so only this action fills them while the form runs: Rasa's own greedy
mappings never see them. For each message it
- takes button payload values and values stated with confidence ("I'm 24, from Tower Hamlets"), for any question;
- offers the whole message to the question being asked, when the message is an attempt to answer it;
- leaves the message alone when it is something else ("why do you need that?"), so the form steps aside and the
  rules answer it before asking again.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.common import PROFILE_SLOTS, latest_entities, latest_text
from knowledge.errors import InputError
from knowledge.normalise import normaliser

DECLINED = "__declined__"
# Messages that are not answers: the form steps aside for the rules that handle them.
NOT_ANSWERS = {"why_needed", "stop", "start_again", "distress", "human_handoff", "ask_route", "ask_more", "why_not",
               "goodbye", "show_profile", "forget_me"}      # "delete my data" is no interest in data work
# Messages that may be answers even when they say nothing recognisable ("no", "hackny", "asdf"):
# the question being asked gets them, and a specific re-ask if they cannot be used.
ATTEMPTS = {"inform", "decline", "affirm", "deny", "nlu_fallback"}
AFTER_FAILURES = "You can also tap one of the buttons, or say \"rather not say\" to skip this question."


@lru_cache(maxsize=256)
def _said(text: str) -> dict[str, Any]:
    """What one message says about the profile; each extract_* method asks, so it is read once (do not mutate)."""
    return normaliser().extract(text)


def _intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def parse(slot: str, value: Any) -> dict[str, Any]:
    """Canonical slot values for an answer; raises InputError with a message fit for the resident."""
    n = normaliser()
    if slot == "age":
        return {"age": float(n.age(value))}
    if slot == "qualification_level":
        return {"qualification_level": n.qualification(str(value))}
    if slot == "borough":
        place = n.borough(str(value))
        return {"borough": place.borough, "outside_london": place.outside_london}
    text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
    return {slot: n.barriers(text) if slot == "barriers" else n.interests(text)}


def is_valid(slot: str, value: Any) -> bool:
    try:
        parse(slot, value)
        return True
    except InputError:
        return False


class ValidateProfileForm(FormValidationAction):
    def name(self) -> str:
        return "validate_profile_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: dict) -> list[str]:
        """The questions still worth asking: not those declined, and no borough for someone outside London."""
        skip = set(tracker.get_slot("declined") or [])
        if tracker.get_slot("outside_london"):
            skip.add("borough")
        return [s for s in domain_slots if s not in skip]

    # --- extraction -----------------------------------------------------------------------------------------
    def _extract(self, slot: str, tracker: Tracker) -> dict[str, Any]:
        intent = _intent(tracker)
        if intent in NOT_ANSWERS:
            return {}
        asked = tracker.get_slot("requested_slot") == slot
        entities = latest_entities(tracker)
        if slot in entities:                                  # a button payload
            return {slot: entities[slot]} if asked or is_valid(slot, entities[slot]) else {}
        text = latest_text(tracker)
        if asked and intent == "decline" and (not text or normaliser().mentions_answer(text) == "decline"):
            return {slot: DECLINED}           # a classifier's "decline" for "blah blah" must not skip a question
        if not text:
            return {}
        found = _said(text)
        if slot in found:
            return {slot: text if slot == "borough" else found[slot]}
        corrects = any(tracker.get_slot(s) is not None for s in found if s in PROFILE_SLOTS)
        if asked and intent in ATTEMPTS and not corrects:      # "sorry, I'm actually 27" is not a borough
            return {slot: text}
        return {}

    async def extract_age(self, dispatcher, tracker, domain):
        return self._extract("age", tracker)

    async def extract_qualification_level(self, dispatcher, tracker, domain):
        return self._extract("qualification_level", tracker)

    async def extract_borough(self, dispatcher, tracker, domain):
        return self._extract("borough", tracker)

    async def extract_barriers(self, dispatcher, tracker, domain):
        return self._extract("barriers", tracker)

    async def extract_interests(self, dispatcher, tracker, domain):
        return self._extract("interests", tracker)

    # --- validation -----------------------------------------------------------------------------------------
    def _validate(self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                  check: Callable[[str, Any], dict] = parse) -> dict[str, Any]:
        if value is None:
            return {slot: None}
        if value == DECLINED or (isinstance(value, str) and normaliser().answer(value) == "decline"):
            declined = list(dict.fromkeys([*(tracker.get_slot("declined") or []), slot]))
            dispatcher.utter_message(text="That's fine, we'll skip that one.")
            return {slot: [] if slot in ("barriers", "interests") else None, "declined": declined,
                    "failed_attempts": 0}
        try:
            result = check(slot, value)
        except InputError as e:
            failures = int(tracker.get_slot("failed_attempts") or 0) + 1
            dispatcher.utter_message(text=e.message)
            if failures >= 2:
                dispatcher.utter_message(text=AFTER_FAILURES)
            return {slot: None, "failed_attempts": failures}
        if result.get("outside_london"):
            dispatcher.utter_message(text="Thanks. As you live outside London, I'll show you routes that are open "
                                          "across England.")
        return {**result, "failed_attempts": 0}

    def validate_age(self, value, dispatcher, tracker, domain):
        return self._validate("age", value, dispatcher, tracker)

    def validate_qualification_level(self, value, dispatcher, tracker, domain):
        return self._validate("qualification_level", value, dispatcher, tracker)

    def validate_borough(self, value, dispatcher, tracker, domain):
        return self._validate("borough", value, dispatcher, tracker)

    def validate_barriers(self, value, dispatcher, tracker, domain):
        return self._validate("barriers", value, dispatcher, tracker)

    def validate_interests(self, value, dispatcher, tracker, domain):
        return self._validate("interests", value, dispatcher, tracker)
