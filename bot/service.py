"""The running bot: the python-telegram-bot `Application` wired with the handlers of
`bot/telegram_bot.py`, and its life: the store's migration, the command menu, the daily-film
delivery, the HTTP server (webhook, /healthz, /metrics), polling or the webhook, logging, and
`film-bot run`.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import signal
import sys
import time
from collections.abc import AsyncIterator, Awaitable
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from tornado.httpserver import HTTPServer

from . import config, web
from .brain import Brain
from .cache import load_brain
from .catalog import CatalogError
from .delivery import Deliverer
from .messages import LANGUAGES, tr
from .metrics import UPDATE_KINDS, Metrics
from .store import Store, StoreError, migrate, shown
from .telegram_bot import DESCRIPTION, SHORT_DESCRIPTION, FilmBot, command_menu
from .transport import JsonRequest, RetryingRequest

log = logging.getLogger("film_bot")


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Updates run concurrently across chats, one at a time and in order within each chat.

    python-telegram-bot runs updates one by one by default, so each waits for
    the network calls of the one before; serialising per chat keeps each
    chat's replies in the order of its messages while chats proceed in parallel.
    """

    def __init__(self, max_concurrent_updates: int, metrics: Metrics | None = None) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}
        self.metrics = metrics
        self.last_update: float | None = None  # time.monotonic() when the last update came to be handled

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        self.last_update = time.monotonic()
        if self.metrics is None:
            await self._in_order(update, coroutine)
        else:
            self.metrics.update(_update_kind(update))
            with self.metrics.update_seconds.time():
                await self._in_order(update, coroutine)

    async def _in_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_key(update)
        if key is None:
            await coroutine
            return
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]  # keeps memory flat however many chats come and go
            else:
                self._locks[key] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _update_kind(update: object) -> str:
    """Which of the kinds the bot handles an update is ("other" for the rest)."""
    if isinstance(update, Update):
        for kind in UPDATE_KINDS[:-1]:  # all but "other"
            if getattr(update, kind) is not None:
                return kind
    return "other"


def _chat_key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None


class RedactingFormatter(logging.Formatter):
    """Removes secrets (the bot token) from every formatted log line, tracebacks included."""

    def __init__(self, fmt: str, secrets: list[str]) -> None:
        super().__init__(fmt)
        self.secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "[REDACTED]")
        return text


class JsonFormatter(RedactingFormatter):
    """One JSON object a line, for log collectors: time, level, logger, message, the update id
    where the line is about one, and the traceback where there is one; secrets redacted."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__("%(message)s", secrets)

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        update_id = getattr(record, "update_id", None)
        if update_id is not None:
            entry["update_id"] = update_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        text = json.dumps(entry, ensure_ascii=False)
        for secret in self.secrets:  # JSON leaves the token's characters as they are
            text = text.replace(secret, "[REDACTED]")
        return text


def setup_logging(level: str, secrets: list[str], form: str = "text") -> None:
    """Log lines to standard error, for people ("text") or collectors ("json"), secrets redacted."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonFormatter(secrets)
        if form == "json"
        else RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and Telegram URLs contain the token
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # the database drivers log every statement at DEBUG, delivery's look for due cards each second
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    logging.getLogger("asyncpg").setLevel(logging.INFO)


class FilmApplication(Application):  # type: ignore[type-arg]
    """PTB's Application without its one unbounded set: with no persistence configured it still
    remembers the id of every chat and user it ever saw "for persistence", and never clears it."""

    def _mark_for_persistence_update(self, *, update: object | None = None, job: Any = None) -> None:
        if self.persistence is not None:
            super()._mark_for_persistence_update(update=update, job=job)


def application_builder(settings: config.Settings, metrics: Metrics | None = None) -> ApplicationBuilder:  # type: ignore[type-arg]
    """An ApplicationBuilder with the bot's connection, retry, rate and concurrency settings;
    with `metrics`, its requests and updates are counted."""
    builder = (
        ApplicationBuilder()
        .application_class(FilmApplication)
        .token(settings.token)
        .defaults(
            Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True))
        )
        .request(
            RetryingRequest(
                # one connection per update in flight: httpcore scans every pooled connection on
                # each request, so a pool much larger than the work in flight only costs time
                connection_pool_size=settings.concurrency,
                pool_timeout=settings.timeout,
                retries=settings.retries,
                read_timeout=settings.timeout,
                metrics=metrics,
            )
        )
        .get_updates_request(JsonRequest(connection_pool_size=2, metrics=metrics))
        .concurrent_updates(PerChatUpdateProcessor(settings.concurrency, metrics))
    )
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if settings.rate_overall or settings.rate_group:
        builder = builder.rate_limiter(
            AIORateLimiter(  # type: ignore[arg-type]  # PTB types the builder's limiter loosely
                overall_max_rate=settings.rate_overall,
                group_max_rate=settings.rate_group,
                max_retries=settings.retries,
            )
        )
    return builder


def build_application(settings: config.Settings, brain: Brain, store: Store | None = None) -> Application:  # type: ignore[type-arg]
    """The python-telegram-bot Application with every handler wired, the chat-state `store`
    (default: the database of settings.database_url), the daily-film delivery and the HTTP
    server of /healthz, /metrics and the webhook."""
    zone = config.timezone()
    store = store if store is not None else Store(settings.database_url or config.database_url(), zone=zone)
    metrics = Metrics() if settings.metrics else None
    film_bot = FilmBot(brain, store, zone=zone, metrics=metrics, record_misses=settings.record_misses)
    service = Service(film_bot, settings)
    builder = (
        application_builder(settings, metrics)
        .post_init(service.start)
        .post_stop(service.stop)
        .post_shutdown(service.close)
    )
    app = builder.build()
    app.bot_data["service"] = service  # for tests and embedding: its health, metrics and server
    new_only = filters.UpdateType.MESSAGE  # edited messages are ignored
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    # Group 0, first match wins: commands before free text, so "/film x" is a command.
    command_names = ["film", "fact", "random", "today", "films", "list", "help", "start"]
    for name, handler in (
        ("language", film_bot.on_language),
        ("subscribe", film_bot.on_subscribe),
        ("unsubscribe", film_bot.on_unsubscribe),
        ("subscription", film_bot.on_subscription),
        ("timezone", film_bot.on_timezone),
        ("forget", film_bot.on_forget),
    ):
        app.add_handler(CommandHandler(name, handler, filters=new_only))
    app.add_handler(CommandHandler(command_names, film_bot.on_command, filters=new_only))
    app.add_handler(MessageHandler(new_only & filters.COMMAND & private, film_bot.on_private_text))
    app.add_handler(
        MessageHandler(new_only & filters.TEXT & ~filters.COMMAND & private, film_bot.on_private_text)
    )
    app.add_handler(
        MessageHandler(new_only & filters.TEXT & ~filters.COMMAND & groups, film_bot.on_group_text)
    )
    app.add_handler(
        MessageHandler(new_only & private & ~filters.TEXT & ~filters.StatusUpdate.ALL, film_bot.on_not_text)
    )
    app.add_handler(CallbackQueryHandler(film_bot.on_button))
    app.add_handler(InlineQueryHandler(film_bot.on_inline_query))
    app.add_handler(ChatMemberHandler(film_bot.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_error_handler(film_bot.on_error)
    return app


class Service:
    """What runs beside the handlers, tied to the Application's life: the store's migration,
    the command menu, the daily-film `Deliverer`, and the HTTP server (the webhook, /healthz
    and /metrics). It starts once the bot is up and stops before it shuts down."""

    def __init__(self, film_bot: FilmBot, settings: config.Settings) -> None:
        self.film_bot, self.settings = film_bot, settings
        self.metrics = film_bot.metrics
        self.task: asyncio.Task[None] | None = None
        self.deliverer: Deliverer | None = None
        self.server: HTTPServer | None = None
        self.app: Application | None = None  # type: ignore[type-arg]

    async def start(self, app: Application) -> None:  # type: ignore[type-arg]
        self.app = app
        await migrate(self.film_bot.store.url)  # StoreError, naming DATABASE_URL, stops the start
        log.info("chat state in %s", shown(self.film_bot.store.url))
        await _post_init(app)
        self.deliverer = Deliverer(
            self.film_bot.store,
            lambda card: self.film_bot.deliver(app.bot, card),
            rate=self.settings.rate_overall,
            lease=self.settings.delivery_lease,
            tick=self.settings.delivery_tick,
            count=self.metrics.deliveries.labels if self.metrics else None,
        )
        self.task = asyncio.create_task(self.deliverer.run(), name="daily-film delivery")
        settings = self.settings
        if settings.webhook_url and settings.webhook_secret:
            hook = (settings.webhook_path, app, settings.webhook_secret)
            self.server = web.serve(settings.port, "0.0.0.0", self.health, self.metrics, self.refresh, hook)
        elif settings.metrics_port:
            self.server = web.serve(settings.metrics_port, "0.0.0.0", self.health, self.metrics, self.refresh)

    async def stop(self, app: Application) -> None:  # type: ignore[type-arg]
        if self.server is not None:
            self.server.stop()
            self.server = None
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
            self.task = None

    async def close(self, app: Application) -> None:  # type: ignore[type-arg]
        await self.film_bot.store.close()

    async def health(self) -> tuple[bool, dict[str, Any]]:
        """Whether the bot can serve, and the facts behind it (GET /healthz)."""
        database = await self.film_bot.store.reachable()
        running = self.app is not None and self.app.running
        processor = self.app.update_processor if self.app is not None else None
        last = processor.last_update if isinstance(processor, PerChatUpdateProcessor) else None
        body = {
            "status": "ok" if database and running else "unavailable",
            "catalogue_loaded": True,
            "films": self.film_bot.total,
            "database": "reachable" if database else "unreachable",
            "running": running,
            "last_update_seconds_ago": web.seconds_since(last),
        }
        return database and running, body

    async def refresh(self) -> None:
        """Before a scrape: the gauges read from the database."""
        if self.metrics is not None:
            active = await self.film_bot.store.active_subscriptions()
            if active is not None:
                self.metrics.subscriptions.set(active)


async def _post_init(app: Application) -> None:  # type: ignore[type-arg]
    """Show the command menu and the bot's descriptions in Telegram's interface, in each language
    (English for everyone, and each other language for users whose Telegram speaks it)."""
    for lang in LANGUAGES:
        code = None if lang == "en" else lang
        await app.bot.set_my_commands(command_menu(lang), language_code=code)
        await app.bot.set_my_description(tr(lang, DESCRIPTION), language_code=code)
        await app.bot.set_my_short_description(tr(lang, SHORT_DESCRIPTION), language_code=code)


@contextlib.asynccontextmanager
async def polling(app: Application, timeout: int = 1) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Run `app` with long polling as `run_polling` does, inside an event loop someone else owns
    (tests, benchmarks, embedding), and shut it down cleanly: fetched updates are answered and
    confirmed before it returns."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=timeout, allowed_updates=Update.ALL_TYPES)
    try:
        yield app
    finally:
        if app.updater.running:
            await app.updater.stop()
        await _stop(app)


@contextlib.asynccontextmanager
async def webhook(app: Application, settings: config.Settings) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Run `app` behind its own webhook (the HTTP server of /healthz and /metrics, `bot/web.py`),
    registered with Telegram with its secret token; stopped cleanly as `polling` is."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)  # starts the server, with the webhook's route
    await app.bot.set_webhook(
        settings.webhook_url or "",
        secret_token=settings.webhook_secret,
        allowed_updates=Update.ALL_TYPES,
        max_connections=settings.concurrency,
    )
    await app.start()
    try:
        yield app
    finally:
        await _stop(app)


async def _stop(app: Application) -> None:  # type: ignore[type-arg]
    """What run_polling does after its updater stops: updates already fetched are answered."""
    await app.stop()
    if app.post_stop:
        await app.post_stop(app)
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)


async def run_webhook(app: Application, settings: config.Settings) -> None:  # type: ignore[type-arg]
    """Serve the webhook until SIGTERM or SIGINT (Ctrl-C), then stop cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with webhook(app, settings):
        await stop.wait()


def run() -> int:
    """`film-bot run`: polling, or a webhook when WEBHOOK_URL is set."""
    try:
        settings = config.settings()
    except config.ConfigError as exc:
        print(f"film-bot: {exc}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level, [settings.token, settings.webhook_secret or ""], settings.log_format)
    try:  # a broken catalogue stops the bot before it connects: it never runs half-loaded
        brain = load_brain(config.catalog_path())
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 1
    app = build_application(settings, brain)
    log.info(
        "catalogue loaded: %d films; starting %s",
        len(brain.catalog),
        "webhook" if settings.webhook_url else "polling",
    )
    try:  # the store is migrated as the bot starts: a database it cannot use stops it there
        if settings.webhook_url:
            asyncio.run(run_webhook(app, settings))
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except StoreError as exc:
        print(f"film-bot: {exc}", file=sys.stderr)
        return 1
    return 0
