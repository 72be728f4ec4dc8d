"""The console's calls to the assistant, made server-side, one way only: the REST channel for turns (what the
resident types, a button's payload, and the coach's corrections as the payload of an answer), the token-protected
HTTP API to read the tracker. "Forget me" is a turn too. The browser never sees the token."""
from __future__ import annotations

import asyncio
import urllib.parse
from typing import Any

import aiohttp

from bot.coach import settings
from bot.settings import rasa_url

TIMEOUT = aiohttp.ClientTimeout(total=30, connect=5)     # a turn runs actions that query the knowledge base


class RasaUnavailable(Exception):
    """Rasa did not answer, or answered with an error; the message is fit for the coach."""


class Rasa:
    def __init__(self, url: str | None = None, token: str | None = None):
        self.url = (url or rasa_url()).rstrip("/")
        self.token = settings.rasa_token() if token is None else token

    async def _call(self, method: str, path: str, body: Any = None, **params: str) -> Any:
        query = urllib.parse.urlencode({**params, **({"token": self.token} if self.token else {})})
        try:
            async with aiohttp.ClientSession(timeout=TIMEOUT) as http:
                async with http.request(method, f"{self.url}{path}?{query}", json=body) as r:
                    if r.status >= 400:
                        detail = (await r.text())[:200]
                        raise RasaUnavailable(f"The assistant answered with an error ({r.status}). "
                                              + ("Check RASA_TOKEN for the console." if r.status == 401 else detail))
                    return await r.json(content_type=None)
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as e:
            raise RasaUnavailable(f"The assistant at {self.url} is not answering ({e.__class__.__name__}). "
                                  "Check that Pathways is running, then try again.") from None

    def _conversation(self, sender_id: str) -> str:
        return f"/conversations/{urllib.parse.quote(sender_id, safe='')}"

    async def say(self, sender_id: str, message: str) -> list[dict]:
        """One resident turn: words they typed, or a button's payload such as /inform{"age": 19}."""
        return await self._call("POST", "/webhooks/rest/webhook", {"sender": sender_id, "message": message})

    async def tracker(self, sender_id: str) -> dict:
        return await self._call("GET", self._conversation(sender_id) + "/tracker")
