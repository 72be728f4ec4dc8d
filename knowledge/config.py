"""Where things live. Environment variables override the embedded defaults."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return Path(os.environ.get("PATHWAYS_KB_DATA", Path(__file__).resolve().parent / "data"))


def var_dir() -> Path:
    return Path(os.environ.get("PATHWAYS_VAR", ROOT / "var"))


def db_url() -> str:
    """SQLite under var/ by default; any SQLAlchemy URL (PostgreSQL included) from PATHWAYS_DB_URL."""
    return os.environ.get("PATHWAYS_DB_URL") or f"sqlite:///{var_dir() / 'knowledge.db'}"


def gazetteer_dir() -> Path:
    return Path(os.environ.get("PATHWAYS_GAZETTEER", var_dir() / "gazetteer"))
