"""The trained Rasa model, cached by the content of everything that shapes it.

Rasa fingerprints SpacyNLP by its path only, so a changed gazetteer would not retrain it; this key covers the
gazetteer's own key (its data, the code that generates its patterns, spaCy) and our NLU components' code too.
A model whose inputs have not changed is copied from the cache instead of trained again.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from knowledge import config
from knowledge.gazetteer import build_gazetteer, pattern_key

ROOT = config.ROOT
INPUTS = ("config.yml", "domain.yml", "requirements.lock",      # with data/, the components and the gazetteer
          "bot/answers.py", "bot/language.py")                  # the decisions bot/rasa/components.py calls


def cache_dir() -> Path:
    return Path(os.environ.get("PATHWAYS_CACHE", Path.home() / ".cache" / "pathways")) / "models"


def components() -> list[Path]:
    """The source files of our own NLU components in config.yml's pipeline (Rasa's own are named without a
    module)."""
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text()).get("pipeline") or []
    paths = []
    for step in pipeline:
        module = ROOT.joinpath(*step["name"].split(".")[:-1])
        if module != ROOT:
            paths.append(module.with_suffix(".py") if module.with_suffix(".py").exists() else module / "__init__.py")
    return paths


def model_key() -> str:
    h = hashlib.sha256()
    files = [ROOT / name for name in INPUTS] + components() + sorted((ROOT / "data").rglob("*.yml"))
    for path in files:
        h.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(pattern_key(config.data_dir()).encode())
    return h.hexdigest()[:20]


def model_path() -> Path:
    return ROOT / "models" / f"pathways-{model_key()}.tar.gz"


def ensure_model(log=print) -> Path:
    """The model for the current inputs: already here, copied from the cache, or trained now."""
    target = model_path()
    if target.exists():
        log(f"Model up to date: {target.relative_to(ROOT)}")
        return target
    cached = cache_dir() / target.name
    cached.parent.mkdir(parents=True, exist_ok=True)
    # One training at a time per cache: a second caller waits for the first and then copies its model.
    with open(cached.parent / ".train.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _restore_or_train(target, cached, log)


def _restore_or_train(target: Path, cached: Path, log) -> Path:
    if target.exists():
        return target
    build_gazetteer()
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached.exists():
        _copy(cached, target)
        log(f"Model restored from cache: {cached}")
        return target
    log("Training the model (inputs changed since the last one)...")
    started = time.monotonic()
    subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "train", "--config", "config.yml", "--domain", "domain.yml",
         "--data", "data", "--out", "models", "--fixed-model-name", target.name[: -len(".tar.gz")], "--force"],
        # TensorFlow's kernels are otherwise nondeterministic on CPU: the same seed gave different models.
        cwd=ROOT, check=True, env={**os.environ, "TF_DETERMINISTIC_OPS": "1"},
    )
    seconds = time.monotonic() - started
    log(f"Trained in {seconds:.0f} s: {target.relative_to(ROOT)}")
    _copy(target, cached)
    record = {"seconds": round(seconds, 1), "machine": f"{os.cpu_count()} cores", "at": time.strftime("%Y-%m-%d %H:%M")}
    cached.with_suffix("").with_suffix(".json").write_text(json.dumps(record))
    return target


def training_record() -> dict | None:
    """How long the current model took to train, when it was trained on a machine sharing this cache."""
    path = (cache_dir() / model_path().name).with_suffix("").with_suffix(".json")
    return json.loads(path.read_text()) if path.exists() else None


def _copy(source: Path, target: Path) -> None:
    """Copies whole or not at all, so a reader never loads half a model."""
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(source, partial)
    os.replace(partial, target)
