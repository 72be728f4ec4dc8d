"""Real services a test needs (PostgreSQL, Redis, nginx), found from the environment."""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pytest

from tests.support import kinds


def service_missing(message: str) -> None:
    """Skips a test whose service is absent, saying so; in CI (.ci/run) that absence is a failure."""
    if os.environ.get("PATHWAYS_REQUIRE_SERVICES"):
        pytest.fail(message + " (CI requires it)")
    pytest.skip(message)


def require_service(env: str, what: str) -> str:
    """The URL of a real service for this test, from the environment."""
    kinds.need("services", f"needs {what}")
    url = os.environ.get(env)
    if not url:
        service_missing(f"needs {what}: set {env}")
    return url


@contextmanager
def pg_database(purpose: str = "test"):
    """A fresh database on the PostgreSQL server in PATHWAYS_TEST_PG_URL (its URL), dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    server = require_service("PATHWAYS_TEST_PG_URL", "PostgreSQL")
    name = f"pathways_{purpose}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as e:                        # noqa: BLE001 - any failure here means the service is absent
        admin.dispose()
        service_missing(f"needs PostgreSQL at {make_url(server).render_as_string()}: {e.__class__.__name__}")
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        from knowledge import db
        db.dispose(lambda url: name in url)
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
