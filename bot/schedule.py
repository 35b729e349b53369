"""Times of day and time zones for the daily film: reading "21:30" and "+3", and when a chat's
next card is due. Pure functions of their arguments; all moments are aware datetimes."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_MINUTE = 9 * 60  # /subscribe with no time: 09:00

_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def parse_time(text: str) -> int | None:
    """Minutes after midnight for "9", "09:00", "21:30", "21.30", "9pm", "9:30 am"; None if not a time."""
    found = _TIME.match(text.strip())
    if found is None:
        return None
    hour, minute, half = int(found[1]), int(found[2] or 0), (found[3] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


def time_text(minute: int) -> str:
    """ "09:00"."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def parse_zone(text: str) -> str | None:
    """The canonical name of a time zone written as "Europe/Moscow", "europe/moscow", "UTC",
    "+3", "UTC+3" or "-05:30"; None if it is none. Offsets are kept as "+03:00"."""
    text = text.strip()
    found = _OFFSET.match(text)
    if found is not None:
        sign, hours, minutes = found[1], int(found[2]), int(found[3] or 0)
        if hours > 14 or minutes > 59 or (hours == 14 and minutes):
            return None
        return f"{sign}{hours:02d}:{minutes:02d}"
    if not text or not re.fullmatch(r"[A-Za-z0-9_+\-/]+", text):
        return None
    for name in (text, "/".join(part.capitalize() for part in text.split("/")), text.upper()):
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return name
    return None


def zone(name: str) -> dt.tzinfo:
    """The tzinfo of a name `parse_zone` gave ("Europe/Moscow" or "+03:00")."""
    if name[:1] in "+-" and ":" in name:
        hours, minutes = name[1:].split(":")
        offset = dt.timedelta(hours=int(hours), minutes=int(minutes))
        return dt.timezone(-offset if name[0] == "-" else offset)
    return ZoneInfo(name)


def local_day(moment: dt.datetime, where: dt.tzinfo) -> dt.date:
    """The date at `moment` in `where`."""
    return moment.astimezone(where).date()


def next_due(minute: int, where: dt.tzinfo, now: dt.datetime, last_day: dt.date | None) -> dt.datetime:
    """When the next card is due (UTC): `minute` after midnight in `where`, on the first day after
    `last_day` (the day of the last card sent) whose moment is not yet past at `now`."""
    day = local_day(now, where)
    if last_day is not None and day <= last_day:
        day = last_day + dt.timedelta(days=1)
    while True:
        local = dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=where)
        moment = local.astimezone(dt.UTC)
        if moment >= now.replace(second=0, microsecond=0):  # the minute it is now still counts
            return moment
        day += dt.timedelta(days=1)
