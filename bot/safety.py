"""A safety net in the NLU pipeline: messages suggesting distress become the `distress` intent, always.

The classifier is statistical and once read "I want to end it all" as `stop`. Safety must not depend on that, so
this component, placed after the classifiers, matches the phrases in knowledge/data/safety.yml and overrides the
intent. The dialogue rules then signpost Samaritans and NHS 111 before anything else.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.normalise import normaliser

DISTRESS = "distress"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyNet(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SafetyNet":
        normaliser()        # built now, while the model loads, not on a resident's first message (about 3 s)
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text and not text.startswith("/") and normaliser().distress(text):
                override_intent(message, DISTRESS)
        return messages


def override_intent(message: Message, name: str) -> None:
    """Makes `name` the message's intent, with full confidence and first in the ranking (the rest stay below)."""
    override = {"name": name, "confidence": 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT, override, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [override, *ranking], add_to_output=True)
