"""`python -m bot staff`: the contract an administrator (or a script) relies on."""
from __future__ import annotations

import subprocess
import sys

from bot.model import ROOT


def staff(url: str, *args: str, password: str | None = None) -> subprocess.CompletedProcess:
    import os
    env = {**os.environ, "PATHWAYS_CONSOLE_DB_URL": url}
    return subprocess.run([sys.executable, "-m", "bot", "staff", *args], cwd=ROOT, env=env, text=True,
                          capture_output=True, input=password, timeout=120)


def test_add_list_and_remove_an_account(tmp_path):
    url = f"sqlite:///{tmp_path / 'console.db'}"
    done = staff(url, "add", "J.Smith", "--password-stdin", password="purple elephant tea\n")
    assert done.returncode == 0 and "Created the staff account j.smith" in done.stdout
    again = staff(url, "add", "j.smith", "--password-stdin", password="another good password\n")
    assert again.returncode == 2 and "already a staff account called j.smith" in again.stderr
    weak = staff(url, "add", "bea", "--password-stdin", password="123\n")
    assert weak.returncode == 2 and "too short" in weak.stderr
    listed = staff(url, "list")
    assert listed.stdout.split("\t")[0] == "j.smith" and "bea" not in listed.stdout
    assert staff(url, "remove", "j.smith").returncode == 0
    missing = staff(url, "remove", "j.smith")
    assert missing.returncode == 1 and "no staff account" in missing.stderr


def test_without_a_terminal_the_password_must_be_piped(tmp_path):
    url = f"sqlite:///{tmp_path / 'console.db'}"
    done = staff(url, "add", "bea.k", password="")
    assert done.returncode == 2 and "--password-stdin" in done.stderr


def test_an_unusable_database_is_reported_not_traced(tmp_path):
    done = staff("postgresql://nobody@127.0.0.1:1/none", "list")
    assert done.returncode == 1 and "cannot use the console database" in done.stderr
    assert "Traceback" not in done.stderr
