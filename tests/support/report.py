"""Figures and files the tests leave for people: shown at the end of the run (tests/conftest.py)."""
from __future__ import annotations

from pathlib import Path

from bot.process import ROOT

FIGURES: list[str] = []
ARTIFACTS: list[str] = []


def figure(text: str) -> None:
    """A figure a test proves (conversations held, processes killed, inputs tried): shown at the end of the run."""
    FIGURES.append(text.strip("\n"))


def artifact(path) -> None:
    """A file a test leaves for people to look at (screenshots, PDFs, server logs): listed at the end of the run."""
    path = Path(path)
    ARTIFACTS.append(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path))
