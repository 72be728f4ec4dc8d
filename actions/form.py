"""validate_profile_form: reads answers out of what the resident typed, and checks them with knowledge.normalise.

Every profile slot has a custom mapping, so only this action fills them while the form runs: Rasa's own greedy
mappings never see them. For each message it
- takes button payload values and values stated with confidence ("I'm 24, from Tower Hamlets"), for any question;
- offers the whole message to the question being asked, when the message is an attempt to answer it, or when it
  reads as a good answer whatever the classifier guessed ("I'm deaf" once came back as `stop`);
- leaves the message alone when it is something else ("why do you need that?"), so the form steps aside and the
  rules answer it before asking again.
An answer that cannot be used is not answered here: `reask` says why, and the question's own action asks once,
with the reason, an example and the buttons (never the question twice in one turn).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable, Iterator

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from actions.common import PROFILE_SLOTS, latest_entities, latest_text
from knowledge import postcodes
from knowledge.errors import AmbiguousInput, FromAbroad, InputError
from knowledge.normalise import about_which_work, is_question, normaliser
from knowledge.profile import UNKNOWN_LEVEL

DECLINED = "__declined__"
# A question beside a no to the UK ENIC question ("no, how do I get one?", "don't have one. Is it expensive to
# get?"): the no is recorded and the question answered from the reference (UK ENIC issues the statement).
ENIC_HOW = ("You can ask UK ENIC for a statement of comparability on its website, enic.org.uk. It compares your "
            "qualification with a UK level. Until you have one I'll treat the level as unknown, and you can tell me "
            "the level it gives at any time.")
ABROAD = "abroad"          # the "From another country" button: ask for a UK ENIC statement
# Never an answer, whatever the message says: these go to the rules that handle them.
NEVER_ANSWERS = {"distress", "forget_me", "human_handoff", "request_contact", "start_again"}
# An answer only when it states a value outright ("I'm deaf" once came back as `stop`).
STATED_ONLY = {"stop", "chitchat", "out_of_scope", "greet", "thanks", "find_routes"}
# Questions the resident asks ("what's a T Level?", "why do you need my age?"): an answer only when not a question.
ASKING = {"why_needed", "ask_route", "ask_more", "why_not", "show_profile", "show_more", "goodbye",
          "other_language"}
# Messages that may be answers even when they say nothing recognisable ("no", "hackny", "asdf"):
# the question being asked gets them, and a specific re-ask if they cannot be used.
ATTEMPTS = {"inform", "decline", "affirm", "deny", "nlu_fallback"}


@lru_cache(maxsize=256)
def _said(text: str, asked: str | None) -> dict[str, Any]:
    """What one message says about the profile while `asked` is open; each extract_* method asks, so it is read once
    (do not mutate)."""
    return normaliser().extract(text, asked)


def _answers(slot: str, found: dict[str, Any]) -> bool:
    """True when what a message says answers `slot` (a qualification from abroad answers the qualification)."""
    return slot in found or (slot == "qualification_level" and bool(found.get("qualification_abroad")))


def _intent(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


NOTE = "note"           # in parse's result: what to tell the resident about how the answer was read (not a slot)


def tell_note(dispatcher: CollectingDispatcher, values: dict[str, Any]) -> dict[str, Any]:
    """`values` without parse's note, which the resident is told ("Most of the E15 postcode area is in Newham...")."""
    if NOTE in values:
        dispatcher.utter_message(text=values.pop(NOTE))
    return values


def parse(slot: str, value: Any, abroad: bool = False) -> dict[str, Any]:
    """Canonical slot values for an answer; raises InputError with a message fit for the resident. `abroad`: the
    qualification question is asking for a UK ENIC statement."""
    n = normaliser()
    if slot == "age":
        return {"age": float(n.age(value))}
    if slot == "qualification_level":
        if value == ABROAD:
            raise FromAbroad("qualification", "")
        return {"qualification_level": n.qualification(str(value), abroad=abroad)}
    if slot == "borough":
        place = n.borough(str(value))
        return {"borough": place.borough, "outside_london": place.outside_london, **({NOTE: place.note} if place.note
                                                                                     else {})}
    if value == []:                 # "none of the barrier things" beside other answers: extract's "none of these"
        return {slot: []}
    text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
    return {slot: n.barriers(text) if slot == "barriers" else n.interests(text)}


# Answers read again from the whole message, not from what `extract` found: a place (its note, a postcode) and a
# qualification (a level from abroad is asked about, not guessed).
WHOLE_MESSAGE = ("borough", "qualification_level")


def each_parsed(found: dict[str, Any], text: str) -> Iterator[tuple[str, dict[str, Any] | InputError]]:
    """For each profile answer in `found` (as `extract` reads `text`), its slot values, or why it cannot be used."""
    for slot in PROFILE_SLOTS:
        if slot not in found:
            continue
        try:
            yield slot, parse(slot, text if slot in WHOLE_MESSAGE and text else found[slot])
        except InputError as e:
            yield slot, e


def stated(text: str, asked: str | None) -> dict[str, Any]:
    """The profile values a message no question may take states outright, each one valid: "I'm sleeping on the night
    bus and I'm scared" is distress, and still says where they stand, so they are never asked it again."""
    # "not sure I can go on" is no answer about work
    found = {slot: value for slot, value in _said(text, asked).items() if value and value != ["not_sure"]}
    return {k: v for _, values in each_parsed(found, text) if not isinstance(values, InputError)
            for k, v in values.items() if k != NOTE}


def is_valid(slot: str, value: Any, abroad: bool = False) -> bool:
    try:
        parse(slot, value, abroad)
        return True
    except FromAbroad:
        return slot == "qualification_level"
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
        if intent in NEVER_ANSWERS:
            return {}
        open_question = tracker.get_slot("requested_slot")
        asked = open_question == slot
        entities = latest_entities(tracker)
        text = latest_text(tracker)
        if intent == "stop" and text and normaliser().says(text, "pause"):
            return {}       # "hold on I need to pick up my kids, continue later": a pause, so the questions stop
        if slot in entities and not text:                     # a button payload (typed places are read below)
            return {slot: entities[slot]} if asked or is_valid(slot, entities[slot]) else {}
        if asked and intent == "decline" and (not text or (normaliser().mentions_answer(text) == "decline"
                                                           and not _answers(slot, _said(text, open_question)))):
            return {slot: DECLINED}           # a classifier's "decline" for "blah blah" or "12th pass" must not skip it
        if not text:
            return {}
        abroad = asked and slot == "qualification_level" and bool(tracker.get_slot("qualification_abroad"))
        if abroad:                            # the answer about a UK ENIC statement ("no", "it says level 6")
            return {slot: text}
        found = _said(text, open_question)
        # "not sure", "I don't know" said at another question is about that one ("no and I dont know where to even
        # start" to the UK ENIC question): it never answers the interests question before it is asked, unless it
        # is said of the work ("43 and no clue what job i want").
        # A question may still state an age or a place ("I'm 52, is that too old?"), but a route's name in one is no
        # qualification ("what's a T Level?") and a circumstance asked about is not the resident's.
        question = intent in ASKING and is_question(text) and not (asked and slot in ("age", "borough"))
        if _answers(slot, found) and not (slot == "interests" and open_question not in (None, slot)
                                          and found[slot] == ["not_sure"] and not about_which_work(text)):
            return {} if question else {slot: text if slot in WHOLE_MESSAGE else found[slot]}
        # "none, and I'm into lab work"; "none of those, but I'm actually 27" answers the question as it corrects
        none = asked and slot in ("barriers", "interests") and normaliser().mentions_answer(text) == "none"
        if none and not question:
            return {slot: text}
        corrects = any(tracker.get_slot(s) is not None for s in found if s in PROFILE_SLOTS)
        if not asked or (corrects and not is_valid(slot, text)):    # "sorry, I'm actually 27" is not a borough,
            return {}                                               # "year 10 so no results yet" is a level
        if intent in ATTEMPTS or (intent not in STATED_ONLY and not question and is_valid(slot, text)):
            return {slot: text}
        if slot == "borough" and postcodes.is_postcode(text):    # "E17" once came back as `stop`
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
                  check: Callable[..., dict] = parse) -> dict[str, Any]:
        if value is None:
            return {slot: None}
        if value == DECLINED or (isinstance(value, str) and normaliser().answer(value) == "decline"):
            declined = list(dict.fromkeys([*(tracker.get_slot("declined") or []), slot]))
            dispatcher.utter_message(text="That's fine, we'll skip that one.")
            return {slot: [] if slot in ("barriers", "interests") else None, "declined": declined,
                    "failed_attempts": 0, "reask": None}
        abroad = slot == "qualification_level" and bool(tracker.get_slot("qualification_abroad"))
        try:
            result = check(slot, value, abroad) if slot == "qualification_level" else check(slot, value)
        except FromAbroad:                    # the question becomes: do you have a UK ENIC statement?
            return {slot: None, "qualification_abroad": True, "failed_attempts": 0, "reask": None}
        except InputError as e:
            failures = int(tracker.get_slot("failed_attempts") or 0) + 1
            reask = {"slot": slot, "text": e.message, "question": isinstance(e, AmbiguousInput)}
            if getattr(e, "choices", ()):                    # "which of these?": offered as buttons
                reask["choices"] = list(e.choices)
            return {slot: None, "failed_attempts": failures, "reask": reask}
        tell_note(dispatcher, result)
        if abroad and result.get(slot) == UNKNOWN_LEVEL and isinstance(value, str) and is_question(value):
            dispatcher.utter_message(text=ENIC_HOW)         # "no, how do I get one?": recorded, and answered
        if result.get("outside_london"):
            dispatcher.utter_message(text="Thanks. As you live outside London, I'll show you routes that are open "
                                          "across England.")
        if slot == "qualification_level" and not abroad:
            result["qualification_abroad"] = None
        if tracker.get_slot("requested_slot") != slot:       # another question's answer leaves this one's re-ask
            return result
        return {**result, "failed_attempts": 0, "reask": None}

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
