"""Running `film-bot run` processes against the fake Bot API and one database, and counting what
they delivered: shared by the multi-instance delivery tests and benchmarks/delivery.py."""

from __future__ import annotations

import collections
import datetime as dt
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

from fake_bot_api import TOKEN, FakeBotAPI
from sqlalchemy import insert

from bot.store import Store, migrate, subscriptions

ROOT = Path(__file__).resolve().parent.parent


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


def start_instance(api: FakeBotAPI, url: str, log: Path, **env_extra: str) -> subprocess.Popen[bytes]:
    """`film-bot run` polling `api`, with its chat state at `url` and its output in `log`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "FILM_BOT_"))}
    env |= {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": api.base_url,
        "DATABASE_URL": url,
        "PYTHONUNBUFFERED": "1",
        **env_extra,
    }
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT, stdout=out, stderr=out
        )


class BotProcess:
    """`film-bot run` as a child process, its stdout and stderr kept in files until it stops.

    Not pipes: nobody reads a pipe while a test runs, and once a child has written 64 KB to one
    (a DEBUG log with a few tracebacks), its next log line blocks its whole event loop."""

    def __init__(self, env: dict[str, str]) -> None:
        # closed by stop(), which every caller reaches through try/finally
        self._out, self._err = tempfile.TemporaryFile(), tempfile.TemporaryFile()  # noqa: SIM115
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT, stdout=self._out, stderr=self._err
        )

    @property
    def returncode(self) -> int | None:
        return self.popen.returncode

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 30) -> tuple[str, str]:
        """Send `signum` (unless it has exited), wait for the exit, return (stdout, stderr).
        Killed, and the timeout raised, if it has not exited within `timeout` seconds."""
        if self.popen.poll() is None:
            self.popen.send_signal(signum)
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
            raise
        finally:
            out, err = self._read(self._out), self._read(self._err)
        return out, err

    @staticmethod
    def _read(file: IO[bytes]) -> str:
        file.seek(0)
        with file:
            return file.read().decode("utf-8", "replace")


def delivered(api: FakeBotAPI, chats: range) -> tuple[collections.Counter[int], list[float]]:
    """Messages accepted per chat of `chats`, and when each arrived (time.monotonic)."""
    sent = [c for c in api.calls_of("sendMessage") if c.status == 200 and int(c.params["chat_id"]) in chats]
    return collections.Counter(int(c.params["chat_id"]) for c in sent), sorted(c.time for c in sent)


def busiest_second(times: list[float]) -> int:
    """The most messages in any one-second window."""
    most, first = 0, 0
    for last, moment in enumerate(times):
        while moment - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most
