"""Residents chatting at once over the REST channel: messages a second and latency, Pathways beside stock Rasa.

Each simulated resident plays whole scripted conversations back to back, each with a fresh sender id, and
waits for every reply before sending the next message (as a person does, without the reading time).
"""
from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field

import aiohttp

from bench.stats import ms, percentile

# A resident typing, answers spread over several messages as most people give them.
TYPED = ["hello", "I'm 19", "5 GCSEs", "I live in Hackney", "I'm on universal credit", "working in a lab",
         "tell me more about the first one", "thanks"]
# The same conversation in a guided session: every turn is a button's payload, so none needs NLU.
GUIDED = ["/greet", '/inform{"age": 19}', '/inform{"qualification_level": "2"}', '/inform{"borough": "Hackney"}',
          '/inform{"barriers": ["benefits"]}', '/inform{"interests": ["laboratory"]}', "/thanks"]
# Stock `rasa init` (moodbot): its own conversation of the same kind.
STOCK = ["hello", "I am sad", "yes", "goodbye"]


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    empty: int = 0
    conversations: int = 0
    seconds: float = 0.0

    def row(self, name: str, residents: int) -> list:
        n = len(self.latencies)
        return [name, residents, self.conversations, n, f"{n / self.seconds:.1f}" if self.seconds else "-",
                ms(percentile(self.latencies, 50)), ms(percentile(self.latencies, 95)),
                ms(percentile(self.latencies, 99)), self.errors, self.empty]


HEADERS = ["bot", "residents", "conversations", "messages", "messages/s", "p50 ms", "p95 ms", "p99 ms",
           "errors", "empty replies"]


async def _resident(session: aiohttp.ClientSession, url: str, script: list[str], deadline: float, run: Run):
    while time.monotonic() < deadline:
        sender = f"bench-{uuid.uuid4().hex[:12]}"
        for text in script:
            started = time.perf_counter()
            try:
                async with session.post(url, json={"sender": sender, "message": text}) as resp:
                    body = await resp.json(content_type=None)
                    ok = resp.status == 200
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                ok, body = False, None
            run.latencies.append(time.perf_counter() - started)
            if not ok:
                run.errors += 1
            elif not body:
                run.empty += 1
        run.conversations += 1


async def _load(base: str, script: list[str], residents: int, seconds: float) -> Run:
    run = Run()
    url = f"{base}/webhooks/rest/webhook"
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as session:
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(*(_resident(session, url, script, deadline, run) for _ in range(residents)))
        run.seconds = time.monotonic() - started
    return run


def load(base: str, script: list[str], residents: int, seconds: float, warmup: int = 2) -> Run:
    """Warms the bot with a few conversations, then measures `residents` chatting for `seconds`."""
    asyncio.run(_load(base, script, warmup, 0.1))
    return asyncio.run(_load(base, script, residents, seconds))
