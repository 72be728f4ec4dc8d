"""Settings a council changes without touching code (environment variables, or the widget's page metadata), read
by the actions and by the runtime alike."""
from __future__ import annotations

import os
from dataclasses import dataclass

NATIONAL_CAREERS = ("the National Careers Service: call 0800 100 900 (free) or use its webchat at "
                    "https://nationalcareers.service.gov.uk/contact-us")

# The `type` of the custom message action_forget_me sends: the channel holds it back and deletes the conversation
# once Rasa has saved the turn (the action cannot: Rasa saves the tracker after it).
FORGET_ME = "forget_me"

# The warm hand-off (actions/referral.py): the `referral` slot says where it is. While it is AWAITING_CONTACT, the
# channel takes a phone number or e-mail address out of the resident's message, creates the referral in the console,
# and gives Rasa only REQUEST_CONTACT with a `contact` entity: the kind of contact, "unrecognised" or "failed".
REQUEST_CONTACT = "request_contact"
REFERRAL_SLOT = "referral"
AWAITING_CONSENT, AWAITING_CONTACT, REFERRED = "consent", "contact", "made"


@dataclass(frozen=True)
class Council:
    name: str | None
    employment_team: str | None       # how to reach the council's employment team, in words


def council(metadata: dict | None = None) -> Council:
    """The council this conversation is for: from the page that embeds the widget, else the environment."""
    meta = (metadata or {}).get("council") or {}
    if not isinstance(meta, dict):
        meta = {}
    return Council(
        name=meta.get("name") or os.environ.get("PATHWAYS_COUNCIL_NAME") or None,
        employment_team=meta.get("employment_team") or os.environ.get("PATHWAYS_COUNCIL_EMPLOYMENT_TEAM") or None,
    )


def team_words(c: Council) -> str:
    """The council's employment team, as a resident reads it."""
    if c.name and c.employment_team:
        return f"{c.name}'s employment team: {c.employment_team}"
    if c.employment_team:
        return f"your council's employment team: {c.employment_team}"
    return "your council's employment support team (search your council's website for \"employment support\")"


def kb_timeout() -> float:
    """Seconds an action waits for the knowledge base before apologising."""
    return float(os.environ.get("PATHWAYS_KB_TIMEOUT", "5"))


def action_timeout() -> float:
    """Seconds Rasa waits for the action server (Rasa 3.6 waits 300); above kb_timeout so the knowledge base's
    own apology gets through first."""
    return float(os.environ.get("PATHWAYS_ACTION_TIMEOUT", "8"))


def port(name: str) -> int:
    """Ports of the three local processes; tests and benchmarks move them to run beside `make run`."""
    defaults = {"rasa": 5005, "actions": 5055, "web": 8000}
    return int(os.environ.get(f"PATHWAYS_{name.upper()}_PORT", defaults[name]))


def console_db_url() -> str:
    """The console's own database (staff, guided sessions, plans, the insight counts): never the knowledge base,
    whose build replaces what is in it. SQLite under var/ by default; PostgreSQL by URL."""
    from knowledge import config

    return os.environ.get("PATHWAYS_CONSOLE_DB_URL") or f"sqlite:///{config.var_dir() / 'console.db'}"
