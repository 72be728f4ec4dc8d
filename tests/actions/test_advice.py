"""Recommendations, follow-ups and hand-over, run against a knowledge base built in the test."""
from __future__ import annotations

import re

import time

from actions.advice import ActionRecommend, ActionShowProfile, ActionTellMore, ActionUpdateProfile, ActionWhyNot
from actions.advice import ActionExplainRoute
from actions.common import UNAVAILABLE
from actions.conversation import ActionHandoff, ActionStartAgain
from actions.questions import AskBarriers, AskQualification
from knowledge import advisor
from knowledge.profile import Profile
from knowledge.vocab import vocabulary
from tests.actions.conftest import make_tracker, run_action, texts

RESIDENT = dict(age=19.0, qualification_level="2", borough="Hackney", barriers=["claiming_benefits"],
                interests=["laboratory"], active_loop=None)


def test_recommendations_come_from_the_knowledge_base_with_sources(use_kb):
    slots, messages, _ = run_action(ActionRecommend(), make_tracker(**RESIDENT))
    payload = next(m["custom"] for m in messages if m.get("custom"))
    assert payload["type"] == "recommendations"
    assert payload["profile"] == {"age": 19, "qualification_level": "2", "borough": "Hackney",
                                  "barriers": ["claiming_benefits"], "interests": ["laboratory"]}
    assert 0 < len(payload["items"]) <= 5
    for item in payload["items"]:
        assert set(item) == {"id", "title", "provider", "route_type", "verdict", "why", "next_step", "url", "source"}
        assert item["source"] and item["why"]
        assert item["verdict"] in ("fits", "check")
        assert (item["verdict"] == "check") == any(w.startswith("Check") for w in item["why"])
    assert slots["recommended"] == [i["id"] for i in payload["items"]] and slots["profile_complete"] is True
    buttons = [b["payload"] for m in messages for b in m.get("buttons") or []]
    assert "/start_again" in buttons and "/human_handoff" in buttons and "/why_not" in buttons
    assert payload["items"][0]["title"] in texts(messages)


def test_knowledge_base_down_gives_a_helpful_message_not_a_stack_trace(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHWAYS_DB_URL", f"sqlite:///{tmp_path / 'missing.db'}")
    slots, messages, _ = run_action(ActionRecommend(), make_tracker(**RESIDENT))
    assert texts(messages) == UNAVAILABLE and "0800 100 900" in UNAVAILABLE
    assert not any(m.get("custom") for m in messages)


def test_slow_knowledge_base_times_out_politely(use_kb, monkeypatch):
    import knowledge.advisor

    monkeypatch.setenv("PATHWAYS_KB_TIMEOUT", "0.2")
    monkeypatch.setattr(knowledge.advisor, "recommend", lambda *a, **k: time.sleep(1))
    _, messages, _ = run_action(ActionRecommend(), make_tracker(**RESIDENT))
    assert texts(messages) == UNAVAILABLE


def test_correction_after_recommendations(use_kb):
    slots, messages, _ = run_action(ActionUpdateProfile(), make_tracker("I moved to Camden", **RESIDENT))
    assert slots["borough"] == "Camden" and "updated" in texts(messages)
    slots, _, _ = run_action(ActionUpdateProfile(), make_tracker("sorry I'm actually 27", **RESIDENT))
    assert slots["age"] == 27.0
    _, messages, _ = run_action(ActionUpdateProfile(), make_tracker("blah", **RESIDENT))
    assert "didn't catch" in texts(messages)


def test_a_correction_that_needs_a_question_asks_it_alone(use_kb):
    """ "Bromley or Croydon, one of them" after the routes: one question, not "I didn't catch that" as well, and
    not the same five routes again below it (which would bury the question)."""
    said = "bromley or croydon, one of them"
    places = [{"entity": "borough", "value": "bromley"}, {"entity": "borough", "value": "croydon"}]
    slots, messages, events = run_action(ActionUpdateProfile(), make_tracker(said, entities=places, **RESIDENT))
    assert not slots and texts(messages).count("?") == 1 and "Which borough" in texts(messages)
    assert "didn't catch" not in texts(messages)
    after = make_tracker(said, entities=places, **RESIDENT)
    after.events += [{"event": "action", "name": "action_update_profile"}, *events]
    after.latest_action_name = "action_update_profile"
    slots, messages, _ = run_action(ActionRecommend(), after)
    assert not messages and slots == {"profile_complete": True}
    moved = make_tracker("I moved to Camden", **RESIDENT)
    _, _, events = run_action(ActionUpdateProfile(), moved)
    moved.events += [{"event": "action", "name": "action_update_profile"}, *events]
    moved.latest_action_name = "action_update_profile"
    _, messages, _ = run_action(ActionRecommend(), moved)
    assert "Here are the routes" in texts(messages)


def routes_for(slots: dict) -> list:
    """The programmes the knowledge base recommends for these slots, best first."""
    return [r.programme for r in advisor.recommend(Profile.from_slots(slots)).recommendations]


def test_tell_me_more_by_name_payload_and_position(use_kb):
    first, second = routes_for(RESIDENT)[:2]
    _, messages, _ = run_action(ActionTellMore(), make_tracker(f"tell me more about {first.title}",
                                                               intent="ask_more", **RESIDENT))
    assert texts(messages).startswith(f"{first.title}, run by {first.provider}.")
    assert "Source:" in texts(messages) and "Next step:" in texts(messages)
    _, messages, _ = run_action(ActionTellMore(), make_tracker(
        f'/ask_more{{"programme": "{second.id}"}}', intent="ask_more",
        entities=[{"entity": "programme", "value": second.id}], **RESIDENT))
    assert texts(messages).startswith(f"{second.title}, run by")
    _, messages, _ = run_action(ActionTellMore(), make_tracker("more about the second one", intent="ask_more",
                                                               recommended=[first.id, second.id], **RESIDENT))
    assert texts(messages).startswith(f"{second.title}, run by")


def test_tell_me_more_by_words_of_a_title_on_the_list(use_kb):
    shown = routes_for(RESIDENT)[:5]
    titles = {p.id: p.title for p in shown}
    # a word of one title that no other title on the list has
    own = next((p, w) for p in shown for w in p.title.lower().split() if len(w) > 3
               and not any(w in t.lower().split() for pid, t in titles.items() if pid != p.id))
    _, messages, _ = run_action(ActionTellMore(), make_tracker(f"tell me abt the {own[1]} one", intent="ask_more",
                                                               recommended=list(titles), **RESIDENT))
    assert texts(messages).startswith(f"{own[0].title}, run by")
    _, messages, _ = run_action(ActionTellMore(), make_tracker("tell me abt the other one", intent="ask_more",
                                                               recommended=list(titles), **RESIDENT))
    assert "Which one?" in texts(messages)


def test_what_is_a_route(use_kb):
    for text, name in (("what is a T Level?", "T Level"), ("what's a SWAP?", "SWAP")):
        _, messages, _ = run_action(ActionExplainRoute(), make_tracker(text, intent="ask_route", **RESIDENT))
        assert texts(messages).startswith(name)


def test_a_question_about_no_route_in_particular_asks_nothing_so_the_form_question_stands_alone(use_kb):
    """Mid-form, the form's own question follows these replies: one turn puts one question."""
    for action, intent in ((ActionExplainRoute(), "ask_route"), (ActionWhyNot(), "why_not"),
                           (ActionTellMore(), "ask_more")):
        _, messages, _ = run_action(action, make_tracker("i dont know what is good for me", intent=intent,
                                                         requested_slot="interests", age=30.0))
        said = texts(messages)
        assert said and "?" not in re.sub(r'"[^"]*"', "", said)


def test_what_about_a_route_after_the_list_says_which_fit(use_kb):
    """ "What about bootcamps?" once the list is shown: what a bootcamp is, then which fit them and why others don't;
    before the list, only what it is."""
    young = {**RESIDENT, "age": 17.0}
    _, before, _ = run_action(ActionExplainRoute(), make_tracker("what about bootcamps?", intent="ask_route", **young))
    _, after, _ = run_action(ActionExplainRoute(), make_tracker("what about bootcamps?", intent="ask_route",
                                                                profile_complete=True, **young))
    left_out = advisor.recommend(Profile.from_slots(young), route_type="skills_bootcamp").excluded
    assert texts(after).startswith(texts(before)) and texts(before).startswith("Skills Bootcamp")
    assert left_out and all(f"{e.programme.title}: {e.reason}" in texts(after) for e in left_out[:4])
    assert not any(e.reason in texts(before) for e in left_out)


def test_why_not_gives_the_engines_reason(use_kb):
    young = {**RESIDENT, "age": 17.0}
    _, messages, _ = run_action(ActionWhyNot(), make_tracker("why not a bootcamp?", intent="why_not", **young))
    left_out = advisor.recommend(Profile.from_slots(young), route_type="skills_bootcamp").excluded
    assert left_out and all(f"{e.programme.title}: {e.reason}" in texts(messages) for e in left_out[:4])
    croydon = {**RESIDENT, "borough": "Croydon"}
    local = next(e for e in advisor.recommend(Profile.from_slots(croydon)).excluded
                 if e.reason.endswith("you live in Croydon."))
    _, messages, _ = run_action(ActionWhyNot(), make_tracker(f"why not {local.programme.title}", intent="why_not",
                                                             **croydon))
    assert texts(messages) == f"{local.programme.title}: {local.reason}"


def test_show_profile_respects_declined_answers(use_kb):
    _, messages, _ = run_action(ActionShowProfile(), make_tracker(**{**RESIDENT, "declined": ["borough"],
                                                                    "borough": None}))
    assert "Age: 19" in texts(messages) and "Where you live: Rather not say" in texts(messages)


def test_handoff_gives_national_careers_and_the_council(monkeypatch):
    _, messages, _ = run_action(ActionHandoff(), make_tracker())
    assert "0800 100 900" in texts(messages) and "council" in texts(messages)
    meta = {"council": {"name": "Hackney Council", "employment_team": "Hackney Works, jobs@example.org"}}
    _, messages, _ = run_action(ActionHandoff(), make_tracker(metadata=meta))
    assert "Hackney Council's employment team: Hackney Works" in texts(messages)


def test_start_again_clears_the_profile():
    slots, _, _ = run_action(ActionStartAgain(), make_tracker(**RESIDENT))
    assert all(slots[s] is None for s in ("age", "qualification_level", "borough", "barriers", "interests"))
    assert slots["profile_complete"] is False and slots["declined"] == []


def test_questions_offer_buttons_from_the_vocabularies():
    _, messages, _ = run_action(AskQualification(), make_tracker())
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert "GCSEs" in titles and "Rather not say" in titles
    reask = {"slot": "barriers", "text": "I didn't match that to the situations I know about.", "question": False}
    _, messages, _ = run_action(AskBarriers(), make_tracker(failed_attempts=2, reask=reask))
    assert "None of these" in [b["title"] for b in messages[0]["buttons"]]
    assert messages[0]["text"].startswith("I didn't match that to the situations I know about. You can type things")


def test_why_not_a_route_type_is_about_the_route_not_one_programme(use_kb):
    _, messages, _ = run_action(ActionWhyNot(), make_tracker("why not a bootcamp", intent="why_not", **RESIDENT))
    fit = [r.programme.title for r in advisor.recommend(Profile.from_slots(RESIDENT), route_type="skills_bootcamp")
           .recommendations[:3]]
    assert texts(messages).startswith(f"{vocabulary().route_type('skills_bootcamp').name}: ") and fit
    assert f"Some do fit you: {', '.join(fit)}." in texts(messages)


def test_show_me_more_gives_the_next_five_then_says_when_there_are_no_more(use_kb):
    from actions.advice import ActionShowMore

    first, _, _ = run_action(ActionRecommend(), make_tracker(**RESIDENT))
    more, messages, _ = run_action(ActionShowMore(), make_tracker(**RESIDENT, page=first["page"]))
    assert more["page"] == 1.0 and more["recommended"] and not set(more["recommended"]) & set(first["recommended"])
    assert "Here are routes 6 to" in texts(messages)
    _, messages, _ = run_action(ActionShowMore(), make_tracker(**RESIDENT, page=99.0))
    assert "That's all of them" in texts(messages)


def test_a_correction_recomputes_so_a_route_no_longer_fitting_disappears(use_kb):
    from actions.advice import ActionUpdateProfile

    young = {**RESIDENT, "age": 17.0}
    slots, _, _ = run_action(ActionRecommend(), make_tracker(**young))
    before = set(slots["recommended"])
    update, _, _ = run_action(ActionUpdateProfile(), make_tracker("sorry, I'm actually 30", **young))
    assert update["age"] == 30.0
    after, _, _ = run_action(ActionRecommend(), make_tracker(**{**young, **update}))
    fits = {r.programme.id for r in advisor.recommend(Profile.from_slots({**young, **update})).recommendations}
    assert set(after["recommended"]) <= fits
    no_longer = before - fits                               # fitted at 17, not at 30: shown before, gone now
    assert no_longer and not no_longer & set(after["recommended"])


def test_someone_waiting_for_an_asylum_decision_is_told_why_and_what_they_can_do_now(use_kb):
    slots, messages, _ = run_action(ActionRecommend(), make_tracker(**{**RESIDENT, "age": 25.0,
                                                                        "barriers": ["asylum_seeker"]}))
    assert "usually can't take a job" in texts(messages) and "ESOL" in texts(messages)
    payload = next(m["custom"] for m in messages if m.get("custom"))
    assert not {"apprenticeship", "skills_bootcamp", "swap"} & {i["route_type"] for i in payload["items"]}


def test_why_not_with_a_correction_changes_the_answer_then_explains_and_shows_the_list_again(use_kb):
    """"why no T level for me? is it cause I'm 20": the reason is given for 20, not for the age recorded."""
    older = {**RESIDENT, "age": 30.0}
    slots, messages, _ = run_action(ActionWhyNot(), make_tracker("why no T level for me? is it cause I'm 20",
                                                                 intent="why_not", **older))
    assert slots["age"] == 20.0
    said = texts(messages)
    assert "Thanks, I've updated your answers." in said
    now = Profile.from_slots({**older, "age": 20.0})
    left_out = advisor.recommend(now, route_type="t_level").excluded
    assert left_out and f"{left_out[0].programme.title}: {left_out[0].reason}" in said
    first = advisor.recommend(now).recommendations[0].programme
    assert slots["recommended"][0] == first.id and first.title in said


def test_a_question_about_a_route_after_the_list_with_an_age_in_it_changes_the_age_then_answers(use_kb):
    """"im 45 can i still do an apprenticeship": the apprenticeships that fit are those for 45, and the list is shown
    again for 45; before the list the form reads the age itself."""
    older = {**RESIDENT, "age": 30.0}
    slots, messages, _ = run_action(ActionExplainRoute(), make_tracker("im 45 can i still do an apprenticeship",
                                                                       intent="ask_route", profile_complete=True,
                                                                       **older))
    assert slots["age"] == 45.0 and "Thanks, I've updated your answers." in texts(messages)
    first = advisor.recommend(Profile.from_slots({**older, "age": 45.0})).recommendations[0].programme
    assert slots["recommended"][0] == first.id
    slots, messages, _ = run_action(ActionExplainRoute(), make_tracker("what about apprenticeships", intent="ask_route",
                                                                       profile_complete=True, **older))
    assert "age" not in slots and "updated" not in texts(messages)
    slots, _, _ = run_action(ActionExplainRoute(), make_tracker("im 45 can i still do an apprenticeship",
                                                                intent="ask_route", **older))
    assert slots == {}


def test_why_not_naming_a_route_changes_no_answer(use_kb):
    slots, messages, _ = run_action(ActionWhyNot(), make_tracker("why no apprenticeships?", intent="why_not",
                                                                 **RESIDENT))
    assert slots == {} and "updated" not in texts(messages)


def test_why_not_during_the_questions_leaves_the_answers_to_the_form(use_kb):
    slots, _, _ = run_action(ActionWhyNot(), make_tracker("why not a bootcamp? I'm 20", intent="why_not",
                                                          requested="borough", age=30.0))
    assert "age" not in slots


def test_a_circumstance_told_after_the_list_adds_to_those_given_unless_it_takes_one_back(use_kb):
    carer = {**RESIDENT, "barriers": ["caring_responsibilities"]}
    slots, _, _ = run_action(ActionUpdateProfile(), make_tracker("forgot to mention I've got a criminal record",
                                                                 **carer))
    assert slots["barriers"] == ["caring_responsibilities", "criminal_record"]
    slots, _, _ = run_action(ActionWhyNot(), make_tracker("why isn't SWAP there? I'm on UC", intent="why_not",
                                                          **carer))
    assert slots["barriers"] == ["caring_responsibilities", "claiming_benefits"]
    slots, _, _ = run_action(ActionUpdateProfile(), make_tracker("sorry, I meant I'm on UC, not a carer", **carer))
    assert slots["barriers"] == ["claiming_benefits"]
