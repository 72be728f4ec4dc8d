"""Starting, watching and stopping child processes: the one supervisor behind the launcher (`python -m bot run` and
its production profile), the benchmarks and the tests. Standard library only, so that bench/ and the tests can
start processes without importing Rasa or the knowledge base."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
CAPTURE = "capture"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Process:
    """One child process, started again by start() as often as needed.

    `output`: None (the parent's own output), a Path (appended to that file), or CAPTURE (kept in `lines`; read all
    the time, because a full pipe would stall the child).
    `group`: the child leads a process group of its own, and stop() signals the whole group, so that whatever it
    started stops with it. The launcher's services stay in the launcher's group instead, so that stopping the
    launcher's group stops them too.
    `restart`: supervise() starts it again when it dies."""

    def __init__(self, name: str, cmd: list[str], ready_url: str | None = None, ready_seconds: float = 60,
                 restart: bool = False, env: dict[str, str] | None = None, *, cwd: Path = ROOT,
                 output: Path | str | None = None, group: bool = False):
        self.name, self.cmd, self.ready_url, self.ready_seconds = name, cmd, ready_url, ready_seconds
        self.restart, self.env, self.cwd, self.output, self.group = restart, dict(env or {}), cwd, output, group
        self.proc: subprocess.Popen | None = None
        self.started = 0.0
        self.restarts = 0
        self.lines: list[str] = []
        self._from = 0                      # the first line of the latest start
        self._log: IO | None = None
        self._reader: threading.Thread | None = None

    def start(self, env: dict[str, str] | None = None) -> Process:
        """Starts the command with `env` (default: this process's environment) plus the process's own `env`."""
        out = None
        if self.output == CAPTURE:
            out = subprocess.PIPE
        elif self.output is not None:
            self._close_log()
            out = self._log = open(self.output, "a")
        self._from = len(self.lines)
        self.proc = subprocess.Popen(self.cmd, cwd=self.cwd, env={**(os.environ if env is None else env), **self.env},
                                     stdout=out, stderr=subprocess.STDOUT if out else None,
                                     text=self.output == CAPTURE, start_new_session=self.group)
        self.started = time.monotonic()
        if self.output == CAPTURE:
            self._reader = threading.Thread(target=self._read, args=(self.proc,), daemon=True)
            self._reader.start()
        return self

    def _read(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            self.lines.append(line)

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def poll(self) -> int | None:
        """The exit code once the process has ended; None while it runs (or before it starts)."""
        return self.proc.poll() if self.proc else None

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def wait_ready(self, url: str | None = None, seconds: float | None = None, any_status: bool = True) -> float | None:
        """Seconds from the start until `url` (default: ready_url) answers, or None if the process ended first or
        time ran out. With `any_status`, an HTTP error status counts: the server is up and saying something."""
        url = url or self.ready_url
        deadline = time.monotonic() + (self.ready_seconds if seconds is None else seconds)
        while time.monotonic() < deadline and self.running():
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return time.monotonic() - self.started
            except urllib.error.HTTPError:
                if any_status:
                    return time.monotonic() - self.started
                time.sleep(0.2)
            except OSError:
                time.sleep(0.2)
        return None

    def wait_for_output(self, text: str, seconds: float) -> bool:
        """True once a line containing `text` has come out since the latest start (output=CAPTURE); False if the
        process ended first or time ran out."""
        deadline = time.monotonic() + seconds
        while True:
            ended = not self.running()
            if ended and self._reader:
                self._reader.join(timeout=5)            # what it said just before it ended
            if any(text in line for line in self.lines[self._from:]):
                return True
            if ended or time.monotonic() > deadline:
                return False
            time.sleep(0.1)

    def log(self) -> str:
        """What it has said (output=CAPTURE), across restarts."""
        return "".join(self.lines)

    def terminate(self) -> None:
        self._signal(signal.SIGTERM)

    def wait(self, seconds: float = 15) -> int | None:
        """Waits for the process to end, killing it (and its group) after `seconds`; its exit code."""
        if not self.proc:
            return None
        try:
            self.proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        self._close_log()
        return self.proc.poll()

    def stop(self, seconds: float = 15) -> int | None:
        """SIGTERM (to its group if it has one), then SIGKILL after `seconds`."""
        self.terminate()
        return self.wait(seconds)

    def _signal(self, sig: int) -> None:
        if not self.proc:
            return
        try:
            if self.group:
                os.killpg(self.proc.pid, sig)          # the group outlives its leader: signal it all the same
            elif self.proc.poll() is None:
                self.proc.send_signal(sig)
        except ProcessLookupError:
            pass

    def _close_log(self) -> None:
        if self._log:
            self._log.close()
            self._log = None


def supervise(processes: list[Process], env: dict[str, str], banner: str) -> int:
    """Starts the processes in order, then waits for each to be ready; prints `banner` when all are.
    A process marked `restart` is started again when it dies; any other stopping stops everything.
    Ctrl-C or SIGTERM stops everything."""

    def start(p: Process) -> None:
        p.start(env)
        print(f"started {p.name} (pid {p.pid})", flush=True)

    def stop(*_):
        for p in reversed(processes):
            if p.running():
                p.terminate()
        for p in processes:
            p.wait(15)

    signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
    try:
        for p in processes:
            start(p)
        for p in processes:
            if p.ready_url and p.wait_ready() is None:
                print(f"Pathways did not start: {p.name} did not answer at {p.ready_url}; see the messages above.",
                      file=sys.stderr)
                return 1
        print(banner, flush=True)
        while True:
            time.sleep(1)
            for p in processes:
                code = p.poll()
                if code is None:
                    continue
                # Not restarting a crash loop: dying again within 30 s of a restart. (Measured from the first
                # start instead, a process killed soon after a quick start stopped everything.)
                if not p.restart or (p.restarts and time.monotonic() - p.started < 30):
                    print(f"{p.name} stopped (exit {code}); stopping the rest.", file=sys.stderr, flush=True)
                    return 1
                print(f"{p.name} stopped (exit {code}); starting it again.", file=sys.stderr, flush=True)
                p.restarts += 1
                start(p)
    except KeyboardInterrupt:
        return 0
    finally:
        stop()
