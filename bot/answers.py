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
from knowledge.normalise import is_question, normaliser

INFORM = "inform"
# What a message that states a profile value may still be ("im a care leaver" came back as `ask_route`, "lab stuff"
# as `show_profile`): a question, distress (the safety net alone overrules it), "delete my data", "talk to a
# person", "rather not say" or another language. Anything else stating a value is an answer.
KEEP = {"distress", "forget_me", "human_handoff", "decline", "other_language"}

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
            elif is_question(text) or intent.get("name") in KEEP:
                continue
            elif _none_of_them(text) or normaliser().states_an_answer(text):
                override_intent(message, INFORM)
        return messages
