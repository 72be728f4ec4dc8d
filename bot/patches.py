"""Changes to Rasa 3.6's behaviour, applied in the Rasa server process by `python -m bot.rasa_server` (and nowhere else).

Each is small, backports or works around a documented limitation, and is tested in tests/bot/test_patches.py.
"""
from __future__ import annotations

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.core.processor import MessageProcessor
from sqlalchemy import event
from sqlalchemy.engine import Engine
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

_applied = False


def _payloads_skip_nlu(original):
    """A button's payload (`/inform{"borough": "Hackney"}`) already says its intent and entities: Rasa 3.7 stopped
    running the NLU pipeline on such messages; 3.6 runs it all and then overwrites the result."""

    def parse(self, message, tracker, only_output_properties=True):
        text = (message.text or "").strip()
        if text.startswith("/"):
            unpacked = YAMLStoryReader.unpack_regex_message(Message({TEXT: text}), self.domain,
                                                            entity_extractor_name="RegexMessageHandler")
            if unpacked.get(INTENT, {}).get(INTENT_NAME_KEY):
                return {TEXT: "", INTENT: {INTENT_NAME_KEY: None, "confidence": 0.0}, "entities": [],
                        **unpacked.as_dict(only_output_properties=only_output_properties)}
        return original(self, message, tracker, only_output_properties)

    parse.__wrapped__ = original
    return parse


def _one_response_validator(original):
    """Rasa checks every action server response with `jsonschema.validate`, which re-checks the schema itself
    first: a third of the Rasa server's time under load (py-spy, docs/performance.md). One compiled validator
    checks the same schema with the same result."""
    spec = RemoteAction.action_response_format_spec()
    validator = validator_for(spec)(spec)

    def validate(self, result):
        try:
            validator.validate(result)
            return True
        except ValidationError:
            return original(self, result)   # Rasa's own error message for a bad response

    validate.__wrapped__ = original
    return validate


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """The embedded tracker store commits after every message; SQLite's default journal syncs the disk several
    times per commit. WAL with synchronous=NORMAL syncs at checkpoints instead: a committed turn survives the
    process crashing or restarting (tested), though not necessarily the machine losing power."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()


def apply() -> None:
    global _applied
    if _applied:
        return
    MessageProcessor._parse_message_with_graph = _payloads_skip_nlu(MessageProcessor._parse_message_with_graph)
    RemoteAction._validate_action_result = _one_response_validator(RemoteAction._validate_action_result)
    event.listen(Engine, "connect", _sqlite_pragmas)
    _applied = True
