"""The command-line contract other tools rely on: JSON shape, exit codes, one-line errors."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from knowledge import advisor
from knowledge.catalogue import load_programmes

RECOMMEND = ["recommend", "--age", "19", "--qualification", "5 GCSEs", "--borough", "Hackney",
             "--barrier", "I'm on universal credit", "--interest", "lab work"]


def cli(*args, db=None):
    env = {**os.environ}
    if db:
        env["PATHWAYS_DB_URL"] = db
    return subprocess.run([sys.executable, "-m", "knowledge", *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.fixture(scope="module")
def example(kb_url):
    out = cli(*RECOMMEND, "--json", db=kb_url)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


CHECK = ("Check: ", "Check with the provider: ")


def test_json_shape(example):
    assert set(example) == {"profile", "recommendations", "excluded"}
    assert example["profile"] == {"age": 19, "qualification_level": "2", "borough": "Hackney",
                                  "barriers": ["claiming_benefits"], "interests": ["laboratory"]}
    assert example["recommendations"] and example["excluded"]
    for item in example["recommendations"]:
        assert set(item) == {"id", "title", "provider", "route_type", "verdict", "why", "next_step", "url", "source",
                             "checked"}
        assert item["why"] and all(isinstance(w, str) and w for w in item["why"])
        assert item["source"] and item["checked"]
        assert item["verdict"] in ("fits", "check")
        checks = [w for w in item["why"] if w.startswith(CHECK)]
        if item["verdict"] == "check":          # its checks are "Check..." lines, after the reasons it fits
            assert checks and item["why"][-len(checks):] == checks, item
        else:
            assert checks == [], item
    assert {item["verdict"] for item in example["recommendations"]} == {"fits", "check"}
    for item in example["excluded"]:
        assert set(item) == {"id", "title", "route_type", "reason"} and item["reason"]


def test_the_answer_is_the_advisors_for_the_residents_own_words(example, kb_url):
    """The routes, their order and every sentence are the advisor's (which routes those are is tested on catalogues
    written in the tests)."""
    profile = advisor.profile_from_answers(age="19", qualification="5 GCSEs", borough="Hackney",
                                           barriers=["I'm on universal credit"], interests=["lab work"])
    assert example == advisor.recommend(profile, kb_url).to_dict()


def test_readable_summary(kb_url):
    out = cli(*RECOMMEND, db=kb_url)
    assert out.returncode == 0
    assert "Profile: Age: 19; Highest qualification: Level 2 (" in out.stdout
    assert "Where you live: Hackney" in out.stdout
    assert "Next step:" in out.stdout


@pytest.mark.parametrize("args, field", [
    (["--age", "300"], "age"), (["--age", "abc"], "age"), (["--borough", "Narnia"], "borough"),
    (["--qualification", "btec"], "qualification"), (["--barrier", "zzzz"], "circumstances"),
    (["--interest", "zzzz"], "interests"),
])
def test_invalid_input_exits_2_with_one_line_naming_the_field(kb_url, args, field):
    out = cli("recommend", *args, db=kb_url)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {field}: ")
    assert "Traceback" not in out.stderr


def test_bad_arguments_exit_2_without_usage_dump():
    out = cli("recommend", "--nonsense")
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1


def test_unbuilt_and_unreachable_database(tmp_path):
    out = cli(*RECOMMEND, db=f"sqlite:///{tmp_path / 'none.db'}")
    assert out.returncode == 1 and "python -m knowledge build" in out.stderr and "Traceback" not in out.stderr
    out = cli(*RECOMMEND, db="postgresql://nobody@127.0.0.1:1/none")
    assert out.returncode == 1 and "cannot read the knowledge base" in out.stderr and "Traceback" not in out.stderr


def test_validate_reports_problems_and_exits_1(data_copy):
    (data_copy / "programmes.yml").write_text("- id: Bad Id\n")
    out = subprocess.run([sys.executable, "-m", "knowledge", "validate"], capture_output=True, text=True,
                         env={**os.environ, "PATHWAYS_KB_DATA": str(data_copy)}, timeout=120)
    assert out.returncode == 1
    assert "programmes.yml: Bad Id: `id` must be lower_snake_case" in out.stderr


def test_validate_checks_landmarks_against_the_postcode_directory(data_copy):
    path = data_copy / "boroughs.yml"
    path.write_text(path.read_text().replace("postcode: E11 1NR", "postcode: E8 1EJ"))     # Hackney Empire's
    out = subprocess.run([sys.executable, "-m", "knowledge", "validate"], capture_output=True, text=True,
                         env={**os.environ, "PATHWAYS_KB_DATA": str(data_copy)}, timeout=120)
    assert out.returncode == 1
    assert "landmark 'whipps cross hospital': postcode E8 1EJ is in Hackney, not Waltham Forest" in out.stderr


def test_outside_london_gets_national_routes_and_checks_for_london_ones(kb_url):
    out = cli("recommend", "--age", "30", "--borough", "Manchester", "--json", db=kb_url)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["profile"]["borough"] is None
    assert data["recommendations"]
    national = "It's available across England. Living outside London doesn't matter."
    for r in data["recommendations"]:
        in_london = [w for w in r["why"] if w.startswith("Check with the provider: it runs in London")
                     and w.endswith("; ask whether they take people from outside London.")]
        assert (national in r["why"]) != bool(in_london), r
        assert r["verdict"] == "check" or not in_london
    for_residents = {p.id for p in load_programmes() if p.condition("lives_in", rule=True)}
    assert for_residents and for_residents <= {e["id"] for e in data["excluded"]}       # only for where they live


def test_borough_takes_a_postcode(kb_url):
    out = cli("recommend", "--borough", "e17 4ab", "--json", db=kb_url)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["profile"]["borough"] == "Waltham Forest"
    assert "E17 4AB" not in out.stdout.upper()                    # the answer names the borough only
    spans = cli("recommend", "--borough", "N1", db=kb_url)
    assert spans.returncode == 2 and spans.stdout == ""
    assert spans.stderr.startswith("error: borough: The N1 postcode area covers parts of Islington and Hackney")
    missing = cli("recommend", "--borough", "E17 9ZZ", db=kb_url)
    assert missing.returncode == 2 and "I can't find the postcode E17 9ZZ" in missing.stderr
