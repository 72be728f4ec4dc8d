"""The writer: off the resident's turn, and a failure is logged, never raised."""
from __future__ import annotations

import logging
import threading

from knowledge.profile import Profile
from pathways.insight import writer


def job() -> writer.Job:
    return writer.Job(Profile(age=20), (), asked_person=False)


def test_submit_returns_before_the_record_is_written():
    release, written = threading.Event(), []
    w = writer.Writer(lambda j: (release.wait(10), written.append(j)))
    w.submit(job())
    assert written == []                       # the action has returned; the writer is still waiting
    release.set()
    assert w.flush() and len(written) == 1


def test_a_failing_database_is_logged_and_the_next_record_still_written(caplog):
    calls = []

    def write(j):
        calls.append(j)
        if len(calls) == 1:
            raise RuntimeError("database down")

    w = writer.Writer(write)
    with caplog.at_level(logging.ERROR, logger="pathways.insight.writer"):
        w.submit(job())
        w.submit(job())
        assert w.flush()
    assert len(calls) == 2 and "insight record not written" in caplog.text


def test_a_full_queue_drops_the_record_without_raising(monkeypatch, caplog):
    monkeypatch.setattr(writer, "MAX_WAITING", 1)
    release = threading.Event()
    w = writer.Writer(lambda j: release.wait(10))
    with caplog.at_level(logging.ERROR, logger="pathways.insight.writer"):
        for _ in range(5):
            w.submit(job())                   # one being written, one waiting, the rest dropped
    release.set()
    assert w.flush() and "insight record dropped" in caplog.text


def test_a_failure_is_logged_without_the_residents_answers(caplog):
    def write(j):
        raise RuntimeError("INSERT ... [parameters: {'borough': 'Hackney', 'circumstances': 'refugee'}]")

    w = writer.Writer(write)
    with caplog.at_level(logging.ERROR, logger="pathways.insight.writer"):
        w.submit(job())
        assert w.flush()
    assert "RuntimeError" in caplog.text and "Hackney" not in caplog.text and "refugee" not in caplog.text
