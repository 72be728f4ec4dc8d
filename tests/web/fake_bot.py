"""A stand-in for Rasa's socket.io channel that answers a resident's messages with hostile content: HTML and script
in text, button titles and every card field, and a javascript: link. The widget must show all of it as plain text.

"Forget me" (/forget_me) fails the first time for a session, as the channel says when the tracker store fails, and
succeeds the second time.

It also serves a council page (`/council?web=...&bot=...`) embedding the widget from the web front at `web`,
pointed at `bot`: a real page on another origin, as a council's would be. (A page made up by the browser test
itself would count as public, and Chromium blocks a public page from reaching loopback addresses.)

python -m tests.web.fake_bot PORT  (the same events as Rasa: session_request/session_confirm, user_uttered,
bot_uttered).
"""
from __future__ import annotations

import html
import sys
import uuid
from collections import Counter

from sanic import Sanic, response
from socketio import AsyncServer

ATTACK = "<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script><b>bold</b>"
LONG_URL = "https://example.org/" + "a-very-long-path-segment-" * 8
REPLIES = [
    {"text": f"Text: {ATTACK}"},
    {"text": "Pick one", "quick_replies": [{"content_type": "text", "title": f"Button {ATTACK}",
                                            "payload": "/inform"}]},
    {"custom": {"type": "recommendations", "profile": {}, "items": [
        {"id": "x", "title": f"Title {ATTACK}", "provider": f"Provider {ATTACK}", "route_type": "t_level",
         "why": [f"Why {ATTACK}"], "next_step": f"Next {ATTACK} {LONG_URL}", "url": "javascript:window.__pwned=3",
         "source": f"Source {ATTACK}"},
        {"id": "y", "title": "A route with a real link", "provider": "A college", "route_type": "apprenticeship",
         "verdict": "fits", "why": ["It suits you."], "next_step": "Apply.", "url": LONG_URL, "source": "A source"},
        {"id": "z", "title": "A route to check first", "provider": "A provider", "route_type": "swap",
         "verdict": "check", "why": ["It suits you.", "Check with the provider: the minimum age varies."],
         "next_step": "Ask your work coach.", "url": None, "source": "A source"}]}},
]

# The channel's failure text (bot/rasa/channels.py FORGET_FAILED) and action_forget_me's confirmation (actions/privacy.py),
# shortened; tests/web/test_forget_words.py holds the widget to the real ones.
FORGET_FAILED = "Sorry, I couldn't delete your conversation just now. Please try \"delete my data\" again in a minute."
FORGOTTEN = "Done. I've deleted this conversation and everything you told me in it."


def council_page(web: str, bot_url: str) -> str:
    src, bot = html.escape(f"{web}/widget/pathways.js"), html.escape(bot_url)
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test council</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>'
            '<main><h1>Test council</h1><p>A page on a council\'s own site.</p></main>'
            f'<script defer src="{src}" data-bot-url="{bot}" data-council-name="Test Council" '
            'data-employment-team="Test Works on 020 7946 0999"></script></body></html>')


def make_app() -> Sanic:
    sio = AsyncServer(async_mode="sanic", cors_allowed_origins="*")
    app = Sanic("fake_bot")
    sio.attach(app, "/socket.io")
    forget_requests: Counter = Counter()

    @app.get("/council")
    async def council(request):
        return response.html(council_page(request.args.get("web", ""), request.args.get("bot", "")))

    @sio.on("session_request")
    async def session_request(sid, data):
        await sio.emit("session_confirm", (data or {}).get("session_id") or uuid.uuid4().hex, room=sid)

    @sio.on("user_uttered")
    async def user_uttered(sid, data):
        if (data or {}).get("message") == "/greet":          # the widget's silent hello when it first opens
            await sio.emit("bot_uttered", {"text": "Hello. Type anything."}, room=sid)
            return
        if (data or {}).get("message") == "/forget_me":
            forget_requests[data.get("session_id")] += 1
            text = FORGET_FAILED if forget_requests[data.get("session_id")] == 1 else FORGOTTEN
            await sio.emit("bot_uttered", {"text": text}, room=sid)
            return
        for reply in REPLIES:
            await sio.emit("bot_uttered", reply, room=sid)

    return app


if __name__ == "__main__":
    make_app().run(host="127.0.0.1", port=int(sys.argv[1]), access_log=False)
