"""The catalogue in a database: SQLite under var/ by default, any SQLAlchemy URL (PostgreSQL) by configuration."""
from __future__ import annotations

import hashlib
import json
import threading
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import delete, func, select, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from knowledge import config, db, postcodes
from knowledge.catalogue import Programme, load_programmes
from knowledge.errors import KnowledgeBaseUnavailable
from knowledge.models import Base, Meta, PostcodeDistrict, ProgrammeRow
from knowledge.vocab import load_vocabulary

CODE = Path(__file__).resolve().parent          # the knowledge package
_snapshots: dict[str, "Snapshot"] = {}
_loading = threading.Lock()
_BUILD = select(Meta.value).where(Meta.key == "build")
_FINGERPRINT = select(Meta.value).where(Meta.key == "fingerprint")
_POSTCODES = select(Meta.value).where(Meta.key == "postcodes")


def get_engine(url: str | None = None) -> Engine:
    # Each recommendation makes one small query: SQLite connections are kept (opening one costs more), and a
    # server's are not pinged first (that doubles the round trips); Catalogue._query retries once on a connection
    # the server dropped (a restart) instead.
    return db.engine(url or config.db_url(), keep_sqlite_connections=True)


@lru_cache(maxsize=64)
def _parsed(url: str) -> URL:
    return make_url(url)


def _describe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def data_digest(data_dir: Path) -> str:
    """A hash of every data file, for what is generated from the data (the gazetteer, the model)."""
    return _digest(sorted(Path(data_dir).glob("*.yml")))


def fingerprint(data_dir: Path) -> str:
    """What a build is made from: the data and the knowledge package's code, which defines the programme fields and
    how they are read, checked and stored. A deployment rebuilds when it differs from the built one (bot/prod.py),
    so new code is applied even when the data is unchanged."""
    return _digest(sorted(CODE.glob("*.py")), data_digest(data_dir))


def _digest(paths: list[Path], start: str = "") -> str:
    h = hashlib.sha256(start.encode())
    for path in paths:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class BuildReport:
    url: str
    programmes: int
    by_status: dict[str, int]
    fingerprint: str
    districts: int = 0               # postcode districts in the database
    districts_written: bool = False  # False: the ones already there were from the same data


def build(url: str | None = None, data_dir: Path | None = None) -> BuildReport:
    """Checks the data, then replaces the catalogue in one transaction: a bad file writes nothing."""
    url = url or config.db_url()
    data_dir = Path(data_dir or config.data_dir())
    vocab = load_vocabulary(data_dir)
    programmes = load_programmes(data_dir, vocab)      # raises DataError before anything is written
    digest = fingerprint(data_dir)
    ons = {b.ons: b.name for b in vocab.boroughs}
    src = postcodes.source()                           # DataError for missing or altered files
    post_digest = postcodes.digest(src, ons)
    rows = postcodes.checked_rows(vocab, src)           # DataError for a landmark in another borough
    u = make_url(url)
    try:
        engine = get_engine(url)
        Base.metadata.create_all(engine)
        with Session(engine) as s, s.begin():
            if u.get_backend_name() == "postgresql":       # built before "unconfirmed": the column was 10 wide
                s.execute(text("ALTER TABLE programmes ALTER COLUMN status TYPE VARCHAR(20)"))
            s.execute(delete(ProgrammeRow))
            write_districts = (s.execute(_POSTCODES).scalar() != post_digest
                               or not s.execute(select(PostcodeDistrict.outward).limit(1)).first())
            s.execute(delete(Meta))
            for p in programmes:
                s.add(ProgrammeRow(id=p.id, title=p.title, route_type=p.route_type, status=p.status,
                                   position=p.position, payload=json.dumps(p.to_payload())))
            if write_districts:                        # seconds to read; unchanged data is left as it is
                s.execute(delete(PostcodeDistrict))
                s.execute(PostcodeDistrict.__table__.insert(),
                          [dict(outward=o, boroughs=b, outside=x, units=u) for o, b, x, u in rows])
            districts = s.execute(select(func.count()).select_from(PostcodeDistrict)).scalar()
            s.add(Meta(key="fingerprint", value=digest))
            s.add(Meta(key="postcodes", value=post_digest))
            s.add(Meta(key="build", value=uuid.uuid4().hex))      # tells running processes to reload
    except SQLAlchemyError as e:
        raise KnowledgeBaseUnavailable(f"could not write the knowledge base at {_describe(url)}: {_short(e)}") from e
    counts: dict[str, int] = {}
    for p in programmes:
        counts[p.status] = counts.get(p.status, 0) + 1
    return BuildReport(_describe(url), len(programmes), counts, digest, districts, write_districts)


def _short(e: Exception) -> str:
    return str(getattr(e, "orig", None) or e).strip().splitlines()[0]


@dataclass(frozen=True, eq=False)
class Snapshot:
    """One build of the catalogue, parsed once per process and shared by every request until the next build."""
    build: str | None
    programmes: tuple[Programme, ...]                  # in file order
    by_id: dict[str, Programme]

    @classmethod
    def of(cls, build: str | None, programmes: list[Programme]) -> "Snapshot":
        return cls(build, tuple(programmes), {p.id: p for p in programmes})

    def get(self, programme_id: str) -> Programme | None:
        return self.by_id.get(programme_id)


class Catalogue:
    """Read access to a built catalogue. Cheap to create; the engine behind it is shared."""

    def __init__(self, url: str | None = None):
        self.url = url or config.db_url()

    def _connect(self) -> Connection:
        u = _parsed(self.url)
        if u.get_backend_name() == "sqlite" and u.database and not Path(u.database).exists():
            raise KnowledgeBaseUnavailable(
                f"the knowledge base has not been built yet ({u.database}); run: python -m knowledge build")
        return get_engine(self.url).connect()

    def _query(self, stmt, scalars: bool = True) -> list:
        # One short connection per call. Reads build no ORM objects, and a Session's bookkeeping cost twice the
        # primary-key query that every recommendation makes.
        try:
            try:
                return self._read(stmt, scalars)
            except DBAPIError as e:
                if not e.connection_invalidated:
                    raise
                return self._read(stmt, scalars)       # the pool has been emptied of dropped connections: once more
        except SQLAlchemyError as e:
            msg = _short(e)
            if "no such table" in msg or ("relation" in msg and "does not exist" in msg):
                raise KnowledgeBaseUnavailable(
                    f"the knowledge base at {_describe(self.url)} has not been built; run: python -m knowledge build"
                ) from e
            raise KnowledgeBaseUnavailable(f"cannot read the knowledge base at {_describe(self.url)}: {msg}") from e

    def _read(self, stmt, scalars: bool) -> list:
        with self._connect() as c:
            result = c.execute(stmt)
            return list(result.scalars() if scalars else result)

    def rows(self, stmt) -> list:
        """Whole rows of a query on the knowledge base (a postcode district), with its errors."""
        return self._query(stmt, scalars=False)

    def snapshot(self) -> Snapshot:
        """The catalogue as parsed programmes. Each call costs one primary-key query (which build is in the
        database); the catalogue itself is read and parsed again only after a new build."""
        build = self.build_id()
        held = _snapshots.get(self.url)
        if held is not None and build is not None and held.build == build:
            return held
        with _loading:                                  # one thread parses; the others wait and share it
            held = _snapshots.get(self.url)
            if held is not None and build is not None and held.build == build:
                return held
            # The build id was read before the programmes: a build in between costs one more reload, never a
            # stale catalogue kept under the new id.
            snap = Snapshot.of(build, self.all())
            if build is not None:
                _snapshots[self.url] = snap
            return snap

    def build_id(self) -> str | None:
        """Which build is in the database: its id, or its fingerprint for one built before builds had ids."""
        found = self._query(_BUILD) or self._query(_FINGERPRINT)
        return found[0] if found else None

    def all(self) -> list[Programme]:
        rows = self._query(select(ProgrammeRow.payload).order_by(ProgrammeRow.position))
        return [Programme.from_payload(json.loads(r)) for r in rows]

    def fingerprint(self) -> str | None:
        rows = self._query(_FINGERPRINT)
        return rows[0] if rows else None
