"""The production profile when its databases fail: the tracker store (Rasa would fall back to memory without a
word) and the knowledge base (the resident gets a clear message; a build that fails half-way writes nothing)."""
from __future__ import annotations

import time
import uuid

import pytest
from sqlalchemy import create_engine, func, select, text

from actions.common import UNAVAILABLE
from knowledge import KnowledgeBaseUnavailable
from knowledge.models import ProgrammeRow
from knowledge.store import Catalogue, build, fingerprint
from tests.support.report import figure

FALLBACK = "Falling back to use the 'InMemoryTrackerStore'"


def new_sender() -> str:
    return f"rel-{uuid.uuid4().hex[:10]}"


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def recommendations(replies: list[dict]) -> dict | None:
    return next((r["custom"] for r in replies if (r.get("custom") or {}).get("type") == "recommendations"), None)


def wait_for_log(prod, marker: str, since: int, seconds: float = 15) -> list[str]:
    """Lines containing `marker` logged after line `since` (the launcher's output is read in the background)."""
    deadline = time.monotonic() + seconds
    while True:
        lines = [line for line in prod.output[since:] if marker in line]
        if lines or time.monotonic() > deadline:
            return lines
        time.sleep(0.2)


def test_a_failing_tracker_store_is_detected_reported_and_recovers(prod):
    me = new_sender()
    prod.say(me, "hi")
    prod.say(me, "19")
    assert prod.health()[0] == 200
    since = len(prod.output)
    prod.refuse_connections(prod.tracker_db)
    try:
        replies = prod.say(me, "5 GCSEs")
        assert replies, "Rasa answers from memory while the database is down"
        fallbacks = wait_for_log(prod, FALLBACK, since)
        alerts = wait_for_log(prod, "TRACKER_STORE_DEGRADED", since)
        status, body = prod.health()
    finally:
        prod.allow_connections(prod.tracker_db)
    assert fallbacks, "Rasa's fail-safe fell back to memory"
    assert alerts and all(" ERROR " in line for line in alerts), "an ERROR line an operator can alert on"
    assert not any("5 GCSEs" in line for line in fallbacks + alerts), "no resident's words in the error lines"
    assert status == 503 and body["status"] == "degraded" and body["tracker_store"] == "degraded"
    degraded = [name for name, s in body["rasa"].items() if s["tracker_store"] == "degraded"]
    assert degraded and all(body["rasa"][n]["failures"] >= 1 for n in degraded)
    figure(f"tracker store down: fallback seen, {len(alerts)} TRACKER_STORE_DEGRADED lines, /health 503 "
          f"({', '.join(degraded)} degraded)")

    # Back: each Rasa process reports ok after its next successful read or write.
    for _ in range(20):
        prod.say(new_sender(), "hi")
        if prod.health()[0] == 200:
            break
    status, body = prod.health()
    assert status == 200 and body["tracker_store"] == "ok", body
    assert wait_for_log(prod, "TRACKER_STORE_RECOVERED", since)


def test_knowledge_base_down_gives_a_clear_message_and_the_conversation_continues(prod):
    me = new_sender()
    for message in ("hi", "19", "5 GCSEs", "hackney", "none"):
        prod.say(me, message)
    prod.refuse_connections(prod.kb_db)
    try:
        replies = prod.say(me, "lab work")
    finally:
        prod.allow_connections(prod.kb_db)
    assert UNAVAILABLE in texts(replies) and "0800 100 900" in texts(replies)
    assert recommendations(replies) is None
    # The database is back: the same conversation asks again and gets its answer, nothing re-asked.
    replies = prod.say(me, "show me my options")
    found = recommendations(replies)
    assert found and found["items"], texts(replies)
    assert found["profile"] == {"age": 19, "qualification_level": "2", "borough": "Hackney", "barriers": [],
                                "interests": ["laboratory"]}


def catalogue_state(url: str) -> tuple:
    engine = create_engine(url, future=True)
    try:
        with engine.connect() as c:
            return (c.execute(select(func.count()).select_from(ProgrammeRow)).scalar(),
                    tuple(c.execute(select(ProgrammeRow.id, ProgrammeRow.payload)
                                    .order_by(ProgrammeRow.position)).all()))
    finally:
        engine.dispose()


def test_a_knowledge_build_that_fails_half_way_writes_nothing(prod, data_copy):
    before = catalogue_state(prod.kb_url)
    fingerprint_before = Catalogue(prod.kb_url).fingerprint()
    programmes = data_copy / "programmes.yml"
    programmes.write_text(programmes.read_text().replace(
        "title: LIFT (Leading Inclusive Futures through Technology)", "title: LIFT (changed by the test)"))
    half = before[0] // 2
    engine = create_engine(prod.kb_url, isolation_level="AUTOCOMMIT", future=True)
    with engine.connect() as c:                 # the database fails part-way through the write
        c.execute(text(f"""CREATE FUNCTION fail_half_way() RETURNS trigger AS $$ BEGIN
            IF NEW.position >= {half} THEN RAISE EXCEPTION 'simulated failure half-way'; END IF;
            RETURN NEW; END $$ LANGUAGE plpgsql"""))
        c.execute(text("CREATE TRIGGER fail_half_way BEFORE INSERT ON programmes "
                       "FOR EACH ROW EXECUTE FUNCTION fail_half_way()"))
    try:
        with pytest.raises(KnowledgeBaseUnavailable, match="simulated failure half-way"):
            build(prod.kb_url, data_dir=data_copy)
    finally:
        with engine.connect() as c:
            c.execute(text("DROP TRIGGER fail_half_way ON programmes"))
            c.execute(text("DROP FUNCTION fail_half_way()"))
        engine.dispose()
    assert catalogue_state(prod.kb_url) == before
    assert Catalogue(prod.kb_url).fingerprint() == fingerprint_before != fingerprint(data_copy)
    # The running bot still answers from the whole catalogue.
    me = new_sender()
    replies = prod.say(me, "I'm 24, from Tower Hamlets, I've got A levels and want lab work")
    replies = prod.say(me, "none of these")
    found = recommendations(replies)
    assert found and found["items"], texts(replies)
    figure(f"knowledge build failed after {half} of {before[0]} programmes: nothing written, the bot still answers")
