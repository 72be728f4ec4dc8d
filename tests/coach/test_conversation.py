"""Reading Rasa's tracker JSON for the console."""
from __future__ import annotations

from bot.coach import conversation as conv
from knowledge.profile import Profile

ASK = {"event": "bot", "text": "What's the highest qualification you have?",
       "data": {"buttons": [{"title": "GCSEs grades 9 to 4", "payload": '/inform{"qualification_level": "2"}'},
                            {"title": "Rather not say", "payload": "/decline"}]}}
RECS = {"event": "bot", "text": None, "data": {"custom": {"type": "recommendations", "items": [{"id": "x"}]}}}
NEXT = {"event": "bot", "text": "What would you like to do next?",
        "data": {"buttons": [{"title": "Start again", "payload": "/start_again"}]}}


def user(text: str, intent: str = "inform") -> dict:
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}}


def test_a_clicked_button_reads_as_its_title_and_typed_words_as_they_were():
    tracker = {"events": [{"event": "action", "name": "action_listen"}, user("I'm 19"), ASK,
                          user('/inform{"qualification_level": "2"}'), RECS, NEXT, user("/start_again", "start_again")]}
    turns = conv.turns(tracker)
    assert [(t.who, t.text) for t in turns if t.who == "resident"] == [
        ("resident", "I'm 19"), ("resident", "GCSEs grades 9 to 4"), ("resident", "Start again")]
    assert conv.latest_recommendations(turns) == RECS["data"]["custom"]
    assert conv.waiting_buttons(turns) == []                      # the resident has answered


def test_the_opening_payload_is_no_turn_of_the_resident_s():
    # the console showed "greet" as the resident's first message
    turns = conv.turns({"events": [user("/greet", "greet"), ASK, user("hello", "greet")]})
    assert [(t.who, t.text) for t in turns] == [("bot", ASK["text"]), ("resident", "hello")]


def test_the_buttons_on_offer_are_the_latest_set():
    turns = conv.turns({"events": [user("hi"), ASK]})
    assert [b["title"] for b in conv.waiting_buttons(turns)] == ["GCSEs grades 9 to 4", "Rather not say"]
    # A coach's refresh sends new recommendations and buttons after the old ones: only the new ones are on offer.
    refreshed = conv.turns({"events": [user("lab work"), RECS, NEXT, RECS,
                                       {**NEXT, "data": {"buttons": [{"title": "Talk to a person",
                                                                      "payload": "/human_handoff"}]}}]})
    assert [b["title"] for b in conv.waiting_buttons(refreshed)] == ["Talk to a person"]


def test_the_profile_comes_from_the_slots_and_the_questions_are_done_only_after_recommending():
    tracker = {"slots": {"age": 19.0, "qualification_level": "2", "borough": None, "outside_london": True,
                         "barriers": None, "interests": ["laboratory"], "declined": ["barriers"],
                         "profile_complete": True}, "active_loop": {}}
    p = Profile.from_slots(conv.slots(tracker))
    assert (p.age, p.outside_london, p.barriers, p.interests) == (19, True, (), ("laboratory",))
    assert conv.declined(tracker) == ["barriers"] and conv.questions_done(tracker)
    assert not conv.questions_done({**tracker, "active_loop": {"name": "profile_form"}})
    assert not conv.questions_done({"slots": {"profile_complete": False}})
