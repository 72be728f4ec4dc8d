"""python -m bot {train,run,shell,evaluate}: the model, the servers, a terminal chat, and Rasa's own tests (and the
console's `staff`, `referrals`, and `retention`)."""
from __future__ import annotations

import argparse
import os
import sys

from bot.settings import cors_origins, export_settings, rasa_url
from pathways.settings import port


def run() -> int:
    """The embedded profile: the action server, one Rasa process (SQLite tracker) and the web front."""
    from bot import health, launch, process
    from bot.model import ROOT, ensure_model

    model = ensure_model()
    token = launch.new_token()
    web = port("web")
    cors = cors_origins()
    (ROOT / "var").mkdir(exist_ok=True)
    health.clear()
    services = [launch.actions_service(port("actions")),
                launch.rasa_service("rasa-1", model, token, port("rasa"), "endpoints.yml", cors),
                launch.web_service(web)]
    banner = (f"\nPathways is ready. Open http://127.0.0.1:{web}/ to chat (staff: http://127.0.0.1:{web}/coach).\n"
              f"REST: {rasa_url()}/webhooks/rest/webhook   socket.io: {rasa_url()}\n"
              "Chat in the terminal with: make shell    Stop with Ctrl-C.\n")
    return process.supervise(services, {**os.environ, "RASA_TOKEN": token}, banner)


def shell() -> int:
    from bot.shell import chat

    return chat(rasa_url())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["staff"]:                  # python -m bot staff add NAME: the console's accounts
        from bot.coach.cli import main as staff

        return staff(argv[1:])
    if argv[:1] == ["referrals"]:              # python -m bot referrals list [--json]: the open referrals
        from bot.coach.referrals_cli import main as referrals

        return referrals(argv[1:])
    if argv[:1] == ["insight"]:                # python -m bot insight [--since DATE] ...: the councils' report
        from bot.insight.cli import main as insight

        return insight(argv[1:])
    if argv[:1] == ["retention"]:              # python -m bot retention [--days N]: delete old conversations
        from bot.privacy import main as retention

        return retention(argv[1:])
    p = argparse.ArgumentParser(prog="python -m bot")
    p.add_argument("command", choices=["train", "run", "shell", "evaluate", "staff", "referrals", "retention",
                                        "insight"])
    p.add_argument("--prod", action="store_true",
                   help="run: the production profile (PostgreSQL, Redis, two Rasa processes behind nginx)")
    args = p.parse_args(argv)
    if args.command in ("run", "shell"):
        # The launcher only starts processes: without this, spaCy's thinc imports TensorFlow into it.
        sys.modules.setdefault("tensorflow", None)
    export_settings()
    if args.command == "train":
        from bot.model import ensure_model

        ensure_model()
        return 0
    if args.command == "evaluate":
        from bot.rasa.evaluate import main as evaluate

        return evaluate()
    if args.command == "run" and args.prod:
        from bot.prod import run_prod

        return run_prod()
    return run() if args.command == "run" else shell()


if __name__ == "__main__":
    sys.exit(main())
