"""Starts a Rasa server process: Rasa's own command line (`rasa run ...`), once compat.py has checked the Rasa
version and made its changes, with the body cap in Sanic's own setting and the forget and contact hooks registered."""
from __future__ import annotations

import os
import sys
from typing import Any, Callable, Iterable, Optional

from bot.rasa import channels, compat
from bot.settings import max_body_bytes
from pathways.settings import action_timeout


def main(argv: list[str], forget_hooks: Iterable[Callable[[str], Optional[int]]] = (),
         contact_hooks: Iterable[Callable[..., Any]] = ()) -> None:
    try:
        compat.apply(action_timeout())                  # checks the Rasa version first
    except compat.UnreviewedRasa as e:
        print(e, file=sys.stderr)
        raise SystemExit(2) from None
    os.environ["SANIC_REQUEST_MAX_SIZE"] = str(max_body_bytes())    # Sanic reads it when Rasa creates the app
    for hook in forget_hooks:
        channels.on_forget(hook)
    for hook in contact_hooks:
        channels.on_contact(hook)
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()
