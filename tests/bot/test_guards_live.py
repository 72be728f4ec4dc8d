"""The guarded channels on a running Pathways (`python -m bot run`): bad bodies, the caps, the rate limit, CORS,
"forget me" and what reaches the logs."""
from __future__ import annotations

import asyncio
import http.client
import json
import re
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from actions.privacy import CONFIRMATION, QUESTION
from bot.rasa.channels import TOO_FAST, TOO_LONG
from tests.support.servers import embedded, require_model

TOKEN = "e2e-test-token"
LIMIT = 8
FOREIGN = "http://evil.example"


@pytest.fixture(scope="module")
def live(kb_url, tmp_path_factory):
    require_model()
    tmp = tmp_path_factory.mktemp("guards")
    s = embedded(kb_url, tmp, PATHWAYS_RATE_LIMIT=f"{LIMIT}/60", PATHWAYS_MAX_MESSAGE_CHARS="300")
    s.tracker_db = str(tmp / "tracker.db")
    s.console_db = f"sqlite:///{tmp / 'console.db'}"
    s.start(seconds=900)             # a loaded machine takes minutes to load the model
    yield s
    s.cleanup()


def post(server, body: bytes | dict, headers: dict | None = None) -> tuple[int, object, dict]:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    req = urllib.request.Request(f"{server.rasa}/webhooks/rest/webhook", data=data,
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, json.loads(r.read() or b"null"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null"), dict(e.headers)


def say(server, sender: str, text: str) -> list[dict]:
    status, replies, _ = post(server, {"sender": sender, "message": text})
    assert status == 200, (status, replies)
    return replies


def texts(replies) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def tracker(server, sender: str) -> dict:
    with urllib.request.urlopen(f"{server.rasa}/conversations/{sender}/tracker?token={TOKEN}", timeout=60) as r:
        return json.loads(r.read())


def rows(server, sender: str) -> int:
    with sqlite3.connect(server.tracker_db) as c:
        return c.execute("select count(*) from events where sender_id = ?", (sender,)).fetchone()[0]


def new_sender() -> str:
    return f"guard-{uuid.uuid4().hex[:10]}"


@pytest.mark.parametrize("body", [b"not json", b"", b"[]", b'"hello"', b"null", b"{\"sender\": \"a\"",
                                  b'{"sender": "a"}', b'{"message": "hi"}', b'{"sender": 5, "message": "hi"}',
                                  b'{"sender": "", "message": "hi"}', b'{"sender": "a", "message": ["hi"]}',
                                  b'{"sender": "a", "message": "hi", "metadata": "x"}', b"[" * 50_000])
def test_a_bad_body_gets_400_and_a_json_error_not_500(live, body):
    status, answer, _ = post(live, body)
    assert status == 400 and isinstance(answer, dict) and answer["error"]


def test_a_body_over_the_cap_is_refused_before_it_is_read(live):
    host, port = urllib.parse.urlsplit(live.rasa).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    conn.putrequest("POST", "/webhooks/rest/webhook")
    conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(2_000_000))
    conn.endheaders()
    try:
        conn.send(b"{" + b" " * 1_999_999)
    except OSError:
        pass                                # Sanic may close the connection before the body is sent
    assert conn.getresponse().status == 413


def test_a_message_over_the_length_cap_gets_a_polite_reply_and_never_reaches_rasa(live):
    me = new_sender()
    say(live, me, "hello")
    long = "I live in Hackney and " + "really " * 60
    replies = say(live, me, long)
    assert texts(replies) == TOO_LONG.format(limit=300)
    assert not any(e.get("text") == long.strip() for e in tracker(live, me)["events"])


def test_a_sender_over_the_rate_limit_gets_429_and_a_friendly_reply_others_do_not(live):
    me, other = new_sender(), new_sender()
    too_long = "x" * 301                    # cheap: refused before Rasa, but counted
    for _ in range(LIMIT):
        assert post(live, {"sender": me, "message": too_long})[0] == 200
    status, replies, _ = post(live, {"sender": me, "message": "hello"})
    assert status == 429 and texts(replies) == TOO_FAST
    assert "How old are you?" in texts(say(live, other, "hello"))


def allowed_origin(server) -> str:
    return f"http://127.0.0.1:{server.ports['web']}"


@pytest.mark.parametrize("method", ["POST", "OPTIONS"])
def test_rest_cors_only_for_the_configured_origin(live, method):
    def acao(origin):
        headers = {"Origin": origin, "Access-Control-Request-Method": "POST"}
        req = urllib.request.Request(f"{live.rasa}/webhooks/rest/webhook", method=method, headers=headers,
                                     data=json.dumps({"sender": new_sender(), "message": "x" * 301}).encode()
                                     if method == "POST" else None)
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.headers.get_all("Access-Control-Allow-Origin") or []

    assert acao(FOREIGN) == []
    assert acao(allowed_origin(live)) == [allowed_origin(live)]


def test_socketio_polling_cors_only_for_the_configured_origin(live):
    def acao(origin):
        req = urllib.request.Request(f"{live.rasa}/socket.io/?EIO=4&transport=polling", headers={"Origin": origin})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.headers.get_all("Access-Control-Allow-Origin") or []
        except urllib.error.HTTPError as e:
            return e.headers.get_all("Access-Control-Allow-Origin") or []

    assert acao(FOREIGN) == []
    assert acao(allowed_origin(live)) == [allowed_origin(live)]     # once: browsers refuse a repeated header


def test_socketio_websocket_connections_only_from_the_configured_origin(live):
    """Browsers apply no CORS to WebSockets: the server itself must refuse a foreign page's connection."""
    import websockets

    async def socketio_connect(origin: str) -> str:
        url = live.rasa.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        async with websockets.connect(url, origin=origin, open_timeout=30) as ws:
            assert (await asyncio.wait_for(ws.recv(), 30)).startswith("0")      # engine.io open
            await ws.send("40")                                                 # socket.io connect
            return await asyncio.wait_for(ws.recv(), 60)

    assert asyncio.run(socketio_connect(FOREIGN)).startswith("44")            # connect_error
    assert asyncio.run(socketio_connect(allowed_origin(live))).startswith("40{")


def test_socketio_conversation_and_forget_me(live):
    import socketio

    async def scenario():
        client = socketio.AsyncClient(reconnection=False)
        got: asyncio.Queue = asyncio.Queue()
        confirmed: asyncio.Queue = asyncio.Queue()
        client.on("bot_uttered", lambda data: got.put_nowait(data))
        client.on("session_confirm", lambda data: confirmed.put_nowait(data))
        # polling: python-engineio's websocket client needs a newer aiohttp than Rasa's pin
        await client.connect(live.rasa, headers={"Origin": allowed_origin(live)}, transports=["polling"],
                             wait_timeout=30)
        session = new_sender()
        await client.emit("session_request", {"session_id": session})
        assert await asyncio.wait_for(confirmed.get(), 60) == session      # as the widget does, before talking
        await client.emit("user_uttered", {"message": "hello", "session_id": session})
        first = await asyncio.wait_for(got.get(), 120)
        await client.emit("user_uttered", {"message": "/forget_me", "session_id": session})
        replies = []
        while not any(r.get("text") == CONFIRMATION for r in replies):
            replies.append(await asyncio.wait_for(got.get(), 120))
        # without waiting for the pending long-poll: a polling client's disconnect waits out the ping interval (30 s)
        await client.eio.disconnect(abort=True)
        return session, first, replies

    session, first, replies = asyncio.run(scenario())
    assert "Pathways" in first["text"]
    assert not any("custom" in r for r in replies)          # the marker is the channel's, never the widget's
    assert rows(live, session) == 0


def test_delete_my_data_deletes_the_conversation_and_the_console_session(live):
    from bot.coach import store

    staff = store.add_staff(f"coach-{uuid.uuid4().hex[:6]}", "a long enough password 123", url=live.console_db)
    guided = store.create_session(staff.id, "Resident", url=live.console_db)
    me = guided.sender_id                                  # a conversation a coach guides
    say(live, me, "hello")
    say(live, me, "I'm 31 and I live in Camden")
    assert tracker(live, me)["slots"]["borough"] == "Camden" and rows(live, me) > 0
    asked = say(live, me, "delete my data")                # typed words ask first: nothing is deleted yet
    assert texts(asked) == QUESTION and rows(live, me) > 0
    replies = say(live, me, "yes")
    assert texts(replies) == CONFIRMATION and not any("custom" in r for r in replies)
    assert rows(live, me) == 0
    after = tracker(live, me)
    assert after["slots"]["age"] is None and after["slots"]["borough"] is None
    assert not any(e["event"] == "user" for e in after["events"])
    assert store.get_session(guided.id, staff.id, url=live.console_db) is None
    assert "How old are you?" in texts(say(live, me, "hi"))  # a fresh start, not an error


def test_no_personal_data_in_the_logs_of_a_full_conversation(live):
    """Rasa, the action server and the web front log at INFO; what a resident says must not appear."""
    me = new_sender()
    start = len(live.output)
    said = ["hello", "I'm 47 years old", "I've got an NVQ level 2", "I live in Lewisham",
            "I have a criminal record and I look after my mum", "lab work"]
    replies = [say(live, me, text) for text in said]
    assert any(r.get("custom") for r in replies[-1]), replies[-1]          # the recommendations came
    say(live, me, "my probation officer Mrs Whiskerton told me to ask you")   # free text, whatever it means
    slots = tracker(live, me)["slots"]
    assert slots["age"] == 47 and slots["borough"] == "Lewisham" and "criminal_record" in slots["barriers"]
    log = "".join(live.output[start:])
    leaks = [v for v in ["47 years", "NVQ", "Lewisham", "criminal", "look after my mum", "Whiskerton", "probation",
                         "caring_responsibilities", "laboratory"] if v.lower() in log.lower()]
    leaks += re.findall(r"age\W{1,4}47", log)
    assert not leaks, f"personal data in the logs: {leaks}\n{log[-3000:]}"
