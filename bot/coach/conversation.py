"""Reading a Rasa tracker (JSON from the HTTP API) for the console: the turns, the slots and what the bot
recommended."""
from __future__ import annotations

from dataclasses import dataclass, field

from knowledge.profile import ANSWERS


@dataclass
class Turn:
    who: str                                  # "resident" or "bot"
    text: str = ""
    buttons: list[dict] = field(default_factory=list)
    custom: dict | None = None


# What the console and the widget send to open a conversation (bot/coach/views.py, pathways.js): not the resident's
OPENING = "/greet"


def turns(tracker: dict) -> list[Turn]:
    """The conversation as the resident saw it. A button's payload is shown as the button's title; the opening
    payload, which no one typed, not at all."""
    out: list[Turn] = []
    offered: dict[str, str] = {}              # payload -> title, from the bot's latest buttons
    for e in tracker.get("events") or []:
        kind = e.get("event")
        if kind == "user":
            text = e.get("text") or ""
            if text == OPENING and text not in offered:
                continue
            if text.startswith("/"):
                text = offered.get(text) or _payload_words(e.get("parse_data") or {}) or text
            out.append(Turn("resident", text))
            offered = {}
        elif kind == "bot":
            data = e.get("data") or {}
            buttons = list(data.get("buttons") or [])
            offered.update({b.get("payload", ""): b.get("title", "") for b in buttons})
            if e.get("text") or buttons or data.get("custom"):
                out.append(Turn("bot", e.get("text") or "", buttons, data.get("custom")))
    return out


def _payload_words(parse_data: dict) -> str:
    """A payload no button offered (the coach's correction): the answers it gives, or its intent's name."""
    entities = parse_data.get("entities") or []
    if entities:
        return "Answers updated: " + "; ".join(
            f"{e.get('entity', '').replace('_', ' ')} {', '.join(map(str, e['value'])) if isinstance(e.get('value'), list) else e.get('value')}"
            for e in entities)
    return (parse_data.get("intent") or {}).get("name") or ""


def waiting_buttons(all_turns: list[Turn]) -> list[dict]:
    """The buttons the bot is offering now: those of its latest message with buttons, unless the resident has
    spoken since (a refresh by the coach sends a new set, which replaces the old one)."""
    for t in reversed(all_turns):
        if t.who == "resident":
            return []
        if t.buttons:
            return t.buttons
    return []


def latest_recommendations(all_turns: list[Turn]) -> dict | None:
    """The last `recommendations` payload the bot sent (what the resident was shown)."""
    for t in reversed(all_turns):
        if t.custom and t.custom.get("type") == "recommendations":
            return t.custom
    return None


def slots(tracker: dict) -> dict:
    return tracker.get("slots") or {}


def declined(tracker: dict) -> list[str]:
    return [f for f in (slots(tracker).get("declined") or []) if f in ANSWERS]


def questions_done(tracker: dict) -> bool:
    """The bot has given recommendations, so a change can refresh them without cutting into its questions."""
    return bool(slots(tracker).get("profile_complete")) and not (tracker.get("active_loop") or {}).get("name")
