"""The runtime's settings: environment variables a council or an operator changes without touching code."""
from __future__ import annotations

import os

from pathways.settings import port

# Shared with the actions (contacts, council, timeouts, ports): pathways/settings.py.


# --- guards on the public channels (bot/rasa/channels.py) -----------------------------------------------------
def max_message_chars() -> int:
    return int(os.environ.get("PATHWAYS_MAX_MESSAGE_CHARS", "500"))


def max_body_bytes() -> int:
    """Largest request body the Rasa server reads (Sanic's default is 100 MB); engine.io's own cap is 1 MB."""
    return int(os.environ.get("PATHWAYS_MAX_BODY_BYTES", "1000000"))


def rate_limit() -> tuple[int, float]:
    """(messages, seconds) one sender may send, e.g. PATHWAYS_RATE_LIMIT=20/60; "0" turns the limit off."""
    raw = os.environ.get("PATHWAYS_RATE_LIMIT", "30/60")
    count, _, seconds = raw.partition("/")
    return int(count), float(seconds or 60)


def retention_days() -> float:
    """Conversations whose last message is older than this are deleted by `python -m bot retention`."""
    return float(os.environ.get("PATHWAYS_RETENTION_DAYS", "90"))


def cors_origins() -> list[str]:
    """Origins allowed to use the channels: passed to Rasa as --cors and checked by the socket.io channel."""
    web = port("web")
    return os.environ.get("PATHWAYS_CORS", f"http://127.0.0.1:{web} http://localhost:{web}").split()


def rasa_url() -> str:
    return os.environ.get("PATHWAYS_RASA_URL", f"http://127.0.0.1:{port('rasa')}")


def export_settings() -> None:
    """Puts the ports and the tracker's file in the environment, where endpoints.yml and child processes read them."""
    for name in ("rasa", "actions", "web"):
        os.environ[f"PATHWAYS_{name.upper()}_PORT"] = str(port(name))
    os.environ.setdefault("PATHWAYS_TRACKER_DB", "var/tracker.db")
