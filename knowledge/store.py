"""The catalogue in a database: SQLite under var/ by default, any SQLAlchemy URL (PostgreSQL) by configuration."""
from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, delete, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from knowledge import config
from knowledge.catalogue import Programme, load_programmes
from knowledge.errors import KnowledgeBaseUnavailable
from knowledge.models import Base, Meta, ProgrammeArea, ProgrammeRow
from knowledge.vocab import load_vocabulary

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def get_engine(url: str | None = None) -> Engine:
    """One engine per database URL per process, created on first use (never at import)."""
    url = url or config.db_url()
    with _lock:
        if url not in _engines:
            u = make_url(url)
            if u.get_backend_name() == "sqlite":
                args = {"connect_args": {"timeout": 5, "check_same_thread": False}}
            else:
                args = {"pool_pre_ping": True, "connect_args": {"connect_timeout": 5}}
            _engines[url] = create_engine(url, future=True, **args)
        return _engines[url]


def _describe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def fingerprint(data_dir: Path) -> str:
    """A hash of every data file, so a build (and anything generated) can tell whether the data changed."""
    h = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*.yml")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class BuildReport:
    url: str
    programmes: int
    by_status: dict[str, int]
    fingerprint: str


def build(url: str | None = None, data_dir: Path | None = None) -> BuildReport:
    """Checks the data, then replaces the catalogue in one transaction: a bad file writes nothing."""
    url = url or config.db_url()
    data_dir = Path(data_dir or config.data_dir())
    vocab = load_vocabulary(data_dir)
    programmes = load_programmes(data_dir, vocab)      # raises DataError before anything is written
    digest = fingerprint(data_dir)
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database:
        Path(u.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = get_engine(url)
        Base.metadata.create_all(engine)
        with Session(engine) as s, s.begin():
            s.execute(delete(ProgrammeArea))
            s.execute(delete(ProgrammeRow))
            s.execute(delete(Meta))
            for p in programmes:
                s.add(ProgrammeRow(id=p.id, title=p.title, route_type=p.route_type, status=p.status,
                                   position=p.position, payload=json.dumps(p.to_payload())))
            s.flush()
            s.add_all(ProgrammeArea(area=a, programme_id=p.id) for p in programmes for a in p.eligibility.areas)
            s.add(Meta(key="fingerprint", value=digest))
    except SQLAlchemyError as e:
        raise KnowledgeBaseUnavailable(f"could not write the knowledge base at {_describe(url)}: {_short(e)}") from e
    counts: dict[str, int] = {}
    for p in programmes:
        counts[p.status] = counts.get(p.status, 0) + 1
    return BuildReport(_describe(url), len(programmes), counts, digest)


def _short(e: Exception) -> str:
    return str(getattr(e, "orig", None) or e).strip().splitlines()[0]


class Catalogue:
    """Read access to a built catalogue. Cheap to create; the engine behind it is shared."""

    def __init__(self, url: str | None = None):
        self.url = url or config.db_url()

    def _session(self) -> Session:
        u = make_url(self.url)
        if u.get_backend_name() == "sqlite" and u.database and not Path(u.database).exists():
            raise KnowledgeBaseUnavailable(
                f"the knowledge base has not been built yet ({u.database}); run: python -m knowledge build")
        return Session(get_engine(self.url))

    def _query(self, stmt) -> list:
        try:
            with self._session() as s:
                return list(s.execute(stmt).scalars())
        except SQLAlchemyError as e:
            msg = _short(e)
            if "no such table" in msg or ("relation" in msg and "does not exist" in msg):
                raise KnowledgeBaseUnavailable(
                    f"the knowledge base at {_describe(self.url)} has not been built; run: python -m knowledge build"
                ) from e
            raise KnowledgeBaseUnavailable(f"cannot read the knowledge base at {_describe(self.url)}: {msg}") from e

    def in_areas(self, areas: list[str]) -> list[Programme]:
        """Programmes open in any of `areas` (an indexed lookup, not a scan of the catalogue)."""
        ids = select(ProgrammeArea.programme_id).where(ProgrammeArea.area.in_(areas))
        rows = self._query(select(ProgrammeRow.payload).where(ProgrammeRow.id.in_(ids))
                           .order_by(ProgrammeRow.position))
        return [Programme.from_payload(json.loads(r)) for r in rows]

    def get(self, programme_id: str) -> Programme | None:
        rows = self._query(select(ProgrammeRow.payload).where(ProgrammeRow.id == programme_id))
        return Programme.from_payload(json.loads(rows[0])) if rows else None

    def all(self) -> list[Programme]:
        rows = self._query(select(ProgrammeRow.payload).order_by(ProgrammeRow.position))
        return [Programme.from_payload(json.loads(r)) for r in rows]

    def fingerprint(self) -> str | None:
        rows = self._query(select(Meta.value).where(Meta.key == "fingerprint"))
        return rows[0] if rows else None
