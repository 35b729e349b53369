"""Settings from the environment, with errors that name the variable and the fix."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

N = TypeVar("N", int, float)


class ConfigError(Exception):
    """A setting that cannot be used; the message says which variable and how to fix it."""


def catalog_path(override: str | None = None) -> Path | None:
    """The catalogue to load: a command-line path, else FILM_BOT_CATALOG, else the bundled one."""
    value = override or os.environ.get("FILM_BOT_CATALOG")
    return Path(value) if value else None


def default_database_path() -> Path:
    """Where the SQLite file of chat state lives when DATABASE_URL is not set."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "film-bot" / "chats.sqlite3"


def database_url(env: Mapping[str, str] | None = None) -> str:
    """DATABASE_URL (sqlite:///path or postgresql://...), else the default SQLite file."""
    env = os.environ if env is None else env
    return env.get("DATABASE_URL", "").strip() or f"sqlite:///{default_database_path()}"


def timezone() -> ZoneInfo:
    """FILM_BOT_TIMEZONE (default UTC): where the film of the day changes at midnight."""
    name = os.environ.get("FILM_BOT_TIMEZONE", "UTC").strip() or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"FILM_BOT_TIMEZONE={name!r} is not a time zone; use a name like 'UTC' or 'Europe/Moscow'."
        ) from None


def today(zone: ZoneInfo | None = None, now: dt.datetime | None = None) -> dt.date:
    """The date in the bot's time zone at `now` (an aware datetime; default: this moment)."""
    zone = zone or timezone()
    return (now or dt.datetime.now(dt.UTC)).astimezone(zone).date()


@dataclass(frozen=True)
class Settings:
    """Everything `film-bot run` reads from the environment (README, "Configuration")."""

    token: str
    base_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None
    port: int = 8080
    log_level: str = "INFO"
    rate_overall: float = 30.0  # messages a second across all chats (Telegram's limit); 0: off
    rate_group: float = 20.0  # messages a minute in one group (Telegram's limit); 0: off
    retries: int = 3  # attempts after the first for a call that failed in transit or got 429
    concurrency: int = 16  # updates handled at once (one at a time within a chat)
    timeout: float = 5.0  # seconds to wait for Telegram's answer to a call (not getUpdates) before retrying
    database_url: str = ""  # chat state: DATABASE_URL, else the SQLite file store.default_path()
    delivery_lease: float = 60.0  # seconds a claimed daily card is one instance's to send
    delivery_tick: float = 1.0  # seconds between looks for due cards when there are none
    metrics: bool = True  # count for /metrics; FILM_BOT_METRICS=0 turns counting off
    metrics_port: int | None = None  # polling mode: serve /healthz and /metrics on this port
    record_misses: bool = True  # keep the titles people ask for that the catalogue lacks
    log_format: str = "text"  # "text" for people, "json" for log collectors

    @property
    def webhook_path(self) -> str:
        """The path the webhook listens on: the path of WEBHOOK_URL."""
        return urlsplit(self.webhook_url or "").path.lstrip("/")


_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read and check the bot's settings; ConfigError names the variable and the fix."""
    env = os.environ if env is None else env
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather in Telegram (/newbot), "
            "then run: export TELEGRAM_BOT_TOKEN=<the token it gives you>"
        )
    if not _TOKEN.match(token):
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters)."
        )
    webhook_url = env.get("WEBHOOK_URL", "").strip() or None
    secret = env.get("WEBHOOK_SECRET", "").strip() or None
    if webhook_url:
        if not webhook_url.startswith("https://") and not webhook_url.startswith("http://"):
            raise ConfigError(f"WEBHOOK_URL must be an https:// address, got {webhook_url!r}.")
        if not secret or not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise ConfigError(
                "WEBHOOK_SECRET must be set with WEBHOOK_URL: 1 to 256 characters of A-Z, a-z, 0-9, _ and -. "
                "Telegram sends it with every update so the bot can refuse anyone else."
            )
    base_url = env.get("TELEGRAM_BASE_URL", "").strip() or None
    if base_url and not base_url.startswith(("http://", "https://")):
        raise ConfigError(f"TELEGRAM_BASE_URL must look like http://host:port/bot, got {base_url!r}.")
    log_format = env.get("LOG_FORMAT", "text").strip().lower() or "text"
    if log_format not in ("text", "json"):
        raise ConfigError(f"LOG_FORMAT must be text or json, got {log_format!r}.")
    metrics_port = _number(env, "FILM_BOT_METRICS_PORT", 0, int) or None
    level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in _LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(_LEVELS)}, got {level!r}.")
    return Settings(
        token=token,
        base_url=base_url,
        webhook_url=webhook_url,
        webhook_secret=secret,
        port=_number(env, "PORT", 8080, int),
        log_level=level,
        rate_overall=_number(env, "FILM_BOT_RATE_PER_SECOND", 30.0, float),
        rate_group=_number(env, "FILM_BOT_GROUP_RATE_PER_MINUTE", 20.0, float),
        retries=_number(env, "FILM_BOT_RETRIES", 3, int),
        concurrency=max(1, _number(env, "FILM_BOT_CONCURRENCY", 16, int)),
        timeout=_number(env, "FILM_BOT_TIMEOUT", 5.0, float) or 5.0,
        database_url=database_url(env),
        delivery_lease=_number(env, "FILM_BOT_DELIVERY_LEASE", 60.0, float) or 60.0,
        metrics=_switch(env, "FILM_BOT_METRICS"),
        metrics_port=metrics_port,
        record_misses=_switch(env, "FILM_BOT_RECORD_MISSES"),
        log_format=log_format,
    )


def _switch(env: Mapping[str, str], name: str) -> bool:
    """On unless set to 0, false, no or off."""
    raw = env.get(name, "").strip().lower()
    if raw in ("", "1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name} must be 1 or 0, got {raw!r}.")


def _number(env: Mapping[str, str], name: str, default: N, kind: Callable[[str], N]) -> N:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}.") from None
    if value < 0:
        raise ConfigError(f"{name} must not be negative, got {raw!r}.")
    return value
