"""The widget's files: our script and stylesheet (bot/web/static) and socket.io-client, built by `make web` into
var/web from the versions pinned in bot/web/package-lock.json. Nothing is fetched from a CDN at run time."""
from __future__ import annotations

import gzip
import json
from functools import lru_cache
from pathlib import Path

from knowledge.config import var_dir
from knowledge.vocab import vocabulary

STATIC = Path(__file__).resolve().parent / "static"


class NotBuilt(RuntimeError):
    pass


def built_dir() -> Path:
    return var_dir() / "web"


def vendor_file(name: str) -> Path:
    path = built_dir() / name
    if not path.exists():
        raise NotBuilt(f"{path} is missing: run `make web` (npm ci in bot/web) to build the widget's packages")
    return path


@lru_cache(maxsize=1)
def widget_script() -> str:
    """One file for the one <script> tag: socket.io-client inside a function scope (so it neither sets a global `io`
    nor meets a page's AMD loader), the route-type names from the knowledge base, then our widget."""
    vendor = vendor_file("socket.io.min.js").read_text(encoding="utf-8")
    names = {t.id: t.name for t in vocabulary().route_types}
    ours = (STATIC / "pathways.js").read_text(encoding="utf-8")
    return ("/*! Pathways chat widget. Includes socket.io-client (MIT licence). */\n"
            "(function () {\nvar module = { exports: {} }, exports = module.exports, define;\n"
            f"{vendor}\nvar io = module.exports;\n"
            f"var PATHWAYS_ROUTE_TYPES = {json.dumps(names)};\n{ours}\n}})();\n")


@lru_cache(maxsize=4)
def gzipped(text: str) -> bytes:
    return gzip.compress(text.encode("utf-8"), 9)


def static_text(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")
