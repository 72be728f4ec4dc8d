"""Starting, watching and stopping Pathways' processes; shared by the embedded and the production profile."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from bot.model import ROOT

@dataclass
class Service:
    name: str
    cmd: list[str]
    ready_url: str
    ready_seconds: float
    restart: bool = False           # started again when it dies (Rasa processes behind nginx)
    restarts: int = 0
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen | None = None
    started: float = 0.0

    def start(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(self.cmd, cwd=ROOT, env={**env, **self.env})
        self.started = time.monotonic()
        print(f"started {self.name} (pid {self.proc.pid})", flush=True)


def actions_service(port: int) -> Service:
    # Stateless: restarted when it dies, and meanwhile the channels tell residents their answers are kept.
    return Service("actions", [sys.executable, "-m", "bot.action_server", "--port", str(port)],
                   f"http://127.0.0.1:{port}/health", 120, restart=True)


def rasa_service(name: str, model: Path, token: str, port: int, endpoints: str, cors: list[str],
                 restart: bool = False) -> Service:
    """A Rasa server on loopback with the REST and socket.io channels and the HTTP API behind the token
    (through bot.rasa_server, which starts Rasa with bot/rasa/server.py)."""
    return Service(name, [sys.executable, "-m", "bot.rasa_server", "run", "-m", str(model), "--enable-api",
                          "--auth-token", token, "-i", "127.0.0.1", "-p", str(port), "--credentials",
                          "credentials.yml", "--endpoints", endpoints, "--cors", *cors],
                   f"http://127.0.0.1:{port}/", 900, restart=restart,
                   env={"PATHWAYS_INSTANCE": name, "PATHWAYS_CORS": " ".join(cors)})   # the socket.io channel checks it too


def web_service(port: int) -> Service:
    return Service("web", [sys.executable, "-m", "bot.web"], f"http://127.0.0.1:{port}/health", 60,
                   env={"PATHWAYS_WEB_PORT": str(port)})


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float) -> bool:
    """True once `url` answers at all (an error status counts: the server is up and saying something)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.5)
    return False


def supervise(services: list[Service], env: dict[str, str], banner: str) -> int:
    """Starts the services in order, each once the one before is ready; prints `banner` when all are.
    A service marked `restart` is started again when it dies; any other stopping stops everything.
    Ctrl-C or SIGTERM stops everything."""

    def stop(*_):
        for s in reversed(services):
            if s.proc and s.proc.poll() is None:
                s.proc.terminate()
        for s in services:
            if s.proc:
                try:
                    s.proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    s.proc.kill()

    signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
    try:
        for s in services:
            s.start(env)
        for s in services:
            if not wait_until_up(s.ready_url, s.proc, s.ready_seconds):
                print(f"Pathways did not start: {s.name} did not answer at {s.ready_url}; see the messages above.",
                      file=sys.stderr)
                return 1
        print(banner, flush=True)
        while True:
            time.sleep(1)
            for s in services:
                code = s.proc.poll()
                if code is None:
                    continue
                # Not restarting a crash loop: dying again within 30 s of a restart. (Measured from the first
                # start instead, a service killed soon after a quick start stopped everything.)
                if not s.restart or (s.restarts and time.monotonic() - s.started < 30):
                    print(f"{s.name} stopped (exit {code}); stopping the rest.", file=sys.stderr, flush=True)
                    return 1
                print(f"{s.name} stopped (exit {code}); starting it again.", file=sys.stderr, flush=True)
                s.restarts += 1
                s.start(env)
    except KeyboardInterrupt:
        return 0
    finally:
        stop()


def new_token() -> str:
    import secrets

    token = os.environ.get("RASA_TOKEN")
    if not token:
        token = secrets.token_urlsafe(24)
        print(f"RASA_TOKEN was not set; this run's HTTP API token is: {token}")
    return token
