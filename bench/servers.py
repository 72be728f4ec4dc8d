"""Starting a bot for a benchmark: free ports, time to ready, peak memory of its processes."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen, seconds: float) -> float | None:
    """Seconds until `url` answers, or None if the process died or time ran out."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if proc.poll() is not None:
            return None
        try:
            with urllib.request.urlopen(url, timeout=2):
                return time.monotonic() - started
        except OSError:
            time.sleep(0.2)
    return None


class Started:
    """A process group started for a benchmark; stopped with stop()."""

    def __init__(self, cmd: list[str], cwd: Path, env: dict, log: Path):
        self.log = open(log, "w")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def ready(self, url: str, seconds: float = 300) -> float:
        took = wait_ready(url, self.proc, seconds)
        if took is None:
            self.stop()
            raise RuntimeError(f"did not become ready: see {self.log.name}")
        return time.monotonic() - self.started

    def peak_memory_mb(self) -> dict[str, float]:
        """Peak resident memory (VmHWM) of every process in the group, by command."""
        out = {}
        for pid in _group(self.proc.pid):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")), 0)
            label = _label(cmd) + _instance(pid)
            out[label] = max(out.get(label, 0), kb / 1024)
        return out

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


def _group(pgid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pgid:
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def _instance(pid: int) -> str:
    """" (rasa-2)" for the second of the production profile's Rasa processes, from its environment."""
    try:
        env = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return ""
    name = next((e.split(b"=", 1)[1].decode() for e in env if e.startswith(b"PATHWAYS_INSTANCE=")), "")
    return f" ({name})" if name else ""


def _label(cmd: str) -> str:
    if "run actions" in cmd or "rasa_sdk" in cmd or "bot.action_server" in cmd:
        return "action server"
    if "rasa run" in cmd or "bot.rasa_server" in cmd:
        return "rasa server"
    if "nginx" in cmd:
        return "nginx"
    if "bot.web" in cmd:
        return "web front"
    if "-m bot run" in cmd:
        return "launcher"
    return cmd.split(" ")[0].rsplit("/", 1)[-1]
