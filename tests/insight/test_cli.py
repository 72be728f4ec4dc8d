"""`python -m bot insight`: the report from the console database, in each format, and clear answers to bad input."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bot.model import ROOT
from tests.insight.conftest import counted


def insight(console_url: str, kb_url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATHWAYS_CONSOLE_DB_URL": console_url, "PATHWAYS_DB_URL": kb_url}
    return subprocess.run([sys.executable, "-m", "bot", "insight", *args], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def console(month, tmp_path_factory):
    """The synthetic month copied into a console database of its own (the file the CLI reads)."""
    return counted(month[1], tmp_path_factory.mktemp("cli"))


def test_each_format_to_a_file(console, kb_url, tmp_path):
    for fmt in ("csv", "json", "html"):
        out = tmp_path / f"report.{fmt}"
        done = insight(console, kb_url, "--format", fmt, "--out", str(out), "--since", "2026-11-09",
                       "--until", "2026-11-22", "--borough", "hackney")
        assert done.returncode == 0, done.stderr
        assert f"Wrote the {fmt.upper()} report to {out}" in done.stderr
    data = json.loads((tmp_path / "report.json").read_text())
    assert data["period"]["from_week"] == "2026-W46" and data["period"]["to_week"] == "2026-W47"
    assert data["boroughs"] == "Hackney" and {c["borough"] for c in data["cells"]} == {"Hackney"}
    assert (tmp_path / "report.csv").read_text().startswith("# Pathways insight report")
    assert "<h1>What residents need, borough by borough</h1>" in (tmp_path / "report.html").read_text()


def test_bad_input_gets_a_clear_answer(console, kb_url, tmp_path):
    bad_date = insight(console, kb_url, "--since", "1/11/2026")
    assert bad_date.returncode == 2 and "--since must be a date as year-month-day" in bad_date.stderr
    bad_borough = insight(console, kb_url, "--borough", "Gotham")
    assert bad_borough.returncode == 2 and "not a London borough" in bad_borough.stderr
    nowhere = insight(console, kb_url, "--out", str(tmp_path / "missing" / "report.html"))
    assert nowhere.returncode == 1 and "cannot write" in nowhere.stderr
    down = insight("postgresql://nobody@127.0.0.1:1/none", kb_url)
    assert down.returncode == 1 and "cannot read a database" in down.stderr
