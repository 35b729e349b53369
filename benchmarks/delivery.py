"""The daily film at scale, and what chat state costs a question.

1. Delivery with the rate limiter on: N due subscribers (default 10,000), two `film-bot run`
   processes on one PostgreSQL, FILM_BOT_RATE_PER_SECOND (default 30) for both together,
   through the fake Bot API. Prints the achieved rate, the busiest second, cards sent twice,
   and how long questions asked meanwhile waited for their answer.
2. Delivery with the rate limiter off: how many cards a second the store and the bot sustain,
   on SQLite with one instance and on PostgreSQL with one and with two.
3. The cost a question pays for chat state: reading it (every question) and writing the topic
   (when it changes), in µs, on SQLite and PostgreSQL, measured in this process.

The PostgreSQL server is BENCH_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/test);
each run gets a new database there, dropped afterwards.

    python benchmarks/delivery.py                 # all three (~10 minutes: part 1 takes N/rate)
    python benchmarks/delivery.py --quick         # a smoke run: 300 subscribers at 100/s
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import _common as c

POSTGRES = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
QUESTION_CHATS = 900_000  # chat ids of the people asking questions during a delivery


@contextlib.contextmanager
def database(kind: str) -> Iterator[str]:
    """A new, empty database of `kind` ("sqlite" or "postgresql"), removed afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="film-bot-bench-") as folder:
            yield f"sqlite:///{folder}/chats.sqlite3"
        return
    import asyncpg
    from sqlalchemy.engine import make_url

    name = f"film_bot_bench_{uuid.uuid4().hex[:12]}"

    async def admin(statement: str) -> None:
        conn = await asyncpg.connect(POSTGRES, timeout=5)
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(admin(f'DROP DATABASE "{name}" WITH (FORCE)'))


def delivery_run(kind: str, instances: int, subscribers: int, rate: float, ask_every: float) -> list[str]:
    """One delivery of `subscribers` due cards; a row of the table."""
    from fake_bot_api import FakeBotAPI
    from instances import busiest_second, delivered, start_instance, subscribe_all_due_now

    chats = range(1, subscribers + 1)
    with database(kind) as url, FakeBotAPI() as api, tempfile.TemporaryDirectory() as logs:
        for chat_id in chats:
            api.add_chat(chat_id)
        asyncio.run(subscribe_all_due_now(url, subscribers))
        env = {"FILM_BOT_RATE_PER_SECOND": f"{rate:g}", "LOG_LEVEL": "WARNING"}
        processes = [start_instance(api, url, Path(logs) / f"{n}.log", **env) for n in range(instances)]
        waits: list[float] = []  # seconds from a question to its answer, while cards go out
        asked = 0
        try:
            deadline = time.monotonic() + (subscribers / rate * 1.5 if rate else 0) + 120
            while len(delivered(api, chats)[0]) < subscribers and time.monotonic() < deadline:
                if ask_every and len(delivered(api, chats)[0]) > 0:
                    chat_id = QUESTION_CHATS + asked
                    asked += 1
                    started = time.monotonic()
                    api.send_message("who directed mirror?", chat_id=chat_id)
                    if api.wait_for(lambda a, chat_id=chat_id: bool(a.sent_messages(chat_id)), timeout=10):
                        waits.append(time.monotonic() - started)
                    time.sleep(max(0.0, ask_every - (time.monotonic() - started)))
                else:
                    time.sleep(0.05)
            time.sleep(1.0)  # anything sent twice arrives by now
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=30)
        per_chat, times = delivered(api, chats)
    span = times[-1] - times[0] if len(times) > 1 else float("nan")
    return [
        kind,
        str(instances),
        f"{rate:g}/s" if rate else "off",
        c.fmt(len(per_chat)),
        c.fmt(sum(n - 1 for n in per_chat.values())),
        c.fmt(span),
        c.fmt((len(times) - 1) / span if span else float("nan")),
        c.fmt(busiest_second(times)),
        f"{len(waits)}/{asked}" if ask_every else "-",
        c.fmt(c.median(waits) * 1000, 0) if waits else "-",
        c.fmt(max(waits) * 1000, 0) if waits else "-",
    ]


DELIVERY_COLUMNS = [
    "database", "instances", "limit", "chats reached", "sent twice", "seconds", "cards/s",
    "busiest second", "questions answered", "answer p50 ms", "answer max ms",
]  # fmt: skip


async def state_cost(url: str, repeat: int) -> list[str]:
    """µs for one read of a chat's state and one write of its topic (median, p99)."""
    from bot.brain import Topic
    from bot.store import Store, migrate

    await migrate(url)
    store = Store(url)
    films = ["mirror", "circus", "stalker"]
    reads: list[float] = []
    writes: list[float] = []
    try:
        for i in range(repeat):
            chat_id = 1 + i % 500  # 500 chats: rows exist after the first pass, as in a busy bot
            started = time.perf_counter()
            await store.state(chat_id)
            reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            await store.remember(chat_id, Topic(film=films[i % 3]), 1800)
            writes.append(time.perf_counter() - started)
    finally:
        await store.close()
    return [
        url.split(":", 1)[0],
        c.fmt(repeat),
        *(
            c.fmt(f(values) * 1e6, 0)
            for values in (reads, writes)
            for f in (c.median, lambda v: c.percentile(v, 99))
        ),
    ]


STATE_COLUMNS = ["database", "questions", "read µs p50", "read µs p99", "write µs p50", "write µs p99"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=30.0, help="FILM_BOT_RATE_PER_SECOND of part 1")
    parser.add_argument("--unlimited", type=int, default=10_000, help="subscribers of part 2")
    parser.add_argument("--repeat", type=int, default=2_000, help="questions of part 3")
    parser.add_argument("--quick", action="store_true", help="a smoke run: small numbers")
    parser.add_argument("--parts", default="123", help="which parts to run, e.g. 23")
    args = parser.parse_args()
    if args.quick:
        args.subscribers, args.rate, args.unlimited, args.repeat = 300, 100.0, 300, 200
    c.header()
    if "1" in args.parts:
        print("## Delivery, rate limiter on (two instances share it), questions asked every second\n")
        row = delivery_run("postgresql", 2, args.subscribers, args.rate, ask_every=1.0)
        print(c.table(DELIVERY_COLUMNS, [row]), end="\n\n", flush=True)
    if "2" in args.parts:
        print("## Delivery, rate limiter off: what the store and the bot sustain\n")
        rows = [
            delivery_run(kind, instances, args.unlimited, 0, ask_every=0)
            for kind, instances in (("sqlite", 1), ("postgresql", 1), ("postgresql", 2))
        ]
        print(c.table(DELIVERY_COLUMNS, rows), end="\n\n", flush=True)
    if "3" in args.parts:
        print("## Chat state per question: one read, and one write when the topic changes\n")
        rows = []
        for kind in ("sqlite", "postgresql"):
            with database(kind) as url:
                rows.append(asyncio.run(state_cost(url, args.repeat)))
        print(c.table(STATE_COLUMNS, rows), flush=True)


if __name__ == "__main__":
    main()
