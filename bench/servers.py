"""Bots started for a benchmark (bot.process starts and stops them): time to ready, peak memory of their processes."""
from __future__ import annotations

import os
from pathlib import Path

from bot.process import Process


def ready(bot: Process, url: str, seconds: float = 300) -> float:
    """Seconds from the bot's start until `url` answers with a success status; stops the bot if it never does."""
    took = bot.wait_ready(url, seconds, any_status=False)
    if took is None:
        bot.stop(30)
        raise RuntimeError(f"{bot.name} did not become ready: see {bot.output}")
    return took


def peak_memory_mb(bot: Process) -> dict[str, float]:
    """Peak resident memory (VmHWM) of every process in the bot's group, by command."""
    out = {}
    for pid in _group(bot.pid):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM")), 0)
        label = _label(cmd) + _instance(pid)
        out[label] = max(out.get(label, 0), kb / 1024)
    return out


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
    if "run actions" in cmd or "rasa_sdk" in cmd or "actions.server" in cmd:
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
