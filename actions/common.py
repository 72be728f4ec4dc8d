"""What every action shares: the profile's slots, and calls into knowledge/ that cannot hang or crash."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable, TypeVar

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from knowledge import KnowledgeBaseUnavailable
from knowledge.profile import ANSWERS
from pathways.settings import NATIONAL_CAREERS, kb_timeout

log = logging.getLogger(__name__)
T = TypeVar("T")
PROFILE_SLOTS = ANSWERS

UNAVAILABLE = ("Sorry, I can't look up training programmes right now. Please try again in a few minutes. "
               f"In the meantime you can get free advice from {NATIONAL_CAREERS}.")


class Unavailable(Exception):
    """The knowledge base could not answer; the resident has already been told."""


async def ask_knowledge(dispatcher: CollectingDispatcher, fn: Callable[..., T], *args: Any) -> T:
    """Runs a knowledge-base call off the event loop with a timeout. On failure the resident gets a message
    they can act on, and the action stops with Unavailable (never a stack trace in the chat)."""
    try:
        return await asyncio.wait_for(asyncio.to_thread(fn, *args), timeout=kb_timeout())
    except (KnowledgeBaseUnavailable, asyncio.TimeoutError) as e:
        log.error("knowledge base unavailable: %s", e.__class__.__name__ if isinstance(e, asyncio.TimeoutError)
                  else e)
        dispatcher.utter_message(text=UNAVAILABLE)
        raise Unavailable from e


def latest_entities(tracker: Tracker) -> dict[str, Any]:
    """Entities of the latest message by name (the first of each), including button payload values."""
    out: dict[str, Any] = {}
    for e in tracker.latest_message.get("entities") or []:
        out.setdefault(e.get("entity"), e.get("value"))
    return out


def from_a_button(tracker: Tracker) -> bool:
    """Whether the latest message is a button's payload (/inform{...}), not words the resident typed."""
    return (tracker.latest_message.get("text") or "").startswith("/")


def latest_text(tracker: Tracker) -> str:
    """The resident's words, or "" for a button payload such as /inform{...}."""
    return "" if from_a_button(tracker) else tracker.latest_message.get("text") or ""
