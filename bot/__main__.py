"""python -m bot {train,run,shell,evaluate}: the model, the servers, a terminal chat, and Rasa's own tests."""
from __future__ import annotations

import argparse
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

RASA_URL = os.environ.get("PATHWAYS_RASA_URL", "http://127.0.0.1:5005")
ACTIONS_PORT = 5055


def _wait_until_up(url: str, proc: subprocess.Popen, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except OSError:
            time.sleep(0.5)
    return False


def run() -> int:
    from bot.model import ROOT, ensure_model

    model = ensure_model()
    token = os.environ.get("RASA_TOKEN")
    if not token:
        token = secrets.token_urlsafe(24)
        print(f"RASA_TOKEN was not set; this run's HTTP API token is: {token}")
    cors = os.environ.get("PATHWAYS_CORS", "http://127.0.0.1:8000 http://localhost:8000").split()
    rasa = str(Path(sys.executable).parent / "rasa")
    (ROOT / "var").mkdir(exist_ok=True)
    procs = [
        subprocess.Popen([rasa, "run", "actions", "--actions", "actions", "--port", str(ACTIONS_PORT)], cwd=ROOT),
        subprocess.Popen([rasa, "run", "-m", str(model), "--enable-api", "--auth-token", token,
                          "-i", "127.0.0.1", "-p", RASA_URL.rsplit(":", 1)[1], "--credentials", "credentials.yml",
                          "--endpoints", "endpoints.yml", "--cors", *cors], cwd=ROOT),
    ]

    def stop(*_):
        for p in procs:
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()

    signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
    try:
        if not _wait_until_up(f"http://127.0.0.1:{ACTIONS_PORT}/health", procs[0], 120) or \
                not _wait_until_up(RASA_URL, procs[1], 300):
            print("Pathways did not start: see the messages above.", file=sys.stderr)
            return 1
        print(f"\nPathways is ready. REST: {RASA_URL}/webhooks/rest/webhook   socket.io: {RASA_URL}\n"
              "Chat in the terminal with: make shell    Stop with Ctrl-C.\n", flush=True)
        while all(p.poll() is None for p in procs):
            time.sleep(1)
        print("A Pathways process stopped; stopping the rest.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop()


def shell() -> int:
    from bot.shell import chat

    return chat(RASA_URL)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bot")
    p.add_argument("command", choices=["train", "run", "shell", "evaluate"])
    args = p.parse_args(argv)
    if args.command == "train":
        from bot.model import ensure_model

        ensure_model()
        return 0
    if args.command == "evaluate":
        from bot.evaluate import main as evaluate

        return evaluate()
    return run() if args.command == "run" else shell()


if __name__ == "__main__":
    sys.exit(main())
