"""Shared fixtures: the catalogue, and the real bot running against the fake Bot API server."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest
from fake_bot_api import TOKEN, FakeBotAPI

from bot.brain import Brain
from bot.catalog import load_catalog
from bot.config import Settings
from bot.telegram_bot import build_application, polling


@pytest.fixture(scope="session")
def brain() -> Brain:
    return Brain(load_catalog())


@pytest.fixture
def api():
    with FakeBotAPI() as server:
        yield server


def test_settings(api: FakeBotAPI, **overrides) -> Settings:
    """Settings for a bot talking to `api`, rate limits off so tests run at full speed."""
    values = {"token": TOKEN, "base_url": api.base_url, "rate_overall": 0.0, "rate_group": 0.0, "retries": 2}
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
