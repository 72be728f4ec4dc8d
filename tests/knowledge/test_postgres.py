"""The same catalogue on PostgreSQL, chosen by URL alone."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from knowledge import advisor
from knowledge.store import Catalogue, build
from tests.conftest import require_service, service_missing


@pytest.fixture
def pg_url():
    """A fresh database on the PostgreSQL server in PATHWAYS_TEST_PG_URL, dropped afterwards."""
    server = require_service("PATHWAYS_TEST_PG_URL", "PostgreSQL")
    name = f"pathways_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as e:                        # noqa: BLE001 - any failure here means the service is absent
        admin.dispose()
        service_missing(f"needs PostgreSQL at {make_url(server).render_as_string()}: {e.__class__.__name__}")
    yield make_url(server).set(database=name).render_as_string(hide_password=False)
    from knowledge.store import _engines
    for url in [u for u in _engines if name in u]:
        _engines.pop(url).dispose()
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


def test_build_and_recommend_on_postgresql(pg_url, kb_url):
    report = build(pg_url)
    assert build(pg_url).programmes == report.programmes          # idempotent
    assert [p.id for p in Catalogue(pg_url).all()] == [p.id for p in Catalogue(kb_url).all()]
    profile = advisor.profile_from_answers(age="19", qualification="5 GCSEs", borough="Hackney",
                                           barriers=["I'm on universal credit"], interests=["lab work"])
    on_pg = advisor.recommend(profile, url=pg_url).to_dict()
    on_sqlite = advisor.recommend(profile, url=kb_url).to_dict()
    assert on_pg == on_sqlite
