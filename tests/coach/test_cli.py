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


def test_the_manager_role_and_the_boroughs_it_covers(tmp_path):
    url = f"sqlite:///{tmp_path / 'console.db'}"
    assert staff(url, "add", "m.ng", "--password-stdin", password="purple elephant tea\n").returncode == 0
    done = staff(url, "manager", "m.ng", "hackney", "Tower  Hamlets")
    assert done.returncode == 0 and "manager for Hackney, Tower Hamlets" in done.stdout
    assert "manager: Hackney, Tower Hamlets" in staff(url, "list").stdout
    assert "manager: all boroughs" in (staff(url, "manager", "m.ng", "all"), staff(url, "list"))[1].stdout
    bad = staff(url, "manager", "m.ng", "Gotham")
    assert bad.returncode == 2 and "'Gotham' is not a London borough" in bad.stderr
    assert "manager: all boroughs" in staff(url, "list").stdout            # a bad borough changed nothing
    none = staff(url, "manager", "m.ng")
    assert none.returncode == 2 and "at least one borough" in none.stderr
    missing = staff(url, "manager", "nobody", "Hackney")
    assert missing.returncode == 1 and "no staff account called nobody" in missing.stderr
    assert staff(url, "manager", "m.ng", "--remove").returncode == 0
    assert "manager" not in staff(url, "list").stdout


def test_removing_a_manager_removes_the_role(tmp_path):
    from bot.coach import roles, store

    url = f"sqlite:///{tmp_path / 'console.db'}"
    try:
        s = store.add_staff("m.two", "purple elephant tea", url=url)
        roles.set_manager("m.two", ["Camden"], url=url)
        assert roles.boroughs_of(s.id, url=url) == ["Camden"]
        store.remove_staff("m.two", url=url)
        assert roles.managers(url=url) == {}
    finally:
        from knowledge import db
        db.dispose(lambda u: u == url)


def test_an_existing_console_database_gains_the_managers_table(tmp_path):
    """A console database made before the manager role (no coach_managers table) keeps its accounts."""
    import sqlite3

    from sqlalchemy import create_engine

    from bot.coach.models import Base
    path = tmp_path / "console.db"
    old = create_engine(f"sqlite:///{path}", future=True)
    Base.metadata.create_all(old, tables=[t for t in Base.metadata.sorted_tables if t.name != "coach_managers"])
    old.dispose()
    url = f"sqlite:///{path}"
    assert staff(url, "add", "old.hand", "--password-stdin", password="purple elephant tea\n").returncode == 0
    assert staff(url, "manager", "old.hand", "Brent").returncode == 0
    tables = {r[0] for r in sqlite3.connect(path).execute("select name from sqlite_master where type='table'")}
    assert {"coach_staff", "coach_managers", "insight_counts"} <= tables
