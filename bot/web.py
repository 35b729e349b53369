"""The bot's own HTTP server (tornado, which python-telegram-bot's webhook extra brings):
the webhook Telegram posts updates to, GET /healthz and GET /metrics.

python-telegram-bot's built-in webhook server serves only the webhook, so the
bot runs the `Application` inside this one, as python-telegram-bot's "custom
webhook" examples do: each update posted with the right secret token goes on
the Application's update queue. In polling mode the same server, without the
webhook, answers /healthz and /metrics on FILM_BOT_METRICS_PORT.
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import tornado.web
from prometheus_client import CONTENT_TYPE_LATEST
from telegram import Update
from tornado.httpserver import HTTPServer

from .metrics import Metrics

log = logging.getLogger("film_bot.web")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class Health(tornado.web.RequestHandler):
    def initialize(self, check: Callable[[], Awaitable[tuple[bool, dict[str, Any]]]]) -> None:
        self.check = check

    async def get(self) -> None:
        healthy, body = await self.check()
        self.set_status(200 if healthy else 503)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body))


class MetricsPage(tornado.web.RequestHandler):
    def initialize(self, metrics: Metrics, refresh: Callable[[], Awaitable[None]]) -> None:
        self.metrics, self.refresh = metrics, refresh

    async def get(self) -> None:
        await self.refresh()
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.finish(self.metrics.exposition())


class Webhook(tornado.web.RequestHandler):
    """Telegram's POSTs: refused (403) without the secret token, else queued for the Application."""

    def initialize(self, bot_app: Any, secret: str) -> None:
        self.bot_app, self.secret = bot_app, secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook: a request without the right secret token was refused")
            raise tornado.web.HTTPError(403)
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.bot_app.bot)
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("webhook: a request that is not an update was refused: %s", exc)
            raise tornado.web.HTTPError(400) from None
        if update is None:
            raise tornado.web.HTTPError(400)
        await self.bot_app.update_queue.put(update)
        self.set_status(200)
        self.finish()

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:  # tornado's traceback is not needed
        if not isinstance(value, tornado.web.HTTPError):
            super().log_exception(typ, value, tb)


def serve(
    port: int,
    listen: str,
    check: Callable[[], Awaitable[tuple[bool, dict[str, Any]]]],
    metrics: Metrics | None,
    refresh: Callable[[], Awaitable[None]],
    webhook: tuple[str, Any, str] | None = None,
) -> HTTPServer:
    """Start serving on the running event loop; `webhook` is (path, Application, secret)."""
    routes: list[Any] = [(r"/healthz", Health, {"check": check})]
    if metrics is not None:
        routes.append((r"/metrics", MetricsPage, {"metrics": metrics, "refresh": refresh}))
    if webhook is not None:
        path, application, secret = webhook
        routes.append((f"/{path.lstrip('/')}", Webhook, {"bot_app": application, "secret": secret}))
    server = HTTPServer(tornado.web.Application(routes, log_function=_quiet))
    server.listen(port, listen)
    return server


def _quiet(handler: tornado.web.RequestHandler) -> None:
    """Tornado logs every request; only failures are worth a line."""
    if handler.get_status() >= 500:
        log.warning("%s %s: %d", handler.request.method, handler.request.path, handler.get_status())


def seconds_since(moment: float | None) -> float | None:
    return None if moment is None else round(time.monotonic() - moment, 3)
