"""What is cached across runs follows the code that shapes it: the trained model retrains when our NLU components
or the gazetteer's generating code change, and a deployment rebuilds the catalogue when the programme code does."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import model, prod
from knowledge import db, gazetteer, store
from knowledge.store import Catalogue


def edit(path: Path) -> None:
    path.write_text(path.read_text() + "\n# changed\n")


def copy_code(tmp_path: Path) -> Path:
    """A copy of the knowledge package's source that a test may edit."""
    target = tmp_path / "code"
    target.mkdir()
    for path in store.CODE.glob("*.py"):
        shutil.copy(path, target)
    return target


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    """A copy of what the model is trained from, as bot.model.ROOT."""
    target = tmp_path / "root"
    shutil.copytree(model.ROOT / "data", target / "data")
    for path in [model.ROOT / name for name in model.INPUTS] + model.components():
        (target / path.relative_to(model.ROOT)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target / path.relative_to(model.ROOT))
    monkeypatch.setattr(model, "ROOT", target)
    return target


def test_the_components_in_the_pipeline_are_found():
    assert {p.relative_to(model.ROOT).as_posix() for p in model.components()} == {"bot/rasa/components.py"}


def test_the_model_key_covers_our_components_and_the_gazetteer(root, tmp_path, monkeypatch):
    before = model.model_key()
    for path in model.components() + [root / "bot/answers.py", root / "bot/language.py"]:
        kept = path.read_bytes()
        edit(path)
        assert model.model_key() != before, path
        path.write_bytes(kept)
    assert model.model_key() == before
    code = copy_code(tmp_path)
    monkeypatch.setattr(gazetteer, "CODE", code)
    assert model.model_key() == before
    edit(code / "catalogue.py")              # only what it makes of the data counts (tests/knowledge/test_keys.py)
    assert model.model_key() == before
    edit(code / "gazetteer.py")              # the code that builds the pipeline
    assert model.model_key() != before


def test_a_deployment_rebuilds_the_catalogue_when_the_programme_code_changes(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    try:
        prod.build_knowledge({"PATHWAYS_DB_URL": url})
        first, snapshot = Catalogue(url).build_id(), Catalogue(url).snapshot()
        prod.build_knowledge({"PATHWAYS_DB_URL": url})
        assert Catalogue(url).build_id() == first                          # nothing changed: not rebuilt
        code = copy_code(tmp_path)
        monkeypatch.setattr(store, "CODE", code)
        edit(code / "catalogue.py")
        prod.build_knowledge({"PATHWAYS_DB_URL": url})
        assert Catalogue(url).build_id() != first
        assert Catalogue(url).snapshot() is not snapshot                   # running processes read it again
    finally:
        db.dispose(lambda u: u == url)
