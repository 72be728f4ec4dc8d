"""The insight counts in the console's database: one row per distinct record, with how many conversations it
stands for. Rows are keyed by what they count, with no row id: a table of counts keeps no order of arrival that
could be matched against conversation times."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sqlalchemy import Column, Integer, MetaData, String, Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from knowledge import db
from pathways.insight.record import Record
from pathways.settings import console_db_url

metadata = MetaData()
counts = Table(
    "insight_counts", metadata,
    Column("week", String(8), primary_key=True),                 # ISO week, "2026-W49": sorts as it reads
    Column("borough", String(40), primary_key=True),
    Column("age_band", String(12), primary_key=True),
    Column("qualification_band", String(12), primary_key=True),
    Column("circumstances", String(400), primary_key=True),      # ids joined by ","
    Column("interests", String(200), primary_key=True),
    Column("routes", Integer, primary_key=True),
    Column("route_types", String(400), primary_key=True),        # "apprenticeship:2,swap:1"
    Column("conversations", Integer, nullable=False),            # recommendations given
    Column("asked_person", Integer, nullable=False),             # ... of which asked to talk to a person
)
KEY = [c.name for c in counts.primary_key.columns]


def create_tables(engine: Engine) -> None:
    metadata.create_all(engine)


def get_engine(url: str | None = None) -> Engine:
    """The action server's engine for the console database. The console's own processes read through theirs
    (bot.coach.store.get_engine, which makes this table too)."""
    return db.engine(url or console_db_url(), pre_ping=True, on_create=create_tables)


def _key(r: Record) -> dict:
    return {"week": r.week, "borough": r.borough, "age_band": r.age_band,
            "qualification_band": r.qualification_band, "circumstances": ",".join(r.circumstances),
            "interests": ",".join(r.interests), "routes": r.routes,
            "route_types": ",".join(f"{t}:{n}" for t, n in r.route_types)}


def add(engine: Engine, records: Iterable[Record], conversations: int = 1) -> None:
    """Counts records, in one transaction: `conversations` 1 when recommendations were given; 0 when a resident
    who already had them asks for a person afterwards (only the asked-for-a-person count of their row goes up)."""
    insert = (postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert)(counts)
    stmt = insert.on_conflict_do_update(index_elements=KEY, set_={
        "conversations": counts.c.conversations + insert.excluded.conversations,
        "asked_person": counts.c.asked_person + insert.excluded.asked_person})
    with engine.begin() as c:
        for r in records:
            c.execute(stmt, {**_key(r), "conversations": conversations, "asked_person": int(r.asked_person)})


@dataclass(frozen=True)
class Row:
    """A row of counts read back: a record's fields (its own `asked_person` unused: a row counts both kinds), how
    many conversations it stands for, and how many of them asked for a person."""
    record: Record
    conversations: int
    asked_person: int


def read(engine: Engine, since: str | None = None, until: str | None = None,
         boroughs: Iterable[str] | None = None) -> list[Row]:
    """Rows from ISO week `since` to `until` (inclusive), of the boroughs named (all when None)."""
    q = select(counts)
    if since:
        q = q.where(counts.c.week >= since)
    if until:
        q = q.where(counts.c.week <= until)
    if boroughs is not None:
        q = q.where(counts.c.borough.in_(list(boroughs)))
    with engine.connect() as c:
        rows = c.execute(q.order_by(*[counts.c[k] for k in KEY])).mappings().all()
    return [Row(Record(week=r["week"], borough=r["borough"], age_band=r["age_band"],
                       qualification_band=r["qualification_band"],
                       circumstances=tuple(r["circumstances"].split(",")), interests=tuple(r["interests"].split(",")),
                       routes=r["routes"],
                       route_types=tuple((t, int(n)) for t, n in (x.split(":") for x in r["route_types"].split(",")
                                                                    if x)),
                       asked_person=False), r["conversations"], r["asked_person"]) for r in rows]
