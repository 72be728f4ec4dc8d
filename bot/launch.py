"""Pathways' processes for the embedded and the production profile; bot.process starts and watches them."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from bot.process import Process


def actions_service(port: int) -> Process:
    # Stateless: restarted when it dies, and meanwhile the channels tell residents their answers are kept.
    return Process("actions", [sys.executable, "-m", "actions.server", "--port", str(port)],
                   f"http://127.0.0.1:{port}/health", 120, restart=True)


def rasa_service(name: str, model: Path, token: str, port: int, endpoints: str, cors: list[str],
                 restart: bool = False) -> Process:
    """A Rasa server on loopback with the REST and socket.io channels and the HTTP API behind the token
    (through bot.rasa_server, which starts Rasa with bot/rasa/server.py)."""
    return Process(name, [sys.executable, "-m", "bot.rasa_server", "run", "-m", str(model), "--enable-api",
                          "--auth-token", token, "-i", "127.0.0.1", "-p", str(port), "--credentials",
                          "credentials.yml", "--endpoints", endpoints, "--cors", *cors],
                   f"http://127.0.0.1:{port}/", 900, restart=restart,
                   env={"PATHWAYS_INSTANCE": name, "PATHWAYS_CORS": " ".join(cors)})   # the socket.io channel checks it too


def web_service(port: int) -> Process:
    return Process("web", [sys.executable, "-m", "bot.web"], f"http://127.0.0.1:{port}/health", 60,
                   env={"PATHWAYS_WEB_PORT": str(port)})


def new_token() -> str:
    import secrets

    token = os.environ.get("RASA_TOKEN")
    if not token:
        token = secrets.token_urlsafe(24)
        print(f"RASA_TOKEN was not set; this run's HTTP API token is: {token}")
    return token
