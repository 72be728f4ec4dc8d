"""The same catalogue on PostgreSQL, chosen by URL alone."""
from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from knowledge import advisor
from knowledge.postcodes import lookup
from knowledge.store import Catalogue, build


def test_build_and_recommend_on_postgresql(pg_url, kb_url):
    report = build(pg_url)
    assert build(pg_url).programmes == report.programmes          # idempotent
    assert [p.id for p in Catalogue(pg_url).all()] == [p.id for p in Catalogue(kb_url).all()]
    profile = advisor.profile_from_answers(age="19", qualification="5 GCSEs", borough="Hackney",
                                           barriers=["I'm on universal credit"], interests=["lab work"])
    on_pg = advisor.recommend(profile, url=pg_url).to_dict()
    on_sqlite = advisor.recommend(profile, url=kb_url).to_dict()
    assert on_pg == on_sqlite
    for code in ("E17 4AB", "N1", "M1 1AE", "EN5"):                  # the postcode districts too
        assert lookup(code, pg_url) == lookup(code, kb_url)
    assert report.districts == build(pg_url).districts > 3000


def test_a_dropped_connection_is_replaced_not_reported(pg_url):
    """The pool does not ping before each query (a second round trip per recommendation): a connection the
    server has dropped, as on a restart, is retried once on a fresh one."""
    build(pg_url)
    profile = advisor.profile_from_answers(age="30", borough="Croydon")
    before = advisor.recommend(profile, url=pg_url).to_dict()
    name = make_url(pg_url).database
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as c:
        dropped = c.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                 "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": name}).scalar()
    admin.dispose()
    assert dropped >= 1
    assert advisor.recommend(profile, url=pg_url).to_dict() == before
