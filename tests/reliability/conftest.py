"""The production profile (`python -m bot run --prod`) on free ports, with its own PostgreSQL databases and Redis
key prefix, started once for this folder's tests (a package fixture)."""
from __future__ import annotations

import json
import shutil
import tempfile
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.support.report import artifact
from tests.support.services import pg_database, require_service, service_missing
from tests.support.servers import Servers


class Prod(Servers):
    """The production profile plus what its tests need: the PostgreSQL server and a way to talk through nginx."""

    def __init__(self, pg_server: str, tracker_url: str, kb_url: str, redis_url: str, prefix: str):
        self.pg_server = pg_server
        self.tracker_db = make_url(tracker_url).database
        self.kb_db = make_url(kb_url).database
        self.kb_url = kb_url
        self.tracker_url = tracker_url
        super().__init__(kb_url, self.tracker_db, prod=True, PATHWAYS_PG_URL=pg_server,
                         PATHWAYS_REDIS_URL=redis_url, PATHWAYS_REDIS_PREFIX=prefix,
                         # a lock left by a killed process frees sooner than Rasa's default 60 s
                         TICKET_LOCK_LIFETIME="20",
                         # This machine's two cores are shared: with 50 conversations on one Rasa process an action
                         # can wait longer than the default 8 s on a busy event loop. These tests are about failover;
                         # the action timeout has its own test (tests/bot/test_channels.py).
                         PATHWAYS_ACTION_TIMEOUT="30")

    def say(self, sender: str, message: str, timeout: float = 180) -> list[dict]:
        """One turn through nginx's REST channel; an HTTP error status raises."""
        body = json.dumps({"sender": sender, "message": message}).encode()
        req = urllib.request.Request(f"{self.http}/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return json.loads(r.read())

    def health(self) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(f"{self.http}/health", timeout=10) as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    def admin(self, *statements: str) -> None:
        """Runs statements on the PostgreSQL server's maintenance connection (to break and mend databases)."""
        engine = create_engine(self.pg_server, isolation_level="AUTOCOMMIT", future=True)
        try:
            with engine.connect() as c:
                for s in statements:
                    c.execute(text(s))
        finally:
            engine.dispose()

    def refuse_connections(self, database: str) -> None:
        """The database goes away for its clients: new connections refused, open ones cut."""
        self.admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false',
                   f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'")

    def allow_connections(self, database: str) -> None:
        self.admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')


@pytest.fixture(scope="package")
def prod():
    pg_server = require_service("PATHWAYS_TEST_PG_URL", "PostgreSQL")
    redis_url = require_service("PATHWAYS_TEST_REDIS_URL", "Redis")
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        service_missing("needs nginx: run scripts/ensure-nginx")
    import redis

    client = redis.Redis.from_url(redis_url, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as e:
        service_missing(f"needs Redis at {redis_url}: {e}")
    prefix = f"pwtest{uuid.uuid4().hex[:8]}"
    with pg_database("tracker") as tracker_url, pg_database("kb") as kb_url:
        servers = Prod(pg_server, tracker_url, kb_url, redis_url, prefix)
        try:
            servers.start(seconds=900)          # two Rasa processes load the model side by side
            yield servers
        finally:
            servers.stop()
            log = Path(tempfile.gettempdir()) / f"pathways-reliability-{prefix}.log"
            log.write_text(servers.log())
            artifact(log)
            servers.cleanup()
            for key in client.scan_iter(f"{prefix}*"):
                client.delete(key)
            client.close()
