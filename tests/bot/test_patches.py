"""bot.patches: a button's payload is understood without the NLU pipeline; anything else still goes through it."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from rasa.shared.core.domain import Domain

from bot.patches import _payloads_skip_nlu
from bot.model import ROOT


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(ROOT / "domain.yml")


def parser(domain):
    calls = []

    def graph(self, message, tracker, only_output_properties=True):
        calls.append(message.text)
        return {"text": message.text, "intent": {"name": "from_nlu", "confidence": 0.5}, "entities": []}

    return _payloads_skip_nlu(graph), SimpleNamespace(domain=domain), calls


def test_a_payload_is_parsed_without_the_pipeline(domain):
    parse, processor, calls = parser(domain)
    data = parse(processor, SimpleNamespace(text='/inform{"borough": "Hackney", "barriers": ["benefits"]}'), None)
    assert calls == []
    assert data["intent"] == {"name": "inform", "confidence": 1.0}
    assert {(e["entity"], str(e["value"])) for e in data["entities"]} == {("borough", "Hackney"),
                                                                          ("barriers", "benefits")}


@pytest.mark.parametrize("text", ["I live in Hackney", "/no_such_intent", "/ not a payload", ""])
def test_anything_else_goes_through_the_pipeline(domain, text):
    parse, processor, calls = parser(domain)
    assert parse(processor, SimpleNamespace(text=text), None)["intent"]["name"] == "from_nlu"
    assert calls == [text]


def test_action_responses_are_checked_as_before():
    from jsonschema import ValidationError
    from rasa.core.actions.action import RemoteAction

    from bot.patches import _one_response_validator

    validate = _one_response_validator(RemoteAction._validate_action_result)
    action = RemoteAction("action_x", None)
    assert validate(action, {"events": [{"event": "slot", "name": "age", "value": 19}], "responses": [{"text": "hi"}]})
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        validate(action, {"events": "not a list"})


def test_sqlite_connections_use_the_write_ahead_log(tmp_path):
    from sqlalchemy import create_engine, event, text
    from sqlalchemy.engine import Engine

    from bot.patches import _sqlite_pragmas

    event.listen(Engine, "connect", _sqlite_pragmas)
    try:
        with create_engine(f"sqlite:///{tmp_path / 't.db'}", future=True).connect() as c:
            assert c.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert c.execute(text("PRAGMA synchronous")).scalar() == 1      # NORMAL
    finally:
        event.remove(Engine, "connect", _sqlite_pragmas)
