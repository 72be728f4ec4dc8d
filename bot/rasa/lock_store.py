"""Pathways' lock store: Rasa's Redis ticket lock, except that a turn waiting for the lock keeps its place.

Rasa issues each turn a ticket that expires TICKET_LOCK_LIFETIME seconds after it is issued, waiting or not. When
the process holding a conversation's lock dies, the turn nginx sends to the other process waits for the dead
ticket to expire; if a busy event loop polls late, both tickets have expired by the next look, no ticket is
served any more, and the turn waits forever (Rasa's loop only ends on a served ticket, RasaHQ/rasa#5396). Here a
waiting ticket is renewed at every look, its lifetime counts from when it is served, and a ticket lost anyway
(a process stalled longer than the lifetime) queues again instead of waiting for nothing.

Configured in deploy/endpoints.prod.yml as `type: bot.rasa.lock_store.PathwaysLockStore` with Redis's usual keys.
"""
from __future__ import annotations

import asyncio
import time
from contextlib import asynccontextmanager
from typing import AsyncGenerator, Text

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, RedisLockStore
from rasa.utils.endpoints import EndpointConfig


class PathwaysLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig) -> None:
        # Rasa builds a lock store named by module path from its endpoint section alone.
        super().__init__(host=endpoint_config.url, **endpoint_config.kwargs)

    @asynccontextmanager
    async def lock(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = 1) -> AsyncGenerator[TicketLock, None]:
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        try:
            while True:
                lock = self.get_or_create_lock(conversation_id)
                mine = next((t for t in lock.tickets if t.number == ticket and not t.has_expired()), None)
                lost = mine is None
                if lost:
                    ticket = lock.issue_ticket(lock_lifetime)
                    mine = lock.tickets[-1]
                served = lock.now_serving == ticket
                if lost or served or mine.expires - time.time() < lock_lifetime / 2:
                    # Saved only when needed: every save may undo another process's change made since the read.
                    mine.expires = time.time() + lock_lifetime
                    self.save_lock(lock)
                if served:
                    break
                await asyncio.sleep(wait_time_in_seconds)
            yield lock
        finally:
            self.cleanup(conversation_id, ticket)
