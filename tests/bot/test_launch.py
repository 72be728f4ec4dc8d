"""The launcher restarts a service marked `restart` when it dies, however soon after starting, and stops
everything when it dies again within 30 s of a restart (a crash loop)."""
from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading

from bot.model import ROOT
from tests.servers import free_port


def test_a_killed_service_is_restarted_and_a_crash_loop_stops_everything():
    port = free_port()
    code = ("import os, sys\nfrom bot import launch\n"
            f"s = launch.Service('web', [sys.executable, '-m', 'http.server', '{port}', '--bind', '127.0.0.1'],"
            f" 'http://127.0.0.1:{port}/', 30, restart=True)\n"
            "sys.exit(launch.supervise([s], dict(os.environ), 'READY'))\n")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def wait_for(pattern: str) -> re.Match:
        while True:
            line = lines.get(timeout=60)
            if m := re.search(pattern, line):
                return m

    try:
        first = int(wait_for(r"started web \(pid (\d+)\)").group(1))
        wait_for("READY")
        os.kill(first, signal.SIGKILL)                    # seconds after its start: restarted all the same
        wait_for("web stopped .*starting it again")
        second = int(wait_for(r"started web \(pid (\d+)\)").group(1))
        assert second != first
        os.kill(second, signal.SIGKILL)                   # again within 30 s of the restart: a crash loop
        wait_for("web stopped .*stopping the rest")
        assert proc.wait(timeout=30) == 1
    finally:
        if proc.poll() is None:
            proc.kill()
