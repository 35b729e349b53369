"""Times of day, time zones and when the next daily card is due."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.schedule import next_due, parse_time, parse_zone, time_text, zone

UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "minute"),
    [("9", 540), ("09:00", 540), ("21:30", 1290), ("21.30", 1290), ("7h05", 425), ("9pm", 1260),
     ("9:30 am", 570), ("12am", 0), ("12pm", 720), ("0:00", 0), ("23:59", 1439)],
)  # fmt: skip
def test_times_people_write(text: str, minute: int) -> None:
    assert parse_time(text) == minute


@pytest.mark.parametrize("text", ["24:00", "9:60", "13pm", "noon", "", "9:5", "-1", "9:00:00"])
def test_what_is_not_a_time(text: str) -> None:
    assert parse_time(text) is None


def test_time_text() -> None:
    assert [time_text(m) for m in (0, 540, 1290)] == ["00:00", "09:00", "21:30"]


@pytest.mark.parametrize(
    ("text", "name"),
    [("Europe/Moscow", "Europe/Moscow"), ("europe/moscow", "Europe/Moscow"), ("UTC", "UTC"),
     ("utc", "UTC"), ("+3", "+03:00"), ("UTC+3", "+03:00"), ("-05:30", "-05:30"), ("gmt-4", "-04:00"),
     ("+14", "+14:00"), ("America/New_York", "America/New_York")],
)  # fmt: skip
def test_time_zones_people_write(text: str, name: str) -> None:
    assert parse_zone(text) == name


@pytest.mark.parametrize("text", ["Mars/Olympus", "+15", "+3:75", "", "../etc/passwd", "Moscow time"])
def test_what_is_not_a_time_zone(text: str) -> None:
    assert parse_zone(text) is None


def test_offsets_are_fixed_zones() -> None:
    moment = dt.datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
    assert moment.astimezone(zone("+03:00")).hour == 9
    assert moment.astimezone(zone("-05:30")).strftime("%H:%M") == "00:30"


def test_the_next_card_is_today_if_its_time_has_not_passed_else_tomorrow() -> None:
    moscow = ZoneInfo("Europe/Moscow")
    now = dt.datetime(2026, 12, 7, 6, 0, 30, tzinfo=UTC)  # 09:00:30 in Moscow
    assert next_due(9 * 60, moscow, now, None) == dt.datetime(2026, 12, 7, 6, 0, tzinfo=UTC)  # this minute
    assert next_due(8 * 60, moscow, now, None) == dt.datetime(2026, 12, 8, 5, 0, tzinfo=UTC)
    # a card already sent today: tomorrow, whatever the time
    assert next_due(23 * 60, moscow, now, dt.date(2026, 12, 7)) == dt.datetime(2026, 12, 8, 20, 0, tzinfo=UTC)


def test_the_time_of_day_holds_across_a_daylight_saving_change() -> None:
    berlin = ZoneInfo("Europe/Berlin")  # clocks go forward on 29 March 2026
    before = next_due(9 * 60, berlin, dt.datetime(2026, 3, 28, 12, 0, tzinfo=UTC), dt.date(2026, 3, 28))
    after = next_due(9 * 60, berlin, before, dt.date(2026, 3, 29))
    assert before == dt.datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # 09:00 CEST
    assert after == dt.datetime(2026, 3, 30, 7, 0, tzinfo=UTC)
    assert dt.datetime(2026, 3, 27, 8, 0, tzinfo=UTC).astimezone(berlin).hour == 9  # 09:00 CET was 08:00 UTC


def test_a_zone_far_east_gets_its_own_date() -> None:
    kiritimati = ZoneInfo("Pacific/Kiritimati")  # UTC+14
    now = dt.datetime(2026, 12, 7, 20, 0, tzinfo=UTC)  # already 8 December there, 10:00
    assert next_due(9 * 60, kiritimati, now, None) == dt.datetime(2026, 12, 8, 19, 0, tzinfo=UTC)
