"""The console's tables (SQLAlchemy 1.4 in the 2.0 style, like knowledge/models.py), in their own database.

Times are naive UTC: SQLite keeps no time zone, and one convention serves both back ends.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, declarative_base

Base = declarative_base()


class Staff(Base):
    __tablename__ = "coach_staff"

    id: Mapped[int] = Column(Integer, primary_key=True)
    name: Mapped[str] = Column(String(40), unique=True, nullable=False)      # lower case
    password_hash: Mapped[str] = Column(String(200), nullable=False)
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False)


class Manager(Base):
    """A staff member who may read the insight report for the boroughs named. A table of its own: a new column on
    coach_staff would not reach the consoles' existing databases (create_all adds tables, never columns)."""
    __tablename__ = "coach_managers"

    staff_id: Mapped[int] = Column(Integer, ForeignKey("coach_staff.id", ondelete="CASCADE"), primary_key=True)
    boroughs: Mapped[str] = Column(Text, nullable=False)        # JSON: borough names, or ["*"] for all of London


class Login(Base):
    """A signed-in browser. The cookie holds a random token; only its SHA-256 is stored."""
    __tablename__ = "coach_logins"

    token_hash: Mapped[str] = Column(String(64), primary_key=True)
    staff_id: Mapped[int] = Column(Integer, ForeignKey("coach_staff.id", ondelete="CASCADE"), nullable=False,
                                   index=True)
    csrf: Mapped[str] = Column(String(64), nullable=False)
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False)
    expires_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, index=True)


class SignInFailure(Base):
    __tablename__ = "coach_sign_in_failures"

    id: Mapped[int] = Column(Integer, primary_key=True)
    name: Mapped[str] = Column(String(80), nullable=False)
    address: Mapped[str] = Column(String(64), nullable=False)
    at: Mapped[dt.datetime] = Column(DateTime, nullable=False, index=True)


Index("ix_coach_sign_in_failures_name", SignInFailure.name, SignInFailure.at)
Index("ix_coach_sign_in_failures_address", SignInFailure.address, SignInFailure.at)


class GuidedSession(Base):
    """A resident's session with a coach; the conversation itself lives in Rasa under `sender_id`."""
    __tablename__ = "coach_sessions"

    id: Mapped[str] = Column(String(32), primary_key=True)
    sender_id: Mapped[str] = Column(String(64), unique=True, nullable=False)
    staff_id: Mapped[int | None] = Column(Integer, ForeignKey("coach_staff.id", ondelete="SET NULL"), index=True)
    label: Mapped[str] = Column(String(80), nullable=False)
    notes: Mapped[str] = Column(Text, nullable=False, default="")
    plan_fields: Mapped[str] = Column(Text, nullable=False, default="[]")      # JSON: profile fields agreed
    plan_routes: Mapped[str | None] = Column(Text)                             # JSON: programme ids, or null
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False)
    updated_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, index=True)


class AgreedAction(Base):
    """A next step or a referral agreed in the session."""
    __tablename__ = "coach_actions"

    id: Mapped[int] = Column(Integer, primary_key=True)
    session_id: Mapped[str] = Column(String(32), ForeignKey("coach_sessions.id", ondelete="CASCADE"),
                                     nullable=False, index=True)
    kind: Mapped[str] = Column(String(20), nullable=False)          # next_step | referral
    text: Mapped[str] = Column(Text, nullable=False)
    owner: Mapped[str] = Column(String(80), nullable=False)
    due: Mapped[dt.date | None] = Column(Date)
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False)


class Plan(Base):
    """The action plan as last produced for the resident (JSON), kept as a record of what they were given."""
    __tablename__ = "coach_plans"

    session_id: Mapped[str] = Column(String(32), ForeignKey("coach_sessions.id", ondelete="CASCADE"),
                                     primary_key=True)
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False)
    content: Mapped[str] = Column(Text, nullable=False)


class Referral(Base):
    """A resident's request, made in the chat, that the council's employment team contact them (the warm hand-off).
    The contact lives here only, never in the conversation; the referral goes with it ("forget me", retention)."""
    __tablename__ = "coach_referrals"

    id: Mapped[str] = Column(String(32), primary_key=True)
    sender_id: Mapped[str] = Column(String(128), nullable=False, index=True)     # the Rasa conversation
    council: Mapped[str | None] = Column(String(200))
    contact_kind: Mapped[str] = Column(String(10), nullable=False)              # phone | email
    contact: Mapped[str] = Column(String(320), nullable=False)
    profile: Mapped[str] = Column(Text, nullable=False, default="{}")           # JSON: the answers given
    routes: Mapped[str] = Column(Text, nullable=False, default="[]")            # JSON: the routes recommended last
    status: Mapped[str] = Column(String(10), nullable=False, index=True)        # new | claimed | contacted | closed
    claimed_by: Mapped[int | None] = Column(Integer, ForeignKey("coach_staff.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False)
    updated_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, index=True)
