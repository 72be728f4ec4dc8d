"""A coach's correction reaches the assistant as the payload of an answer, which the form and the assistant's
correction action read the way they read a resident's own answers; the transcript says what was updated."""
from __future__ import annotations

import json

from actions.form import parse
from bot.coach.conversation import turns
from bot.coach.corrections import KEPT, OUTSIDE_LONDON, correct, payload
from tests.coach.test_corrections import form, tracker


def _answers(text: str) -> dict:
    assert text.startswith("/inform{")
    return json.loads(text[len("/inform"):])


def test_the_payload_carries_only_what_changed_in_words_the_assistant_reads():
    now = tracker(age=19.0, qualification_level="2", borough="Hackney", barriers=["claiming_benefits"],
                  interests=["laboratory"], profile_complete=True)
    fix = correct(form(age="22", qualification_level="2", borough=OUTSIDE_LONDON, barriers=[],
                       interests=["laboratory"]), now)
    answers = _answers(payload(fix))
    assert answers == {"age": 22, "borough": "outside London", "barriers": "none"}
    # what the assistant makes of each, with the same parser the form and the correction action use
    assert parse("age", answers["age"]) == {"age": 22.0}
    assert parse("borough", answers["borough"]) == {"borough": None, "outside_london": True}
    assert parse("barriers", answers["barriers"]) == {"barriers": []}


def test_an_answer_cannot_be_emptied_and_nothing_is_sent():
    fix = correct(form(age="", borough="Camden"), tracker(age=30.0, borough="Camden"))
    assert fix.errors == {"age": KEPT} and fix.values == {}


def test_the_transcript_shows_a_correction_as_the_answers_it_gave():
    events = [{"event": "bot", "text": "How old are you?", "data": {"buttons": [{"title": "16-18",
                                                                                  "payload": '/inform{"age": 17}'}]}},
              {"event": "user", "text": '/inform{"age": 17}'},
              {"event": "user", "text": '/inform{"age": 40, "interests": ["laboratory", "research"]}',
               "parse_data": {"intent": {"name": "inform"},
                              "entities": [{"entity": "age", "value": 40},
                                           {"entity": "interests", "value": ["laboratory", "research"]}]}}]
    shown = [t.text for t in turns({"events": events}) if t.who == "resident"]
    assert shown == ["16-18", "Answers updated: age 40; interests laboratory, research"]
