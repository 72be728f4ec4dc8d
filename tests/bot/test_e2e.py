"""The real thing: `python -m bot run` (action server + Rasa with the trained model), talked to over REST."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

from bot.shell import send

RASA = ""


@pytest.fixture(scope="module", autouse=True)
def _rasa_url(servers):
    global RASA
    RASA = servers.rasa


def say(sender: str, text: str) -> list[dict]:
    return send(RASA, sender, text)


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def test_a_resident_gets_sourced_recommendations_over_rest(servers):
    me = f"e2e-{uuid.uuid4().hex[:8]}"
    assert "How old are you?" in texts(say(me, "hello"))
    replies = say(me, "I'm 24, from Tower Hamlets, I've got A levels and want lab work")
    assert "Do any of these apply to you?" in texts(replies)           # only the missing question
    replies = say(me, "none of these")
    custom = next(r["custom"] for r in replies if r.get("custom"))
    assert custom["type"] == "recommendations" and custom["items"]
    assert custom["profile"]["borough"] == "Tower Hamlets" and custom["profile"]["age"] == 24
    assert all(item["source"] for item in custom["items"])
    replies = say(me, "sorry, I'm actually 27")
    custom = next(r["custom"] for r in replies if r.get("custom"))
    assert custom["profile"]["age"] == 27


def test_distress_is_signposted_before_anything_else(servers):
    me = f"e2e-{uuid.uuid4().hex[:8]}"
    say(me, "hi")
    replies = say(me, "I want to end it all")
    assert "116 123" in replies[0]["text"] and "NHS 111" in replies[0]["text"]


def test_what_is_said_in_distress_is_kept_and_never_asked_again(servers):
    me = f"e2e-{uuid.uuid4().hex[:8]}"
    for text in ("hi", "19", "5 GCSEs", "hackney"):
        say(me, text)
    replies = say(me, "i've got nowhere to sleep tonight and i'm scared")
    assert "116 123" in replies[0]["text"]
    assert "Do any of these apply to you?" not in texts(replies)       # the questions stop
    replies = say(me, "carry on")
    assert "Do any of these apply to you?" not in texts(replies)       # homelessness was said: not asked again
    assert "What kind of work" in texts(replies)


def test_the_http_api_needs_the_token(servers):
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(f"{RASA}/conversations/x/tracker", timeout=10)
    assert e.value.code == 401
    with urllib.request.urlopen(f"{RASA}/conversations/x/tracker?token=e2e-test-token", timeout=10) as r:
        assert json.loads(r.read())["sender_id"] == "x"


def test_a_restart_mid_form_loses_no_answer(servers):
    me = f"e2e-{uuid.uuid4().hex[:8]}"
    say(me, "hi")
    say(me, "19")
    assert "Which London borough" in texts(say(me, "5 GCSEs"))
    servers.stop()
    servers.start()
    replies = say(me, "hackney")
    assert "Do any of these apply to you?" in texts(replies)
    say(me, "none")
    replies = say(me, "lab work")
    custom = next(r["custom"] for r in replies if r.get("custom"))
    assert custom["profile"] == {"age": 19, "qualification_level": "2", "borough": "Hackney", "barriers": [],
                                 "interests": ["laboratory"]}


def test_a_postcode_answers_the_borough_question_and_only_the_borough_is_kept(servers):
    def slots(sender: str) -> dict:
        with urllib.request.urlopen(f"{RASA}/conversations/{sender}/tracker?token=e2e-test-token", timeout=10) as r:
            return json.loads(r.read())["slots"]

    me = f"e2e-{uuid.uuid4().hex[:8]}"
    say(me, "hi")
    say(me, "19")
    assert "Which London borough" in texts(say(me, "5 GCSEs"))
    replies = say(me, "I live at SE1 7EH")
    assert "Do any of these apply to you?" in texts(replies)
    kept = slots(me)
    assert kept["borough"] == "Lambeth" and "7EH" not in json.dumps(kept).upper()

    other = f"e2e-{uuid.uuid4().hex[:8]}"                  # a district across boroughs: which of them?
    say(other, "hi")
    say(other, "19")
    say(other, "5 GCSEs")
    replies = say(other, "n1")
    assert "The N1 postcode area covers parts of Islington and Hackney" in texts(replies)
    buttons = {b["title"]: b["payload"] for r in replies for b in r.get("buttons") or []}
    assert "Do any of these apply to you?" in texts(say(other, buttons["Hackney"]))
    assert slots(other)["borough"] == "Hackney"
