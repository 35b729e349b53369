"""The chat-state store, the same tests on an SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

import pytest
from conftest import Clock, free_port
from sqlalchemy import select

from bot.brain import Topic
from bot.store import Store, StoreError, chats, migrate, subscriptions

MOSCOW = "Europe/Moscow"


async def rows(store: Store, table) -> list[dict]:
    async with store.engine.connect() as conn:
        return [dict(r._mapping) for r in await conn.execute(select(table))]


async def due_now(store: Store, count: int, clock: Clock) -> None:
    """`count` chats subscribed at a time that has just come."""
    minute = clock.now.hour * 60 + clock.now.minute
    for chat_id in range(1, count + 1):
        await store.subscribe(chat_id, minute, "en")


# --- what a question reads and writes ---------------------------------------------------------


async def test_a_chat_the_store_never_saw_has_the_defaults(store: Store) -> None:
    state = await store.state(42)
    assert (state.language, state.timezone, state.topic) == (None, None, None)
    assert await store.subscription(42) is None


async def test_language_time_zone_and_topic_are_kept_and_the_topic_expires(
    store: Store, clock: Clock
) -> None:
    assert await store.choose_language(7, "ru")
    assert await store.set_timezone(7, MOSCOW)
    await store.remember(7, Topic(film="mirror"), seconds=60)
    state = await store.state(7)
    assert (state.language, state.timezone, state.topic) == ("ru", MOSCOW, Topic(film="mirror"))
    clock.advance(seconds=59)
    assert (await store.state(7)).topic == Topic(film="mirror")
    clock.advance(seconds=1)
    assert (await store.state(7)).topic is None
    assert (await store.state(7)).language == "ru"  # only the topic runs out
    await store.remember(7, Topic(person="Dziga Vertov"), seconds=60)
    assert (await store.state(7)).topic == Topic(person="Dziga Vertov")
    await store.remember(7, Topic(film="circus", asked="director"), seconds=60)  # "and Mirror?" asks it again
    assert (await store.state(7)).topic == Topic(film="circus", asked="director")
    await store.remember(7, None, seconds=60)
    assert (await store.state(7)).topic is None
    await store.choose_language(7, None)
    assert (await store.state(7)).language is None


async def test_another_store_on_the_same_database_sees_the_same_state(store: Store, clock: Clock) -> None:
    await store.choose_language(1, "ru")
    await store.remember(1, Topic(film="circus"), seconds=600)
    other = Store(store.url, clock=clock)  # a second instance, or this one after a restart
    try:
        state = await other.state(1)
        assert state.language == "ru" and state.topic == Topic(film="circus")
    finally:
        await other.close()


async def test_forget_deletes_every_row_of_the_chat_and_no_other(store: Store) -> None:
    for chat_id in (1, 2):
        await store.choose_language(chat_id, "ru")
        await store.subscribe(chat_id, 9 * 60, "ru")
    assert await store.forget(1)
    assert [r["chat_id"] for r in await rows(store, chats)] == [2]
    assert [r["chat_id"] for r in await rows(store, subscriptions)] == [2]
    assert await store.count() == {"chats": 1, "subscriptions": 1, "misses": 0}


async def test_the_store_keeps_no_text_and_no_names(store: Store) -> None:
    """What is kept is ids, codes, times and catalogue ids: nothing a person wrote."""
    await store.choose_language(5, "en")
    await store.remember(5, Topic(film="mirror"), seconds=60)
    await store.subscribe(5, 600, "en")
    assert set((await rows(store, chats))[0]) == {
        "chat_id",
        "language",
        "timezone",
        "topic_film",
        "topic_person",
        "topic_asked",
        "topic_until",
    }
    assert set((await rows(store, subscriptions))[0]) == {
        "chat_id",
        "minute",
        "language",
        "active",
        "paused",
        "last_day",
        "due_at",
        "claimed_by",
        "claimed_until",
    }


# --- subscriptions ----------------------------------------------------------------------------


async def test_subscribing_sets_the_next_card_at_the_chat_time_in_its_zone(
    store: Store, clock: Clock
) -> None:
    # 06:00 UTC is 09:00 in Moscow: 09:30 there is today, 08:00 there is tomorrow
    await store.set_timezone(1, MOSCOW)
    assert (await store.subscribe(1, 9 * 60 + 30, "ru")).due_at == dt.datetime(
        2026, 12, 7, 6, 30, tzinfo=dt.UTC
    )
    assert (await store.subscribe(1, 8 * 60, "ru")).due_at == dt.datetime(2026, 12, 8, 5, 0, tzinfo=dt.UTC)
    # a chat with no zone of its own uses the store's (UTC here)
    assert (await store.subscribe(2, 8 * 60, "en")).due_at == dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC)


async def test_changing_the_time_zone_moves_the_next_card(store: Store) -> None:
    await store.subscribe(1, 12 * 60, "en")  # 12:00 UTC
    await store.set_timezone(1, "+03:00")
    assert (await store.subscription(1)).due_at == dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


async def test_pause_and_resume(store: Store) -> None:
    await store.subscribe(1, 600, "en")
    assert await store.pause(1, "blocked")
    assert not await store.pause(1, "blocked")  # nothing active to pause
    paused = await store.subscription(1)
    assert not paused.active and paused.paused == "blocked"
    resumed = await store.subscribe(1, 600, "en")
    assert resumed.active and resumed.paused is None
    assert not await store.pause(99, "unsubscribed")  # never subscribed


# --- delivery ---------------------------------------------------------------------------------


async def test_claim_takes_only_due_cards_and_delivered_moves_them_to_tomorrow(
    store: Store, clock: Clock
) -> None:
    await store.subscribe(1, 6 * 60, "en")  # due now (06:00)
    await store.subscribe(2, 7 * 60, "ru")  # due in an hour
    cards = await store.claim("a", limit=10, lease=60)
    assert [(c.chat_id, c.day, c.language, c.late) for c in cards] == [(1, dt.date(2026, 12, 7), "en", False)]
    assert await store.claim("b", limit=10, lease=60) == []  # claimed: nobody else takes it
    await store.delivered(cards[0])
    sub = await store.subscription(1)
    assert sub.last_day == dt.date(2026, 12, 7)
    assert sub.due_at == dt.datetime(2026, 12, 8, 6, 0, tzinfo=dt.UTC)
    await store.delivered(cards[0])  # recorded twice: the second changes nothing
    assert (await store.subscription(1)).due_at == dt.datetime(2026, 12, 8, 6, 0, tzinfo=dt.UTC)
    # resubscribing later the same day does not send today's card again
    clock.advance(hours=1)
    assert (await store.subscribe(1, 7 * 60, "en")).due_at.date() == dt.date(2026, 12, 8)
    assert [c.chat_id for c in await store.claim("a", limit=10, lease=60)] == [2]


async def test_a_claim_lapses_after_its_lease(store: Store, clock: Clock) -> None:
    await due_now(store, 3, clock)
    assert len(await store.claim("dead", limit=10, lease=60)) == 3
    clock.advance(seconds=59)
    assert await store.claim("alive", limit=10, lease=60) == []
    clock.advance(seconds=2)
    assert len(await store.claim("alive", limit=10, lease=60)) == 3


async def test_a_card_whose_day_is_over_is_late_and_skipped_to_the_next(store: Store, clock: Clock) -> None:
    await store.subscribe(1, 6 * 60, "en")
    clock.advance(days=1, hours=1)  # the bot was away all the next day
    [card] = await store.claim("a", limit=10, lease=60)
    assert card.late and card.day == dt.date(2026, 12, 7)
    await store.skip(card)
    sub = await store.subscription(1)
    assert sub.last_day is None and sub.due_at == dt.datetime(2026, 12, 9, 6, 0, tzinfo=dt.UTC)


async def test_paused_and_unsubscribed_chats_are_never_claimed(store: Store, clock: Clock) -> None:
    await due_now(store, 3, clock)
    await store.pause(1, "blocked")
    await store.pause(2, "unsubscribed")
    assert [c.chat_id for c in await store.claim("a", limit=10, lease=60)] == [3]


async def test_the_card_is_in_the_language_the_chat_chose(store: Store, clock: Clock) -> None:
    await due_now(store, 2, clock)  # subscribed in English
    await store.choose_language(2, "ru")
    assert {c.chat_id: c.language for c in await store.claim("a", 10, 60)} == {1: "en", 2: "ru"}


async def test_concurrent_claims_never_share_a_card(store: Store, clock: Clock) -> None:
    await due_now(store, 200, clock)
    others = [Store(store.url, clock=clock) for _ in range(3)]
    try:
        stores = [store, *others]  # four instances, ten claims of 30 at once
        batches = await asyncio.gather(*(stores[n % 4].claim(f"i{n}", 30, 60) for n in range(10)))
    finally:
        for other in others:
            await other.close()
    taken = [card.chat_id for batch in batches for card in batch]
    assert len(taken) == len(set(taken)) == 200


async def test_reserve_books_consecutive_slots_across_stores(store: Store, clock: Clock) -> None:
    other = Store(store.url, clock=clock)
    try:
        first = await store.reserve(30, rate=30.0)
        second = await other.reserve(30, rate=30.0)
        third = await store.reserve(3, rate=30.0)
    finally:
        await other.close()
    assert second == pytest.approx(first + 1.0, abs=1e-6)  # 30 slots at 30/s: one second later
    assert third == pytest.approx(second + 1.0, abs=1e-6)


# --- migrations and faults --------------------------------------------------------------------


async def test_migrating_again_changes_nothing(database_url: str) -> None:
    await migrate(database_url)
    store = Store(database_url)
    try:
        await store.choose_language(1, "ru")
        await migrate(database_url)
        assert (await store.state(1)).language == "ru"
    finally:
        await store.close()


async def test_upgrading_a_database_of_an_older_schema_keeps_its_chats(
    database_url: str, clock: Clock
) -> None:
    """A database made by an earlier release (0002) upgrades in place: the rows stay, the topic
    gains what was last asked."""
    from sqlalchemy import text

    from bot.store import engine_for

    await migrate(database_url, to="0002")
    engine = engine_for(database_url)
    try:
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO chats (chat_id, language, topic_film, topic_until) VALUES (5, 'ru', 'mirror', :t)"
                ),
                {"t": dt.datetime(2030, 1, 1)},
            )
    finally:
        await engine.dispose()
    await migrate(database_url)
    store = Store(database_url, clock=clock)
    try:
        state = await store.state(5)
        assert (state.language, state.topic) == ("ru", Topic(film="mirror"))
        await store.remember(5, Topic(film="mirror", asked="year"), seconds=60)
        assert (await store.state(5)).topic == Topic(film="mirror", asked="year")
    finally:
        await store.close()


async def test_an_unreachable_database_is_a_clear_error_with_the_password_hidden() -> None:
    url = f"postgresql://bot:s3cret-pass@127.0.0.1:{free_port()}/films"
    with pytest.raises(StoreError) as caught:
        await migrate(url)
    message = str(caught.value)
    assert "DATABASE_URL=postgresql://bot:***@127.0.0.1" in message and "s3cret" not in message


async def test_a_bad_url_names_the_variable() -> None:
    with pytest.raises(StoreError, match="DATABASE_URL must start with sqlite:/// or postgresql://"):
        Store("mysql://root@localhost/films")


async def test_without_a_database_reads_give_defaults_and_writes_are_dropped_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = Store(f"postgresql://postgres@127.0.0.1:{free_port()}/test", backoff=0.01)
    try:
        with caplog.at_level(logging.WARNING, logger="film_bot.store"):
            assert (await store.state(1)).language is None
            assert await store.subscription(1) is None
            assert not await store.choose_language(1, "ru")
            assert await store.subscribe(1, 600, "en") is None
        warnings = [r.getMessage() for r in caplog.records]
        assert any("chat state taken as default" in w for w in warnings)
        assert any("language dropped" in w for w in warnings)
        with pytest.raises(OSError):  # delivery is told, so it can wait for the database
            await store.claim("a", 10, 60)
    finally:
        await store.close()


def test_film_bot_db_upgrade_creates_the_tables_or_says_why_not(
    tmp_path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    from bot.cli import main

    path = tmp_path / "state" / "chats.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    assert main(["db", "upgrade"]) == 0
    assert capsys.readouterr().out.strip() == f"sqlite:///{path}: up to date"
    with sqlite3.connect(path) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"chats", "subscriptions", "send_clock", "misses", "alembic_version"}
    monkeypatch.setenv("DATABASE_URL", f"postgresql://bot:pw-secret@127.0.0.1:{free_port()}/films")
    assert main(["db", "upgrade"]) == 1
    error = capsys.readouterr().err
    assert "DATABASE_URL=postgresql://bot:***@" in error and "pw-secret" not in error


async def test_sqlite_keeps_each_chats_row_once_read_and_writes_through(clock: Clock, tmp_path) -> None:
    """SQLite serves one instance: a question reads its chat's row from memory after the first time,
    with what this process wrote since; PostgreSQL (shared) is read every time."""
    from conftest import sqlite_url

    url = sqlite_url()
    await migrate(url)
    store = Store(url, clock=clock)
    try:
        await store.choose_language(1, "ru")
        assert (await store.state(1)).language == "ru"  # read once: kept
        await store.remember(1, Topic(film="mirror"), seconds=60)
        await store.set_timezone(1, MOSCOW)
        await store.engine.dispose()
        store.reader = Store(f"sqlite:///{tmp_path}/missing/dir/x.sqlite3").engine  # no database to read
        state = await store.state(1)
        assert (state.language, state.timezone, state.topic) == ("ru", MOSCOW, Topic(film="mirror"))
        clock.advance(seconds=61)
        assert (await store.state(1)).topic is None  # kept rows still expire their topic
        assert (await store.state(2)).language is None  # a chat never read: the defaults
    finally:
        await store.close()
