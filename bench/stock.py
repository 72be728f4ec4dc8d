"""A stock `rasa init` bot, made with the project's own Rasa through its command line, cached by Rasa's version."""
from __future__ import annotations

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from bot.model import cache_dir


def stock_project() -> Path:
    """The moodbot project `rasa init` creates, with its trained model (trained once per Rasa version)."""
    where = cache_dir().parent / f"stock-rasa-{version('rasa')}"
    if not list((where / "models").glob("*.tar.gz")):
        where.mkdir(parents=True, exist_ok=True)
        print(f"Creating and training a stock `rasa init` bot in {where} (once per Rasa version)...", flush=True)
        subprocess.run([str(Path(sys.executable).parent / "rasa"), "init", "--no-prompt", "--init-dir", str(where)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return where


def stock_command(project: Path, port: int) -> list[str]:
    model = sorted((project / "models").glob("*.tar.gz"))[-1]
    return [str(Path(sys.executable).parent / "rasa"), "run", "-m", str(model), "-i", "127.0.0.1", "-p", str(port),
            "--credentials", str(project / "credentials.yml")]
