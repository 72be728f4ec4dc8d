"""python -m actions.server: rasa-sdk's action server on loopback only.

`rasa run actions` (rasa-sdk 3.6) binds 0.0.0.0 and allows every CORS origin. Only Rasa calls the action server,
so it listens on 127.0.0.1 (PATHWAYS_ACTIONS_HOST to change, e.g. a pod's address) and sends no CORS headers.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys

# The actions never use TensorFlow; without this, spaCy's thinc imports it (docs/performance.md).
sys.modules.setdefault("tensorflow", None)

from rasa_sdk import utils  # noqa: E402
from rasa_sdk.endpoint import create_app
from rasa_sdk.plugin import plugin_manager

from pathways.settings import port


def warm() -> None:
    """Reads the catalogue and compiles its screen now, not on the first resident's turn (seconds, at a large
    catalogue). A knowledge base that is down is not fatal here: each action says so and retries."""
    from knowledge import advisor
    from knowledge.errors import KnowledgeBaseUnavailable
    from knowledge.profile import Profile

    try:
        advisor.recommend(Profile())
    except KnowledgeBaseUnavailable as e:
        logging.getLogger(__name__).warning("Knowledge base not reachable at start (%s); actions will retry", e)


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m actions.server")
    p.add_argument("--actions", default="actions", help="package the actions are in")
    p.add_argument("--port", type=int, default=port("actions"))
    p.add_argument("--host", default=os.environ.get("PATHWAYS_ACTIONS_HOST", "127.0.0.1"))
    args = p.parse_args(argv)
    utils.configure_colored_logging(os.environ.get("LOG_LEVEL", "INFO"))
    utils.update_sanic_log_level()
    warm()
    app = create_app(args.actions, cors_origins=[])
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    logging.getLogger(__name__).info("Action server on http://%s:%s", args.host, args.port)
    app.run(args.host, args.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
