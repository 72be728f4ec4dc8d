"""The catalogue's build and the gazetteer are keyed on everything that shapes them: the data, and the code that
turns it into programmes and patterns."""
from __future__ import annotations

import importlib.metadata
import shutil
from pathlib import Path

import pytest

from knowledge import gazetteer, store


@pytest.fixture
def code(tmp_path) -> Path:
    """A copy of the knowledge package's source that a test may edit."""
    target = tmp_path / "code"
    target.mkdir()
    for path in store.CODE.glob("*.py"):
        shutil.copy(path, target)
    return target


def edit(path: Path) -> None:
    path.write_text(path.read_text() + "\n# changed\n")


def test_the_build_is_keyed_on_the_programme_fields_as_well_as_the_data(code, data_copy, monkeypatch):
    monkeypatch.setattr(store, "CODE", code)
    before = store.fingerprint(data_copy)
    catalogue = code / "catalogue.py"
    source = catalogue.read_text()
    assert "\n    position: int = 0" in source
    catalogue.write_text(source.replace("\n    position: int = 0", '\n    fee: str = ""\n    position: int = 0'))
    fields_changed = store.fingerprint(data_copy)
    assert fields_changed != before
    edit(data_copy / "programmes.yml")
    assert store.fingerprint(data_copy) != fields_changed


def test_the_gazetteer_key_covers_the_code_that_generates_patterns_and_the_packages(code, data_copy, monkeypatch):
    monkeypatch.setattr(gazetteer, "CODE", code)
    before = gazetteer.pattern_key(data_copy)
    edit(code / "engine.py")                    # ranking code makes no patterns: no rebuild, no retraining
    assert gazetteer.pattern_key(data_copy) == before
    for name in gazetteer.GENERATORS:
        edit(code / name)
        assert gazetteer.pattern_key(data_copy) != before
        before = gazetteer.pattern_key(data_copy)
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda p: "0.0" if p == "spacy" else real(p))
    assert gazetteer.pattern_key(data_copy) != before


def test_the_gazetteer_is_rebuilt_when_its_generating_code_changes(code, data_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer, "CODE", code)
    out = tmp_path / "gazetteer"
    assert gazetteer.build_gazetteer(out, data_copy)[1]
    assert not gazetteer.build_gazetteer(out, data_copy)[1]
    edit(code / "catalogue.py")
    assert gazetteer.build_gazetteer(out, data_copy)[1]
