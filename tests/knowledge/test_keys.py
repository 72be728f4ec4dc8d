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


def test_the_gazetteer_key_is_its_patterns_its_builder_and_the_packages(code, data_copy, monkeypatch):
    monkeypatch.setattr(gazetteer, "CODE", code)
    before = gazetteer.pattern_key(data_copy)
    edit(code / "engine.py")                    # ranking code makes no patterns: no rebuild, no retraining
    edit(code / "catalogue.py")                 # nor does a comment in the code that reads the data
    programmes = data_copy / "programmes.yml"
    text = programmes.read_text()
    assert "  checked: 2026-12-02\n" in text
    programmes.write_text(text.replace("  checked: 2026-12-02\n", "  checked: 2026-12-03\n", 1))
    assert gazetteer.pattern_key(data_copy) == before       # a programme's facts make no pattern
    programmes.write_text(text.replace("aliases: [lift, ", "aliases: [lift scheme, lift, ", 1))
    assert gazetteer.pattern_key(data_copy) != before       # its names do
    before = gazetteer.pattern_key(data_copy)
    edit(code / "gazetteer.py")
    assert gazetteer.pattern_key(data_copy) != before
    before = gazetteer.pattern_key(data_copy)
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version", lambda p: "0.0" if p == "spacy" else real(p))
    assert gazetteer.pattern_key(data_copy) != before


def test_the_gazetteer_is_rebuilt_when_its_patterns_change(code, data_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer, "CODE", code)
    out = tmp_path / "gazetteer"
    assert gazetteer.build_gazetteer(out, data_copy)[1]
    assert not gazetteer.build_gazetteer(out, data_copy)[1]
    interests = data_copy / "interests.yml"
    text = interests.read_text()
    assert "  phrases:\n" in text
    interests.write_text(text.replace("  phrases:\n", "  phrases:\n    - pipetting\n", 1))
    assert gazetteer.build_gazetteer(out, data_copy)[1]
