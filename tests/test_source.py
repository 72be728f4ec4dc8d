"""The source as pyflakes reads it (through flake8, which honours `# noqa`): a test function defined twice under one
name runs once, and Python says nothing. Two tables of tests/bot/test_answers.py went missing that way in the
twenty-eighth issue-10 session (46 cases), and four older tables of tests/knowledge/test_normalise.py had been."""
from __future__ import annotations

import subprocess
import sys

from bot.model import ROOT

CHECKED = ("actions", "bench", "bot", "knowledge", "pathways", "tests")


def test_pyflakes_finds_nothing():
    run = subprocess.run([sys.executable, "-m", "flake8", "--select=F", "--extend-exclude=node_modules", *CHECKED],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
