"""Several `film-bot run` processes on one PostgreSQL deliver the daily film: every due chat
gets exactly one card, all of them together within the rate, and an instance killed with
SIGKILL mid-delivery leaves nothing undelivered (its claims lapse and the other finishes)."""

from __future__ import annotations

import collections
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fake_bot_api import TOKEN, FakeBotAPI
from sqlalchemy import insert

from bot.store import Store, migrate, subscriptions

ROOT = Path(__file__).resolve().parent.parent
SUBSCRIBERS = 1_000
RATE = 100  # messages a second for all instances together (Telegram's 30 would take 33 s here)
LEASE = 3  # seconds before a dead instance's claims lapse (60 by default)


async def subscribe_all_due_now(url: str, count: int) -> None:
    """`count` private chats (ids 1..count) whose card is due this minute."""
    await migrate(url)
    store = Store(url)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows = [
        {"chat_id": i, "minute": now.hour * 60 + now.minute, "language": "en", "active": True, "due_at": now}
        for i in range(1, count + 1)
    ]
    async with store.engine.begin() as conn:
        await conn.execute(insert(subscriptions), rows)
    await store.close()


def start_instance(api: FakeBotAPI, url: str, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "FILM_BOT_"))}
    env |= {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": api.base_url,
        "DATABASE_URL": url,
        "FILM_BOT_RATE_PER_SECOND": str(RATE),
        "FILM_BOT_DELIVERY_LEASE": str(LEASE),
        "PYTHONUNBUFFERED": "1",
    }
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT, stdout=out, stderr=out
        )


@pytest.fixture
def instances(api: FakeBotAPI, tmp_path: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
    for log in tmp_path.glob("*.log"):
        assert "Traceback" not in log.read_text(errors="replace"), log.read_text(errors="replace")[-3000:]


def delivered(api: FakeBotAPI) -> tuple[collections.Counter[int], list[float]]:
    """Cards accepted per chat, and when each arrived."""
    sent = [c for c in api.calls_of("sendMessage") if c.status == 200]
    return collections.Counter(int(c.params["chat_id"]) for c in sent), sorted(c.time for c in sent)


def busiest_second(times: list[float]) -> int:
    """The most messages in any one-second window."""
    most, first = 0, 0
    for last, moment in enumerate(times):
        while moment - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


async def test_two_instances_deliver_each_card_once_within_the_rate(
    api: FakeBotAPI, postgres_url: str, tmp_path: Path, instances: list
) -> None:
    for chat_id in range(1, SUBSCRIBERS + 1):
        api.add_chat(chat_id)
    await subscribe_all_due_now(postgres_url, SUBSCRIBERS)
    instances += [start_instance(api, postgres_url, tmp_path / f"instance-{n}.log") for n in (1, 2)]
    assert api.wait_for(lambda a: len(delivered(a)[0]) == SUBSCRIBERS, timeout=60)
    time.sleep(1.0)  # anything sent twice would arrive by now
    per_chat, times = delivered(api)
    rate = (len(times) - 1) / (times[-1] - times[0])
    print(
        f"{len(times)} cards to {len(per_chat)} chats at {rate:.1f}/s; busiest second: {busiest_second(times)}"
    )
    assert sum(per_chat.values()) == SUBSCRIBERS and set(per_chat.values()) == {1}
    # Counted where the cards arrive, each some milliseconds after its slot, by a loaded machine
    # (two bots, this server and PostgreSQL on two cores): 1% on the whole run, 5% on one second.
    assert rate <= RATE * 1.01
    assert busiest_second(times) <= RATE * 1.05


async def test_an_instance_killed_mid_delivery_leaves_nothing_undelivered(
    api: FakeBotAPI, postgres_url: str, tmp_path: Path, instances: list
) -> None:
    for chat_id in range(1, SUBSCRIBERS + 1):
        api.add_chat(chat_id)
    await subscribe_all_due_now(postgres_url, SUBSCRIBERS)
    victim, survivor = (start_instance(api, postgres_url, tmp_path / f"instance-{n}.log") for n in (1, 2))
    instances += [victim, survivor]
    assert api.wait_for(lambda a: len(delivered(a)[0]) >= SUBSCRIBERS // 2, timeout=60)
    victim.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()
    victim.wait(timeout=10)
    assert api.wait_for(lambda a: len(delivered(a)[0]) == SUBSCRIBERS, timeout=60)
    finished = time.monotonic() - killed_at
    time.sleep(1.0)
    per_chat, _ = delivered(api)
    twice = [chat for chat, n in per_chat.items() if n > 1]
    print(f"killed halfway; all {SUBSCRIBERS} delivered {finished:.1f} s later; sent twice: {len(twice)}")
    assert len(per_chat) == SUBSCRIBERS
    # the one window: a card Telegram accepted that the killed instance had not yet recorded
    assert len(twice) <= 1 and all(per_chat[chat] == 2 for chat in twice)
