"""The production profile (`python -m bot run --prod`, `make run-prod`): PostgreSQL for conversations and the
knowledge base, Redis for Rasa's conversation locks, two Rasa processes and the action server behind nginx.

Everything is configured by the environment; deploy/endpoints.prod.yml and deploy/nginx.conf read it.
  PATHWAYS_PG_URL     PostgreSQL server (default postgresql://postgres@127.0.0.1:5432); sets PATHWAYS_PG_HOST,
                      _PORT, _USER, _PASSWORD unless those are set. PATHWAYS_TRACKER_PG_DB (default pathways_tracker)
                      holds conversations; PATHWAYS_DB_URL (default: database pathways_kb on that server) the catalogue.
  PATHWAYS_REDIS_URL  Redis (default redis://127.0.0.1:6379/0); sets PATHWAYS_REDIS_HOST, _PORT, _DB, _PASSWORD;
                      PATHWAYS_REDIS_PREFIX (letters and digits, default pathways) prefixes the lock keys.
  TICKET_LOCK_LIFETIME  seconds a conversation's lock outlives a process that died holding it (default 30).
  PATHWAYS_PROXY_READ_TIMEOUT  seconds nginx waits for Rasa's answer to a turn (default 180).
  Ports (all on 127.0.0.1): PATHWAYS_HTTP_PORT nginx (8080), PATHWAYS_RASA_PORT and PATHWAYS_RASA2_PORT the two
  Rasa processes (5005, 5006), PATHWAYS_ACTIONS_PORT (5055), PATHWAYS_WEB_PORT (8000).
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bot.model import ROOT
from pathways.settings import port

NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf"
ENDPOINTS = "deploy/endpoints.prod.yml"
MAX_BODY = "64k"


class SetupError(Exception):
    """Something the production profile needs is missing; the message says what to do."""


def prod_environment(env: dict[str, str]) -> dict[str, str]:
    """The variables endpoints.prod.yml, the knowledge base and the launcher read, with defaults filled in."""
    env = dict(env)
    pg = urlsplit(env.get("PATHWAYS_PG_URL") or "postgresql://postgres@127.0.0.1:5432")
    for key, value in (("HOST", pg.hostname or "127.0.0.1"), ("PORT", str(pg.port or 5432)),
                       ("USER", unquote(pg.username or "postgres")), ("PASSWORD", unquote(pg.password or ""))):
        env.setdefault(f"PATHWAYS_PG_{key}", value)
    env.setdefault("PATHWAYS_TRACKER_PG_DB", "pathways_tracker")
    env.setdefault("PATHWAYS_DB_URL", pg_url(env, "pathways_kb"))
    redis = urlsplit(env.get("PATHWAYS_REDIS_URL") or "redis://127.0.0.1:6379/0")
    for key, value in (("HOST", redis.hostname or "127.0.0.1"), ("PORT", str(redis.port or 6379)),
                       ("DB", redis.path.strip("/") or "0"), ("PASSWORD", unquote(redis.password or ""))):
        env.setdefault(f"PATHWAYS_REDIS_{key}", value)
    env.setdefault("PATHWAYS_REDIS_PREFIX", "pathways")
    if not env["PATHWAYS_REDIS_PREFIX"].isalnum():
        raise SetupError("PATHWAYS_REDIS_PREFIX must be letters and digits only (Rasa's rule for lock key prefixes)")
    env.setdefault("TICKET_LOCK_LIFETIME", "30")
    env.setdefault("PATHWAYS_ACTIONS_URL", f"http://127.0.0.1:{port('actions')}")
    return env


def pg_url(env: dict[str, str], database: str) -> str:
    from sqlalchemy.engine import URL

    return URL.create("postgresql", username=env["PATHWAYS_PG_USER"], password=env["PATHWAYS_PG_PASSWORD"] or None,
                      host=env["PATHWAYS_PG_HOST"], port=int(env["PATHWAYS_PG_PORT"]),
                      database=database).render_as_string(hide_password=False)


def ensure_databases(env: dict[str, str]) -> None:
    """Creates the tracker's and the knowledge base's databases when missing (Rasa creates the tables)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    kb = make_url(env["PATHWAYS_DB_URL"])
    wanted = [env["PATHWAYS_TRACKER_PG_DB"]] + ([kb.database] if kb.get_backend_name() == "postgresql" else [])
    admin = create_engine(pg_url(env, "postgres"), isolation_level="AUTOCOMMIT", future=True,
                          connect_args={"connect_timeout": 5})
    try:
        with admin.connect() as c:
            for name in wanted:
                if not c.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first():
                    c.execute(text(f'CREATE DATABASE "{name}"'))
                    print(f"created PostgreSQL database {name}")
    except SQLAlchemyError as e:
        first = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
        raise SetupError(
            f"PostgreSQL at {env['PATHWAYS_PG_HOST']}:{env['PATHWAYS_PG_PORT']} (user {env['PATHWAYS_PG_USER']}) "
            f"did not answer: {first}\nStart it (Debian: pg_ctlcluster 15 main start) or point PATHWAYS_PG_URL "
            "at one.") from e
    finally:
        admin.dispose()


def check_redis(env: dict[str, str]) -> None:
    import redis

    client = redis.Redis(host=env["PATHWAYS_REDIS_HOST"], port=int(env["PATHWAYS_REDIS_PORT"]),
                         db=int(env["PATHWAYS_REDIS_DB"]), password=env["PATHWAYS_REDIS_PASSWORD"] or None,
                         socket_timeout=5, socket_connect_timeout=5)
    try:
        client.ping()
    except redis.RedisError as e:
        raise SetupError(f"Redis at {env['PATHWAYS_REDIS_HOST']}:{env['PATHWAYS_REDIS_PORT']} did not answer: {e}\n"
                         "Start it (Debian: redis-server --daemonize yes --bind 127.0.0.1) or point "
                         "PATHWAYS_REDIS_URL at one.") from e
    finally:
        client.close()


def build_knowledge(env: dict[str, str]) -> None:
    """Loads the catalogue into PostgreSQL when the data changed (one transaction: a failure writes nothing)."""
    from knowledge import KnowledgeBaseUnavailable, config
    from knowledge.store import Catalogue, build, fingerprint

    url = env["PATHWAYS_DB_URL"]
    try:
        current = Catalogue(url).fingerprint()
    except KnowledgeBaseUnavailable:
        current = None                      # not built yet
    if current != fingerprint(config.data_dir()):
        try:
            report = build(url)
        except KnowledgeBaseUnavailable as e:
            raise SetupError(str(e)) from e
        print(f"knowledge base: {report.programmes} programmes loaded into {report.url}")


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise SetupError("nginx is not installed; run scripts/ensure-nginx (Debian package `nginx`)")
    return found


def nginx_dir() -> Path:
    from knowledge import config

    return Path(os.environ.get("PATHWAYS_NGINX_DIR") or config.var_dir() / "nginx").resolve()


def render_nginx(prefix: Path, http_port: int, rasa_ports: list[int], web_port: int, read_timeout: int) -> Path:
    """Writes nginx.conf for these ports under `prefix`, with the temp folders nginx needs."""
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    user = ""
    if os.geteuid() == 0:                   # run as root, nginx's workers drop to nobody: they need the temp folders
        user = "user nobody nogroup;"
        for path in [prefix / "tmp", *(prefix / "tmp").iterdir()]:
            shutil.chown(path, "nobody", "nogroup")
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in rasa_ports)
    values = {"user": user, "prefix": str(prefix), "max_body": MAX_BODY, "rasa_servers": servers,
              "web_port": str(web_port), "http_port": str(http_port), "read_timeout": str(read_timeout)}
    text = NGINX_TEMPLATE.read_text()
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    conf = prefix / "nginx.conf"
    conf.write_text(text)
    return conf


def run_prod() -> int:
    from bot import health, launch, process
    from bot.model import ensure_model

    http, web, actions = int(os.environ.get("PATHWAYS_HTTP_PORT", "8080")), port("web"), port("actions")
    rasa_ports = [port("rasa"), int(os.environ.get("PATHWAYS_RASA2_PORT", port("rasa") + 1))]
    try:
        nginx = nginx_binary()
        env = prod_environment(dict(os.environ))
        ensure_databases(env)
        check_redis(env)
        build_knowledge(env)
    except SetupError as e:
        print(f"The production profile cannot start: {e}", file=sys.stderr)
        return 1
    model = ensure_model()
    token = launch.new_token()
    env["RASA_TOKEN"] = token
    cors = env.get("PATHWAYS_CORS", f"http://127.0.0.1:{http} http://localhost:{http}").split()
    prefix = nginx_dir()
    read_timeout = int(env.get("PATHWAYS_PROXY_READ_TIMEOUT") or 180)
    conf = render_nginx(prefix, http, rasa_ports, web, read_timeout)
    health.clear()
    services = [
        launch.actions_service(actions),
        *(launch.rasa_service(f"rasa-{i}", model, token, p, ENDPOINTS, cors, restart=True)
          for i, p in enumerate(rasa_ports, 1)),
        launch.web_service(web),
        process.Process("nginx", [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")],
                        f"http://127.0.0.1:{http}/health", 30),
    ]
    banner = (f"\nPathways is ready (production profile). Open http://127.0.0.1:{http}/ to chat.\n"
              f"REST: http://127.0.0.1:{http}/webhooks/rest/webhook   socket.io: http://127.0.0.1:{http}\n"
              f"Rasa processes on 127.0.0.1:{rasa_ports[0]} and :{rasa_ports[1]} (HTTP API with the token), "
              f"conversations in PostgreSQL database {env['PATHWAYS_TRACKER_PG_DB']}, locks in Redis.\n"
              f"Health: http://127.0.0.1:{http}/health    Stop with Ctrl-C.\n")
    return process.supervise(services, env, banner)
