"""The actions count one record per conversation for the insight report, from the conversation's events, and
nothing that could lead back to the resident reaches the report."""
from __future__ import annotations

import html
import json

from actions.advice import ActionRecommend
from actions.conversation import ActionHandoff
from bot.insight import render
from bot.insight.report import build
from pathways.insight import store, writer
from tests.actions.conftest import make_tracker, run_action

RESIDENT = {"age": 19.0, "qualification_level": "2", "borough": "Hackney", "barriers": ["care_leaver"],
            "interests": ["laboratory"], "declined": ["age"]}
SENDER = "resident-7f3a9c"
SAID = "I'm Zebedee Quattlebaum from 14 Acacia Avenue, call me on 07700 900123"


def conversation(*actions: str, **slots):
    t = make_tracker(text=SAID, active_loop=None, **{**RESIDENT, **slots})
    t.sender_id = SENDER
    t.events[:0] = [{"event": "action", "name": a} for a in actions]      # what ran earlier in the conversation
    return t


def test_the_first_recommendations_of_a_conversation_are_counted(use_kb, insight_jobs):
    run_action(ActionRecommend(), conversation("profile_form"))
    [job] = insight_jobs
    assert job.conversations == 1 and not job.asked_person and job.result is not None
    assert job.declined == ("age",) and job.profile.borough == "Hackney"


def test_a_person_asked_for_before_the_recommendations_is_in_their_record(use_kb, insight_jobs):
    run_action(ActionRecommend(), conversation("action_handoff", "profile_form"))
    assert [j.asked_person for j in insight_jobs] == [True]


def test_recommendations_again_in_the_same_conversation_are_not_counted_again(use_kb, insight_jobs):
    run_action(ActionRecommend(), conversation("action_recommend", "action_update_profile"))
    assert insight_jobs == []


def test_a_person_asked_for_after_the_recommendations_adds_to_that_count_once(insight_jobs):
    run_action(ActionHandoff(), conversation("action_recommend"))
    [job] = insight_jobs
    assert job.asked_person and job.conversations == 0 and job.result is None
    run_action(ActionHandoff(), conversation("action_recommend", "action_handoff"))
    run_action(ActionHandoff(), conversation("profile_form"))       # before any recommendations: not counted
    assert len(insight_jobs) == 1


def test_no_id_and_no_free_text_reach_the_counts_or_any_format(use_kb, insight_jobs, tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'console.db'}"
    monkeypatch.setenv("PATHWAYS_CONSOLE_DB_URL", url)
    run_action(ActionRecommend(), conversation("profile_form"))
    run_action(ActionHandoff(), conversation("action_recommend"))
    for job in insight_jobs:
        writer._write(job)                      # what the background thread does, here in the test
    engine = store.get_engine(url)
    with engine.connect() as c:
        stored = [dict(r) for r in c.execute(store.counts.select()).mappings()]
    assert [(r["conversations"], r["asked_person"]) for r in stored] == [(1, 1)]
    assert set(stored[0]) == {"week", "borough", "age_band", "qualification_band", "circumstances", "interests",
                              "routes", "route_types", "conversations", "asked_person"}
    report = build(store.read(engine))
    outputs = {f: render.render(report, f) for f in render.FORMATS}
    outputs["html"] = html.unescape(outputs["html"])
    outputs["json"] = json.dumps(json.loads(outputs["json"]), ensure_ascii=False)
    words = ["Zebedee", "Quattlebaum", "Acacia", "07700", "900123"]          # what only the resident said
    for fmt, text in [*outputs.items(), ("database", json.dumps(stored))]:
        assert SENDER not in text and "7f3a9c" not in text, fmt
        assert not [w for w in words if w.lower() in text.lower()], fmt
    assert stored[0]["age_band"] == "not_given" and stored[0]["borough"] == "Hackney"
