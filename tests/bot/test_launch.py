"""The launcher restarts a service marked `restart` when it dies, however soon after starting, and stops
everything when it dies again within 30 s of a restart (a crash loop)."""
from __future__ import annotations

import os
import re
import signal
import sys
import time

import pytest

from bot.process import CAPTURE, Process, free_port

pytestmark = pytest.mark.live                 # a small web server under the supervisor


def test_a_killed_service_is_restarted_and_a_crash_loop_stops_everything():
    port = free_port()
    code = ("import os, sys\nfrom bot.process import Process, supervise\n"
            f"s = Process('web', [sys.executable, '-m', 'http.server', '{port}', '--bind', '127.0.0.1'],"
            f" 'http://127.0.0.1:{port}/', 30, restart=True)\n"
            "sys.exit(supervise([s], dict(os.environ), 'READY'))\n")
    launcher = Process("launcher", [sys.executable, "-c", code], output=CAPTURE, group=True).start()
    seen = 0

    def wait_for(pattern: str) -> re.Match:
        nonlocal seen
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for i, line in enumerate(launcher.lines[seen:], seen):
                if m := re.search(pattern, line):
                    seen = i + 1
                    return m
            time.sleep(0.1)
        pytest.fail(f"the launcher never said {pattern!r}:\n{launcher.log()}")

    try:
        first = int(wait_for(r"started web \(pid (\d+)\)").group(1))
        wait_for("READY")
        os.kill(first, signal.SIGKILL)                    # seconds after its start: restarted all the same
        wait_for("web stopped .*starting it again")
        second = int(wait_for(r"started web \(pid (\d+)\)").group(1))
        assert second != first
        os.kill(second, signal.SIGKILL)                   # again within 30 s of the restart: a crash loop
        wait_for("web stopped .*stopping the rest")
        assert launcher.proc.wait(timeout=30) == 1
    finally:
        launcher.stop()
