"""The profile questions, asked with quick-reply buttons generated from the knowledge base's vocabularies."""
from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge.vocab import vocabulary

DECLINE_BUTTON = {"title": "Rather not say", "payload": "/decline"}
WHY_BUTTON = {"title": "Why do you ask?", "payload": "/why_needed"}
SKIP_BUTTON = {"title": "Skip this question", "payload": "/decline"}
PERSON_BUTTON = {"title": "Talk to a person", "payload": "/human_handoff"}
AFTER_TWO_MISSES = "If this question is hard to answer here, you can skip it or talk to a person."
NO_ENIC_BUTTON = {"title": "I don't have one", "payload": '/inform{"qualification_level": "unknown"}'}

# (question, the same question asked another way after two unusable answers)
QUESTIONS = {
    "age": ("How old are you?",
            "Please type your age in years as a number, for example 19. Or tap \"Rather not say\"."),
    "qualification_level": (
        "What's the highest qualification you have? For example GCSEs, A levels, a BTEC, a degree, or none.",
        "Tap the button closest to your highest qualification, or type its name, for example \"5 GCSEs\" or "
        "\"level 3 diploma\". If you're not sure, tap \"Rather not say\"."),
    "borough": ("Which London borough do you live in?",
                "Type the name of your borough or your area, for example Hackney, Croydon or Stratford. "
                "If you live outside London, tap the button."),
    "barriers": ("Do any of these apply to you? Choose one, type your own in your words, or say none.",
                 "You can type things like \"I'm on Universal Credit\" or \"I look after my children\", or tap "
                 "\"None of these\"."),
    "interests": ("What kind of work interests you? Choose one or type a few, or say \"not sure\".",
                  "Type the kind of work you'd enjoy, for example \"lab work\" or \"helping patients\", or tap "
                  "\"Not sure yet\"."),
}


def payload(intent: str, **entities: Any) -> str:
    return f"/{intent}{json.dumps(entities)}" if entities else f"/{intent}"


def buttons_for(slot: str) -> list[dict]:
    # Payload values are never empty lists: Rasa drops an entity whose value is [] before the form sees it.
    v = vocabulary()
    if slot == "qualification_level":
        options = [(t.button, {slot: t.id}) for t in v.levels if t.button]
        options += [(t.button, {slot: "abroad"}) for t in v.ambiguous_levels if t.enic and t.button]
    elif slot == "barriers":
        options = [(t.button, {slot: [t.id]}) for t in v.barriers if t.button] + [("None of these", {slot: "none"})]
    elif slot == "interests":
        options = [(t.button, {slot: [t.id]}) for t in v.interests if t.button]
    elif slot == "borough":
        options = [("I live outside London", {slot: "outside London"})]
    else:
        options = []
    return [{"title": title, "payload": payload("inform", **ents)} for title, ents in options] + [
        DECLINE_BUTTON, WHY_BUTTON]


def enic_question() -> str:
    return next(t.question for t in vocabulary().ambiguous_levels if t.enic)


def question_for(slot: str, tracker: Tracker) -> tuple[str, list[dict]]:
    """What to ask for `slot` now, in one message with its buttons: the question; the question about a UK ENIC
    statement for a qualification from abroad; or, after an answer that could not be used, why, with an example
    (after two, the offer to skip it or talk to a person)."""
    first, again = QUESTIONS[slot]
    buttons = buttons_for(slot)
    if slot == "qualification_level" and tracker.get_slot("qualification_abroad"):
        first, buttons = enic_question(), [NO_ENIC_BUTTON, DECLINE_BUTTON, WHY_BUTTON]
    reask = tracker.get_slot("reask") or {}
    if reask.get("slot") != slot:
        return first, buttons
    text = reask["text"] if reask.get("question") else f"{reask['text']} {again}"
    if reask.get("choices"):                                  # a postcode district's boroughs
        buttons = [{"title": c[:1].upper() + c[1:], "payload": payload("inform", **{slot: c})}
                   for c in reask["choices"]] + [b for b in buttons if b in (DECLINE_BUTTON, WHY_BUTTON)]
    if (tracker.get_slot("failed_attempts") or 0) >= 2:
        text = f"{text} {AFTER_TWO_MISSES}"
        buttons = [b for b in buttons if b not in (DECLINE_BUTTON, WHY_BUTTON)] + [SKIP_BUTTON, PERSON_BUTTON]
    return text, buttons


class AskForSlot(Action):
    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        text, buttons = question_for(self.slot, tracker)
        dispatcher.utter_message(text=text, buttons=buttons)
        return [SlotSet("reask", None)]


class AskAge(AskForSlot):
    slot = "age"


class AskQualification(AskForSlot):
    slot = "qualification_level"


class AskBorough(AskForSlot):
    slot = "borough"


class AskBarriers(AskForSlot):
    slot = "barriers"


class AskInterests(AskForSlot):
    slot = "interests"
