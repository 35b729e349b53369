"""The daily film end to end: the real Application, the fake Bot API, a real database, and a
clock the test moves by hand."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from conftest import Clock, free_port, sqlite_url, test_settings
from fake_bot_api import TOKEN, FakeBotAPI
from sqlalchemy import select
from test_telegram import buttons, reply_to

from bot.brain import Brain, film_of_the_day
from bot.service import build_application, polling
from bot.store import Store, chats, migrate, subscriptions

CHAT, OTHER, GROUP, ADMIN, MEMBER = 1001, 1002, -3003, 501, 502
ROOT = Path(__file__).resolve().parent.parent
# 05:00 UTC on 7 December 2026: 08:00 in Moscow
START = dt.datetime(2026, 12, 7, 5, 0, tzinfo=dt.UTC)


@contextlib.asynccontextmanager
async def running(api: FakeBotAPI, brain: Brain, url: str, clock: Clock, **settings) -> AsyncIterator[Store]:
    """One bot instance on the database at `url`; leaving the block stops it (a restart is a
    second block on the same database)."""
    store = Store(url, clock=clock, backoff=0.01)
    async with polling(build_application(test_settings(api, database_url=url, **settings), brain, store)):
        yield store


@pytest.fixture
async def url() -> str:
    url = sqlite_url()
    await migrate(url)
    return url


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


def cards(api: FakeBotAPI, chat_id: int = CHAT) -> list[dict]:
    """The film-of-the-day cards sent to a chat."""
    return [m for m in api.sent_messages(chat_id) if m["text"].startswith(("Film of the day", "Фильм дня"))]


async def quiet(seconds: float = 0.3) -> None:
    """Long enough for the deliverer (looking every 0.05 s) to have sent anything due."""
    await asyncio.sleep(seconds)


async def rows_of(store: Store, chat_id: int) -> list[tuple[str, dict]]:
    async with store.engine.connect() as conn:
        return [
            (table.name, dict(row._mapping))
            for table in (chats, subscriptions)
            for row in await conn.execute(select(table).where(table.c.chat_id == chat_id))
        ]


# --- the daily card ---------------------------------------------------------------------------


async def test_one_card_arrives_at_the_set_minute_in_the_chat_zone_and_a_restart_changes_nothing(
    api: FakeBotAPI, brain: Brain, url: str, clock: Clock
) -> None:
    async with running(api, brain, url, clock):
        assert "Europe/Moscow" in (await reply_to(api, "/timezone europe/moscow"))["text"]
        reply = (await reply_to(api, "/subscribe 9:30"))["text"]
        assert "every day at 09:30 (Europe/Moscow)" in reply and "the first on 7 December 2026" in reply
        clock.now = START + dt.timedelta(hours=1, minutes=29)  # 09:29 in Moscow
        await quiet()
        assert cards(api) == []
    async with running(api, brain, url, clock):  # restarted: the subscription is in the database
        clock.now = START + dt.timedelta(hours=1, minutes=30)  # 09:30 in Moscow
        assert await api.await_for(lambda a: len(cards(a)) == 1)
        card = cards(api)[0]
        title = film_of_the_day(brain.catalog, dt.date(2026, 12, 7)).title
        assert title in card["text"] and buttons(card)["Stop"] == "unsub:en"
        await quiet()
    async with running(api, brain, url, clock):  # and again: the card was recorded as sent
        await quiet()
        assert len(cards(api)) == 1
        clock.advance(days=1)
        assert await api.await_for(lambda a: len(cards(a)) == 2)
        assert film_of_the_day(brain.catalog, dt.date(2026, 12, 8)).title in cards(api)[1]["text"]
        await quiet()
    assert len(cards(api)) == 2


async def test_unsubscribe_stops_it(api: FakeBotAPI, brain: Brain, url: str, clock: Clock) -> None:
    async with running(api, brain, url, clock):
        await reply_to(api, "/subscribe 06:00")
        assert "every day at 06:00 (UTC)" in (await reply_to(api, "/subscription"))["text"]
        assert "no more daily films" in (await reply_to(api, "/unsubscribe"))["text"]
        clock.advance(hours=2)
        await quiet()
        assert cards(api) == []
        assert "gets no daily film" in (await reply_to(api, "/subscription"))["text"]
        assert "gets no daily film" in (await reply_to(api, "/unsubscribe"))["text"]


async def test_subscription_says_when_the_next_card_comes(
    api: FakeBotAPI, brain: Brain, url: str, clock: Clock
) -> None:
    async with running(api, brain, url, clock):
        await reply_to(api, "/timezone +3")
        await reply_to(api, "/subscribe 7am")  # 07:00 at UTC+3 is past: tomorrow
        text = (await reply_to(api, "/subscription"))["text"]
        assert (
            text
            == "The film of the day comes here every day at 07:00 (UTC+03:00); the next on 8 December 2026."
        )


async def test_a_chat_that_blocked_the_bot_is_paused_not_retried(
    api: FakeBotAPI, brain: Brain, url: str, clock: Clock
) -> None:
    async with running(api, brain, url, clock) as store:
        await reply_to(api, "/subscribe 05:30")
        api.block(CHAT, announce=False)  # Telegram has not told the bot: the 403 tells it
        clock.advance(minutes=30)
        assert await api.await_for(lambda a: any(c.status == 403 for c in a.calls_of("sendMessage")))
        await quiet()
        subscription = await store.subscription(CHAT)
        assert not subscription.active and subscription.paused == "blocked"
        clock.advance(days=3)
        await quiet()
        attempts = [c for c in api.calls_of("sendMessage") if c.params.get("chat_id") == CHAT]
        assert sum(c.status == 403 for c in attempts) == 1  # tried once, then paused


async def test_a_group_that_removed_the_bot_is_paused(
    api: FakeBotAPI, brain: Brain, url: str, clock: Clock
) -> None:
    api.admins[GROUP] = {ADMIN}
    async with running(api, brain, url, clock) as store:
        await reply_to(api, "/subscribe", chat_id=GROUP, chat_type="group", user_id=ADMIN)
        api.block(GROUP)  # removed: Telegram sends my_chat_member
        assert await api.await_for(lambda a: a.pending_updates == 0)
        await quiet()
        subscription = await store.subscription(GROUP)
        assert not subscription.active and subscription.paused == "removed"


async def test_in_a_group_only_administrators_subscribe(
    api: FakeBotAPI, brain: Brain, url: str, clock: Clock
) -> None:
    api.admins[GROUP] = {ADMIN}
    async with running(api, brain, url, clock) as store:
        for command in ("/subscribe", "/timezone +3", "/unsubscribe", "/forget"):
            reply = await reply_to(api, command, chat_id=GROUP, chat_type="group", user_id=MEMBER)
            assert reply["text"] == "Only the group's administrators can change that."
        assert await store.subscription(GROUP) is None
        reply = await reply_to(
            api, "/subscribe@film_test_bot 10:00", chat_id=GROUP, chat_type="group", user_id=ADMIN
        )
        assert "every day at 10:00" in reply["text"]
        assert (
            "10:00"
            in (await reply_to(api, "/subscription", chat_id=GROUP, chat_type="group", user_id=MEMBER))[
                "text"
            ]
        )


async def test_forget_empties_the_store_for_that_chat(
    api: FakeBotAPI, brain: Brain, url: str, clock: Clock
) -> None:
    async with running(api, brain, url, clock) as store:
        for chat_id in (CHAT, OTHER):
            await reply_to(api, "/language ru", chat_id=chat_id)
            await reply_to(api, "/timezone Europe/Moscow", chat_id=chat_id)
            await reply_to(api, "/subscribe 21:30", chat_id=chat_id)
            await reply_to(api, "/film mirror", chat_id=chat_id)
        assert {name for name, _ in await rows_of(store, CHAT)} == {"chats", "subscriptions"}
        reply = await reply_to(api, "/forget")
        assert "deleted everything I kept about this chat" in reply["text"]
        assert await rows_of(store, CHAT) == []
        assert len(await rows_of(store, OTHER)) == 2  # the other chat keeps its own
        assert api.calls_of("deleteMyCommands")  # /language had given the chat its own menu
        # and it is forgotten: answers follow the message again, "it" means nothing
        assert "Who directed" not in (await reply_to(api, "who directed it?"))["text"]


async def test_the_buttons_under_the_film_of_the_day(
    api: FakeBotAPI, brain: Brain, url: str, clock: Clock
) -> None:
    async with running(api, brain, url, clock) as store:
        card = await reply_to(api, "/today")
        assert buttons(card)["Send me this every day"] == "sub:en"
        before = len(api.sent_messages(CHAT))
        api.press_button(card["message_id"], "sub:en")
        assert await api.await_for(lambda a: len(a.sent_messages(CHAT)) > before)
        assert "every day at 09:00 (UTC)" in api.sent_messages(CHAT)[-1]["text"]
        assert (await store.subscription(CHAT)).active
        card = await reply_to(api, "/today")
        assert buttons(card)["Stop"] == "unsub:en"
        before = len(api.sent_messages(CHAT))
        api.press_button(card["message_id"], "unsub:en")
        assert await api.await_for(lambda a: len(a.sent_messages(CHAT)) > before)
        assert not (await store.subscription(CHAT)).active


async def test_russian_replies_and_a_russian_card(
    api: FakeBotAPI, brain: Brain, url: str, clock: Clock
) -> None:
    api.user_languages[CHAT] = "ru"
    async with running(api, brain, url, clock):
        reply = await reply_to(api, "/subscribe 05:10")
        assert reply["text"].startswith("Готово: фильм дня будет приходить сюда каждый день в 05:10 (UTC)")
        assert "первый — 7 декабря 2026" in reply["text"]
        clock.advance(minutes=10)
        assert await api.await_for(lambda a: len(cards(a)) == 1)
        assert (
            cards(api)[0]["text"].startswith("Фильм дня")
            and buttons(cards(api)[0])["Отписаться"] == "unsub:ru"
        )


async def test_what_cannot_be_read_gets_a_clear_message_and_changes_nothing(
    api: FakeBotAPI, brain: Brain, url: str, clock: Clock
) -> None:
    async with running(api, brain, url, clock) as store:
        assert "could not read that time" in (await reply_to(api, "/subscribe 25:99"))["text"]
        assert "do not know that time zone" in (await reply_to(api, "/timezone Mars/Olympus"))["text"]
        assert await store.subscription(CHAT) is None and (await store.state(CHAT)).timezone is None
        assert "time zone is UTC" in (await reply_to(api, "/timezone"))["text"]


# --- faults -----------------------------------------------------------------------------------


class Proxy:
    """A TCP relay to the database that a test can cut and restore: a database outage."""

    def __init__(self, port: int) -> None:
        self.target, self.port = port, free_port()
        self.server: asyncio.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in list(self.writers):
            writer.transport.abort()
        await self.server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target)
        self.writers |= {writer, up_writer}

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, asyncio.CancelledError):
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            sink.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self.writers -= {writer, up_writer}


async def relayed(url: str) -> tuple[Proxy, str]:
    """The database at `url`, migrated, and reached through a relay the test can cut."""
    from sqlalchemy.engine import make_url

    await migrate(url)
    target = make_url(url)
    proxy = Proxy(target.port or 5432)
    await proxy.start()
    return proxy, target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)


async def test_a_database_outage_never_stops_answers_and_delivery_resumes_without_doubles(
    api: FakeBotAPI, brain: Brain, postgres_url: str, clock: Clock
) -> None:
    proxy, through = await relayed(postgres_url)
    async with running(api, brain, through, clock) as store:
        await reply_to(api, "/subscribe 05:01")
        await reply_to(api, "/subscribe 05:01", chat_id=OTHER)
        await proxy.cut()
        # the database is away: questions are still answered, with the defaults
        assert "Andrei Tarkovsky" in (await reply_to(api, "who directed mirror"))["text"]
        assert "could not save" in (await reply_to(api, "/subscribe 06:00"))["text"]
        clock.advance(minutes=1)  # both cards are due, but nobody can claim them
        await quiet()
        assert cards(api) == [] and cards(api, OTHER) == []
        await proxy.start()
        assert await api.await_for(lambda a: len(cards(a)) == 1 and len(cards(a, OTHER)) == 1)
        # now the database goes away between a card being sent and it being recorded
        clock.advance(days=1)
        api.set_delay("sendMessage", 0.6)
        await asyncio.sleep(0.3)  # claimed; the first card is on its way
        await proxy.cut()
        await asyncio.sleep(1.5)
        api.set_delay("sendMessage", 0)
        await proxy.start()
        assert await api.await_for(lambda a: len(cards(a)) == 2 and len(cards(a, OTHER)) == 2)
        clock.advance(minutes=5)  # past any lease: nothing is sent again
        await quiet(0.5)
        assert len(cards(api)) == 2 and len(cards(api, OTHER)) == 2
        assert (await store.subscription(CHAT)).last_day == dt.date(2026, 12, 8)
    await proxy.cut()


def test_run_with_an_unreachable_database_names_it_and_exits_1(api: FakeBotAPI) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "FILM_BOT_"))} | {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": api.base_url,
        "DATABASE_URL": f"postgresql://bot:hunter2-secret@127.0.0.1:{free_port()}/films",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "DATABASE_URL=postgresql://bot:***@127.0.0.1" in done.stderr and "hunter2" not in done.stderr
    assert "Traceback" not in done.stderr
