"""Trackers and dispatchers built in the test, and the real domain, for running actions without servers."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())
EMPTY_SLOTS = {name: None for name in DOMAIN["slots"]}


def make_tracker(text: str = "", intent: str = "inform", entities: list | None = None, requested: str | None = None,
                 active_loop: str | None = "profile_form", metadata: dict | None = None, **slots) -> Tracker:
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
    all_slots = {**EMPTY_SLOTS, "requested_slot": requested, "session_started_metadata": metadata, **slots}
    events = [{"event": "user", "text": text, "parse_data": latest}]
    return Tracker("resident", all_slots, latest, events, False, None,
                   {"name": active_loop} if active_loop else {}, "action_listen")


def run_action(action, tracker: Tracker) -> tuple[dict, list[dict], list[dict]]:
    """(slots the action set, messages it sent, all its events)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, DOMAIN))
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return slots, dispatcher.messages, events


def texts(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


@pytest.fixture
def tracker():
    return make_tracker


@pytest.fixture(autouse=True)
def insight_jobs(monkeypatch) -> list:
    """The insight records the actions hand to the writer, collected here instead of written to a database."""
    from pathways.insight import writer

    jobs: list = []
    monkeypatch.setattr(writer, "submit", jobs.append)     # at once: the writer's thread would race the test
    return jobs
