"""Pathways' NLU components: Rasa graph components placed after the classifiers (config.yml), each overriding the
intent in one case the classifier gets wrong. The decisions are plain functions outside Rasa.

- BareAnswer: a message that is an answer is `inform` (a "no" to the open question too), and one read as "delete
  my data" without asking for it is `nlu_fallback` (bot/answers.py);
- OtherLanguage: a message in another language is `other_language` (bot/language.py);
- SafetyNet, last: a message suggesting distress is `distress`, whatever came before (the phrases in
  knowledge/data/safety.yml). The classifier is statistical and once read "I want to end it all" as `stop`; safety
  must not depend on that. The dialogue rules then signpost Samaritans and NHS 111 before anything else.
"""
from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.answers import ENIC, answer_intent
from bot.language import OTHER_LANGUAGE, detect, english_words, foreign_words
from knowledge.normalise import normaliser

DISTRESS = "distress"
CLASSIFIER = [DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER]


def override_intent(message: Message, name: str) -> None:
    """Makes `name` the message's intent, with full confidence and first in the ranking (the rest stay below)."""
    override = {"name": name, "confidence": 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT, override, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [override, *ranking], add_to_output=True)


def _typed(message: Message) -> str:
    """The words of a typed message; "" for a button's payload, which says its own intent."""
    text = message.get(TEXT) or ""
    return "" if text.startswith("/") else text


@DefaultV1Recipe.register(CLASSIFIER, is_trainable=False)
class BareAnswer(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "BareAnswer":
        return cls()

    def process(self, messages: List[Message], tracker: Optional[DialogueStateTracker] = None) -> List[Message]:
        """`tracker`: the conversation before this message (Rasa's recipe passes it to a `process` that asks for
        it; empty for /model/parse), for the question it asked."""
        asked = _open_question(tracker)
        # routes shown (unknown without a conversation: /model/parse, the held-out NLU test)
        listed = tracker is None or not tracker.events or bool(tracker.get_slot("profile_complete"))
        for message in messages:
            text = _typed(message)
            intent = answer_intent(text, (message.get(INTENT) or {}).get("name"), message.get(ENTITIES) or [],
                                   asked, listed) if text else None
            if intent:
                override_intent(message, intent)
        return messages


def _open_question(tracker: Optional[DialogueStateTracker]) -> Optional[str]:
    """The profile question the conversation is waiting on, if any: ENIC when the qualification question is asking
    about a UK ENIC statement."""
    if tracker is None or not tracker.active_loop_name:
        return None
    asked = tracker.get_slot("requested_slot")
    if asked == "qualification_level" and tracker.slots.get("qualification_abroad") is not None \
            and tracker.get_slot("qualification_abroad"):
        return ENIC
    return asked


@DefaultV1Recipe.register(CLASSIFIER, is_trainable=True)
class OtherLanguage(GraphComponent):
    """Learns the words residents use in English from the training data, and keeps them with the model."""

    FILE, FOREIGN = "english_words.json", "foreign_words.json"

    def __init__(self, model_storage: ModelStorage, resource: Resource, english: frozenset[str] = frozenset(),
                 foreign: frozenset[str] = frozenset()):
        self._storage, self._resource, self.english, self.foreign = model_storage, resource, english, foreign

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "OtherLanguage":
        return cls(model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        self.english = english_words([(m.get(TEXT) or "", m.get(INTENT)) for m in training_data.intent_examples])
        self.foreign = foreign_words()
        with self._storage.write_to(self._resource) as directory:
            (directory / self.FILE).write_text(json.dumps(sorted(self.english)))
            (directory / self.FOREIGN).write_text(json.dumps(sorted(self.foreign), ensure_ascii=False))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "OtherLanguage":
        with model_storage.read_from(resource) as directory:
            return cls(model_storage, resource, frozenset(json.loads((directory / cls.FILE).read_text())),
                       frozenset(json.loads((directory / cls.FOREIGN).read_text())))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = _typed(message)
            if text and detect(text, self.english, message.get(ENTITIES) or [], self.foreign):
                override_intent(message, OTHER_LANGUAGE)
        return messages


@DefaultV1Recipe.register(CLASSIFIER, is_trainable=False)
class SafetyNet(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SafetyNet":
        normaliser()        # built now, while the model loads, not on a resident's first message
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = _typed(message)
            if text and normaliser().distress(text):
                override_intent(message, DISTRESS)
        return messages
