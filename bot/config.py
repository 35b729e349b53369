"""Settings from the environment, with errors that name the variable and the fix."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ConfigError(Exception):
    """A setting that cannot be used; the message says which variable and how to fix it."""


def catalog_path(override: str | None = None) -> Path | None:
    """The catalogue to load: a command-line path, else FILM_BOT_CATALOG, else the bundled one."""
    value = override or os.environ.get("FILM_BOT_CATALOG")
    return Path(value) if value else None


def timezone() -> ZoneInfo:
    """FILM_BOT_TIMEZONE (default UTC): where the film of the day changes at midnight."""
    name = os.environ.get("FILM_BOT_TIMEZONE", "UTC").strip() or "UTC"
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"FILM_BOT_TIMEZONE={name!r} is not a time zone; use a name like 'UTC' or 'Europe/Moscow'."
        ) from None


def today(zone: ZoneInfo | None = None) -> dt.date:
    """Today's date in the bot's time zone."""
    return dt.datetime.now(zone or timezone()).date()


@dataclass(frozen=True)
class Settings:
    """Everything `film-bot run` reads from the environment."""

    token: str
    base_url: str | None
    webhook_url: str | None
    webhook_secret: str | None
    port: int
    log_level: str
