"""The loader and validator stop on bad files, naming the file, the entry and what is wrong; builds are atomic."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import yaml
from sqlalchemy import event
from sqlalchemy.engine import Engine

from knowledge.catalogue import Programme, load_programmes
from knowledge.errors import DataError, KnowledgeBaseUnavailable
from knowledge.store import Catalogue, build
from knowledge.vocab import load_vocabulary

SOURCE = "A source: \"the sentence that says so.\""


def made_up(pid: str) -> dict:
    return {"id": pid, "title": pid.replace("_", " ").capitalize(), "provider": "Provider",
            "route_type": "short_course", "summary": "s", "audience": "anyone", "where": ["national"],
            "rules": [], "checks": [], "next_step": "apply", "source": "test", "checked": "2026-11-23",
            "status": "active"}


@pytest.fixture
def data_copy(data_copy: Path) -> Path:
    """The real data with two valid entries written here (made_up, made_up_too) for the tests to break: the real
    entries are for their curators to change."""
    path = data_copy / "programmes.yml"
    path.write_text(yaml.safe_dump([*yaml.safe_load(path.read_text()), made_up("made_up"), made_up("made_up_too")],
                                   sort_keys=False))
    return data_copy


def edit_programme(data: Path, pid: str, **changes) -> None:
    """Sets (or, with None, removes) fields of one entry of programmes.yml."""
    path = data / "programmes.yml"
    entries = yaml.safe_load(path.read_text())
    found = [e for e in entries if e["id"] == pid]
    assert len(found) == 1, pid
    for key, value in changes.items():
        if value is None:
            found[0].pop(key, None)
        else:
            found[0][key] = value
    path.write_text(yaml.safe_dump(entries, sort_keys=False))


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as e:
        load_programmes(data)
    return [str(p) for p in e.value.problems]


def test_real_data_is_valid():
    vocab = load_vocabulary()
    programmes = load_programmes(vocab=vocab)
    assert len(programmes) >= 50
    assert len(vocab.boroughs) == 33
    assert all(p.where for p in programmes)
    assert all(c.source for p in programmes for c in p.conditions if c.rule)
    assert all(c.says for p in programmes for c in p.conditions if not c.rule)


def test_conditions_are_read_with_their_kind(data_copy):
    edit_programme(data_copy, "made_up", rules=[{"min_age": 19, "source": SOURCE}],
                   checks=[{"max_age": 64, "extended": {"age": 70, "for": ["care_leaver"]}, "says": "Ask."}])
    entry = next(p for p in load_programmes(data_copy) if p.id == "made_up")
    assert entry.condition("min_age", rule=True).value == 19
    assert entry.condition("min_age", rule=True).source == SOURCE
    assert entry.condition("min_age", rule=False) is None
    check = entry.condition("max_age", rule=False)
    assert (check.value, check.extended_age, check.for_, check.says) == (64, 70, ("care_leaver",), "Ask.")
    assert entry.condition("requires", rule=True) is None
    assert Programme.from_payload(entry.to_payload()) == entry


def test_unknown_vocabulary_ids(data_copy):
    edit_programme(data_copy, "made_up", route_type="evening_class", interests=["astrology"], where=["Hackny"])
    found = problems(data_copy)
    assert "programmes.yml: made_up: unknown route_type 'evening_class'" in found
    assert "programmes.yml: made_up: `interests`: unknown interest 'astrology'" in found
    assert ("programmes.yml: made_up: `where`: unknown area 'Hackny' (use a borough name as in boroughs.yml, a "
            "subregion id, london or national)") in found


@pytest.mark.parametrize("mainly_for", ["healthcare", ["laboratory", "healthcare"]])
def test_mainly_for_names_its_interests_or_none(data_copy, mainly_for):
    edit_programme(data_copy, "made_up", interests=["laboratory", "research"], mainly_for=mainly_for)
    assert ("programmes.yml: made_up: `mainly_for`: 'healthcare' is not one of its `interests` (or \"none\")"
            in problems(data_copy))


def test_a_misspelt_field_is_an_error_not_ignored(data_copy):
    edit_programme(data_copy, "made_up", own_schem=True, intrests=["laboratory"])
    found = problems(data_copy)
    assert ("programmes.yml: made_up: unknown field `own_schem` (the fields are listed in knowledge/data/README.md)"
            in found)
    assert any("unknown field `intrests`" in p for p in found)


@pytest.mark.parametrize("value", ["yes", 1, ["true"]])
def test_own_scheme_is_true_or_false(data_copy, value):
    edit_programme(data_copy, "made_up", own_scheme=value)
    assert f"programmes.yml: made_up: `own_scheme` must be true or false, got {value!r}" in problems(data_copy)


def test_missing_source_and_date(data_copy):
    edit_programme(data_copy, "made_up", source=None, checked="last year")
    found = problems(data_copy)
    assert "programmes.yml: made_up: `source` is missing" in found
    assert ("programmes.yml: made_up: `checked` must be the date the facts were last checked (YYYY-MM-DD), "
            "got 'last year'") in found


def test_a_rule_needs_a_source(data_copy):
    edit_programme(data_copy, "made_up", rules=[{"min_age": 19}])
    assert problems(data_copy) == [
        "programmes.yml: made_up: rules[1] (min_age): a rule needs `source`: the source and the sentence that "
        "states it (without one it is a check, with `says`)"]


def test_a_check_needs_says(data_copy):
    edit_programme(data_copy, "made_up", checks=[{"min_level": "entry", "source": SOURCE}])
    assert problems(data_copy) == [
        "programmes.yml: made_up: checks[1] (min_level): a check needs `says`: what the resident should check, and why"]


def test_one_test_per_entry(data_copy):
    edit_programme(data_copy, "made_up", rules=[{"min_age": 19, "max_age": 64, "source": SOURCE}])
    assert problems(data_copy) == [
        "programmes.yml: made_up: rules[1]: needs exactly one test, one of min_age, max_age, requires, right_to_work, "
        "min_level, max_level, lives_in; found min_age, max_age, source"]


def test_unknown_test_keys(data_copy):
    edit_programme(data_copy, "made_up", rules=[{"minimum_age": 19, "source": SOURCE},
                                             {"min_age": 19, "unless": ["care_leaver"], "source": SOURCE}])
    assert problems(data_copy) == [
        "programmes.yml: made_up: rules[1]: needs exactly one test, one of min_age, max_age, requires, right_to_work, "
        "min_level, max_level, lives_in; found minimum_age, source",
        "programmes.yml: made_up: rules[2] (min_age): `unless` is not part of this test"]


def test_a_second_rule_of_one_test(data_copy):
    edit_programme(data_copy, "made_up", rules=[{"min_age": 19, "source": SOURCE}, {"min_age": 18, "source": SOURCE}])
    assert problems(data_copy) == ["programmes.yml: made_up: rules[2]: a second min_age rule"]


def test_unknown_audience(data_copy):
    edit_programme(data_copy, "made_up", audience="children")
    assert problems(data_copy) == [
        "programmes.yml: made_up: unknown audience 'children'; expected one of pupils, students_16_18, young_people, "
        "adults, sector_workers, anyone"]


def test_where_is_required(data_copy):
    edit_programme(data_copy, "made_up", where=None)
    assert problems(data_copy) == [
        "programmes.yml: made_up: `where` is missing: where it runs, as [national], [london], subregion ids or borough "
        "names"]
    edit_programme(data_copy, "made_up", where=["national", "Hackney"])
    assert problems(data_copy) == ["programmes.yml: made_up: `where`: national or london must stand alone"]


def test_based_in_names_boroughs_of_a_programme_for_all_london(data_copy):
    edit_programme(data_copy, "made_up", where=["Hackney"], based_in=["Hackney"])
    assert problems(data_copy) == [
        "programmes.yml: made_up: `based_in` is for a programme that runs across London (`where: [london]`); one "
        "that runs in named boroughs is ranked by them"]
    edit_programme(data_copy, "made_up", where=["london"], based_in=["Whitechapel"])
    assert problems(data_copy) == [
        "programmes.yml: made_up: `based_in`: unknown borough 'Whitechapel' (use a borough name as in boroughs.yml)"]
    edit_programme(data_copy, "made_up", where=["london"], based_in=["Tower Hamlets"])
    assert next(p for p in load_programmes(data_copy) if p.id == "made_up").based_in == ("Tower Hamlets",)


def test_the_old_eligibility_block_is_refused(data_copy):
    edit_programme(data_copy, "made_up", eligibility={"min_age": 19, "areas": ["london"]})
    assert problems(data_copy) == [
        "programmes.yml: made_up: `eligibility` is the old format: write `where`, `rules` and `checks` (see README.md)"]


@pytest.mark.parametrize("status", ["unconfirmed", "ended", "planned"])
def test_a_status_in_doubt_needs_a_note(data_copy, status):
    edit_programme(data_copy, "made_up", status=status)
    assert problems(data_copy) == [
        f"programmes.yml: made_up: a programme that is {status} needs a `status_note` saying what is in doubt, when it "
        f"ended or opens, or what replaced it"]


def test_bad_levels(data_copy):
    edit_programme(data_copy, "made_up", rules=[{"min_level": 9, "source": SOURCE}],
                   checks=[{"max_level": 8, "says": "Ask."}])
    assert problems(data_copy) == [
        "programmes.yml: made_up: rules[1] (min_level): unknown qualification level 9; expected one of none, entry, 1, "
        "2, 3, 4, 5, 6, 7, 8",
        "programmes.yml: made_up: checks[1] (max_level): max_level 8 is the highest level, so it rules nobody out"]


def test_extended_age_must_be_above_max_age(data_copy):
    edit_programme(data_copy, "made_up", checks=[], rules=[
        {"min_age": 16, "source": SOURCE},
        {"max_age": 21, "extended": {"age": 21, "for": ["care_leaver"]}, "source": SOURCE}])
    assert problems(data_copy) == [
        "programmes.yml: made_up: rules[2] (max_age): `extended.age` 21 must be above max_age 21"]
    edit_programme(data_copy, "made_up", rules=[
        {"max_age": 21, "extended": {"age": 24}, "source": SOURCE}])
    assert problems(data_copy) == [
        "programmes.yml: made_up: rules[1] (max_age): `extended` needs `age` and `for`"]


def test_unknown_circumstances_in_rules(data_copy):
    edit_programme(data_copy, "made_up", rules=[{"requires": ["english_language", "vegan"], "source": SOURCE},
                                             {"max_level": 2, "unless": ["refugee_or_asylum"], "source": SOURCE}])
    assert problems(data_copy) == [
        "programmes.yml: made_up: rules[1] (requires): unknown circumstance 'vegan'",
        "programmes.yml: made_up: rules[2] (max_level): unknown circumstance 'refugee_or_asylum'"]


def test_bad_values_of_the_other_tests(data_copy):
    edit_programme(data_copy, "made_up", rules=[{"min_age": "19", "source": SOURCE},
                                             {"lives_in": ["national"], "source": SOURCE},
                                             {"right_to_work": False, "source": SOURCE}])
    assert problems(data_copy) == [
        "programmes.yml: made_up: rules[1] (min_age): must be a whole number of years from 0 to 120, got '19'",
        "programmes.yml: made_up: rules[2] (lives_in): unknown area 'national'",
        "programmes.yml: made_up: rules[3] (right_to_work): must be true (leave it out when the route needs no right "
        "to work)"]


def test_duplicates(data_copy):
    entries = yaml.safe_load((data_copy / "programmes.yml").read_text())
    entries.append(dict(entries[0]))
    (data_copy / "programmes.yml").write_text(yaml.safe_dump(entries, sort_keys=False))
    found = problems(data_copy)
    assert f"programmes.yml: {entries[0]['id']}: duplicate id" in found


def test_every_problem_is_reported_not_just_the_first(data_copy):
    edit_programme(data_copy, "made_up", status="maybe")
    edit_programme(data_copy, "made_up_too", provider=None)
    found = problems(data_copy)
    assert ("programmes.yml: made_up: unknown status 'maybe'; expected one of active, unconfirmed, ended, planned"
            in found)
    assert "programmes.yml: made_up_too: `provider` is missing" in found


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


def test_a_phrase_yaml_reads_as_a_number_is_an_error(data_copy):
    path = data_copy / "qualifications.yml"
    path.write_text(path.read_text().replace('- "2:1"', "- 2:1"))       # unquoted, YAML reads it as 121
    with pytest.raises(DataError, match="holds 121, which YAML read as a int; put the phrase in quotes"):
        load_vocabulary(data_copy)


def test_capitals_must_be_written_in_capitals(data_copy):
    path = data_copy / "interests.yml"
    entries = yaml.safe_load(path.read_text())
    entries[0]["capitals"] = ["it"]
    path.write_text(yaml.safe_dump(entries))
    with pytest.raises(DataError, match="`capitals` must be a list of words written with capitals"):
        load_vocabulary(data_copy)


@pytest.mark.parametrize("key", ["broad", "any_work"])
@pytest.mark.parametrize("value", [["biology and chemistry"], "science"])
def test_broad_and_any_work_phrases_must_be_the_entry_s_own(data_copy, key, value):
    path = data_copy / "interests.yml"
    entries = yaml.safe_load(path.read_text())
    entries[0][key] = value                 # not a phrase of the entry, or not a list
    path.write_text(yaml.safe_dump(entries))
    with pytest.raises(DataError, match=f"`{key}` must be a list of the entry's own phrases"):
        load_vocabulary(data_copy)


@pytest.mark.parametrize("value, problem", [(["asylum_seekers"], "'asylum_seekers' is not another id of this file"),
                                            (["refugee"], "'refugee' is not another id of this file"),
                                            ("asylum_seeker", "`replaces` must be a list of ids")])
def test_a_circumstance_replaces_only_other_circumstances(data_copy, value, problem):
    path = data_copy / "barriers.yml"
    entries = yaml.safe_load(path.read_text())
    next(e for e in entries if e["id"] == "refugee")["replaces"] = value     # a typo, itself, or not a list
    path.write_text(yaml.safe_dump(entries))
    with pytest.raises(DataError, match=problem):
        load_vocabulary(data_copy)


@pytest.mark.parametrize("file, value", [("barriers.yml", "no"), ("interests.yml", False)])
def test_past_counts_is_a_yes_or_no_on_a_circumstance(data_copy, file, value):
    path = data_copy / file
    entries = yaml.safe_load(path.read_text())
    entries[0]["past_counts"] = value              # a string, or on an interest
    path.write_text(yaml.safe_dump(entries))
    with pytest.raises(DataError, match="`past_counts` must be true or false, on a circumstance"):
        load_vocabulary(data_copy)


@pytest.mark.parametrize("file, value", [("barriers.yml", "english"), ("barriers.yml", []), ("barriers.yml", [3]),
                                         ("interests.yml", ["computers"])])
def test_at_question_is_a_list_of_words_on_a_circumstance(data_copy, file, value):
    path = data_copy / file
    entries = yaml.safe_load(path.read_text())
    entries[0]["at_question"] = value              # not a list, empty, a number, or on an interest
    path.write_text(yaml.safe_dump(entries))
    with pytest.raises(DataError, match="`at_question` must be a list of words, on a circumstance"):
        load_vocabulary(data_copy)


@pytest.mark.parametrize("file, key, value, on", [("route_types.yml", "any_level", "yes", "a route type"),
                                                  ("interests.yml", "any_level", True, "a route type"),
                                                  ("interests.yml", "degree_first", "yes", "a kind of work"),
                                                  ("barriers.yml", "degree_first", True, "a kind of work")])
def test_a_flag_is_true_or_false_on_its_own_kind_of_entry(data_copy, file, key, value, on):
    path = data_copy / file
    entries = yaml.safe_load(path.read_text())
    entries[0][key] = value
    path.write_text(yaml.safe_dump(entries))
    with pytest.raises(DataError, match=f"`{key}` must be true or false, on {on}"):
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


def test_each_borough_needs_its_own_ons_code(data_copy):
    """Postcodes are mapped to boroughs by these codes: a missing or repeated one would lose a borough's postcodes."""
    path = data_copy / "boroughs.yml"
    data = yaml.safe_load(path.read_text())
    del data["boroughs"][0]["ons"]
    data["boroughs"][2]["ons"] = data["boroughs"][1]["ons"]
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(DataError) as e:
        load_vocabulary(data_copy)
    first, second, third = (b["name"] for b in data["boroughs"][:3])
    assert f"boroughs.yml: {first}: `ons` must be the borough's ONS code (E09 and six digits), got ''" in str(e.value)
    assert f"boroughs.yml: {third}: `ons` {data['boroughs'][1]['ons']} is also {second}'s" in str(e.value)


def test_build_is_idempotent(tmp_path):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    first = build(url)
    second = build(url)
    assert first.programmes == second.programmes == len(Catalogue(url).all())
    assert Catalogue(url).fingerprint() == first.fingerprint


def database_state(url: str) -> tuple:
    c = Catalogue(url)
    return c.build_id(), c.fingerprint(), [(p.id, p.title) for p in c.all()]


def retitled(data: Path) -> None:
    path = data / "programmes.yml"
    path.write_text(path.read_text().replace("title: ", "title: Changed "))


def test_a_bad_file_is_refused_before_the_database_is_touched(tmp_path, data_copy):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    build(url, data_copy)
    before = database_state(url)
    retitled(data_copy)                               # a good change, and a bad one in the same file
    edit_programme(data_copy, "made_up", route_type="nonsense")
    statements: list[str] = []
    listen = lambda conn, cursor, statement, *rest: statements.append(statement)     # noqa: E731
    event.listen(Engine, "before_cursor_execute", listen)
    try:
        with pytest.raises(DataError):
            build(url, data_copy)
    finally:
        event.remove(Engine, "before_cursor_execute", listen)
    assert statements == []
    assert database_state(url) == before
    edit_programme(data_copy, "made_up", route_type="short_course")
    build(url, data_copy)                             # the same file, mended, replaces it all
    after = database_state(url)
    assert after[0] != before[0] and all(title.startswith("Changed ") for _, title in after[2])


def test_a_build_that_fails_part_way_leaves_the_earlier_catalogue(tmp_path, data_copy):
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    build(url, data_copy)
    before = database_state(url)
    half = len(before[2]) // 2
    # The database itself fails once the new build has deleted the old rows and written half of its own.
    with sqlite3.connect(tmp_path / "kb.db") as db:
        db.execute(f"CREATE TRIGGER half_way BEFORE INSERT ON programmes WHEN (SELECT count(*) FROM programmes) >= "
                   f"{half} BEGIN SELECT RAISE(ABORT, 'the disk is full'); END")
    retitled(data_copy)
    with pytest.raises(KnowledgeBaseUnavailable, match="the disk is full"):
        build(url, data_copy)
    assert database_state(url) == before
    assert not any(p.title.startswith("Changed ") for p in Catalogue(url).all())


def test_unbuilt_and_unreachable_databases_are_clear_errors(tmp_path):
    with pytest.raises(KnowledgeBaseUnavailable, match="has not been built"):
        Catalogue(f"sqlite:///{tmp_path / 'missing.db'}").all()
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(KnowledgeBaseUnavailable, match="cannot read the knowledge base"):
        Catalogue("postgresql://nobody@127.0.0.1:1/none").all()


def _set_landmarks(data: Path, borough: str, landmarks) -> None:
    path = data / "boroughs.yml"
    whole = yaml.safe_load(path.read_text())
    next(b for b in whole["boroughs"] if b["name"] == borough)["landmarks"] = landmarks
    path.write_text(yaml.safe_dump(whole))


@pytest.mark.parametrize("landmarks", [[{"names": ["the big shed"]}], [{"names": ["the big shed"], "postcode": "E11"}],
                                       [{"names": ["the big shed"], "postcode": "near E11 1NR"}], "the big shed"])
def test_a_landmark_needs_names_and_one_full_postcode(data_copy, landmarks):
    _set_landmarks(data_copy, "Waltham Forest", landmarks)
    with pytest.raises(DataError, match="Waltham Forest: .*landmark"):
        load_vocabulary(data_copy)


def test_a_landmarks_names_are_places_of_its_borough(data_copy):
    _set_landmarks(data_copy, "Waltham Forest", [{"names": ["the big shed", "big shed"], "postcode": "e111nr"}])
    borough = load_vocabulary(data_copy).borough("Waltham Forest")
    assert borough.landmarks[-1].postcode == "E11 1NR"
    assert {"the big shed", "big shed"} <= set(borough.places)


def test_a_landmark_in_another_borough_stops_the_build_naming_it(data_copy, tmp_path):
    """Its borough is read off the ONS Postcode Directory: E11 1NR (Whipps Cross Hospital) is in Waltham Forest."""
    _set_landmarks(data_copy, "Hackney", [{"names": ["the big shed"], "postcode": "E11 1NR"},
                                          {"names": ["the small shed"], "postcode": "E8 9ZZ"}])
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    with pytest.raises(DataError) as e:
        build(url, data_copy)
    text = str(e.value)
    assert "Hackney: landmark 'the big shed': postcode E11 1NR is in Waltham Forest, not Hackney" in text
    assert "landmark 'the small shed': postcode E8 9ZZ is not in the ONS Postcode Directory" in text
    assert not (tmp_path / "kb.db").exists() or not Catalogue(url).all()


@pytest.mark.parametrize("sign, message", [
    ([["english"]], "a sign must be a list of two or more lists of single lower-case words"),
    ([["english"], ["not good"]], "a sign must be a list of two or more lists of single lower-case words"),
    ([["english"], [False]], "a sign holds False, which YAML read as a bool; put the word in quotes"),
])
def test_a_malformed_sign_is_named(data_copy, sign, message):
    path = data_copy / "barriers.yml"
    entries = yaml.safe_load(path.read_text())
    entries[0]["signs"] = [sign]
    path.write_text(yaml.safe_dump(entries))
    with pytest.raises(DataError, match=f"{entries[0]['id']}: {message}"):
        load_vocabulary(data_copy)


def test_cities_abroad_are_read_once_then_kept_under_var(tmp_path, monkeypatch):
    from knowledge.vocab import cities_abroad

    monkeypatch.setenv("PATHWAYS_VAR", str(tmp_path))
    cities_abroad.cache_clear()
    try:
        read = cities_abroad()
        kept = list(tmp_path.glob("cities-abroad-*.txt"))
        assert {"lagos", "karachi", "kyiv"} <= read and not {"cambridge", "nice", "richmond"} & read
        assert len(kept) == 1 and set(kept[0].read_text(encoding="utf-8").splitlines()) == read
        kept[0].write_text("lagos\n", encoding="utf-8")          # the kept list is what a later process reads
        cities_abroad.cache_clear()
        assert cities_abroad() == {"lagos"}
    finally:
        cities_abroad.cache_clear()


def test_a_phrase_listed_twice_under_one_id_is_an_error(data_copy):
    path = data_copy / "answers.yml"
    entries = yaml.safe_load(path.read_text())
    entries["decline"].append(entries["decline"][0].upper())       # the same phrase, written another way
    path.write_text(yaml.safe_dump(entries))
    with pytest.raises(DataError, match=r"answers.yml: decline: phrase .* is listed twice"):
        load_vocabulary(data_copy)
