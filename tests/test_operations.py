"""Running it in production: /healthz and /metrics through a real HTTP client, the webhook's
secret, the report of films people ask for that the catalogue lacks, and JSON logs."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sqlite3
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from conftest import free_port, sqlite_url, test_settings
from fake_bot_api import TOKEN, FakeBotAPI
from instances import BotProcess
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.engine import make_url
from test_subscriptions import relayed
from test_telegram import reply_to

from bot.brain import Brain
from bot.cli import main
from bot.service import build_application, polling, webhook
from bot.store import Store

ROOT = Path(__file__).resolve().parent.parent
SECRET = "hook-secret-for-tests-0123"


@contextlib.asynccontextmanager
async def serving(api: FakeBotAPI, brain: Brain, **overrides) -> AsyncIterator[str]:
    """The bot polling `api`, with /healthz and /metrics on a port of its own; yields their address."""
    port = free_port()
    async with polling(build_application(test_settings(api, metrics_port=port, **overrides), brain)):
        yield f"http://127.0.0.1:{port}"


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of a /metrics page, parsed by prometheus_client's own parser."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def scrape(client: httpx.AsyncClient, base: str) -> dict:
    response = await client.get(f"{base}/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    return samples(response.text)


def moved(before: dict, after: dict) -> dict:
    """The samples that changed, by how much (buckets and sums left out)."""
    return {
        key: after[key] - before.get(key, 0)
        for key in after
        if after[key] != before.get(key, 0) and not key[0].endswith(("_bucket", "_sum", "_created"))
    }


# --- health -----------------------------------------------------------------------------------


async def test_healthz_reports_catalogue_database_and_the_last_update(api: FakeBotAPI, brain: Brain) -> None:
    async with serving(api, brain) as base, httpx.AsyncClient() as client:
        first = await client.get(f"{base}/healthz")
        assert first.status_code == 200
        assert first.json() == {
            "status": "ok",
            "catalogue_loaded": True,
            "films": 22,
            "database": "reachable",
            "running": True,
            "last_update_seconds_ago": None,
        }
        await reply_to(api, "who directed mirror")
        later = (await client.get(f"{base}/healthz")).json()
        assert 0 <= later["last_update_seconds_ago"] < 5


async def test_healthz_is_503_while_the_database_is_unreachable(
    api: FakeBotAPI, brain: Brain, postgres_url: str
) -> None:
    proxy, through = await relayed(postgres_url)
    port = free_port()
    app = build_application(test_settings(api, metrics_port=port), brain, Store(through, backoff=0.01))
    async with polling(app), httpx.AsyncClient() as client:
        assert (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
        await proxy.cut()
        down = await client.get(f"http://127.0.0.1:{port}/healthz")
        assert down.status_code == 503
        assert down.json()["database"] == "unreachable" and down.json()["status"] == "unavailable"
        assert "Tarkovsky" in (await reply_to(api, "who directed mirror"))["text"]  # still answering
        await proxy.start()
        assert (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
    await proxy.cut()


# --- metrics ----------------------------------------------------------------------------------


async def test_metrics_count_exactly_what_happened(api: FakeBotAPI, brain: Brain) -> None:
    async with serving(api, brain) as base, httpx.AsyncClient() as client:
        before = await scrape(client, base)
        api.inject("sendMessage", "429", retry_after=0)  # Telegram's flood control, once
        await reply_to(api, "who directed mirror")
        await reply_to(api, "кто снял зеркало", chat_id=1002)
        await reply_to(api, "who directed stalker")  # not in the catalogue
        await reply_to(api, "/film circus")
        api.inline_query("mirror")
        assert await api.await_for(lambda a: len(a.inline_answers) == 1)
        after = await scrape(client, base)
    changes = moved(before, after)
    assert changes[("film_bot_updates_total", (("kind", "message"),))] == 4
    assert changes[("film_bot_updates_total", (("kind", "inline_query"),))] == 1
    assert changes[("film_bot_answers_total", (("intent", "director"), ("lang", "en")))] == 1
    assert changes[("film_bot_answers_total", (("intent", "director"), ("lang", "ru")))] == 1
    assert changes[("film_bot_answers_total", (("intent", "not_found"), ("lang", "en")))] == 1
    assert changes[("film_bot_answers_total", (("intent", "film"), ("lang", "en")))] == 2  # /film, inline
    assert changes[("film_bot_not_found_total", ())] == 1
    assert changes[("film_bot_bot_api_calls_total", (("method", "sendMessage"), ("outcome", "429")))] == 1
    assert changes[("film_bot_bot_api_calls_total", (("method", "sendMessage"), ("outcome", "ok")))] == 4
    assert changes[("film_bot_bot_api_retries_total", (("method", "sendMessage"),))] == 1
    assert (
        changes[("film_bot_bot_api_calls_total", (("method", "answerInlineQuery"), ("outcome", "ok")))] == 1
    )
    assert changes[("film_bot_update_seconds_count", ())] == 5
    assert changes[("film_bot_core_seconds_count", ())] == 5
    # labels come from fixed sets: no chat id, no text of a message anywhere on the page
    assert not any("1001" in str(labels) or "mirror" in str(labels) for _, labels in after)


async def test_metrics_count_subscriptions_and_deliveries(api: FakeBotAPI, brain: Brain) -> None:
    async with serving(api, brain) as base, httpx.AsyncClient() as client:
        await reply_to(api, "/subscribe")
        await reply_to(api, "/subscribe", chat_id=1002)
        page = await scrape(client, base)
        assert page[("film_bot_subscriptions_active", ())] == 2
        assert page[("film_bot_deliveries_total", (("outcome", "sent"),))] == 0


async def test_metrics_can_be_turned_off(api: FakeBotAPI, brain: Brain) -> None:
    async with serving(api, brain, metrics=False) as base, httpx.AsyncClient() as client:
        assert (await client.get(f"{base}/metrics")).status_code == 404
        assert (await client.get(f"{base}/healthz")).status_code == 200


# --- the webhook ------------------------------------------------------------------------------


async def test_the_webhook_serves_updates_health_and_metrics_and_refuses_without_the_secret(
    api: FakeBotAPI, brain: Brain
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    settings = test_settings(api, webhook_url=f"{base}/telegram", webhook_secret=SECRET, port=port)
    async with webhook(build_application(settings, brain), settings), httpx.AsyncClient() as client:
        assert api.webhook is not None and api.webhook["secret_token"] == SECRET
        assert "Andrei Tarkovsky" in (await reply_to(api, "who directed mirror"))["text"]
        update = {"update_id": 999, "message": {"message_id": 9, "date": 0, "chat": {"id": 1001, "type": "private"},
                                                "text": "mirror"}}  # fmt: skip
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
            refused = await client.post(f"{base}/telegram", json=update, headers=headers)
            assert refused.status_code == 403
        bad = await client.post(
            f"{base}/telegram", content=b"{", headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
        )
        assert bad.status_code == 400
        assert (await client.get(f"{base}/healthz")).json()["status"] == "ok"
        page = samples((await client.get(f"{base}/metrics")).text)
        assert page[("film_bot_updates_total", (("kind", "message"),))] == 1  # the refused ones never count
    assert len(api.sent_messages(1001)) == 1


# --- what people ask for and do not find ------------------------------------------------------


async def test_misses_are_counted_across_spellings_and_alphabets_without_chat_ids(
    api: FakeBotAPI, brain: Brain, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_url()
    questions = [
        (1001, "who directed Stalker?"),
        (1002, "кто снял Сталкер"),
        (1003, "stalker pls"),
        (1001, "hi, who made Solaris?"),
        (1004, "tell me about solaris"),
        (1005, "Kin-dza-dza!"),
    ]
    async with polling(build_application(test_settings(api, database_url=url), brain)):
        for chat_id, text in questions:
            await reply_to(api, text, chat_id=chat_id)
        await reply_to(api, "who directed mirror")  # found: not a miss
    path = make_url(url).database
    with sqlite3.connect(path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(misses)")]
        rows = conn.execute("SELECT * FROM misses").fetchall()
    assert columns == ["name", "asked", "last_day"]
    assert sorted((name, asked) for name, asked, _ in rows) == [
        ("kin dza dza", 1),
        ("solaris", 2),
        ("stalker", 3),
    ]
    chat_ids = {str(chat_id) for chat_id, _ in questions}
    assert not any(str(value) in chat_ids for row in rows for value in row)
    monkeypatch.setenv("DATABASE_URL", url)
    assert await asyncio.to_thread(main, ["misses", "--top", "2", "--since", "30d"]) == 0  # its own loop
    out = capsys.readouterr().out
    lines = [line.split() for line in out.splitlines() if line[:5].strip().isdigit()]
    assert [(line[0], line[2]) for line in lines] == [("3", "stalker"), ("2", "solaris")]
    assert "  - id: stalker" in out and "film-bot check" in out


async def test_misses_are_not_recorded_when_turned_off(api: FakeBotAPI, brain: Brain) -> None:
    url = sqlite_url()
    async with polling(build_application(test_settings(api, database_url=url, record_misses=False), brain)):
        await reply_to(api, "who directed Stalker?")
    store = Store(url)
    try:
        assert await store.misses() == []
    finally:
        await store.close()


def test_misses_with_a_bad_since_says_how(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["misses", "--since", "a month"]) == 2
    assert "--since takes days, like 30d" in capsys.readouterr().err


# --- logs -------------------------------------------------------------------------------------


def test_json_logs_parse_line_by_line_and_hold_neither_token_nor_secret(api: FakeBotAPI) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "FILM_BOT_"))}
    env |= {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": api.base_url,
        "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "WEBHOOK_SECRET": SECRET,
        "PORT": str(port),
        "DATABASE_URL": sqlite_url(),
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "DEBUG",
        "FILM_BOT_RATE_PER_SECOND": "0",
        "FILM_BOT_RETRIES": "1",
    }
    process = BotProcess(env)
    try:
        assert api.wait_for(lambda a: a.webhook is not None, timeout=30)
        for fault in ("5xx", "reset", "blocked", "429"):
            api.inject("sendMessage", fault, retry_after=0)
        for i in range(4):
            api.send_message("who directed mirror", chat_id=7001 + i)
        api.send_message("who directed stalker", chat_id=7010)
        assert api.wait_for(lambda a: bool(a.sent_messages(7010)), timeout=30)
        refused = httpx.post(f"http://127.0.0.1:{port}/telegram", json={"update_id": 1}, timeout=5)
        assert refused.status_code == 403
        time.sleep(0.5)
    finally:
        out, err = process.stop()
    assert process.returncode == 0
    lines = [line for line in err.splitlines() if line.strip()]
    entries = [json.loads(line) for line in lines]  # every line is one JSON object
    assert all({"time", "level", "logger", "message"} <= set(e) for e in entries)
    assert {"DEBUG", "INFO", "WARNING"} <= {e["level"] for e in entries}
    assert any(e.get("update_id") for e in entries)  # a failed update is named
    assert TOKEN not in out + err and SECRET not in out + err and TOKEN.split(":")[1] not in err
