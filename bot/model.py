"""The trained Rasa model, cached by the content of everything that shapes it.

Rasa fingerprints SpacyNLP by its path only, so a changed gazetteer would not retrain it; this key covers the
knowledge data too. A model whose inputs have not changed is copied from the cache instead of trained again.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from knowledge import config
from knowledge.gazetteer import build_gazetteer
from knowledge.store import fingerprint

ROOT = config.ROOT
INPUTS = ("config.yml", "domain.yml", "requirements.lock", "bot/safety.py")


def cache_dir() -> Path:
    return Path(os.environ.get("PATHWAYS_CACHE", Path.home() / ".cache" / "pathways")) / "models"


def model_key() -> str:
    h = hashlib.sha256()
    files = [ROOT / name for name in INPUTS] + sorted((ROOT / "data").rglob("*.yml"))
    for path in files:
        h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(fingerprint(config.data_dir()).encode())
    return h.hexdigest()[:20]


def model_path() -> Path:
    return ROOT / "models" / f"pathways-{model_key()}.tar.gz"


def ensure_model(log=print) -> Path:
    """The model for the current inputs: already here, copied from the cache, or trained now."""
    target = model_path()
    if target.exists():
        log(f"Model up to date: {target.relative_to(ROOT)}")
        return target
    build_gazetteer()
    cached = cache_dir() / target.name
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached.exists():
        shutil.copyfile(cached, target)
        log(f"Model restored from cache: {cached}")
        return target
    log("Training the model (inputs changed since the last one)...")
    started = time.monotonic()
    subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "train", "--config", "config.yml", "--domain", "domain.yml",
         "--data", "data", "--out", "models", "--fixed-model-name", target.name[: -len(".tar.gz")], "--force"],
        cwd=ROOT, check=True,
    )
    log(f"Trained in {time.monotonic() - started:.0f} s: {target.relative_to(ROOT)}")
    cached.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(target, cached)
    return target
