"""The action server compiles the knowledge base's screen before its first request, and starts without it."""
from __future__ import annotations

import logging

from actions.server import warm
from knowledge import advisor


def test_warm_compiles_the_screen_for_the_configured_database(use_kb):
    advisor._screens.pop(use_kb, None)
    warm()
    assert use_kb in advisor._screens


def test_warm_with_the_database_down_logs_and_carries_on(monkeypatch, tmp_path, caplog):
    missing = f"sqlite:///{tmp_path / 'nowhere' / 'kb.db'}"
    monkeypatch.setenv("PATHWAYS_DB_URL", missing)
    with caplog.at_level(logging.WARNING, logger="actions.server"):
        warm()
    assert missing not in advisor._screens
    assert "Knowledge base not reachable at start" in caplog.text
