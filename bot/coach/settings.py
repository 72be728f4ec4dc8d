"""The console's settings, from the environment (README: "Work-coach console")."""
from __future__ import annotations

import os

from pathways.settings import console_db_url


def _number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {raw!r}") from None
    if value <= 0:
        raise ValueError(f"{name} must be more than 0, got {raw!r}")
    return value


def db_url() -> str:
    """The console's own database (pathways.settings: the action server writes the insight counts there too)."""
    return console_db_url()


def retention_days() -> float:
    """Days a guided session, its notes and its plan are kept after the last change."""
    return _number("PATHWAYS_RETENTION_DAYS", 90)


def idle_minutes() -> float:
    """A signed-in coach is signed out after this long without a request."""
    return _number("PATHWAYS_COACH_IDLE_MINUTES", 30)


def max_hours() -> float:
    """...and after this long in any case."""
    return _number("PATHWAYS_COACH_MAX_HOURS", 10)


def secure_cookies() -> bool:
    """Send the sign-in cookie over HTTPS only; on wherever the console is served over TLS."""
    return os.environ.get("PATHWAYS_COACH_SECURE_COOKIES", "").lower() in ("1", "true", "yes")


def rasa_token() -> str:
    return os.environ.get("RASA_TOKEN", "")
