"""The loader and validator stop on bad files, naming the file, the entry and what is wrong; builds are atomic."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from knowledge.catalogue import load_programmes
from knowledge.errors import DataError, KnowledgeBaseUnavailable
from knowledge.store import Catalogue, build
from knowledge.vocab import load_vocabulary


def edit_programme(data: Path, pid: str, **changes) -> None:
    path = data / "programmes.yml"
    entries = yaml.safe_load(path.read_text())
    for e in entries:
        if e["id"] == pid:
            for key, value in changes.items():
                if "." in key:
                    outer, inner = key.split(".")
                    e[outer][inner] = value
                elif value is None:
                    e.pop(key, None)
                else:
                    e[key] = value
    path.write_text(yaml.safe_dump(entries, sort_keys=False))


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as e:
        load_programmes(data)
    return [str(p) for p in e.value.problems]


def test_real_data_is_valid():
    vocab = load_vocabulary()
    assert len(load_programmes(vocab=vocab)) >= 50
    assert len(vocab.boroughs) == 33


def test_unknown_vocabulary_ids(data_copy):
    edit_programme(data_copy, "lift", route_type="evening_class", interests=["astrology"],
                   **{"eligibility.areas": ["Hackny"]})
    found = problems(data_copy)
    assert "programmes.yml: lift: unknown route_type 'evening_class'" in found
    assert "programmes.yml: lift: `interests`: unknown interest 'astrology'" in found
    assert any(p.startswith("programmes.yml: lift: `areas`: unknown area 'Hackny'") for p in found)


def test_missing_source_and_date(data_copy):
    edit_programme(data_copy, "lift", source=None, checked="last year")
    found = problems(data_copy)
    assert "programmes.yml: lift: `source` is missing" in found
    assert any(p.startswith("programmes.yml: lift: `checked` must be the date") for p in found)


def test_contradictions_and_duplicates(data_copy):
    edit_programme(data_copy, "lift", **{"eligibility.min_age": 30, "eligibility.max_age": 20})
    entries = yaml.safe_load((data_copy / "programmes.yml").read_text())
    entries.append(dict(entries[0]))
    (data_copy / "programmes.yml").write_text(yaml.safe_dump(entries, sort_keys=False))
    found = problems(data_copy)
    assert "programmes.yml: lift: min_age 30 is above max_age 20" in found
    assert f"programmes.yml: {entries[0]['id']}: duplicate id" in found


def test_every_problem_is_reported_not_just_the_first(data_copy):
    edit_programme(data_copy, "lift", status="maybe")
    edit_programme(data_copy, "swap", provider=None)
    found = problems(data_copy)
    assert "programmes.yml: lift: unknown status 'maybe'; expected one of active, ended, planned" in found
    assert "programmes.yml: swap: `provider` is missing" in found


def test_ended_programme_needs_a_note(data_copy):
    edit_programme(data_copy, "jets", status_note=None)
    assert any(p.startswith("programmes.yml: jets: a programme that is ended needs") for p in problems(data_copy))


def test_broken_yaml_names_the_file(data_copy):
    (data_copy / "boroughs.yml").write_text("boroughs: [unclosed\n")
    with pytest.raises(DataError) as e:
        load_vocabulary(data_copy)
    assert str(e.value).startswith("boroughs.yml: -: not valid YAML")


def test_vocabulary_phrase_under_two_ids(data_copy):
    path = data_copy / "interests.yml"
    entries = yaml.safe_load(path.read_text())
    entries[1]["phrases"].append(entries[0]["phrases"][0])
    path.write_text(yaml.safe_dump(entries))
    with pytest.raises(DataError, match="is also listed under"):
        load_vocabulary(data_copy)


def test_missing_borough_and_vocab_file(data_copy):
    path = data_copy / "boroughs.yml"
    data = yaml.safe_load(path.read_text())
    data["boroughs"] = data["boroughs"][1:]
    path.write_text(yaml.safe_dump(data))
    (data_copy / "barriers.yml").unlink()
    with pytest.raises(DataError) as e:
        load_vocabulary(data_copy)
    text = str(e.value)
    assert "found 32" in text and "barriers.yml: -: file is missing" in text


def test_build_is_idempotent(tmp_path):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    first = build(url)
    second = build(url)
    assert first.programmes == second.programmes == len(Catalogue(url).all())
    assert Catalogue(url).fingerprint() == first.fingerprint


def test_bad_file_writes_nothing(tmp_path, data_copy):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    build(url, data_copy)
    before = [p.id for p in Catalogue(url).all()]
    edit_programme(data_copy, "lift", route_type="nonsense")
    (data_copy / "programmes.yml").write_text((data_copy / "programmes.yml").read_text())
    with pytest.raises(DataError):
        build(url, data_copy)
    assert [p.id for p in Catalogue(url).all()] == before


def test_unbuilt_and_unreachable_databases_are_clear_errors(tmp_path):
    with pytest.raises(KnowledgeBaseUnavailable, match="has not been built"):
        Catalogue(f"sqlite:///{tmp_path / 'missing.db'}").all()
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(KnowledgeBaseUnavailable, match="cannot read the knowledge base"):
        Catalogue("postgresql://nobody@127.0.0.1:1/none").all()
