"""Running Pathways for real (`python -m bot run`, or `run --prod`) on free ports, beside any `make run`, and the
small servers the widget tests talk to; bot.process starts and stops them all."""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile

import pytest

from bot.process import CAPTURE, Process, free_port
from tests.support import kinds


class Servers:
    """`python -m bot run` in its own process group; `env` adds or overrides settings.

    `tracker_db` is the SQLite file of the embedded profile, or the PostgreSQL database name with `prod=True`
    (pass PATHWAYS_PG_URL, PATHWAYS_REDIS_URL... in `env`). What the launcher says is kept in `output`."""

    def __init__(self, kb_url: str, tracker_db: str, prod: bool = False, **env: str):
        self.prod = prod
        names = ("rasa", "actions", "web") + (("rasa2", "http") if prod else ())
        self.ports = {name: free_port() for name in names}
        self.rasa = f"http://127.0.0.1:{self.ports['rasa']}"
        self.web = f"http://127.0.0.1:{self.ports['web']}"
        self.http = f"http://127.0.0.1:{self.ports['http']}" if prod else None
        self.run_dir = tempfile.mkdtemp(prefix="pathways-run-")
        self.env = {**os.environ, "RASA_TOKEN": "e2e-test-token", "PATHWAYS_DB_URL": kb_url,
                    ("PATHWAYS_TRACKER_PG_DB" if prod else "PATHWAYS_TRACKER_DB"): tracker_db,
                    "PATHWAYS_RASA_URL": self.rasa, "PATHWAYS_HEALTH_DIR": f"{self.run_dir}/health",
                    "PATHWAYS_NGINX_DIR": f"{self.run_dir}/nginx",
                    **{f"PATHWAYS_{k.upper()}_PORT": str(v) for k, v in self.ports.items()}, **env}
        self.process = Process("Pathways", [sys.executable, "-m", "bot", "run"] + (["--prod"] if prod else []),
                               output=CAPTURE, group=True)

    @property
    def output(self) -> list[str]:
        """The launcher's lines so far, across restarts."""
        return self.process.lines

    @property
    def proc(self):
        return self.process.proc

    def start(self, seconds: float = 300):
        kinds.need("live", "starts Pathways")
        self.process.start(self.env)
        if not self.process.wait_for_output("Pathways is ready", seconds):
            self.stop()
            pytest.fail("Pathways did not start:\n" + "".join(self.output[-40:]))

    def pid(self, name: str) -> int:
        """The pid of a process the launcher started ("rasa-1", "actions"...), the latest if it was restarted."""
        pids = [int(m.group(1)) for line in self.output
                if (m := re.match(rf"started {re.escape(name)} \(pid (\d+)\)", line))]
        assert pids, f"{name} was not started"
        return pids[-1]

    def log(self) -> str:
        return self.process.log()

    def stop(self):
        self.process.stop(30)

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.run_dir, ignore_errors=True)


def embedded(kb_url: str, tmp, **env: str) -> Servers:
    """An embedded Pathways (not started) whose tracker and console databases are SQLite files in `tmp`."""
    return Servers(kb_url, str(tmp / "tracker.db"), PATHWAYS_CONSOLE_DB_URL=f"sqlite:///{tmp / 'console.db'}", **env)


def small_server(name: str, args: list[str], url: str, env: dict[str, str] | None = None) -> Process:
    """A small server (the web front alone, a stand-in bot) in its own process group, once `url` answers."""
    kinds.need("live", f"starts {name}")
    p = Process(name, args, url, 60, env=env, output=CAPTURE, group=True).start()
    if p.wait_ready() is None:
        p.stop()
        pytest.fail(f"{name} did not start:\n{p.log()[-2000:]}")
    return p


def require_model() -> None:
    """Fails at once when the model for the current inputs is not trained: `bot run` would train it (minutes of
    both cores) inside a test. `make test` trains first; locally run `make train`."""
    from bot.model import model_path

    if not model_path().exists():
        pytest.fail(f"no trained model for the current inputs ({model_path().name}): run `make train` first")
