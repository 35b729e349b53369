"""Shared fixtures: the catalogue, the chat-state databases (an SQLite file and a real PostgreSQL
server), a clock tests move by hand, and the real bot running against the fake Bot API server."""

from __future__ import annotations

import atexit
import datetime as dt
import itertools
import os
import shutil
import socket
import tempfile
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from fake_bot_api import TOKEN, FakeBotAPI
from sqlalchemy.engine import make_url

from bot.brain import Brain
from bot.catalog import load_catalog
from bot.config import Settings
from bot.service import build_application, polling
from bot.store import Store, migrate

# The PostgreSQL server the tests use; the project's machines run one here with trust auth.
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
# .ci/run sets this: there a missing server fails the PostgreSQL tests instead of skipping them.
REQUIRE_POSTGRES = os.environ.get("FILM_BOT_REQUIRE_POSTGRES", "") not in ("", "0")

_TEMP = Path(tempfile.mkdtemp(prefix="film-bot-tests-"))
atexit.register(shutil.rmtree, _TEMP, ignore_errors=True)
_FILES = itertools.count()


def sqlite_url() -> str:
    """A new, empty SQLite file for one test (removed when the tests end)."""
    return f"sqlite:///{_TEMP / f'chats-{next(_FILES)}.sqlite3'}"


class Clock:
    """UTC time that passes only when a test says so."""

    def __init__(self, now: dt.datetime = dt.datetime(2026, 12, 7, 6, 0, tzinfo=dt.UTC)) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="session")
def brain() -> Brain:
    return Brain(load_catalog())


@pytest.fixture
def api():
    with FakeBotAPI() as server:
        yield server


def test_settings(api: FakeBotAPI, **overrides) -> Settings:
    """Settings for a bot talking to `api`, rate limits off so tests run at full speed, chat
    state in a new SQLite file, and delivery looking for due cards often."""
    values = {
        "token": TOKEN,
        "base_url": api.base_url,
        "rate_overall": 0.0,
        "rate_group": 0.0,
        "retries": 2,
        "database_url": sqlite_url(),
        "delivery_tick": 0.05,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


test_settings.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


@pytest.fixture
async def bot(api: FakeBotAPI, brain: Brain) -> AsyncIterator[FakeBotAPI]:
    """The real Application polling the fake server; the test plays the user through `api`."""
    async with polling(build_application(test_settings(api), brain)):
        yield api


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- databases ------------------------------------------------------------------------------


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A new, empty database on the test PostgreSQL server, dropped after the test."""
    try:
        admin = await asyncpg.connect(TEST_DATABASE_URL, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        message = f"PostgreSQL is not reachable at TEST_DATABASE_URL={TEST_DATABASE_URL}: {exc}"
        if REQUIRE_POSTGRES:
            pytest.fail(message + " (FILM_BOT_REQUIRE_POSTGRES is set: these tests must run)")
        pytest.skip(message)
    name = f"film_bot_test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(TEST_DATABASE_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each store test runs twice: on an SQLite file and on a real PostgreSQL database."""
    return sqlite_url() if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))


@pytest.fixture
async def store(database_url: str, clock: Clock) -> AsyncIterator[Store]:
    """A migrated store on each backend, on the test's clock."""
    await migrate(database_url)
    store = Store(database_url, clock=clock)
    yield store
    await store.close()
