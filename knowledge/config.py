"""Where things live. Environment variables override the embedded defaults."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "knowledge" / "data"


def data_dir() -> Path:
    # Read on every recommendation (through vocabulary()): no filesystem calls here.
    return Path(os.environ.get("PATHWAYS_KB_DATA", DATA))


def var_dir() -> Path:
    return Path(os.environ.get("PATHWAYS_VAR", ROOT / "var"))


def db_url() -> str:
    """SQLite under var/ by default; any SQLAlchemy URL (PostgreSQL included) from PATHWAYS_DB_URL."""
    return os.environ.get("PATHWAYS_DB_URL") or f"sqlite:///{var_dir() / 'knowledge.db'}"


def gazetteer_dir() -> Path:
    return Path(os.environ.get("PATHWAYS_GAZETTEER", var_dir() / "gazetteer"))
