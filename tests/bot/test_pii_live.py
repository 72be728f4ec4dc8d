"""Personal data kept out of the stored conversation, on a running Pathways, over REST and socket.io: the tracker
as Rasa's HTTP API returns it (text, parse data, metadata, entities, slots) holds none of it, while the answers
typed beside it are still understood. And the warm hand-off: the contact reaches a referral, never the tracker."""
from __future__ import annotations

import asyncio
import json
import urllib.request
import uuid

from bot.coach import referrals
from bot.rasa.channels import KEPT_OUT

TOKEN = "e2e-test-token"
TEAM = {"council": {"name": "London Borough of Example", "employment_team": "Example Works, 020 7946 0999"}}
NOTICE = KEPT_OUT.split("{what}")[1][:40]              # the part of the notice every variant shares


def post(servers, sender: str, message: str, metadata: dict | None = None) -> list[dict]:
    body = json.dumps({"sender": sender, "message": message, "metadata": metadata or {}}).encode()
    req = urllib.request.Request(f"{servers.rasa}/webhooks/rest/webhook", data=body,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        assert r.status == 200
        return json.loads(r.read())


def tracker(servers, sender: str) -> dict:
    with urllib.request.urlopen(f"{servers.rasa}/conversations/{sender}/tracker?token={TOKEN}", timeout=60) as r:
        return json.loads(r.read())


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings(k) + strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def leaks(stored: dict, *typed: str) -> list[str]:
    """Each piece of personal data typed that is in any string of the stored conversation, as typed or (for a
    long number) as its digits alone: short runs of digits turn up by chance in ids."""
    kept = strings(stored)
    return [t for t in typed if any(t.lower() in s.lower() for s in kept) or any(
        sum(c.isdigit() for c in t) >= 10 and "".join(filter(str.isdigit, t)) in "".join(filter(str.isdigit, s))
        for s in kept)]


def test_rest_answers_beside_personal_data_are_understood_and_the_data_is_never_stored(servers):
    me = f"pii-{uuid.uuid4().hex[:8]}"
    post(servers, me, "hello")
    said = [post(servers, me, "I'm 19, text me on 07700 900123"),
            post(servers, me, "my email is jo.bloggs@example.com and I've got 5 GCSEs"),
            post(servers, me, "I live at E8 1DY"),
            post(servers, me, "my NI number is AB 12 34 56 C and I look after my mum")]
    assert sum(NOTICE in texts(r) for r in said) == 1 and NOTICE in texts(said[0])       # told once, first time
    stored = tracker(servers, me)
    slots = stored["slots"]
    assert slots["age"] == 19 and slots["qualification_level"] == "2" and slots["borough"] == "Hackney"
    assert "caring_responsibilities" in slots["barriers"]
    assert leaks(stored, "07700 900123", "jo.bloggs@example.com", "E8 1DY", "AB 12 34 56 C") == []
    typed = [e["text"] for e in stored["events"] if e["event"] == "user"][1:]
    assert typed == ["I'm 19, text me on [phone number]", "my email is [email address] and I've got 5 GCSEs",
                     "I live at [postcode in Hackney]", "my NI number is [National Insurance number] and I look after my mum"]


def test_socketio_keeps_personal_data_out_of_text_and_metadata(servers):
    import socketio

    session = f"pii-sio-{uuid.uuid4().hex[:8]}"
    origin = f"http://127.0.0.1:{servers.ports['web']}"

    async def scenario():
        client = socketio.AsyncClient(reconnection=False)
        got: asyncio.Queue = asyncio.Queue()
        confirmed: asyncio.Queue = asyncio.Queue()
        client.on("bot_uttered", lambda data: got.put_nowait(data))
        client.on("session_confirm", lambda data: confirmed.put_nowait(data))
        await client.connect(servers.rasa, headers={"Origin": origin}, transports=["polling"], wait_timeout=30)
        await client.emit("session_request", {"session_id": session})
        assert await asyncio.wait_for(confirmed.get(), 60) == session
        replies = []
        for text, meta in [("/greet", {"note": "call 020 7946 0123"}),
                           ("I am 24, card 4111 1111 1111 1111, email sam@example.org", {})]:
            await client.emit("user_uttered", {"message": text, "session_id": session, "customData": meta})
            while True:                                   # until the bot asks its next question
                try:
                    replies.append(await asyncio.wait_for(got.get(), 120))
                except asyncio.TimeoutError:
                    raise AssertionError(f"no question after {text!r}: {replies}") from None
                if "?" in (replies[-1].get("text") or ""):
                    break
        # without waiting for the pending long-poll: a polling client's disconnect waits out the ping interval (30 s)
        await client.eio.disconnect(abort=True)
        return replies

    replies = asyncio.run(scenario())
    assert sum(NOTICE in (r.get("text") or "") for r in replies) == 1
    stored = tracker(servers, session)
    assert stored["slots"]["age"] == 24
    assert leaks(stored, "020 7946 0123", "4111 1111 1111 1111", "sam@example.org") == []
    user = [e for e in stored["events"] if e["event"] == "user"]
    assert user[0]["metadata"]["note"] == "call [phone number]"
    assert user[1]["text"] == "I am 24, card [card number], email [email address]"


def test_the_hand_off_keeps_the_contact_with_the_referral_and_forget_me_deletes_both(servers):
    url = servers.env["PATHWAYS_CONSOLE_DB_URL"]
    me = f"handoff-{uuid.uuid4().hex[:8]}"
    post(servers, me, "hello", TEAM)
    offer = post(servers, me, "/human_handoff", TEAM)
    assert "0800 100 900" in texts(offer) and "Example Works, 020 7946 0999" in texts(offer)   # the council's, kept
    assert {"title": "Ask the team to contact you", "payload": "/request_contact"} in offer[0]["buttons"]
    consent = post(servers, me, "/request_contact", TEAM)
    assert "London Borough of Example's employment team" in texts(consent) and "your answers" in texts(consent)
    ask = post(servers, me, '/request_contact{"consent": "yes"}', TEAM)
    assert "phone number or email address" in texts(ask)
    again = post(servers, me, "0770 09", TEAM)                        # not a number: asked again, nothing kept
    assert "doesn't look like" in texts(again)
    done = post(servers, me, "it's 07700 900456", TEAM)
    assert "contact you by phone number" in texts(done) and NOTICE not in texts(done)
    stored = tracker(servers, me)
    assert stored["slots"]["referral"] == "made"
    assert leaks(stored, "07700 900456", "0770 09") == []
    assert "[not a phone number or email address]" in [e.get("text") for e in stored["events"]]
    (mine,) = [r for r in referrals.listed(url=url) if r.referral.sender_id == me]
    assert mine.referral.contact == "07700 900456" and mine.referral.council == "London Borough of Example"
    assert mine.referral.status == "new"

    asked = post(servers, me, "delete my data", TEAM)                 # typed: asked first, nothing deleted yet
    assert [b["title"] for b in asked[0]["buttons"]] == ["Yes, delete it", "No, keep it"]
    assert [r for r in referrals.listed(url=url) if r.referral.sender_id == me] != []
    post(servers, me, "yes", TEAM)
    assert [r for r in referrals.listed(url=url) if r.referral.sender_id == me] == []
