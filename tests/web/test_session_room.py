"""The socket.io channel puts the widget in its session's room, where Rasa sends the replies (no browser needed)."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bot.rasa.channels import SocketIOInput


def test_session_request_joins_the_room_the_replies_go_to():
    async def scenario():
        channel = SocketIOInput.from_credentials({"session_persistence": True})

        async def on_new_message(message):
            pass

        channel.blueprint(on_new_message)
        sio, sent = channel.sio, []

        async def emit(event, data=None, room=None, namespace=None, **kwargs):
            sent.append((event, data, room))

        sio.emit = emit
        sid = await sio.manager.connect("engine-io-sid", "/")
        await sio.handlers["/"]["session_request"](sid, {"session_id": "kept-across-reloads"})
        await sio.handlers["/"]["session_request"](sid, None)            # a first visit: a new session
        rooms = sio.rooms(sid)
        return sid, rooms, sent

    with ThreadPoolExecutor(1) as pool:       # its own thread: Playwright keeps an event loop in this one
        sid, rooms, sent = pool.submit(asyncio.run, scenario()).result()
    assert "kept-across-reloads" in rooms
    assert sent[0] == ("session_confirm", "kept-across-reloads", sid)
    new_session = sent[1][1]
    assert len(new_session) == 32 and new_session in rooms
