"""The referral inbox's records: a resident's request, made in the chat, that the council's employment team contact
them (the warm hand-off), and its progress: new -> claimed (by a coach) -> contacted -> closed.

The channel creates a referral through `create`, the contact hook bot/rasa_server.py registers, so that the phone
number or e-mail address lives here only. "Forget me" (`forget`) and the retention job (`delete_expired`) delete
referrals as they delete guided sessions.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, select

from bot.coach import settings
from bot.coach.models import Referral, Staff
from bot.coach.store import _session, utcnow

STATUSES = {"new": "New", "claimed": "Claimed", "contacted": "Contacted", "closed": "Closed"}
OPEN = ("new", "claimed", "contacted")
# What each step may lead to; closing is always possible (the resident could not be reached, or asked to stop).
NEXT = {"new": ("claimed", "closed"), "claimed": ("contacted", "new", "closed"), "contacted": ("closed",),
        "closed": ()}
KINDS = ("phone", "email")


class BadStep(ValueError):
    """A change of status that is not possible now; the message says why."""


@dataclass(frozen=True)
class Row:
    referral: Referral
    claimed_by: str | None           # the coach's name

    @property
    def profile(self) -> dict:
        return json.loads(self.referral.profile or "{}")

    @property
    def routes(self) -> list[dict]:
        return json.loads(self.referral.routes or "[]")


def create(sender_id: str, kind: str, contact: str, council: str | None, facts: dict, url: str | None = None,
           now: dt.datetime | None = None) -> Referral:
    """A new referral (the channel's contact hook). `facts`: {"profile": {...}, "routes": [...]}."""
    if kind not in KINDS or not contact.strip():
        raise ValueError("a referral needs a phone number or an email address")
    now = now or utcnow()
    r = Referral(id=uuid.uuid4().hex, sender_id=sender_id[:128], council=(council or None) and council[:200],
                 contact_kind=kind, contact=contact.strip()[:320],
                 profile=json.dumps(facts.get("profile") or {}), routes=json.dumps(facts.get("routes") or []),
                 status="new", claimed_by=None, created_at=now, updated_at=now)
    with _session(url) as s, s.begin():
        s.add(r)
    return r


def _rows(query) -> select:
    return query.add_columns(Staff.name).outerjoin(Staff, Staff.id == Referral.claimed_by)


def listed(statuses=OPEN, url: str | None = None, limit: int = 500) -> list[Row]:
    """Referrals in these statuses, oldest first (the longest waiting at the top)."""
    with _session(url) as s:
        q = _rows(select(Referral)).where(Referral.status.in_(list(statuses)))
        return [Row(r, name) for r, name in s.execute(q.order_by(Referral.created_at).limit(limit))]


def get(referral_id: str, url: str | None = None) -> Row | None:
    with _session(url) as s:
        row = s.execute(_rows(select(Referral)).where(Referral.id == referral_id)).first()
        return Row(*row) if row else None


def count_new(url: str | None = None) -> int:
    with _session(url) as s:
        return s.execute(select(func.count()).select_from(Referral).where(Referral.status == "new")).scalar_one()


def move(referral_id: str, status: str, staff_id: int, url: str | None = None, now: dt.datetime | None = None
         ) -> Referral:
    """Moves a referral on, checked against its status now (two coaches may press at once). Claiming records the
    coach; only the coach who claimed it (or anyone, once it is new again) moves it on from there."""
    with _session(url) as s, s.begin():
        r = s.get(Referral, referral_id, with_for_update=True)
        if r is None:
            raise KeyError(referral_id)
        if status not in NEXT.get(r.status, ()):
            raise BadStep(f"This referral is {STATUSES[r.status].lower()} now, so it cannot be marked "
                          f"{STATUSES.get(status, status).lower()}. The page shows it as it is now.")
        if r.status in ("claimed", "contacted") and r.claimed_by not in (None, staff_id):
            raise BadStep("Another coach has claimed this referral; only they can move it on.")
        r.status = status
        r.claimed_by = staff_id if status in ("claimed", "contacted", "closed") else None
        r.updated_at = now or utcnow()
        return r


def forget(sender_id: str, url: str | None = None) -> int:
    """Deletes a conversation's referrals ("delete my data": a forget hook bot/rasa_server.py registers)."""
    with _session(url) as s, s.begin():
        return s.execute(delete(Referral).where(Referral.sender_id == sender_id)).rowcount


def delete_expired(days: float | None = None, now: dt.datetime | None = None, url: str | None = None) -> int:
    """For the retention job: referrals untouched for `days` (default PATHWAYS_RETENTION_DAYS), open or not."""
    now = now or utcnow()
    cutoff = now - dt.timedelta(days=settings.retention_days() if days is None else days)
    with _session(url) as s, s.begin():
        return s.execute(delete(Referral).where(Referral.updated_at < cutoff)).rowcount


def as_json(row: Row) -> dict:
    r = row.referral
    return {"id": r.id, "status": r.status, "claimed_by": row.claimed_by, "council": r.council,
            "contact_kind": r.contact_kind, "contact": r.contact, "profile": row.profile, "routes": row.routes,
            "created_at": r.created_at.isoformat(timespec="seconds") + "Z",
            "updated_at": r.updated_at.isoformat(timespec="seconds") + "Z"}
