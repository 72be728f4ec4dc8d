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


# --- personal data kept out of the conversation (bot/pii.py), and the hand-off's contact ---------------------------
def _agent_with(domain, sender="me", said=(), **slots):
    """An agent whose tracker store holds one conversation: these slots, and these earlier resident messages."""
    from rasa.core.tracker_store import InMemoryTrackerStore
    from rasa.shared.core.events import SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    agent = _RasaAgent(domain)
    agent.tracker_store = InMemoryTrackerStore(domain)
    tracker = DialogueStateTracker.from_events(sender, [UserUttered(t) for t in said] +
                                               [SlotSet(k, v) for k, v in slots.items()], domain.slots)
    asyncio.run(agent.tracker_store.save(tracker))
    return agent


def _kept(domain, text, agent=None, metadata=None):
    """What Rasa receives (text, parse data, metadata) and what the resident is sent."""
    from rasa.core.channels.channel import UserMessage

    seen = {}

    async def rasa(message):
        seen.update(text=message.text, parse_data=message.parse_data, metadata=message.metadata)
        await message.output_channel.send_response("me", {"text": "How old are you?"})

    out = channels.WatchedCollector()
    asyncio.run(channels.Guard().handle(rasa, UserMessage(text, out, "me", metadata=metadata),
                                        _App(agent or _agent_with(domain))))
    return seen, [m.get("text") for m in out.messages]


def test_personal_data_never_reaches_rasa_and_the_resident_is_told_once(domain):
    seen, said = _kept(domain, "I'm 19, call me on 07700 900123 or jo@example.com")
    assert seen["text"] == "I'm 19, call me on [phone number] or [email address]" and seen["parse_data"] is None
    assert said == [channels.kept_out_notice({"phone", "email"}), "How old are you?"]
    assert "phone number and the email address" in said[0]
    told = _agent_with(domain, said=["I'm 19, call me on [phone number]"])
    seen, said = _kept(domain, "my NI is AB 12 34 56 C", told)
    assert seen["text"] == "my NI is [National Insurance number]" and said == ["How old are you?"]


def test_metadata_is_scrubbed_too_but_not_the_councils_own_contacts(domain):
    team = {"name": "Hackney", "employment_team": "Hackney Works, 020 7946 0000 or work@example.gov.uk"}
    seen, said = _kept(domain, "hello", metadata={"council": team, "note": "jo@example.com"})
    assert seen["metadata"] == {"council": team, "note": "[email address]"}
    assert seen["text"] == "hello" and said[0] == channels.kept_out_notice({"email"})


def test_numbers_that_are_not_personal_data_pass_untouched(domain):
    assert _kept(domain, "I'm 19 and got 5 GCSEs in 2019")[0]["text"] == "I'm 19 and got 5 GCSEs in 2019"


def test_a_contact_for_the_hand_off_goes_to_the_hook_and_rasa_hears_only_its_kind(domain, monkeypatch):
    made = []
    monkeypatch.setattr(channels, "_contact_hooks", [lambda *a: made.append(a)])
    recommended = {"custom": {"type": "recommendations", "items": [{"id": "t_levels", "title": "T Levels"}]}}
    agent = _agent_with(domain, referral="contact", age=19.0, borough="Hackney",
                        session_started_metadata={"council": {"name": "Hackney Council"}})
    from rasa.shared.core.events import BotUttered
    tracker = asyncio.run(agent.tracker_store.retrieve("me"))
    tracker.update(BotUttered("Here are some routes", data=recommended))
    asyncio.run(agent.tracker_store.save(tracker))

    seen, said = _kept(domain, "sure, it's 07700 900123", agent)
    assert seen["text"] == "sure, it's [phone number]"
    assert seen["parse_data"]["intent"]["name"] == "request_contact"
    assert seen["parse_data"]["entities"] == [{"entity": "contact", "value": "phone"}]
    assert said == ["How old are you?"]                 # no notice: the action thanks them
    ((sender, kind, contact, council, facts),) = made
    assert (sender, kind, contact, council) == ("me", "phone", "07700 900123", "Hackney Council")
    assert facts["profile"]["age"] == 19 and facts["profile"]["borough"] == "Hackney"
    assert facts["routes"] == [{"id": "t_levels", "title": "T Levels", "provider": None, "route_type": None,
                                "next_step": None, "url": None}]


def test_a_contact_that_cannot_be_kept_is_failed_and_an_attempt_that_is_none_is_unrecognised(domain, monkeypatch):
    def database_down(*_):
        raise OSError("connection refused")

    monkeypatch.setattr(channels, "_contact_hooks", [database_down])
    seen, _ = _kept(domain, "jo@example.com", _agent_with(domain, referral="contact"))
    assert seen["text"] == "[email address]" and seen["parse_data"]["entities"][0]["value"] == "failed"
    seen, _ = _kept(domain, "0770 090", _agent_with(domain, referral="contact"))
    assert seen["text"] == channels.NOT_A_CONTACT and seen["parse_data"]["entities"][0]["value"] == "unrecognised"
    seen, _ = _kept(domain, "no, I've changed my mind", _agent_with(domain, referral="contact"))
    assert seen["text"] == "no, I've changed my mind" and seen["parse_data"] is None     # words go to NLU


def test_without_a_contact_hook_no_referral_is_claimed(domain, monkeypatch):
    monkeypatch.setattr(channels, "_contact_hooks", [])
    seen, _ = _kept(domain, "07700 900123", _agent_with(domain, referral="contact"))
    assert seen["parse_data"]["entities"][0]["value"] == "failed"


def test_data_kept_out_of_the_metadata_earlier_counts_as_told(domain):
    from rasa.shared.core.events import UserUttered

    agent = _agent_with(domain)
    tracker = asyncio.run(agent.tracker_store.retrieve("me"))
    tracker.update(UserUttered("/greet", metadata={"note": "call [phone number]"}))
    asyncio.run(agent.tracker_store.save(tracker))
    assert _kept(domain, "07700 900123", agent)[1] == ["How old are you?"]
