"""The channel guards without servers: the rate limiter, cleaning, body checks, button payloads and "forget me"."""
from __future__ import annotations

import asyncio

import pytest

from bot.rasa import channels, compat
from bot.model import ROOT


def test_rate_limit_allows_n_per_window_per_sender_and_forgets_old_messages():
    limiter = channels.RateLimiter(3, 10)
    assert [limiter.allow("a", now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limiter.allow("b", now=3)                    # another sender is not slowed down
    assert not limiter.allow("a", now=9.9)
    assert limiter.allow("a", now=10.5)                 # the first message has left the window


def test_rate_limiter_remembers_a_bounded_number_of_senders():
    limiter = channels.RateLimiter(1, 60, max_senders=100)
    for i in range(1000):
        limiter.allow(f"s{i}", now=0)
    assert len(limiter.seen) == 100


def test_a_zero_limit_turns_rate_limiting_off():
    limiter = channels.RateLimiter(0, 60)
    assert all(limiter.allow("a", now=0) for _ in range(1000))


def test_clean_drops_control_characters_and_lone_surrogates_but_keeps_text():
    assert channels.clean("a\x00b\x07c\td\ne\u202eé 😀 مرحبا") == "abc\td\ne\u202eé 😀 مرحبا"
    assert channels.clean("x\ud800y") == "x?y"


@pytest.mark.parametrize("sender, ok", [("abc-123", True), ("", False), (None, False), (12, False),
                                        ("x" * 129, False), ("a\x00b", False), ("a\ud800", False)])
def test_senders(sender, ok):
    assert (channels.sender_problem(sender) is None) == ok


class _Domain:
    intents = ["inform", "forget_me", "restart", "session_start"]


class _Agent:
    domain = _Domain()


@pytest.mark.parametrize("text, unknown", [("/inform{\"age\": 3}", False), ("/forget_me", False),
                                           ("/restart", False), ("/" + "x" * 300, True), ("/nonsense", True),
                                           ("hello /inform", False), ("//inform", True)])
def test_typed_payloads_with_unknown_intents_are_read_as_words(text, unknown):
    assert channels.unknown_payload(text, _Agent()) == unknown


# --- the guard around one turn, with Rasa's handling replaced by a stand-in ----------------------------------------
@pytest.fixture(scope="module")
def domain():
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml"))


class _RasaAgent:
    def __init__(self, domain=None):
        from rasa.core.lock_store import InMemoryLockStore

        self.domain = domain or _Domain()
        self.lock_store = InMemoryLockStore()


class _App:
    def __init__(self, agent):
        self.ctx = type("Ctx", (), {"agent": agent})()


def _turn(handler, text="hello", agent=None, forget=None):
    from rasa.core.channels.channel import UserMessage

    out = channels.WatchedCollector()
    guard = channels.Guard(forget) if forget else channels.Guard()
    outcome = asyncio.run(guard.handle(handler, UserMessage(text, out, "me"), _App(agent or _RasaAgent())))
    return outcome, [m.get("text") for m in out.messages]


def test_an_action_that_fails_inside_rasa_gets_the_helpful_message(monkeypatch):
    import logging

    monkeypatch.setattr(logging.getLogger("rasa.core.processor"), "filters", [compat._FILTER])    # as apply() does

    async def rasa_logs_a_failed_action(message):
        await message.output_channel.send_response("me", {"text": "Thanks."})
        try:
            raise asyncio.TimeoutError()
        except asyncio.TimeoutError:            # what MessageProcessor._run_action does
            logging.getLogger("rasa.core.processor").exception(
                "Encountered an exception while running action 'validate_profile_form'.Bot will continue...")

    assert _turn(rasa_logs_a_failed_action) == ("ok", ["Thanks.", channels.FAILED])


def test_a_turn_that_raises_gets_the_helpful_message_and_no_trace():
    async def raises(message):
        raise RuntimeError("secret internals")

    outcome, texts = _turn(raises)
    assert texts == [channels.FAILED] and "0800 100 900" in texts[0] and "secret" not in texts[0]


def test_a_turn_with_no_reply_is_never_silent():
    async def says_nothing(message):
        pass

    assert _turn(says_nothing)[1] == [channels.NO_REPLY]


def test_a_normal_turn_is_left_alone():
    async def replies(message):
        await message.output_channel.send_response("me", {"text": "How old are you?"})

    assert _turn(replies) == ("ok", ["How old are you?"])


def test_forget_me_deletes_after_the_turn_and_then_confirms():
    events = []

    async def rasa_runs_action_forget_me(message):
        await message.output_channel.send_response("me", {"custom": {"type": "forget_me", "text": "Deleted."}})
        events.append("turn saved")

    outcome, texts = _turn(rasa_runs_action_forget_me, "/forget_me",
                           forget=lambda sender: events.append(f"deleted {sender}") or 3)
    assert texts == ["Deleted."] and events == ["turn saved", "deleted me"]


def test_a_failed_deletion_is_not_confirmed():
    async def rasa_runs_action_forget_me(message):
        await message.output_channel.send_response("me", {"custom": {"type": "forget_me", "text": "Deleted."}})

    def database_down(sender):
        raise OSError("connection refused")

    assert _turn(rasa_runs_action_forget_me, "/forget_me", forget=database_down)[1] == [channels.FORGET_FAILED]


def test_without_a_pathways_tracker_store_nothing_is_reported_deleted(monkeypatch):
    monkeypatch.setattr(channels.tracker_store, "_opened", set())
    with pytest.raises(RuntimeError, match="no Pathways tracker store"):
        channels.forget_conversation("me")


def test_a_buttons_payload_reaches_rasa_parsed_and_typed_words_do_not(domain):
    seen = {}

    async def rasa(message):
        seen[message.text] = message.parse_data
        await message.output_channel.send_response("me", {"text": "ok"})

    _turn(rasa, '/inform{"borough": "Hackney", "barriers": ["claiming_benefits"]}', _RasaAgent(domain))
    _turn(rasa, "I live in Hackney", _RasaAgent(domain))
    _turn(rasa, "/no_such_intent", _RasaAgent(domain))
    data = seen['/inform{"borough": "Hackney", "barriers": ["claiming_benefits"]}']
    assert data["intent"] == {"name": "inform", "confidence": 1.0}
    assert {(e["entity"], str(e["value"])) for e in data["entities"]} == {("borough", "Hackney"),
                                                                          ("barriers", "claiming_benefits")}
    assert seen["I live in Hackney"] is None
    assert seen["no_such_intent"] is None               # an unknown "payload" is read as words


def test_too_long_and_too_fast_never_reach_rasa(monkeypatch):
    monkeypatch.setenv("PATHWAYS_RATE_LIMIT", "2/60")
    monkeypatch.setenv("PATHWAYS_MAX_MESSAGE_CHARS", "10")
    from rasa.core.channels.channel import UserMessage

    reached = []

    async def rasa(message):
        reached.append(message.text)
        await message.output_channel.send_response("me", {"text": "ok"})

    guard, app = channels.Guard(), _App(_RasaAgent())
    results = []
    for text in ["x" * 11, "hi\x00 there", "third"]:
        out = channels.WatchedCollector()
        results.append((asyncio.run(guard.handle(rasa, UserMessage(text, out, "me"), app)), out.messages[0]["text"]))
    assert results == [("refused", channels.TOO_LONG.format(limit=10)), ("ok", "ok"), ("limited", channels.TOO_FAST)]
    assert reached == ["hi there"]                      # cleaned, and only the one that fitted
