"""A message written in another language gets an answer that says so, instead of being read as something else.

Pathways understands English only, for now; replies in other languages will come with reviewed translations.
Detection is offline: langdetect's profiles, for messages long enough to tell, and only when few of the words are
ones residents use in English: the words of the NLU training data, learnt when the model is trained, so that
English typed briefly or badly ("me 23 year", "start over pls") is never taken for another language. Placed after
the classifiers and before bot.safety.SafetyNet, which keeps the last word.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.safety import override_intent

OTHER_LANGUAGE = "other_language"
MIN_LETTERS = 12            # shorter messages are too short for any detector to tell
MIN_WORDS = 3
MAX_ENGLISH_SHARE = 0.25    # more words residents use in English than this and it is English, however it is spelt
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
LATIN = re.compile(r"[A-Za-z]")
def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def detect(text: str, english: frozenset[str], entities: list[dict] | None = None) -> str | None:
    """The language code of a message in a language other than English, or None. `english`: words residents use
    in English (the training data's)."""
    letters = LETTER.findall(text)
    said = words(text)
    if len(letters) < MIN_LETTERS or len(said) < MIN_WORDS:
        return None
    known = [w for w in said if w in english]
    covered = sum(e.get("end", 0) - e.get("start", 0) for e in entities or [])
    if len(known) > MAX_ENGLISH_SHARE * len(said) or covered > len(text) / 3:
        return None
    if sum(bool(LATIN.match(c)) for c in letters) < len(letters) / 2:
        return _langdetect(text) or "xx"            # another script: certainly not English
    found = _langdetect(text)
    return found if found and found != "en" else None


def _langdetect(text: str) -> str | None:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0                       # the same answer for the same message, every time
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None
    return best.lang if best.prob >= 0.7 else None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class OtherLanguage(GraphComponent):
    FILE = "english_words.json"

    def __init__(self, model_storage: ModelStorage, resource: Resource, english: frozenset[str] = frozenset()):
        self._storage, self._resource, self.english = model_storage, resource, english

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "OtherLanguage":
        return cls(model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        self.english = frozenset(w for m in training_data.intent_examples if m.get(INTENT) != OTHER_LANGUAGE
                                 for w in words(m.get(TEXT) or ""))
        with self._storage.write_to(self._resource) as directory:
            (directory / self.FILE).write_text(json.dumps(sorted(self.english)))
        return self._resource

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "OtherLanguage":
        with model_storage.read_from(resource) as directory:
            return cls(model_storage, resource, frozenset(json.loads((directory / cls.FILE).read_text())))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue
            if detect(text, self.english, message.get(ENTITIES) or []):
                override_intent(message, OTHER_LANGUAGE)
        return messages
