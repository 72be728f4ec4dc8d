"""Rasa's SQL tracker store, made to say when it fails instead of failing silently.

Configured in endpoints.yml as `type: bot.tracker_store.WatchedSQLTrackerStore` with the usual SQL keys. On a
database error it logs one ERROR line starting with TRACKER_STORE_DEGRADED (for alerting), marks this process
degraded in bot.health (the web front's /health turns 503), and raises an error whose message carries no SQL
parameters (Rasa logs it, and the parameters would hold what residents typed). Rasa's FailSafeTrackerStore then
falls back to memory as before. The first success after a failure marks the process ok again and logs that.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Iterable, Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot import health

log = logging.getLogger(__name__)
MARKER = "TRACKER_STORE_DEGRADED"


class TrackerStoreUnavailable(Exception):
    """The database behind the tracker store failed; the message is safe to log."""


def _describe(e: Exception) -> str:
    """The driver's first line (no SQL, no parameters), at most 200 characters."""
    first = str(getattr(e, "orig", None) or e).strip().splitlines()
    return f"{e.__class__.__name__}: {first[0][:200] if first else ''}"


class WatchedSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # SQLAlchemy 1.4 gives a file database NullPool: a new connection (and its pragmas) for every read and
            # write of every turn. A pool keeps them open; each is still used by one session at a time.
            from sqlalchemy import create_engine
            from sqlalchemy.orm import sessionmaker
            from sqlalchemy.pool import QueuePool

            url = self.engine.url
            self.engine.dispose()
            self.engine = create_engine(url, poolclass=QueuePool, connect_args={"check_same_thread": False})
            self.sessionmaker = sessionmaker(bind=self.engine)
        self._degraded_since: Optional[str] = None
        self._failures = 0
        self._last_error: Optional[str] = None
        self._report()

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
