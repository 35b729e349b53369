"""Sending the film of the day to subscribed chats, from any number of instances at once.

Each round an instance claims a batch of due cards in the database (nobody
else takes them until its lease ends), books sending slots on the clock all
instances share (`Store.reserve`), sends each card in its slot (up to
`CONCURRENT_SENDS` on their way at once) and records it as delivered
straight after Telegram accepts it.

What can go wrong, and what happens:
- An instance dies mid-batch: its unsent cards are claimed by another (or by
  it, restarted) when the lease ends, `LEASE_SECONDS` later. A live instance
  renews its claims while it sends, so no other takes a card it will send.
- The one window for a duplicate is between Telegram accepting a card and the
  database recording it, a few milliseconds: an instance killed there, or one
  that loses the database there for longer than the lease, has that card sent
  again. At most `CONCURRENT_SENDS` cards of an instance are in the window at
  once; in practice the rate times the time one record takes.
- The database goes away: the instance keeps what it sent but could not
  record, records it first when the database is back, and claims nothing
  until then.
- A chat blocked the bot (403) or is gone: its subscription is paused.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, Literal

from .store import DB_ERRORS, Due, Store, reason

log = logging.getLogger("film_bot.delivery")

LEASE_SECONDS = 60.0  # how long a claimed card is one instance's before any other may send it
TICK_SECONDS = 1.0  # how often an idle instance looks for due cards
LARGEST_BATCH = 100
# cards on their way at once in one instance; each holds a database connection while it is
# recorded, and the pool keeps room for the questions being answered meanwhile
CONCURRENT_SENDS = 8

Outcome = Literal["sent", "gone", "skipped", "failed"]


def instance_name() -> str:
    """This process, as it signs its claims: host, pid and a random part."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Deliverer:
    """The delivery loop of one instance; `send` sends one card and says how it went."""

    def __init__(
        self,
        store: Store,
        send: Callable[[Due], Awaitable[Outcome]],
        rate: float,
        lease: float = LEASE_SECONDS,
        tick: float = TICK_SECONDS,
        owner: str | None = None,
        count: Callable[[str], Any] | None = None,
    ) -> None:
        """`count(outcome)` is told of each card's outcome (the metrics' counter), if given."""
        self.store, self.send, self.rate = store, send, rate
        self.count = count
        self.lease, self.tick = lease, tick
        self.owner = owner or instance_name()
        # a batch takes about two seconds at the rate, well within the lease
        self.batch = max(1, min(LARGEST_BATCH, int(rate * 2))) if rate else LARGEST_BATCH
        self.unrecorded: list[Due] = []  # sent, but the database was away when it was to be recorded
        self.sent = 0
        self._down = False

    async def run(self) -> None:
        """Deliver until cancelled."""
        log.info(
            "delivery: started as %s, %s", self.owner, f"{self.rate:g}/s" if self.rate else "no rate limit"
        )
        while True:
            try:
                busy = await self.round()
            except DB_ERRORS as exc:
                if not self._down:
                    log.warning("delivery: database unavailable, waiting for it: %s", reason(exc))
                self._down, busy = True, False
            else:
                if self._down:
                    log.info("delivery: database is back")
                self._down = False
            if not busy:
                await asyncio.sleep(self.tick)

    async def round(self) -> bool:
        """One batch: record what is pending, claim, send; True if there was work."""
        while self.unrecorded:
            await self.store.delivered(self.unrecorded[0])
            self.unrecorded.pop(0)
        cards = await self.store.claim(self.owner, self.batch, self.lease)
        if not cards:
            return False
        for card in (c for c in cards if c.late):
            log.info(
                "delivery: chat %s missed its card of %s; the next is tomorrow's", card.chat_id, card.day
            )
            await self.store.skip(card)
        cards = [c for c in cards if not c.late]
        # each card leaves at its slot, whatever the ones before are still waiting for (Telegram
        # answers in tens of milliseconds: one at a time could not keep up with 30 a second)
        room = asyncio.Semaphore(CONCURRENT_SENDS)
        sending = []
        slots = Slots(self.store, self.rate)
        mine, renewed = {c.chat_id for c in cards}, time.monotonic()
        for i, card in enumerate(cards):
            await slots.wait(len(cards) - i)
            if time.monotonic() - renewed > self.lease / 3:  # a long batch keeps its claims alive
                mine = await self.store.renew(self.owner, self.lease, [c.chat_id for c in cards[i:]])
                renewed = time.monotonic()
            if card.chat_id not in mine:
                continue  # its claim lapsed and another instance has it
            await room.acquire()
            sending.append(asyncio.create_task(self._deliver(card, room)))
        outcomes = await asyncio.gather(*sending)
        errors = [o for o in outcomes if isinstance(o, Exception)]
        if errors:  # the database went away: `run` waits for it, and the next round records first
            raise errors[0]
        return "failed" not in outcomes

    async def _deliver(self, card: Due, room: asyncio.Semaphore) -> Outcome | Exception:
        try:
            outcome = await self.send(card)
            if self.count is not None:
                self.count(outcome).inc()
            if outcome == "sent":
                self.sent += 1
                self.unrecorded.append(card)
                await self.store.delivered(card)
                self.unrecorded.remove(card)
            elif outcome == "gone":
                await self.store.pause(card.chat_id, "blocked")
            elif outcome == "skipped":  # Telegram refused this card: tomorrow's, not again and again
                await self.store.skip(card)
            # "failed" (Telegram unreachable after retries): claimed again next round, after a pause
            return outcome
        except DB_ERRORS as exc:
            return exc  # the card stays claimed by this instance; sent ones wait in `unrecorded`
        finally:
            room.release()


class Slots:
    """Sending slots booked on the shared clock, waited for one by one.

    An instance that falls behind its slots (a slow start, a busy event loop)
    does not catch up in a burst, which could crowd another instance's slots:
    more than one slot late, it books new ones for what is left."""

    def __init__(self, store: Store, rate: float) -> None:
        self.store, self.rate = store, rate
        self.start: float | None = None
        self.used = 0

    async def wait(self, left: int) -> None:
        """Wait for the next slot; `left` cards remain to send, this one included."""
        if not self.rate:
            return
        if self.start is not None and time.time() - self.next > 1 / self.rate:
            self.start = None  # missed: the slots booked are given up
        if self.start is None:
            self.start, self.used = await self.store.reserve(left, self.rate), 0
        await asyncio.sleep(max(0.0, self.next - time.time()))
        self.used += 1

    @property
    def next(self) -> float:
        assert self.start is not None
        return self.start + self.used / self.rate
