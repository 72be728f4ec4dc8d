"""The action plan: only agreed, non-declined answers; routes with next steps and sources; the pathway picture;
the PDF carries the same text."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from bot.coach import pdf, plan
from bot.coach.models import AgreedAction
from knowledge import advisor
from knowledge.engine import recommend
from knowledge.profile import Profile
from knowledge.vocab import vocabulary
from tests.knowledge.test_engine import prog

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def result(use_kb):
    profile = advisor.profile_from_answers(age="19", qualification="5 GCSEs", borough="Hackney",
                                           barriers=["I'm on universal credit"], interests=["lab work"])
    return advisor.recommend(profile)


def make(result, agreed, declined=(), routes=None, actions=()):
    return plan.build(label="JD", coach="alex", profile=result.profile, declined=list(declined), agreed=agreed,
                      result=result, routes=routes, actions=list(actions), today=TODAY)


def test_only_the_answers_the_resident_agreed_to_and_did_not_decline_are_in_it(result):
    p = make(result, agreed=["borough", "qualification_level", "age"], declined=["age"])
    assert [label for label, _ in p["profile"]] == ["Highest qualification", "Where you live"]
    assert p["now"] == "Now: Level 2"
    hidden = make(result, agreed=[])
    assert hidden["profile"] == [] and hidden["now"] == "Now: where you are today"      # the level is not given away


def test_routes_default_to_the_top_recommendations_or_the_coachs_choice(result, monkeypatch):
    p = make(result, agreed=[])
    assert [r["id"] for r in p["routes"]] == [r.programme.id for r in result.recommendations[:plan.ROUTES]]
    for r in p["routes"]:
        assert r["next_step"] and r["source"] and r["why"] and r["jobs"]
    chosen = result.recommendations[-1].programme.id
    assert [r["id"] for r in make(result, agreed=[], routes=[chosen])["routes"]] == [chosen]
    assert make(result, agreed=[], routes=["no_such_route"])["routes"] == []


def test_the_work_a_route_leads_to_starts_with_the_residents_interests():
    progs = [prog("lab", interests=["healthcare", "laboratory"], position=0),
             prog("wards", interests=["healthcare", "research"], position=1), prog("any", position=2)]
    result = recommend(Profile(age=19, interests=("laboratory",)), progs, vocabulary())
    v = vocabulary()
    assert {r["id"]: r["jobs"] for r in make(result, agreed=[])["routes"]} == {
        "lab": [v.interest("laboratory").name],                                      # theirs, of those it offers
        "wards": [v.interest("healthcare").name, v.interest("research").name],       # none theirs: all it offers
        "any": [v.route_type("short_course").name]}                                  # none at all: the route


def test_the_picture_has_a_box_for_now_and_two_per_route_with_arrows_between(result):
    p = make(result, agreed=["qualification_level"])
    d = plan.diagram(p)
    kinds = [b.kind for b in d.boxes]
    assert kinds.count("now") == 1 and kinds.count("route") == kinds.count("jobs") == len(p["routes"])
    assert len(d.arrows) == 2 * len(p["routes"])
    routes = [b for b in d.boxes if b.kind == "route"]
    assert all(a.y + a.h <= b.y for a, b in zip(routes, routes[1:]))          # no overlaps
    assert all(b.x + b.w <= d.width and b.y + b.h <= d.height + 1e-9 for b in d.boxes)


def test_the_pdf_holds_the_routes_actions_contacts_and_consented_profile(result, monkeypatch):
    monkeypatch.setenv("PATHWAYS_COUNCIL_NAME", "Hackney Council")
    monkeypatch.setenv("PATHWAYS_COUNCIL_EMPLOYMENT_TEAM", "Hackney Works, 020 8356 3000")
    action = AgreedAction(kind="next_step", text="Call the college about the course", owner="Resident",
                          due=dt.date(2026, 12, 1))
    p = make(result, agreed=["borough"], declined=["age"], actions=[action])
    data = pdf.render(p)
    assert data.startswith(b"%PDF")
    text = " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())
    for r in p["routes"]:
        assert pdf.plain(r["title"]) in text
    assert "Where you live: Hackney" in text and "Age" not in text.split("Your pathway")[0]
    assert "Call the college about the course (Resident, by 2026-12-01)" in text
    assert "Hackney Works, 020 8356 3000" in text and "0800 100 900" in text
    assert re.search(r"page 1 of \d", text)


def test_text_outside_latin_1_does_not_break_the_pdf():
    assert pdf.plain("It\u2019s \u201cfree\u201d \u2013 see \u2192 \u4e2d") == "It's \"free\" - see -> ?"
