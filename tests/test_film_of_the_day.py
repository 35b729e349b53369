"""The film of the day: the same everywhere on a date, every film once per cycle, midnight in the bot's zone."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

from bot import config
from bot.brain import Brain, film_of_the_day
from bot.catalog import Catalog, load_catalog

EPOCH = dt.date(2024, 1, 1)  # the first day of the first cycle


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def cycle(catalog: Catalog, number: int) -> list[str]:
    start = EPOCH + dt.timedelta(days=number * len(catalog))
    return [film_of_the_day(catalog, start + dt.timedelta(days=d)).id for d in range(len(catalog))]


def test_same_date_same_film(catalog: Catalog) -> None:
    day = dt.date(2026, 5, 9)
    assert film_of_the_day(catalog, day) == film_of_the_day(catalog, day)
    assert film_of_the_day(catalog, day) == film_of_the_day(load_catalog(), day)


_SCRIPT = (
    "import datetime as dt;"
    "from bot.brain import film_of_the_day;"
    "from bot.catalog import load_catalog;"
    "c = load_catalog();"
    "print(' '.join(film_of_the_day(c, dt.date(2025, 1, 1) + dt.timedelta(days=d)).id for d in range(0, 400, 7)))"
)


def test_same_answer_across_processes_with_different_hash_seeds() -> None:
    outputs = []
    for seed in ("1", "2", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, env=env, timeout=60, check=True
        )
        outputs.append(done.stdout.strip())
    assert outputs[0]
    assert outputs[0] == outputs[1] == outputs[2]


@pytest.mark.parametrize("number", [0, 1, 2, 7, 33, -1])
def test_every_film_exactly_once_per_cycle(catalog: Catalog, number: int) -> None:
    ids = cycle(catalog, number)
    assert sorted(ids) == sorted(f.id for f in catalog)


def test_cycles_differ_in_order(catalog: Catalog) -> None:
    orders = {tuple(cycle(catalog, n)) for n in range(6)}
    assert len(orders) == 6


def test_no_repeat_from_mid_cycle_to_the_end_of_the_cycle(catalog: Catalog) -> None:
    # from day 5 of cycle 3 to its last day, no film comes twice
    n = len(catalog)
    start = EPOCH + dt.timedelta(days=3 * n + 5)
    first_part = [film_of_the_day(catalog, start + dt.timedelta(days=d)).id for d in range(n - 5)]
    assert len(set(first_part)) == len(first_part)


def test_brain_film_of_the_day_answer(catalog: Catalog) -> None:
    brain = Brain(catalog)
    day = dt.date(2026, 1, 2)
    answer = brain.film_of_the_day(day)
    assert answer.intent == "today"
    assert answer.films == (film_of_the_day(catalog, day),)
    assert answer.day == day
    assert 0 <= answer.fact < len(answer.films[0].facts)
    assert brain.answer("/today", day) == replace(brain.film_of_the_day(day, "/today"), lang="en")
    assert brain.answer("/today", day, lang="ru").lang == "ru"  # a command says no language: the chat's


def test_the_fact_of_the_day_is_stable(catalog: Catalog) -> None:
    brain = Brain(catalog)
    day = dt.date(2026, 7, 14)
    assert brain.film_of_the_day(day).fact == brain.film_of_the_day(day).fact


# --- the date in the bot's time zone --------------------------------------------------------


LATE_EVENING_UTC = dt.datetime(2026, 1, 1, 22, 0, tzinfo=dt.UTC)


def test_today_in_moscow_is_already_the_next_day() -> None:
    assert config.today(ZoneInfo("Europe/Moscow"), LATE_EVENING_UTC) == dt.date(2026, 1, 2)
    assert config.today(ZoneInfo("UTC"), LATE_EVENING_UTC) == dt.date(2026, 1, 1)


def test_today_west_of_utc_is_still_the_previous_day() -> None:
    just_after_midnight = dt.datetime(2026, 1, 2, 0, 30, tzinfo=dt.UTC)
    assert config.today(ZoneInfo("America/New_York"), just_after_midnight) == dt.date(2026, 1, 1)


def test_film_of_the_day_changes_at_midnight_in_the_bot_zone(catalog: Catalog) -> None:
    moscow = film_of_the_day(catalog, config.today(ZoneInfo("Europe/Moscow"), LATE_EVENING_UTC))
    utc = film_of_the_day(catalog, config.today(ZoneInfo("UTC"), LATE_EVENING_UTC))
    assert moscow == film_of_the_day(catalog, dt.date(2026, 1, 2))
    assert utc == film_of_the_day(catalog, dt.date(2026, 1, 1))


def test_timezone_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FILM_BOT_TIMEZONE", "Europe/Moscow")
    zone = config.timezone()
    assert zone == ZoneInfo("Europe/Moscow")
    assert config.today(now=LATE_EVENING_UTC) == dt.date(2026, 1, 2)


def test_timezone_defaults_to_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FILM_BOT_TIMEZONE", raising=False)
    assert config.timezone() == ZoneInfo("UTC")
    monkeypatch.setenv("FILM_BOT_TIMEZONE", "  ")
    assert config.timezone() == ZoneInfo("UTC")


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "Europe/Moskva", "not a zone", "../../etc/passwd"])
def test_invalid_timezone_raises_config_error(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("FILM_BOT_TIMEZONE", name)
    with pytest.raises(config.ConfigError, match="FILM_BOT_TIMEZONE"):
        config.timezone()
