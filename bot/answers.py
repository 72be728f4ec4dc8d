"""A message that is nothing but profile vocabulary ("brent", "lab work", "5 GCSEs", "reserch") or a number
("FORTY") is an answer; so is one that states a profile value, when the classifier guessed a reply that is not a
question or a request ("I'm in Harrow" came back as `deny`, "yes 37" as `affirm`, "Abitur from Germany" as
`start_again`).

The classifier has never seen most borough names on their own and once read "brent" as `distress` (0.39). The
gazetteer knows every vocabulary phrase (it is built from knowledge/data), so when its profile entities cover
every word of a message, the intent is `inform`, whatever the classifier guessed. Placed after the classifiers
and before bot.safety.SafetyNet, which still has the last word.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.safety import override_intent
from knowledge.normalise import normaliser

INFORM = "inform"
# Replies that say nothing but yes, no, hello or thanks: when the message also states a profile value, it is an
# answer. Questions, requests and distress keep their intent (the safety net alone overrules distress).
REPLIES = {"affirm", "deny", "nlu_fallback", "goodbye", "thanks", "greet", "chitchat", "out_of_scope", "start_again",
           "stop", "find_routes", "decline"}
QUESTION = re.compile(r"\?|^\s*(what|whats|what's|why|how|which|who|where|when|can|could|do|does|is|are)\b", re.I)
PROFILE_ENTITIES = {"borough", "qualification", "barrier", "interest"}
LETTER = re.compile(r"[^\W\d_]")


def only_vocabulary(text: str, entities: list[dict]) -> bool:
    """True when the profile entities leave no letters in `text` uncovered (digits and punctuation may remain)."""
    spans = [(e["start"], e["end"]) for e in entities if e.get("entity") in PROFILE_ENTITIES]
    if not spans:
        return False
    rest = text
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    return not LETTER.search(rest)


def _none_of_them(text: str) -> bool:
    """ "None of them", "no, none": an answer that nothing applies (a bare "no" stays a no)."""
    return normaliser().answer(text) == "none" and text.strip(" .!").lower() not in ("no", "nope", "nah", "no thanks")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class BareAnswer(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "BareAnswer":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = message.get(INTENT) or {}
            if text.startswith("/") or intent.get("name") == INFORM:
                continue
            if only_vocabulary(text, message.get(ENTITIES) or []) or normaliser().just_an_answer(text):
                override_intent(message, INFORM)
            elif intent.get("name") in REPLIES and not QUESTION.search(text) and (
                    normaliser().states_an_answer(text) or _none_of_them(text)):
                override_intent(message, INFORM)
        return messages
