"""One SQLAlchemy engine per database URL per process, created on first use (never at import): the knowledge
base's and the console's. Each store says what its database needs as arguments."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.pool import QueuePool

_engines: dict[str, tuple[tuple, Engine]] = {}          # url -> (the choices it was made with, engine)
_lock = threading.Lock()


def engine(url: str, *, keep_sqlite_connections: bool = False, pre_ping: bool = False,
           on_create: Callable[[Engine], None] | None = None) -> Engine:
    """The engine for `url`, made on first use.

    keep_sqlite_connections: pool SQLite connections. SQLAlchemy 1.4 opens a new one per checkout (NullPool),
        which costs more than a small query; 2.0 keeps them by default.
    pre_ping: test a server database's pooled connection before each use, so one the server dropped is
        replaced rather than reported.
    on_create: run once with the new engine, before anyone uses it (e.g. creating tables).

    Asking for a URL already open with other choices raises ValueError: two stores would be sharing a database.
    """
    choices = (keep_sqlite_connections, pre_ping, on_create)
    with _lock:
        held = _engines.get(url)
        if held is None:
            made = _create(url, keep_sqlite_connections, pre_ping)
            if on_create is not None:
                on_create(made)
            held = _engines[url] = (choices, made)
        elif held[0] != choices:
            raise ValueError(f"{make_url(url).render_as_string(hide_password=True)} is already open for another "
                             "store; the knowledge base and the console each need a database of their own")
        return held[1]


def _create(url: str, keep_sqlite_connections: bool, pre_ping: bool) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)     # SQLite makes the file, not its folder
        args: dict = {"connect_args": {"timeout": 5, "check_same_thread": False}}
        if keep_sqlite_connections:
            args["poolclass"] = QueuePool
    else:
        args = {"connect_args": {"connect_timeout": 5}, "pool_pre_ping": pre_ping}
    return create_engine(url, future=True, **args)


def dispose(where: Callable[[str], bool] = lambda url: True) -> None:
    """Closes and forgets the engines whose URL `where` accepts (all by default), e.g. before dropping a test
    database."""
    with _lock:
        for url in [u for u in _engines if where(u)]:
            _engines.pop(url)[1].dispose()
