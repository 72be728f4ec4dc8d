"""What each Rasa process reports about its tracker store, for the web front's /health and for operators.

Rasa wraps every tracker store in FailSafeTrackerStore: when the database fails it logs one line and keeps the
conversation in memory, which the next restart loses. bot.rasa.tracker_store records each such failure here, one small
JSON file per Rasa process (PATHWAYS_HEALTH_DIR, default var/health), so a health check can see it.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from knowledge import config


def health_dir() -> Path:
    return Path(os.environ.get("PATHWAYS_HEALTH_DIR") or config.var_dir() / "health")


def instance_name() -> str:
    return os.environ.get("PATHWAYS_INSTANCE") or f"rasa-{os.getpid()}"


def write_status(status: dict) -> None:
    """Replaces this process's status file whole (written aside, then renamed), so a reader never sees half."""
    folder = health_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{instance_name()}.json"
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({**status, "instance": instance_name(), "pid": os.getpid(),
                               "updated": time.time()}))
    os.replace(tmp, target)


def read_statuses() -> dict[str, dict]:
    out = {}
    for path in sorted(health_dir().glob("*.json")):
        try:
            status = json.loads(path.read_text())
        except (OSError, ValueError):
            continue                        # being replaced, or not ours
        out[status.get("instance", path.stem)] = status
    return out


def summary() -> tuple[bool, dict]:
    """(healthy, body) for the web front's /health: degraded while any Rasa process's tracker store is failing."""
    statuses = read_statuses()
    degraded = sorted(name for name, s in statuses.items() if s.get("tracker_store") == "degraded")
    body = {"status": "degraded" if degraded else "ok",
            "tracker_store": "degraded" if degraded else ("ok" if statuses else "unknown"),
            "rasa": {name: {k: s.get(k) for k in ("tracker_store", "since", "failures", "last_error")}
                     for name, s in statuses.items()}}
    return not degraded, body


def clear() -> None:
    """Forgets the statuses of earlier runs (the launcher calls this before starting Rasa)."""
    for path in health_dir().glob("*.json"):
        path.unlink(missing_ok=True)
