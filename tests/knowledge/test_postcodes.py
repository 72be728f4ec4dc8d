"""Postcodes read as boroughs, from the ONS Postcode Directory built into the knowledge base (knowledge/postcodes.py)."""
from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import zlib

import brotli
import msgpack
import pytest

from knowledge import postcodes
from knowledge.errors import AmbiguousInput, DataError, InputError, KnowledgeBaseUnavailable
from knowledge.normalise import Place, normaliser
from knowledge.postcodes import NoSuchPostcode, full_postcodes, lookup
from knowledge.vocab import vocabulary


def test_finds_full_postcodes_in_any_case_with_or_without_the_space():
    text = "I live at SE1 7EH, my mum's at e174ab, not year 11, and the office is sw1a  1aa."
    found = full_postcodes(text)
    assert [code for _, _, code in found] == ["SE1 7EH", "E17 4AB", "SW1A 1AA"]
    assert [text[s:e] for s, e, _ in found] == ["SE1 7EH", "e174ab", "sw1a  1aa"]
    assert full_postcodes("I'm 24 with 5 GCSEs, call me on 07700 900123") == []


def test_a_full_postcode_gives_its_borough(kb_url):
    assert lookup("E17 4AB", kb_url) == postcodes.Postcode("E17 4AB", ("Waltham Forest",), False)
    assert lookup("e174ab", kb_url).borough == "Waltham Forest"            # lower case, no space
    assert lookup(" se1 7eh ", kb_url).borough == "Lambeth"
    assert lookup("SW1A 1AA", kb_url).borough == "Westminster"


def test_an_outward_code_gives_the_borough_when_the_district_lies_in_one(kb_url):
    found = lookup("e17", kb_url)
    assert found.code == "E17" and found.borough == "Waltham Forest" and not found.spans


def test_a_district_that_spans_boroughs_names_them_most_postcodes_first(kb_url):
    found = lookup("N1", kb_url)
    assert found.spans and found.borough is None and not found.outside_london
    assert found.boroughs[:2] == ("Islington", "Hackney")
    # a full postcode in that district is in one borough
    assert lookup("N1 9GU", kb_url).borough in found.boroughs


def test_outside_london_is_an_answer_not_an_error(kb_url):
    assert lookup("M1 1AE", kb_url) == postcodes.Postcode("M1 1AE", (), True)
    assert lookup("M1", kb_url).outside_london and not lookup("M1", kb_url).boroughs


def test_a_district_mostly_in_one_place_is_read_as_that_place(kb_url):
    """E15 has 93% of its postcodes in Newham, the rest in three boroughs; EN5 98% in Barnet, a few in Hertfordshire."""
    for code, borough in (("E15", "Newham"), ("EN5", "Barnet"), ("N17", "Haringey")):
        found = lookup(code, kb_url)
        assert found == postcodes.Postcode(code, (borough,), False, mostly=True) and not found.spans
    assert not lookup("E17", kb_url).mostly                 # wholly in Waltham Forest: nothing to say
    assert not lookup("E15 1AA", kb_url).mostly              # a full postcode is exact


def test_a_district_offers_only_the_places_that_hold_a_fair_share_of_it(kb_url):
    """N1: 73% Islington, 26% Hackney and a handful of postcodes in Camden, which is not offered."""
    assert lookup("N1", kb_url).boroughs == ("Islington", "Hackney")
    assert lookup("SW1P", kb_url).boroughs == ("Westminster", "Wandsworth")


def test_a_postcode_that_does_not_exist_is_an_error_naming_it(kb_url):
    for code, named in (("E17 9ZZ", "E17 9ZZ"), ("zz9 9zz", "ZZ9 9ZZ"), ("ZZ9", "ZZ9")):
        with pytest.raises(NoSuchPostcode) as e:
            lookup(code, kb_url)
        assert e.value.postcode == named and named in e.value.message and e.value.field == "borough"


def test_malformed_text_is_not_a_postcode(kb_url):
    for text in ("hello", "E17 4AB and N1 9GU", "", "17E 4AB"):
        with pytest.raises(InputError) as e:
            lookup(text, kb_url)
        assert not isinstance(e.value, NoSuchPostcode) and "isn't a UK postcode" in e.value.message


def test_an_unbuilt_knowledge_base_says_so(tmp_path):
    with pytest.raises(KnowledgeBaseUnavailable, match="knowledge build"):
        lookup("E17 4AB", f"sqlite:///{tmp_path / 'none.db'}")


def test_every_borough_has_postcodes_and_every_london_district_is_in_the_database(kb_url):
    """The boroughs' ONS codes in knowledge/data match the directory: each borough is some full postcode's."""
    from sqlalchemy import select

    from knowledge.models import PostcodeDistrict
    from knowledge.store import Catalogue

    rows = Catalogue(kb_url).rows(select(PostcodeDistrict.boroughs).where(PostcodeDistrict.boroughs != ""))
    named = {b for (names,) in rows for b in names.split("|")}
    assert named == {b.name for b in vocabulary().boroughs}
    assert 300 < len(rows) < 400                           # London's districts (330 in November 2025)


# --- the normaliser: the chat's and the CLI's borough answers -------------------------------------------------
@pytest.mark.usefixtures("use_kb")
def test_the_borough_answer_takes_a_postcode_alone_or_in_a_sentence():
    n = normaliser()
    assert n.borough("I live at SE1 7EH") == Place("Lambeth", False)
    assert n.borough("e17 4ab") == Place("Waltham Forest", False)
    assert n.borough("E17") == Place("Waltham Forest", False)
    assert n.borough("my postcode is M1 1AE") == Place(None, True)
    assert n.borough("Hackney") == Place("Hackney", False)               # names still work, postcode or not
    assert n.extract("I'm 24, live at SE1 7EH, got A levels")["borough"] == "Lambeth"


@pytest.mark.usefixtures("use_kb")
@pytest.mark.parametrize("code, borough", [("W12", "Hammersmith and Fulham"), ("BR1", "Bromley"),
                                           ("SW3", "Kensington and Chelsea")])
def test_a_district_mostly_in_one_borough_is_that_borough_with_a_note(code, borough):
    # 86 to 89% of their postcodes are in one borough: read as it, and the resident told how to change it
    place = normaliser().borough(code)
    assert place.borough == borough and "If you live somewhere else" in place.note


@pytest.mark.usefixtures("use_kb")
def test_a_spanning_district_asks_which_borough_without_repeating_the_postcode():
    with pytest.raises(AmbiguousInput) as e:
        normaliser().borough("I'm in N1")
    assert e.value.choices == ("Islington", "Hackney") and "N1 postcode area" in e.value.message


@pytest.mark.usefixtures("use_kb")
def test_a_district_mostly_in_one_borough_is_that_borough_and_says_so():
    place = normaliser().borough("E15")
    assert (place.borough, place.outside_london) == ("Newham", False)
    assert place.note.startswith("Most of the E15 postcode area is in Newham") and "tell me your borough" in place.note
    assert normaliser().borough("E17").note == ""


@pytest.mark.usefixtures("use_kb")
def test_a_postcode_that_does_not_exist_is_re_asked_naming_it():
    with pytest.raises(NoSuchPostcode, match="E17 9ZZ"):
        normaliser().borough("it's e17 9zz")


def test_without_a_knowledge_base_a_postcode_gets_an_answer_the_resident_can_act_on(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHWAYS_DB_URL", f"sqlite:///{tmp_path / 'none.db'}")
    with pytest.raises(InputError, match="tell me your borough's name"):
        normaliser().borough("SE1 7EH")


# --- building -------------------------------------------------------------------------------------------------
def _one_file_source(tmp_path, columns: dict | bytes) -> postcodes.Source:
    path = tmp_path / "postcodes_E.msgpack.br"
    raw = columns if isinstance(columns, bytes) else brotli.compress(
        msgpack.packb({"columns": list(columns), "data": columns}))
    path.write_bytes(raw)
    return postcodes.Source("test", ((path, "x"),))


ONS = {b.ons: b.name for b in vocabulary().boroughs}


def test_the_rows_record_each_postcode_and_nothing_else(tmp_path):
    src = _one_file_source(tmp_path, {"pcd": ["E1  6AN", "E1  6AP", "E1  7AA", "EN5 1AA", "GIR 0AA"],
                                      "laua": ["E09000030", "E09000030", "E09000001", "E07000098", "E09000001"]})
    rows = {r[0]: r for r in postcodes.build_rows(src, ONS)}
    assert set(rows) == {"E1", "EN5"}                     # GIR 0AA is no resident's postcode
    outward, boroughs, outside, units = rows["E1"]
    assert boroughs == "Tower Hamlets|City of London" and not outside
    cells = zlib.decompress(units)
    assert cells[postcodes._index("6AN")] == cells[postcodes._index("6AP")] == 2
    assert cells[postcodes._index("7AA")] == 3 and cells.count(0) == postcodes.UNITS - 3
    assert rows["EN5"][1:3] == ("", True)


def test_unreadable_data_is_an_error_never_a_silent_gap(tmp_path):
    with pytest.raises(DataError, match="cannot be read"):
        postcodes.build_rows(_one_file_source(tmp_path, b"not brotli"), ONS)
    with pytest.raises(DataError, match="cannot be read"):
        postcodes.build_rows(_one_file_source(tmp_path, {"pcd": ["E1  6AN"]}), ONS)
    with pytest.raises(DataError, match="differ in length"):
        postcodes.build_rows(_one_file_source(tmp_path, {"pcd": ["E1  6AN"], "laua": []}), ONS)


class _Dist:
    """A stand-in installed distribution whose RECORD lists one data file."""

    def __init__(self, root, name, sha):
        self.root, self.version = root, "test"
        self.files = [importlib.metadata.PackagePath(name)]
        self.files[0].hash = importlib.metadata.FileHash(f"sha256={sha}")

    def locate_file(self, f):
        return self.root / str(f)


def test_missing_or_altered_data_files_are_named(tmp_path, monkeypatch):
    good = b"the data"
    sha = base64.urlsafe_b64encode(hashlib.sha256(good).digest()).rstrip(b"=").decode()
    monkeypatch.setattr(importlib.metadata, "distribution",
                        lambda name: _Dist(tmp_path, "postcodes_E.msgpack.br", sha))
    with pytest.raises(DataError, match="postcodes_E.msgpack.br: -: missing"):
        postcodes.source()
    (tmp_path / "postcodes_E.msgpack.br").write_bytes(b"altered")
    with pytest.raises(DataError, match="does not match its recorded hash"):
        postcodes.source()
    (tmp_path / "postcodes_E.msgpack.br").write_bytes(good)
    assert postcodes.source().files == ((tmp_path / "postcodes_E.msgpack.br", sha),)


def test_a_package_not_installed_is_an_error(monkeypatch):
    monkeypatch.setattr(postcodes, "PACKAGE", "no-such-package-pathways")
    with pytest.raises(DataError, match="not installed"):
        postcodes.source()


def test_rows_are_cached_by_what_they_are_built_from(tmp_path):
    src = _one_file_source(tmp_path, {"pcd": ["E1  6AN"], "laua": ["E09000030"]})
    first = postcodes.build_rows(src, ONS, tmp_path / "cache")
    (cached,) = (tmp_path / "cache").glob("postcodes-*.msgpack")
    src.files[0][0].write_bytes(b"not read again while the digest is the same")
    assert postcodes.build_rows(src, ONS, tmp_path / "cache") == first
    other = {**ONS, "E09000030": "Renamed"}
    with pytest.raises(DataError):                       # another digest reads the files again
        postcodes.build_rows(src, other, tmp_path / "cache")
    assert cached.exists()
