"""Writing records off the resident's turn: the action puts a job on a queue and returns; one daemon thread
builds the record and adds it to the counts. A failure is logged, never raised into the conversation."""
from __future__ import annotations

import datetime as dt
import logging
import queue
import threading
from dataclasses import dataclass, field
from typing import Callable

from knowledge.engine import Result
from knowledge.profile import Profile
from pathways.insight import store
from pathways.insight.record import record_of

log = logging.getLogger(__name__)
MAX_WAITING = 10_000          # jobs held while the database is slow; beyond that a record is dropped (and logged)


@dataclass(frozen=True)
class Job:
    profile: Profile
    declined: tuple[str, ...]
    asked_person: bool
    result: Result | None = None        # None: worked out in the writer (a hand-off after the recommendations)
    conversations: int = 1              # 0: only count that a resident who had recommendations asked for a person
    day: dt.date = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).date())


class Writer:
    def __init__(self, write: Callable[[Job], None] | None = None):
        self._write = write or _write
        self._jobs: queue.Queue[Job | None] = queue.Queue(MAX_WAITING)
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    def submit(self, job: Job) -> None:
        """Never blocks and never raises: a record that cannot be queued is dropped and logged."""
        try:
            if self._thread is None:
                with self._start:
                    if self._thread is None:
                        self._thread = threading.Thread(target=self._run, name="insight-writer", daemon=True)
                        self._thread.start()
            self._jobs.put_nowait(job)
        except Exception as e:                 # noqa: BLE001 - counting must never cost a resident their answer
            log.error("insight record dropped: %s", e.__class__.__name__)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is None:
                    return
                self._write(job)
            except Exception as e:             # noqa: BLE001 - the database may be down: log, keep going
                # The class only: a database error's text quotes the row, i.e. the resident's answers.
                log.error("insight record not written: %s", e.__class__.__name__)
            finally:
                self._jobs.task_done()

    def flush(self, timeout: float = 10.0) -> bool:
        """Waits until every queued job is written (tests, benchmarks); False if that took longer than `timeout`."""
        done = threading.Event()
        threading.Thread(target=lambda: (self._jobs.join(), done.set()), daemon=True).start()
        return done.wait(timeout)


def _write(job: Job) -> None:
    result = job.result
    if result is None:
        from knowledge import advisor

        result = advisor.recommend(job.profile)
    store.add(store.get_engine(), [record_of(job.profile, result, job.declined, job.asked_person, job.day)],
              job.conversations)


_writer = Writer()


def submit(job: Job) -> None:
    _writer.submit(job)


def flush(timeout: float = 10.0) -> bool:
    return _writer.flush(timeout)
