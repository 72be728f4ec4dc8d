"""bot.process, the one supervisor of the launcher, the benchmarks and the tests: output to a file or kept, what a
restart adds, stopping a whole process group, and giving up on a process that ends before it is ready."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from bot.process import CAPTURE, Process, free_port


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def gone(pid: int) -> bool:
    """Ended (a zombie no one has reaped yet counts as ended)."""
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0] == "Z"
    except (OSError, IndexError):
        return True


def test_output_goes_to_a_file_or_is_kept_and_each_start_is_told_apart(tmp_path):
    log = tmp_path / "out.log"
    p = Process("to a file", python("import sys; print('said'); print('warned', file=sys.stderr)"), output=log)
    assert p.start().wait(30) == 0
    assert log.read_text().split() == ["said", "warned"]

    kept = Process("kept", python("import os; print(os.environ['WORD'])"), env={"WORD": "first"}, output=CAPTURE)
    kept.start()
    assert kept.wait_for_output("first", 30) and kept.wait(30) == 0
    kept.env["WORD"] = "second"
    kept.start()
    assert kept.wait_for_output("second", 30)
    assert not kept.wait_for_output("first", 0)               # said by the earlier start
    kept.wait(30)
    assert kept.log().split() == ["first", "second"]


def test_stopping_a_group_stops_what_its_leader_started():
    code = ("import subprocess, sys, time\n"
            "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
            "print('child', child.pid, flush=True)\ntime.sleep(600)\n")
    p = Process("leader", python(code), output=CAPTURE, group=True).start()
    try:
        assert p.wait_for_output("child", 60)
        child = int(p.log().split()[1])
        assert not gone(child)
    finally:
        p.stop(10)
    assert not p.running()
    deadline = time.monotonic() + 10
    while not gone(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert gone(child)


def test_a_process_that_ends_before_it_answers_is_not_ready():
    p = Process("quitter", python("raise SystemExit(3)"), f"http://127.0.0.1:{free_port()}/", 30).start()
    assert p.wait_ready() is None
    assert p.wait(10) == 3


def test_the_launcher_stops_when_a_service_never_answers():
    port = free_port()
    code = ("import os, sys\nfrom bot.process import Process, supervise\n"
            f"s = Process('quitter', [sys.executable, '-c', 'raise SystemExit(3)'], 'http://127.0.0.1:{port}/', 30)\n"
            "sys.exit(supervise([s], dict(os.environ), 'READY'))\n")
    launcher = Process("launcher", python(code), output=CAPTURE).start()
    assert launcher.wait(60) == 1
    assert "Pathways did not start: quitter did not answer" in launcher.log()
    assert "READY" not in launcher.log()
