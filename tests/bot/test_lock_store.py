"""bot/rasa/lock_store.py on a real Redis: a turn waiting for a dead process's lock is served once that lock
expires, however late its process looks, where Rasa's own Redis lock store waits for ever."""
from __future__ import annotations

import asyncio
import time
import uuid

import pytest
import yaml
from rasa.core.lock_store import LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis import Redis

from bot.model import ROOT
from bot.rasa.lock_store import PathwaysLockStore


@pytest.fixture
def endpoint(redis_url: str):
    """An endpoint section for a key prefix of this test's own, and the Redis client to look at it."""
    client = Redis.from_url(redis_url)
    prefix = f"locktest{uuid.uuid4().hex[:8]}"
    kw = client.connection_pool.connection_kwargs
    yield EndpointConfig(url=kw["host"], port=kw["port"], db=kw.get("db", 0), key_prefix=prefix,
                         type="bot.rasa.lock_store.PathwaysLockStore"), client, prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


async def late_waiter(store: LockStore, conversation: str, *, lifetime: float, dead_lifetime: float,
                      look_every: float) -> float:
    """A dead process's ticket, then a turn for the same conversation that looks for the lock every `look_every`
    seconds: the seconds until that turn was served."""
    store.issue_ticket(conversation, dead_lifetime)           # issued, never cleaned up: its process was killed
    began = time.monotonic()
    async with store.lock(conversation, lock_lifetime=lifetime, wait_time_in_seconds=look_every):
        return time.monotonic() - began


def test_a_turn_behind_a_dead_lock_is_served_when_both_tickets_expire_between_looks(endpoint):
    config, client, prefix = endpoint
    ours = LockStore.create(config)
    assert isinstance(ours, PathwaysLockStore)
    waited = asyncio.run(asyncio.wait_for(
        late_waiter(ours, "resident-1", lifetime=1, dead_lifetime=1, look_every=1.5), timeout=10))
    assert 1 <= waited < 4
    assert not list(client.scan_iter(f"{prefix}:*"))           # served and cleaned up: no lock left behind


def test_rasas_own_lock_store_still_waits_for_ever_there(endpoint):
    """Why PathwaysLockStore exists. If this fails, Rasa has fixed it: drop the class and its endpoints entry."""
    config, _client, _prefix = endpoint
    rasas = RedisLockStore(host=config.url, **config.kwargs)
    with pytest.raises(asyncio.TimeoutError):
        asyncio.run(asyncio.wait_for(
            late_waiter(rasas, "resident-1", lifetime=1, dead_lifetime=1, look_every=1.5), timeout=6))


def test_a_ticket_lost_while_its_process_stalled_queues_again(endpoint):
    config, client, prefix = endpoint
    ours = LockStore.create(config)
    # its own ticket lasts 0.5 s and it looks every 1 s: the ticket is gone at nearly every look
    waited = asyncio.run(asyncio.wait_for(
        late_waiter(ours, "resident-2", lifetime=0.5, dead_lifetime=3, look_every=1), timeout=10))
    assert 3 <= waited < 6
    assert not list(client.scan_iter(f"{prefix}:*"))


def test_turns_of_one_conversation_are_served_one_at_a_time_in_order(endpoint):
    config, client, prefix = endpoint
    ours = LockStore.create(config)
    served: list[tuple[str, str]] = []

    async def turn(name: str, after: float) -> None:
        await asyncio.sleep(after)
        async with ours.lock("resident-3", lock_lifetime=10, wait_time_in_seconds=0.05):
            served.append(("start", name))
            await asyncio.sleep(0.3)
            served.append(("end", name))

    async def three() -> None:
        await asyncio.gather(turn("a", 0), turn("b", 0.05), turn("c", 0.1))

    asyncio.run(three())
    assert served == [(e, n) for n in "abc" for e in ("start", "end")]
    assert not list(client.scan_iter(f"{prefix}:*"))


def test_the_production_endpoints_name_this_lock_store():
    endpoints = yaml.safe_load((ROOT / "deploy" / "endpoints.prod.yml").read_text())
    assert endpoints["lock_store"]["type"] == "bot.rasa.lock_store.PathwaysLockStore"
