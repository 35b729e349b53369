"""Chat state in a database: SQLite by default, PostgreSQL when several instances share it.

What is kept, per chat and nothing more: the language chosen with /language,
the time zone set with /timezone, the film or person the chat is talking about
and until when, and the daily-film subscription (time of day, the language it
was asked in, active or paused and why, the last day delivered, when the next
card is due, and which instance is sending it). No message text, no names.

SQLAlchemy's asyncio Core speaks to both databases (aiosqlite, asyncpg), and
Alembic migrations (`bot/migrations`) create and change the tables, at start
and by `film-bot db upgrade`. The answering core never imports this module.

The Telegram adapter must keep answering while the database is away: reads
fall back to defaults and writes are retried, then dropped with a warning.
Delivery calls (`claim`, `delivered`) raise instead, so the deliverer can wait
and finish what it sent once the database is back.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    case,
    delete,
    event,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from .brain import Topic
from .schedule import local_day, next_due, zone
from .text import latin

log = logging.getLogger("film_bot.store")

T = TypeVar("T")

metadata = MetaData()

chats = Table(
    "chats",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("language", String(8)),  # chosen with /language; NULL: the language of each message
    Column("timezone", String(64)),  # set with /timezone ("Europe/Moscow", "+03:00"); NULL: the bot's
    Column("topic_film", String(100)),  # the film the chat is talking about (a catalogue id) ...
    Column("topic_person", String(200)),  # ... or the person
    Column("topic_asked", String(20)),  # what was last asked about the film ("director"), if anything
    Column("topic_until", DateTime),  # UTC; the topic is forgotten after this
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("minute", Integer, nullable=False),  # local time of day, in minutes after midnight
    Column("language", String(8), nullable=False),  # the language of /subscribe, if none is chosen
    Column("active", Boolean, nullable=False),
    Column("paused", String(16)),  # why not active: "unsubscribed", "blocked", "removed"
    Column("last_day", Date),  # the chat's local date of the last card sent
    Column("due_at", DateTime, nullable=False),  # UTC moment the next card is due
    Column("claimed_by", String(64)),  # the instance sending it now ...
    Column("claimed_until", DateTime),  # ... until this UTC moment; after it, anyone may
    Index("subscriptions_due", "active", "due_at"),
)

# The titles people asked for that the catalogue lacks, folded to one spelling: the
# catalogue's to-do list (`film-bot misses`). Nothing about who asked.
misses = Table(
    "misses",
    metadata,
    Column("name", String(200), primary_key=True),  # lowercase, Latin letters, ё as е
    Column("asked", Integer, nullable=False),  # how many times
    Column("last_day", Date, nullable=False),  # the last day it was asked
)

# One row: the shared send schedule of every instance (see `reserve`).
send_clock = Table(
    "send_clock",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("next_at", Float, nullable=False),  # Unix time of the first free sending slot
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MOST_KEPT = 100_000  # SQLite: chats whose row is kept in memory; the least recently asked go first
_MIGRATION_LOCK = 0x46494C4D  # "FILM": one instance migrates at a time (PostgreSQL advisory lock)
DB_ERRORS = (SQLAlchemyError, OSError, asyncio.TimeoutError)


class StoreError(Exception):
    """The database cannot be used; the message names DATABASE_URL (password hidden)."""


@dataclass(frozen=True)
class ChatState:
    """What a question needs from the store."""

    language: str | None = None
    timezone: str | None = None
    topic: Topic | None = None


@dataclass(frozen=True)
class Subscription:
    minute: int
    language: str
    active: bool
    paused: str | None
    last_day: dt.date | None
    due_at: dt.datetime


@dataclass(frozen=True)
class Due:
    """A card to send: to `chat_id`, for its local `day`, in `language`."""

    chat_id: int
    due_at: dt.datetime
    day: dt.date  # the chat's local date of `due_at`: the film of this day is sent
    language: str
    late: bool = False  # that day is already over in the chat: too late to send


def async_url(url: str) -> URL:
    """The SQLAlchemy URL with an asyncio driver: postgresql:// -> asyncpg, sqlite:// -> aiosqlite."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"DATABASE_URL={url!r} is not a database URL") from None
    backend = parsed.get_backend_name()
    if backend in ("postgres", "postgresql"):
        return parsed.set(drivername="postgresql+asyncpg")
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite")
    raise StoreError(f"DATABASE_URL must start with sqlite:/// or postgresql://, got {shown(url)}")


def shown(url: str) -> str:
    """The URL for messages: the password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unreadable)"


def engine_for(url: str) -> AsyncEngine:
    """An engine for DATABASE_URL: the SQLite file is created (with its folder); on PostgreSQL
    connections fail fast rather than hang."""
    target = async_url(url)
    if target.get_backend_name() == "sqlite":
        if target.database and target.database != ":memory:":
            Path(target.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(target, connect_args={"timeout": 10})

        @event.listens_for(engine.sync_engine, "connect")
        def _pragmas(connection: Any, _record: Any) -> None:
            # WAL: readers never wait for the writer; busy_timeout: writers queue instead of failing
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()

        return engine
    # No pool_pre_ping: it costs every checkout a round trip. A connection from before a
    # database restart fails once instead; SQLAlchemy then drops the pool's connections and
    # `Store._read` tries again on a new one.
    return create_async_engine(target, pool_timeout=5, connect_args={"timeout": 5, "command_timeout": 10})


async def migrate(url: str, to: str = "head") -> None:
    """Bring the database to the newest schema (Alembic), creating it if need be; `to` names an
    older revision instead (tests of an upgrade start from one).

    Raises StoreError naming DATABASE_URL when the database cannot be reached."""
    from alembic import command
    from alembic.config import Config

    engine = engine_for(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))

    def upgrade(connection: Any) -> None:
        config.attributes["connection"] = connection
        command.upgrade(config, to)

    try:
        async with engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # instances starting together take turns
                await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            await conn.run_sync(upgrade)
    except DB_ERRORS as exc:
        raise StoreError(f"cannot use the database at DATABASE_URL={shown(url)}: {reason(exc)}") from None
    finally:
        await engine.dispose()


def reason(exc: BaseException) -> str:
    """A one-line reason, from the driver's own error where SQLAlchemy wrapped it."""
    inner = getattr(exc, "orig", None) or exc
    return (str(inner).strip().splitlines() or [type(inner).__name__])[0]


def _insert(conn: AsyncConnection, table: Table) -> Any:
    """An INSERT that can turn into an update on conflict (both dialects spell it ON CONFLICT)."""
    from sqlalchemy.dialects import postgresql, sqlite

    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(table)


async def _scalar(conn: AsyncConnection, query: Any) -> Any:
    return (await conn.execute(query)).scalar()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _naive(moment: dt.datetime) -> dt.datetime:
    """Moments are stored as naive UTC (the same text order in SQLite as in time)."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=dt.UTC)


class Store:
    """Chat state and subscriptions in one database.

    `clock` (aware UTC datetimes) is replaceable for tests; `zone` is the time zone of chats that
    set none (FILM_BOT_TIMEZONE); on SQLite, `keep` chats' rows are kept in memory."""

    def __init__(
        self,
        url: str,
        zone: dt.tzinfo = dt.UTC,
        clock: Callable[[], dt.datetime] = _now,
        retries: int = 2,
        backoff: float = 0.2,
        keep: int = MOST_KEPT,
    ) -> None:
        self.url = url
        self.keep = keep
        self.engine = engine_for(url)
        self.zone = zone
        self.clock = clock
        self.retries, self.backoff = retries, backoff
        # a read is one statement: on PostgreSQL it needs no BEGIN and ROLLBACK around it
        postgres = self.engine.dialect.name == "postgresql"
        self.reader = self.engine.execution_options(isolation_level="AUTOCOMMIT") if postgres else self.engine
        # SQLite serves one instance: its chats' rows are kept here once read, and written
        # through, so a question does not wait for the database to read what this process wrote.
        # PostgreSQL is shared by instances: every read goes to it.
        self.rows: OrderedDict[int, dict[str, Any]] | None = None if postgres else OrderedDict()

    async def close(self) -> None:
        await self.engine.dispose()

    # --- resilience ------------------------------------------------------------------------

    async def _read(self, what: str, default: T, query: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        """A read that falls back to `default` when the database is away."""
        for attempt in range(2):
            try:
                async with self.reader.connect() as conn:
                    return await query(conn)
            except DBAPIError as exc:
                if exc.connection_invalidated and attempt == 0:
                    continue  # a pooled connection from before the database restarted: once more
                log.warning("database unavailable, %s taken as default: %s", what, reason(exc))
            except DB_ERRORS as exc:
                log.warning("database unavailable, %s taken as default: %s", what, reason(exc))
            break
        return default

    async def _write(self, what: str, change: Callable[[AsyncConnection], Awaitable[T]]) -> T | None:
        """A write in one transaction, retried; dropped with a warning (None) if it never lands."""
        for attempt in range(self.retries + 1):
            try:
                async with self.engine.begin() as conn:
                    return await change(conn)
            except DB_ERRORS as exc:
                if attempt == self.retries:
                    log.warning("database unavailable, %s dropped: %s", what, reason(exc))
                    return None
                await asyncio.sleep(self.backoff * 2**attempt)
        return None  # pragma: no cover

    async def _upsert(self, conn: AsyncConnection, chat_id: int, **values: Any) -> None:
        """Insert the chat's row or change it."""
        statement = _insert(conn, chats).values(chat_id=chat_id, **values)
        await conn.execute(statement.on_conflict_do_update(index_elements=["chat_id"], set_=values))

    # --- what a question reads and writes --------------------------------------------------

    async def state(self, chat_id: int) -> ChatState:
        """The chat's language, time zone and topic (a topic past its time is none)."""

        async def query(conn: AsyncConnection) -> dict[str, Any] | None:
            row = (await conn.execute(select(chats).where(chats.c.chat_id == chat_id))).first()
            return {} if row is None else {k: v for k, v in row._mapping.items() if k != "chat_id"}

        kept = self.rows.get(chat_id) if self.rows is not None else None
        if kept is not None:
            self.rows.move_to_end(chat_id)  # type: ignore[union-attr]
        else:
            kept = await self._read("chat state", None, query)
            if kept is None:
                return ChatState()
            self._keep(chat_id, kept)
        until = kept.get("topic_until")
        live = until is not None and _aware(until) > self.clock()
        topic = (
            Topic(kept.get("topic_film"), kept.get("topic_person"), kept.get("topic_asked")) if live else None
        )
        return ChatState(kept.get("language"), kept.get("timezone"), topic)

    def _keep(self, chat_id: int, row: dict[str, Any]) -> None:
        if self.rows is not None:
            self.rows[chat_id] = row
            self.rows.move_to_end(chat_id)
            while len(self.rows) > self.keep:
                self.rows.popitem(last=False)

    def _wrote(self, chat_id: int, done: object, **values: Any) -> None:
        """After a write to a chat's row: the kept row follows it; a dropped write forgets it."""
        if self.rows is None:
            return
        kept = self.rows.get(chat_id)
        if done is None or kept is None:
            self.rows.pop(chat_id, None)  # read again next time
        else:
            kept.update(values)

    async def remember(self, chat_id: int, topic: Topic | None, seconds: float) -> None:
        """What the chat is talking about, for `seconds` (None forgets it)."""
        until = _naive(self.clock() + dt.timedelta(seconds=seconds)) if topic else None
        film, person, asked = (topic.film, topic.person, topic.asked) if topic else (None, None, None)
        values = {"topic_film": film, "topic_person": person, "topic_asked": asked, "topic_until": until}

        async def change(conn: AsyncConnection) -> bool:
            await self._upsert(conn, chat_id, **values)
            return True

        self._wrote(chat_id, await self._write("topic", change), **values)

    async def choose_language(self, chat_id: int, lang: str | None) -> bool:
        async def change(conn: AsyncConnection) -> bool:
            await self._upsert(conn, chat_id, language=lang)
            return True

        done = await self._write("language", change)
        self._wrote(chat_id, done, language=lang)
        return bool(done)

    async def set_timezone(self, chat_id: int, name: str) -> bool:
        """Set the chat's time zone; a subscription's next card moves to its time there."""

        async def change(conn: AsyncConnection) -> bool:
            await self._upsert(conn, chat_id, timezone=name)
            await self._reschedule(conn, chat_id, zone(name))
            return True

        done = await self._write("time zone", change)
        self._wrote(chat_id, done, timezone=name)
        return bool(done)

    # --- subscriptions ---------------------------------------------------------------------

    async def subscription(self, chat_id: int) -> Subscription | None:
        async def query(conn: AsyncConnection) -> Subscription | None:
            row = (
                await conn.execute(select(subscriptions).where(subscriptions.c.chat_id == chat_id))
            ).first()
            if row is None:
                return None
            return Subscription(
                row.minute, row.language, row.active, row.paused, row.last_day, _aware(row.due_at)
            )

        return await self._read("subscription", None, query)

    async def subscribe(self, chat_id: int, minute: int, language: str) -> Subscription | None:
        """Start (or change, or resume) the chat's daily card at `minute` of its local day; never
        twice in a day: a chat that already had today's card gets the next one tomorrow."""

        async def change(conn: AsyncConnection) -> Subscription:
            where = await self._zone_of(conn, chat_id)
            row = (
                await conn.execute(select(subscriptions.c.last_day).where(subscriptions.c.chat_id == chat_id))
            ).first()
            last_day = row.last_day if row else None
            due = next_due(minute, where, self.clock(), last_day)
            values = {
                "minute": minute,
                "language": language,
                "active": True,
                "paused": None,
                "due_at": _naive(due),
                "claimed_by": None,
                "claimed_until": None,
            }
            if row is None:
                await conn.execute(insert(subscriptions).values(chat_id=chat_id, last_day=None, **values))
            else:
                await conn.execute(
                    update(subscriptions).where(subscriptions.c.chat_id == chat_id).values(**values)
                )
            return Subscription(minute, language, True, None, last_day, due)

        return await self._write("subscription", change)

    async def pause(self, chat_id: int, reason: str) -> bool:
        """Stop the chat's cards, saying why ("unsubscribed", "blocked", "removed"); False if it had
        no active subscription."""

        async def change(conn: AsyncConnection) -> bool:
            done = await conn.execute(
                update(subscriptions)
                .where(subscriptions.c.chat_id == chat_id, subscriptions.c.active)
                .values(active=False, paused=reason, claimed_by=None, claimed_until=None)
            )
            return bool(done.rowcount)

        return bool(await self._write("pause", change))

    async def forget(self, chat_id: int) -> bool:
        """Delete everything kept about the chat."""

        async def change(conn: AsyncConnection) -> bool:
            await conn.execute(delete(subscriptions).where(subscriptions.c.chat_id == chat_id))
            await conn.execute(delete(chats).where(chats.c.chat_id == chat_id))
            return True

        done = await self._write("forget", change)
        if self.rows is not None:
            self.rows.pop(chat_id, None)
        return bool(done)

    async def _zone_of(self, conn: AsyncConnection, chat_id: int) -> dt.tzinfo:
        name = (await conn.execute(select(chats.c.timezone).where(chats.c.chat_id == chat_id))).scalar()
        return zone(name) if name else self.zone

    async def _reschedule(self, conn: AsyncConnection, chat_id: int, where: dt.tzinfo) -> None:
        row = (
            await conn.execute(
                select(subscriptions.c.minute, subscriptions.c.last_day).where(
                    subscriptions.c.chat_id == chat_id
                )
            )
        ).first()
        if row is not None:
            due = next_due(row.minute, where, self.clock(), row.last_day)
            await conn.execute(
                update(subscriptions).where(subscriptions.c.chat_id == chat_id).values(due_at=_naive(due))
            )

    # --- delivery (raises when the database is away) ---------------------------------------

    async def claim(self, owner: str, limit: int, lease: float) -> list[Due]:
        """Take up to `limit` due cards for `owner` for `lease` seconds; nobody else takes them
        until the lease ends (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite has one writer). An
        owner claims between its rounds of sending, never during one."""
        now = self.clock()
        s = subscriptions.c
        # the owner's own claims are free again: a round that was cut short (the database went
        # away mid-batch) left them, and nothing of the owner's is in flight between rounds
        free = or_(s.claimed_until.is_(None), s.claimed_until < _naive(now), s.claimed_by == owner)
        due = and_(s.active, s.due_at <= _naive(now), free)
        chosen = (
            select(s.chat_id).where(due).order_by(s.due_at).limit(limit).with_for_update(skip_locked=True)
        )
        statement = (
            update(subscriptions)
            .where(s.chat_id.in_(chosen.scalar_subquery()), due)
            .values(claimed_by=owner, claimed_until=_naive(now + dt.timedelta(seconds=lease)))
            .returning(s.chat_id, s.due_at, s.language)
        )
        async with self.engine.begin() as conn:
            taken = (await conn.execute(statement)).all()
            if not taken:
                return []
            ids = [row.chat_id for row in taken]
            settings = {
                row.chat_id: (row.language, row.timezone)
                for row in await conn.execute(
                    select(chats.c.chat_id, chats.c.language, chats.c.timezone).where(
                        chats.c.chat_id.in_(ids)
                    )
                )
            }
        cards = []
        for row in sorted(taken, key=lambda r: r.due_at):
            language, name = settings.get(row.chat_id, (None, None))
            where = zone(name) if name else self.zone
            due_at = _aware(row.due_at)
            day = local_day(due_at, where)
            cards.append(Due(row.chat_id, due_at, day, language or row.language, local_day(now, where) > day))
        return cards

    async def renew(self, owner: str, lease: float, chat_ids: list[int]) -> set[int]:
        """Extend `owner`'s claims on these chats by `lease` seconds from now; returns the ones
        still its own (a claim that lapsed and was taken by another instance is not)."""
        s = subscriptions.c
        until = _naive(self.clock() + dt.timedelta(seconds=lease))
        async with self.engine.begin() as conn:
            kept = await conn.execute(
                update(subscriptions)
                .where(s.claimed_by == owner, s.chat_id.in_(chat_ids))
                .values(claimed_until=until)
                .returning(s.chat_id)
            )
            return {row.chat_id for row in kept}

    async def delivered(self, card: Due) -> None:
        """The card went out: the next is due tomorrow at the chat's time. Only the first call for
        a claimed card counts."""
        async with self.engine.begin() as conn:
            await self._advance(conn, card, card.day)

    async def skip(self, card: Due) -> None:
        """A card too late to send (its day is over there): on to the next day's."""
        async with self.engine.begin() as conn:
            await self._advance(conn, card, None)

    async def _advance(self, conn: AsyncConnection, card: Due, sent: dt.date | None) -> None:
        s = subscriptions.c
        row = (
            await conn.execute(
                select(s.minute, s.last_day).where(s.chat_id == card.chat_id, s.due_at == _naive(card.due_at))
            )
        ).first()
        if row is None:  # recorded already, or changed (resubscribed, paused) meanwhile
            return
        last_day = sent or row.last_day
        where = await self._zone_of(conn, card.chat_id)
        after = max(self.clock(), card.due_at + dt.timedelta(minutes=1))
        due = next_due(row.minute, where, after, last_day or card.day)
        values: dict[str, Any] = {"due_at": _naive(due), "claimed_by": None, "claimed_until": None}
        if sent is not None:
            values["last_day"] = sent
        await conn.execute(
            update(subscriptions)
            .where(s.chat_id == card.chat_id, s.due_at == _naive(card.due_at))
            .values(**values)
        )

    async def reserve(self, count: int, rate: float) -> float:
        """Book `count` sending slots at `rate` a second on a clock all instances share; returns
        the Unix time of the first. Each instance spaces its sends from there, so all of them
        together stay within `rate` (the generic cell rate algorithm, kept in the database)."""
        now, span = time.time(), count / rate
        c = send_clock.c
        start = case((c.next_at > now, c.next_at), else_=literal(now))
        async with self.engine.begin() as conn:
            booked = (
                await conn.execute(
                    update(send_clock)
                    .where(c.name == "delivery")
                    .values(next_at=start + span)
                    .returning(c.next_at)
                )
            ).scalar()
        if booked is None:
            raise StoreError("the send_clock table has no 'delivery' row; run: film-bot db upgrade")
        return float(booked) - span

    # --- operations -------------------------------------------------------------------------

    async def reachable(self) -> bool:
        """Whether the database answers now (for /healthz)."""
        try:
            async with self.reader.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except DB_ERRORS:
            return False
        return True

    async def active_subscriptions(self) -> int | None:
        """How many chats get the daily film (None when the database is away)."""
        s = subscriptions.c
        return await self._read(
            "subscription count",
            None,
            lambda conn: _scalar(conn, select(func.count()).select_from(subscriptions).where(s.active)),
        )

    async def record_miss(self, asked: str, day: dt.date) -> None:
        """One more request for a film the catalogue lacks, as `asked` was written; spellings
        and alphabets fold together ("Сталкер", "stalker" and "STALKER" are one)."""
        name = latin(asked)[:200]
        if not name:
            return

        async def change(conn: AsyncConnection) -> None:
            statement = _insert(conn, misses).values(name=name, asked=1, last_day=day)
            await conn.execute(
                statement.on_conflict_do_update(
                    index_elements=["name"], set_={"asked": misses.c.asked + 1, "last_day": day}
                )
            )

        await self._write("missed title", change)

    async def misses(self, since: dt.date | None = None, top: int = 20) -> list[tuple[str, int, dt.date]]:
        """The titles most asked for and not found, asked on `since` or later: (name, times, last day)."""
        m = misses.c
        query = (
            select(m.name, m.asked, m.last_day).order_by(m.asked.desc(), m.last_day.desc(), m.name).limit(top)
        )
        if since is not None:
            query = query.where(m.last_day >= since)
        async with self.reader.connect() as conn:
            return [(row.name, row.asked, row.last_day) for row in await conn.execute(query)]

    async def count(self) -> dict[str, int]:
        """Rows per table (for tests, benchmarks and operators)."""
        async with self.engine.connect() as conn:
            return {
                table.name: int(
                    (await conn.execute(select(text("count(*)")).select_from(table))).scalar() or 0
                )
                for table in (chats, subscriptions, misses)
            }
