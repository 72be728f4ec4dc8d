"""The console's database: staff, sign-ins, guided sessions, agreed actions and plans.

One engine per URL per process, created (with its tables) on first use, never at import. One short session per
call. The tables live in the console's own database (bot.coach.settings.db_url), not the knowledge base.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.coach import passwords, settings
from bot.coach.models import AgreedAction, Base, GuidedSession, Login, Manager, Plan, Referral, SignInFailure, Staff
from knowledge import db
from pathways.insight import store as insight_store

FAILURE_WINDOW = dt.timedelta(minutes=15)
MAX_FAILURES_PER_NAME = 5          # then that name is refused until the window has passed
MAX_FAILURES_PER_ADDRESS = 20      # guessing across many names from one address
ACTION_KINDS = {"next_step": "Next step", "referral": "Referral"}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def get_engine(url: str | None = None) -> Engine:
    # A console page makes a few queries: pinging a server's connection first is cheap, and one the server dropped
    # is replaced instead of failing the coach's page. The console's tables are made with its engine.
    return db.engine(url or settings.db_url(), pre_ping=True, on_create=_create_tables)


def _create_tables(engine: Engine) -> None:
    """The console's tables, and the insight counts the action server writes into the same database."""
    Base.metadata.create_all(engine)
    insight_store.create_tables(engine)


def _session(url: str | None) -> Session:
    return Session(get_engine(url), expire_on_commit=False)


# --- staff -----------------------------------------------------------------------------------------------------
class DuplicateName(ValueError):
    pass


def add_staff(name: str, password: str, url: str | None = None, now: dt.datetime | None = None) -> Staff:
    """Creates an account; raises passwords.WeakInput or DuplicateName with a message for the person."""
    name = passwords.check_name(name)
    passwords.check_password(password, name)
    staff = Staff(name=name, password_hash=passwords.hash_password(password), created_at=now or utcnow())
    try:
        with _session(url) as s, s.begin():
            if s.execute(select(Staff.id).where(Staff.name == name)).first():
                raise DuplicateName(f"There is already a staff account called {name}.")
            s.add(staff)
    except IntegrityError:                      # created at the same moment by someone else
        raise DuplicateName(f"There is already a staff account called {name}.") from None
    return staff


def list_staff(url: str | None = None) -> list[Staff]:
    with _session(url) as s:
        return list(s.execute(select(Staff).order_by(Staff.name)).scalars())


def remove_staff(name: str, url: str | None = None) -> bool:
    """Removes an account and signs it out everywhere; its sessions and claimed referrals stay (without an owner)
    until retention."""
    with _session(url) as s, s.begin():
        staff = s.execute(select(Staff).where(Staff.name == name.strip().lower())).scalar_one_or_none()
        if staff is None:
            return False
        s.execute(delete(Login).where(Login.staff_id == staff.id))
        s.execute(delete(Manager).where(Manager.staff_id == staff.id))
        for gs in s.execute(select(GuidedSession).where(GuidedSession.staff_id == staff.id)).scalars():
            gs.staff_id = None
        for r in s.execute(select(Referral).where(Referral.claimed_by == staff.id)).scalars():
            r.claimed_by = None                 # SQLite does not apply ON DELETE SET NULL unasked
        s.delete(staff)
    return True


# --- signing in ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SignIn:
    staff_id: int | None = None          # set when the name and password were right
    retry_after: dt.timedelta | None = None   # set when too many failures refused the attempt


def authenticate(name: str, password: str, address: str, url: str | None = None,
                 now: dt.datetime | None = None) -> SignIn:
    """Checks a sign-in, refusing (without checking) after too many recent failures for the name or address."""
    now = now or utcnow()
    key = name.strip().lower()[:80]
    since = now - FAILURE_WINDOW
    with _session(url) as s, s.begin():
        for column, value, limit in ((SignInFailure.name, key, MAX_FAILURES_PER_NAME),
                                     (SignInFailure.address, address, MAX_FAILURES_PER_ADDRESS)):
            times = list(s.execute(select(SignInFailure.at).where(column == value, SignInFailure.at > since)
                                   .order_by(SignInFailure.at.desc()).limit(limit)).scalars())
            if len(times) >= limit:
                return SignIn(retry_after=times[-1] + FAILURE_WINDOW - now)
        staff = s.execute(select(Staff).where(Staff.name == key)).scalar_one_or_none()
        ok = passwords.verify(staff.password_hash if staff else passwords.dummy_hash(), password)
        if not (ok and staff):
            s.add(SignInFailure(name=key, address=address[:64], at=now))
            return SignIn()
        if passwords.needs_rehash(staff.password_hash):
            staff.password_hash = passwords.hash_password(password)
        s.execute(delete(SignInFailure).where(SignInFailure.name == key))
        return SignIn(staff_id=staff.id)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_login(staff_id: int, url: str | None = None, now: dt.datetime | None = None) -> str:
    """A new signed-in browser; returns the token for its cookie."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    with _session(url) as s, s.begin():
        s.add(Login(token_hash=_digest(token), staff_id=staff_id, csrf=secrets.token_urlsafe(32), created_at=now,
                    expires_at=_expiry(now, now)))
    return token


def _expiry(created: dt.datetime, now: dt.datetime) -> dt.datetime:
    return min(now + dt.timedelta(minutes=settings.idle_minutes()),
               created + dt.timedelta(hours=settings.max_hours()))


@dataclass(frozen=True)
class Coach:
    staff_id: int
    name: str
    csrf: str


def current_login(token: str | None, url: str | None = None, now: dt.datetime | None = None) -> Coach | None:
    """The coach a cookie belongs to, if it has not expired; each use pushes the idle expiry back."""
    if not token:
        return None
    now = now or utcnow()
    with _session(url) as s, s.begin():
        row = s.execute(select(Login, Staff.name).join(Staff, Staff.id == Login.staff_id)
                        .where(Login.token_hash == _digest(token))).first()
        if row is None:
            return None
        login, name = row
        if login.expires_at <= now:
            s.delete(login)
            return None
        login.expires_at = _expiry(login.created_at, now)
        return Coach(login.staff_id, name, login.csrf)


def end_login(token: str | None, url: str | None = None) -> None:
    if token:
        with _session(url) as s, s.begin():
            s.execute(delete(Login).where(Login.token_hash == _digest(token)))


# --- guided sessions -------------------------------------------------------------------------------------------
def create_session(staff_id: int, label: str, url: str | None = None, now: dt.datetime | None = None
                   ) -> GuidedSession:
    now = now or utcnow()
    sid = uuid.uuid4().hex
    gs = GuidedSession(id=sid, sender_id=f"coach-{sid}", staff_id=staff_id, label=label.strip()[:80] or "Resident",
                       notes="", plan_fields="[]", plan_routes=None, created_at=now, updated_at=now)
    with _session(url) as s, s.begin():
        s.add(gs)
    return gs


def sessions_of(staff_id: int, url: str | None = None, limit: int = 100) -> list[GuidedSession]:
    with _session(url) as s:
        return list(s.execute(select(GuidedSession).where(GuidedSession.staff_id == staff_id)
                              .order_by(GuidedSession.updated_at.desc()).limit(limit)).scalars())


def get_session(session_id: str, staff_id: int, url: str | None = None) -> GuidedSession | None:
    """A coach's own session (another coach's is as good as missing)."""
    with _session(url) as s:
        return s.execute(select(GuidedSession).where(GuidedSession.id == session_id,
                                                     GuidedSession.staff_id == staff_id)).scalar_one_or_none()


def _update(session_id: str, url: str | None, now: dt.datetime | None, **values) -> None:
    with _session(url) as s, s.begin():
        gs = s.get(GuidedSession, session_id)
        if gs is None:
            raise KeyError(session_id)
        for k, v in values.items():
            setattr(gs, k, v)
        gs.updated_at = now or utcnow()


def touch(session_id: str, url: str | None = None, now: dt.datetime | None = None) -> None:
    """Records activity, which restarts the retention period."""
    _update(session_id, url, now)


def set_notes(session_id: str, notes: str, url: str | None = None, now: dt.datetime | None = None) -> None:
    _update(session_id, url, now, notes=notes.strip()[:5000])


def set_plan_choices(session_id: str, fields: list[str], routes: list[str] | None, url: str | None = None,
                     now: dt.datetime | None = None) -> None:
    """What the resident agreed goes in the plan: profile fields, and the routes (None: the top recommended)."""
    _update(session_id, url, now, plan_fields=json.dumps(fields),
            plan_routes=None if routes is None else json.dumps(routes))


def plan_choices(gs: GuidedSession) -> tuple[list[str], list[str] | None]:
    return json.loads(gs.plan_fields or "[]"), (json.loads(gs.plan_routes) if gs.plan_routes else None)


# --- agreed actions ---------------------------------------------------------------------------------------------
class BadAction(ValueError):
    """An agreed action that cannot be saved; the message says which field and why."""

    def __init__(self, field: str, message: str):
        self.field, self.message = field, message
        super().__init__(message)


def check_action(kind: str, text: str, owner: str, due: str, today: dt.date) -> tuple[str, str, str, dt.date | None]:
    if kind not in ACTION_KINDS:
        raise BadAction("kind", "Choose a next step or a referral.")
    text, owner = " ".join((text or "").split()), " ".join((owner or "").split())
    if not text:
        raise BadAction("text", "Say what was agreed, for example \"Call the LIFT team about the lab course\".")
    if len(text) > 1000:
        raise BadAction("text", "Keep it under 1,000 characters.")
    if not owner:
        raise BadAction("owner", "Say who will do it (the resident, you, or someone else).")
    if len(owner) > 80:
        raise BadAction("owner", "Keep who will do it under 80 characters.")
    date = None
    if due and due.strip():
        try:
            date = dt.date.fromisoformat(due.strip())
        except ValueError:
            raise BadAction("due", "Give the date as year-month-day, for example 2026-12-01.") from None
        if date < today:
            raise BadAction("due", "That date has passed; choose today or a later day.")
        if date > today + dt.timedelta(days=3 * 366):
            raise BadAction("due", "That is more than three years away; choose an earlier date.")
    return kind, text, owner, date


def add_action(session_id: str, kind: str, text: str, owner: str, due: str, url: str | None = None,
               now: dt.datetime | None = None) -> AgreedAction:
    """Validates (raising BadAction) and saves an agreed next step or referral."""
    now = now or utcnow()
    kind, text, owner, date = check_action(kind, text, owner, due, now.date())
    action = AgreedAction(session_id=session_id, kind=kind, text=text, owner=owner, due=date, created_at=now)
    with _session(url) as s, s.begin():
        s.add(action)
        s.get(GuidedSession, session_id).updated_at = now
    return action


def actions_of(session_id: str, url: str | None = None) -> list[AgreedAction]:
    with _session(url) as s:
        return list(s.execute(select(AgreedAction).where(AgreedAction.session_id == session_id)
                              .order_by(AgreedAction.due.is_(None), AgreedAction.due, AgreedAction.id)).scalars())


def remove_action(session_id: str, action_id: int, url: str | None = None) -> bool:
    with _session(url) as s, s.begin():
        done = s.execute(delete(AgreedAction).where(AgreedAction.id == action_id,
                                                    AgreedAction.session_id == session_id))
        return done.rowcount > 0


# --- plans ------------------------------------------------------------------------------------------------------
def save_plan(session_id: str, content: dict, url: str | None = None, now: dt.datetime | None = None) -> None:
    now = now or utcnow()
    with _session(url) as s, s.begin():
        plan = s.get(Plan, session_id)
        if plan is None:
            s.add(Plan(session_id=session_id, created_at=now, content=json.dumps(content)))
        else:
            plan.created_at, plan.content = now, json.dumps(content)


def saved_plan(session_id: str, url: str | None = None) -> dict | None:
    with _session(url) as s:
        plan = s.get(Plan, session_id)
        return json.loads(plan.content) if plan else None


# --- deleting ---------------------------------------------------------------------------------------------------
def _delete_sessions(s: Session, ids) -> int:
    """`ids`: a list, or a SELECT of session ids (evaluated before anything is deleted)."""
    if not isinstance(ids, list):
        ids = list(s.execute(ids).scalars())
    deleted = 0
    for i in range(0, len(ids), 500):           # bounded IN lists
        part = ids[i:i + 500]
        s.execute(delete(AgreedAction).where(AgreedAction.session_id.in_(part)))
        s.execute(delete(Plan).where(Plan.session_id.in_(part)))
        deleted += s.execute(delete(GuidedSession).where(GuidedSession.id.in_(part))).rowcount
    return deleted


def delete_session(session_id: str, url: str | None = None) -> bool:
    """Deletes a session, its agreed actions and its plan (a resident's request, or the coach's)."""
    with _session(url) as s, s.begin():
        return _delete_sessions(s, [session_id]) > 0


def forget(sender_id: str, url: str | None = None) -> int:
    """Deletes the session of one Rasa conversation ("delete my data" said in a guided session: the forget hook
    bot/rasa_server.py registers with the channels); returns how many sessions went (0 or 1)."""
    with _session(url) as s, s.begin():
        return _delete_sessions(s, select(GuidedSession.id).where(GuidedSession.sender_id == sender_id))


def delete_expired(days: float | None = None, now: dt.datetime | None = None, url: str | None = None) -> int:
    """For the retention job (bot/privacy.py): deletes sessions (with their actions and plans) untouched for `days`
    (default PATHWAYS_RETENTION_DAYS), and expired sign-ins and old sign-in failures. Returns how many sessions
    went."""
    now = now or utcnow()
    if now.tzinfo is not None:
        now = now.astimezone(dt.timezone.utc).replace(tzinfo=None)
    cutoff = now - dt.timedelta(days=settings.retention_days() if days is None else days)
    with _session(url) as s, s.begin():
        sessions = _delete_sessions(s, select(GuidedSession.id).where(GuidedSession.updated_at < cutoff))
        s.execute(delete(Login).where(Login.expires_at <= now))
        s.execute(delete(SignInFailure).where(SignInFailure.at <= now - FAILURE_WINDOW))
    return sessions


def counts(url: str | None = None) -> dict[str, int]:
    """Rows per table (for tests and the retention job's log)."""
    with _session(url) as s:
        return {m.__tablename__: s.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (Staff, Login, SignInFailure, GuidedSession, AgreedAction, Plan)}

