"""Running Pathways for real (`python -m bot run`, or `run --prod`) on free ports, beside any `make run`."""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import pytest

from bot.model import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servers:
    """`python -m bot run` in its own process group; `env` adds or overrides settings.

    `tracker_db` is the SQLite file of the embedded profile, or the PostgreSQL database name with `prod=True`
    (pass PATHWAYS_PG_URL, PATHWAYS_REDIS_URL... in `env`). The launcher's output is read all the time (a full
    pipe would stall the servers) and kept in `output`."""

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
        self.proc = None
        self.output: list[str] = []
        self._ready = threading.Event()

    def _read(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            self.output.append(line)
            if "Pathways is ready" in line:
                self._ready.set()

    def start(self, seconds: float = 300):
        cmd = [sys.executable, "-m", "bot", "run"] + (["--prod"] if self.prod else [])
        self._ready.clear()
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, start_new_session=True)
        threading.Thread(target=self._read, args=(self.proc,), daemon=True).start()
        deadline = time.monotonic() + seconds
        while not self._ready.wait(1):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail("Pathways did not start:\n" + "".join(self.output[-40:]))

    def pid(self, name: str) -> int:
        """The pid of a process the launcher started ("rasa-1", "actions"...), the latest if it was restarted."""
        pids = [int(m.group(1)) for line in self.output
                if (m := re.match(rf"started {re.escape(name)} \(pid (\d+)\)", line))]
        assert pids, f"{name} was not started"
        return pids[-1]

    def log(self) -> str:
        return "".join(self.output)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.run_dir, ignore_errors=True)


def require_model() -> None:
    """Fails at once when the model for the current inputs is not trained: `bot run` would train it (minutes of
    both cores) inside a test. `make test` trains first; locally run `make train`."""
    from bot.model import model_path

    if not model_path().exists():
        pytest.fail(f"no trained model for the current inputs ({model_path().name}): run `make train` first")
