"""Pathways' tracker store: Rasa's SQL tracker store (same table, same rows), on an engine of its own, that can
delete what residents told it and says when it fails instead of failing silently.

Configured in endpoints.yml as `type: bot.rasa.tracker_store.PathwaysTrackerStore` with the usual SQL keys
(dialect, db, host, port, username, password). It
- owns its engine: SQLite gets a connection pool and the write-ahead log (Rasa's gives a file database a new
  connection for every read and write, and syncs the disk several times per commit);
- deletes one conversation (`delete`, for "forget me") and every conversation older than a time
  (`delete_older_than`, for retention); `opened()` lists the stores this process has open, so the channel reaches
  them without unwrapping the wrappers Rasa puts around every tracker store;
- reports failures: on a database error it logs one ERROR line starting with TRACKER_STORE_DEGRADED (for alerting), marks this process
degraded in bot.health (the web front's /health turns 503), and raises an error whose message carries no SQL
parameters (Rasa logs it, and the parameters would hold what residents typed). Rasa's FailSafeTrackerStore then
falls back to memory as before. The first success after a failure marks the process ok again and logs that.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
import weakref
from typing import Any, Iterable, Optional, Text

from rasa.core.tracker_store import SQLTrackerStore, TrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy import create_engine, delete, event, func, select
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from bot import health

log = logging.getLogger(__name__)
MARKER = "TRACKER_STORE_DEGRADED"


class TrackerStoreUnavailable(Exception):
    """The database behind the tracker store failed; the message is safe to log."""


def _describe(e: Exception) -> str:
    """The driver's first line (no SQL, no parameters), at most 200 characters."""
    first = str(getattr(e, "orig", None) or e).strip().splitlines()
    return f"{e.__class__.__name__}: {first[0][:200] if first else ''}"


_opened: "weakref.WeakSet[PathwaysTrackerStore]" = weakref.WeakSet()


def opened() -> list["PathwaysTrackerStore"]:
    return list(_opened)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """A committed turn survives the process crashing or restarting (tested), though not necessarily the machine
    losing power: WAL with synchronous=NORMAL syncs at checkpoints instead of several times per commit."""
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def engine_for(url: Any):
    if str(url).startswith("sqlite"):
        engine = create_engine(url, poolclass=QueuePool, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, **create_engine_kwargs(url))      # Rasa's own (POSTGRESQL_POOL_SIZE, ...)


class PathwaysTrackerStore(SQLTrackerStore):
    def __init__(self, domain: Any = None, dialect: Text = "sqlite", host: Optional[Text] = None,
                 port: Optional[int] = None, db: Text = "rasa.db", username: Optional[Text] = None,
                 password: Optional[Text] = None, event_broker: Any = None, query: Optional[dict] = None,
                 wait_for_database: bool = True, **kwargs: Any) -> None:
        self.engine = engine_for(self.get_db_url(dialect, host, int(port) if port else None, db, username,
                                                 password, None, query))
        raced = False
        while True:                     # the database may still be starting, as Rasa's own store allows for
            try:
                self.Base.metadata.create_all(self.engine)
                break
            except (IntegrityError, ProgrammingError):
                # The production profile's two Rasa processes create the tables of a new database at the same
                # moment, and PostgreSQL refuses the second CREATE TABLE: once more finds them there.
                if raced:
                    raise
                raced = True
                time.sleep(0.5)
            except OperationalError as e:
                if not wait_for_database:
                    raise
                log.warning("The tracker store's database is not answering yet (%s); trying again in 5 s",
                            _describe(e))
                time.sleep(5)
        self.sessionmaker = sessionmaker(bind=self.engine)
        TrackerStore.__init__(self, domain, event_broker, **kwargs)
        self._degraded_since: Optional[str] = None
        self._failures = 0
        self._last_error: Optional[str] = None
        self._report()
        _opened.add(self)

    def delete(self, sender_id: str) -> int:
        """Deletes every stored event of one conversation; returns how many went."""
        with self.session_scope() as session:
            done = session.execute(delete(self.SQLEvent).where(self.SQLEvent.sender_id == sender_id))
            session.commit()
        return done.rowcount

    def delete_older_than(self, cutoff: float) -> tuple[int, int]:
        """Deletes conversations whose last event is before `cutoff` (a Unix time): (conversations, events)."""
        e = self.SQLEvent
        old = select(e.sender_id).group_by(e.sender_id).having(func.max(e.timestamp) < cutoff)
        events = 0
        with self.session_scope() as session:
            senders = list(session.execute(old).scalars())
            for i in range(0, len(senders), 500):       # bounded IN lists
                events += session.execute(delete(e).where(e.sender_id.in_(senders[i:i + 500]))).rowcount
            session.commit()
        return len(senders), events

    def _report(self) -> None:
        try:
            health.write_status({"tracker_store": "degraded" if self._degraded_since else "ok",
                                 "since": self._degraded_since, "failures": self._failures,
                                 "last_error": self._last_error})
        except OSError as e:                # the health file must never stop a conversation
            log.warning("could not write the health status: %s", e)

    def _failed(self, operation: str, e: Exception) -> TrackerStoreUnavailable:
        self._failures += 1
        self._last_error = _describe(e)
        if not self._degraded_since:
            self._degraded_since = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        log.error("%s: could not %s a conversation (%s). Rasa keeps it in memory until the database is back; "
                  "a restart before then loses it. Failures so far: %d.", MARKER, operation, self._last_error,
                  self._failures)
        self._report()
        return TrackerStoreUnavailable(f"{operation} failed: {self._last_error}")

    def _succeeded(self) -> None:
        if self._degraded_since:
            log.warning("TRACKER_STORE_RECOVERED: the database answers again after %d failures since %s; "
                      "conversations held in memory meanwhile may have lost turns.", self._failures,
                      self._degraded_since)
            self._degraded_since = None
            self._report()

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        try:
            tracker = await super().retrieve(sender_id)
        except Exception as e:                  # noqa: BLE001 - every failure is reported, then passed on
            raise self._failed("read", e) from None
        self._succeeded()
        return tracker

    async def retrieve_full_tracker(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        try:
            tracker = await super().retrieve_full_tracker(sender_id)
        except Exception as e:                  # noqa: BLE001
            raise self._failed("read", e) from None
        self._succeeded()
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        try:
            await super().save(tracker)
        except Exception as e:                  # noqa: BLE001
            raise self._failed("save", e) from None
        self._succeeded()

    async def keys(self) -> Iterable[Text]:
        try:
            keys = await super().keys()
        except Exception as e:                  # noqa: BLE001
            raise self._failed("list", e) from None
        self._succeeded()
        return keys
