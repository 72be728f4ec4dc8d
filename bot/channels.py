"""Pathways' REST and socket.io channels: Rasa 3.6's own, with the guards a public chat needs.

credentials.yml names them by module path; they keep Rasa's channel names, so the URLs stay /webhooks/rest/webhook
and /socket.io. For every message they
- answer a message that is too long, or a sender who sends too fast, politely without passing it to Rasa
  (PATHWAYS_MAX_MESSAGE_CHARS, PATHWAYS_RATE_LIMIT);
- never leave a resident in silence: when an action fails (the action server is down or slower than
  PATHWAYS_ACTION_TIMEOUT) or the turn raises, the resident is told their answers are kept and who else can help;
- carry out "forget me": action_forget_me sends a FORGET_ME message, which the channel holds back; once Rasa has
  saved the turn, the channel deletes the conversation (bot/privacy.py) and only then confirms;
- REST: a body that is not the expected JSON gets 400 and a JSON error (Rasa answers 500);
- socket.io: only the configured origins may connect (Rasa's accepts any), and custom messages (the
  recommendation cards) reach the widget as `{"custom": {...}}`, the shape the REST channel returns them in
  (Rasa 3.6 passes their keys to python-socketio 5's emit() as arguments, which fails);
- the Rasa server reads request bodies up to PATHWAYS_MAX_BODY_BYTES (Sanic's default is 100 MB).
Importing this module (Rasa does, to build the channels) also sets Rasa's action-server timeout.
"""
from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections import OrderedDict, deque
from typing import Any, Awaitable, Callable

import rasa.core.actions.action
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import QueueOutputChannel
from rasa.core.channels.rest import RestInput as RasaRestInput
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request

import rasa.utils.endpoints
from bot import privacy
from bot.settings import (NATIONAL_CAREERS, action_timeout, cors_origins, max_body_bytes, max_message_chars,
                          rate_limit)

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

OK, LIMITED, REFUSED = "ok", "limited", "refused"


# --- the action server's timeout ------------------------------------------------------------------------------
def set_action_timeout(seconds: float) -> None:
    """Rasa 3.6's RemoteAction.run calls the action server with `timeout=DEFAULT_REQUEST_TIMEOUT` (300 s), read from
    rasa.core.actions.action's globals at each call; endpoints.yml has no setting for it. Rebinding that one
    name changes nothing else (tests/bot/test_channels.py checks a slow action server now fails in time)."""
    rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT = seconds


set_action_timeout(action_timeout())


# --- noticing a failed action ---------------------------------------------------------------------------------
# Rasa's MessageProcessor catches an action's exception, logs it and carries on with no reply. This filter sees that
# log record in the task handling the message, where the channel has put a list to note it in.
_failures: contextvars.ContextVar[list | None] = contextvars.ContextVar("pathways_action_failures", default=None)
ACTION_FAILED = "Encountered an exception while running action"


class _NoteActionFailures(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        failures = _failures.get()
        if failures is not None and record.levelno >= logging.ERROR and \
                str(record.msg).startswith(ACTION_FAILED):
            failures.append(record.getMessage())
        return True


logging.getLogger("rasa.core.processor").addFilter(_NoteActionFailures())


# --- output channels that count what they send ----------------------------------------------------------------
class _Watched:
    """Counts the messages sent and holds back action_forget_me's FORGET_ME message (keeping its confirmation)."""

    sent = 0
    forget: str | None = None

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        custom = message.get("custom")
        if isinstance(custom, dict) and custom.get("type") == privacy.FORGET_ME:
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
    if isinstance(output, SocketIOOutput):
        return WatchedSocketIO(output.sio, output.bot_message_evt)
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


class Guard:
    """What both channels do around Rasa's handling of one message."""

    def __init__(self) -> None:
        self.limiter = RateLimiter(*rate_limit())
        self.max_chars = max_message_chars()

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

        failures: list[str] = []
        token = _failures.set(failures)
        try:
            await on_new_message(message)
        except Exception as e:                          # noqa: BLE001 - the resident must hear something
            log.error("handling a message failed: %s", type(e).__name__, exc_info=log.isEnabledFor(logging.DEBUG))
            failures.append(type(e).__name__)
        finally:
            _failures.reset(token)

        if out.forget is not None:
            await self._forget(agent, sender, out)
        elif failures:
            await out.send_text_message(sender, FAILED)
        elif not out.sent:
            await out.send_text_message(sender, NO_REPLY)
        return OK

    @staticmethod
    async def _forget(agent: Any, sender: str, out: Any) -> None:
        try:
            async with agent.lock_store.lock(sender):   # no turn of this sender is half-way through
                deleted = privacy.delete_conversation(agent.tracker_store, sender)
        except Exception as e:                          # noqa: BLE001
            first = (str(e).strip().splitlines() or [""])[0][:200]     # the driver's line, not the SQL parameters
            log.error("deleting a conversation failed: %s: %s", type(e).__name__, first)
            await out.send_text_message(sender, FORGET_FAILED)
            return
        log.info("deleted a conversation at its resident's request (%d stored items)", deleted)
        await out.send_text_message(sender, out.forget or "I've deleted this conversation.")


def _set_body_limit(app: Any, _loop: Any = None) -> None:
    app.config.REQUEST_MAX_SIZE = max_body_bytes()   # read by Sanic for each new connection


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
        bp.listener("before_server_start")(_set_body_limit)
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


class SocketIOInput(RasaSocketIOInput):
    """Rasa's socket.io channel (same events and options), guarded, accepting only the configured origins."""

    def get_output_channel(self) -> Any:
        """For messages Rasa sends outside a turn (reminders, the HTTP API's trigger_intent)."""
        return CardSocketIOOutput(self.sio, self.bot_message_evt) if self.sio is not None else None

    async def _session_request(self, sid: str, data: dict | None) -> None:
        """Rasa's session_request, with the room joined before the session is confirmed."""
        session_id = (data or {}).get("session_id") or uuid.uuid4().hex
        await self.sio.enter_room(sid, session_id, namespace=self.namespace)
        await self.sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        guard = Guard()
        bp: Blueprint | None = None

        async def handle(message: UserMessage) -> None:
            app = next(iter(bp.apps), None) if bp is not None and bp.registered else None
            await guard.handle(on_new_message, message, app)

        bp = super().blueprint(handle)
        # Rasa turns engine.io's origin check off (cors_allowed_origins=[]) and leaves CORS headers to Sanic-CORS
        # (turning engine.io's on would send the header twice, which browsers refuse). Browsers do not apply CORS
        # to WebSockets, so without a check any web page could talk to the bot in its visitors' name: the
        # socket.io connection itself is refused for an origin Rasa's --cors does not list.
        allowed = set(cors_origins())
        rasa_connect = self.sio.handlers[self.namespace or "/"]["connect"]

        async def connect(sid: str, environ: dict, auth: dict | None = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if origin and "*" not in allowed and origin not in allowed:
                log.info("refused a socket.io connection from an origin not in PATHWAYS_CORS")
                return False
            return await rasa_connect(sid, environ, auth)

        self.sio.on("connect", connect, namespace=self.namespace)
        # Rasa 3.6 calls python-socketio's enter_room() without awaiting it (a coroutine since python-socketio
        # 5.10), so the widget never joined its session's room and every reply to it was lost.
        if self.session_persistence:
            self.sio.on("session_request", self._session_request, namespace=self.namespace)
        bp.listener("before_server_start")(_set_body_limit)
        return bp


