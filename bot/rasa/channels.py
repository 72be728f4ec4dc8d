"""Pathways' REST and socket.io channels: Rasa custom input channels with the guards a public chat needs.

credentials.yml names them by module path; they keep Rasa's channel names, so the URLs stay /webhooks/rest/webhook
and /socket.io. For every message they
- answer a message that is too long, or a sender who sends too fast, politely without passing it to Rasa
  (PATHWAYS_MAX_MESSAGE_CHARS, PATHWAYS_RATE_LIMIT);
- never leave a resident in silence: when an action fails (the action server is down or slower than
  PATHWAYS_ACTION_TIMEOUT) or the turn raises, the resident is told their answers are kept and who else can help;
- keep personal data out of the conversation (bot/pii.py): phone numbers, e-mail addresses, National Insurance
  numbers, card numbers and full postcodes in the text or the metadata become markers before Rasa sees them, and
  the resident is told once per conversation. While the warm hand-off waits for a contact (the `referral` slot),
  a phone number or e-mail address goes to the contact hooks registered at start-up (the console's referrals) and
  Rasa gets only a request_contact payload saying what kind it was;
- read a button's payload (`/inform{"borough": "Hackney"}`) themselves, into the message's parse data, which
  Rasa's processor uses instead of running the NLU pipeline on it;
- carry out "forget me": action_forget_me sends a FORGET_ME message, which the channel holds back; once Rasa has
  saved the turn, the channel deletes the conversation from the tracker store (bot/rasa/tracker_store.py), calls
  the forget hooks registered at start-up (the console's records), and only then confirms;
- REST: a body that is not the expected JSON gets 400 and a JSON error (Rasa answers 500);
- socket.io: only the configured origins may connect (Rasa's accepts any), a session's room is joined before it
  is confirmed, and custom messages (the recommendation cards) reach the widget as `{"custom": {...}}`, the shape
  the REST channel returns them in (Rasa 3.6 passes their keys to python-socketio 5's emit() as arguments, which
  fails).
The body cap is Sanic's own setting, REQUEST_MAX_SIZE (bot/rasa/server.py sets SANIC_REQUEST_MAX_SIZE).
"""
from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import uuid
from collections import OrderedDict, deque
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import QueueOutputChannel
from rasa.core.channels.rest import RestInput as RasaRestInput
from rasa.core.channels.socketio import SocketBlueprint, SocketIOOutput
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.nlu.training_data.message import Message
from sanic import Blueprint, response
from sanic.request import Request
from socketio import AsyncServer

import rasa.utils.endpoints
from bot import pii
from bot.rasa import compat, tracker_store
from bot.rasa.components import DISTRESS
from bot.settings import cors_origins, max_message_chars, rate_limit
from pathways.settings import (AWAITING_CONTACT, FORGET_ME, NATIONAL_CAREERS, REFERRAL_SLOT, REQUEST_CONTACT,
                               council)

log = logging.getLogger(__name__)

TOO_LONG = ("Sorry, that message is too long for me. Please keep it under {limit} characters: a sentence or two "
            "is plenty.")
TOO_FAST = "You're sending messages faster than I can keep up with. Please wait a moment, then carry on."
FAILED = ("Sorry, something went wrong on my side and I couldn't finish that. Your answers so far are kept, so "
          "please send your last message again in a minute. If it keeps happening, you can get free advice from "
          f"{NATIONAL_CAREERS}.")
NO_REPLY = ("Sorry, I've nothing to add to that. You can tell me about yourself to find training, say \"start "
            f"again\", or talk to a person at {NATIONAL_CAREERS}.")
FORGET_FAILED = ("Sorry, I couldn't delete your conversation just now. Please try \"delete my data\" again in a "
                 f"minute. If it still doesn't work, ask your council to delete it. You can also get free advice "
                 f"from {NATIONAL_CAREERS}.")
UNIDENTIFIED = "Sorry, I couldn't tell which conversation that belongs to. Please reload the page and try again."
KEPT_OUT = ("Just so you know, I've left out the {what} you typed. Pathways doesn't keep details like that and "
            "doesn't need them (only if you ask your council's employment team to contact you). Let's carry on.")
COUNCIL = "council"                     # the metadata key pathways.settings.council() reads
NOT_A_CONTACT = "[not a phone number or email address]"      # what is kept of a failed attempt at one
WORDS = {pii.PHONE: "phone number", pii.EMAIL: "email address", pii.NI_NUMBER: "National Insurance number",
         pii.CARD: "card number", pii.POSTCODE: "postcode"}

OK, LIMITED, REFUSED = "ok", "limited", "refused"


async def distress_help(agent: Any, text: str) -> Optional[str]:
    """The help for someone in distress (the domain's utter_distress), when `text` reads as distress; else None. For a
    turn that failed before it was said: with the action server stuck, Rasa's own slot extraction fails first."""
    if agent is None or not text or text.startswith("/"):
        return None
    try:
        intent = ((await agent.parse_message(text)).get("intent") or {}).get("name")
        responses = agent.domain.responses.get("utter_distress") or []
    except Exception as e:                              # noqa: BLE001 - the failure is already being answered
        log.error("reading a failed message for distress failed: %s", type(e).__name__)
        return None
    if intent != DISTRESS or not responses:
        return None
    return str(responses[0].get("text") or "") or None


# --- output channels that count what they send ----------------------------------------------------------------
class _Watched:
    """Counts the messages sent and holds back action_forget_me's FORGET_ME message (keeping its confirmation)."""

    sent = 0
    forget: str | None = None

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        custom = message.get("custom")
        if isinstance(custom, dict) and custom.get("type") == FORGET_ME:
            self.forget = str(custom.get("text") or "")
            return
        self.sent += 1
        await super().send_response(recipient_id, message)  # type: ignore[misc]


class CardSocketIOOutput(SocketIOOutput):
    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self.sio.emit(self.bot_message_evt, {"custom": json_message}, room=recipient_id)


class WatchedCollector(_Watched, CollectingOutputChannel):
    pass


class WatchedQueue(_Watched, QueueOutputChannel):
    pass


class WatchedSocketIO(_Watched, CardSocketIOOutput):
    pass


def watched(output: Any) -> Any:
    if isinstance(output, _Watched):
        return output
    if isinstance(output, QueueOutputChannel):
        return WatchedQueue(output.messages)
    if isinstance(output, CollectingOutputChannel):
        return WatchedCollector()
    return output


# --- the guards -----------------------------------------------------------------------------------------------
class RateLimiter:
    """At most `count` messages per sender in any `seconds`; refused messages do not count. Remembers the most
    recent `max_senders` senders only (an attacker inventing senders is for the proxy's per-address limit)."""

    def __init__(self, count: int, seconds: float, max_senders: int = 100_000):
        self.count, self.seconds, self.max_senders = count, seconds, max_senders
        self.seen: OrderedDict[str, deque[float]] = OrderedDict()

    def allow(self, sender: str, now: float | None = None) -> bool:
        if self.count <= 0:
            return True
        now = time.monotonic() if now is None else now
        times = self.seen.pop(sender, None) or deque()
        while times and times[0] <= now - self.seconds:
            times.popleft()
        allowed = len(times) < self.count
        if allowed:
            times.append(now)
        self.seen[sender] = times
        while len(self.seen) > self.max_senders:
            self.seen.popitem(last=False)
        return allowed


_CONTROL = {c: None for c in [*range(0, 9), 11, 12, *range(14, 32), 127]}     # keeps tab, newline, return
_PAYLOAD = re.compile(r"\s*/([^{@]*)")


def clean(text: str) -> str:
    """Drops control characters and replaces lone surrogates: databases refuse both (PostgreSQL rejects NUL)."""
    return text.translate(_CONTROL).encode("utf-8", "replace").decode("utf-8")


def sender_problem(sender: Any) -> str | None:
    if not isinstance(sender, str) or not sender or len(sender) > 128 or not sender.isprintable():
        return "\"sender\" must be a string of 1 to 128 printable characters"
    return None


def unknown_payload(text: str, agent: Any) -> bool:
    """A typed "/something" whose intent the domain does not know: read as words instead. Rasa would store the
    made-up intent name, and the SQL tracker store's intent column holds only 255 characters."""
    m = _PAYLOAD.match(text)
    domain = getattr(agent, "domain", None)
    return bool(m) and domain is not None and m.group(1).strip() not in domain.intents


def payload_parse(text: str, agent: Any) -> Optional[dict]:
    """A button's payload (`/inform{"borough": "Hackney"}`) already says its intent and entities: its parse data,
    so that Rasa does not run the NLU pipeline only to overwrite the result (Rasa 3.7 stopped doing so). None for
    anything else."""
    domain = getattr(agent, "domain", None)
    if domain is None or not text.lstrip().startswith("/"):
        return None
    unpacked = YAMLStoryReader.unpack_regex_message(Message({"text": text}), domain,
                                                    entity_extractor_name="RegexMessageHandler")
    if not (unpacked.get("intent") or {}).get("name"):
        return None
    return {"text": text, "intent": {"name": None, "confidence": 0.0}, "entities": [],
            **unpacked.as_dict(only_output_properties=True)}


def kept_out_notice(kinds: set[str]) -> str:
    names = [WORDS[k] for k in WORDS if k in kinds]
    return KEPT_OUT.format(what=" and the ".join(names) if len(names) < 3 else
                           ", the ".join(names[:-1]) + " and the " + names[-1])


def _looks_like_contact(text: str) -> bool:
    """An attempt at a contact that is not one (a phone number short of digits, "jo at gmail"): kept out too."""
    return "@" in text or sum(c.isdigit() for c in text) >= 6


def conversation_facts(tracker: Any) -> dict:
    """What a referral carries from the conversation: the answers and the routes recommended last."""
    slots = {k: tracker.get_slot(k) for k in ("age", "qualification_level", "borough", "outside_london", "barriers",
                                              "interests", "declined")}
    routes: list = []
    for e in reversed(tracker.events):
        custom = (getattr(e, "data", None) or {}).get("custom") if getattr(e, "type_name", "") == "bot" else None
        if isinstance(custom, dict) and custom.get("type") == "recommendations":
            routes = [{k: i.get(k) for k in ("id", "title", "provider", "route_type", "next_step", "url")}
                      for i in custom.get("items") or [] if isinstance(i, dict)]
            break
    return {"profile": slots, "routes": routes}


# The warm hand-off: `hook(sender_id, kind, contact, council_name, facts)` keeps a resident's contact with a new
# referral (the console's, registered by bot/rasa_server.py); it raises when it cannot.
_contact_hooks: list[Callable[[str, str, str, Optional[str], dict], Any]] = []


def on_contact(hook: Callable[[str, str, str, Optional[str], dict], Any]) -> None:
    _contact_hooks.append(hook)


# "forget me": what the process that runs Rasa calls after the tracker store's deletion (bot/rasa/server.py).
_forget_hooks: list[Callable[[str], Optional[int]]] = []


def on_forget(hook: Callable[[str], Optional[int]]) -> None:
    """`hook(sender_id)` deletes what else is kept about a conversation; returns how many records went."""
    _forget_hooks.append(hook)


def _no_referrals(*_: Any) -> None:
    raise RuntimeError("no contact hook is registered in this process, so no referral can be made")


def forget_conversation(sender_id: str) -> int:
    stores = tracker_store.opened()
    if not stores:
        raise RuntimeError("no Pathways tracker store is open in this process (endpoints.yml), so nothing can be "
                           "deleted")
    deleted = sum(store.delete(sender_id) for store in stores)
    return deleted + sum(hook(sender_id) or 0 for hook in _forget_hooks)


class Guard:
    """What both channels do around Rasa's handling of one message."""

    def __init__(self, forget: Callable[[str], int] = forget_conversation) -> None:
        self.limiter = RateLimiter(*rate_limit())
        self.max_chars = max_message_chars()
        self.forget = forget

    async def handle(self, on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage,
                     app: Any) -> str:
        out = message.output_channel = watched(message.output_channel)
        sender = message.sender_id
        if sender_problem(sender):
            await out.send_text_message(str(sender)[:128], UNIDENTIFIED)
            return REFUSED
        if not self.limiter.allow(sender):
            log.debug("rate limit reached")
            await out.send_text_message(sender, TOO_FAST)
            return LIMITED
        text = clean(message.text or "")
        if len(text) > self.max_chars:
            await out.send_text_message(sender, TOO_LONG.format(limit=self.max_chars))
            return REFUSED
        agent = getattr(getattr(app, "ctx", None), "agent", None)
        message.text = text.lstrip().lstrip("/") if unknown_payload(text, agent) else text
        message.parse_data = await self._keep_out(message, agent, out) or payload_parse(message.text, agent)

        failures: list[str] = []
        token = compat.watch_failures(failures)
        try:
            await on_new_message(message)
        except Exception as e:                          # noqa: BLE001 - the resident must hear something
            log.error("handling a message failed: %s", type(e).__name__, exc_info=log.isEnabledFor(logging.DEBUG))
            failures.append(type(e).__name__)
        finally:
            compat.unwatch(token)

        if out.forget is not None:
            await self._forget(agent, sender, out)
        elif failures:
            help_first = None if out.sent else await distress_help(agent, text)
            if help_first:                      # the turn failed before anything was said: safety first all the same
                await out.send_text_message(sender, help_first)
            await out.send_text_message(sender, FAILED)
        elif not out.sent:
            await out.send_text_message(sender, NO_REPLY)
        return OK

    async def _keep_out(self, message: UserMessage, agent: Any, out: Any) -> Optional[dict]:
        """Takes personal data out of the message (text and metadata) before Rasa sees it. Returns the parse data
        of a request_contact payload when the message answered the hand-off's request for a contact."""
        scrubbed = pii.scrub(message.text)
        # The council's own contacts (customData.council, from the page that embeds the widget) are the
        # deployment's, not the resident's: kept, so that "talk to a person" can give them.
        metadata = dict(message.metadata or {})
        own = {COUNCIL: metadata.pop(COUNCIL)} if COUNCIL in metadata else {}
        metadata, in_metadata = pii.scrub_value(metadata)
        metadata.update(own)
        if in_metadata:
            message.metadata = metadata
        attempt = _looks_like_contact(scrubbed.text)
        if not (scrubbed.found or in_metadata or attempt):
            return None
        sender = message.sender_id
        tracker = await self._tracker(agent, sender)
        if tracker is not None and tracker.get_slot(REFERRAL_SLOT) == AWAITING_CONTACT and (scrubbed.found or attempt):
            contact = pii.contact(scrubbed.found)
            kind = await self._refer(sender, contact, tracker, metadata)
            message.text = scrubbed.text if contact else NOT_A_CONTACT
            return {"text": message.text, "intent": {"name": REQUEST_CONTACT, "confidence": 1.0},
                    "entities": [{"entity": "contact", "value": kind}]}
        if not (scrubbed.found or in_metadata):
            return None                                 # numbers, but nothing personal
        message.text = scrubbed.text
        told = tracker is not None and any(
            pii.has_marker(f"{getattr(e, 'text', None) or ''} {json.dumps(getattr(e, 'metadata', None) or {})}")
            for e in tracker.events if getattr(e, "type_name", "") == "user")
        if not told:
            await out.send_text_message(sender, kept_out_notice(scrubbed.kinds | {f.kind for f in in_metadata}))
        return None

    @staticmethod
    async def _tracker(agent: Any, sender: str) -> Any:
        store = getattr(agent, "tracker_store", None)
        if store is None:
            return None
        try:
            return await store.retrieve(sender)
        except Exception as e:                          # noqa: BLE001 - the message goes on; Rasa will say
            log.error("reading a conversation before keeping data out of it failed: %s", type(e).__name__)
            return None

    async def _refer(self, sender: str, contact: Optional[tuple[str, str]], tracker: Any, metadata: dict) -> str:
        """The kind of contact passed on with a new referral, or "unrecognised" or "failed"."""
        if contact is None:
            return "unrecognised"
        kind, value = contact
        name = council(metadata).name or council(tracker.get_slot("session_started_metadata")).name
        try:
            facts = conversation_facts(tracker)
            for hook in _contact_hooks or [_no_referrals]:
                await asyncio.to_thread(hook, sender, kind, value, name, facts)
        except Exception as e:                          # noqa: BLE001 - the resident is told, and nothing is kept
            log.error("creating a referral failed: %s", type(e).__name__)
            return "failed"
        log.info("created a referral at its resident's request")
        return kind

    async def _forget(self, agent: Any, sender: str, out: Any) -> None:
        try:
            async with agent.lock_store.lock(sender):   # no turn of this sender is half-way through
                deleted = await asyncio.to_thread(self.forget, sender)
        except Exception as e:                          # noqa: BLE001
            first = (str(e).strip().splitlines() or [""])[0][:200]     # the driver's line, not the SQL parameters
            log.error("deleting a conversation failed: %s: %s", type(e).__name__, first)
            await out.send_text_message(sender, FORGET_FAILED)
            return
        log.info("deleted a conversation at its resident's request (%d stored items)", deleted)
        await out.send_text_message(sender, out.forget or "I've deleted this conversation.")


# --- the channels ---------------------------------------------------------------------------------------------
class RestInput(RasaRestInput):
    """POST /webhooks/rest/webhook {"sender": "...", "message": "...", "metadata": {...}} -> the replies (a list).
    429 with the friendly reply when the sender is over the rate limit; 400 with {"error": ...} for a bad body."""

    def __init__(self) -> None:
        self.guard = Guard()

    @staticmethod
    def read(request: Request) -> tuple[dict | None, str | None]:
        try:
            body = request.json
        except Exception:                               # noqa: BLE001 - Sanic's InvalidUsage, or nesting too deep
            body = ...
        if not isinstance(body, dict):
            return None, "The body must be a JSON object: {\"sender\": \"...\", \"message\": \"...\"}."
        problem = sender_problem(body.get("sender"))
        if problem:
            return None, problem
        if not isinstance(body.get("message"), str):
            return None, "\"message\" must be a string"
        if not isinstance(body.get("metadata"), (dict, type(None))):
            return None, "\"metadata\" must be a JSON object"
        if not isinstance(body.get("input_channel"), (str, type(None))):
            return None, "\"input_channel\" must be a string"
        return body, None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("pathways_rest", __name__)
        guard = self.guard

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Any:
            body, problem = self.read(request)
            if problem:
                return response.json({"error": problem}, status=400)
            sender, text, metadata = body["sender"], body["message"], body.get("metadata")
            input_channel = body.get("input_channel") or self.name()

            async def handle(message: UserMessage) -> None:
                await guard.handle(on_new_message, message, request.app)

            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(self.stream_response(handle, text, sender, input_channel, metadata),
                                       content_type="text/event-stream")
            collector = WatchedCollector()
            outcome = await guard.handle(on_new_message, UserMessage(text, collector, sender,
                                                                     input_channel=input_channel,
                                                                     metadata=metadata), request.app)
            return response.json(collector.messages, status=429 if outcome == LIMITED else 200)

        return bp


class SocketIOInput(InputChannel):
    """socket.io for the web widget: Rasa's channel name, events and credentials keys (user_message_evt,
    bot_message_evt, namespace, session_persistence, socketio_path, metadata_key), guarded. Rasa turns engine.io's
    origin check off and leaves CORS headers to Sanic-CORS (turning engine.io's on would send the header twice,
    which browsers refuse); browsers do not apply CORS to WebSockets, so without a check any web page could talk
    to the bot in its visitors' name: a connection from an origin Rasa's --cors does not list is refused."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[dict]) -> "SocketIOInput":
        c = credentials or {}
        return cls(c.get("user_message_evt", "user_uttered"), c.get("bot_message_evt", "bot_uttered"),
                   c.get("namespace"), bool(c.get("session_persistence", False)),
                   c.get("socketio_path", "/socket.io"), c.get("metadata_key", "metadata"))

    def __init__(self, user_message_evt: str = "user_uttered", bot_message_evt: str = "bot_uttered",
                 namespace: Optional[str] = None, session_persistence: bool = False,
                 socketio_path: str = "/socket.io", metadata_key: str = "metadata") -> None:
        self.user_message_evt, self.bot_message_evt = user_message_evt, bot_message_evt
        self.namespace, self.session_persistence = namespace, session_persistence
        self.socketio_path, self.metadata_key = socketio_path, metadata_key
        self.sio: Optional[AsyncServer] = None

    def get_output_channel(self) -> Any:
        """For messages Rasa sends outside a turn (reminders, the HTTP API's trigger_intent)."""
        return CardSocketIOOutput(self.sio, self.bot_message_evt) if self.sio is not None else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sio = self.sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        bp = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        guard = Guard()
        allowed = set(cors_origins())
        ns = self.namespace

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> response.HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=ns)
        async def connect(sid: str, environ: dict, auth: Optional[dict] = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if origin and "*" not in allowed and origin not in allowed:
                log.info("refused a socket.io connection from an origin not in PATHWAYS_CORS")
                return False
            return True

        @sio.on("session_request", namespace=ns)
        async def session_request(sid: str, data: Optional[dict]) -> None:
            session_id = (data or {}).get("session_id") or uuid.uuid4().hex
            if self.session_persistence:        # joined before it is confirmed, so no reply is lost
                await sio.enter_room(sid, session_id, namespace=ns)
            await sio.emit("session_confirm", session_id, room=sid, namespace=ns)

        @sio.on(self.user_message_evt, namespace=ns)
        async def user_message(sid: str, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            sender = data.get("session_id") if self.session_persistence else sid
            if not sender:
                log.warning("a socket.io message without a session_id was ignored (send session_request first)")
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            text = data.get("message")
            message = UserMessage(text if isinstance(text, str) else "",
                                  WatchedSocketIO(sio, self.bot_message_evt), sender, input_channel=self.name(),
                                  metadata=metadata if isinstance(metadata, dict) else {})
            app = next(iter(bp.apps), None) if bp.registered else None
            await guard.handle(on_new_message, message, app)

        return bp
